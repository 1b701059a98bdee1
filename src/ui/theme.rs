//! Styles. Meaning is never carried by colour alone: severities have letters, the selection is
//! reversed, matches are underlined. `NO_COLOR` turns every colour off; the defaults use the 16
//! basic colours only. `[colors]` in the config file overrides them by slot.

use ratatui::style::{Color, Modifier, Style};

/// Every style the explorer uses.
#[derive(Clone, Debug)]
pub struct Theme {
    pub color: bool,
    pub header: Style,
    pub footer: Style,
    pub key: Style,
    pub selected: Style,
    pub border: Style,
    pub border_focus: Style,
    pub error: Style,
    pub warning: Style,
    pub info: Style,
    pub dim: Style,
    pub matched: Style,
    pub tab_active: Style,
    pub title: Style,
    pub confirmed: Style,
    pub dismissed: Style,
    pub bar: Style,
}

fn fg(color: bool, c: Color) -> Style {
    if color {
        Style::new().fg(c)
    } else {
        Style::new()
    }
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            color,
            header: if color {
                Style::new().fg(Color::Black).bg(Color::Cyan)
            } else {
                Style::new().add_modifier(Modifier::REVERSED)
            },
            footer: Style::new(),
            key: fg(color, Color::Cyan).add_modifier(bold),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: fg(color, Color::DarkGray),
            border_focus: fg(color, Color::Cyan).add_modifier(bold),
            error: fg(color, Color::Red).add_modifier(bold),
            warning: fg(color, Color::Yellow),
            info: fg(color, Color::Blue),
            dim: if color {
                Style::new().fg(Color::DarkGray)
            } else {
                Style::new().add_modifier(Modifier::DIM)
            },
            matched: fg(color, Color::Yellow).add_modifier(bold | Modifier::UNDERLINED),
            tab_active: Style::new().add_modifier(bold | Modifier::REVERSED),
            title: Style::new().add_modifier(bold),
            confirmed: fg(color, Color::Green),
            dismissed: fg(color, Color::DarkGray),
            bar: fg(color, Color::Cyan),
        }
    }

    /// Whether colours should be used: not when `NO_COLOR` is set to anything non-empty.
    pub fn color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }

    /// Sets the foreground colour of a slot (ignored without colour).
    pub fn set(&mut self, slot: &str, color: Color) -> Result<(), String> {
        let style = match slot {
            "header" => &mut self.header,
            "key" => &mut self.key,
            "border" => &mut self.border,
            "border_focus" => &mut self.border_focus,
            "error" => &mut self.error,
            "warning" => &mut self.warning,
            "info" => &mut self.info,
            "dim" => &mut self.dim,
            "matched" => &mut self.matched,
            "confirmed" => &mut self.confirmed,
            "dismissed" => &mut self.dismissed,
            "bar" => &mut self.bar,
            _ => {
                return Err(format!(
                    "unknown colour slot {slot:?}; expected one of {}",
                    SLOTS.join(", ")
                ));
            }
        };
        if self.color {
            *style = if slot == "header" {
                style.bg(color)
            } else {
                style.fg(color)
            };
        }
        Ok(())
    }

    pub fn severity(&self, s: yusuan::audit::Severity) -> Style {
        match s {
            yusuan::audit::Severity::Error => self.error,
            yusuan::audit::Severity::Warning => self.warning,
            yusuan::audit::Severity::Info => self.info,
        }
    }
}

/// Colour slots `[colors]` may set.
pub const SLOTS: &[&str] = &[
    "header",
    "key",
    "border",
    "border_focus",
    "error",
    "warning",
    "info",
    "dim",
    "matched",
    "confirmed",
    "dismissed",
    "bar",
];
