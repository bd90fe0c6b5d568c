/* The pure functions of themes/default/static/near.js (离我最近): the WGS-84 → GCJ-02
   conversion against published pairs, its inverse, haversine distances and the distance text.
   Run: node --test tests/js/ (tests/it/search_js.rs runs this folder). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const G = require(path.join(__dirname, "../../themes/default/static/near.js"));

/* WGS-84 → GCJ-02 pairs published with the eviltransform reference implementation
   (github.com/googollee/eviltransform, javascript/test.js): Shanghai, Shenzhen, Beijing. */
const PAIRS = [
  [31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
  [22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
  [39.911954, 116.377817, 39.91334545536069, 116.38404722455657]
];

test("wgs84ToGcj02 gives the published GCJ-02 of each pair (to 1e-6 degrees)", () => {
  for (const [wLat, wLng, gLat, gLng] of PAIRS) {
    const g = G.wgs84ToGcj02(wLat, wLng);
    assert.ok(Math.abs(g.lat - gLat) < 1e-6, `lat ${g.lat} vs ${gLat}`);
    assert.ok(Math.abs(g.lng - gLng) < 1e-6, `lng ${g.lng} vs ${gLng}`);
  }
});

test("the offset in Qingdao is hundreds of metres (skipping it would misplace everything)", () => {
  const w = { lat: 36.0671, lng: 120.3826 };
  const g = G.wgs84ToGcj02(w.lat, w.lng);
  const d = G.distance(w, g);
  assert.ok(d > 300 && d < 800, `offset ${d} m`);
});

test("outside China the position is left as it is", () => {
  assert.deepEqual(G.wgs84ToGcj02(48.8584, 2.2945), { lat: 48.8584, lng: 2.2945 });
});

test("gcj02ToWgs84 inverts the conversion to under 0.1 m", () => {
  for (const [wLat, wLng, gLat, gLng] of PAIRS) {
    const w = G.gcj02ToWgs84(gLat, gLng);
    assert.ok(G.distance(w, { lat: wLat, lng: wLng }) < 0.1);
  }
});

test("distance: haversine in metres", () => {
  assert.equal(G.distance({ lat: 36, lng: 120 }, { lat: 36, lng: 120 }), 0);
  // One degree of latitude on the mean sphere: 2πR/360 = 111,195 m.
  const deg = G.distance({ lat: 36, lng: 120 }, { lat: 37, lng: 120 });
  assert.ok(Math.abs(deg - 111195) < 1, `${deg}`);
  // Beijing (39.9042, 116.4074) to Shanghai (31.2304, 121.4737): 1,067 km by great circle.
  const bs = G.distance({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 });
  assert.ok(Math.abs(bs - 1067000) < 2000, `${bs}`);
});

test("format: 约 x.x 公里 from 1 km, whole tens of 米 below", () => {
  assert.equal(G.format(1234), "约 1.2 公里");
  assert.equal(G.format(1000), "约 1.0 公里");
  assert.equal(G.format(996), "约 1.0 公里");
  assert.equal(G.format(12345), "约 12.3 公里");
  assert.equal(G.format(350), "350 米");
  assert.equal(G.format(347), "350 米");
  assert.equal(G.format(994), "990 米");
  assert.equal(G.format(3), "10 米以内");
  assert.equal(G.format(NaN), "");
});

test("boxDistance: zero inside a box, the distance to its edge outside", () => {
  const box = [36, 120, 36.1, 120.1];
  assert.equal(G.boxDistance({ lat: 36.05, lng: 120.05 }, box), 0);
  const d = G.boxDistance({ lat: 36.2, lng: 120.05 }, box);
  assert.ok(Math.abs(d - G.distance({ lat: 36.2, lng: 120.05 }, { lat: 36.1, lng: 120.05 })) < 1e-6);
});

test("locate rejects with code 'unsupported' without navigator.geolocation", async () => {
  await assert.rejects(G.locate(), (e) => e.code === "unsupported");
});
