//! Messages of checking the content's fields: `site.yaml`, `districts.yaml`, records,
//! pages, and records sharing an id.

crate::messages! {
    // What a mapping is, for "in …" and "… is missing …".
    WHAT_RECORD = "what-record" {
        zh: "{kind}记录",
        en: "a {kind} record",
    }
    KIND_FILED = "kind-filed" {
        zh: "备案机构",
        en: "filed institution",
    }
    KIND_DEMONSTRATION = "kind-demonstration" {
        zh: "示范机构",
        en: "demonstration institution",
    }
    KIND_CARE_SITE = "kind-care-site" {
        zh: "托育点",
        en: "childcare site",
    }
    WHAT_AGES = "what-ages" {
        zh: "收托月龄（ages）",
        en: "`ages`",
    }
    WHAT_LOCATION = "what-location" {
        zh: "位置（location）",
        en: "`location`",
    }
    WHAT_SOURCE = "what-source" {
        zh: "来源（sources 中的一项）",
        en: "a source",
    }
    WHAT_INSPECTION = "what-inspection" {
        zh: "检查记录（inspections 中的一项）",
        en: "an inspection",
    }
    WHAT_SITE_YAML = "what-site-yaml" {
        zh: "site.yaml 文件",
        en: "site.yaml",
    }
    WHAT_DISTRICT = "what-district" {
        zh: "districts.yaml 中的区（市）",
        en: "a district",
    }
    WHAT_PAGE = "what-page" {
        zh: "页面开头的设置（两行 `---` 之间）",
        en: "page front matter",
    }

    // What a value should be.
    EXPECT_QUOTED_TEXT = "expect-quoted-text" {
        zh: "文字（请加上引号）",
        en: "text (put it in quotes)",
    }
    EXPECT_BOOL = "expect-bool" {
        zh: "“true”或“false”（也可以写“是”或“否”）",
        en: "true or false (or 是 / 否)",
    }
    EXPECT_NUMBER = "expect-number" {
        zh: "数字",
        en: "a number",
    }

    // Fields.
    WRONG_TYPE = "wrong-type" {
        zh: "`{key}` 应该是{expected}，这里写的是{found}",
        en: "`{key}` should be {expected}, found {found}",
    }
    NOT_A_MAPPING = "not-a-mapping" {
        zh: "{what}应该写成“键: 值”的形式（一组键和值），这里写的是{found}",
        en: "{what} should be a mapping (key: value), found {found}",
    }
    UNKNOWN_KEY = "unknown-key" {
        zh: "{what}中有未知的键 `{key}`",
        en: "unknown key `{key}` in {what}",
    }
    DID_YOU_MEAN = "did-you-mean" {
        zh: "您是不是想写 `{suggestion}`？可以用的键：{allowed}",
        en: "did you mean `{suggestion}`? allowed keys: {allowed}",
    }
    ALLOWED_KEYS = "allowed-keys" {
        zh: "可以用的键：{allowed}",
        en: "allowed keys: {allowed}",
    }
    KEY_NOT_TEXT = "key-not-text" {
        zh: "键必须是文字，这里写的是{found}",
        en: "keys must be text, found {found}",
    }
    COMMENT_AS_VALUE = "comment-as-value" {
        zh: "`{key}` 没有值：`#` 和它后面的内容被 YAML 当成了注释",
        en: "`{key}` has no value: YAML reads `#` and what follows as a comment",
    }
    COMMENT_AS_VALUE_HELP = "comment-as-value-help" {
        zh: "如果 # 是值的一部分，请给整个值加上英文双引号：`{key}: \"{value}\"`",
        en: "if the # belongs to the value, put the value in double quotes: `{key}: \"{value}\"`",
    }
    MISSING_KEY = "missing-key" {
        zh: "{what}缺少必填的键 `{key}`",
        en: "{what} is missing the required key `{key}`",
    }
    EMPTY_VALUE = "empty-value" {
        zh: "`{key}` 没有填写内容",
        en: "`{key}` is empty",
    }
    BAD_ID = "bad-id" {
        zh: "`{key}` 的值 `{value}` 不是有效的编号",
        en: "`{key}` `{value}` is not a valid id",
    }
    BAD_ID_HELP = "bad-id-help" {
        zh: "编号只能用小写英文字母、数字和连字符 -，并以字母或数字开头，例如 chengyang-sanli",
        en: "use lowercase ASCII letters, digits and hyphens, starting with a letter or digit (e.g. chengyang-sanli)",
    }
    TOO_LONG = "too-long" {
        zh: "`{key}` 有 {len} 个字符，太长了：它会成为网页的文件名，最多 {max} 个字符",
        en: "`{key}` is {len} characters long: it becomes a file name, so at most {max} are allowed",
    }
    TOO_LONG_HELP = "too-long-help" {
        zh: "请换一个更短的名称，例如只用拼音首字母",
        en: "choose a shorter name, e.g. pinyin initials",
    }
    OUT_OF_RANGE = "out-of-range" {
        zh: "`{key}` 是 {value}，超出了允许的范围 {min}–{max}",
        en: "`{key}` is {value}, outside the allowed range {min}–{max}",
    }
    UNKNOWN_VALUE = "unknown-value" {
        zh: "`{key}` 的值 `{value}` 不是可选的值",
        en: "`{key}` has unknown value `{value}`",
    }
    ALLOWED_VALUES = "allowed-values" {
        zh: "可选的值：[{values}]",
        en: "allowed values: [{values}]",
    }
    FULLWIDTH_COMMA_HELP = "fullwidth-comma-help" {
        zh: "列表里的几个值要用英文逗号 , 隔开：写成 [{fixed}]",
        en: "separate the values of a list with ASCII commas: [{fixed}]",
    }
    LISTED_TWICE = "listed-twice" {
        zh: "`{key}` 中 `{value}` 写了两次",
        en: "`{key}` lists `{value}` twice",
    }
    BAD_DATE = "bad-date" {
        zh: "`{key}` 的值 `{value}` 不是有效的日期",
        en: "`{key}` `{value}` is not a valid date",
    }
    BAD_DATE_HELP = "bad-date-help" {
        zh: "日期请写成 年-月-日，例如 2021-11-11，并确认这一天存在",
        en: "write dates as YYYY-MM-DD, e.g. 2021-11-11, and check the day exists",
    }
    UNSAFE_URL = "unsafe-url" {
        zh: "`{key}` 的值 `{value}` 不是安全的网址",
        en: "`{key}` `{value}` is not a safe web address",
    }
    UNSAFE_URL_HELP = "unsafe-url-help" {
        zh: "只能填写以 http:// 或 https:// 开头的完整网址",
        en: "only absolute http:// or https:// addresses are allowed",
    }

    // Records.
    NO_RECORDS = "no-records" {
        zh: "这个文件里没有记录",
        en: "this file holds no records",
    }
    RECORD_FILE_SHAPE = "record-file-shape" {
        zh: "记录文件里应该写一条记录（“键: 值”的形式）或一组记录（以 - 开头的列表），这里写的是{found}",
        en: "a record file holds one record (a mapping) or a list of records, found {found}",
    }
    DUPLICATE_ID = "duplicate-id" {
        zh: "编号 `{id}` 在 {folder}/ 中重复",
        en: "duplicate id `{id}` in {folder}/",
    }
    DUPLICATE_ID_HELP = "duplicate-id-help" {
        zh: "这个编号第一次出现在 {at}；同一类记录的编号不能重复",
        en: "first used at {at}; ids must be unique within a kind",
    }
    UNKNOWN_STREET = "unknown-street" {
        zh: "街道 `{street}` 不属于{district}",
        en: "street `{street}` is not one of {district}'s streets",
    }
    STREETS_OF = "streets-of" {
        zh: "{district}的街道（镇）有：{streets}",
        en: "{district} has: {streets}",
    }
    UNKNOWN_DISTRICT = "unknown-district" {
        zh: "未知的区（市） `{district}`",
        en: "unknown district `{district}`",
    }
    WRITE_DISTRICT_ID = "write-district-id" {
        zh: "请写这个区（市）的编号：`{id}`",
        en: "write the district's id: `{id}`",
    }
    KNOWN_DISTRICTS = "known-districts" {
        zh: "已有的区（市）：{districts}",
        en: "known districts: {districts}",
    }
    AGES_ORDER = "ages-order" {
        zh: "`ages`：min_months（{min}）大于 max_months（{max}）",
        en: "`ages`: min_months ({min}) is greater than max_months ({max})",
    }
    BAD_PHONE = "bad-phone" {
        zh: "`phone` 的值 `{value}` 不是电话号码",
        en: "`phone` `{value}` is not a phone number",
    }
    BAD_PHONE_HELP = "bad-phone-help" {
        zh: "请写数字，可以带空格、-、+ 和括号；几个号码之间用 、 分开",
        en: "digits with optional spaces, -, +, parentheses; separate several numbers with 、",
    }

    // Records sharing an id.
    DEMONSTRATION_NOT_FILED = "demonstration-not-filed" {
        zh: "示范机构 `{id}` 没有备案记录",
        en: "demonstration institution `{id}` has no filed record",
    }
    DEMONSTRATION_NOT_FILED_HELP = "demonstration-not-filed-help" {
        zh: "示范机构应当已备案：请在 filed/ 下添加一条编号相同的记录",
        en: "示范机构 should be 已备案: add a record with the same id under filed/",
    }
    SHARED_ID_CONFLICT = "shared-id-conflict" {
        zh: "`{field}` 的值 `{mine}` 与编号相同的{kind}记录不一致（那里是 `{theirs}`）",
        en: "`{field}` `{mine}` disagrees with the {kind} record of the same id (`{theirs}`)",
    }
    SHARED_ID_CONFLICT_HELP = "shared-id-conflict-help" {
        zh: "编号都是 `{id}` 的记录是同一家机构，请把它们改成一致（见 {at}）",
        en: "records sharing id `{id}` are one institution; make them agree (see {at})",
    }

    // site.yaml and districts.yaml.
    MISSING_FILE = "missing-file" {
        zh: "缺少 {name}",
        en: "{name} is missing",
    }
    MISSING_FILE_HELP = "missing-file-help" {
        zh: "每个内容文件夹都要有 site.yaml 和 districts.yaml；示例见 README.md",
        en: "every content folder needs site.yaml and districts.yaml; see README.md for an example",
    }
    BAD_BASE_URL = "bad-base-url" {
        zh: "`base_url` 的值 `{value}` 必须是以 `/` 结尾的完整 http(s) 网址",
        en: "`base_url` `{value}` must be an absolute http(s) address ending with `/`",
    }
    BASE_URL_EXAMPLE = "base-url-example" {
        zh: "例如 https://tuoyu.example.org/qingdao/",
        en: "e.g. https://tuoyu.example.org/qingdao/",
    }
    BAD_THEME = "bad-theme" {
        zh: "`theme` 的值 `{value}` 必须是 themes/ 下的文件夹名（只用 a-z、0-9 和 -）",
        en: "`theme` `{value}` must be a folder name under themes/ (a-z, 0-9, -)",
    }
    DISTRICTS_SHAPE = "districts-shape" {
        zh: "districts.yaml 应该是区（市）的列表，这里写的是{found}",
        en: "districts.yaml should be a list of districts, found {found}",
    }
    DISTRICT_ID_TWICE = "district-id-twice" {
        zh: "区（市）编号 `{id}` 用了两次",
        en: "district id `{id}` is used twice",
    }
    NO_DISTRICTS = "no-districts" {
        zh: "districts.yaml 中没有任何区（市）",
        en: "districts.yaml lists no districts",
    }
    DISTRICT_PAGE_COLLISION = "district-page-collision" {
        zh: "区（市）编号 `{id}` 与区（市） `{stem}` 的第 {n} 页重名",
        en: "district id `{id}` collides with page {n} of district `{stem}`",
    }
    DISTRICT_PAGE_COLLISION_HELP = "district-page-collision-help" {
        zh: "请换一个不以“-数字”结尾的编号",
        en: "choose an id that does not end in -<number>",
    }

    // Pages.
    NO_FRONT_MATTER = "no-front-matter" {
        zh: "页面开头没有设置（两行 `---` 之间的 `title:` 等）",
        en: "page has no front matter",
    }
    NO_FRONT_MATTER_HELP = "no-front-matter-help" {
        zh: "文件第一行写 `---`，接着写 `title: …`，再写一行 `---`",
        en: "start the file with a `---` line, then `title: …`, then another `---` line",
    }
    BAD_SLUG = "bad-slug" {
        zh: "页面名 `{slug}` 无效",
        en: "page slug `{slug}` is not valid",
    }
    BAD_SLUG_HELP = "bad-slug-help" {
        zh: "只能用小写英文字母、数字和连字符（写 `slug:` 或给文件改名）",
        en: "use lowercase ASCII letters, digits and hyphens (set `slug:` or rename the file)",
    }
    RESERVED_SLUG = "reserved-slug" {
        zh: "页面名 `{slug}` 已被自动生成的页面占用",
        en: "page slug `{slug}` is reserved for a generated page",
    }
    SLUG_TWICE = "slug-twice" {
        zh: "页面名 `{slug}` 用了两次",
        en: "page slug `{slug}` is used twice",
    }
}
