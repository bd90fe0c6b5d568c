/* tuoyu default theme: 加入对比 buttons (institution and district pages) and compare.html.
   The choice (at most 3 ids) is kept in localStorage and in compare.html?ids=a,b,c.
   compare.html loads the facts of each chosen id from compare/<k>.js (k = FNV-1a of the
   id modulo the page's data-chunks; see src/render/compare.rs) with <script> tags, so it
   works from file:// too. Every text goes in with textContent: nothing is parsed as HTML.
   托位数 is not in that data: it changes often, and lives once, in the record's card in the
   search index's doc chunks (docs/search-index.md), read by the entry's document number. */
(function () {
  "use strict";
  var KEY = "tuoyu-compare";
  var MAX = 3;
  var ID = /^[a-z0-9][a-z0-9-]*$/;

  function clean(list) {
    var out = [];
    for (var i = 0; i < list.length && out.length < MAX; i++) {
      var id = String(list[i]).trim();
      if (ID.test(id) && out.indexOf(id) < 0) { out.push(id); }
    }
    return out;
  }
  function load() {
    try { return clean(JSON.parse(window.localStorage.getItem(KEY) || "[]")); } catch (e) { return []; }
  }
  function save(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* storage unavailable */ }
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function say(text) {
    var s = document.getElementById("compare-status");
    if (s) { s.textContent = text; }
  }

  /* ---------- 加入对比 buttons ---------- */
  function updateLink(list) {
    var a = document.getElementById("compare-link");
    if (!a) { return; }
    var base = a.getAttribute("href").split("?")[0];
    a.setAttribute("href", base + (list.length ? "?ids=" + list.join(",") : ""));
    a.textContent = "查看对比（" + list.length + " 家）";
    a.hidden = list.length === 0;
  }
  function nameOf(btn) {
    var s = btn.querySelector(".visually-hidden");
    return s ? s.textContent.replace(/^：/, "") : btn.getAttribute("data-compare");
  }
  function initButtons() {
    var buttons = document.querySelectorAll("button[data-compare]");
    if (!buttons.length) { return; }
    function refresh(list) {
      for (var i = 0; i < buttons.length; i++) {
        var on = list.indexOf(buttons[i].getAttribute("data-compare")) >= 0;
        buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      }
      updateLink(list);
    }
    function click(ev) {
      var btn = ev.currentTarget;
      var id = btn.getAttribute("data-compare");
      var list = load();
      var at = list.indexOf(id);
      if (at >= 0) {
        list.splice(at, 1);
        say("已取消对比：" + nameOf(btn) + "。现在选了 " + list.length + " 家。");
      } else if (list.length >= MAX) {
        say("最多只能对比 " + MAX + " 家机构。请先取消一家，再加入" + nameOf(btn) + "。");
        return;
      } else {
        list.push(id);
        say("已加入对比：" + nameOf(btn) + "。现在选了 " + list.length + " 家，最多 " + MAX + " 家。");
      }
      save(list);
      refresh(list);
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", click);
    }
    refresh(load());
    /* Another tab may change the choice. */
    window.addEventListener("storage", function (e) { if (e.key === KEY) { refresh(load()); } });
  }

  /* ---------- compare.html ---------- */
  function fnv1a(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  var chunks = {};
  var waiting = {};
  window.tuoyuCompareChunk = function (k, data) {
    chunks[k] = data;
    (waiting[k] || []).forEach(function (f) { f(data); });
    delete waiting[k];
  };
  function chunk(k, done) {
    if (chunks[k]) { done(chunks[k]); return; }
    if (waiting[k]) { waiting[k].push(done); return; }
    waiting[k] = [done];
    var s = document.createElement("script");
    s.src = "compare/" + k + ".js";
    s.onerror = function () { window.tuoyuCompareChunk(k, {}); };
    document.head.appendChild(s);
  }
  function fetchAll(ids, n, done) {
    var out = new Array(ids.length);
    var left = ids.length;
    ids.forEach(function (id, i) {
      chunk(fnv1a(id) & (n - 1), function (data) {
        out[i] = Object.prototype.hasOwnProperty.call(data, id) ? data[id] : null;
        left -= 1;
        if (left === 0) { done(out); }
      });
    });
  }

  /* ---------- 托位数 from the search index's doc chunks ---------- */
  /* Document d → [doc chunk, position] (docs/search-index.md "Doc chunks"; search.js chunkOf). */
  function chunkOf(meta, d) {
    var ds = meta.districts || [], lo = 0, hi = ds.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (ds[mid].start <= d) { lo = mid; } else { hi = mid - 1; }
    }
    var x = ds[lo] || { start: 0, chunk: 0 }, p = (x.offset || 0) + d - x.start;
    return [x.chunk + Math.floor(p / meta.docSize), p % meta.docSize];
  }
  /* File k of kind "d": its own hash is characters 8k … 8k + 8 of meta files.d. */
  function docFile(meta, k) {
    return "d" + k + "." + String((meta.files || {}).d || "").substr(8 * k, 8) + ".js";
  }
  var index = {};
  var previous = window.tuoyuSearch;
  function answer(key, data) {
    var w = index[key] || [];
    delete index[key];
    w.forEach(function (f) { f(data); });
  }
  window.tuoyuSearch = function (key, data) {
    if (index[key]) { answer(key, data); } else if (typeof previous === "function") { previous(key, data); }
  };
  /* Loads one index file; done(data), or done(null) when it cannot be loaded. */
  function indexFile(key, src, done) {
    if (index[key]) { index[key].push(done); return; }
    index[key] = [done];
    var s = document.createElement("script");
    s.onerror = function () { answer(key, null); };
    s.src = src;
    document.head.appendChild(s);
  }
  /* Calls done(capacities) with one entry per card: a number, null when not published, or
     undefined when the index could not be read. */
  function capacities(metaUrl, cards, done) {
    var out = cards.map(function () { return undefined; });
    if (!metaUrl || !cards.length) { done(out); return; }
    var base = metaUrl.slice(0, metaUrl.lastIndexOf("/") + 1);
    indexFile("meta", metaUrl, function (meta) {
      if (!meta || !meta.card || !meta.docSize) { done(out); return; }
      var fields = meta.card.fields || [], field = fields.indexOf("capacity"), idField = fields.indexOf("id");
      var want = {}, left = 0;
      cards.forEach(function (c, i) {
        var at = chunkOf(meta, c.doc);
        if (!want[at[0]]) { want[at[0]] = []; left += 1; }
        want[at[0]].push([i, at[1]]);
      });
      Object.keys(want).forEach(function (k) {
        indexFile("d" + k, base + docFile(meta, +k), function (chunk) {
          want[k].forEach(function (w) {
            var card = chunk && chunk[w[1]];
            /* The card must be this institution's: a stale cache could hold another build. */
            if (card && field >= 0 && card[idField] === cards[w[0]].id) { out[w[0]] = card[field]; }
          });
          left -= 1;
          if (left === 0) { done(out); }
        });
      });
    });
  }

  var UNKNOWN = "未公布";
  function text(v) { return v === null || v === undefined || v === "" ? UNKNOWN : v; }
  var ROWS = [
    ["名单与标识", function (c) {
      var box = el("span", "badges");
      (c.badges || []).forEach(function (b) { box.appendChild(el("span", "badge badge-" + b["class"], b.label)); });
      return c.badges && c.badges.length ? box : UNKNOWN;
    }],
    ["地址", function (c) { return c.district + (c.street ? " " + c.street : "") + "：" + text(c.address); }],
    ["距离", null],
    ["收托月龄", function (c) { return text(c.ages); }],
    ["班级", function (c) { return c.classes && c.classes.length ? c.classes.join("、") : UNKNOWN; }],
    ["服务类型", function (c) { return c.services && c.services.length ? c.services.join("、") : UNKNOWN; }],
    ["收费", function (c) { return text(c.fee || c.monthly_fee); }],
    ["托位数", function (c) {
      if (c.capacity === undefined) { return "暂时无法读取"; }
      return c.capacity === null ? UNKNOWN : c.capacity + " 个";
    }],
    ["空余托位", function (c) {
      var v = c.vacancies;
      if (!v) { return UNKNOWN; }
      return v.places + " 个，截至 " + v.as_of + (v.stale ? "（信息可能已过期）" : "");
    }],
    ["电话", function (c) {
      if (c.tel) { var a = el("a", "tel-link", c.phone); a.href = c.tel; return a; }
      return c.cancelled ? "已注销" : text(c.phone);
    }]
  ];

  function cell(tag, value) {
    var c = el(tag);
    if (typeof value === "string") { c.textContent = value; } else { c.appendChild(value); }
    return c;
  }
  function table(list, found, distances) {
    var scroll = el("div", "table-scroll compare-scroll");
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-labelledby", "compare-caption");
    scroll.tabIndex = 0;
    var t = el("table", "data-table compare-table");
    var cap = el("caption", "visually-hidden", "托育机构对比：" + found.map(function (c) { return c.name; }).join("、"));
    cap.id = "compare-caption";
    t.appendChild(cap);
    var head = el("tr");
    head.appendChild(cell("th", "项目")).setAttribute("scope", "col");
    found.forEach(function (c) {
      var th = el("th");
      th.setAttribute("scope", "col");
      var a = el("a", null, c.name);
      a.href = c.href;
      th.appendChild(a);
      var rm = el("button", "btn btn-remove", "移除");
      rm.type = "button";
      rm.appendChild(el("span", "visually-hidden", "：" + c.name));
      rm.addEventListener("click", function () { remove(list, c.id, c.name); });
      th.appendChild(rm);
      head.appendChild(th);
    });
    t.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    ROWS.forEach(function (r) {
      if (!r[1] && !distances) { return; }
      var tr = el("tr");
      tr.appendChild(cell("th", r[0])).setAttribute("scope", "row");
      found.forEach(function (c, i) { tr.appendChild(cell("td", r[1] ? r[1](c) : distances[i])); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    scroll.appendChild(t);
    return scroll;
  }

  function remove(list, id, name) {
    var next = list.filter(function (x) { return x !== id; });
    save(next);
    show(next, "已移除：" + name + "。");
  }

  var state = { found: [], distances: null };
  function show(list, message) {
    var app = document.getElementById("compare-app");
    var out = document.getElementById("compare-output");
    var n = parseInt(app.getAttribute("data-chunks"), 10) || 1;
    try {
      window.history.replaceState(null, "", window.location.pathname + (list.length ? "?ids=" + list.join(",") : ""));
    } catch (e) { /* file:// in some browsers */ }
    if (!list.length) {
      out.textContent = "";
      document.getElementById("compare-tools").hidden = true;
      say((message || "") + "还没有选择机构。请在区市页面或机构页面点“加入对比”，最多 3 家。");
      return;
    }
    fetchAll(list, n, function (entries) {
      var found = entries.filter(function (e) { return e; });
      capacities(app.getAttribute("data-search-meta"), found, function (places) {
        found.forEach(function (c, i) { c.capacity = places[i]; });
        showFound(list, entries, found, message);
      });
    });
  }
  function showFound(list, entries, found, message) {
    var out = document.getElementById("compare-output");
    var missing = list.filter(function (id, i) { return !entries[i]; });
    state.found = found;
    state.distances = null;
    out.textContent = "";
    if (state.found.length) { out.appendChild(table(list, state.found, null)); }
    document.getElementById("compare-tools").hidden = !state.found.length;
    var words = (message || "") + "正在对比 " + state.found.length + " 家机构。";
    if (missing.length) { words += "找不到编号为 " + missing.join("、") + " 的机构。"; }
    say(words);
  }

  function initDistance(list) {
    var btn = document.getElementById("compare-distance");
    var geo = window.tuoyuGeo;
    if (!btn || !geo || typeof geo.locate !== "function") { return; }
    btn.hidden = false;
    btn.addEventListener("click", function () {
      say("正在获取你的位置……");
      geo.locate().then(function (me) {
        state.distances = state.found.map(function (c) {
          return c.lat === null || c.lat === undefined ? "位置未公布" : geo.format(geo.distance(me, { lat: c.lat, lng: c.lng }));
        });
        var out = document.getElementById("compare-output");
        out.textContent = "";
        out.appendChild(table(load(), state.found, state.distances));
        say("已显示各机构与你的直线距离。");
      }, function () { say("无法获取你的位置，距离没有显示。"); });
    });
  }

  function initPage() {
    var app = document.getElementById("compare-app");
    if (!app) { return; }
    document.getElementById("compare-nojs").hidden = true;
    var list = null;
    try {
      var q = new URLSearchParams(window.location.search).get("ids");
      if (q !== null) { list = clean(q.split(",")); }
    } catch (e) { list = null; }
    if (list === null) { list = load(); } else { save(list); }
    show(list, "");
    initDistance(list);
  }

  function init() {
    initButtons();
    initPage();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
