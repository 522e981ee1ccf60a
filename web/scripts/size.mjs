// Prints the shipped size of the build, raw and gzipped, so a growing bundle is noticed, and fails
// the build when the entry (what the first visit downloads) is over 80 KB gzipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dir = new URL('../dist/assets/', import.meta.url).pathname;
let total = 0, totalGz = 0, mapGz = 0, entryGz = 0;
const rows = [];
for (const f of readdirSync(dir).sort()) {
  const p = join(dir, f);
  if (!statSync(p).isFile()) continue;
  const buf = readFileSync(p);
  const gz = gzipSync(buf, { level: 9 }).length;
  rows.push(`${f.padEnd(40)} ${String(buf.length).padStart(8)} B  ${String(gz).padStart(7)} B gz`);
  if (!/\.(js|css)$/.test(f)) continue;
  // The entry (index-*.js and index-*.css) is what every first visit downloads; the rest comes on demand.
  if (/^index-/.test(f)) entryGz += gz;
  if (/^countries/.test(f)) mapGz += gz;
  else { total += buf.length; totalGz += gz; }
}
console.log(rows.join('\n'));
console.log(`app JS+CSS (without map boundaries): ${total} B, ${totalGz} B gzipped; map boundaries: ${mapGz} B gzipped`);
console.log(`entry JS+CSS: ${entryGz} B gzipped (budget ${80 * 1024} B)`);
if (totalGz > 300 * 1024) { console.error('bundle over the 300 KB gzipped budget'); process.exit(1); }
// Issue 18: the entry stays within 80 KB gzipped on a field modem; the build fails above it.
if (entryGz > 80 * 1024) { console.error('entry JS+CSS over the 80 KB gzipped budget: load the page lazily (src/lazy.tsx)'); process.exit(1); }
