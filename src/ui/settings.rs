//! The explorer's part of the config file: `[ui]`, `[keys]` and `[colors]`.
//!
//! ```toml
//! [ui]
//! lang = "zh"            # or "en"; default: the locale
//! mouse = true           # mouse scroll and click; --no-mouse turns it off
//! hide_dismissed = false # start with dismissed findings hidden
//! tree_width = 45        # percent of the width given to the tree
//!
//! [keys]                 # replaces the keys of an action (see `?` for names)
//! search = ["/", "ctrl-f"]
//! quit = "q"
//!
//! [colors]               # a colour name, a number 0-255 or #rrggbb
//! error = "lightred"
//! ```

use std::path::Path;
use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;

use super::i18n::Lang;
use super::keymap::{Action, Key, Keymap};
use super::theme::Theme;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UiTable {
    lang: Option<String>,
    mouse: Option<bool>,
    hide_dismissed: Option<bool>,
    tree_width: Option<u16>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

/// Everything the explorer reads from the config file.
#[derive(Clone, Debug)]
pub struct Settings {
    pub lang: Option<Lang>,
    pub mouse: bool,
    pub hide_dismissed: bool,
    /// Percent of the width given to the tree in the two-pane layout.
    pub tree_width: u16,
    pub keymap: Keymap,
    pub theme: Theme,
}

impl Settings {
    pub fn defaults(color: bool) -> Settings {
        Settings {
            lang: None,
            mouse: true,
            hide_dismissed: false,
            tree_width: 45,
            keymap: Keymap::default(),
            theme: Theme::new(color),
        }
    }

    /// Reads `[ui]`, `[keys]` and `[colors]` of `table`; errors name the file and the key.
    pub fn from_table(
        table: Option<&toml::Table>,
        origin: &Path,
        color: bool,
    ) -> Result<Settings, String> {
        let mut s = Settings::defaults(color);
        let Some(table) = table else { return Ok(s) };
        let here = |section: &str, msg: &str| format!("{}: [{section}]: {msg}", origin.display());
        if let Some(ui) = table.get("ui") {
            let ui: UiTable = ui
                .clone()
                .try_into()
                .map_err(|e: toml::de::Error| here("ui", e.message()))?;
            if let Some(l) = ui.lang {
                s.lang = Some(Lang::parse(&l).ok_or_else(|| {
                    here("ui", &format!("lang {l:?}: expected \"zh\" or \"en\""))
                })?);
            }
            if let Some(m) = ui.mouse {
                s.mouse = m;
            }
            if let Some(h) = ui.hide_dismissed {
                s.hide_dismissed = h;
            }
            if let Some(w) = ui.tree_width {
                if !(20..=80).contains(&w) {
                    return Err(here(
                        "ui",
                        &format!("tree_width {w}: expected a percentage from 20 to 80"),
                    ));
                }
                s.tree_width = w;
            }
        }
        if let Some(keys) = table.get("keys") {
            let keys: std::collections::BTreeMap<String, Keys> = keys
                .clone()
                .try_into()
                .map_err(|e: toml::de::Error| here("keys", e.message()))?;
            for (name, spec) in keys {
                let action = Action::from_name(&name).ok_or_else(|| {
                    let names: Vec<&str> = Action::all().map(Action::name).collect();
                    here(
                        "keys",
                        &format!(
                            "unknown action {name:?}; expected one of {}",
                            names.join(", ")
                        ),
                    )
                })?;
                let list = match spec {
                    Keys::One(k) => vec![k],
                    Keys::Many(v) => v,
                };
                let parsed = list
                    .iter()
                    .map(|k| Key::parse(k).ok_or_else(|| here("keys", &format!("{name}: cannot read key {k:?}; expected e.g. \"q\", \"ctrl-f\", \"pagedown\", \"f1\""))))
                    .collect::<Result<Vec<_>, _>>()?;
                s.keymap.rebind(action, parsed);
            }
            for action in [Action::Quit, Action::Help] {
                if !s.keymap.reachable(action) {
                    return Err(here(
                        "keys",
                        &format!(
                            "{}: no key of its own is left (none given, or each also bound to \
                             another action); every keymap needs a way to quit and to get help \
                             (ctrl-c always quits)",
                            action.name()
                        ),
                    ));
                }
            }
        }
        if let Some(colors) = table.get("colors") {
            let colors: std::collections::BTreeMap<String, String> = colors
                .clone()
                .try_into()
                .map_err(|e: toml::de::Error| here("colors", e.message()))?;
            for (slot, value) in colors {
                let c = Color::from_str(&value).map_err(|_| {
                    here("colors", &format!("{slot}: cannot read colour {value:?}; expected a name (red, lightblue), 0-255 or #rrggbb"))
                })?;
                s.theme.set(&slot, c).map_err(|e| here("colors", &e))?;
            }
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, String> {
        let t: toml::Table = text.parse().unwrap();
        Settings::from_table(Some(&t), Path::new("c.toml"), true)
    }

    #[test]
    fn reads_ui_keys_colors() {
        let s = parse(
            "[ui]\nlang='zh'\nmouse=false\nhide_dismissed=true\n[keys]\nsearch=['s','ctrl-f']\nquit='Q'\n[colors]\nerror='lightred'\n[audit]\n",
        )
        .unwrap();
        assert_eq!(s.lang, Some(Lang::Zh));
        assert!(!s.mouse && s.hide_dismissed);
        assert_eq!(s.keymap.keys_of(Action::Search), "s/C-f");
        assert_eq!(s.keymap.keys_of(Action::Quit), "Q");
    }

    #[test]
    fn errors_name_file_section_and_key() {
        let e = parse("[ui]\nlang='fr'\n").unwrap_err();
        assert!(e.contains("c.toml: [ui]: lang \"fr\""), "{e}");
        let e = parse("[ui]\nbogus=1\n").unwrap_err();
        assert!(e.contains("[ui]") && e.contains("bogus"), "{e}");
        let e = parse("[keys]\nfly='x'\n").unwrap_err();
        assert!(e.contains("unknown action \"fly\""), "{e}");
        let e = parse("[keys]\nquit='nonsense'\n").unwrap_err();
        assert!(e.contains("cannot read key"), "{e}");
        let e = parse("[colors]\nerror='blurple'\n").unwrap_err();
        assert!(e.contains("cannot read colour"), "{e}");
        let e = parse("[colors]\nsky='red'\n").unwrap_err();
        assert!(e.contains("unknown colour slot"), "{e}");
        for keys in [
            "quit = []",
            "quit = 'j'",
            "quit = ['j', 'k']",
            "help = []",
            "help = 'j'",
        ] {
            let e = parse(&format!("[keys]\n{keys}\n")).unwrap_err();
            assert!(e.contains("no key of its own"), "{keys}: {e}");
        }
        assert!(parse("[keys]\nquit = ['j', 'Q']\n").is_ok());
    }
}
