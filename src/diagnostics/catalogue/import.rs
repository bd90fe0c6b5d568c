//! `tuoyu import`: reading an official list, what would be right in a bad cell, and the
//! report of what the import did.

crate::messages! {
    // Help texts (`tuoyu import --help`).
    ABOUT = "import-about" {
        zh: "把官方名单（.xlsx、.xls、.ods、.csv）导入为 content/ 下的 YAML 记录，并更新已有记录",
        en: "Import an official list (.xlsx, .xls, .ods, .csv) into YAML records under content/, updating those it already has",
    }
    KIND_FLAG = "import-kind-flag" {
        zh: "名单的种类：filed（备案机构）、demonstration（示范机构）或 sites（托育点）",
        en: "Which list this is: filed (备案机构), demonstration (示范机构) or sites (托育点)",
    }
    INTO_FLAG = "import-into-flag" {
        zh: "新记录写入的文件，写内容文件夹里的路径（默认：<种类文件夹>/<名单文件名>.yaml）",
        en: "File for new records, a path inside the content folder (default: <kind folder>/<list's name>.yaml)",
    }
    SHEET_FLAG = "import-sheet-flag" {
        zh: "要读取的工作表（默认：第一个有内容的工作表）",
        en: "The sheet to read (default: the first with content)",
    }
    DRY_RUN_FLAG = "import-dry-run-flag" {
        zh: "只列出将做的更改，不写入任何文件",
        en: "Show what would change; write nothing",
    }
    SKIP_BAD_FLAG = "import-skip-bad-flag" {
        zh: "有的行有错误时，仍导入其余正确的行",
        en: "Import the good rows even when some rows have bad cells",
    }
    FILE_ARG = "import-file-arg" {
        zh: "名单文件：.xlsx、.xls、.ods 或 .csv（UTF-8 或 GBK）",
        en: "The list: .xlsx, .xls, .ods or .csv (UTF-8 or GBK)",
    }
    BAD_DISTRICT = "import-bad-district" {
        zh: "「{value}」不是已知的区（市）；应为 districts.yaml 中的 id、名称或别名：{allowed}",
        en: "\"{value}\" is not a known district; use an id, name or alias from districts.yaml: {allowed}",
    }
    BAD_ID = "import-bad-id" {
        zh: "「{value}」不能作为 id；id 只用小写字母、数字和 -，以字母或数字开头",
        en: "\"{value}\" is not a usable id; ids use lowercase letters, digits and -, starting with a letter or digit",
    }
    BAD_DATE = "import-bad-date" {
        zh: "「{value}」不是日期；应写成 2021-08-16、2021/8/16、2021年8月16日 或 2021.8.16",
        en: "\"{value}\" is not a date; write it as 2021-08-16, 2021/8/16, 2021年8月16日 or 2021.8.16",
    }
    BAD_COUNT = "import-bad-count" {
        zh: "「{value}」不是整数；应写成 30 或 30个",
        en: "\"{value}\" is not a whole number; write it as 30 or 30个",
    }
    BAD_YEAR = "import-bad-year" {
        zh: "「{value}」不是年份；应写成 2021 或 2021年",
        en: "\"{value}\" is not a year; write it as 2021 or 2021年",
    }
    BAD_YES_NO = "import-bad-yes-no" {
        zh: "「{value}」应为 是 或 否",
        en: "\"{value}\" should be 是 (yes) or 否 (no)",
    }
    BAD_AGES = "import-bad-ages" {
        zh: "「{value}」不是收托月龄；应写成 6-36个月 或 1-3岁（0 至 36 个月）",
        en: "\"{value}\" is not an age range; write it as 6-36个月 or 1-3岁 (0 to 36 months)",
    }
    BAD_CHOICE = "import-bad-choice" {
        zh: "「{value}」不是允许的值；可选：{allowed}",
        en: "\"{value}\" is not an allowed value; choose one of: {allowed}",
    }
    BAD_CREDIT_CODE = "import-bad-credit-code" {
        zh: "「{value}」不是统一社会信用代码；应为 18 位数字和大写字母",
        en: "\"{value}\" is not a unified social credit code; it has 18 digits and capital letters",
    }
    BAD_NUMBER = "import-bad-number" {
        zh: "「{value}」不是数字；坐标应写成 36.0605 这样的小数",
        en: "\"{value}\" is not a number; coordinates are decimals such as 36.0605",
    }
    OTHER_KIND_COLUMN = "import-other-kind-column" {
        zh: "{column}「{header}」是{other}名单的字段，导入{kind}时不写入",
        en: "{column} \"{header}\" is a field of {other} lists; not written when importing {kind}",
    }
    DUPLICATE_ROW = "import-duplicate-row" {
        zh: "与第 {row} 行是同一机构（所属区（市）和机构名称都相同）；请删去其中一行",
        en: "the same institution as row {row} (same district and name); delete one of the two rows",
    }
    MISSING_REQUIRED = "import-missing-required" {
        zh: "缺少{field}；新的记录必须有{field}",
        en: "{field} is empty; a new record needs it",
    }
    MISSING_COLUMN = "import-missing-column" {
        zh: "缺少{field}：名单中没有这一列，新的记录必须有",
        en: "{field} is missing: the list has no such column and a new record needs it",
    }
    BAD_CELL = "import-bad-cell" {
        zh: "{place}：{problem}",
        en: "{place}: {problem}",
    }
    READ_SHEET = "import-read-sheet" {
        zh: "读取 {file} 工作表「{sheet}」：表头在第 {row} 行，{n} 行数据",
        en: "read {file}, sheet \"{sheet}\": header on row {row}, {n} data row(s)",
    }
    READ_CSV = "import-read-csv" {
        zh: "读取 {file}：表头在第 {row} 行，{n} 行数据",
        en: "read {file}: header on row {row}, {n} data row(s)",
    }
    GBK = "import-gbk" {
        zh: "{file} 不是 UTF-8 编码，已按 GBK 读取（中文 Windows 上的 Excel 常这样保存 CSV）",
        en: "{file} is not UTF-8; read it as GBK (how Excel on Chinese Windows saves CSV)",
    }
    UNKNOWN_COLUMN = "import-unknown-column" {
        zh: "未识别的列 {column}「{header}」：没有导入",
        en: "unrecognised column {column} \"{header}\": not imported",
    }
    UNUSED_COLUMN = "import-unused-column" {
        zh: "{column}「{header}」：一个单元格无法给出这个字段（{field}），没有导入",
        en: "{column} \"{header}\": one cell cannot give this field ({field}); not imported",
    }
    SKIPPED_ROW = "import-skipped-row" {
        zh: "跳过第 {row} 行（说明或标题）：{text}",
        en: "skipped row {row} (a note or title): {text}",
    }
    OTHER_KIND = "import-other-kind" {
        zh: "{n} 行不属于{kind}（「{column}」列为 否），没有导入",
        en: "{n} row(s) are not {kind} listings (column \"{column}\" is 否) and were not imported",
    }
    ADDED = "import-added" {
        zh: "新增 {id}：{name}（{file}）",
        en: "new {id}: {name} ({file})",
    }
    CHANGED = "import-changed" {
        zh: "变更 {id}：{name}（{file}）",
        en: "changed {id}: {name} ({file})",
    }
    CHANGE = "import-change" {
        zh: "    {field} {old} → {new}",
        en: "    {field} {old} → {new}",
    }
    GONE = "import-gone" {
        zh: "名单中未再出现 {id}：{name}（{file} 第 {line} 行）",
        en: "no longer in the list {id}: {name} ({file} line {line})",
    }
    GONE_HELP_FILED = "import-gone-help-filed" {
        zh: "以上记录没有删除。已停办的机构，请在记录中写 status: 注销（页面保留并标注“已注销”）；确属录错的，删去该记录。",
        en: "These records were not deleted. For an institution that closed, write status: 注销 in its record (its page stays, marked closed); if it was entered by mistake, delete the record.",
    }
    GONE_HELP = "import-gone-help" {
        zh: "以上记录没有删除；不再属于这份名单的，删去该记录即可。",
        en: "These records were not deleted; delete a record that no longer belongs to the list.",
    }
    SUMMARY = "import-summary" {
        zh: "导入 {file}：新增 {added} 条，变更 {changed} 条，未变 {unchanged} 条，名单中未再出现 {gone} 条",
        en: "import {file}: {added} new, {changed} changed, {unchanged} unchanged, {gone} no longer in the list",
    }
    NOTHING_WRITTEN = "import-nothing-written" {
        zh: "有 {n} 处单元格有误，没有写入任何文件；改正后重新导入，或用 --skip-bad-rows 跳过有误的行",
        en: "{n} bad cell(s); nothing was written. Correct them and import again, or pass --skip-bad-rows",
    }
    SKIPPED_BAD = "import-skipped-bad" {
        zh: "跳过 {n} 行有误的行（--skip-bad-rows）",
        en: "skipped {n} row(s) with bad cells (--skip-bad-rows)",
    }
    DRY_RUN = "import-dry-run" {
        zh: "（--dry-run：只列出将做的更改，没有写入文件）",
        en: "(--dry-run: changes listed, nothing written)",
    }
    WROTE = "import-wrote" {
        zh: "已写入 {file}",
        en: "wrote {file}",
    }
    CHECK_AFTER = "import-check-after" {
        zh: "导入后的检查（tuoyu check）：",
        en: "check after import (tuoyu check):",
    }
    NO_HEADER = "import-no-header" {
        zh: "{file}：前 30 行中找不到表头（需要「机构名称」和至少另一个已知列名，如 所属区（市）、机构地址、托位数）",
        en: "{file}: no header row in the first 30 rows (it needs 机构名称 and at least one more known column such as 所属区（市）, 机构地址, 托位数)",
    }
    UNKNOWN_FORMAT = "import-unknown-format" {
        zh: "{file}：不认识的文件类型「{ext}」；可导入 .xlsx、.xls、.ods、.csv",
        en: "{file}: unknown file type \"{ext}\"; import .xlsx, .xls, .ods or .csv",
    }
    NO_SUCH_SHEET = "import-no-such-sheet" {
        zh: "{file} 中没有工作表「{sheet}」；有：{have}",
        en: "{file} has no sheet \"{sheet}\"; it has: {have}",
    }
    UNREADABLE = "import-unreadable" {
        zh: "无法读取 {file}：{reason}",
        en: "cannot read {file}: {reason}",
    }
    EMPTY = "import-empty" {
        zh: "{file} 中没有内容",
        en: "{file} is empty",
    }
    HEADER_COMMENT = "import-header-comment" {
        zh: "# 由 tuoyu import 从 {file}（{sheet}）导入，{date}。\n# 再次导入新名单时，已有记录按统一社会信用代码、备案编号或区（市）+名称匹配并保留 id。\n",
        en: "# Imported by tuoyu import from {file} ({sheet}), {date}.\n# Importing a newer list matches records by credit code, filing number or district + name and keeps their ids.\n",
    }
}
