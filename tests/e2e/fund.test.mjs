// The emergency security fund (issue 16) in the browser: a security professional requests surge
// capacity, the fund manager (the authority it is routed to) approves it with a reason and
// disburses it, and the balance and the ledger follow; the page on a phone in English, French
// and Arabic without sideways scrolling.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shot, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function visit(page) {
  await page.goto('/#/fund');
  await page.locator('main h1').first().waitFor();
  await page.locator('[data-testid=fund-available]').waitFor();
}

describe('emergency fund', { concurrency: 1 }, () => {
  test('request -> approval -> disbursement', async () => {
    const purpose = 'E2E surge ' + Date.now();
    {
      const { page } = await suite.open('sp');
      await visit(page);
      await page.selectOption('#fund-area', 'area_1');  // Sanjar: its SRA is in force
      await page.fill('#fund-amount', '12345.67');
      await page.fill('#fund-days', '20');
      await page.fill('#fund-purpose', purpose);
      await page.click('[data-testid=fund-request-new] button[type=submit]');
      await page.locator('[data-testid=fund-requests] tr', { hasText: purpose }).waitFor();
    }
    const { page } = await suite.open('fund');
    await visit(page);
    const before = await page.locator('[data-testid=fund-available]').textContent();
    const row = page.locator('[data-testid=fund-requests] tr', { hasText: purpose });
    await row.waitFor();
    await row.locator('input').fill('Within the SRA in force');
    await row.getByRole('button', { name: /approve/i }).click();
    await page.waitForFunction(
      (b) => document.querySelector('[data-testid=fund-available]')?.textContent !== b, before);
    const disburse = page.locator('[data-testid=fund-requests] tr', { hasText: purpose }).getByRole('button', { name: /disburse/i });
    await disburse.click();
    await page.locator('[data-testid=fund-requests] tr', { hasText: purpose }).locator('.fst-disbursed').waitFor();
    // The ledger shows the disbursement; the report the decision with its reason.
    await page.locator('[data-testid=fund-ledger] tbody tr').first().waitFor();
    const ledger = await page.locator('[data-testid=fund-ledger]').textContent();
    // Amounts are shown in whole dollars (money.ts fmtMinor); the request was USD 12,345.67.
    assert.match(ledger, /Disbursement[^\d]*US\$12,346/);
    const report = await page.locator('[data-testid=fund-report]').textContent();
    assert.match(report, /Within the SRA in force/);
    await shot(page, 'fund');
  });

  test('on a phone, in English, French and Arabic', async () => {
    const { page } = await suite.open('fund', PHONE);
    for (const lang of ['en', 'fr', 'ar']) {
      await page.goto('/#/');
      await page.locator('main h1').first().waitFor();
      if (lang !== 'en') {
        await page.locator('#lang-select').selectOption(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      await visit(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${lang}: the page is ${overflow}px wider than the phone`);
    }
  });
});
