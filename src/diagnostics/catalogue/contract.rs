//! Messages about the fields of the data contract added with `model::spec`: month dates,
//! credit codes, future filing dates, district aliases, vacancies, official totals.

crate::messages! {
    BAD_MONTH_OR_DATE = "bad-month-or-date" {
        zh: "`{key}` 的值 `{value}` 不是有效的日期或年月",
        en: "`{key}` `{value}` is not a valid date or month",
    }
    BAD_MONTH_OR_DATE_HELP = "bad-month-or-date-help" {
        zh: "写成 年-月-日（2023-06-15），来源只给出月份时写成 年-月（2023-06）",
        en: "write YYYY-MM-DD (2023-06-15), or YYYY-MM (2023-06) where the source gives only a month",
    }
    BAD_CREDIT_CODE = "bad-credit-code" {
        zh: "`{key}` 的值 `{value}` 不是18位统一社会信用代码",
        en: "`{key}` `{value}` is not an 18-character unified social credit code",
    }
    BAD_CREDIT_CODE_HELP = "bad-credit-code-help" {
        zh: "统一社会信用代码由18位数字和大写字母组成（不含 I、O、S、V、Z），最后一位是校验码，请对照营业执照核对",
        en: "the code is 18 digits and capital letters (no I, O, S, V, Z), the last a check character; compare it with the business licence",
    }
    FUTURE_DATE = "future-date" {
        zh: "`{key}` 的日期 {value} 晚于今天（{today}）",
        en: "`{key}` {value} is after today ({today})",
    }
    FUTURE_DATE_HELP = "future-date-help" {
        zh: "备案日期不能是将来的日期，请核对名单",
        en: "a filing date cannot be in the future; check the list",
    }
    DISTRICT_ALIAS_TWICE = "district-alias-twice" {
        zh: "别称 `{alias}` 已是区（市） {other} 的名称或别称",
        en: "alias `{alias}` already names district {other}",
    }
    DISTRICT_ALIAS_TWICE_HELP = "district-alias-twice-help" {
        zh: "同一个名称只能指一个区（市），否则记录中的 district 无法确定",
        en: "a name may mean one district only, or records' district would be ambiguous",
    }
    WHAT_VACANCIES = "what-vacancies" {
        zh: "空余托位（vacancies）",
        en: "`vacancies`",
    }
    WHAT_OFFICIAL_TOTALS = "what-official-totals" {
        zh: "官方公布总数（official_totals）",
        en: "`official_totals`",
    }
    SOURCE_SHAPE = "source-shape" {
        zh: "来源应写成网址，或包含 title、url、date 的映射，实际是{found}",
        en: "a source is a URL or a mapping of title, url, date; found {found}",
    }
    SOURCE_NEEDS_TITLE_OR_URL = "source-needs-title-or-url" {
        zh: "来源至少要有 title 或 url",
        en: "a source needs a title or a url",
    }
}
