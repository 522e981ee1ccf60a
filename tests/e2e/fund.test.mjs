// The emergency security fund (issue 16) in the browser: a security professional requests surge
// capacity, the fund manager (the authority it is routed to) approves it with a reason and
// disburses it, and the balance and the ledger follow; a contribution recorded with the wrong
// amount is reversed by a new movement, asked first (README screenshot docs/screenshots/fund.png);
// the page on a phone in English, French and Arabic without sideways scrolling.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fitsInEachLanguage, shot, useSuite } from './harness.mjs';

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

  test('a contribution recorded with the wrong amount is reversed by a new movement', async () => {
    const { page } = await suite.open('fund');
    await visit(page);
    // Recorded as USD 4,321 where the donor gave USD 432.10.
    await page.fill('#fund-c-amount', '4321');
    await page.fill('#fund-earmark', 'E2E wrong amount');
    await page.click('[data-testid=fund-contribution-new] button[type=submit]');
    const original = page.locator('[data-testid=fund-ledger] tbody tr', { hasText: 'US$4,321' })
      .filter({ has: page.getByRole('button', { name: /correct/i }) });
    await original.waitFor();
    const movement = await original.getAttribute('data-movement');
    const before = await page.locator('[data-testid=fund-available]').textContent();
    await original.getByRole('button', { name: /correct/i }).click();
    await page.fill('#correct-' + movement, 'Recorded USD 4,321 for USD 432.10');
    await page.locator('[data-testid=fund-correct-' + movement + '] button', { hasText: /reverse the movement/i }).click();
    // Asked first, naming what will happen.
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /Contribution of US\$4,321/);
    assert.match(await dialog.textContent(), /available balance and the donor's contribution fall by US\$4,321/);
    await dialog.locator('[data-testid=confirm-ok]').click();
    // The original points at its reversal, the reversal at the original with its reason.
    await page.locator('[data-testid=fund-reversed-' + movement + '-1]').waitFor();
    const reversal = page.locator('[data-testid=fund-ledger] tbody tr', { hasText: 'Reverses ' + movement }).first();
    await reversal.waitFor();
    assert.match(await reversal.textContent(), /Recorded USD 4,321 for USD 432.10/);
    await page.waitForFunction(
      (b) => document.querySelector('[data-testid=fund-available]')?.textContent !== b, before);
    // Corrected once only: no second offer on the original nor on its reversal.
    assert.equal(await page.locator('[data-movement="' + movement + '"]').getByRole('button', { name: /^correct/i }).count(), 0);
    await shot(page, 'fund-correction', 'fund');
  });

  test('on a phone, in English, French and Arabic', async () => {
    const { page } = await suite.open('fund', PHONE);
    await fitsInEachLanguage(page, () => visit(page));
  });
});
