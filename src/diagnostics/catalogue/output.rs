//! Messages of the output step: where the site may be written, and failures writing it.

crate::messages! {
    OUT_REPLACES_PROTECTED = "out-replaces-protected" {
        zh: "输出文件夹 {out} 会替换{what}文件夹 {dir}；请另选一个专用的输出文件夹（例如 public）",
        en: "--out {out} would replace the {what} folder {dir}; choose an output folder of its own (e.g. public)",
    }
    OUT_INSIDE_PROTECTED = "out-inside-protected" {
        zh: "输出文件夹 {out} 位于{what}文件夹 {dir} 之内；网站不能写进{what}里，请另选一个专用的输出文件夹（例如 public）",
        en: "--out {out} lies inside the {what} folder {dir}; the site cannot be written into it, choose an output folder of its own (e.g. public)",
    }
    OUT_NOT_OURS = "out-not-ours" {
        zh: "{out} 里已有不是 tuoyu 生成的文件（例如 {example}），tuoyu 不会替换或删除它们；请另选一个空的或新的输出文件夹",
        en: "{out} holds files tuoyu did not write (e.g. {example}); tuoyu will not replace or delete them: choose an empty or new output folder",
    }
    OUT_IS_FILE = "out-is-file" {
        zh: "{out} 是一个文件，不是文件夹；请另选输出文件夹",
        en: "{out} is a file, not a folder; choose another output folder",
    }
    WHAT_CONTENT = "what-content" { zh: "内容", en: "content" }
    WHAT_THEMES = "what-themes" { zh: "主题", en: "themes" }
    WHAT_CURRENT = "what-current" { zh: "当前", en: "current" }
}
