// Small static file server for scripts/bench-search.sh: serves one folder on 127.0.0.1 and gzips
// text responses (gzip -6, Content-Encoding: gzip for .html .js .css .json .svg .xml .txt .csv
// .webmanifest), as a production server would. Pagefind's own files (.pf_*, .pagefind) are
// already compressed and go out as they are. Every request is logged with the bytes of the body
// as sent, so the driver can count what a query costs on the wire.
//
// As a module: const s = await start(root); s.port; s.log (array, clear it with s.log.length = 0);
//              await s.close().
// From the command line (for poking at a site by hand):
//   node scripts/bench-search/server.js DIR [PORT]
"use strict";

const http = require("http");
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".png": "image/png",
    ".ico": "image/x-icon",
};
const GZIP = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest"]);

function start(root, port = 0) {
    root = path.resolve(root);
    const log = [];
    const cache = new Map(); // file -> { mtimeMs, gz }
    const server = http.createServer((req, res) => {
        const t = Date.now();
        const entry = { url: req.url, status: 0, raw: 0, wire: 0, gzip: false, t };
        const finish = (status, headers, body) => {
            entry.status = status;
            entry.wire = body ? body.length : 0;
            log.push(entry);
            headers["Content-Length"] = entry.wire;
            headers["Cache-Control"] = "no-cache";
            res.writeHead(status, headers);
            res.end(req.method === "HEAD" ? undefined : body);
        };
        if (req.method !== "GET" && req.method !== "HEAD") {
            return finish(405, { Allow: "GET, HEAD", "Content-Type": "text/plain" }, Buffer.from("method not allowed\n"));
        }
        let rel;
        try {
            rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
        } catch (e) {
            return finish(400, { "Content-Type": "text/plain" }, Buffer.from("bad request\n"));
        }
        let file = path.join(root, rel);
        if (file !== root && !file.startsWith(root + path.sep)) {
            return finish(403, { "Content-Type": "text/plain" }, Buffer.from("forbidden\n"));
        }
        fs.stat(file, (err, st) => {
            if (!err && st.isDirectory()) {
                file = path.join(file, "index.html");
                try { st = fs.statSync(file); } catch (e) { err = e; }
            }
            if (err || !st.isFile()) {
                return finish(404, { "Content-Type": "text/plain" }, Buffer.from("not found\n"));
            }
            fs.readFile(file, (err2, body) => {
                if (err2) { return finish(500, { "Content-Type": "text/plain" }, Buffer.from("read error\n")); }
                const ext = path.extname(file).toLowerCase();
                const headers = { "Content-Type": TYPES[ext] || "application/octet-stream" };
                entry.raw = body.length;
                const accepts = /\bgzip\b/.test(req.headers["accept-encoding"] || "");
                if (GZIP.has(ext) && accepts) {
                    let c = cache.get(file);
                    if (!c || c.mtimeMs !== st.mtimeMs) {
                        c = { mtimeMs: st.mtimeMs, gz: zlib.gzipSync(body, { level: 6 }) };
                        cache.set(file, c);
                    }
                    headers["Content-Encoding"] = "gzip";
                    headers["Vary"] = "Accept-Encoding";
                    entry.gzip = true;
                    return finish(200, headers, c.gz);
                }
                return finish(200, headers, body);
            });
        });
    });
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
            resolve({
                port: server.address().port,
                url: `http://127.0.0.1:${server.address().port}/`,
                log,
                close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
            });
        });
    });
}

module.exports = { start };

if (require.main === module) {
    const [dir, port] = process.argv.slice(2);
    if (!dir) {
        console.error("usage: node server.js DIR [PORT]");
        process.exit(2);
    }
    start(dir, Number(port || 0)).then((s) => {
        console.log(`serving ${path.resolve(dir)} at ${s.url} (Ctrl-C to stop)`);
        setInterval(() => {
            while (s.log.length) {
                const e = s.log.shift();
                console.log(`${e.status} ${e.url} ${e.raw} -> ${e.wire}${e.gzip ? " gzip" : ""}`);
            }
        }, 500);
    });
}
