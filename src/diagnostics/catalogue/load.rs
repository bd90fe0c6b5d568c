//! Messages of reading the content folder: files, encodings, YAML syntax, themes.

crate::messages! {
    // YAML types, as an editor would name them ("… found X").
    TYPE_NULL = "type-null" {
        zh: "空值（null）",
        en: "nothing (null)",
    }
    TYPE_BOOL = "type-bool" {
        zh: "true/false",
        en: "true/false",
    }
    TYPE_INT = "type-int" {
        zh: "整数",
        en: "a whole number",
    }
    TYPE_FLOAT = "type-float" {
        zh: "小数",
        en: "a decimal number",
    }
    TYPE_TEXT = "type-text" {
        zh: "文字",
        en: "text",
    }
    TYPE_LIST = "type-list" {
        zh: "列表",
        en: "a list",
    }
    TYPE_MAP = "type-map" {
        zh: "“键: 值”形式的映射",
        en: "a mapping (key: value)",
    }

    // Files.
    STRAY_FILE = "stray-file" {
        zh: "这个 YAML 文件不会被读取：记录应放在 filed/、demonstration/ 或 sites/ 文件夹里",
        en: "this YAML file is not read: records belong in filed/, demonstration/ or sites/",
    }
    NOT_UTF8 = "not-utf8" {
        zh: "文件不是 UTF-8 编码（可能保存成了 GBK？）",
        en: "file is not UTF-8 (saved as GBK?)",
    }
    NOT_UTF8_HELP = "not-utf8-help" {
        zh: "请把文件另存为 UTF-8 编码（记事本：另存为 → 编码：UTF-8）",
        en: "re-save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8)",
    }
    CANNOT_READ = "cannot-read" {
        zh: "无法读取 {path}：{reason}",
        en: "cannot read {path}: {reason}",
    }
    NOT_A_FOLDER = "not-a-folder" {
        zh: "不是文件夹",
        en: "not a folder",
    }
    THEME_NOT_FOUND = "theme-not-found" {
        zh: "找不到主题 `{name}`（site.yaml 的 `theme`）",
        en: "theme `{name}` not found (site.yaml `theme`)",
    }
    FRONT_MATTER_NOT_CLOSED = "front-matter-not-closed" {
        zh: "页面开头的设置（front matter）没有结束",
        en: "front matter is not closed",
    }
    FRONT_MATTER_NOT_CLOSED_HELP = "front-matter-not-closed-help" {
        zh: "请在设置的最后单独写一行 `---`",
        en: "end the front matter with a line containing only `---`",
    }

    // YAML syntax.
    YAML_ERROR = "yaml-error" {
        zh: "YAML 格式错误：{detail}",
        en: "YAML: {detail}",
    }
    FRONT_MATTER_YAML_ERROR = "front-matter-yaml-error" {
        zh: "页面开头设置（front matter）的 YAML 格式错误：{detail}",
        en: "front matter YAML: {detail}",
    }
    YAML_UNREADABLE = "yaml-unreadable" {
        zh: "无法按 YAML 格式读取（解析器提示：{detail}）",
        en: "cannot be read as YAML ({detail})",
    }
    YAML_END_OF_INPUT = "yaml-end-of-input" {
        zh: "文件意外结束",
        en: "unexpected end of input",
    }
    YAML_SECOND_DOCUMENT = "yaml-second-document" {
        zh: "一个文件只能有一个 YAML 文档；请删除第二个 `---`",
        en: "a file holds one YAML document; remove the second `---`",
    }
    YAML_UNEXPECTED = "yaml-unexpected" {
        zh: "无法识别的 YAML 内容",
        en: "unexpected YAML content",
    }
    DUPLICATE_KEY = "duplicate-key" {
        zh: "键 `{key}` 写了两次",
        en: "duplicate key `{key}`",
    }
    YAML_ALIAS = "yaml-alias" {
        zh: "内容文件中不能使用 YAML 别名（`*名称`）；请把值完整写出来",
        en: "YAML aliases (`*name`) are not allowed in content files; write the value out in full",
    }
    YAML_TOO_DEEP = "yaml-too-deep" {
        zh: "嵌套超过了 {max} 层",
        en: "nesting deeper than {max} levels",
    }
}
