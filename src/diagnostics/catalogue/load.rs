//! Messages of reading the content folder: files, encodings, YAML syntax, themes.

crate::messages! {
    // YAML types, as an editor would name them ("… found X").
    TYPE_NULL = "type-null" {
        zh: "空值（null）",
        en: "nothing (null)",
    }
    TYPE_BOOL = "type-bool" {
        zh: "“true/false”",
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
        zh: "“键: 值”形式的内容",
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
        zh: "页面开头的设置没有结束",
        en: "front matter is not closed",
    }
    FRONT_MATTER_NOT_CLOSED_HELP = "front-matter-not-closed-help" {
        zh: "请在设置的最后单独写一行 `---`",
        en: "end the front matter with a line containing only `---`",
    }

    // YAML syntax.
    YAML_UNREADABLE = "yaml-unreadable" {
        zh: "这个文件不是有效的 YAML（解析器的原话：{detail}）",
        en: "this file is not valid YAML (the parser says: {detail})",
    }
    YAML_GENERIC_HELP = "yaml-generic-help" {
        zh: "请检查这一行和上一行：冒号后面要有空格，缩进只能用空格并且同一层要对齐，引号和括号要成对，标点要用英文的",
        en: "check this line and the one above: a space after each colon, indentation with spaces aligned within a level, quotes and brackets in pairs, ASCII punctuation",
    }
    FRONT_MATTER_YAML_ERROR = "front-matter-yaml-error" {
        zh: "页面开头的设置中：{detail}",
        en: "in the front matter: {detail}",
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

    // Advice for YAML syntax mistakes, at the place of the mistake.
    YAML_TAB = "yaml-tab" {
        zh: "缩进里有制表符（Tab 键）",
        en: "a tab in the indentation",
    }
    YAML_TAB_HELP = "yaml-tab-help" {
        zh: "YAML 只能用空格缩进：请删掉这个 Tab，改用空格，和同一层的其他行对齐",
        en: "YAML indents with spaces only: replace the tab with spaces, aligned with the other lines of this level",
    }
    YAML_FULLWIDTH_SPACE = "yaml-fullwidth-space" {
        zh: "这里有一个全角空格“　”",
        en: "a full-width space “　” here",
    }
    YAML_FULLWIDTH_SPACE_HELP = "yaml-fullwidth-space-help" {
        zh: "请换成普通的半角空格（在英文输入法下按空格键）",
        en: "replace it with an ordinary (half-width) space",
    }
    YAML_FULLWIDTH_COLON = "yaml-fullwidth-colon" {
        zh: "键 `{key}` 后面用了中文冒号“：”",
        en: "the key `{key}` is followed by a full-width colon “：”",
    }
    YAML_FULLWIDTH_COLON_HELP = "yaml-fullwidth-colon-help" {
        zh: "请改成英文冒号再加一个空格，例如 `{key}: 值`",
        en: "write an ASCII colon and a space instead, e.g. `{key}: value`",
    }
    YAML_MISSING_SPACE = "yaml-missing-space" {
        zh: "键 `{key}` 的冒号后面缺少空格",
        en: "no space after the colon of `{key}`",
    }
    YAML_MISSING_SPACE_HELP = "yaml-missing-space-help" {
        zh: "请在冒号后面加一个空格：`{key}: {value}`",
        en: "put a space after the colon: `{key}: {value}`",
    }
    YAML_FULLWIDTH_QUOTE = "yaml-fullwidth-quote" {
        zh: "这里用了中文引号 {quote}",
        en: "a full-width quotation mark {quote} here",
    }
    YAML_FULLWIDTH_QUOTE_HELP = "yaml-fullwidth-quote-help" {
        zh: "YAML 只认英文引号：请把整个值放进一对英文双引号里，例如 `{key}: \"{value}\"`",
        en: "YAML knows ASCII quotes only: put the whole value in ASCII double quotes, e.g. `{key}: \"{value}\"`",
    }
    YAML_COLON_IN_VALUE = "yaml-colon-in-value" {
        zh: "`{key}` 的值里有“冒号 + 空格”，YAML 会把它当成一个新的键",
        en: "the value of `{key}` holds a colon and a space, which YAML reads as a new key",
    }
    YAML_COLON_IN_VALUE_HELP = "yaml-colon-in-value-help" {
        zh: "请给整个值加上英文双引号：`{key}: \"{value}\"`",
        en: "put the whole value in double quotes: `{key}: \"{value}\"`",
    }
    YAML_HASH_IN_VALUE = "yaml-hash-in-value" {
        zh: "`#` 在 YAML 里表示注释的开始，它和后面的内容都被忽略了",
        en: "`#` starts a comment in YAML: it and everything after it are ignored",
    }
    YAML_HASH_IN_VALUE_HELP = "yaml-hash-in-value-help" {
        zh: "如果 # 是值的一部分，请给这个值加上英文双引号，例如 `[\"全日托 #1\", 半日托]`",
        en: "if the # belongs to the value, put the value in double quotes, e.g. `[\"全日托 #1\", 半日托]`",
    }
    YAML_UNCLOSED_QUOTE = "yaml-unclosed-quote" {
        zh: "从这里开始的引号 {quote} 没有结束",
        en: "the quote {quote} opened here is never closed",
    }
    YAML_UNCLOSED_QUOTE_HELP = "yaml-unclosed-quote-help" {
        zh: "请在这个值的末尾补上同样的引号 {quote}",
        en: "close it with the same quote {quote} at the end of the value",
    }
    YAML_UNCLOSED_BRACKET = "yaml-unclosed-bracket" {
        zh: "从这里开始的 `{open}` 没有对应的 `{close}`",
        en: "the `{open}` opened here has no matching `{close}`",
    }
    YAML_UNCLOSED_BRACKET_HELP = "yaml-unclosed-bracket-help" {
        zh: "请在这一行的末尾补上 `{close}`，例如 `services: [全日托, 半日托]`",
        en: "add `{close}` at the end of the line, e.g. `services: [全日托, 半日托]`",
    }
    YAML_INDENTATION = "yaml-indentation" {
        zh: "这一行的缩进不对",
        en: "this line is indented wrongly",
    }
    YAML_INDENTATION_HELP = "yaml-indentation-help" {
        zh: "同一层的键要用同样多的空格开头：这一行前面应该有 {spaces} 个空格，和上面的 `{sibling}` 对齐",
        en: "keys of one level start with the same number of spaces: this line needs {spaces}, aligned with `{sibling}` above",
    }
}
