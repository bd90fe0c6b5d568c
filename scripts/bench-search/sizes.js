// Sizes for scripts/bench-search.sh: `node sizes.js PATH...` prints "FILES RAW GZIP" for all
// files under the given folders and files: their count, the sum of their sizes and the sum of
// their sizes after gzip -6 (each file compressed on its own, as a server sends it).
// Files that are already compressed (Pagefind's .pf_* and .pagefind) count as they are.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

let files = 0, raw = 0, gz = 0;
function add(p) {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
        for (const name of fs.readdirSync(p)) { add(path.join(p, name)); }
        return;
    }
    const body = fs.readFileSync(p);
    files += 1;
    raw += body.length;
    gz += /\.(pf_[a-z]+|pagefind)$/.test(p) ? body.length : zlib.gzipSync(body, { level: 6 }).length;
}
const args = process.argv.slice(2);
if (!args.length) {
    console.error("usage: node sizes.js PATH...");
    process.exit(2);
}
for (const p of args) { add(p); }
console.log(`${files} ${raw} ${gz}`);
