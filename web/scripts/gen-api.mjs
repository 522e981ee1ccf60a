// Generates src/generated/api.ts (the API's types for the UI) from the server's OpenAPI document,
// src/api/openapi.json. `node scripts/gen-api.mjs` writes it (npm run gen:api); with --check it
// only compares, and fails when the checked-in file differs from a fresh generation: the web build
// runs the check, so a server change that the UI's types do not follow fails CI.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const docUrl = new URL('../../src/api/openapi.json', import.meta.url);
const outUrl = new URL('../src/generated/api.ts', import.meta.url);
const doc = JSON.parse(readFileSync(docUrl, 'utf8'));
const ast = await openapiTS(doc, { alphabetize: false, exportType: false, defaultNonNullable: true });
const fresh = COMMENT_HEADER + '// Source: src/api/openapi.json. Regenerate with `npm run gen:api`.\n\n' + astToString(ast);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(outUrl, 'utf8');
  } catch {
    current = '';
  }
  if (current !== fresh) {
    console.error(
      'web/src/generated/api.ts is out of date with src/api/openapi.json.\n' +
        'Run `npm run gen:api` in web/, fix the type errors it reveals, and commit both.',
    );
    process.exit(1);
  }
  console.log('generated API types are up to date');
} else {
  writeFileSync(outUrl, fresh);
  console.log('wrote src/generated/api.ts');
}
