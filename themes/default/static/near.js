/* tuoyu default theme: 离我最近 (nearest institutions), entirely on the phone.
   The browser's position (WGS-84) is converted to GCJ-02, the datum of the records'
   `location` (Chinese map apps give GCJ-02; the two differ by ~500 m in Qingdao), and
   distances are computed here: no map service, no network call beyond the site's own files.

   window.tuoyuGeo = { wgs84ToGcj02, gcj02ToWgs84, locate, distance, format } is also used by
   search.js (the 离我最近 sort of search results): keep its shape.

   Pages opt in with an element `[data-near]`:
   - data-near="district": the institutions are the page's cards (li.card[data-lat]); a flat
     nearest-first list is shown above the street groups, which stay as they are.
   - data-near="city": the whole city, from the geo index written at build time
     (src/render/geo.rs, docs/search-index.md "Geo index"): data-geo-index names its file. */
(function (root) {
  "use strict";

  /* ---------- datum conversion (the standard GCJ-02 algorithm, "eviltransform") ---------- */
  var AXIS = 6378245.0; /* Krasovsky 1940 semi-major axis, as GCJ-02 uses */
  var EE = 0.00669342162296594323; /* its first eccentricity squared */

  function outOfChina(lat, lng) {
    return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
  }
  function offsetLat(x, y) {
    var s = Math.sin, p = Math.PI;
    var r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20 * s(6 * x * p) + 20 * s(2 * x * p)) * 2 / 3;
    r += (20 * s(y * p) + 40 * s(y / 3 * p)) * 2 / 3;
    r += (160 * s(y / 12 * p) + 320 * s(y * p / 30)) * 2 / 3;
    return r;
  }
  function offsetLng(x, y) {
    var s = Math.sin, p = Math.PI;
    var r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20 * s(6 * x * p) + 20 * s(2 * x * p)) * 2 / 3;
    r += (20 * s(x * p) + 40 * s(x / 3 * p)) * 2 / 3;
    r += (150 * s(x / 12 * p) + 300 * s(x / 30 * p)) * 2 / 3;
    return r;
  }
  /* GCJ-02 minus WGS-84 at a WGS-84 point, in degrees. */
  function delta(lat, lng) {
    var dLat = offsetLat(lng - 105, lat - 35);
    var dLng = offsetLng(lng - 105, lat - 35);
    var rad = lat / 180 * Math.PI;
    var magic = 1 - EE * Math.sin(rad) * Math.sin(rad);
    var sq = Math.sqrt(magic);
    dLat = (dLat * 180) / ((AXIS * (1 - EE)) / (magic * sq) * Math.PI);
    dLng = (dLng * 180) / (AXIS / sq * Math.cos(rad) * Math.PI);
    return { lat: dLat, lng: dLng };
  }
  function wgs84ToGcj02(lat, lng) {
    if (outOfChina(lat, lng)) { return { lat: lat, lng: lng }; }
    var d = delta(lat, lng);
    return { lat: lat + d.lat, lng: lng + d.lng };
  }
  /* The inverse, by iteration (GCJ-02 has no closed-form inverse); to well under a metre. */
  function gcj02ToWgs84(lat, lng) {
    if (outOfChina(lat, lng)) { return { lat: lat, lng: lng }; }
    var w = { lat: lat, lng: lng };
    for (var i = 0; i < 30; i++) {
      var g = wgs84ToGcj02(w.lat, w.lng);
      var eLat = g.lat - lat, eLng = g.lng - lng;
      w = { lat: w.lat - eLat, lng: w.lng - eLng };
      if (Math.abs(eLat) < 1e-9 && Math.abs(eLng) < 1e-9) { break; }
    }
    return w;
  }

  /* Great-circle distance in metres (haversine, mean Earth radius). */
  function distance(a, b) {
    var R = 6371008.8, rad = Math.PI / 180;
    var dLat = (b.lat - a.lat) * rad, dLng = (b.lng - a.lng) * rad;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /* "约 1.2 公里" from 1 km on (one decimal), "350 米" below (to 10 m: a phone's position is
     no more precise than that). */
  function format(m) {
    if (!(m >= 0)) { return ""; }
    var tens = Math.round(m / 10) * 10;
    if (tens >= 1000) { return "约 " + (m / 1000).toFixed(1) + " 公里"; }
    if (tens < 10) { return "10 米以内"; }
    return tens + " 米";
  }

  /* The position in GCJ-02. Rejects with an Error whose `code` is "unsupported", "denied",
     "unavailable" or "timeout". */
  function locate() {
    return new Promise(function (resolve, reject) {
      var geo = root.navigator && root.navigator.geolocation;
      if (!geo) { reject(failure("unsupported")); return; }
      geo.getCurrentPosition(function (p) {
        resolve(wgs84ToGcj02(p.coords.latitude, p.coords.longitude));
      }, function (e) {
        reject(failure(e && e.code === 1 ? "denied" : e && e.code === 3 ? "timeout" : "unavailable"));
      }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 60000 });
    });
  }
  function failure(code) {
    var e = new Error(code);
    e.code = code;
    return e;
  }

  /* Minimum distance from a point to a cell's bounding box [minLat, minLng, maxLat, maxLng]:
     no entry of the cell can be nearer. */
  function boxDistance(p, box) {
    var lat = Math.min(Math.max(p.lat, box[0]), box[2]);
    var lng = Math.min(Math.max(p.lng, box[1]), box[3]);
    return distance(p, { lat: lat, lng: lng });
  }

  var api = {
    wgs84ToGcj02: wgs84ToGcj02,
    gcj02ToWgs84: gcj02ToWgs84,
    locate: locate,
    distance: distance,
    format: format,
    boxDistance: boxDistance
  };
  root.tuoyuGeo = api;
  if (typeof module === "object" && module.exports) { module.exports = api; }
  if (typeof document === "undefined") { return; }

  /* ---------- the page: button, messages, list ---------- */
  var PAGE = 20;
  var MESSAGES = {
    unsupported: "这个浏览器不能提供您的位置。请按区市或街道查找。",
    denied: "没有得到位置权限，列表没有改变。如需使用，请在浏览器设置里允许本网站使用位置。",
    unavailable: "暂时无法确定您的位置，列表没有改变。请稍后再试，或按区市、街道查找。",
    timeout: "获取位置超时，列表没有改变。请稍后再试。",
    index: "附近机构的数据没有加载成功，请刷新页面后再试。"
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  /* Load a script of the site (works from file://, where fetch() of local files does not). */
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(failure("index")); };
      document.head.appendChild(s);
    });
  }

  /* The geo index: its meta, then cells on demand, nearest box first. The index's name is
     fixed and each cell is named by its content: a cached index may name a cell a later
     build removed, so a cell that fails to load has the index read once more, past any
     cache (`?r=`), and the query run again. */
  function CityIndex(src) {
    this.src = src;
    this.base = src.replace(/[^\/]*$/, "");
    this.meta = null;
    this.cells = {};
    this.fresh = false;
  }
  CityIndex.prototype.load = function (bust) {
    var self = this;
    if (self.meta && !bust) { return Promise.resolve(self.meta); }
    return new Promise(function (resolve, reject) {
      var got = null;
      root.tuoyuGeoIndex = function (meta) { got = meta; };
      loadScript(self.src + (bust ? "?r=" + Date.now() : "")).then(function () {
        if (!got) { reject(failure("index")); return; }
        self.meta = got;
        if (bust) { self.cells = {}; self.fresh = true; }
        resolve(got);
      }, reject);
    });
  };
  CityIndex.prototype.cell = function (k) {
    var self = this;
    if (self.cells[k]) { return Promise.resolve(self.cells[k]); }
    return new Promise(function (resolve, reject) {
      var prev = root.tuoyuGeoCell;
      root.tuoyuGeoCell = function (n, rows) {
        if (n === k) { self.cells[k] = rows; resolve(rows); } else if (prev) { prev(n, rows); }
      };
      loadScript(self.base + self.meta.files[k] + ".js").then(function () {
        if (!self.cells[k]) { reject(failure("index")); }
      }, reject);
    });
  };
  CityIndex.prototype.nearest = function (p, n) {
    var self = this;
    return self.search(p, n).catch(function (e) {
      if (self.fresh) { throw e; }
      return self.load(true).then(function () { return self.search(p, n); });
    });
  };
  /* The `n` nearest entries to `p`: cells are read nearest box first until the next box is
     farther than the n-th entry found. */
  CityIndex.prototype.search = function (p, n) {
    var self = this, meta = self.meta, f = meta.fields;
    var order = meta.cells.map(function (c, k) { return { k: k, d: boxDistance(p, c) }; });
    order.sort(function (a, b) { return a.d - b.d || a.k - b.k; });
    var found = [];
    function step(i) {
      if (i >= order.length || (found.length >= n && found[n - 1].distance <= order[i].d)) {
        return Promise.resolve(found.slice(0, n));
      }
      return self.cell(order[i].k).then(function (rows) {
        rows.forEach(function (r) {
          var e = {};
          f.forEach(function (name, j) { e[name] = r[j]; });
          e.distance = distance(p, { lat: e.lat, lng: e.lng });
          found.push(e);
        });
        found.sort(function (a, b) { return a.distance - b.distance || (a.id < b.id ? -1 : 1); });
        return step(i + 1);
      });
    }
    return step(0);
  };

  /* One result of the city list, as a card like the district pages'. */
  function cityCard(e, rootPath) {
    var li = el("li", "card near-card");
    li.setAttribute("data-id", e.id);
    li.setAttribute("data-distance", String(Math.round(e.distance)));
    var h = el("h3", "card-title");
    var a = el("a", null, e.name);
    a.href = rootPath + "institutions/" + encodeURIComponent(e.id) + ".html";
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(el("p", "near-distance", "距离" + format(e.distance)));
    var dl = el("dl", "facts");
    fact(dl, "区市", e.district);
    fact(dl, "地址", e.address);
    if (e.phone) {
      var dd = fact(dl, "电话", e.tel ? null : e.phone);
      if (e.tel) {
        var t = el("a", "tel-link", e.phone);
        t.href = e.tel;
        dd.appendChild(t);
      }
    }
    li.appendChild(dl);
    return li;
  }
  function fact(dl, term, value) {
    var div = el("div");
    div.appendChild(el("dt", null, term));
    var dd = el("dd", null, value);
    div.appendChild(dd);
    dl.appendChild(div);
    return dd;
  }

  /* One result of a district page: a copy of the page's own card, with its distance. */
  function districtCard(card, d) {
    var li = card.cloneNode(true);
    li.classList.add("near-card");
    var line = el("p", "near-distance", d === null ? "位置未公布，无法计算距离" : "距离" + format(d));
    if (d !== null) { li.setAttribute("data-distance", String(Math.round(d))); }
    var title = li.querySelector(".card-title");
    if (title && title.nextSibling) { li.insertBefore(line, title.nextSibling); } else { li.appendChild(line); }
    return li;
  }

  function Near(box) {
    this.box = box;
    this.mode = box.getAttribute("data-near");
    this.root = box.getAttribute("data-root") || "";
    this.button = box.querySelector(".btn-near");
    this.status = box.querySelector(".near-status");
    this.results = box.querySelector(".near-results");
    this.shown = 0;
    this.index = this.mode === "city" ? new CityIndex(box.getAttribute("data-geo-index")) : null;
  }
  Near.prototype.say = function (text, error) {
    this.status.textContent = text;
    this.status.classList.toggle("near-error", !!error);
  };
  Near.prototype.run = function () {
    var self = this;
    self.button.disabled = true;
    self.say("正在确定您的位置……");
    var ready = self.index ? self.index.load() : Promise.resolve(null);
    ready.then(function () { return locate(); }).then(function (p) {
      self.here = p;
      self.shown = 0;
      self.results.textContent = "";
      return self.mode === "city" ? self.more() : self.district();
    }).catch(function (e) {
      self.say(MESSAGES[e && e.code] || MESSAGES.unavailable, true);
    }).then(function () { self.button.disabled = false; });
  };
  Near.prototype.list = function () {
    var h = el("h2", "near-heading", "离您最近的机构");
    h.id = "near-heading";
    h.tabIndex = -1;
    var ol = el("ol", "cards near-list");
    ol.setAttribute("aria-labelledby", "near-heading");
    this.results.appendChild(h);
    this.results.appendChild(ol);
    return ol;
  };
  /* District page: every card of the page, nearest first; those without a location after. */
  Near.prototype.district = function () {
    var self = this;
    var cards = Array.prototype.slice.call(document.querySelectorAll(".street .card"));
    var rows = cards.filter(function (c) { return c.getAttribute("data-cancelled") !== "true"; })
      .map(function (c, i) {
        var lat = parseFloat(c.getAttribute("data-lat")), lng = parseFloat(c.getAttribute("data-lng"));
        var d = isFinite(lat) && isFinite(lng) ? distance(self.here, { lat: lat, lng: lng }) : null;
        return { card: c, d: d, i: i };
      });
    rows.sort(function (a, b) {
      if (a.d === null || b.d === null) { return (a.d === null) - (b.d === null) || a.i - b.i; }
      return a.d - b.d || a.i - b.i;
    });
    var ol = self.list();
    rows.forEach(function (r) { ol.appendChild(districtCard(r.card, r.d)); });
    var located = rows.filter(function (r) { return r.d !== null; }).length;
    var text = located === 0 ? "本页的机构都没有公布位置，无法按距离排列。" :
      "已按距离您由近到远排列本页 " + located + " 家机构";
    if (located > 0 && located < rows.length) {
      text += "；另有 " + (rows.length - located) + " 家没有公布位置，列在最后";
    }
    self.say(located > 0 ? text + "。" : text);
    self.focusHeading();
  };
  /* Home page: the next 20 nearest of the city, with 显示更多. */
  Near.prototype.more = function () {
    var self = this;
    var want = self.shown + PAGE;
    return self.index.nearest(self.here, want).then(function (found) {
      var meta = self.index.meta;
      var ol = self.results.querySelector(".near-list") || self.list();
      found.slice(self.shown).forEach(function (e) { ol.appendChild(cityCard(e, self.root)); });
      var first = self.shown === 0;
      self.shown = found.length;
      self.moreButton(self.shown < meta.located);
      var text = "已列出离您最近的 " + self.shown + " 家机构（共 " + meta.located + " 家有位置信息）";
      if (meta.unlocated > 0) {
        text += "；另有 " + meta.unlocated + " 家没有公布位置，不在此列，可按区市浏览";
      }
      self.say(text + "。");
      if (first) { self.focusHeading(); }
    });
  };
  Near.prototype.moreButton = function (show) {
    var self = this, b = self.results.querySelector(".near-more");
    if (!show) { if (b) { b.remove(); } return; }
    if (b) { return; }
    b = el("button", "btn btn-more near-more", "显示更多");
    b.type = "button";
    b.addEventListener("click", function () {
      b.disabled = true;
      self.more().catch(function () { self.say(MESSAGES.index, true); })
        .then(function () { b.disabled = false; });
    });
    self.results.appendChild(b);
  };
  Near.prototype.focusHeading = function () {
    var h = this.results.querySelector(".near-heading");
    if (h && h.focus) { h.focus({ preventScroll: true }); }
  };

  function init() {
    var boxes = document.querySelectorAll("[data-near]");
    for (var i = 0; i < boxes.length; i++) {
      var n = new Near(boxes[i]);
      if (!n.button || !n.status || !n.results || !root.navigator.geolocation) {
        boxes[i].style.display = "none"; /* shown before the first paint (html.js): no position here */
        continue;
      }
      n.button.addEventListener("click", n.run.bind(n));
      boxes[i].hidden = false;
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(typeof window !== "undefined" ? window : globalThis);
