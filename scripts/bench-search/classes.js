/* The query classes of issue #10 for a synthetic site, from one of its records (the 1000th
   filed one, or the last): prints "class<TAB>query" lines for bench-search.sh.
     node classes.js CONTENT OUT
   Classes: full name, part of a name, part of an address (road + number), a road, a 小区,
   a street, pinyin (of the name's distinctive part), its initials, district + service, pinyin
   with spaces. Pinyin comes from the built site's own reading table (search/py.*.js). */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [content, out] = process.argv.slice(2);
const files = fs.readdirSync(path.join(content, "filed")).filter((f) => f.endsWith(".yaml")).sort();
const records = [];
for (const f of files) {
  let cur = null;
  for (const line of fs.readFileSync(path.join(content, "filed", f), "utf8").split("\n")) {
    let m = /^- id: (.*)$/.exec(line);
    if (m) { cur = {}; records.push(cur); continue; }
    m = /^ {2}(name|address|street|district): *(.*)$/.exec(line);
    if (m && cur) { cur[m[1]] = m[2].replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1"); }
  }
  if (records.length >= 2000) { break; }
}
const r = records[Math.min(999, records.length - 1)];
if (!r || !r.name) { process.exit(0); }
const py = fs.readdirSync(path.join(out, "search")).find((f) => /^py\./.test(f));
let table = {};
if (py) {
  const src = fs.readFileSync(path.join(out, "search", py), "utf8");
  const data = JSON.parse(src.slice(src.indexOf(",") + 1, src.lastIndexOf(")")));
  for (const syl of Object.keys(data.d)) { for (const c of Array.from(data.d[syl])) { table[c] = syl; } }
}
const han = (s) => Array.from(s).filter((c) => /\p{Script=Han}/u.test(c));
const name = Array.from(r.name), addr = r.address || "";
const out_ = [];
const add = (cls, q) => { if (q && !out_.some((x) => x[1] === q)) { out_.push([cls, q]); } };
add("full name", r.name);
/* The name after its district and street (平度市崔家集街道贝乐托育中心 → 贝乐托育中心), else the middle. */
let rest = r.name;
for (const p of [/^.+?[区市]/, /^.+?(街道|镇)/]) { const m = p.exec(rest); if (m && m[0].length < rest.length - 3) { rest = rest.slice(m[0].length); } }
const part = Array.from(rest).slice(0, 4).join("");
add("part of name", part.length >= 3 ? part : name.slice(Math.floor(name.length / 2) - 2, Math.floor(name.length / 2) + 2).join(""));
const road = /(?:街道|镇)(.+?(?:路|街|大道|道|巷))(\d+号)?/.exec(addr);
if (road) {
  add("address part", road[1] + (road[2] || ""));
  add("road", road[1]);
}
/* A 小区: this record's, or the next record's that has one. */
const estateOf = (a) => /号(.+?(?:小区|花园|苑|家园|新村|公馆|社区))\d+号楼/.exec(a || "");
const withEstate = records.slice(records.indexOf(r)).concat(records).find((x) => estateOf(x.address));
if (withEstate) { add("小区", estateOf(withEstate.address)[1]); }
if (r.street) { add("street", r.street); }
const brand = han(rest).slice(0, 2);
const syl = brand.map((c) => table[c]).filter(Boolean);
if (syl.length === brand.length && syl.length) {
  add("pinyin", syl.join(""));
  add("initials", syl.map((s) => s[0]).join(""));
  add("pinyin spaced", syl.join(" "));
}
const district = ((/^(.+?[区市])/.exec(addr) || [])[1] || r.district || "").replace(/[区市]$/, "");
add("district+service", (district.length >= 2 ? district : "城阳") + " 全日托");
for (const [cls, q] of out_) { console.log(cls + "\t" + q); }
