/* The pure functions of themes/default/static/search.js, over a small hand-made meta in
   the shape src/render/search/format.rs writes (the agreement with the real one is
   agreement.test.js). Run: node --test tests/js/ */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const S = require(path.join(__dirname, "../../themes/default/static/search.js"));

const FIELDS = ["id", "name", "district", "street", "address", "phone", "tel", "services", "ageMin", "ageMax", "capacity", "facets", "status", "level", "year", "fee", "vacancies", "monthlyFee", "lat", "lng", "text"];

/* A meta with two districts (documents 0–2 and 3–5); `extra` changes anything. */
function makeMeta(extra) {
  return S.prepare(Object.assign({
    v: 4, n: 6, hash: "h", page: 20, docSize: 4, shards: 7, docFiles: 2, facetFiles: 9,
    fold: "託托陽阳",
    heavy: "托育 托 育",
    districts: [
      { id: "shinan", name: "市南区", short: "市南", py: "shinan", ini: "sn", start: 0, end: 3, chunk: 0, offset: 0, streets: ["八大关街道"] },
      { id: "chengyang", name: "城阳区", short: "城阳", py: "chengyang", ini: "cy", start: 3, end: 6, chunk: 0, offset: 3, streets: ["流亭街道", "城阳街道"] }
    ],
    services: ["全日托", "半日托", "计时托", "临时托"],
    card: { fields: FIELDS, levels: ["", "省级", "市级"], levelled: "demonstration" },
    term: { fields: ["name", "other"] },
    facets: { filed: 0, demonstration: 1, site: 2, inclusive: 3, free: 4 },
    status: { suspended: 0, closed: 1 },
    labels: { filed: "已备案", demonstration: "示范", site: "托育点", inclusive: "普惠", free: "免费", suspended: "暂停服务", closed: "已注销" },
    badges: ["filed", "suspended", "closed", "demonstration", "site", "inclusive", "free"],
    words: { "备案": "filed", "已备案": "filed", "示范": "demonstration", "托育点": "site", "普惠": "inclusive", "免费": "free" },
    filterWords: { "有空位": "vacancies", "有空余托位": "vacancies" },
    ageClasses: [{ name: "infant", label: "不满1岁", min: 6, max: 11 }, { name: "toddler", label: "1–2岁", min: 12, max: 23 }, { name: "older", label: "2–3岁", min: 24, max: 36 }],
    feeLimits: [1000, 2000, 3000],
    files: { t: "00000000111111112222222233333333444444445555555566666666", d: "aaaaaaaabbbbbbbb", b: "", s: "", py: "0123abcd" },
    filters: { facets: [0, 1, 2, 3, 4], services: [5, 6, 5, 7], ages: [8, 8, 6], vacancies: 9, fees: [10, 11, 12], ageClasses: [13, 14, 15] }
  }, extra || {}));
}

/* A card with the named fields set (others null), in meta's field order. */
function makeCard(meta, values) {
  return meta.card.fields.map((f) => (values[f] === undefined ? null : values[f]));
}

test("decoders: postings, bitmaps, street codes", () => {
  assert.deepEqual(S.decodePostings("3,1,a,10"), [3, 4, 14, 50]);
  assert.deepEqual(S.decodePostings(""), []);
  assert.deepEqual(S.decodePostings("!__"), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(S.decodePostings("!BA"), [0]);
  assert.deepEqual(Array.from(S.markPostings("1,2", 4)), [0, 1, 0, 1]);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (let i = 0; i < 64; i++) { assert.equal(S.f64(alphabet, i), i); }
  assert.equal(S.streetCode("AAB_", 1), 63 + 64);
  assert.equal(S.streetCode("__", 0), 4095);
  const meta = makeMeta();
  assert.deepEqual(S.termPostings(["0,2", "5"], meta), { n: [0, 2], o: [5] });
  assert.deepEqual(S.termPostings(["5", "0,2"], makeMeta({ term: { fields: ["other", "name"] } })), { n: [0, 2], o: [5] });
});

test("decoders: a document's doc chunk follows its district's start", () => {
  const meta = makeMeta({
    districts: [
      { id: "a", name: "甲区", start: 0, end: 3, chunk: 0, offset: 0 },
      { id: "b", name: "乙区", start: 3, end: 9, chunk: 1, offset: 0 }
    ]
  });
  assert.deepEqual(S.chunkOf(meta, 0), [0, 0]);
  assert.deepEqual(S.chunkOf(meta, 2), [0, 2]);
  assert.deepEqual(S.chunkOf(meta, 3), [1, 0]);
  assert.deepEqual(S.chunkOf(meta, 8), [2, 1]);
});

test("query parsing: normalisation and traditional characters", () => {
  const meta = makeMeta();
  assert.equal(S.normalise("ＡＢＣ　小时托"), "abc 计时托");
  assert.equal(S.normalise("託育 城陽", meta.$.fold), "托育 城阳");
  const q = S.parseQuery("託育", meta);
  assert.deepEqual(q.text.map((t) => t.parts[0].terms), [["托育"]]);
});

test("query parsing: pinyin, initials and words", () => {
  assert.deepEqual(S.segment("chengyang"), ["cheng", "yang"]);
  assert.deepEqual(S.segment("xian"), ["xian"]);
  assert.equal(S.segment("cy"), null);
  assert.deepEqual(S.asciiReadings("sanli"), [["p:sanli"]]);
  assert.deepEqual(S.asciiReadings("cy"), [["i:cy"], ["w:cy"]]);
  /* No syllable starts with i, u or v: no initials reading with one of them. */
  assert.deepEqual(S.asciiReadings("lv"), [["p:lü"]]);
  assert.deepEqual(S.asciiReadings("nue"), [["p:nüe"]]);
  assert.deepEqual(S.asciiReadings("dou"), [["p:dou"]]);
  assert.deepEqual(S.asciiReadings("dong"), [["p:dong"], ["i:do", "i:on", "i:ng"]]);
  assert.deepEqual(S.asciiReadings("188"), [["w:188"]]);
  assert.deepEqual(S.asciiReadings("sanliji"), [["p:sanli", "p:liji"]]);
});

test("query parsing: CJK runs, mixed tokens, prefix and exact terms", () => {
  const tok = S.textToken("城阳cy");
  assert.deepEqual(tok.parts, [{ terms: ["城阳"], run: "城阳" }, { readings: [["i:cy"], ["w:cy"]] }]);
  assert.equal(tok.prefix, "^城阳");
  assert.equal(tok.exact, "=城阳cy");
  assert.deepEqual(S.textToken("三利集团").parts[0].terms, ["三利", "利集", "集团"]);
  assert.equal(S.textToken("三").parts[0].terms[0], "三");
  assert.equal(S.textToken("cy").prefix, null);
  assert.equal(S.textToken("·—"), null);
});

test("query parsing: words that are filters", () => {
  const meta = makeMeta();
  const q = S.parseQuery("城阳 全日托 小时托 普惠 已备案 三利", meta);
  assert.deepEqual(q.districts, [1]);
  assert.equal(q.services, (1 << 0) | (1 << 2));
  assert.equal(q.facets, (1 << meta.facets.inclusive) | (1 << meta.facets.filed));
  assert.deepEqual(q.text.map((t) => t.text), ["三利"]);
  assert.deepEqual(S.parseQuery("chengyang sn", meta).districts, [1, 0]);
  assert.deepEqual(S.parseQuery("cy", meta).districts, [1]);
});

test("lookup plan: keys are the first and last light terms", () => {
  const heavy = { "托育": true, "育中": true, "中心": true };
  assert.deepEqual(S.keysOf(["a", "b"], heavy), ["a", "b"]);
  assert.deepEqual(S.keysOf(["树安", "安贝", "贝托", "托育", "育中", "中心"], heavy), ["树安", "贝托"]);
  assert.deepEqual(S.keysOf(["托育", "育中", "中心"], heavy), ["托育", "中心"]);
  assert.deepEqual(S.keysOf(["托育", "育中", "x"], heavy), ["x"]);
  const tok = S.textToken("虚构·树安贝托育中心");
  assert.equal(S.exactKey(tok, { "虚构": true }), "树安");
  assert.equal(S.exactKey(S.textToken("托育中心"), heavy), "=托育中心");
});

test("lookup plan: shards of keys, prefix and exact-name terms", () => {
  const meta = makeMeta();
  const shard = (t) => S.fnv1a(t) % meta.shards;
  const p = S.plan(S.parseQuery("三利集团托育", meta), meta);
  /* 三利 利集 集团 团托 托育, 托育 heavy: the keys are 三利 and 团托. */
  assert.deepEqual(p.shards, [...new Set([shard("三利"), shard("团托")])]);
  assert.equal(p.shardOf["^三利"], shard("三利"));
  assert.equal(p.shardOf["=三利集团托育"], shard("三利"));
  /* Only heavy keys and a long run: the exact-name term has a shard of its own. */
  const heavyMeta = makeMeta({ heavy: "阳光 光宝 宝贝" });
  const q = S.plan(S.parseQuery("阳光宝贝", heavyMeta), heavyMeta);
  assert.equal(q.shardOf["=阳光宝贝"], S.fnv1a("=阳光宝贝") % 7);
  assert.ok(q.shards.indexOf(q.shardOf["=阳光宝贝"]) >= 0);
  /* A run of two characters: its exact match is among its term's first results. */
  const two = S.plan(S.parseQuery("宝贝", heavyMeta), heavyMeta);
  assert.equal(two.shardOf["=宝贝"], undefined);
  assert.equal(S.fnv1a("三利"), 2315992183);
});

test("filters: form fields and words name facets", () => {
  const meta = makeMeta();
  const none = { districts: [], services: 0, facets: 0, text: [] };
  assert.deepEqual(S.buildFilters({ kind: "demonstration" }, none, meta).files, [1]);
  assert.deepEqual(S.buildFilters({ inclusive: "1", free: "1" }, none, meta).files, [3, 4]);
  assert.deepEqual(S.buildFilters({ kind: "constructor" }, none, meta).files, []);
  assert.deepEqual(S.buildFilters({ service: "小时托", age: "30" }, none, meta).files, [5, 6]);
  assert.deepEqual(S.buildFilters({ age: "0" }, none, meta).files, [8]);
  const f = S.buildFilters({ district: "chengyang", street: "城阳街道" }, none, meta);
  assert.deepEqual(f.ranges, [[3, 6]]);
  assert.deepEqual(f.street, { district: 1, start: 3, code: 1 });
  assert.deepEqual(S.buildFilters({ district: "shinan" }, S.parseQuery("城阳", meta), meta).ranges, []);
  const ok = S.facetTest(["0,2"], 6, f.street, "AAABAB");
  assert.deepEqual([3, 4, 5].filter(ok), []);
  const ok2 = S.facetTest([], 6, f.street, "AAABAB");
  assert.deepEqual([3, 4, 5].filter(ok2), [4, 5]);
  assert.equal(S.facetTest([], 6, null, null), null);
});

test("a sixth facet is a filter and a badge, never a status", () => {
  const meta = makeMeta({
    facets: { filed: 0, demonstration: 1, site: 2, inclusive: 3, free: 4, night: 5 },
    labels: { filed: "已备案", demonstration: "示范", site: "托育点", inclusive: "普惠", free: "免费", night: "夜间", suspended: "暂停服务", closed: "已注销" },
    badges: ["filed", "suspended", "closed", "demonstration", "site", "inclusive", "free", "night"],
    words: { "夜间": "night" },
    filters: { facets: [0, 1, 2, 3, 4, 9], services: [], ages: [] }
  });
  const c = S.card(makeCard(meta, { id: "x", name: "某园", district: 0, facets: (1 << 0) | (1 << 5), status: 0 }), meta);
  assert.deepEqual(c.badges, [["filed", "已备案"], ["night", "夜间"]]);
  const none = { districts: [], services: 0, facets: 0, text: [] };
  assert.deepEqual(S.buildFilters({ night: "1" }, none, meta).files, [9]);
  assert.deepEqual(S.buildFilters({}, S.parseQuery("夜间", meta), meta).files, [9]);
});

test("cards: fields are read by name, badges in meta order", () => {
  const meta = makeMeta();
  const values = {
    id: "a-1", name: "三利托育", district: 1, street: "城阳街道", address: "某路1号", phone: "0532-1",
    tel: "tel:05321", services: 0b0101, ageMin: 12, ageMax: 36, capacity: 40,
    facets: (1 << 0) | (1 << 1) | (1 << 4), status: 1 << 1, level: 2, year: 2021, fee: "免费"
  };
  const expected = {
    id: "a-1", name: "三利托育", area: "城阳区 · 城阳街道", address: "某路1号", phone: "0532-1", tel: "tel:05321",
    services: "全日托、计时托", ages: "12–36个月", capacity: "40 个", fee: "免费", vacancies: "", monthlyFee: null, pos: null,
    badges: [["filed", "已备案"], ["closed", "已注销"], ["demonstration", "市级示范 2021"], ["free", "免费"]]
  };
  assert.deepEqual(S.card(makeCard(meta, values), meta), expected);
  const reversed = makeMeta({ card: { fields: FIELDS.slice().reverse(), levels: ["", "省级", "市级"], levelled: "demonstration" } });
  assert.deepEqual(S.card(makeCard(reversed, values), reversed), expected);
  const bare = S.card(makeCard(meta, { id: "b", name: "某", tel: "javascript:x" }), meta);
  assert.equal(bare.tel, "");
  assert.equal(bare.ages, "");
  assert.deepEqual(bare.badges, []);
});

test("matching and ranking: exact name, then prefix, then name, then the rest", () => {
  const meta = makeMeta();
  /* Documents: 0 三利, 1 三利托育, 2 某三利园, 3 address only, 4 no match. */
  const names = { 0: "三利", 1: "三利托育", 2: "某三利园" };
  const index = { "三利": { n: [0, 1, 2], o: [3] }, "^三利": { n: [0, 1], o: [] }, "=三利": { n: [0], o: [] } };
  const post = (t) => index[t] || { n: [], o: [] };
  const nameOf = (d) => (names[d] === undefined ? null : names[d]);
  const fieldsOf = (d) => (names[d] === undefined ? null : { name: names[d], other: "" });
  const parsed = S.parseQuery("三利", meta);
  const m = S.evaluate(parsed, post, meta.$.heavy, fieldsOf, 5);
  assert.deepEqual(m.docs, [0, 1, 2, 3]);
  assert.deepEqual(m.name, [0, 1, 2]);
  const reordered = { 0: "某三利园", 1: "三利", 2: "三利托育" };
  const idx2 = { "三利": { n: [0, 1, 2], o: [3] }, "^三利": { n: [1, 2], o: [] }, "=三利": { n: [1], o: [] } };
  const post2 = (t) => idx2[t] || { n: [], o: [] };
  const nameOf2 = (d) => (reordered[d] === undefined ? null : reordered[d]);
  const fieldsOf2 = (d) => (reordered[d] === undefined ? null : { name: reordered[d], other: "" });
  assert.deepEqual(S.rank(parsed, S.evaluate(parsed, post2, {}, fieldsOf2, 5), [0, 1, 2, 3], post2, nameOf2, 5), [1, 2, 0, 3]);
  /* A long run looked up by two keys: a name without the run does not match by name. */
  const long = S.parseQuery("甲乙丙丁", meta);
  const idx3 = { "甲乙": { n: [0, 1], o: [] }, "丙丁": { n: [0, 1], o: [2] } };
  const post3 = (t) => idx3[t] || { n: [], o: [] };
  const nm3 = (d) => ({ 0: { name: "甲乙丙丁园", other: "" }, 1: { name: "甲乙某丙丁", other: "" } })[d] || null;
  assert.deepEqual(S.evaluate(long, post3, {}, nm3, 3), { docs: [0], name: [0], unsure: [], loose: [] });
  assert.deepEqual(S.inter([1, 3, 5], [3, 4, 5]), [3, 5]);
  assert.deepEqual(S.union([1, 5], [3, 5]), [1, 3, 5]);
});

test("URL state: the form's fields, round trip", () => {
  const fields = ["q", "district", "kind", "inclusive"];
  const st = S.parseSearch("?q=%E4%B8%89%E5%88%A9+cy&district=chengyang&other=1&kind=site&q=again", fields);
  assert.deepEqual(st, { q: "三利 cy", district: "chengyang", kind: "site" });
  assert.equal(S.buildSearch(st, { district: "chengyang" }, fields), "?q=%E4%B8%89%E5%88%A9%20cy&kind=site");
  assert.equal(S.buildSearch({}, {}, fields), "");
  assert.deepEqual(S.parseSearch("?q=%E4%B8", fields), {});
});

test("long runs: one key in the name and one in the address, checked on the card's fields", () => {
  const meta = makeMeta();
  /* 职工之家: 职工 in 三利集团职工托育班's name, 之家 in its address only. */
  const q = S.parseQuery("职工之家", meta);
  const idx = { "职工": { n: [0, 1], o: [] }, "之家": { n: [], o: [0, 1, 2] } };
  const post = (t) => idx[t] || { n: [], o: [] };
  const fields = {
    0: { name: "三利集团职工托育班", other: "城阳区棘洪滩街道三利集团职工之家|棘洪滩街道" },
    1: { name: "某职工托育班", other: "某路之家" }
  };
  const m = S.evaluate(q, post, {}, (d) => fields[d] || null, 3);
  assert.deepEqual(m.docs, [0], "the whole run is in document 0's address, not in document 1's fields");
  assert.deepEqual(m.name, [], "an address match is not a name match");
  assert.deepEqual(m.unsure, []);
  /* Without a card the candidate is kept, and said to be unchecked. */
  const m2 = S.evaluate(q, post, {}, (d) => (d === 1 ? fields[1] : null), 3);
  assert.deepEqual(m2.docs, [0]);
  assert.deepEqual(m2.unsure, [0]);
});

test("query parsing: pinyin with spaces, apostrophes, tone marks and numbers, ü", () => {
  const meta = makeMeta();
  assert.deepEqual(S.pinyinOf("lǎo"), ["lao"]);
  assert.deepEqual(S.pinyinOf("lao3shan1"), ["lao", "shan"]);
  assert.deepEqual(S.pinyinOf("xi'an"), ["xi", "an"]);
  assert.deepEqual(S.pinyinOf("xian"), ["xian"]);
  assert.deepEqual(S.pinyinOf("lǜ"), ["lü"]);
  assert.equal(S.pinyinOf("a1"), null, "a building number stays a word");
  assert.equal(S.pinyinOf("cy"), null);
  assert.equal(S.pinyinOf("188"), null);
  /* cheng yang is chengyang: the district. */
  const spaced = S.parseQuery("cheng yang", meta);
  assert.deepEqual(spaced.districts, [1]);
  assert.deepEqual(spaced.text, []);
  assert.deepEqual(S.parseQuery("chéng yáng", meta).districts, [1]);
  assert.deepEqual(S.parseQuery("cheng2 yang2", meta).districts, [1]);
  /* Text pinyin joins too, and a district inside the run still is one. */
  const two = S.parseQuery("cheng yang san li", meta);
  assert.deepEqual(two.districts, [1]);
  assert.deepEqual(two.text.map((t) => t.parts[0].readings), [[["p:sanli"]]]);
  assert.deepEqual(S.parseQuery("sān lǐ", meta).text[0].parts, S.parseQuery("sanli", meta).text[0].parts);
  assert.deepEqual(S.parseQuery("xi'an", meta).text[0].parts[0].readings[0], ["p:xian"]);
  /* Full-width letters are letters. */
  assert.deepEqual(S.parseQuery("ｓａｎｌｉ", meta).text[0].parts, S.parseQuery("sanli", meta).text[0].parts);
  /* Not pinyin: stays apart. */
  assert.deepEqual(S.parseQuery("sanli cy", meta).text.length, 1);
  assert.deepEqual(S.parseQuery("sanli cy", meta).districts, [1]);
});

test("query parsing: ages, vacancies and phone digits in words", () => {
  const meta = makeMeta();
  assert.deepEqual(S.ageWord("10个月"), { months: 10 });
  assert.deepEqual(S.ageWord("18月龄"), { months: 18 });
  assert.deepEqual(S.ageWord("1岁半"), { months: 18 });
  assert.deepEqual(S.ageWord("两岁"), { months: 24 });
  assert.deepEqual(S.ageWord("2岁以下"), { under: 24 });
  assert.deepEqual(S.ageWord("不满1岁"), { under: 12 });
  assert.equal(S.ageWord("三利"), null);
  assert.equal(S.ageWord("0个月"), null);
  const q = S.parseQuery("10个月 三利", meta);
  assert.equal(q.age, 10);
  assert.deepEqual(q.text.map((t) => t.text), ["三利"]);
  assert.deepEqual(S.buildFilters({}, q, meta).files, [S.buildFilters({ age: "10" }, { districts: [], services: 0, facets: 0, text: [] }, meta).files[0]]);
  /* The form's age wins over the words'. */
  assert.deepEqual(S.buildFilters({ age: "30" }, S.parseQuery("1岁半", meta), meta).files, [6]);
  /* 2岁以下: any of the classes under two (乳儿班, 托小班). */
  const under = S.buildFilters({}, S.parseQuery("2岁以下", meta), meta);
  assert.deepEqual(under.any, [[13, 14]]);
  assert.deepEqual(under.load, [13, 14]);
  const ok = S.facetTest(["0", "2"], 4, null, null, under);
  assert.deepEqual([0, 1, 2, 3].filter(ok), [0, 2]);
  assert.deepEqual(S.buildFilters({}, S.parseQuery("3岁以下", meta), meta).any, [], "every class is under three");
  /* 有空位 → the vacancies file. */
  const v = S.parseQuery("有空位 城阳", meta);
  assert.equal(v.filters.vacancies, true);
  assert.deepEqual(S.buildFilters({}, v, meta).files, [9]);
  assert.deepEqual(S.buildFilters({ vacancies: "1" }, { districts: [], services: 0, facets: 0, text: [] }, meta).files, [9]);
  /* Phone digits: four or more are also a phone reading; dashes go. */
  assert.deepEqual(S.asciiReadings("4321"), [["w:4321"], ["n:4321"]]);
  assert.deepEqual(S.parseQuery("0532-87654321", meta).text[0].parts[0].readings, [["w:053287654321"], ["n:053287654321"]]);
});

test("filters: fee choices and age classes", () => {
  const meta = makeMeta();
  const none = { districts: [], services: 0, facets: 0, text: [] };
  assert.deepEqual(S.buildFilters({ fee: "free" }, none, meta).files, [4]);
  assert.deepEqual(S.buildFilters({ fee: "2000" }, none, meta).files, [11]);
  assert.deepEqual(S.buildFilters({ fee: "1500" }, none, meta).files, []);
  assert.deepEqual(S.buildFilters({ ageClass: "older" }, none, meta).files, [15]);
});

test("same sound: readings, the query read as pinyin, the match and its hint", () => {
  const table = S.readingTable({ d: { dong: "东", wang: "王旺", tuan: "疃", chang: "长", jin: "金" }, a: { zhang: "长" } });
  assert.deepEqual(table["长"], ["chang", "zhang"]);
  const meta = makeMeta();
  const sq = S.soundQuery(S.parseQuery("东王疃", meta), table);
  assert.deepEqual(sq.text[0].parts[0].readings, [["p:dongwang", "p:wangtuan"], ["a:dongwang", "a:wangtuan"]]);
  assert.equal(S.soundAt("城阳东旺疃社区", sq.text[0].parts[0].sound), 2);
  assert.equal(S.soundAt("东方疃", sq.text[0].parts[0].sound), -1);
  assert.equal(S.soundHint(sq, "东旺疃社区免费托育点"), "东旺疃");
  assert.equal(S.soundHint(sq, "某托育", "城阳区东旺疃社区"), "东旺疃", "not in the name: in the address");
  assert.equal(S.soundHint(sq, "某托育", "城阳区"), null);
  /* A 多音字 brings its other reading as another reading of the run. */
  const heteronym = S.soundQuery(S.parseQuery("长王", meta), table);
  assert.deepEqual(heteronym.text[0].parts[0].readings, [["p:changwang"], ["a:changwang"], ["p:zhangwang"], ["a:zhangwang"]]);
  /* One character: its syllable as a name's pinyin only (addresses have pairs). */
  assert.deepEqual(S.soundQuery(S.parseQuery("金", meta), table).text[0].parts[0].readings, [["p:jin"]]);
  /* A character the table lacks: no reading. */
  assert.equal(S.soundQuery(S.parseQuery("東x", makeMeta({ fold: "" })), table), null);
  assert.equal(S.soundQuery(S.parseQuery("sanli", meta), table), null);
  /* Matching by sound on the cards: the index's pinyin postings, checked by reading. */
  const idx = { "p:dongwang": { n: [0, 1], o: [] }, "p:wangtuan": { n: [0, 1], o: [] } };
  const fields = { 0: { name: "东旺疃社区", other: "" }, 1: { name: "东望某疃", other: "" } };
  const m = S.evaluate(sq, (t) => idx[t] || { n: [], o: [] }, {}, (d) => fields[d] || null, 2);
  assert.deepEqual(m.docs, [0], "东望某疃 has both pairs' postings but not the run: the card says so");
  assert.deepEqual(m.name, [0]);
  const unchecked = S.evaluate(sq, (t) => idx[t] || { n: [], o: [] }, {}, () => null, 2);
  assert.deepEqual(unchecked.unsure, [0, 1], "without cards both stay, unchecked");
  /* A road in an address, by its sound pairs (a:), checked on the card's other fields. */
  const road = S.soundQuery(S.parseQuery("王疃", meta), table);
  const addr = { "a:wangtuan": { n: [], o: [2, 3] } };
  const afields = { 2: { name: "某托育", other: "城阳区旺疃路8号" }, 3: { name: "某托育", other: "王家路" } };
  const r = S.evaluate(road, (t) => addr[t] || { n: [], o: [] }, {}, (d) => afields[d] || null, 4);
  assert.deepEqual(r.docs, [2], "旺疃路 sounds like 王疃; 王家路, though in the pair's postings here, does not");
  assert.deepEqual(r.name, []);
  /* A part not read by sound (a house number) that matches nothing: no reading by sound. */
  const numbered = S.parseQuery("港瑞路34", meta);
  const post = (t) => ({ "瑞路34": { n: [], o: [] }, "瑞路3": { n: [], o: [5] } }[t] || { n: [], o: [] });
  assert.equal(S.soundMayMatch(numbered, post, {}), false);
  assert.equal(S.soundMayMatch(S.parseQuery("港瑞路3", meta), post, {}), true);
  assert.equal(S.soundMayMatch(S.parseQuery("东王疃", meta), post, {}), true);
  /* Both pairs of a road live in the shards of their p: pairs: no shard more. */
  const pm = makeMeta({ shards: 1500 });
  const p = S.plan(sq, pm);
  assert.equal(p.shardOf["a:dongwang"], p.shardOf["p:dongwang"]);
  assert.equal(p.shardOf["a:wangtuan"], p.shardOf["p:wangtuan"]);
});

test("files: each named by its own hash, listed in meta", () => {
  const meta = makeMeta();
  assert.equal(S.fileName(meta, "t", 2), "t2.22222222.js");
  assert.equal(S.fileName(meta, "d", 1), "d1.bbbbbbbb.js");
  assert.equal(S.fileName(meta, "py"), "py.0123abcd.js");
  assert.equal(meta.terms[6], "t6.66666666.js");
  assert.deepEqual(meta.docs, ["d0.aaaaaaaa.js", "d1.bbbbbbbb.js"]);
});

test("sorts: by fee, unknown last; by distance, unplaced last", () => {
  const fees = { 1: 1800, 2: 0, 3: null, 4: 900 };
  assert.deepEqual(S.sortByFee([1, 2, 3, 4], (d) => fees[d]), [2, 4, 1, 3]);
  const pos = { 1: { lat: 0, lng: 3 }, 2: null, 3: { lat: 0, lng: 1 } };
  const s = S.sortByDistance([1, 2, 3], (d) => pos[d], { lat: 0, lng: 0 }, (a, b) => Math.abs(b.lng - a.lng) * 1000);
  assert.deepEqual(s.docs, [3, 1, 2]);
  assert.deepEqual(s.dist, { 1: 3000, 3: 1000 });
  assert.equal(s.unplaced, 1);
});

test("first page: at most two doc chunks; results without a card beyond them come later", () => {
  /* Cards for the even docs; a doc's chunk is floor(d / 3): 1 → 0, 7 → 2, 11 → 3. */
  const page = S.firstPage([1, 4, 7, 11, 2, 6, 8, 5], (d) => d % 2 === 0, (d) => Math.floor(d / 3), 6, 2);
  assert.deepEqual(page, [1, 4, 7, 2, 6, 8, 11, 5], "11 would be a third chunk: after the first page");
  assert.deepEqual(S.firstPage([1, 3], () => false, (d) => d, 6, 2), [1, 3]);
});

test("first page: stops before a result whose doc chunk the request budget has no room for", () => {
  const hasCard = (d) => d % 2 === 0, chunk = (d) => Math.floor(d / 3);
  /* No chunk left: the page ends before 5, the first without a card. */
  const docs = S.firstPage([0, 2, 4, 5, 7], hasCard, chunk, 20, 0);
  assert.deepEqual(docs, [0, 2, 4, 5, 7]);
  assert.equal(S.pageEnd(docs, hasCard, chunk, 20, 0), 3);
  /* One chunk: 5 (chunk 1) fits, 7 (chunk 2) does not. */
  assert.equal(S.pageEnd(docs, hasCard, chunk, 20, 1), 4);
  assert.equal(S.pageEnd(docs, hasCard, chunk, 3, 0), 3, "never past the page size");
  assert.equal(S.pageEnd([5, 7], hasCard, chunk, 20, 0), 1, "at least one result");
});

test("query parsing: a lone heavy character beside other parts is left out", () => {
  const meta = makeMeta({ heavy: "托育 托 育 号" });
  const q = S.parseQuery("港瑞路342号", meta);
  assert.deepEqual(q.text[0].parts.map((p) => p.terms || p.readings), [["港瑞"], [["瑞路342"]]]);
  /* Alone, or light, it stays. */
  assert.deepEqual(S.parseQuery("号", meta).text[0].parts[0].terms, ["号"]);
  assert.equal(S.parseQuery("港瑞路342栋", meta).text[0].parts.length, 3);
});

test("query parsing: a number right after CJK is one term with the two characters before it", () => {
  const meta = makeMeta();
  const parts = (q) => S.parseQuery(q, meta).text[0].parts.map((p) => p.terms || p.readings);
  /* The run's last pair is in that term: it is not looked up again. */
  assert.deepEqual(parts("港瑞路342"), [["港瑞"], [["瑞路342"]]]);
  assert.deepEqual(parts("黄岛区港瑞路342"), [["黄岛", "岛区", "区港", "港瑞"], [["瑞路342"]]]);
  assert.deepEqual(parts("路7"), [["路"], [["路7"]]]);
  /* Not after a space or a letter; not a phone number; not a word with letters. */
  assert.deepEqual(S.parseQuery("港瑞路 342", meta).text[1].parts[0].readings, [["w:342"]]);
  assert.deepEqual(parts("三利a12"), [["三利"], [["w:a12"]]]);
  assert.deepEqual(parts("电话87654321")[1], [["w:87654321"], ["n:87654321"]]);
});

test("long runs: unchecked candidates of a run of five terms or more are loose, and may go", () => {
  const meta = makeMeta();
  const q = S.parseQuery("甲乙丙丁戊己", meta);
  const idx = { "甲乙": { n: [0, 1, 2], o: [] }, "戊己": { n: [0, 1, 2], o: [] } };
  const fields = { 0: { name: "甲乙丙丁戊己", other: "" } };
  const m = S.evaluate(q, (t) => idx[t] || { n: [], o: [] }, {}, (d) => fields[d] || null, 3);
  assert.deepEqual(m.docs, [0, 1, 2]);
  assert.deepEqual(m.unsure, [1, 2]);
  assert.deepEqual(m.loose, [1, 2]);
  assert.deepEqual(S.dropLoose(m, 3), { docs: [0], name: [0], unsure: [], loose: [] });
  /* A run of four characters (three terms): unchecked, not loose. */
  const short = S.evaluate(S.parseQuery("甲乙丙丁", meta), (t) => ({ "甲乙": { n: [1], o: [] }, "丙丁": { n: [1], o: [] } })[t] || { n: [], o: [] }, {}, () => null, 3);
  assert.deepEqual([short.unsure, short.loose], [[1], []]);
});

test("lookup plan: an ASCII term lives with the shortest prefix of its text meta does not split", () => {
  assert.equal(S.groupKey("douyun", {}), "d");
  const split = { d: true, do: true, "二路2": true };
  assert.equal(S.groupKey("d", split), "d");
  assert.equal(S.groupKey("do", split), "do");
  assert.equal(S.groupKey("dou", split), "dou");
  assert.equal(S.groupKey("douyun", split), "dou");
  assert.equal(S.groupKey("dy", split), "dy");
  assert.equal(S.shardKey("p:douyun", split), "~dou");
  assert.equal(S.shardKey("i:dy", split), "~dy");
  assert.equal(S.shardKey("w:188", split), "~1");
  assert.equal(S.shardKey("n:4321", split), "n:4321");
  assert.equal(S.shardKey("三利", split), "三利");
  assert.equal(S.shardKey("瑞路342", split), "瑞路3");
  assert.equal(S.shardKey("号7", split), "号7");
  assert.equal(S.shardKey("港瑞路3", split), "港瑞路3");
  assert.equal(S.shardKey("二路278", split), "二路27", "a heavy road ending: by two digits");
  assert.equal(S.shardKey("二路2", split), "二路2");
});

test("lookup plan: the inputs of pinyin typed key by key read the shard of their group", () => {
  const meta = makeMeta({ split: "d do", shards: 1500 });
  const shardsOf = (q) => S.plan(S.parseQuery(S.typedQuery(q), meta, true), meta).shards;
  const seen = new Set();
  ["d", "do", "dou", "douy", "douyu", "douyun", "dou ", "dou y", "dou yu", "dou yun"].forEach((q) => shardsOf(q).forEach((k) => seen.add(k)));
  assert.deepEqual([...seen], [S.fnv1a("~dou") % 1500]);
  assert.deepEqual(shardsOf("dy"), [S.fnv1a("~dy") % 1500]);
  /* Settled, `do` is read as initials and a word too: the shard of `~do`. */
  assert.deepEqual(S.plan(S.parseQuery("do", meta), meta).shards, [S.fnv1a("~do") % 1500]);
});

test("typing: a last word of one ASCII character is not searched yet; the rest is", () => {
  assert.equal(S.typedQuery("d"), "");
  assert.equal(S.typedQuery("dou y"), "dou");
  assert.equal(S.typedQuery("dou yu"), "dou yu");
  assert.equal(S.typedQuery("城阳 ａ"), "城阳");
  assert.equal(S.typedQuery("港瑞路3"), "港瑞路3");
  assert.equal(S.typedQuery("dy"), "dy");
  /* A last word that is pinyin and the start of a syllable: without that start. */
  assert.equal(S.typedQuery("douy"), "dou");
  assert.equal(S.typedQuery("chengy"), "cheng");
  assert.equal(S.typedQuery("zho"), "");
  assert.equal(S.typedQuery("lao sh"), "lao");
  assert.equal(S.typedQuery("Douy"), "Dou");
  /* Initials and words that start no syllable stay. */
  assert.equal(S.typedQuery("sljt"), "sljt");
  assert.equal(S.typedQuery("abc"), "abc");
  assert.equal(S.typedQuery("douyun"), "douyun");
  /* Once the keys stop, such a query is searched as typed. */
  assert.equal(S.typingDiffers("douy"), true);
  assert.equal(S.typingDiffers("che"), true, "che also reads as initials c-h-e");
  assert.equal(S.typingDiffers("douyun"), false);
  assert.equal(S.typingDiffers("dy"), false);
  assert.equal(S.typingDiffers("黄岛 全日托"), false);
});

test("typing: a short pinyin word is read as initials only once settled", () => {
  assert.deepEqual(S.asciiReadings("che", null, true), [["p:che"]]);
  assert.deepEqual(S.asciiReadings("che"), [["p:che"], ["i:ch", "i:he"]]);
  assert.deepEqual(S.asciiReadings("dy", null, true), [["i:dy"], ["w:dy"]]);
});
