//! Messages of `tuoyu schema` (JSON Schemas, the VS Code mapping) and `tuoyu new`.

crate::messages! {
    SCHEMAS_WRITTEN = "schemas-written" {
        zh: "已写入 {n} 个 JSON Schema：{folder}",
        en: "wrote {n} JSON Schemas into {folder}",
    }
    VSCODE_WRITTEN = "vscode-written" {
        zh: "已更新 {path} 的 yaml.schemas：用 VS Code 和 YAML 扩展（Red Hat）编辑内容文件时，可补全字段和取值并标出错误",
        en: "updated yaml.schemas in {path}: VS Code with the YAML extension (Red Hat) now completes keys and values of the content files and underlines mistakes",
    }
    VSCODE_NOT_JSON = "vscode-not-json" {
        zh: "{path} 不是纯 JSON（第 {line} 行第 {column} 列：{reason}；VS Code 允许的注释和末尾逗号也不行），未修改它。请手动在其中加入：\n{snippet}",
        en: "{path} is not plain JSON (line {line}, column {column}: {reason}; comments and trailing commas, which VS Code allows, count too), so it was left unchanged. Add this to it by hand:\n{snippet}",
    }
    SCHEMA_NO_DISTRICTS = "schema-no-districts" {
        zh: "无法读取 districts.yaml，district 和 street 的可选值没有列出；请先运行 tuoyu check",
        en: "districts.yaml could not be read, so the schemas list no values for district and street; run tuoyu check first",
    }
    NEW_WRITTEN = "new-written" {
        zh: "已创建 {path}：必填字段暂为空（\"\"），填写后运行 tuoyu check；选填字段已注释掉，需要时去掉行首的 #",
        en: "created {path}: required fields are empty (\"\") until you fill them, then run tuoyu check; optional fields are commented out, remove the leading # to use one",
    }
    NEW_EXISTS = "new-exists" {
        zh: "{path} 已存在，未覆盖；请换一个编号或直接编辑该文件",
        en: "{path} already exists and was not overwritten; choose another id or edit that file",
    }
    NEW_BAD_ID = "new-bad-id" {
        zh: "编号 `{id}` 不可用：只能由小写英文字母、数字和 - 组成，以字母或数字开头，最多 {max} 个字符（如 chengyang-sanli）",
        en: "id `{id}` cannot be used: lower-case ASCII letters, digits and -, starting with a letter or digit, at most {max} characters (e.g. chengyang-sanli)",
    }

    SCHEMA_ABOUT = "cli-schema" {
        zh: "写出内容文件的 JSON Schema（schemas/），并在 .vscode/settings.json 中关联，供编辑器补全和检查",
        en: "Write JSON Schemas of the content files (schemas/) and map them in .vscode/settings.json for editors' completion and checking",
    }
    SCHEMA_OUT_FLAG = "cli-schema-out" {
        zh: "JSON Schema 写到哪个文件夹（默认：内容文件夹旁的 schemas）",
        en: "Where the schemas are written (default: schemas beside the content folder)",
    }
    NO_VSCODE_FLAG = "cli-no-vscode" {
        zh: "不修改 .vscode/settings.json",
        en: "Leave .vscode/settings.json alone",
    }
    NEW_ABOUT = "cli-new" {
        zh: "新建一条记录：content/<文件夹>/<编号>.yaml，列出所有字段并附中文说明",
        en: "Start a new record: content/<folder>/<id>.yaml with every field, commented in Chinese",
    }
    NEW_KIND_ARG = "cli-new-kind" {
        zh: "记录类型：filed（备案机构）、demonstration（示范机构）或 sites（托育点）",
        en: "The kind of record: filed, demonstration or sites",
    }
    NEW_ID_ARG = "cli-new-id" {
        zh: "机构编号：小写英文字母、数字和 -（如 chengyang-sanli）",
        en: "The institution's id: lower-case ASCII letters, digits and - (e.g. chengyang-sanli)",
    }
}
