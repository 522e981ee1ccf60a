// Browser test of issue 17's exports: the SRA view's Download Excel saves the risk register (read
// back with tests/export/xlsx_reader.py, not with the writer) and the SRA list's CSV button saves
// the whole list (read back with Python's csv module).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, apiClient, useSuite } from './harness.mjs';

const suite = useSuite();
const read = (script, file) =>
  JSON.parse(execFileSync('python3', [join(import.meta.dirname, '..', 'export', script), file]).toString());

describe('exports', { concurrency: 1 }, () => {
  test('Download Excel on the SRA view saves its risk register', async () => {
    const sp = await apiClient(suite.server.base, 'sp');
    const sra = (await sp.get('/sras?limit=500')).items.find((s) => s.title === 'Sanjar area SRA');
    const doc = await sp.get('/sras/' + sra.id);
    const { page, problems } = await suite.open('sp', { acceptDownloads: true });
    await page.goto('/#/sras/' + sra.id);
    const button = page.locator('[data-testid=download-xlsx]');
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.match(download.suggestedFilename(), /^register-Sanjar-v\d+-Samir-Security-Professional\.xlsx$/);
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'register.xlsx');
    await download.saveAs(file);
    const book = read('xlsx_reader.py', file);
    assert.deepEqual(book.sheets.map((s) => s.name), ['Document', 'Scenarios', 'Measures', 'Threats', 'Acceptable risk']);
    const scenarios = book.sheets[1];
    assert.equal(scenarios.rows.length, doc.scenarios.length + 1);
    assert.equal(scenarios.rows[1][1], doc.scenarios[0].title);
    assert.equal(scenarios.frozen, 'A2');
    assert.ok(scenarios.fills.J2, 'the current level is coloured');
    assert.deepEqual(problems, []);
  });

  test('the CSV button on the SRA list saves the whole list', async () => {
    const auditor = await apiClient(suite.server.base, 'auditor');
    const total = (await auditor.get('/sras?limit=1')).total;
    const { page, problems } = await suite.open('auditor', { acceptDownloads: true });
    await page.goto('/#/sras');
    const button = page.locator('[data-testid=export-buttons] [data-format=csv]');
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.match(download.suggestedFilename(), /^sras-.*\.csv$/);
    const file = join(OUT, 'sras.csv');
    await download.saveAs(file);
    const csv = read('csv_reader.py', file);
    assert.equal(csv.bom, true);
    assert.equal(csv.records.length, total + 1);
    assert.equal(csv.records[0][0], 'id');
    // Plain language (issue 18): places and organizations by name, no id column but the SRA's own.
    const heads = csv.records[0];
    for (const h of ['area_id', 'country_id', 'organization_id']) assert.ok(!heads.includes(h), `no ${h} column`);
    const area = heads.indexOf('area_name'), country = heads.indexOf('country_name');
    assert.ok(area > 0 && country > 0, heads.join(','));
    const areas = Object.fromEntries((await auditor.get('/areas')).items.map((a) => [a.id, a.name]));
    const first = (await auditor.get('/sras?limit=1')).items[0];
    const row = csv.records.find((r) => r[0] === first.id);
    assert.equal(row[area], areas[first.area_id]);
    assert.equal(row[country], 'Carana');
    assert.deepEqual(problems, []);
  });
});
