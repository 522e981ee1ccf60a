// Prints the shipped size of the build, raw and gzipped, so a growing bundle is noticed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dir = new URL('../dist/assets/', import.meta.url).pathname;
let total = 0, totalGz = 0, mapGz = 0;
const rows = [];
for (const f of readdirSync(dir).sort()) {
  const p = join(dir, f);
  if (!statSync(p).isFile()) continue;
  const buf = readFileSync(p);
  const gz = gzipSync(buf, { level: 9 }).length;
  rows.push(`${f.padEnd(40)} ${String(buf.length).padStart(8)} B  ${String(gz).padStart(7)} B gz`);
  if (!/\.(js|css)$/.test(f)) continue;
  if (/^countries/.test(f)) mapGz += gz;
  else { total += buf.length; totalGz += gz; }
}
console.log(rows.join('\n'));
console.log(`app JS+CSS (without map boundaries): ${total} B, ${totalGz} B gzipped; map boundaries: ${mapGz} B gzipped`);
if (totalGz > 300 * 1024) { console.error('bundle over the 300 KB gzipped budget'); process.exit(1); }
