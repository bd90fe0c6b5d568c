//! Messages that belong to no one step: summaries and the words every command uses.

crate::messages! {
    SUMMARY = "summary" {
        zh: "{errors} 个错误，{warnings} 个警告",
        en: "{errors} error(s), {warnings} warning(s)",
    }
    NO_ERRORS = "no-errors" {
        zh: "{folder}：没有发现错误",
        en: "{folder}: no errors",
    }
    MORE_OF_KIND = "more-of-kind" {
        zh: "还有 {n} 处同类问题（{message}），未逐一列出；用 --format json 可看到全部",
        en: "{n} more problem(s) of this kind ({message}) not shown; --format json lists them all",
    }
}
