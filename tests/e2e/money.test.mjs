// Browser tests of issue 15's budget editor and SLA report: the DSS security professional adds a
// line traced to a measure of the SRA in force, sees the apportionment table and chart, and
// downloads the lines and the apportionment as CSV and Excel (read back with tests/export's
// independent readers and compared with the API); a finance officer reads the SLA report's figures
// and trend charts, as the API computes them, and downloads it. Both pages on a phone (390×844) in
// English, French and Arabic (right to left) without sideways scrolling. README screenshots:
// docs/screenshots/budget-editor.png and sla-report.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, apiClient, day, shot, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const read = (script, file) =>
  JSON.parse(execFileSync('python3', [join(import.meta.dirname, '..', 'export', script), file]).toString());

/** Clicks one export button inside `testid` and reads the saved file back. */
async function download(page, testid, format, name) {
  const button = page.locator(`[data-testid=${testid}] [data-format=${format}]`);
  await button.waitFor();
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, name + '.' + format);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), data: read(format === 'csv' ? 'csv_reader.py' : 'xlsx_reader.py', file) };
}

async function demoBudget() {
  const sp = await apiClient(suite.server.base, 'sp');
  const list = await sp.get('/budgets?country_id=cty_carana');
  const b = list.items.find((x) => x.line_count > 0 && x.status === 'draft');
  assert.ok(b, JSON.stringify(list));
  return { sp, id: b.id };
}

async function setLanguage(page, lang) {
  await page.goto('/#/');
  await page.locator('main h1').first().waitFor();
  await page.locator('#lang-select').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

describe('money pages', { concurrency: 1 }, () => {
  test('the budget editor: a traced line, the apportionment table and chart, CSV and Excel', async () => {
    const { sp, id } = await demoBudget();
    const before = await sp.get('/budgets/' + id);
    const { page, problems } = await suite.open('sp', { acceptDownloads: true });
    await page.goto('/#/budgets/' + id);
    await page.locator('[data-testid=budget-view]').waitFor();
    // The trace first: a published SRA of the country, then one of its measures.
    const sra = page.locator('#bl-sra');
    await page.waitForFunction(() => document.querySelectorAll('#bl-sra option').length > 1);
    await sra.selectOption({ index: 1 });
    await page.waitForFunction(() => document.querySelectorAll('#bl-measure option').length > 1);
    await page.locator('#bl-measure').selectOption({ index: 1 });
    await page.locator('#bl-code').fill('SVC-CLR-01');
    await page.locator('#bl-qty').fill('2');
    await page.locator('#bl-desc').fill('Browser test: clearances for the new field office');
    await page.locator('[data-testid=budget-add-line] button[type=submit]').click();
    await page.locator('[data-testid=budget-lines]', { hasText: 'Browser test: clearances' }).waitFor();
    const after = await sp.get('/budgets/' + id);
    assert.equal(after.lines.length, before.lines.length + 1);
    const added = after.lines.find((l) => l.description.startsWith('Browser test'));
    assert.equal(added.service_code, 'SVC-CLR-01');
    assert.equal(added.quantity, 2);
    assert.equal(await page.locator('[data-testid=budget-total]').textContent() !== '', true);

    // The apportionment: a row and a bar per organization, adding up to the total to the unit.
    const a = await sp.get('/budgets/' + id + '/apportionment');
    assert.equal(a.total_minor, after.total_minor);
    const rows = page.locator('[data-testid=apportionment] tbody tr');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=apportionment] tbody tr').length === n, a.shares.length);
    assert.equal(await page.locator('[data-testid=apportionment] .bar').count(), a.shares.length);
    const amounts = await rows.locator('[data-amount]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-amount'))));
    assert.equal(amounts.reduce((x, y) => x + y, 0), a.total_minor);

    // The lines and the apportionment as files, from the server.
    const csv = await download(page, 'lines-export', 'csv', 'budget-lines');
    assert.match(csv.name, /^budget_lines-.*\.csv$/);
    assert.equal(csv.data.bom, true);
    assert.equal(csv.data.records.length, after.lines.length + 1);
    const desc = csv.data.records[0].indexOf('description');
    assert.ok(csv.data.records.some((r) => r[desc] === 'Browser test: clearances for the new field office'));
    const xlsx = await download(page, 'lines-export', 'xlsx', 'budget-lines');
    assert.equal(xlsx.data.sheets[0].rows.length, after.lines.length + 1);
    const shares = await download(page, 'apportionment-export', 'xlsx', 'budget-apportionment');
    const sheet = shares.data.sheets[0].rows;
    const col = sheet[0].indexOf('amount_minor');
    assert.equal(sheet.slice(1).reduce((s, r) => s + Number(r[col]), 0), a.total_minor);
    const sharesCsv = await download(page, 'apportionment-export', 'csv', 'budget-apportionment');
    assert.equal(sharesCsv.data.records.length, a.shares.length + 1);
    await page.locator('[data-testid=apportionment]').scrollIntoViewIfNeeded();
    await shot(page, 'budget-editor', 'budget-editor');
    assert.deepEqual(problems, []);
  });

  test('the SLA report: the figures and trend charts the server measured, and its file', async () => {
    const finance = await apiClient(suite.server.base, 'finance');
    const slas = await finance.get('/slas');
    assert.ok(slas.items.length > 0);
    const sla = slas.items[0];
    const report = await finance.get(`/slas/${sla.id}/report?from=${day(-364)}&to=${day(0)}`);
    const { page, problems } = await suite.open('finance', { acceptDownloads: true });
    await page.goto('/#/slas');
    await page.locator('[data-testid=sla-report]').waitFor();
    const cards = page.locator('[data-testid=sla-metric]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=sla-metric]').length === n, report.metrics.length);
    for (const m of report.metrics) {
      const card = page.locator(`[data-testid=sla-metric][data-metric=${m.metric}]`);
      const text = await card.textContent();
      if (m.measured !== null) assert.ok(text.includes(String(m.measured)), `${m.metric}: ${m.measured} not in "${text}"`);
      assert.ok(text.includes(String(m.count)), `${m.metric}: count ${m.count} not in "${text}"`);
      // The trend: one bar per month with a figure, and the target line.
      assert.equal(await card.locator('svg rect').count(), m.months.length);
      assert.equal(await card.locator('svg line').count(), 1);
    }
    assert.equal(await cards.count(), report.metrics.length);
    const csv = await download(page, 'sla-report-export', 'csv', 'sla-report');
    const expected = report.metrics.reduce((n, m) => n + Math.max(1, m.events.length), 0);
    assert.equal(csv.data.records.length, expected + 1);
    assert.equal(csv.data.records[0][0], 'metric');
    const xlsx = await download(page, 'sla-report-export', 'xlsx', 'sla-report');
    assert.equal(xlsx.data.sheets[0].rows.length, expected + 1);
    await shot(page, 'sla-report', 'sla-report');
    assert.deepEqual(problems, []);
  });

  test('both pages on a phone, in English, French and Arabic', async () => {
    const { id } = await demoBudget();
    for (const [user, path, ready] of [
      ['sp', '/#/budgets/' + id, '[data-testid=apportionment] tbody tr'],
      ['finance', '/#/slas', '[data-testid=sla-metric] svg'],
    ]) {
      const { page, problems } = await suite.open(user, PHONE);
      for (const lang of ['en', 'fr', 'ar']) {
        if (lang !== 'en') await setLanguage(page, lang);
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'ar' ? 'rtl' : 'ltr');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 1, `${user} ${path} ${lang}: the page is ${overflow}px wider than the phone`);
        await shot(page, `${path.includes('slas') ? 'sla-report' : 'budget-editor'}-phone-${lang}`);
      }
      assert.deepEqual(problems, []);
    }
  });
});
