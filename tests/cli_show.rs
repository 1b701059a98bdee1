//! `yusuan ls` and `yusuan show` on the embedded sample.

mod common;

use common::{stdout, yusuan};

#[test]
fn ls_shows_the_five_departments_with_their_totals_and_addresses() {
    let out = yusuan(&["ls", "-a", "--depth", "1"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for (dept, total) in [
        ("三门峡市科学技术局 [310]", "1,758.18"),
        ("焦作市产业技术科学院 [261]", "160.02"),
        ("晋城市科学技术局", "4,762.56"),
        ("科技和工信部门 [350]", "1,186.91"),
        ("济源产城融合示范区工业信息和科技局 [017]", "7,454.80"),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(dept))
            .unwrap_or_else(|| panic!("{dept} missing:\n{text}"));
        assert!(line.contains(total), "{line}");
    }
    assert!(
        text.contains("000-sanmenxia/func"),
        "addresses shown with -a"
    );
}

#[test]
fn show_prints_printed_rows_children_and_findings() {
    let out = yusuan(&["show", "000-sanmenxia/func/2060101"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("kind    功能分类 项 (item)"), "{text}");
    assert!(text.contains("t03 · 2025年部门支出总体情况表"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("基本支出 / 人员经费 / 工资福利支出") && l.ends_with("333.96")),
        "{text}"
    );

    let out = yusuan(&["show", "000-sanmenxia/projects", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["kind"], "projects");
    assert_eq!(json["findings"][0]["rule"], "PROJ-003");
    assert_eq!(json["children"].as_array().unwrap().len(), 3);
}

#[test]
fn a_bare_code_or_name_resolves_when_unique_and_lists_candidates_otherwise() {
    let out = yusuan(&["show", "科技交流合作与招商引资"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).contains("performance targets"),
        "targets are matched as the audit matches them"
    );

    let out = yusuan(&["show", "2060101"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("names 3 nodes") && err.contains("000-sanmenxia/func/2060101"),
        "{err}"
    );

    let out = yusuan(&["show", "no-such-node"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("yusuan ls --addresses"));
}

#[test]
fn without_a_terminal_the_default_command_prints_the_summary() {
    let out = yusuan(&[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("三门峡市科学技术局 [310]"));
}

#[test]
fn show_takes_several_addresses_and_json_gives_an_array() {
    let out = yusuan(&["show", "000-sanmenxia/func/206", "000-sanmenxia/func/20601"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.starts_with("000-sanmenxia/func/206\n"), "{text}");
    assert!(text.contains("\n000-sanmenxia/func/20601\n"), "{text}");
    let out = yusuan(&["show", "--json", "001-jiaozuo", "001-jiaozuo/func"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[1]["path"], "001-jiaozuo/func");
}

#[test]
fn show_lists_every_table_row_and_where_it_was_printed() {
    let out = yusuan(&[
        "show",
        "tests/fixtures/sourced.json",
        "sourced/func/2150501",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    // The 支出总表 row the amount is read from, and the 一般公共预算支出表 row printing it too
    // (rows counted from 1, as printed).
    assert!(
        text.contains("t03 · 2026年部门支出总体情况表 · row 11 (万元) · printed at line 229"),
        "{text}"
    );
    assert!(
        text.contains("t05 · 2026年一般公共预算支出情况表 · row 8 (万元) · printed at line 303"),
        "{text}"
    );
}

#[test]
fn ls_into_a_pipe_keeps_full_names() {
    let out = yusuan(&["ls", "--depth", "3"]);
    let text = stdout(&out);
    assert!(!text.contains('…'), "{text}");
}

/// A text export that lost its empty cells: `show` says where each figure of the row went.
#[test]
fn show_prints_how_an_imported_row_was_placed() {
    let out = yusuan(&[
        "show",
        "sample-data/sources/003_df00543b5fb556ea.txt",
        "003_df00543b5fb556ea/func/2060101",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains(
            "    note: Imported: the export lost this row's empty cells: its figures 166.13 165.73 0.40 were placed in 合计, 基本支出, 项目支出,"
        ),
        "{text}"
    );
}
