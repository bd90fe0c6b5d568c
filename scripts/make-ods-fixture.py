#!/usr/bin/env python3
"""Writes tests/fixtures/import/list.ods, the OpenDocument list tests/import.rs imports.

rust_xlsxwriter writes .xlsx only, so the .ods fixture is made here with the standard
library alone: an .ods file is a zip of `mimetype` (stored first, uncompressed),
META-INF/manifest.xml and content.xml. The sheet has what official lists have: a title
row spanning the table, the header, two rows (one with a real date cell), a notice row.
Run from the repository root: python3 scripts/make-ods-fixture.py
"""
import zipfile

ROWS = [
    ("t", ["青岛市托育机构备案名单（ODS）"]),
    ("h", ["序号", "托育机构名称", "所属区（市）", "机构地址", "托位数（个）", "备案时间"]),
    ("d", ["1", "测试·ODS第一托育园", "市南区", "测试路1号", "30个", ("date", "2021-08-16")]),
    ("d", ["2", "测试·ODS第二托育园", "城阳", "测试路2号", "25", "2021年9月1日"]),
    ("n", ["注：以上排名不分先后。"]),
]


def cell(v):
    if isinstance(v, tuple):
        return (f'<table:table-cell office:value-type="date" office:date-value="{v[1]}">'
                f"<text:p>{v[1]}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'


def row(kind, values):
    span = ' table:number-columns-spanned="6"' if kind in "tn" else ""
    cells = "".join(cell(v) for v in values)
    if span:
        cells = cells.replace("<table:table-cell ", f"<table:table-cell{span} ", 1)
    return f"<table:table-row>{cells}</table:table-row>"


CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="备案名单">'
    + "".join(row(k, v) for k, v in ROWS)
    + "</table:table></office:spreadsheet></office:body></office:document-content>"
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)

# Fixed timestamps so the fixture's bytes do not change from run to run.
def entry(name):
    return zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))

with zipfile.ZipFile("tests/fixtures/import/list.ods", "w") as z:
    z.writestr(entry("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
    z.writestr(entry("META-INF/manifest.xml"), MANIFEST, zipfile.ZIP_DEFLATED)
    z.writestr(entry("content.xml"), CONTENT, zipfile.ZIP_DEFLATED)
