// The UI's sentences for server error codes, read from its sources: the main catalogs'
// 'err.c.<code>' keys (web/src/i18n/<lang>.ts) and the lazily loaded web/src/i18n/errors/<lang>.ts.
// Shared by error-codes.test.mjs (every code has words) and error-texts.test.mjs (the browser shows them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** code -> sentence in `lang`; the main catalog's key wins, as in web/src/components/ui.tsx. */
export function errorCatalog(lang) {
  const texts = new Map();
  const main = readFileSync(join(ROOT, `web/src/i18n/${lang}.ts`), 'utf8');
  for (const m of main.matchAll(/^\s*'err\.c\.([a-z0-9_]+)':\s*(['"`])((?:\\.|(?!\2).)*)\2/gm)) texts.set(m[1], unescape(m[3]));
  const lazy = readFileSync(join(ROOT, `web/src/i18n/errors/${lang}.ts`), 'utf8');
  for (const m of lazy.matchAll(/^\s*([a-z][a-z0-9_]*):\s*(['"`])((?:\\.|(?!\2).)*)\2/gm)) if (!texts.has(m[1])) texts.set(m[1], unescape(m[3]));
  return texts;
}

function unescape(s) {
  return s.replace(/\\(.)/g, '$1');
}
