// Issue 18, "plain language": every error code the server can answer has a sentence in English,
// French and Arabic, so a French or Arabic user never reads the server's English text. The codes
// are read from the C++ sources (the error constructors of src/core/result.h and the transport's
// own error replies), the sentences from the UI's catalogs: the main catalogs' 'err.c.<code>' keys
// and the lazily loaded web/src/i18n/errors/<lang>.ts modules. A new code without words fails here.
// No browser and no server: plain node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT as root, errorCatalog } from './error-catalog.mjs';

const LANGS = ['en', 'fr', 'ar'];

function sources(dir, out = []) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(cpp|h)$/.test(f)) out.push(p);
  }
  return out;
}

// A code is the first string literal of an error constructor (Invalid, Unprocessable, Conflict,
// Fail(ErrorKind::k…, Error{ErrorKind::k…, the throttling Refused(counters, now, "…")) or of the
// transport's replies (ErrorBody, MakeError(req, status, "…"), Error(status, "…")).
const CODE = '"([a-z][a-z0-9_]*)"';
const PATTERNS = [
  new RegExp(String.raw`\b(?:Invalid|Unprocessable|Conflict|Refused?|RefuseConfirmation)\(\s*(?:[\w.:]+,\s*)*` + CODE, 'g'),
  new RegExp(String.raw`\bFail\(\s*ErrorKind::k\w+,\s*` + CODE, 'g'),
  new RegExp(String.raw`\bError\{\s*ErrorKind::k\w+,\s*` + CODE, 'g'),
  new RegExp(String.raw`\bErrorBody\(\s*` + CODE, 'g'),
  new RegExp(String.raw`\bMakeError\(\s*[\w{}]+,\s*\d+,\s*` + CODE, 'g'),
  new RegExp(String.raw`\bError\(\s*\d+,\s*` + CODE, 'g'),
  // Domain verdicts whose code the services pass on as the error's code (v.reason, verdict.code).
  new RegExp(String.raw`\{\s*false,\s*` + CODE, 'g'),
  new RegExp(String.raw`\bNo\(\s*` + CODE, 'g'),
  // domain::MissingToSubmit's pieces (the first names the refusal of a submission).
  new RegExp(String.raw`\bmiss\(\s*` + CODE, 'g'),
];
// store/sql/constraint_codes.cpp: {sqlite name, PostgreSQL name, code, message} of a unique key.
const CONSTRAINTS = { file: 'src/store/sql/constraint_codes.cpp', re: new RegExp(String.raw`\{\s*"[^"]*",\s*"[^"]*",\s*` + CODE + String.raw`,\s*"`, 'g') };
// The fixed codes of result.h's helpers that take no code argument.
const HELPER = { NotFound: 'not_found', Forbidden: 'forbidden', Internal: 'internal', Unavailable: 'unavailable' };

function serverCodes() {
  const codes = new Map(); // code -> first file naming it
  for (const file of sources(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const patterns = file.endsWith(CONSTRAINTS.file) ? [...PATTERNS, CONSTRAINTS.re] : PATTERNS;
    for (const re of patterns) for (const m of text.matchAll(re)) if (!codes.has(m[1])) codes.set(m[1], file.slice(root.length));
    for (const [fn, code] of Object.entries(HELPER))
      if (new RegExp(String.raw`\b${fn}\(`).test(text) && !codes.has(code)) codes.set(code, file.slice(root.length));
  }
  // service/sras.cpp answers "separation_of_duties_" + ActionName(earlier step): one code per SRA step.
  const sras = readFileSync(join(root, 'src/service/sras.cpp'), 'utf8');
  if (/"separation_of_duties_"\)\s*\+\s*domain::ActionName/.test(sras)) {
    const sra = readFileSync(join(root, 'src/domain/sra.cpp'), 'utf8');
    const steps = [...sra.matchAll(/case Action::k\w+:\s*return "([a-z]+)"/g)].map((m) => m[1]);
    assert.ok(steps.length >= 4, 'the SRA steps of domain::ActionName were not found');
    for (const step of steps) codes.set('separation_of_duties_' + step, 'src/service/sras.cpp');
  }
  return codes;
}

const codes = serverCodes();
const catalogs = Object.fromEntries(LANGS.map((l) => [l, errorCatalog(l)]));
console.log(`error-codes: ${codes.size} server error codes found in src/; sentences: ` +
  LANGS.map((l) => `${l} ${catalogs[l].size}`).join(', '));

test('the extraction really finds the server error codes', () => {
  // Guards against a regex that silently matches nothing (a test that cannot fail).
  assert.ok(codes.size > 150, `only ${codes.size} codes found: the extraction is broken`);
  for (const known of ['invalid_credentials', 'vulnerability_required', 'stale_revision', 'not_found', 'forbidden', 'invalid_json', 'body_too_large', 'csrf_failed'])
    assert.ok(codes.has(known), `the extraction misses ${known}`);
});

for (const lang of LANGS) {
  test(`every server error code has a sentence in ${lang}`, () => {
    const missing = [...codes].filter(([code]) => !catalogs[lang].get(code)?.trim()).map(([c, f]) => `${c} (${f})`);
    assert.deepEqual(missing, [], `codes without a ${lang} sentence — add them to web/src/i18n/errors/${lang}.ts`);
  });
}

test('French and Arabic sentences are translations, not English copies', () => {
  const copies = [];
  for (const code of codes.keys()) {
    const en = catalogs.en.get(code);
    for (const lang of ['fr', 'ar']) {
      const s = catalogs[lang].get(code);
      if (s && s === en) copies.push(`${lang}: ${code}`);
      if (lang === 'ar' && s && !/[\u0600-\u06FF]/.test(s)) copies.push(`ar (no Arabic letters): ${code}`);
    }
  }
  assert.deepEqual(copies, []);
});

// The UI now shows these English sentences in place of the server's message in every
// language (components/ui.tsx errorMessage), so they must read as sentences, not as raw messages.
test('the English sentences read as sentences: a capital first, a full stop last', () => {
  const raw = [...catalogs.en].filter(([, s]) => !/^[A-Z0-9“‘'"(]/.test(s) || !/[.?!)”]$/.test(s.trim())).map(([c, s]) => `${c}: ${s}`);
  assert.deepEqual(raw, []);
});

test('the review comment refusals are among the codes found, each with its three sentences', () => {
  // domain/review_comments.cpp answers them through Refuse(kind, "code", …): the extraction must see them.
  for (const code of ['outside_scope', 'not_under_review', 'reviewer_role_required', 'already_resolved', 'own_comment', 'assessor_required', 'not_with_assessor', 'unknown_anchor', 'comment_too_long']) {
    assert.ok(codes.has(code), `the extraction misses ${code}`);
    for (const lang of LANGS) assert.ok(catalogs[lang].get(code), `${code} has no ${lang} sentence`);
  }
  // What CarryOnRevise says of a comment is no refusal: no sentence is asked for it.
  assert.ok(!codes.has('carried_open') && !codes.has('stays_resolved'));
});
