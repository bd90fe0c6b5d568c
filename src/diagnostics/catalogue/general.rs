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
    ERROR_LINE = "error-line" {
        zh: "错误：{message}",
        en: "error: {message}",
    }
    CAUSE_SEPARATOR = "cause-separator" {
        zh: "：",
        en: ": ",
    }
    IO_NOT_FOUND = "io-not-found" {
        zh: "文件或文件夹不存在",
        en: "no such file or folder",
    }
    IO_PERMISSION = "io-permission" {
        zh: "没有访问权限",
        en: "permission denied",
    }
    IO_EXISTS = "io-exists" {
        zh: "已经存在",
        en: "already exists",
    }
    IO_NOT_A_FOLDER = "io-not-a-folder" {
        zh: "不是文件夹",
        en: "not a folder",
    }
    IO_IS_A_FOLDER = "io-is-a-folder" {
        zh: "是文件夹，不是文件",
        en: "is a folder, not a file",
    }
    IO_NO_SPACE = "io-no-space" {
        zh: "磁盘空间不足",
        en: "no space left on the disk",
    }
    IO_OTHER = "io-other" {
        zh: "系统报告：{detail}",
        en: "the system says: {detail}",
    }
}

/// Why a file operation failed, in the reader's language where the reason is a common one;
/// otherwise the operating system's own words.
pub fn io_reason(e: &std::io::Error) -> crate::diagnostics::Text {
    use crate::diagnostics::Text;
    use std::io::ErrorKind as K;
    let m = match e.kind() {
        K::NotFound => &IO_NOT_FOUND,
        K::PermissionDenied | K::ReadOnlyFilesystem => &IO_PERMISSION,
        K::AlreadyExists => &IO_EXISTS,
        K::NotADirectory => &IO_NOT_A_FOLDER,
        K::IsADirectory => &IO_IS_A_FOLDER,
        K::StorageFull => &IO_NO_SPACE,
        _ => return Text::new(&IO_OTHER).arg("detail", e.to_string()),
    };
    Text::new(m)
}
