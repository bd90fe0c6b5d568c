// Browser driver for scripts/bench-search.sh (see there for the whole picture).
//
//   node driver.js --label TEXT --site DIR [--pagefind DIR] [--pf-results N] [--timeout MS]
//                  [--verbose] [--throttle RTT_MS,DOWN_KBIT,UP_KBIT,CPU_SLOWDOWN] [--pace MS] -- QUERY...
// (--verbose lists every file fetched per query, with its KB on the wire, on stderr;
//  --throttle emulates a phone through CDP, e.g. 150,1600,750,4: 150 ms round trip, 1.6 Mbit/s
//  down, 750 kbit/s up, CPU 4 times slower; for both clients, from before the page loads.)
//
// Serves DIR (and the Pagefind copy, if given) with server.js, opens headless Chromium through
// playwright-core and, for every query, in a fresh browser context (cold HTTP cache):
//   tuoyu:    opens index.html, waits for the load event and for the network to go quiet, clears
//             the request log, focuses #q (the client starts loading meta on focus), types the
//             query as a person does (typeLikePerson: Chinese as one IME commit per word, ASCII
//             key by key --pace ms apart, default 120), and waits until #search-results shows the outcome
//             (the status "找到 N 家机构" / "没有找到…" / a load error, or data-state="done" on
//             #search-results should the client set it). The time is from the last keystroke
//             (the last `input` event on #q) to the DOM change that shows the results, so it
//             includes the client's typing pause (debounce, TYPING_PAUSE_MS = 40 ms in search.js).
//   pagefind: opens the same index.html from the copy, clears the log, then in the page:
//             import("/pagefind/pagefind.js"), init(), the same 40 ms pause, search(q) and
//             data() for the first --pf-results results (default 5), which it lists in the page.
// Requests and bytes are what the server saw after the log was cleared (bodies as sent, i.e.
// gzipped where the server gzips; headers not counted).
//
// Environment: CHROMIUM (default /usr/bin/chromium); NODE_PATH must reach playwright-core.
"use strict";

const path = require("path");
const { start } = require("./server.js");

function parseArgs(argv) {
    const o = { pace: 120, label: "", site: null, pagefind: null, pfResults: 5, timeout: 30000, verbose: false, throttle: null, queries: [] };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--") { o.queries = argv.slice(i + 1); break; }
        const v = argv[i + 1];
        if (a === "--label") { o.label = v; i++; }
        else if (a === "--site") { o.site = v; i++; }
        else if (a === "--pagefind") { o.pagefind = v; i++; }
        else if (a === "--pf-results") { o.pfResults = Number(v); i++; }
        else if (a === "--timeout") { o.timeout = Number(v); i++; }
        else if (a === "--verbose") { o.verbose = true; }
        else if (a === "--pace") { o.pace = Number(v); i++; }
        else if (a === "--throttle") { o.throttle = throttleArg(v); i++; }
        else { throw new Error(`unknown argument ${a}`); }
    }
    if (!o.site || !o.queries.length) { throw new Error("usage: driver.js --site DIR [--pagefind DIR] -- QUERY..."); }
    return o;
}

function throttleArg(v) {
    const p = String(v || "").split(",").map(Number);
    if (p.length !== 4 || p.some((x) => !(x >= 0))) {
        throw new Error(`--throttle wants RTT_MS,DOWN_KBIT,UP_KBIT,CPU_SLOWDOWN (e.g. 150,1600,750,4), got "${v}"`);
    }
    return { latency: p[0], down: p[1], up: p[2], cpu: p[3] };
}

// Emulates a slow network and CPU for the page (CDP), when asked to.
async function throttle(ctx, page, t) {
    if (!t) { return; }
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: t.latency,
        downloadThroughput: t.down > 0 ? (t.down * 1000) / 8 : -1,
        uploadThroughput: t.up > 0 ? (t.up * 1000) / 8 : -1,
    });
    if (t.cpu > 1) { await cdp.send("Emulation.setCPUThrottlingRate", { rate: t.cpu }); }
}

// Display width in a terminal: CJK and full-width characters take two columns.
function width(s) {
    let w = 0;
    for (const ch of String(s)) {
        const c = ch.codePointAt(0);
        w += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
            (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
            (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd))) ? 2 : 1;
    }
    return w;
}
function clip(s, w) {
    s = String(s);
    if (width(s) <= w) { return s; }
    let out = "";
    for (const ch of s) {
        if (width(out + ch) > w - 1) { break; }
        out += ch;
    }
    return out + "…";
}
function pad(s, w, right) {
    s = clip(s, w);
    const fill = " ".repeat(Math.max(0, w - width(s)));
    return right ? fill + s : s + fill;
}

// Tracks requests in flight for a page, to wait until the network is quiet.
function tracker(page) {
    const t = { inflight: 0, last: Date.now() };
    const up = () => { t.inflight++; t.last = Date.now(); };
    const down = () => { t.inflight = Math.max(0, t.inflight - 1); t.last = Date.now(); };
    page.on("request", up);
    page.on("requestfinished", down);
    page.on("requestfailed", down);
    return t;
}
async function quiet(t, ms, limit = 10000) {
    const end = Date.now() + limit;
    while (Date.now() < end) {
        if (t.inflight === 0 && Date.now() - t.last >= ms) { return; }
        await new Promise((r) => setTimeout(r, 25));
    }
}

// The browser fetches the favicon lazily, after the load event: not part of a query's cost.
const IGNORE = /favicon/;

function tally(log, classify) {
    const kinds = {}, list = [];
    let bytes = 0, failed = 0, requests = 0;
    for (const e of log) {
        if (IGNORE.test(e.url)) { continue; }
        requests++;
        list.push(`${e.url.replace(/^.*\//, "")} ${(e.wire / 1024).toFixed(1)}`);
        bytes += e.wire;
        if (e.status !== 200) { failed++; }
        const k = classify(e.url);
        kinds[k] = (kinds[k] || 0) + 1;
    }
    return { requests, bytes, failed, kinds, list };
}
function ourKind(url) {
    const m = /\/search\/(meta|py|[tdbs])[.\d]/.exec(url);
    return m ? (m[1] === "meta" ? "m" : m[1]) : "other";
}
function pfKind(url) {
    if (/\.pf_index$/.test(url)) { return "idx"; }
    if (/\.pf_fragment$/.test(url)) { return "frag"; }
    if (/\/pagefind\//.test(url)) { return "init"; }
    return "other";
}
function kindsText(kinds, order) {
    return order.filter((k) => kinds[k]).map((k) => `${k}${kinds[k]}`).join(" ") || "-";
}

const CONTEXT = { viewport: { width: 390, height: 844 }, locale: "zh-CN", deviceScaleFactor: 1 };

/* Types q as a person does: CJK (any non-ASCII text) through an IME, which commits the whole
   composed word in one input event (CDP Input.insertText: no key events, one `input`), and
   ASCII (pinyin, digits, spaces) key by key, `pace` ms apart. */
async function typeLikePerson(page, q, pace) {
    const parts = String(q).match(/[\x00-\x7f]+|[^\x00-\x7f]+/g) || [];
    let first = true;
    for (const part of parts) {
        if (/^[\x00-\x7f]/.test(part)) {
            for (const ch of part) {
                if (!first && pace > 0) { await page.waitForTimeout(pace); }
                await page.keyboard.type(ch);
                first = false;
            }
        } else {
            if (!first && pace > 0) { await page.waitForTimeout(pace); }
            await page.keyboard.insertText(part);
            first = false;
        }
    }
}

async function runOurs(browser, server, q, timeout, thr, pace) {
    const ctx = await browser.newContext(CONTEXT);
    const page = await ctx.newPage();
    await throttle(ctx, page, thr);
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e.message || e).split("\n")[0]));
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") { errors.push(m.text().split("\n")[0]); } });
    const net = tracker(page);
    try {
        await page.goto(server.url + "index.html", { waitUntil: "load", timeout });
        await quiet(net, 300);
        const state = await page.evaluate(() => {
            const form = document.getElementById("search-form");
            const input = document.getElementById("q");
            const box = document.getElementById("search-results");
            if (!form || !input || !box) { return "no search box on index.html (#search-form, #q, #search-results)"; }
            if (!form.getAttribute("data-search-meta")) { return "index.html names no search index (data-search-meta)"; }
            if (typeof window.tuoyuSearch !== "function") { return "client missing"; }
            const b = (window.__bench = { keys: [], done: [] });
            input.addEventListener("input", () => b.keys.push(performance.now()), true);
            const DONE = /找到\s*[\d,]+\s*家|没有找到|加载失败/;
            new MutationObserver(() => {
                const st = document.getElementById("search-status");
                const text = st ? st.textContent.trim() : "";
                if (box.getAttribute("data-state") === "done" || DONE.test(text)) {
                    b.done.push({ t: performance.now(), text });
                }
            }).observe(box, { childList: true, subtree: true, characterData: true, attributes: true });
            return "ok";
        });
        if (state !== "ok") { return { error: state }; }
        server.log.length = 0;
        await page.focus("#q");
        await typeLikePerson(page, q, pace);
        try {
            await page.waitForFunction(() => {
                const b = window.__bench, last = b.keys[b.keys.length - 1];
                return last !== undefined && b.done.some((d) => d.t >= last);
            }, null, { timeout, polling: 20 });
        } catch (e) {
            return { error: "no results shown", log: tally(server.log, ourKind), errors };
        }
        await quiet(net, 300);
        await page.waitForTimeout(100);
        const r = await page.evaluate(() => {
            const b = window.__bench, last = b.keys[b.keys.length - 1];
            const done = b.done.filter((d) => d.t >= last);
            const box = document.getElementById("search-results");
            const cards = box.querySelectorAll(".card");
            const firstLink = box.querySelector(".card .card-title a, .card a, li a");
            const st = document.getElementById("search-status");
            const text = st ? st.textContent.trim() : "";
            const m = /找到\s*([\d,]+)\s*家/.exec(text);
            return {
                ms: done[done.length - 1].t - last,
                firstMs: done[0].t - last,
                renders: done.length,
                typed: document.getElementById("q").value,
                shown: cards.length,
                total: m ? Number(m[1].replace(/,/g, "")) : /没有找到/.test(text) ? 0 : null,
                first: firstLink ? firstLink.textContent.trim() : "",
                status: text,
            };
        });
        return Object.assign(r, { log: tally(server.log, ourKind), errors });
    } finally {
        await ctx.close();
    }
}

async function runPagefind(browser, server, q, n, timeout, thr) {
    const ctx = await browser.newContext(CONTEXT);
    const page = await ctx.newPage();
    await throttle(ctx, page, thr);
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e.message || e).split("\n")[0]));
    const net = tracker(page);
    try {
        await page.goto(server.url + "index.html", { waitUntil: "load", timeout });
        await quiet(net, 300);
        server.log.length = 0;
        let r;
        try {
            r = await page.evaluate(async ({ q, n, timeout }) => {
                const t0 = performance.now();
                const work = (async () => {
                    const pfp = import(location.origin + "/pagefind/pagefind.js").then(async (pf) => { await pf.init(); return pf; });
                    await new Promise((res) => setTimeout(res, 40)); // the same typing pause as ours
                    const pf = await pfp;
                    const res = await pf.search(q);
                    const data = await Promise.all(res.results.slice(0, n).map((x) => x.data()));
                    const ul = document.createElement("ul");
                    data.forEach((d) => {
                        const li = document.createElement("li");
                        const a = document.createElement("a");
                        a.href = d.url;
                        a.textContent = (d.meta && d.meta.title) || d.url;
                        li.appendChild(a);
                        ul.appendChild(li);
                    });
                    (document.getElementById("search-results") || document.body).appendChild(ul);
                    return {
                        ms: performance.now() - t0,
                        total: res.results.length,
                        shown: data.length,
                        first: data[0] ? (data[0].meta && data[0].meta.title) || data[0].url : "",
                    };
                })();
                const limit = new Promise((_, rej) => setTimeout(() => rej(new Error("timeout")), timeout));
                return Promise.race([work, limit]);
            }, { q, n, timeout });
        } catch (e) {
            return { error: String(e.message || e).split("\n")[0].slice(0, 80), log: tally(server.log, pfKind), errors };
        }
        await quiet(net, 200);
        return Object.assign(r, { log: tally(server.log, pfKind), errors });
    } finally {
        await ctx.close();
    }
}

function cells(r) {
    if (!r) { return ["", "", "", "", ""]; }
    if (r.error) {
        const extra = r.log ? ` (${r.log.requests} req)` : "";
        return [r.error + extra, "", "", "", ""];
    }
    const hits = r.total === null ? `${r.shown}/?` : `${r.shown}/${r.total}`;
    return [String(r.log.requests), (r.log.bytes / 1024).toFixed(1), r.ms.toFixed(0), hits, r.first || "-"];
}

async function main() {
    const o = parseArgs(process.argv.slice(2));
    let chromium;
    try {
        ({ chromium } = require("playwright-core"));
    } catch (e) {
        console.error("driver: cannot load playwright-core (set NODE_PATH to its node_modules)");
        process.exit(3);
    }
    const ours = await start(o.site);
    const pf = o.pagefind ? await start(o.pagefind) : null;
    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    const rows = [];
    const notes = [];
    try {
        for (const q of o.queries) {
            const a = await runOurs(browser, ours, q, o.timeout, o.throttle, o.pace);
            const b = pf ? await runPagefind(browser, pf, q, o.pfResults, o.timeout, o.throttle) : null;
            rows.push({ q, a, b });
            for (const e of new Set(a.errors || [])) { notes.push(`tuoyu "${q}": ${e}`); }
            if (a.renders > 1) { notes.push(`tuoyu "${q}": results rendered ${a.renders} times after the last keystroke (first after ${a.firstMs.toFixed(0)} ms)`); }
            if (a.typed !== undefined && a.typed !== q) { notes.push(`tuoyu "${q}": the box holds "${a.typed}" after typing`); }
            if (a.log && a.log.failed) { notes.push(`tuoyu "${q}": ${a.log.failed} request(s) failed (not 200)`); }
            if (b) { for (const e of new Set(b.errors || [])) { notes.push(`pagefind "${q}": ${e}`); } }
            if (b && b.log && b.log.failed) { notes.push(`pagefind "${q}": ${b.log.failed} request(s) failed (not 200)`); }
            const shortA = a.error ? a.error : `${a.log.requests} req, ${(a.log.bytes / 1024).toFixed(1)} KB, ${a.ms.toFixed(0)} ms`;
            process.stderr.write(`bench-search: ${o.label} "${q}": ${shortA}\n`);
            if (o.verbose) {
                if (a.log) { process.stderr.write(`  tuoyu KB: ${a.log.list.join(", ")}\n`); }
                if (b && b.log) { process.stderr.write(`  pagefind KB: ${b.log.list.join(", ")}\n`); }
            }
        }
    } finally {
        await browser.close();
        await ours.close();
        if (pf) { await pf.close(); }
    }

    // --- table ---------------------------------------------------------------------------------
    const W = { q: 16, req: 4, kb: 7, ms: 6, hits: 10, first: 24, files: 16 };
    const head1 = pad("", W.q) + " | " + pad("tuoyu", W.req + W.kb + W.ms + W.hits + W.first + W.files + 10) +
        (pf ? " | pagefind" : "");
    const sub = (files) => [pad("req", W.req, true), pad("KB", W.kb, true), pad("ms", W.ms, true),
        pad("hits", W.hits, true), pad("first result", W.first)].concat(files ? [pad("files", W.files)] : []).join("  ");
    const head2 = pad("query", W.q) + " | " + sub(true) + (pf ? " | " + sub(false) : "");
    console.log(head1);
    console.log(head2);
    console.log("-".repeat(width(head2)));
    for (const { q, a, b } of rows) {
        const fmt = (r, files) => {
            const c = cells(r);
            if (r && r.error) { return pad(c[0], W.req + W.kb + W.ms + W.hits + W.first + 8 + (files ? W.files + 2 : 0)); }
            const out = [pad(c[0], W.req, true), pad(c[1], W.kb, true), pad(c[2], W.ms, true), pad(c[3], W.hits, true), pad(c[4], W.first)];
            if (files) { out.push(pad(r ? kindsText(r.log.kinds, ["m", "t", "b", "d", "s", "py", "other"]) : "", W.files)); }
            return out.join("  ");
        };
        let line = pad(q, W.q) + " | " + fmt(a, true);
        if (pf) { line += " | " + fmt(b, false) + (b && !b.error ? "  " + kindsText(b.log.kinds, ["init", "idx", "frag", "other"]) : ""); }
        console.log(line.replace(/\s+$/, ""));
    }
    const ok = rows.filter((r) => !r.a.error);
    if (ok.length) {
        const sum = (f) => ok.reduce((s, r) => s + f(r.a), 0);
        const max = ok.reduce((m, r) => (r.a.ms > m.a.ms ? r : m));
        const heavy = ok.reduce((m, r) => (r.a.log.bytes > m.a.log.bytes ? r : m));
        console.log(`tuoyu: mean ${(sum((a) => a.log.requests) / ok.length).toFixed(1)} requests, ` +
            `${(sum((a) => a.log.bytes) / ok.length / 1024).toFixed(1)} KB, ${(sum((a) => a.ms) / ok.length).toFixed(0)} ms per query; ` +
            `slowest "${max.q}" ${max.a.ms.toFixed(0)} ms; heaviest "${heavy.q}" ${(heavy.a.log.bytes / 1024).toFixed(1)} KB`);
    }
    const okb = rows.filter((r) => r.b && !r.b.error);
    if (okb.length) {
        const sum = (f) => okb.reduce((s, r) => s + f(r.b), 0);
        console.log(`pagefind: mean ${(sum((b) => b.log.requests) / okb.length).toFixed(1)} requests, ` +
            `${(sum((b) => b.log.bytes) / okb.length / 1024).toFixed(1)} KB, ${(sum((b) => b.ms) / okb.length).toFixed(0)} ms per query`);
    }
    for (const n of notes) { console.log(`note: ${n}`); }
}

main().catch((e) => {
    console.error(`driver: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
});
