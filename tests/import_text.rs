//! Text exports as input: encodings, bad input, provenance by line, and the commands that open
//! `.txt` files directly.

use std::path::{Path, PathBuf};
use std::process::Command;

use yusuan::import::{ImportError, Imported, import_files};

const DISCLOSURE: &str = "三门峡市科学技术局2025年部门预算\n\n\
2025年部门支出总体情况表\n\n部门名称：市科学技术局\n\n单位：万元\n\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
合计\t\t10.00\t6.00\t4.00\n\
206\t科学技术支出\t10.00\t6.00\t4.00\n\
2060101\t行政运行\t10.00\t6.00\t4.00\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A row's amounts as printed, blank cells `None`.
fn printed(row: &yusuan::model::Row) -> Vec<Option<String>> {
    row.amounts
        .iter()
        .map(|a| a.map(|a| a.to_string()))
        .collect()
}

fn import_one(path: &Path) -> Result<Imported, ImportError> {
    let mut out = import_files(&[path.to_path_buf()]);
    assert_eq!(out.len(), 1);
    out.remove(0)
}

#[test]
fn a_tab_separated_export_imports_with_the_line_of_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "budget.txt", DISCLOSURE.as_bytes());
    let imp = import_one(&path).unwrap();
    let doc = &imp.document;
    assert_eq!(doc.year, 2025);
    let t = &doc.tables[0];
    assert_eq!(t.title, "2025年部门支出总体情况表");
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["total", "basic", "project"]);
    let row = t
        .rows
        .iter()
        .find(|r| r.func.as_deref() == Some("2060101"))
        .unwrap();
    assert_eq!(row.amounts.len(), 3);
    let source = row.source.as_ref().unwrap();
    assert_eq!(source.line, Some(12));
    // A text without form feeds has no pages: nothing is said to be on page 1.
    assert_eq!(source.page, None);
    assert_eq!(imp.report.checks_failed, 0, "{}", imp.report);
}

#[test]
fn gbk_text_is_decoded_not_passed_on_as_mojibake() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, bad) = encoding_rs::GBK.encode(DISCLOSURE);
    assert!(!bad);
    let path = write(dir.path(), "gbk.txt", &gbk);
    let imp = import_one(&path).unwrap();
    assert_eq!(imp.document.tables[0].title, "2025年部门支出总体情况表");
    // 部门名称：市科学技术局, completed by the place its first line prints.
    assert_eq!(imp.document.department.name, "三门峡市科学技术局");
    assert_eq!(imp.document.department.aliases, ["市科学技术局"]);
}

#[test]
fn bad_input_gets_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write(
                dir.path(),
                "binary.txt",
                b"\x7fELF\x02\x01\x01\x00\x00\x00binary",
            ),
            "binary data",
        ),
        (
            write(dir.path(), "mixed.txt", b"\xe9\xa2\x84\xff\xfe\xfd\x80\x80"),
            "neither UTF-8",
        ),
        (
            write(
                dir.path(),
                "notes.txt",
                "meeting at ten; bring the laptop".as_bytes(),
            ),
            "not a budget disclosure",
        ),
    ];
    for (path, expected) in cases {
        let err = import_one(&path).unwrap_err();
        assert_eq!(err.file, path.display().to_string());
        assert!(err.message.contains(expected), "{}: {err}", path.display());
    }
}

#[test]
fn a_huge_line_is_cut_with_a_warning_and_a_huge_file_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = DISCLOSURE.to_string();
    text.push_str(&"很长".repeat(2_000_000));
    text.push('\n');
    let path = write(dir.path(), "long.txt", text.as_bytes());
    let imp = import_one(&path).unwrap();
    assert!(
        imp.report
            .issues
            .iter()
            .any(|i| i.message.contains("longer than") && i.source.line == Some(13)),
        "{}",
        imp.report
    );
    assert_eq!(imp.document.tables[0].rows.len(), 3);
    // 100 MB is no disclosure: refused before it is read.
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let err = import_one(&big).unwrap_err();
    assert!(err.message.contains("larger than"), "{err}");
}

#[test]
fn figures_one_space_apart_are_kept_in_the_row_notes_and_not_audited() {
    let dir = tempfile::tempdir().unwrap();
    let text = "2025年部门收入预算表\n单位：万元\n\
        部门代码 部门名称 总计 本年收入 上年结转\n\
        合计 160.02 85.26 74.76\n\
        261 焦作市产业技术科学院 160.02 85.26\n";
    let path = write(dir.path(), "collapsed.txt", text.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = &imp.document.tables[0];
    assert!(t.unread.is_some());
    assert!(t.rows.iter().all(|r| r.amounts.is_empty()));
    let notes: Vec<&str> = t.rows.iter().filter_map(|r| r.note.as_deref()).collect();
    assert!(
        notes.contains(&"Printed figures, not placed: 160.02 85.26 74.76."),
        "{notes:?}"
    );
    assert!(
        imp.report
            .issues
            .iter()
            .any(|i| i.message.contains("lost this table's empty cells"))
    );
}

/// A table exported without its empty cells but with its 栏次 line, as Hebei's disclosures
/// print it: header cells wrapped, a 7-digit code wrapped (`206010` / `1`), 序号 first.
const NUMBERED: &str = "部门预算支出总表\n\
350 科技和工信部门 预算年度：2025 单位：万元\n\n\
序号\n\n功能分类科目\n\n合计 基本支出 项目支出 经营支出\n上解上级\n\n支出\n\n\
对附属单位\n\n补助支出\n科目\n\n编码\n科目名称\n\n栏次 1 2 3 4 5 6 7 8\n\n\
1 合计 30.00 20.00 10.00\n\n\
2 206 科学技术支出 30.00 20.00 10.00\n\n\
3 20601 科学技术管理事务 30.00 20.00 10.00\n\n\
4\n206010\n\n1\n行政运行 20.00 20.00\n\n\
5\n206010\n\n2\n一般行政管理\n\n事务\n10.00 10.00\n";

#[test]
fn figures_one_space_apart_are_placed_where_the_tables_sums_hold() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "numbered.txt", NUMBERED.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = &imp.document.tables[0];
    assert_eq!(t.unread, None, "{}", imp.report);
    let headers: Vec<String> = t.columns.iter().map(|c| c.header.join("/")).collect();
    assert_eq!(
        headers,
        [
            "合计",
            "基本支出",
            "项目支出",
            "经营支出",
            "上解上级支出",
            "对附属单位补助支出"
        ]
    );
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(&keys[..3], ["total", "basic", "project"]);
    let cells = |code: &str| -> Vec<Option<String>> {
        let row = t
            .rows
            .iter()
            .find(|r| r.func.as_deref() == Some(code))
            .unwrap_or_else(|| panic!("{code} in {:#?}", t.rows));
        printed(row)
    };
    // 2060101 could put its 20.00 under any part; the 款 above it says 基本支出 (its 基本
    // 20.00 is this row's) — and so 2060102's 10.00 is 项目支出, though 基本支出 is further left.
    assert_eq!(
        cells("2060101"),
        [Some("20.00".into()), Some("20.00".into())]
    );
    assert_eq!(
        cells("2060102"),
        [Some("10.00".into()), None, Some("10.00".into())]
    );
    let row = t
        .rows
        .iter()
        .find(|r| r.label == "一般行政管理事务")
        .unwrap();
    // The row's line is its 序号's.
    let serial = NUMBERED.lines().position(|l| l == "5").unwrap() as u32 + 1;
    assert_eq!(row.source.as_ref().unwrap().line, Some(serial));
    assert!(
        row.note
            .as_deref()
            .unwrap()
            .contains("were placed in 合计, 项目支出"),
        "{:?}",
        row.note
    );
    // Nothing says whether the 类's 10.00 is 项目支出 rather than 经营支出 … but the far
    // left: the report says the placement is one of several.
    assert!(
        imp.report
            .issues
            .iter()
            .any(|i| i.message.contains("other placements hold too")),
        "{}",
        imp.report
    );
    assert_eq!(imp.report.checks_failed, 0, "{}", imp.report);
}

#[test]
fn a_numbered_table_whose_figures_fit_no_placement_stays_unread() {
    let dir = tempfile::tempdir().unwrap();
    // 2060101 prints more than its 款 has: no placement holds, and nothing is guessed.
    let text = NUMBERED.replace("行政运行 20.00 20.00", "行政运行 25.00 25.00");
    let path = write(dir.path(), "broken.txt", text.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = &imp.document.tables[0];
    assert!(t.unread.is_some(), "{}", imp.report);
    assert!(t.rows.iter().all(|r| r.amounts.is_empty()));
}

#[test]
fn a_group_over_the_last_header_row_is_read_from_the_sums() {
    let dir = tempfile::tempdir().unwrap();
    // 本年收入 over 小计 … 其他收入, 上年结转 spanning both rows to its right: printed between.
    let text = "部门预算收入总表\n单位：万元\n序号\n功能分类科目\n合计\n本年收入\n上年结转科目\n编码\n\
        科目名称 小计\n财政拨款\n收入\n事业收入 其他收入\n栏次 1 2 3 4 5 6 7 8\n\
        1 合计 12.00 10.00 10.00 2.00\n\
        2 206 科学技术支出 12.00 10.00 10.00 2.00\n\
        3 20601 科学技术管理事务 12.00 10.00 10.00 2.00\n";
    let path = write(dir.path(), "income.txt", text.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = &imp.document.tables[0];
    assert_eq!(t.unread, None, "{}", imp.report);
    let headers: Vec<String> = t.columns.iter().map(|c| c.header.join("/")).collect();
    assert_eq!(
        headers,
        [
            "合计",
            "本年收入/小计",
            "本年收入/财政拨款收入",
            "本年收入/事业收入",
            "本年收入/其他收入",
            "上年结转"
        ]
    );
    let row = &t.rows[0];
    assert_eq!(
        printed(row),
        [
            Some("12.00".into()),
            Some("10.00".into()),
            Some("10.00".into()),
            None,
            None,
            Some("2.00".into())
        ]
    );
}

#[test]
fn without_a_numbered_line_the_header_and_the_economic_classes_place_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    // As Henan's exports print it: two code columns, no 序号 or 栏次. The sums hold with either
    // line under either column; the 302 line's figure goes under 公用经费 (人员经费 is 301 and
    // 303), though 人员经费 is further left.
    let text = "2025年一般公共预算基本支出预算表\n单位：万元\n\
        部门预算支出经济分类科目 政府预算支出经济分类科目编码 本年一般公共预算基本支出\n\
        科目编码 科目名称 科目编码 科目名称 合计 人员经费 公用经费\n\
        合计 4.00 2.00 2.00\n\
        30216 培训费 50502 商品和服务支出 2.00 2.00\n\
        30101 基本工资 50501\n工资福利支出\n2.00 2.00\n";
    let path = write(dir.path(), "basic.txt", text.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = &imp.document.tables[0];
    assert_eq!(t.unread, None, "{}", imp.report);
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["total", "basic_personnel", "basic_public"]);
    let row = |econ: &str| {
        t.rows
            .iter()
            .find(|r| r.econ.as_deref() == Some(econ))
            .unwrap_or_else(|| panic!("{econ} in {:#?}", t.rows))
    };
    let cells = |econ: &str| printed(row(econ));
    assert_eq!(
        cells("30216"),
        [Some("2.00".into()), None, Some("2.00".into())]
    );
    assert_eq!(cells("30101"), [Some("2.00".into()), Some("2.00".into())]);
    // The second code column is the 政府预算经济分类, its name beside it; the wrapped row is one.
    assert_eq!(row("30101").gov_econ.as_deref(), Some("50501"));
    assert_eq!(row("30101").label, "基本工资");
    assert_eq!(t.rows.len(), 3, "{:#?}", t.rows);
}

fn yusuan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .env(
            "YUSUAN_DATA_DIR",
            std::env::temp_dir().join("yusuan-import-text-test"),
        )
        .output()
        .unwrap()
}

#[test]
fn commands_open_text_exports_and_folders_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "budget.txt", DISCLOSURE.as_bytes());
    write(dir.path(), "readme.txt", b"how to read these files");
    let shown = dir.path().display().to_string();
    let out = yusuan(&["ls", "--depth", "0", &shown]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("市科学技术局"));
    // The readme is passed over with a warning naming it.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("readme.txt") && err.contains("skipped"),
        "{err}"
    );
    let out = yusuan(&["audit", &path.display().to_string()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1 documents audited") || text.contains("1 document audited"),
        "{text}"
    );
    let out = yusuan(&["import", "--stdout", "-q", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["tables"][0]["rows"][2]["source"]["line"], 12);
}

#[test]
fn a_project_table_listing_units_by_name_gives_the_units_and_each_project_its_unit() {
    // The layout of sample 002: the department's line, then each unit's line over its projects;
    // two target forms printed one under the other with only the second's title between them.
    let text = "某市科学技术局2026年部门预算\n\n\
2026年项目支出预算表\n\n部门名称：某市科学技术局\n\n单位：万元\n\n\
项目名称\t合计\t一般公共预算\n\
某市科学技术局\t3.00\t3.00\n\
某市科学技术局\t1.00\t1.00\n\
遗属生活补助\t1.00\t1.00\n\
某市科学技术研究院\t2.00\t2.00\n\
遗属生活补助\t2.00\t2.00\n\n\
某市项目支出绩效目标表\n\n(2026年度)\n\n\
项目名称\t\t遗属生活补助\t\t\n\
主管部门及代码\t\t108-某市科学技术局\t实施单位\t某市科学技术局\n\
项目资金(元)\t年度资金总额:\t10,000\t\t\n\
绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n\
\t产出指标\t数量指标\t补助人数\t1人\n\
负责人:\t经办人:\t\t\t\n\n\
某市项目支出绩效目标表\n\n\
项目名称\t\t遗属生活补助\t\t\n\
主管部门及代码\t\t108-某市科学技术局\t实施单位\t某市科学技术研究院\n\
项目资金(元)\t年度资金总额:\t20,000\t\t\n\
绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n\
\t产出指标\t数量指标\t补助人数\t2人\n\
负责人:\t经办人:\t\t\t\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "units.txt", text.as_bytes());
    let doc = import_one(&path).unwrap().document;
    let units: Vec<&str> = doc.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(units, ["某市科学技术局", "某市科学技术研究院"]);
    let projects: Vec<(&str, Option<&str>)> = doc.tables[0]
        .rows
        .iter()
        .filter(|r| r.role == Some(yusuan::model::RowRole::Project))
        .map(|r| (r.label.as_str(), r.unit_name.as_deref()))
        .collect();
    assert_eq!(
        projects,
        [
            ("遗属生活补助", Some("某市科学技术局")),
            ("遗属生活补助", Some("某市科学技术研究院"))
        ]
    );
    let targets: Vec<(Option<&str>, &str)> = doc
        .performance
        .projects
        .iter()
        .map(|p| (p.unit_name.as_deref(), p.indicators[0].value.text.as_str()))
        .collect();
    assert_eq!(
        targets,
        [
            (Some("某市科学技术局"), "1人"),
            (Some("某市科学技术研究院"), "2人")
        ]
    );
}

#[test]
fn a_table_printed_empty_keeps_its_item_lines_as_rows_and_its_columns_keyed() {
    let text = "某市科学技术局2026年部门预算\n\n\
2026年财政拨款安排“三公”经费支出预算表\n\n部门名称：某市科学技术局\n\n单位：万元\n\n\
项目\t2026年预算数\t\t\t\n\
\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\n\
因公出国（境）费\t\t\t\t\n\
公务接待费\t\t\t\t\n\
合计\t\t\t\t\n\n\
注：本表无数据\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "empty.txt", text.as_bytes());
    let doc = import_one(&path).unwrap().document;
    let t = &doc.tables[0];
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["total", "gpb", "gov_fund", "state_capital"]);
    let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["因公出国（境）费", "公务接待费", "合计"]);
    assert!(t.rows.iter().all(|r| r.amounts.iter().all(Option::is_none)));
    assert_eq!(t.printed_notes, ["注：本表无数据"]);
}

#[test]
fn a_unit_line_printed_before_the_tables_number_and_title_is_the_tables() {
    // The page's header line first, as some exports write it: `单位：元部门名称：…`, then the
    // table's number, then its title. The document's other table is in 万元: the fallback
    // would be wrong here.
    let text = "三门峡市科学技术局2025年部门预算\n\n\
2025年部门支出总体情况表\n\n单位：万元\n\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
合计\t\t10.00\t6.00\t4.00\n\
2060101\t行政运行\t10.00\t6.00\t4.00\n\n\
 单位：元部门名称：三门峡市科学技术局\n\n预算05表\n\n\
2025年一般公共预算支出情况表\n\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
合计\t\t100000.00\t60000.00\t40000.00\n\
2060101\t行政运行\t100000.00\t60000.00\t40000.00\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "budget.txt", text.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = &imp.document.tables;
    assert_eq!(t.len(), 2, "{}", imp.report);
    assert_eq!(t[0].unit, yusuan::model::MoneyUnit::WanYuan);
    assert_eq!(t[1].title, "2025年一般公共预算支出情况表");
    assert_eq!(t[1].unit, yusuan::model::MoneyUnit::Yuan, "{}", imp.report);
    assert_eq!(t[1].number.as_deref(), Some("预算05表"));
    let report = imp.report.to_string();
    assert!(!report.contains("no money unit"), "{report}");
    // The unit line is the second table's, not text of the first.
    assert!(
        t[0].rows.iter().all(|r| !r.label.contains("单位")),
        "{:?}",
        t[0].rows
    );
}

#[test]
fn a_web_copied_two_sided_summary_with_nbsp_for_empty_cells_is_read() {
    // Cells one space apart, an empty cell a lone no-break space, no figure beside another:
    // nothing marks the lost spacing but a figure set against the next item's name.
    let nb = '\u{a0}';
    let text = format!(
        "示例市科学技术局2025年部门预算\n\n2025年部门收支预算表\n\n单位：万元\n\n收入 支出\n\n\
项目 金额 项目 金额\n\n\
一、一般公共预算 85.26 一、一般公共服务 {nb}\n\n\
二、政府性基金预算拨款收入 {nb} 二、教育 0.27\n\n\
三、其他收入 0.01 三、科学技术 85.00\n\n\
本 年 收 入 合 计 85.27 本 年 支 出 合 计 85.27\n\n\
收 入 总 计 85.27 支 出 总 计 85.27\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "web.txt", text.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = &imp.document.tables[0];
    assert!(t.unread.is_none(), "{}", imp.report);
    let find = |label: &str| {
        let r = t
            .rows
            .iter()
            .find(|r| r.label == label)
            .unwrap_or_else(|| panic!("{label}: {:?}", t.rows));
        printed(r).first().cloned().flatten()
    };
    assert_eq!(find("一、一般公共预算"), Some("85.26".into()));
    assert_eq!(find("二、政府性基金预算拨款收入"), None);
    assert_eq!(find("二、教育"), Some("0.27".into()));
    assert_eq!(find("三、科学技术"), Some("85.00".into()));
    assert_eq!(find("一、一般公共服务"), None);
    assert_eq!(find("三、其他收入"), Some("0.01".into()));
}

/// Two tables of one export: the 支出总表 kept its cells (tab-separated), the 国有资本经营预算
/// 财政拨款支出表 lost them (`10.00 10.00` under 合计 | 基本支出 | 项目支出 adds up either way).
const STATE_CAPITAL: &str = "某局2025年部门预算\n\n\
2025年部门支出总体情况表\n\n单位：万元\n\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
合计\t\t16.00\t6.00\t10.00\n\
206\t科学技术支出\t6.00\t6.00\t\n\
2060101\t行政运行\t6.00\t6.00\t\n\
223\t国有资本经营预算支出\t10.00\t\t10.00\n\
22301\t解决历史遗留问题及改革成本支出\t10.00\t\t10.00\n\
2230199\t其他解决历史遗留问题及改革成本支出\t10.00\t\t10.00\n\n\
部门预算国有资本经营预算财政拨款支出表\n\
350 某局 预算年度：2025 单位：万元\n\n\
序号\n功能分类科目\n\n合计 基本支出 项目支出\n科目编码 科目名称\n\n栏次 1 2 3 4 5\n\n\
1 合计 10.00 10.00\n\n\
2 223 国有资本经营预算支出 10.00 10.00\n\n\
3 22301 解决历史遗留问题及改革成本支出 10.00 10.00\n\n\
4 2230199 其他解决历史遗留问题及改革成本支出 10.00 10.00\n";

#[test]
fn of_placements_that_all_add_up_the_one_another_table_prints_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "state.txt", STATE_CAPITAL.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = imp
        .document
        .tables
        .iter()
        .find(|t| t.title.contains("国有资本经营"))
        .unwrap_or_else(|| panic!("{}", imp.report));
    assert_eq!(t.unread, None, "{}", imp.report);
    // Far left would be 基本支出; the 支出总表 prints 223 under 项目支出.
    for row in &t.rows {
        assert_eq!(
            printed(row),
            [Some("10.00".into()), None, Some("10.00".into())],
            "{}: {:?}",
            row.label,
            row.note
        );
    }
    let note = t.rows[1].note.as_deref().unwrap();
    assert!(
        note.contains("this one agrees with the same row of t01"),
        "{note}"
    );
    assert!(
        imp.report.issues.iter().any(|i| i
            .message
            .contains("the one agreeing with the rows other tables print")),
        "{}",
        imp.report
    );
    // Alone, nothing says which: the far left, and the report says it is one of several.
    let alone = STATE_CAPITAL
        .split_once("部门预算国有资本经营预算财政拨款支出表")
        .map(|(_, t)| format!("某局2025年部门预算\n\n部门预算国有资本经营预算财政拨款支出表{t}"))
        .unwrap();
    let path = write(dir.path(), "alone.txt", alone.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = &imp.document.tables[0];
    assert_eq!(
        printed(&t.rows[1]),
        [Some("10.00".into()), Some("10.00".into())]
    );
    assert!(
        imp.report
            .issues
            .iter()
            .any(|i| i.message.contains("as far left as the sums allow")),
        "{}",
        imp.report
    );
}
