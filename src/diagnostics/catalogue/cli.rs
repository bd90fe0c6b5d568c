//! Messages of the command line: help texts of commands and flags, progress and failures.

crate::messages! {
    // Help texts (`tuoyu --help`).
    ABOUT = "cli-about" {
        zh: "把托育机构的 YAML 记录生成为公开的托育机构名录网站",
        en: "Builds a public childcare directory (托育机构名录) from YAML records",
    }
    USAGE_HEADING = "cli-usage-heading" {
        zh: "用法",
        en: "Usage",
    }
    COMMANDS_HEADING = "cli-commands-heading" {
        zh: "命令",
        en: "Commands",
    }
    OPTIONS_HEADING = "cli-options-heading" {
        zh: "选项",
        en: "Options",
    }
    HELP_FLAG = "cli-help-flag" {
        zh: "显示帮助",
        en: "Print help",
    }
    VERSION_FLAG = "cli-version-flag" {
        zh: "显示版本",
        en: "Print version",
    }
    LANG_FLAG = "cli-lang" {
        zh: "提示信息的语言：zh（默认）或 en；也可以用环境变量 TUOYU_LANG 设置",
        en: "Language of messages: zh (default) or en; TUOYU_LANG sets it too",
    }
    BUILD_ABOUT = "cli-build" {
        zh: "生成网站：content/ → public/。只有全部生成成功，才会替换原来的 public/",
        en: "Build the site: content/ → public/. The old public/ stays untouched unless the build succeeds",
    }
    CHECK_ABOUT = "cli-check" {
        zh: "只检查内容；有错误时退出状态为 1",
        en: "Validate the content only; exit status 1 when there are errors",
    }
    CONTENT_FLAG = "cli-content" {
        zh: "内容文件夹（site.yaml、districts.yaml、filed/、demonstration/、sites/、pages/）；默认 content",
        en: "The content folder (site.yaml, districts.yaml, filed/, demonstration/, sites/, pages/); default content",
    }
    OUT_FLAG = "cli-out" {
        zh: "网站写到哪个文件夹；默认 public",
        en: "Where the site is written; default public",
    }
    BASE_URL_FLAG = "cli-base-url" {
        zh: "代替 site.yaml 中的 base_url（完整的 http(s) 网址）",
        en: "Override site.yaml's base_url (absolute http(s) address)",
    }
    THEMES_FLAG = "cli-themes" {
        zh: "存放 themes/<名称>/ 的文件夹（默认：内容文件夹旁边的 themes）",
        en: "Folder holding themes/<name>/ (default: `themes` beside the content folder)",
    }
    NO_MINIFY_FLAG = "cli-no-minify" {
        zh: "不压缩 HTML，按生成的原样写出",
        en: "Write HTML as rendered, without minifying",
    }
    QUIET_FLAG = "cli-quiet" {
        zh: "只显示问题，不显示其他信息",
        en: "Print nothing but problems",
    }
    FORMAT_FLAG = "cli-format" {
        zh: "输出格式：human（给人看，带原文片段，默认）、json（每行一个对象）或 github（GitHub 工作流注释）",
        en: "human (snippets, the default), json (one object per line) or github (workflow annotations)",
    }

    BAD_ARGS = "cli-bad-args" {
        zh: "命令行参数有误：{detail}\n用 `tuoyu --help` 查看用法",
        en: "{detail}\nsee `tuoyu --help`",
    }

    // Progress and failures.
    BUILD_STOPPED = "build-stopped" {
        zh: "已停止生成：没有写出任何文件，{out} 保持不变",
        en: "build stopped: nothing was written; {out} is unchanged",
    }
    BUILT = "built" {
        zh: "已生成 {files} 个文件（{institutions} 家机构），写入 {out}，用时 {seconds} 秒",
        en: "built {files} files ({institutions} institutions) into {out} in {seconds} s",
    }
    BAD_BASE_URL_FLAG = "bad-base-url-flag" {
        zh: "--base-url `{url}` 必须是完整的 http(s) 网址",
        en: "--base-url `{url}` must be an absolute http(s) address",
    }
    SWAP_FAILED = "swap-failed" {
        zh: "新网站已经生成，但无法移到目标位置",
        en: "the new site was built but could not be moved into place",
    }
    OUTPUT_FAILED = "output-failed" {
        zh: "无法{action} {path}：{reason}",
        en: "cannot {action} {path}: {reason}",
    }
    ACTION_CREATE = "action-create" {
        zh: "创建",
        en: "create",
    }
    ACTION_WRITE = "action-write" {
        zh: "写入",
        en: "write",
    }
    ACTION_MOVE_ASIDE = "action-move-aside" {
        zh: "移开",
        en: "move aside",
    }
    ACTION_MOVE_INTO_PLACE = "action-move-into-place" {
        zh: "移入",
        en: "move into place",
    }
    ACTION_LINK = "action-link" {
        zh: "链接",
        en: "link",
    }
    ACTION_REPLACE = "action-replace" {
        zh: "替换",
        en: "replace",
    }
    ACTION_REMOVE = "action-remove" {
        zh: "删除",
        en: "remove",
    }
    RENDER_FAILED = "render-failed" {
        zh: "生成 {what} 失败：{detail}",
        en: "rendering {what} failed: {detail}",
    }
}
