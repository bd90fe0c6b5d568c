/* tuoyu default theme: client-side search over the static index (docs/search-index.md).
   Progressive enhancement of #search-form: without JavaScript the form still submits to
   search.html. Index files are small scripts that call window.tuoyuSearch(key, data), so
   they load with <script> tags from file:// as well as over HTTP. No framework, no build
   step; the only global is window.tuoyuSearch.

   The wire format (card fields, facet and status bits, page and chunk sizes) is defined
   once in src/render/search/format.rs and read here from meta by name; nothing below knows
   a field's position or a bit's number. Sections, each with its Rust counterpart:
     1. decoders               src/render/search/encode.rs, mod.rs (doc chunks)
     2. query parsing          src/render/search/text.rs, fold.rs
     3. lookup plan            src/render/search/terms.rs (shard_of, run_keys, exact_base)
     4. filters                src/render/search/facets.rs
     5. matching and ranking   src/render/search/terms.rs (inline, top)
     6. cards and URL state    src/render/search/format.rs, themes/…/_filters.html
     7. loader                 src/render/search/encode.rs (js_file), mod.rs (file names)
     8. UI                     themes/default/templates/_search_form.html, _filters.html
   7 and 8 run in the browser only; under node the pure parts above are exported for
   tests/js/ and nothing touches a document.

   Why one file of ~950 lines: it must stay a classic script that works from file:// (no
   ES modules, no bundler), and every extra script is one more request before the first
   result; the sections above keep it readable in one sitting each. */
(function () {
  "use strict";

  /* ============================================ 1. decoders (encode.rs, mod.rs) === */

  /* FNV-1a 32 over UTF-16 code units: the term's shard (encode::shard_hash). */
  function fnv1a(s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return h >>> 0;
  }

  /* One character of `A–Z a–z 0–9 - _` → 0–63 (encode::b64). */
  function f64(s, i) {
    var c = s.charCodeAt(i);
    if (c >= 97) { return c - 71; }
    if (c >= 65) { return c === 95 ? 63 : c - 65; }
    if (c >= 48) { return c + 4; }
    return 62;
  }

  /* Calls f(doc) for each document of a postings string (encode::postings): "3,1,a" → 3,
     4, 14 (deltas in base 36); "!" + a bitmap, six documents a character: "!__" → 0–11. */
  function eachPosting(s, f) {
    var i, b, v, acc = 0;
    if (!s) { return; }
    if (s.charAt(0) === "!") {
      for (i = 1; i < s.length; i++) {
        v = f64(s, i);
        for (b = 0; v; b++, v >>= 1) { if (v & 1) { f((i - 1) * 6 + b); } }
      }
      return;
    }
    var parts = s.split(",");
    for (i = 0; i < parts.length; i++) {
      acc += parseInt(parts[i], 36);
      f(acc);
    }
  }
  function decodePostings(s) {
    var out = [];
    eachPosting(s, function (d) { out.push(d); });
    return out;
  }
  /* The same postings as one byte per document (1 where listed). */
  function markPostings(s, n) {
    var m = new Uint8Array(n);
    eachPosting(s, function (d) { m[d] = 1; });
    return m;
  }

  /* A term's entry in a shard (format::TERM: meta `term.fields`) → {n: name postings, o:
     other postings}, decoded. */
  var EMPTY = { n: [], o: [] };
  function termPostings(e, meta) {
    var at = meta.$.term;
    return { n: decodePostings(e[at.name]), o: decodePostings(e[at.other]) };
  }

  /* Entry i of a street file (facets::streets): two characters, high then low 6 bits. */
  function streetCode(codes, i) {
    return f64(codes, 2 * i) * 64 + f64(codes, 2 * i + 1);
  }

  /* Document → [doc chunk, position in it] (mod.rs doc_chunks): a district starts at
     position `offset` of chunk `chunk`, and its documents fill chunks of docSize from there. */
  function chunkOf(meta, d) {
    var ds = meta.districts, lo = 0, hi = ds.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (ds[mid].start <= d) { lo = mid; } else { hi = mid - 1; }
    }
    var x = ds[lo], p = (x.offset || 0) + d - x.start;
    return [x.chunk + Math.floor(p / meta.docSize), p % meta.docSize];
  }

  /* ======================================= 2. query parsing (text.rs, fold.rs) === */

  /* Mandarin syllables without tones, grouped by initial ("v" stands for ü). */
  var SYLLABLES = "zh:a,ai,an,ang,ao,e,ei,en,eng,i,ong,ou,u,ua,uai,uan,uang,ui,un,uo ch:a,ai,an,ang,ao,e,en,eng,i,ong,ou,u,ua,uai,uan,uang,ui,un,uo sh:a,ai,an,ang,ao,e,ei,en,eng,i,ou,u,ua,uai,uan,uang,ui,un,uo b:a,ai,an,ang,ao,ei,en,eng,i,ian,iang,iao,ie,in,ing,o,ong,u p:a,ai,an,ang,ao,ei,en,eng,i,ian,iao,ie,in,ing,o,ou,u m:a,ai,an,ang,ao,e,ei,en,eng,i,ian,iao,ie,in,ing,iu,o,ou,u f:a,an,ang,ei,en,eng,iao,o,ou,u d:a,ai,an,ang,ao,e,ei,en,eng,i,ia,ian,iao,ie,in,ing,iu,ong,ou,u,uan,ui,un,uo t:a,ai,an,ang,ao,e,ei,eng,i,ian,iao,ie,ing,ong,ou,u,uan,ui,un,uo n:a,ai,an,ang,ao,e,ei,en,eng,i,ia,ian,iang,iao,ie,in,ing,iu,ong,ou,u,uan,ue,un,uo,v,ve l:a,ai,an,ang,ao,e,ei,en,eng,i,ia,ian,iang,iao,ie,in,ing,iu,o,ong,ou,u,uan,ue,un,uo,v,ve g:a,ai,an,ang,ao,e,ei,en,eng,ong,ou,u,ua,uai,uan,uang,ui,un,uo k:a,ai,an,ang,ao,e,ei,en,eng,ong,ou,u,ua,uai,uan,uang,ui,un,uo h:a,ai,an,ang,ao,e,ei,en,eng,ong,ou,u,ua,uai,uan,uang,ui,un,uo j:i,ia,ian,iang,iao,ie,in,ing,iong,iu,u,uan,ue,un q:i,ia,ian,iang,iao,ie,in,ing,iong,iu,u,uan,ue,un x:i,ia,ian,iang,iao,ie,in,ing,iong,iu,u,uan,ue,un r:an,ang,ao,e,en,eng,i,ong,ou,u,ua,uan,ui,un,uo z:a,ai,an,ang,ao,e,ei,en,eng,i,ong,ou,u,uan,ui,un,uo c:a,ai,an,ang,ao,e,ei,en,eng,i,ong,ou,u,uan,ui,un,uo s:a,ai,an,ang,ao,e,en,eng,i,ong,ou,u,uan,ui,un,uo y:a,an,ang,ao,e,i,in,ing,o,ong,ou,u,uan,ue,un w:a,ai,an,ang,ei,en,eng,o,ong,u :a,ai,an,ang,ao,e,ei,en,eng,er,o,ou";
  var SYL = Object.create(null);
  SYLLABLES.split(" ").forEach(function (group) {
    var p = group.split(":");
    p[1].split(",").forEach(function (rest) { SYL[p[0] + rest] = true; });
  });
  SYL["lü"] = SYL["lüe"] = SYL["nü"] = SYL["nüe"] = true;

  /* The index spells ü as ü (lü, nüe); people type v or u after l and n. */
  function indexSyllable(s) {
    if (s === "lue" || s === "nue") { return s.charAt(0) + "üe"; }
    return s.replace("v", "ü");
  }

  function isCjk(c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
  }

  function chars(s) { return Array.from ? Array.from(s) : s.split(""); }

  /* meta `fold` (fold::table): pairs, a traditional/variant character then its simplified one. */
  function makeFold(table) {
    var m = Object.create(null), a = chars(table || "");
    for (var i = 0; i + 1 < a.length; i += 2) { m[a[i]] = a[i + 1]; }
    return m;
  }
  /* Fold traditional/variant characters, full-width ASCII to half-width, ideographic space
     to space, ASCII to lower case, 小时托 to 计时托. */
  function normalise(s, fold) {
    var a = chars(String(s || "")), out = "";
    for (var i = 0; i < a.length; i++) {
      var ch = a[i];
      if (fold && fold[ch]) { ch = fold[ch]; }
      var c = ch.charCodeAt(0);
      if (c >= 0xFF01 && c <= 0xFF5E) { c -= 0xFEE0; ch = String.fromCharCode(c); } else if (c === 0x3000) { ch = " "; }
      if (c >= 65 && c <= 90) { ch = String.fromCharCode(c + 32); }
      out += ch;
    }
    return out.split("小时托").join("计时托");
  }

  /* Greedy longest-match pinyin segmentation with backtracking; null if it does not split. */
  function segment(s) {
    if (!/^[a-zü]+$/.test(s)) { return null; }
    var dead = {};
    function go(i) {
      if (i === s.length) { return []; }
      if (dead[i]) { return null; }
      for (var len = Math.min(6, s.length - i); len > 0; len--) {
        var syl = s.substr(i, len);
        if (SYL[syl]) {
          var rest = go(i + len);
          if (rest) { rest.unshift(syl); return rest; }
        }
      }
      dead[i] = true;
      return null;
    }
    return go(0);
  }

  function pairs(list, prefix, single) {
    var out = [];
    if (list.length === 1 && single) { out.push(prefix + list[0]); }
    for (var i = 0; i + 1 < list.length; i++) { out.push(prefix + list[i] + list[i + 1]); }
    return out;
  }

  /* An ASCII run's readings, each a list of terms that must all match. `typing`: a word
     still being typed (typedQuery) is read as initials only when it is not pinyin. */
  function asciiReadings(a, given, typing) {
    var readings = [], syl = given || segment(a);
    if (syl) { readings.push(pairs(syl.map(indexSyllable), "p:", true)); }
    /* Initials only where a pinyin reading is missing or short (sanli is not s-a-n-l-i);
       the word itself where it is not pinyin or holds digits. */
    /* No syllable starts with i, u or v: initials with one of them match nothing (d-o-u). */
    if (/^[a-z]{2,}$/.test(a) && !/[iuv]/.test(a) && (!syl || (a.length <= 4 && !typing))) { readings.push(pairs(a.split(""), "i:", false)); }
    if (/^[a-z0-9]+$/.test(a) && (!syl || /[0-9]/.test(a))) { readings.push(["w:" + a]); }
    /* Four digits or more may be (the end of) a phone number (text.rs Terms::phone). */
    if (/^[0-9]{4,}$/.test(a)) { readings.push(["n:" + a]); }
    return readings;
  }

  /* A text token → its parts: CJK runs (terms: bigrams, or the one character) and ASCII
     runs (readings). Other characters separate runs. */
  /* A number right after CJK characters (港瑞路342) is read as the term of those (last two)
     characters and the number (text.rs Terms::grams: `瑞路342`), one light term where the
     road and the number alone are hundreds of documents each; a phone number keeps its
     readings. */
  var LEAD_DIGITS_MAX = 6;
  function textToken(tok, syl, typing) {
    var a = chars(tok), parts = [], cjk = [], ascii = "", lead = "", i;
    function flush() {
      if (cjk.length) { parts.push({ terms: pairs(cjk, "", true), run: cjk.join("") }); cjk = []; }
      if (ascii) {
        var paired = lead && /^[0-9]+$/.test(ascii) && ascii.length <= LEAD_DIGITS_MAX;
        var r = paired ? [[lead + ascii]] : asciiReadings(ascii, syl && ascii === tok ? syl : null, typing);
        /* The run's last pair is in the number's term: no need to look it up too. */
        var prev = parts[parts.length - 1];
        if (paired && prev && prev.terms && prev.terms.length > 1 && prev.terms[prev.terms.length - 1] === lead) { prev.terms.pop(); }
        if (r.length) { parts.push({ readings: r }); }
        ascii = "";
      }
      lead = "";
    }
    for (i = 0; i < a.length; i++) {
      var c = a[i].charCodeAt(0);
      if (isCjk(c)) {
        if (ascii) { flush(); }
        cjk.push(a[i]);
      } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || a[i] === "ü") {
        if (cjk.length) { var before = cjk.slice(-2).join(""); flush(); lead = before; }
        ascii += a[i];
      } else {
        flush();
      }
    }
    flush();
    if (!parts.length) { return null; }
    var han = a.filter(function (ch) { return isCjk(ch.charCodeAt(0)); });
    return {
      text: tok,
      len: a.length,
      parts: parts,
      prefix: isCjk(a[0].charCodeAt(0)) ? "^" + han.slice(0, 2).join("") : null,
      exact: "=" + tok
    };
  }

  /* Pinyin as people type it: tone marks (lǎo), tone numbers (lao3), apostrophes between
     syllables (xi'an), ü as v or u. → the syllables, or null when `tok` is not pinyin.
     Tone numbers count only after a syllable of two letters or more, so that A1 stays a word. */
  var TONED = { "ā": "a", "á": "a", "ǎ": "a", "à": "a", "ē": "e", "é": "e", "ě": "e", "è": "e", "ī": "i", "í": "i", "ǐ": "i", "ì": "i",
    "ō": "o", "ó": "o", "ǒ": "o", "ò": "o", "ū": "u", "ú": "u", "ǔ": "u", "ù": "u", "ǖ": "ü", "ǘ": "ü", "ǚ": "ü", "ǜ": "ü", "ń": "n", "ň": "n" };
  function pinyinOf(tok) {
    var plain = chars(tok).map(function (c) { return TONED[c] || c; }).join("").replace(/[’‘']/g, "'");
    if (!/^[a-zü1-5']+$/.test(plain) || !/[a-zü]/.test(plain)) { return null; }
    if (/[1-5]/.test(plain) && !/^([a-zü]{2,}[1-5]?'?)+$/.test(plain)) { return null; }
    var groups = plain.replace(/[1-5]/g, "'").split("'"), out = [];
    for (var i = 0; i < groups.length; i++) {
      if (!groups[i]) { continue; }
      var syl = segment(groups[i]);
      if (!syl) { return null; }
      out.push.apply(out, syl);
    }
    return out.length ? out : null;
  }

  /* A child's age in words → months: 10个月, 1岁半, 两岁, 18月龄; or an upper bound:
     2岁以下, 不满2岁 → {under: months}. Null when the token is not one. */
  var NUM = { "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12, "半": 0.5 };
  function number(s) {
    if (/^[0-9]{1,2}$/.test(s)) { return parseInt(s, 10); }
    return NUM[s] === undefined ? null : NUM[s];
  }
  function ageWord(tok) {
    var m = /^([0-9]{1,2}|十一|十二|[一二两三四五六七八九十半])个?多?月(大|龄)?(的)?(宝宝|孩子)?$/.exec(tok);
    if (m && number(m[1]) !== null && number(m[1]) >= 1) { return { months: Math.floor(number(m[1])) }; }
    m = /^([0-9]|[一二两三])岁(半)?(大|龄)?(的)?(宝宝|孩子)?$/.exec(tok);
    if (m) { return { months: number(m[1]) * 12 + (m[2] ? 6 : 0) }; }
    m = /^([0-9]|[一二两三])岁(以下|以内)$/.exec(tok) || /^不满([0-9]|[一二两三])岁$/.exec(tok);
    if (m && number(m[1]) >= 1) { return { under: number(m[1]) * 12 }; }
    return null;
  }

  /* Lookups from meta, made once: file names, the fold table, heavy terms, district words
     (城阳区, 城阳, chengyang, cy), services, facet words (format::FACETS) and where each card
     field is (format::CARD). */
  function prepare(meta) {
    meta.terms = names(meta, "t", meta.shards);
    meta.docs = names(meta, "d", meta.docFiles);
    meta.facetNames = names(meta, "b", meta.facetFiles);
    meta.streetNames = names(meta, "s", (meta.districts || []).length);
    var fold = makeFold(meta.fold), heavy = Object.create(null);
    String(meta.heavy || "").split(" ").forEach(function (t) { if (t) { heavy[t] = true; } });
    var split = Object.create(null);
    String(meta.split || "").split(" ").forEach(function (t) { if (t) { split[t] = true; } });
    var districts = Object.create(null), services = Object.create(null), ids = Object.create(null);
    (meta.districts || []).forEach(function (d, i) {
      ids[d.id] = i;
      [d.name, d.short, d.py, d.ini].forEach(function (w) {
        if (w) { districts[normalise(w, fold)] = i; }
      });
    });
    (meta.services || []).forEach(function (s, i) { services[normalise(s, fold)] = i; });
    var words = Object.create(null);
    Object.keys(meta.words || {}).forEach(function (w) { words[normalise(w, fold)] = meta.words[w]; });
    var filterWords = Object.create(null);
    Object.keys(meta.filterWords || {}).forEach(function (w) { filterWords[normalise(w, fold)] = meta.filterWords[w]; });
    meta.$ = {
      fold: fold, districts: districts, services: services, ids: ids, heavy: heavy, split: split, words: words, filterWords: filterWords,
      field: indexOf(meta.card.fields), term: indexOf(meta.term.fields)
    };
    return meta;
  }

  /* File k of a kind (`t`, `d`, `b`, `s`, `py`): `<kind><k>.<hash>.js`, its own content's
     hash being characters 8k … 8k + 8 of meta `files[kind]` (mod.rs file_hashes); `py`, one
     file, has no number. */
  function fileName(meta, kind, k) {
    var h = String((meta.files || {})[kind] || "").substr(8 * (k || 0), 8);
    return kind + (kind === "py" ? "" : k) + "." + h + ".js";
  }
  function names(meta, kind, n) {
    var out = [];
    for (var k = 0; k < n; k++) { out.push(fileName(meta, kind, k)); }
    return out;
  }

  /* Names → their positions. */
  function indexOf(names) {
    var out = Object.create(null);
    (names || []).forEach(function (name, i) { out[name] = i; });
    return out;
  }

  /* The bit of a facet (meta `facets`, by name) as a mask; 0 for no such facet. */
  function facetMask(meta, name) {
    var b = Object.prototype.hasOwnProperty.call(meta.facets, name) ? meta.facets[name] : undefined;
    return b === undefined ? 0 : 1 << b;
  }

  /* Query text → filters named by words (districts, services, facets), and text tokens. */
  function parseQuery(q, meta, typing) {
    var x = meta.$, res = { districts: [], services: 0, facets: 0, filters: {}, age: null, under: null, text: [] };
    function isWord(tok) {
      return x.districts[tok] !== undefined || x.services[tok] !== undefined || x.words[tok] !== undefined || x.filterWords[tok] !== undefined;
    }
    joinPinyin(normalise(q, x.fold).split(/\s+/).filter(Boolean), isWord).forEach(function (w) {
      var tok = w.text, age;
      if (x.districts[tok] !== undefined) {
        if (res.districts.indexOf(x.districts[tok]) < 0) { res.districts.push(x.districts[tok]); }
      } else if (x.services[tok] !== undefined) {
        res.services |= 1 << x.services[tok];
      } else if (x.words[tok] !== undefined) {
        res.facets |= facetMask(meta, x.words[tok]);
      } else if (x.filterWords[tok] !== undefined) {
        res.filters[x.filterWords[tok]] = true;
      } else if ((age = ageWord(tok))) {
        if (age.months !== undefined) { res.age = age.months; } else { res.under = age.under; }
      } else {
        if (/^[0-9()（）+\-]{7,}$/.test(tok)) { tok = tok.replace(/[^0-9]/g, ""); }
        var t = textToken(tok, w.syl, typing);
        /* A lone heavy character beside other parts (港瑞路342号: the 号) narrows nothing
           and would cost a shard of its own (a bitmap of every document). */
        if (t && t.parts.length > 1) {
          var kept = t.parts.filter(function (p) { return !(p.terms && p.run.length === 1 && x.heavy[p.terms[0]]); });
          if (kept.length) { t.parts = kept; }
        }
        if (t) { res.text.push(t); }
      }
    });
    return res;
  }

  /* Tokens → words: pinyin tokens next to each other are one word (cheng yang is chengyang;
     tone marks, tone numbers and apostrophes go), except that the longest join that is a word
     of its own (a district, a service, a filter word) stays one: "cheng yang san li" is the
     district chengyang and the text sanli. Each word is {text, syl: its syllables or null}. */
  function joinPinyin(toks, isWord) {
    var out = [], syls = toks.map(pinyinOf), i = 0, j, k;
    function glue(a, b) {
      var last = out[out.length - 1];
      if (last && last.syl && !last.word && b) { last.text += a; last.syl = last.syl.concat(b); } else { out.push({ text: a, syl: b }); }
    }
    while (i < toks.length) {
      if (!syls[i]) { out.push({ text: toks[i], syl: null }); i++; continue; }
      for (j = toks.length - 1; j >= i; j--) {
        var text = "", syl = [];
        for (k = i; k <= j && syls[k]; k++) { text += syls[k].join(""); syl = syl.concat(syls[k]); }
        if (k > j && (isWord(text) || (j === i && isWord(toks[i])))) { break; }
      }
      if (j >= i) {
        out.push({ text: j === i && isWord(toks[i]) ? toks[i] : syls.slice(i, j + 1).map(function (s) { return s.join(""); }).join(""), syl: null, word: true });
        i = j + 1;
      } else {
        glue(syls[i].join(""), syls[i]);
        i++;
      }
    }
    return out;
  }

  /* ============== 3. lookup plan (terms.rs shard_of, run_keys, exact_base) === */

  /* The terms looked up for a list that must all match (terms::run_keys): all of them
     when two or fewer, else two: the first and the last that are light (not in meta's heavy list; their
     shards carry the cards of every document with them in the name). */
  function keysOf(list, heavy) {
    if (list.length <= 2) { return list; }
    var light = list.filter(function (t) { return !heavy[t]; });
    var first = light.length ? light[0] : list[0];
    var last = light.length > 1 ? light[light.length - 1] : list[list.length - 1];
    return last === first ? [first] : [first, last];
  }

  /* The keys of the parsed query: the terms whose shards it loads. */
  function queryTerms(parsed, heavy) {
    var out = [];
    parsed.text.forEach(function (t) {
      t.parts.forEach(function (p) {
        (p.terms ? [p.terms] : p.readings).forEach(function (r) { out.push.apply(out, keysOf(r, heavy)); });
      });
    });
    return out;
  }
  /* Where the exact-name term lives (terms::exact_base): in the shard of the first light
     term the token looks up (so it costs no extra file), else in its own. */
  function exactKey(tok, heavy) {
    for (var i = 0; i < tok.parts.length; i++) {
      var p = tok.parts[i];
      if (!p.terms) { continue; }
      var keys = keysOf(p.terms, heavy);
      for (var j = 0; j < keys.length; j++) { if (!heavy[keys[j]]) { return keys[j]; } }
    }
    return tok.exact;
  }
  /* Whether the exact-name term is worth its shard: free when it lives with a key; else
     only for a token with a CJK run looked up by some of its terms (no card checks it
     otherwise; a shorter run's exact match is among its term's first results anyway). */
  function wantsExact(tok, heavy, key) {
    if (key !== tok.exact) { return true; }
    return tok.parts.some(function (p) { return p.terms && keysOf(p.terms, heavy).length < p.terms.length; });
  }

  function unique(list) {
    return list.filter(function (v, i) { return list.indexOf(v) === i; });
  }

  /* Where an ASCII term (`p:`, `i:`, `w:`; `a:` with the `p:` of its text) lives (groups.rs Groups::key): with the shortest
     prefix of its text that meta `split` does not list, so that `do`, `dou`, `douy`,
     `douyun` and `dou yun` read the same shard. */
  function groupKey(text, split, min) {
    var a = chars(text), p = "";
    for (var i = 0; i < a.length; i++) {
      p += a[i];
      if (i + 1 >= (min || 1) && (i === a.length - 1 || !split[p])) { break; }
    }
    return p;
  }
  /* The key whose hash names a looked-up term's shard: `~` and its group for an ASCII term;
     for a road's house number its group of at least the characters and first digit (瑞路342
     → 瑞路3, groups.rs number_key: 港瑞路3, 港瑞路34 … typed key by key read one shard);
     else the term itself. */
  function shardKey(t, split) {
    if (/^[piwa]:./.test(t)) { return "~" + groupKey(t.slice(2), split || {}, 1); }
    var m = /^([^\x00-\x7f]{1,2})[0-9]+$/.exec(t);
    if (m && chars(m[1]).every(function (c) { return isCjk(c.charCodeAt(0)); })) { return groupKey(t, split || {}, m[1].length + 1); }
    return t;
  }

  /* The shards a parsed query loads, and each term's shard (terms::shard_of): a key in its
     own (an ASCII term in its group's); `^ab` (name prefix) in the shard of `ab`, used when
     loaded anyway; `=name` in the shard of exactKey. */
  function plan(parsed, meta) {
    var heavy = meta.$.heavy, shardOf = {}, shards = [];
    function at(t, key) { shardOf[t] = fnv1a(key) % meta.shards; return shardOf[t]; }
    queryTerms(parsed, heavy).forEach(function (t) { shards.push(at(t, shardKey(t, meta.$.split))); });
    parsed.text.forEach(function (tok) {
      var key = exactKey(tok, heavy);
      if (tok.prefix) { at(tok.prefix, tok.prefix.slice(1)); }
      if (wantsExact(tok, heavy, key)) { shards.push(at(tok.exact, key)); }
    });
    return { shards: unique(shards), shardOf: shardOf };
  }

  /* ================================================= 4. filters (facets.rs) === */

  /* The form's state and the query's words → filters. `ranges` is null for all districts,
     else the allowed [start, end) document ranges (possibly none). `files` are the facet
     files (meta `filters`) every result must be in. A facet is chosen by the `kind` field
     (its value a facet name) or a checkbox named after it. */
  function buildFilters(st, parsed, meta) {
    var x = meta.$, list = parsed.districts.slice(), f, b;
    if (st.district && x.ids[st.district] !== undefined) {
      var d = x.ids[st.district];
      list = (!list.length || list.indexOf(d) >= 0) ? [d] : [];
    } else if (!list.length) {
      list = null;
    }
    var facets = parsed.facets | (st.kind ? facetMask(meta, st.kind) : 0);
    Object.keys(meta.facets).forEach(function (name) { if (st[name]) { facets |= facetMask(meta, name); } });
    f = {
      ranges: list && list.sort(function (a, b) { return a - b; }).map(function (i) {
        return [meta.districts[i].start, meta.districts[i].end];
      }),
      facets: facets,
      services: parsed.services,
      age: /^\d{1,3}$/.test(st.age || "") ? parseInt(st.age, 10) : (parsed.age == null ? null : parsed.age),
      files: [],
      any: []
    };
    var s = x.services[normalise(st.service, x.fold)];
    if (st.service && s !== undefined) { f.services |= 1 << s; }
    /* A street counts within one district (the district page's own); elsewhere it is
       ignored, as the street choice lists that district's streets only. */
    if (st.street && list && list.length === 1) {
      var code = (meta.districts[list[0]].streets || []).indexOf(st.street);
      if (code >= 0) { f.street = { district: list[0], start: meta.districts[list[0]].start, code: code }; }
    }
    var fm = meta.filters;
    for (b = 0; b < fm.facets.length; b++) { if (f.facets & (1 << b)) { f.files.push(fm.facets[b]); } }
    for (b = 0; b < fm.services.length; b++) { if (f.services & (1 << b)) { f.files.push(fm.services[b]); } }
    if (f.age !== null && f.age !== undefined && fm.ages.length) { f.files.push(fm.ages[Math.min(f.age, fm.ages.length - 1)]); }
    if ((st.vacancies || (parsed.filters || {}).vacancies) && fm.vacancies !== undefined) { f.files.push(fm.vacancies); }
    var limit = (meta.feeLimits || []).indexOf(parseInt(st.fee, 10));
    if (st.fee === "free") { f.files.push(fm.facets[meta.facets.free]); } else if (limit >= 0 && fm.fees) { f.files.push(fm.fees[limit]); }
    var classes = meta.ageClasses || [];
    classes.forEach(function (c, i) { if (st.ageClass === c.name && fm.ageClasses) { f.files.push(fm.ageClasses[i]); } });
    /* 2岁以下: any class below the bound (one of their files); a bound above them all filters nothing. */
    if (parsed.under != null && fm.ageClasses) {
      var some = [];
      classes.forEach(function (c, i) { if (c.min < parsed.under) { some.push(fm.ageClasses[i]); } });
      if (some.length && some.length < classes.length) { f.any.push(unique(some)); }
    }
    f.files = unique(f.files);
    f.load = unique(f.files.concat.apply(f.files, f.any));
    return f;
  }

  /* Facet files (postings strings), and the street filter with its district's street
     file → a test for one document, or null when nothing filters. */
  function facetTest(strs, n, street, codes, f) {
    var byFile = {}, ms = [], any;
    ((f && f.load) || []).forEach(function (k, i) { byFile[k] = markPostings(strs[i], n); });
    if (f && f.load) {
      ms = f.files.map(function (k) { return byFile[k]; });
    } else {
      ms = strs.map(function (s) { return markPostings(s, n); });
    }
    any = ((f && f.any) || []).map(function (g) { return g.map(function (k) { return byFile[k]; }); });
    if (!ms.length && !street && !any.length) { return null; }
    return function (d) {
      for (var i = 0; i < ms.length; i++) { if (!ms[i][d]) { return false; } }
      for (i = 0; i < any.length; i++) { if (!any[i].some(function (m) { return m[d]; })) { return false; } }
      if (street && (!codes || streetCode(codes, d - street.start) !== street.code)) { return false; }
      return true;
    };
  }

  function inRanges(d, ranges) {
    if (!ranges) { return true; }
    for (var i = 0; i < ranges.length; i++) { if (d >= ranges[i][0] && d < ranges[i][1]) { return true; } }
    return false;
  }

  /* ============================ 5. matching and ranking (terms.rs inline, top) === */

  /* A sorted list of docs → one byte per document, 1 where listed. */
  function marks(list, n) {
    var m = new Uint8Array(n);
    for (var i = 0; i < list.length; i++) { m[list[i]] = 1; }
    return m;
  }

  /* Sorted lists. */
  function inter(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) { i++; } else if (a[i] > b[j]) { j++; } else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  function union(a, b) {
    if (!a.length) { return b; }
    if (!b.length) { return a; }
    var out = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) { out.push(a[i++]); } else if (i >= a.length || b[j] < a[i]) { out.push(b[j++]); } else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  function interAll(lists) {
    if (!lists.length) { return []; }
    lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
    var r = lists[0];
    for (var i = 1; i < lists.length && r.length; i++) { r = inter(r, lists[i]); }
    return r;
  }
  function unionAll(lists) { return lists.reduce(union, []); }


  /* Match the text tokens. post(term) → {n: name postings, o: other postings} (empty when
     its shard is not loaded); fieldsOf(doc) → {name, other} (the normalised name, and the
     address, street and other searchable fields, "|" between them) when the doc's card is
     in, else null. A CJK run looked up by fewer terms than it has matches a document with
     both keys in any field whose fields hold the whole run: checked on its card (a name
     match when the name holds it); a candidate with no card is kept, unchecked, and listed
     in `unsure` (the caller may load its doc chunk and evaluate again). Returns the
     matching docs, those matching in the name, and the unsure ones. */
  /* A run of more than this many terms whose two keys lie far apart in it: an unchecked
     candidate of it is "loose" (see matchText). */
  var LOOSE_TERMS = 4;
  function evaluate(parsed, post, heavy, fieldsOf, n) {
    var docs = null, name = null, unsure = [], loose = [];
    function terms(list, run) {
      var keys = keysOf(list, heavy), ps = keys.map(post);
      var all = interAll(ps.map(function (p) { return union(p.n, p.o); }));
      var inName = interAll(ps.map(function (p) { return p.n; }));
      if (!run || keys.length === list.length) { return { all: all, name: inName }; }
      var nameMark = marks(inName, n), keep = [], named = [];
      all.forEach(function (d) {
        var fs = fieldsOf(d);
        if (fs === null) {
          keep.push(d);
          if (nameMark[d]) { named.push(d); }
          unsure.push(d);
          if (list.length > LOOSE_TERMS) { loose.push(d); }
        } else if (fs.name.indexOf(run) >= 0) {
          keep.push(d);
          named.push(d);
        } else if (fs.other.indexOf(run) >= 0) {
          keep.push(d);
        }
      });
      return { all: keep, name: named };
    }
    /* A run read by sound: its syllables in order in the name (a name match) or in another
       field, checked on the card like a long run. */
    function bySound(m, sound) {
      var keep = [], named = [];
      m.all.forEach(function (d) {
        var fs = fieldsOf(d);
        if (fs === null) { keep.push(d); unsure.push(d); return; }
        if (soundAt(fs.name, sound) >= 0) { keep.push(d); named.push(d); } else if (soundAt(fs.other, sound) >= 0) { keep.push(d); }
      });
      return { all: keep, name: named };
    }
    parsed.text.forEach(function (tok) {
      var td = null, tn = null;
      tok.parts.forEach(function (part) {
        var m;
        if (part.terms) {
          m = terms(part.terms, part.run);
        } else {
          var rs = part.readings.map(function (r) { return terms(r, null); });
          m = { all: unionAll(rs.map(function (r) { return r.all; })), name: unionAll(rs.map(function (r) { return r.name; })) };
          if (part.sound) { m = bySound(m, part.sound); }
        }
        td = td ? inter(td, m.all) : m.all;
        tn = tn ? inter(tn, m.name) : m.name;
      });
      docs = docs ? inter(docs, td) : td;
      name = name ? inter(name, tn) : tn;
    });
    docs = docs || [];
    var sorted = function (l) { return inter(unique(l).sort(function (a, b) { return a - b; }), docs); };
    return { docs: docs, name: name || [], unsure: sorted(unsure), loose: sorted(loose) };
  }

  /* ---- same sound (sound.rs): the reading table, queries read by sound ---- */

  /* The reading file ({d: {syllable: characters read so first}, a: {syllable: characters
     read so too}}) → character → its syllables, the first reading first. */
  function readingTable(py) {
    var m = Object.create(null);
    Object.keys(py.d || {}).forEach(function (syl) { chars(py.d[syl]).forEach(function (c) { m[c] = [syl]; }); });
    Object.keys(py.a || {}).forEach(function (syl) { chars(py.a[syl]).forEach(function (c) { if (m[c]) { m[c].push(syl); } }); });
    return m;
  }

  /* The parsed query with each CJK run read as pinyin (东王疃 → p:dongwang p:wangtuan, what
     the index has for 东旺疃's name; a:dongwang a:wangtuan for an address): the first reading of every character, and for a 多音字
     the query with its next reading too (at most 3 readings of a run). Null when no run can be
     read (no CJK run, or a character the table lacks). */
  var SOUND_READINGS = 3;
  function soundQuery(parsed, table) {
    var read = false, text = parsed.text.map(function (tok) {
      var parts = tok.parts.map(function (part) {
        if (!part.terms) { return part; }
        var each = chars(part.run).map(function (c) { return table[c] || null; });
        if (each.some(function (r) { return !r; })) { return null; }
        read = true;
        var alts = [each.map(function (r) { return r[0]; })];
        each.forEach(function (r, i) {
          for (var k = 1; k < r.length && alts.length < SOUND_READINGS; k++) {
            var alt = alts[0].slice();
            alt[i] = r[k];
            alts.push(alt);
          }
        });
        /* Each reading as a name's or a street's pinyin (p:), and, two characters or more,
           as an address's sound pairs (a:, in the same shards: a road or a 小区). */
        var readings = [];
        alts.forEach(function (a) {
          readings.push(pairs(a, "p:", true));
          if (a.length > 1) { readings.push(pairs(a, "a:", false)); }
        });
        return { readings: readings, sound: { each: each, table: table } };
      });
      if (parts.some(function (p) { return !p; })) { return null; }
      return { text: tok.text, len: tok.len, parts: parts, prefix: null, exact: "=" + tok.text };
    });
    if (!read || text.some(function (t) { return !t; })) { return null; }
    return { districts: parsed.districts, services: parsed.services, facets: parsed.facets, filters: parsed.filters, age: parsed.age, under: parsed.under, text: text };
  }

  /* Where in `text` the run read by sound starts (each character shares a reading with the
     query's character at its place), or -1. */
  function soundAt(text, sound) {
    var a = chars(text || ""), n = sound.each.length;
    for (var i = 0; i + n <= a.length; i++) {
      var j = 0;
      for (; j < n; j++) {
        var r = sound.table[a[i + j]];
        if (!r || !r.some(function (s) { return sound.each[j].indexOf(s) >= 0; })) { break; }
      }
      if (j === n) { return i; }
    }
    return -1;
  }

  /* Whether the query read by sound may find anything: only its CJK runs are read so, and
     each other part (pinyin, a word, a house number: 港瑞路34 while typing 342) must match
     on its own, by its looked-up terms; else the reading table and shards are not loaded. */
  function soundMayMatch(parsed, post, heavy) {
    return parsed.text.every(function (tok) {
      return tok.parts.every(function (p) {
        return p.terms || p.readings.some(function (r) {
          return keysOf(r, heavy).every(function (t) { var x = post(t); return x.n.length + x.o.length > 0; });
        });
      });
    });
  }

  /* What a query read by sound found in a name, else in an address: 东王疃 → 东旺疃,
     吕佳村 → 吕家村 (您要找的是不是…), or null. */
  function soundHint(sq, name, address) {
    var texts = [name, address];
    for (var k = 0; k < texts.length; k++) {
      for (var i = 0; i < sq.text.length; i++) {
        var parts = sq.text[i].parts;
        for (var j = 0; j < parts.length; j++) {
          if (!parts[j].sound || !texts[k]) { continue; }
          var at = soundAt(texts[k], parts[j].sound);
          if (at >= 0) { return chars(texts[k]).slice(at, at + parts[j].sound.each.length).join(""); }
        }
      }
    }
    return null;
  }

  /* Tiers: 0 exact name, 1 name prefix, 2 name substring, 3 the rest; then doc number.
     A document with its card is tiered on its name; one without, on the prefix postings. */
  function rank(parsed, m, docs, post, nameOf, n) {
    var inName = marks(m.name, n), inPrefix = new Uint8Array(n), i;
    parsed.text.forEach(function (t) {
      if (t.prefix) { post(t.prefix).n.forEach(function (d) { inPrefix[d] = 1; }); }
    });
    var one = parsed.text.length === 1 ? parsed.text[0].text : null, exact = new Uint8Array(n);
    if (one !== null) { post(parsed.text[0].exact).n.forEach(function (d) { exact[d] = 1; }); }
    var buckets = [[], [], [], []];
    for (i = 0; i < docs.length; i++) {
      var d = docs[i], t = 3;
      if (inName[d]) {
        var nm = nameOf(d);
        if (exact[d]) {
          t = 0;
        } else if (nm === null) {
          t = inPrefix[d] ? 1 : 2;
        } else if (one !== null && nm === one) {
          t = 0;
        } else {
          t = parsed.text.some(function (x) { return nm.lastIndexOf(x.text, 0) === 0; }) ? 1 : 2;
        }
      }
      buckets[t].push(d);
    }
    return buckets[0].concat(buckets[1], buckets[2], buckets[3]);
  }

  /* ====================== 6. cards and URL state (format.rs, _filters.html) === */

  /* A card (format::CARD, an array) → what the result shows. Fields are found by name
     (meta `card.fields`); badges follow meta `badges`, each a facet (its bit in the card's
     `facets`) or a status (its bit in `status`). */
  function card(e, meta) {
    var f = meta.$.field, get = function (name) { return f[name] === undefined ? null : e[f[name]]; };
    var facets = get("facets") || 0, status = get("status") || 0, badges = [], services = [];
    (meta.badges || []).forEach(function (name) {
      var isFacet = Object.prototype.hasOwnProperty.call(meta.facets, name);
      var on = isFacet ? facets & facetMask(meta, name) : status & (1 << meta.status[name]);
      if (!on) { return; }
      var label = meta.labels[name];
      if (name === meta.card.levelled) {
        label = (meta.card.levels[get("level")] || "") + label + (get("year") ? " " + get("year") : "");
      }
      badges.push([name, label]);
    });
    (meta.services || []).forEach(function (s, i) { if (get("services") & (1 << i)) { services.push(s); } });
    var d = (meta.districts || [])[get("district")], tel = get("tel");
    return {
      id: String(get("id")),
      name: String(get("name")),
      area: [d ? d.name : "", get("street") || ""].filter(Boolean).join(" · "),
      address: get("address") || "",
      phone: get("phone") || "",
      tel: typeof tel === "string" && /^tel:[0-9+*#,;=.\-]+$/i.test(tel) ? tel : "",
      services: services.join("、"),
      ages: get("ageMin") != null && get("ageMax") != null ? get("ageMin") + "–" + get("ageMax") + "个月" : "",
      capacity: get("capacity") != null ? get("capacity") + " 个" : "",
      fee: get("fee") || "",
      vacancies: get("vacancies") != null ? get("vacancies") + " 个" : "",
      monthlyFee: get("monthlyFee"),
      pos: get("lat") != null && get("lng") != null ? { lat: get("lat"), lng: get("lng") } : null,
      badges: badges
    };
  }

  /* The first page costs at most `max` doc chunks: docs in rank order, except that one
     without a card whose chunk would be a further one moves after the first `size` (显示更多
     brings it). hasCard(d), chunk(d) → its doc chunk. */
  function firstPage(docs, hasCard, chunk, size, max) {
    var page = [], later = [], ks = [];
    docs.forEach(function (d) {
      if (page.length >= size) { later.push(d); return; }
      if (!hasCard(d)) {
        var k = chunk(d);
        if (ks.indexOf(k) < 0) {
          if (ks.length >= max) { later.push(d); return; }
          ks.push(k);
        }
      }
      page.push(d);
    });
    return page.concat(later);
  }

  /* How many of `docs` (from firstPage) the first page shows: up to `size`, stopping before
     the first that would need one doc chunk more than `max` (too few results with a card
     within the budget: 显示更多 brings the rest); at least one. */
  function pageEnd(docs, hasCard, chunk, size, max) {
    var ks = [], i;
    for (i = 0; i < docs.length && i < size; i++) {
      if (hasCard(docs[i])) { continue; }
      var k = chunk(docs[i]);
      if (ks.indexOf(k) >= 0) { continue; }
      if (ks.length >= max) { break; }
      ks.push(k);
    }
    return Math.max(i, 1);
  }

  /* Results by fee (收费从低到高): feeOf(doc) → yuan a month, or null (unknown: last, in
     their order). */
  function sortByFee(docs, feeOf) {
    return docs.map(function (d, i) { return [feeOf(d), i, d]; }).sort(function (a, b) {
      if ((a[0] === null) !== (b[0] === null)) { return a[0] === null ? 1 : -1; }
      return (a[0] === null ? 0 : a[0] - b[0]) || a[1] - b[1];
    }).map(function (x) { return x[2]; });
  }
  /* Results by distance from `here` (离我最近): posOf(doc) → {lat, lng} or null (no location:
     last, in their order); distance(a, b) in metres. → {docs, dist: doc → metres, unplaced}. */
  function sortByDistance(docs, posOf, here, distance) {
    var dist = {}, unplaced = 0;
    var keyed = docs.map(function (d, i) {
      var p = posOf(d);
      if (p) { dist[d] = distance(here, p); } else { unplaced++; }
      return [p ? dist[d] : null, i, d];
    });
    keyed.sort(function (a, b) {
      if ((a[0] === null) !== (b[0] === null)) { return a[0] === null ? 1 : -1; }
      return (a[0] === null ? 0 : a[0] - b[0]) || a[1] - b[1];
    });
    return { docs: keyed.map(function (x) { return x[2]; }), dist: dist, unplaced: unplaced };
  }

  /* Query string ↔ form state, over the form's field names (`fields`, in form order). */
  function parseSearch(search, fields) {
    var out = {};
    String(search || "").replace(/^\?/, "").split("&").forEach(function (kv) {
      if (!kv) { return; }
      var i = kv.indexOf("="), k = i < 0 ? kv : kv.slice(0, i), v = i < 0 ? "" : kv.slice(i + 1);
      try {
        k = decodeURIComponent(k.replace(/\+/g, " "));
        v = decodeURIComponent(v.replace(/\+/g, " "));
      } catch (e) { return; }
      if (fields.indexOf(k) >= 0 && !(k in out)) { out[k] = v; }
    });
    return out;
  }
  function buildSearch(st, defaults, fields) {
    var out = [];
    fields.forEach(function (k) {
      var v = st[k] || "";
      if (k === "district" ? v !== (defaults.district || "") : v !== "") { out.push(k + "=" + encodeURIComponent(v)); }
    });
    return out.length ? "?" + out.join("&") : "";
  }

  /* The text searched while typing: without a last word of one ASCII letter or digit, the
     first key of a word (`dou y` of `dou yun`), which narrows nothing yet would load the
     shard of its own group; a last word that is pinyin and the start of a syllable (`douy`,
     `chengy`, `zho`) without that start (`dou`, `cheng`, nothing), whose letters read as
     initials or a word would load shards of other groups. (search.js reads such a word as
     typed once the keys stop: settled; a submitted query is searched as it is.) */
  var SYLLABLE_STARTS = Object.create(null);
  Object.keys(SYL).forEach(function (s) { for (var i = 1; i < s.length; i++) { SYLLABLE_STARTS[s.slice(0, i)] = true; } });
  function typedQuery(q) {
    var s = String(q || "").replace(/(^|\s)[A-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]$/, "").trim();
    var m = /(^|\s)([A-Za-z]+)$/.exec(s);
    if (!m || segment(m[2].toLowerCase())) { return s; }
    var w = m[2].toLowerCase();
    for (var k = w.length - 1; k >= 0; k--) {
      if (SYLLABLE_STARTS[w.slice(k)] && (k === 0 || segment(w.slice(0, k)))) {
        return (s.slice(0, s.length - w.length) + m[2].slice(0, k)).trim();
      }
    }
    return s;
  }
  /* Whether a query searched while typing reads otherwise once settled (typedQuery changes
     it, or a short pinyin word also reads as initials). */
  function typingDiffers(q) {
    var s = String(q || "").trim();
    return typedQuery(s) !== s || s.split(/\s+/).some(function (w) {
      w = w.toLowerCase();
      return /^[a-z]{2,4}$/.test(w) && !/[iuv]/.test(w) && !!segment(w);
    });
  }

  var api = {
    fnv1a: fnv1a, f64: f64, decodePostings: decodePostings, termPostings: termPostings, markPostings: markPostings, streetCode: streetCode,
    chunkOf: chunkOf, makeFold: makeFold, normalise: normalise, segment: segment, asciiReadings: asciiReadings,
    textToken: textToken, prepare: prepare, parseQuery: parseQuery, keysOf: keysOf, queryTerms: queryTerms,
    exactKey: exactKey, wantsExact: wantsExact, plan: plan, groupKey: groupKey, shardKey: shardKey, typedQuery: typedQuery, typingDiffers: typingDiffers, buildFilters: buildFilters, facetTest: facetTest,
    inRanges: inRanges, inter: inter, union: union, evaluate: evaluate, rank: rank, card: card,
    pinyinOf: pinyinOf, joinPinyin: joinPinyin, ageWord: ageWord, readingTable: readingTable, soundQuery: soundQuery,
    soundAt: soundAt, soundHint: soundHint, soundMayMatch: soundMayMatch, fileName: fileName, firstPage: firstPage, pageEnd: pageEnd, dropLoose: dropLoose, sortByFee: sortByFee, sortByDistance: sortByDistance,
    parseSearch: parseSearch, buildSearch: buildSearch
  };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof window === "undefined" || typeof document === "undefined") { return; }

  /* ========================== 7. loader (encode.rs js_file, mod.rs names) === */

  var form = document.getElementById("search-form");
  var box = document.getElementById("search-results");
  var metaUrl = form && form.getAttribute("data-search-meta");
  if (!form || !box || !metaUrl || !window.Promise || !window.Set || !Math.imul || !window.history || !history.pushState) { return; }

  var base = metaUrl.slice(0, metaUrl.lastIndexOf("/") + 1);
  var root = form.getAttribute("data-root");
  if (root === null) { root = metaUrl.replace(/search\/[^\/]*$/, ""); }
  var input = form.elements.q;
  var status = document.getElementById("search-status");
  if (!status) {
    status = document.createElement("p");
    status.id = "search-status";
    status.setAttribute("role", "status");
    box.appendChild(status);
  }
  status.className = "search-status";

  /* ---- loading: one promise per file, a script tag per file, never twice ---- */
  var cache = {}, waiting = {}, decoded = {};
  window.tuoyuSearch = function (key, data) {
    var w = waiting[key];
    if (w) { delete waiting[key]; w.resolve(data); }
  };
  function load(key, src) {
    if (cache[src]) { return cache[src]; }
    var p = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      waiting[key] = { resolve: resolve };
      function done(ok) {
        s.onload = s.onerror = null;
        if (s.parentNode) { s.parentNode.removeChild(s); }
        if (waiting[key]) {
          delete waiting[key];
          delete cache[src]; /* a failed file may be tried again by a later search */
          reject(new Error(ok ? "bad index file " + src : "cannot load " + src));
        }
      }
      s.onload = function () { done(true); };
      s.onerror = function () { done(false); };
      s.async = true;
      s.src = src;
      (document.head || document.documentElement).appendChild(s);
    });
    cache[src] = p;
    return p;
  }
  /* Meta has a fixed name and may come from a stale cache (naming files a newer build
     removed): when a file it names fails to load, meta is read again once, past any cache.
     Each meta knows whether it was read afresh: a search that started with the stale one
     while another search already read it again retries with the fresh one (whose reading
     is shared), and only a search that failed with a fresh meta reports the failure. */
  var metaPromise = null, metaIsFresh = false;
  function loadMeta(fresh) {
    if (!metaPromise || (fresh && !metaIsFresh)) {
      metaIsFresh = !!fresh;
      metaPromise = load("meta", fresh ? metaUrl + "?r=" + Date.now() : metaUrl).then(prepare)
        .then(function (m) { m.fresh = !!fresh; return m; });
      metaPromise.catch(function () { metaPromise = null; metaIsFresh = false; });
    }
    return metaPromise;
  }
  function loadChunks(prefix, files, ks) {
    return Promise.all(ks.map(function (k) {
      if (!files[k]) { return Promise.reject(new Error("no " + prefix + k)); }
      return load(prefix + k, base + files[k]);
    }));
  }

  /* ---- running a search: promise of {docs: sorted doc numbers, cards: doc → card, full:
     doc → true for cards from doc chunks (the others lack the volatile fields), sound: where
     the results found by sound start, and what they found} ---- */
  var filtered = false; /* the last search had filters (from the form or the words) */
  var VERIFY_CHUNKS = 3; /* doc chunks loaded at most to check long-run candidates without a card */
  /* The files a search loads at most, meta included: meta, the term shards, facet and street
     files it must have; doc chunks (to check candidates, to show results without a card) only
     out of what is left (`budget.left`), those of further results moving after the first page.
     Files loaded before (this page's earlier searches) cost nothing. */
  var REQUESTS = 4;
  function uncached(prefix, files, ks) {
    return ks.filter(function (k) { return !files[k] || !cache[base + files[k]]; }).length;
  }
  var readings = null;
  function search(st, meta, typing) {
    var parsed = parseQuery(st.q, meta, typing), f = buildFilters(st, parsed, meta), x = meta.$;
    var cards = {}, full = {}, fields = {}, budget = { left: REQUESTS - 1 };
    filtered = !!(f.ranges || f.files.length || f.any.length || f.street);
    if (f.ranges && !f.ranges.length) { return Promise.resolve({ docs: [], cards: cards, full: full }); }
    function fieldsOf(d) {
      var c = cards[d];
      if (!c) { return null; }
      if (!fields[d]) {
        var get = function (k) { return x.field[k] === undefined ? "" : c[x.field[k]] || ""; };
        fields[d] = { name: normalise(get("name"), x.fold), other: normalise([get("address"), get("street"), get("text")].join("|"), x.fold) };
      }
      return fields[d];
    }
    function nameOf(d) { var fs = fieldsOf(d); return fs ? fs.name : null; }
    if (f.street && !cache[base + meta.streetNames[f.street.district]]) { budget.left--; }
    budget.left -= uncached("b", meta.facetNames, f.load);
    var street = f.street ? load("s" + f.street.district, base + meta.streetNames[f.street.district]) : null;
    return Promise.all([
      lookup(parsed, meta, cards, budget),
      loadChunks("b", meta.facetNames, f.load),
      street
    ]).then(function (got) {
      var ok = facetTest(got[1], meta.n, f.street, got[2], f), docs;
      var pass = function (d) { return inRanges(d, f.ranges) && (!ok || ok(d)); };
      if (!parsed.text.length) {
        /* Filters only: every document of the allowed districts that passes them. */
        docs = [];
        (f.ranges || [[0, meta.n]]).forEach(function (r) {
          for (var d = r[0]; d < r[1]; d++) { if (!ok || ok(d)) { docs.push(d); } }
        });
        return { docs: docs, cards: cards, full: full, left: budget.left };
      }
      return matchText(parsed, got[0], fieldsOf, meta, cards, full, budget).then(function (m) {
        docs = rank(parsed, m, m.docs.filter(pass), got[0], nameOf, meta.n);
        if (m.docs.length) { return { docs: docs, cards: cards, full: full, left: budget.left }; }
        /* A number or a word still being typed after Chinese (港瑞路34 of 港瑞路342): not
           by sound yet (its reading table and shards); once settled, if still nothing. */
        if (typing && /[0-9A-Za-z]$/.test(st.q)) { return { docs: docs, cards: cards, full: full, soundLater: true }; }
        /* Nothing has these characters: try them by sound (东王疃 → 东旺疃). */
        return bySound(parsed, meta, cards, full, fieldsOf, got[0]).then(function (s) {
          if (!s) { return { docs: docs, cards: cards, full: full }; }
          var found = rank(s.parsed, s.m, s.m.docs.filter(pass), s.post, nameOf, meta.n);
          var first = found.filter(function (d) { return cards[d]; })[0];
          return { docs: found, cards: cards, full: full, sound: { from: 0, hint: first === undefined ? null : soundHint(s.parsed, cards[first][x.field.name], cards[first][x.field.address]) } };
        });
      });
    });
  }
  /* Loads the shards a parsed query needs and their cards into `cards` → post(term). */
  function lookup(parsed, meta, cards, budget) {
    var p = plan(parsed, meta);
    if (budget) { budget.left -= uncached("t", meta.terms, p.shards); }
    return loadChunks("t", meta.terms, p.shards).then(function (got) {
      var byShard = {};
      p.shards.forEach(function (k, i) {
        var sh = got[i] || {};
        byShard[k] = sh.t || {};
        for (var d in sh.c) { if (Object.prototype.hasOwnProperty.call(sh.c, d) && !cards[d]) { cards[d] = sh.c[d]; } }
      });
      return function (t) {
        var key = meta.hash + "\u0000" + t;
        if (decoded[key]) { return decoded[key]; }
        var sh = byShard[p.shardOf[t]];
        if (!sh) { return EMPTY; }
        var e = Object.prototype.hasOwnProperty.call(sh, t) ? sh[t] : null;
        decoded[key] = e ? termPostings(e, meta) : EMPTY;
        return decoded[key];
      };
    });
  }
  /* evaluate, then, when some long-run candidates came without a card and their doc chunks
     are few, again with those cards in: an unchecked candidate is then checked. */
  function matchText(parsed, post, fieldsOf, meta, cards, full, budget) {
    var m = evaluate(parsed, post, meta.$.heavy, fieldsOf, meta.n);
    var ks = unique(m.unsure.map(function (d) { return chunkOf(meta, d)[0]; }));
    if (!ks.length) { return Promise.resolve(m); }
    var cost = uncached("d", meta.docs, ks);
    if (ks.length > VERIFY_CHUNKS || (budget && cost > budget.left)) { return Promise.resolve(m.loose.length > UNSURE_MAX ? dropLoose(m, meta.n) : m); }
    if (budget) { budget.left -= cost; }
    return loadChunks("d", meta.docs, ks).then(function (chunks) {
      m.unsure.forEach(function (d) {
        var at = chunkOf(meta, d), e = chunks[ks.indexOf(at[0])][at[1]];
        if (e) { cards[d] = e; full[d] = true; }
      });
      return evaluate(parsed, post, meta.$.heavy, fieldsOf, meta.n);
    });
  }
  /* Unchecked candidates are kept (most are matches: 胶南街道 in a street field), except
     those of a long run (a full name) when many: its keys, far apart in it, are then in
     thousands of documents that are mostly not matches, so only the checked ones count. */
  var UNSURE_MAX = 100;
  function dropLoose(m, n) {
    var out = marks(m.loose, n);
    var keep = function (d) { return !out[d]; };
    return { docs: m.docs.filter(keep), name: m.name.filter(keep), unsure: m.unsure.filter(keep), loose: [] };
  }
  /* The query read by sound, once the reading file is in → {parsed, m, post}, or null. */
  function bySound(parsed, meta, cards, full, fieldsOf, post) {
    if (!parsed.text.some(function (t) { return t.parts.some(function (p) { return p.terms; }); })) { return Promise.resolve(null); }
    if (!soundMayMatch(parsed, post, meta.$.heavy)) { return Promise.resolve(null); }
    var got = readings || load("py", base + fileName(meta, "py")).then(readingTable);
    readings = got;
    got.catch(function () { readings = null; });
    return got.then(function (table) {
      var sq = soundQuery(parsed, table);
      if (!sq) { return null; }
      return lookup(sq, meta, cards).then(function (post) {
        return matchText(sq, post, fieldsOf, meta, cards, full).then(function (m) { return { parsed: sq, m: m, post: post }; });
      });
    });
  }

  /* ============================ 8. UI (_search_form.html, _filters.html) === */

  /* ---- the form: its fields are its named controls (a new facet's checkbox included) ---- */
  function field(name) { return form.elements[name]; }
  var FIELDS = unique(Array.prototype.map.call(form.elements, function (e) { return e.name; }).filter(Boolean));
  var defaults = { district: "" };
  (function () {
    var sel = field("district");
    if (sel && sel.options) {
      for (var i = 0; i < sel.options.length; i++) { if (sel.options[i].defaultSelected) { defaults.district = sel.options[i].value; } }
    }
  })();
  function readForm() {
    var st = {};
    FIELDS.forEach(function (k) {
      var el = field(k);
      st[k] = !el ? "" : el.type === "checkbox" ? (el.checked ? el.value || "1" : "") : String(el.value || "").trim();
    });
    return st;
  }
  function writeForm(st) {
    FIELDS.forEach(function (k) {
      var el = field(k), v = st[k];
      if (!el) { return; }
      if (v === undefined) { v = k === "district" ? defaults.district : ""; }
      if (el.type === "checkbox") { el.checked = v !== "" && v === (el.value || "1"); } else { el.value = v; }
      if (el.tagName === "SELECT" && el.selectedIndex < 0) { el.selectedIndex = 0; }
    });
    var details = form.querySelector("details");
    var r = readForm();
    var filtering = FIELDS.some(function (k) { return k === "district" ? r.district !== defaults.district : k !== "q" && !!r[k]; });
    if (details && filtering) { details.open = true; }
  }
  /* Worth searching while typing: some text, or a filter the page does not preset. */
  function active(st) {
    return FIELDS.some(function (k) { return k === "district" ? !!st.district && st.district !== defaults.district : !!st[k]; });
  }

  /* ---- history: submit and filter changes push; typing pushes once, then replaces ---- */
  function pageUrl(qs) { return location.href.split(/[?#]/)[0] + qs; }
  function setUrl(st, how, submitted) {
    var qs = buildSearch(st, defaults, FIELDS);
    if (submitted && !qs) { qs = "?q="; }
    var url = pageUrl(qs), same = url === location.href, state = { tuoyu: how };
    try {
      if (how === "typing" && history.state && history.state.tuoyu === "typing") {
        history.replaceState(state, "", url);
      } else if (same) {
        history.replaceState(state, "", url);
      } else {
        history.pushState(state, "", url);
      }
    } catch (e) { /* some file:// setups refuse URL changes; the search still works */ }
  }

  /* ---- rendering ---- */
  var list = null, more = null, heading = null, current = null, seq = 0, slowTimer = 0, soundLater = null;

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text != null) { n.textContent = text; }
    return n;
  }
  function fact(dl, label, value, href) {
    if (!value) { return; }
    var row = el("div"), dd = el("dd");
    row.appendChild(el("dt", null, label));
    if (href) {
      var a = el("a", "tel-link", value);
      a.href = href;
      dd.appendChild(a);
    } else {
      dd.textContent = value;
    }
    row.appendChild(dd);
    dl.appendChild(row);
  }
  function cardNode(c, dist) {
    var li = el("li", "card"), h = el("h3", "card-title"), a = el("a", null, c.name);
    a.href = root + "institutions/" + encodeURIComponent(c.id) + ".html";
    h.appendChild(a);
    li.appendChild(h);
    if (c.badges.length) {
      var b = el("span", "badges");
      c.badges.forEach(function (x) { b.appendChild(el("span", "badge badge-" + x[0], x[1])); });
      li.appendChild(b);
    }
    var dl = el("dl", "facts");
    fact(dl, "所在区域", c.area);
    fact(dl, "地址", c.address);
    fact(dl, "电话", c.phone, c.tel);
    fact(dl, "收托月龄", c.ages);
    fact(dl, "服务", c.services);
    fact(dl, "托位", c.capacity);
    fact(dl, "空余托位", c.vacancies);
    fact(dl, "收费", c.fee);
    if (dist !== undefined && window.tuoyuGeo && tuoyuGeo.format) { fact(dl, "距离", tuoyuGeo.format(dist)); }
    if (dl.firstChild) { li.appendChild(dl); }
    return li;
  }
  function setStatus(text, cls) {
    status.textContent = text;
    status.className = "search-status" + (cls ? " " + cls : "");
  }
  function clearResults() {
    seq++;
    clearTimeout(slowTimer);
    current = null;
    removeList();
    if (heading && heading.parentNode) { heading.parentNode.removeChild(heading); }
    heading = null;
    setStatus("");
    box.classList.remove("has-results");
  }
  /* Add docs [r.shown, to) of the result `r` to `ul`; resolves with the first new card's
     link (null when a newer search took over). Cards that came with the term shards are
     used as they are, the doc chunks giving those missing; a shard's card lacks the volatile
     fields (托位, 空余托位), so the doc chunks of those are loaded too when few. */
  var FILL_CHUNKS = 2, SMALL_INDEX = 4;
  function fill(r, ul, to) {
    if (r.shown === 0) {
      /* A result whose doc chunk is in already costs nothing; the others, at most what the
         search's request budget left (and FILL_CHUNKS). */
      var inAlready = function (d) { return !!r.cards[d] || uncached("d", r.meta.docs, [chunkOf(r.meta, d)[0]]) === 0; };
      var max = Math.min(FILL_CHUNKS, r.left === undefined ? FILL_CHUNKS : Math.max(0, r.left));
      r.docs = firstPage(r.docs, inAlready, function (d) { return chunkOf(r.meta, d)[0]; }, to, max);
      to = Math.min(to, pageEnd(r.docs, inAlready, function (d) { return chunkOf(r.meta, d)[0]; }, to, max));
    }
    var id = seq, slice = r.docs.slice(r.shown, to);
    var missing = slice.filter(function (d) { return !r.cards[d]; });
    var ks = unique(missing.map(function (d) { return chunkOf(r.meta, d)[0]; }));
    /* The volatile fields of cards from shards: from their doc chunks on a small index only
       (a few files in all); at scale they are on the card's page, and the request budget
       goes to results. */
    var lite = unique(slice.filter(function (d) { return r.cards[d] && !r.full[d]; }).map(function (d) { return chunkOf(r.meta, d)[0]; }));
    lite = lite.filter(function (k) { return ks.indexOf(k) < 0; });
    var room = r.shown === 0 && r.left !== undefined ? Math.max(0, r.left) - uncached("d", r.meta.docs, ks) : FILL_CHUNKS;
    if (r.meta.docFiles <= SMALL_INDEX && lite.length <= Math.min(FILL_CHUNKS, room)) { ks = ks.concat(lite); }
    return loadChunks("d", r.meta.docs, ks).then(function (chunks) {
      if (id !== seq) { return null; }
      var by = {}, first = null;
      ks.forEach(function (k, i) { by[k] = chunks[i]; });
      slice.forEach(function (d) {
        var at = chunkOf(r.meta, d), e = (by[at[0]] && by[at[0]][at[1]]) || r.cards[d];
        if (!e) { return; }
        var node = cardNode(card(e, r.meta), r.dist ? r.dist[d] : undefined);
        ul.appendChild(node);
        if (!first) { first = node.querySelector("a"); }
      });
      r.shown += slice.length;
      return first;
    });
  }
  function updateMore() {
    var left = current.docs.length - current.shown;
    if (left <= 0) {
      if (more && more.parentNode) { more.parentNode.removeChild(more); }
      more = null;
      return;
    }
    if (!more) {
      more = el("button", "btn btn-more");
      more.type = "button";
      more.addEventListener("click", function () {
        var id = seq;
        more.disabled = true;
        fill(current, list, current.shown + current.meta.page).then(function (first) {
          if (id !== seq) { return; }
          updateMore();
          if (more) { more.disabled = false; }
          if (first) { first.focus(); }
        }, failed(id, true));
      });
      box.appendChild(more);
    }
    more.textContent = "显示更多（还有 " + left + " 家）";
  }
  /* A file did not load: say so; the results of an earlier query go unless `keep`. */
  function failed(id, keep) {
    return function (err) {
      if (id !== seq) { return; }
      clearTimeout(slowTimer);
      if (!keep) { removeList(); current = null; }
      if (more) { more.disabled = false; }
      setStatus("搜索数据加载失败，请检查网络后重试，或按区市浏览全部机构。", "search-error");
      if (window.console && console.warn) { console.warn("tuoyu search:", err); }
    };
  }
  function removeList() {
    [list, more, hint].forEach(function (n) { if (n && n.parentNode) { n.parentNode.removeChild(n); } });
    list = more = hint = null;
  }
  /* The order the form's 排序 asks for: by fee (the cards' monthly fee; doc chunks loaded
     for results without a card when few), or by distance (tuoyuGeo from near.js; refused or
     missing: the order stays, said so). → promise of {docs, dist, note}. */
  var SORT_CHUNKS = 4;
  function order(res, meta, how) {
    var f = meta.$.field, docs = res.docs;
    var get = function (d, k) { var c = res.cards[d]; return c && f[k] !== undefined ? c[f[k]] : null; };
    if (how !== "fee" && how !== "near") { return Promise.resolve({ docs: docs }); }
    var missing = docs.filter(function (d) { return !res.cards[d]; });
    var ks = unique(missing.map(function (d) { return chunkOf(meta, d)[0]; }));
    var chunks = ks.length <= SORT_CHUNKS ? loadChunks("d", meta.docs, ks) : Promise.resolve([]);
    return chunks.then(function (got) {
      if (got.length) {
        missing.forEach(function (d) {
          var at = chunkOf(meta, d), e = got[ks.indexOf(at[0])][at[1]];
          if (e) { res.cards[d] = e; res.full[d] = true; }
        });
      }
      if (how === "fee") {
        return { docs: sortByFee(docs, function (d) { var v = get(d, "monthlyFee"); return typeof v === "number" ? v : null; }) };
      }
      var geo = window.tuoyuGeo;
      if (!geo || !geo.locate || !geo.distance) { return { docs: docs, note: "本页无法定位，结果按原顺序显示。" }; }
      return Promise.resolve(geo.locate()).then(function (here) {
        var posOf = function (d) {
          var lat = get(d, "lat"), lng = get(d, "lng");
          return typeof lat === "number" && typeof lng === "number" ? { lat: lat, lng: lng } : null;
        };
        var s = sortByDistance(docs, posOf, here, geo.distance);
        return { docs: s.docs, dist: s.dist, note: s.unplaced ? s.unplaced + " 家没有位置信息，排在最后。" : "" };
      }, function () {
        return { docs: docs, note: "无法获取您的位置（可能未允许定位），结果按原顺序显示。" };
      });
    });
  }
  /* Replace the results by the first page of `docs` once its doc chunks are in. */
  var hint = null;
  function show(res, meta, id, how) {
    return order(res, meta, how).then(function (o) {
      if (id !== seq) { return null; }
      var docs = o.docs, r = { docs: docs, cards: res.cards, full: res.full, dist: o.dist, meta: meta, shown: 0, left: res.left }, ul = el("ul", "cards results-list");
      return (docs.length ? fill(r, ul, meta.page) : Promise.resolve()).then(function () {
        if (id !== seq) { return; }
        clearTimeout(slowTimer);
        removeList();
        current = r;
        if (!heading) {
          heading = el("h2", "results-heading", "搜索结果");
          box.insertBefore(heading, box.firstChild);
        }
        box.classList.add("has-results");
        if (!docs.length) {
          setStatus(filtered ? "没有找到符合条件的机构，试试减少筛选条件" : "没有找到符合条件的机构，试试换个关键词", "search-empty");
          return;
        }
        if (res.sound) {
          hint = el("p", "search-sound", "没有完全一致的结果，以下按读音找到" + (res.sound.hint ? "。您要找的是不是“" + res.sound.hint + "”？" : "。"));
          box.appendChild(hint);
        }
        list = ul;
        box.appendChild(list);
        updateMore();
        setStatus((res.sound ? "按读音找到 " : "找到 ") + docs.length + " 家机构" + (o.note ? "。" + o.note : ""));
      });
    });
  }

  /* mode: "submit" | "typing" | "settled" | "filter" | "load" | "pop" */
  function run(mode) {
    var st = readForm();
    var submitted = mode === "submit" || ((mode === "load" || mode === "pop") && Object.keys(parseSearch(location.search, FIELDS)).length > 0);
    if (mode === "submit" || mode === "typing" || mode === "filter") {
      setUrl(st, mode === "typing" ? "typing" : "done", mode === "submit");
    }
    /* Settled: the keys stopped; the query as typed, when typing searched it otherwise or
       left its reading by sound for later. */
    var pending = soundLater === st.q;
    soundLater = null;
    if (mode === "settled" && !pending && !typingDiffers(st.q)) { return; }
    var asTyped = st.q;
    if (mode === "typing") { st.q = typedQuery(st.q); }
    if (!submitted && !active(st)) { clearResults(); return; }
    var id = ++seq;
    clearTimeout(slowTimer);
    slowTimer = setTimeout(function () { if (id === seq) { setStatus("正在搜索…"); } }, 400);
    function go(meta) {
      if (id !== seq) { return null; }
      return search(st, meta, mode === "typing").then(function (res) {
        if (res.soundLater && id === seq) {
          soundLater = asTyped;
          /* Settle from now: the keys may have stopped before this search ended. */
          clearTimeout(settle);
          settle = setTimeout(function () { run("settled"); }, SETTLE_MS);
        }
        if (id === seq) { return show(res, meta, id, st.sort); }
      });
    }
    loadMeta().then(function (meta) {
      return go(meta).catch(function (err) {
        /* A file meta names is gone: meta was stale; read it afresh once and retry. */
        if (meta.fresh) { throw err; }
        return loadMeta(true).then(go);
      });
    }).catch(failed(id));
  }

  /* A short pause before searching, so that results still show within 100 ms of a key, an
     IME's commit (a whole Chinese word in one input event), a deletion or a paste. The keys
     of an ASCII word need no longer one: the inputs of a word typed key by key (`do`, `dou`,
     `douyun`) look up terms in the same shard (groupKey), and its first key none (typedQuery). */
  var TYPING_PAUSE_MS = 40, SETTLE_MS = 600, timer = 0, settle = 0;
  function later(mode, ms) {
    clearTimeout(settle);
    if (mode === "typing") { settle = setTimeout(function () { run("settled"); }, SETTLE_MS); }
    clearTimeout(timer);
    timer = setTimeout(function () { run(mode); }, ms === undefined ? TYPING_PAUSE_MS : ms);
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    clearTimeout(settle);
    run("submit");
  });
  if (input) {
    input.addEventListener("focus", function () { loadMeta().catch(function () {}); });
    /* While an IME composes, the box holds pinyin, which is a fine query too. */
    input.addEventListener("input", function () { later("typing"); });
    input.addEventListener("compositionend", function () { later("typing"); });
  }
  form.addEventListener("change", function (e) {
    if (e.target === input) { return; }
    clearTimeout(timer);
    clearTimeout(settle);
    run("filter");
  });
  var age = field("age");
  if (age) { age.addEventListener("input", function () { later("typing"); }); }
  window.addEventListener("popstate", function () {
    clearTimeout(timer);
    clearTimeout(settle);
    writeForm(parseSearch(location.search, FIELDS));
    run("pop");
  });
  if (location.search) {
    var initial = parseSearch(location.search, FIELDS);
    if (Object.keys(initial).length) {
      writeForm(initial);
      run("load");
    }
  }
})();
