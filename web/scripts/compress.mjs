// Writes precompressed twins (file.br, file.gz) of the built text files, which `srm` serves to
// browsers that accept them (src/api/http/static_files.cpp): less to send over slow field links,
// and no compression work per request. Files under 1 KiB are left alone.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { join } from 'node:path';

const root = new URL('../dist/', import.meta.url).pathname;
let files = 0;
function walk(dir) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) { walk(p); continue; }
    if (!/\.(js|mjs|css|html|svg|json|txt|map)$/.test(f)) continue;
    const buf = readFileSync(p);
    if (buf.length < 1024) continue;
    writeFileSync(p + '.br', brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(p + '.gz', gzipSync(buf, { level: 9 }));
    files++;
  }
}
walk(root);
console.log(`precompressed ${files} files (.br, .gz)`);
