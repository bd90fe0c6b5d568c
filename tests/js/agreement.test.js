/* search.js against what the index side (src/render/search/) computes: the vector file that
   tests/search_js.rs writes and names in TUOYU_SEARCH_VECTORS. Run through `cargo test
   --test search_js`; alone (`node --test tests/js/`) these tests are skipped. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const S = require(path.join(__dirname, "../../themes/default/static/search.js"));

const file = process.env.TUOYU_SEARCH_VECTORS;
const skip = file ? false : "TUOYU_SEARCH_VECTORS not set (run `cargo test --test search_js`)";
const V = file ? JSON.parse(fs.readFileSync(file, "utf8")) : null;
const meta = V ? S.prepare(V.meta) : null;

/* A meta for one plan (heavy terms, shard count) of the vectors. */
function planMeta(plan) {
  return S.prepare(Object.assign({}, V.meta, { heavy: plan.heavy, split: plan.split, shards: plan.shards, fold: plan.fold }));
}

test("agreement: vectors read", { skip }, () => {
  assert.ok(V.plans.length >= 2 && V.plans[0].names.length > 20, "the vectors have names");
  assert.ok(V.cards.length > 20, "the vectors have cards");
});

test("agreement: format constants come from meta", { skip }, () => {
  assert.equal(meta.page, V.page);
  assert.equal(meta.docSize, V.docSize);
  V.facets.forEach((f, bit) => {
    assert.equal(meta.facets[f.name], bit, f.name);
    assert.equal(meta.labels[f.name], f.label);
    f.words.forEach((w) => assert.equal(meta.words[w], f.name));
  });
  V.statuses.forEach((s, bit) => assert.equal(meta.status[s], bit, s));
  assert.equal(meta.filters.facets.length, V.facets.length, "a facet file per facet");
});

test("agreement: normalisation and traditional folding", { skip }, () => {
  V.normalise.forEach((c) => assert.equal(S.normalise(c.input), c.output, c.input));
  const fold = S.makeFold(V.foldTable);
  V.fold.forEach((c) => assert.equal(S.normalise(c.input, fold), c.output, c.input));
});

test("agreement: shard hash", { skip }, () => {
  V.plans[0].names.forEach((n) => {
    Object.keys(n.hash).forEach((t) => assert.equal(S.fnv1a(t), n.hash[t], t));
  });
});

function token(text) {
  const tok = S.textToken(text);
  assert.ok(tok, "a token of " + text);
  return tok;
}

test("agreement: a name's query terms are the index's, in the same shards", { skip }, () => {
  V.plans.forEach((plan) => {
    const m = planMeta(plan);
    plan.names.forEach((n) => {
      const has = new Set(n.terms);
      n.normalised.split(/\s+/).filter(Boolean).forEach((word) => {
        const tok = token(word);
        tok.parts.forEach((p) => {
          if (p.terms) {
            p.terms.forEach((t) => assert.ok(has.has(t), `${n.name}: ${t} is an index term`));
          } else {
            assert.ok(p.readings.some((r) => r.every((t) => has.has(t))), `${n.name}: a reading of ${word} is indexed`);
          }
        });
        if (tok.prefix && word === n.normalised) { assert.ok(has.has(tok.prefix), `${n.name}: ${tok.prefix}`); }
      });
      /* The keys of each CJK run, over the whole name (white space separates runs). */
      const runs = [];
      n.normalised.split(/\s+/).filter(Boolean).forEach((word) => {
        token(word).parts.forEach((p) => { if (p.terms) { runs.push(S.keysOf(p.terms, m.$.heavy)); } });
      });
      assert.deepEqual(runs, n.keys, `${n.name}: the keys of its runs`);
      const words = n.normalised.trim().split(/\s+/);
      if (words.length !== 1) { return; }
      const tok = token(words[0]);
      assert.ok(has.has(tok.exact), `${n.name}: ${tok.exact} is an index term`);
      const key = S.exactKey(tok, m.$.heavy);
      assert.equal(key, n.exactBase === null ? tok.exact : n.exactBase, `${n.name}: exact-name key`);
      const p = S.plan({ text: [tok] }, m);
      let checked = 0;
      Object.keys(p.shardOf).forEach((t) => {
        if (n.shard[t] === undefined) { return; }
        assert.equal(p.shardOf[t], n.shard[t], `${n.name}: shard of ${t}`);
        checked++;
      });
      assert.ok(checked > 0, `${n.name}: some of its looked-up terms are index terms`);
      if (S.wantsExact(tok, m.$.heavy, key)) {
        assert.equal(p.shardOf[tok.exact], n.shard[tok.exact], `${n.name}: shard of ${tok.exact}`);
        assert.ok(p.shards.indexOf(n.shard[tok.exact]) >= 0, `${n.name}: the exact-name shard is loaded`);
      }
    });
  });
});

test("agreement: pinyin, initials, words and house numbers live in the shard of their group", { skip }, () => {
  V.plans.forEach((plan) => {
    const m = planMeta(plan);
    let checked = 0;
    plan.names.forEach((n) => {
      n.terms.filter((t) => /^[piw]:/.test(t) || /^[^\x00-\x7f]{1,2}[0-9]+$/.test(t)).forEach((t) => {
        assert.equal(S.fnv1a(S.shardKey(t, m.$.split)) % m.shards, n.shard[t], `${n.name}: shard of ${t}`);
        checked++;
      });
    });
    assert.ok(checked > 50, "names have pinyin terms");
  });
  assert.ok(V.plans[1].split.split(" ").length > 5, "the second plan splits prefixes");
});

test("agreement: pinyin and initials of a name find it", { skip }, () => {
  V.plans[0].names.forEach((n) => {
    const has = new Set(n.terms);
    /* Every syllable the index spells is one the client knows, typed with ü or v. */
    n.syllables.forEach((s) => {
      assert.ok(has.has("p:" + s), `${n.name}: p:${s} is an index term`);
      assert.deepEqual(S.segment(s), [s], `${n.name}: syllable ${s}`);
      const typed = s.replace(/ü/g, "v");
      const tok = token(typed);
      assert.ok(tok.parts[0].readings.some((r) => r.length === 1 && r[0] === "p:" + s), `${n.name}: typed ${typed}`);
    });
    if (n.initials.length >= 2 && /^[a-z]+$/.test(n.initials)) {
      const tok = token(n.initials);
      assert.ok(tok.parts[0].readings.some((r) => r[0].startsWith("i:") && r.every((t) => has.has(t))), `${n.name}: initials ${n.initials}`);
    }
  });
});

test("agreement: postings and street codes decode as encoded", { skip }, () => {
  V.postings.forEach((c) => assert.deepEqual(S.decodePostings(c.encoded), c.docs, c.encoded));
  V.streets.forEach((c) => assert.equal(S.streetCode(c.text, 0), c.code, c.text));
});

test("agreement: a search card shows what the list pages show", { skip }, () => {
  V.cards.forEach((c) => assert.deepEqual(S.card(c.card, meta), c.shown, c.shown.id));
});

test("agreement: every document is where chunkOf looks for it", { skip }, () => {
  const docs = Object.keys(V.docs);
  assert.ok(docs.length > 20, "the shards carry cards");
  docs.forEach((d) => {
    const at = S.chunkOf(meta, Number(d));
    assert.equal(V.chunks[at[0]][at[1]], V.docs[d], `document ${d}`);
  });
});
