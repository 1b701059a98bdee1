//! Where one side of a two-sided summary (收支总表) prints its totals, which decides what adds
//! up to what. Two layouts are printed:
//! - the 本年 total after its numbered lines (`一、… 二、… 本年收入合计`), then the lines under
//!   it (`上年结转结余`) and the `收入总计`;
//! - the grand total first (`收入合计`), then `一、本年收入` over its `（一）…` lines, then
//!   `二、上年结转` and the other lines numbered like the 本年 one.

/// The lines of one side, by index: the grand total, the 本年 total, the lines adding up to
/// the 本年 total, and the lines the grand total adds to the 本年 total.
#[derive(Debug, PartialEq)]
pub struct Layout {
    pub grand: Option<usize>,
    pub current: usize,
    pub parts: Vec<usize>,
    pub beside: Vec<usize>,
}

/// The layout of a side's names, or none where no 本年 total is printed.
pub fn layout(names: &[&str]) -> Option<Layout> {
    let current = names.iter().position(|n| is_current(n))?;
    if ordinal(names[current]).is_some() {
        let grand = names[..current]
            .iter()
            .position(|n| n.contains("合计") || n.contains("总计"));
        let next = names[current + 1..]
            .iter()
            .position(|n| ordinal(n).is_some())
            .map_or(names.len(), |p| current + 1 + p);
        return Some(Layout {
            grand,
            current,
            parts: (current + 1..next)
                .filter(|&i| sub_ordinal(names[i]).is_some())
                .collect(),
            beside: (next..names.len())
                .filter(|&i| ordinal(names[i]).is_some())
                .collect(),
        });
    }
    let grand = names
        .iter()
        .position(|n| n.contains("总计"))
        .filter(|&t| t > current);
    Some(Layout {
        grand,
        current,
        parts: (0..current)
            .filter(|&i| ordinal(names[i]).is_some())
            .collect(),
        beside: grand.map_or(Vec::new(), |t| (current + 1..t).collect()),
    })
}

/// `本年收入合计`, `本年支出小计`, `一、本年收入`: the 本年 total.
fn is_current(name: &str) -> bool {
    let bare = name.split_once('、').map_or(name, |(_, rest)| rest);
    bare.starts_with("本年")
        && (bare.contains("合计")
            || bare.contains("小计")
            || matches!(bare, "本年收入" | "本年支出"))
}

/// The number of a name's leading ordinal (`二十三、` → 23), if it has one.
pub fn ordinal(name: &str) -> Option<u32> {
    numeral(name.split_once('、')?.0)
}

/// The number of a name's leading bracketed ordinal (`（二十三）` → 23), if it has one.
pub fn sub_ordinal(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('（').or_else(|| name.strip_prefix('('))?;
    let end = rest.find(['）', ')'])?;
    numeral(&rest[..end])
}

/// A Chinese numeral up to 九十九.
fn numeral(head: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = head.chars().collect();
    match chars.as_slice() {
        [a] => digit(*a).filter(|&d| d > 0).or((*a == '十').then_some(10)),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("六、科学技术支出"), Some(6));
        assert_eq!(ordinal("十、卫生健康支出"), Some(10));
        assert_eq!(ordinal("十五、资源勘探"), Some(15));
        assert_eq!(ordinal("二十、住房保障支出"), Some(20));
        assert_eq!(ordinal("三十一、人行科目"), Some(31));
        assert_eq!(ordinal("本年收入合计"), None);
        assert_eq!(sub_ordinal("（二十三）国有资本经营预算"), Some(23));
        assert_eq!(sub_ordinal("(五)单位资金"), Some(5));
        assert_eq!(sub_ordinal("（一）"), Some(1));
        assert_eq!(sub_ordinal("（注）"), None);
        assert_eq!(sub_ordinal("一、本年收入"), None);
    }

    #[test]
    fn the_total_after_its_lines() {
        let names = [
            "一、一般公共预算拨款",
            "二、政府性基金预算拨款",
            "本年收入合计",
            "上年结转结余",
            "收入总计",
        ];
        assert_eq!(
            layout(&names),
            Some(Layout {
                grand: Some(4),
                current: 2,
                parts: vec![0, 1],
                beside: vec![3],
            })
        );
    }

    #[test]
    fn the_grand_total_first_and_the_lines_under_the_numbered_totals() {
        // 001 焦作's 财政拨款收支预算表, income side.
        let names = [
            "收入合计",
            "一、本年收入",
            "（一）一般公共预算拨款",
            "其中：财政拨款",
            "（二）政府性基金预算拨款",
            "二、上年结转",
            "（一）一般公共预算拨款",
        ];
        assert_eq!(
            layout(&names),
            Some(Layout {
                grand: Some(0),
                current: 1,
                parts: vec![2, 4],
                beside: vec![5],
            })
        );
        assert_eq!(layout(&["一、支出", "二、支出"]), None);
    }
}
