// The action plan (issue 16) in the browser: the progress view by category, an item's milestones
// and evidence links opened from the table, the governance secretariat marking a milestone done,
// the CSV export, and the page on a phone in English, French and Arabic without sideways scrolling.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, fitsInEachLanguage, shot, sidewaysOverflow, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function visit(page) {
  await page.goto('/#/action-plan');
  await page.locator('main h1').first().waitFor();
  await page.locator('[data-testid=ap-items] tbody tr').first().waitFor();
}

describe('action plan', { concurrency: 1 }, () => {
  test('progress by category, an item with its evidence, and the CSV', async () => {
    const { page } = await suite.open('finance');
    await visit(page);
    assert.equal(await page.locator('[data-testid=ap-categories] li').count(), 3);
    for (const code of ['49b', 'cat1-fund', 'cat1-price-list', 'cat1-integrated-workforce', 'cat1-nso', '49g'])
      assert.equal(await page.locator(`[data-testid=ap-items] tr[data-code="${code}"]`).count(), 1, code);
    await page.click('[data-testid=ap-items] tr[data-code="cat1-price-list"] button.linklike');
    await page.locator('[data-testid=ap-evidence] li').first().waitFor();
    assert.match(await page.locator('[data-testid=ap-evidence]').textContent(), /price list/i);
    // Read-only for a finance officer: no status control.
    assert.equal(await page.locator('[data-testid=ap-status]').count(), 0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=ap-export] [data-format=csv]')]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    await shot(page, 'action-plan');
  });

  test('the secretariat marks a milestone done and the progress moves', async () => {
    const { page } = await suite.open('gov');
    await visit(page);
    const row = page.locator('[data-testid=ap-items] tr[data-code="cat1-nso"]');
    const before = Number(await row.locator('[role=progressbar]').getAttribute('aria-valuenow'));
    await row.locator('button.linklike').click();
    await page.locator('[data-testid=ap-milestones] li').first().waitFor();
    await page.locator('[data-testid=ap-milestones] button').first().click();
    await page.waitForFunction((b) => {
      const bar = document.querySelector('[data-testid=ap-items] tr[data-code="cat1-nso"] [role=progressbar]');
      return bar && Number(bar.getAttribute('aria-valuenow')) > b;
    }, before);
  });

  test('the secretariat adds a milestone and links evidence in the forms; an unknown id is refused with its reason', async () => {
    const { page } = await suite.open('gov');
    await visit(page);
    const api = await apiClient(suite.server.base, 'gov');
    const row = page.locator('[data-testid=ap-items] tr[data-code="49g"]');
    await row.locator('button.linklike').click();
    const detail = page.locator('[data-testid=ap-detail]');
    await detail.waitFor();
    const title = 'E2E milestone ' + Date.now();
    await detail.locator('[data-testid=ap-milestone-new] input[type=date]').fill(day(60));
    await detail.locator('[data-testid=ap-milestone-new] input:not([type=date])').fill(title);
    await detail.locator('[data-testid=ap-milestone-new] button[type=submit]').click();
    await detail.locator('[data-testid=ap-milestones] li', { hasText: title }).waitFor();
    const items = await api.get('/action-plan/items?limit=100');
    const item = items.items.find((i) => i.code === '49g');
    assert.ok(item.milestones.some((m) => m.title === title && m.due_on === day(60)));
    // An evidence id that does not exist: refused, the reason at the field, nothing linked.
    const ev = detail.locator('[data-testid=ap-evidence-new]');
    await ev.locator('select').selectOption('governance_decision');
    await ev.locator('input').first().fill('gdc_doesnotexist');
    await ev.locator('button[type=submit]').click();
    await ev.locator('.field-error').waitFor();
    const n = item.evidence.length;
    assert.equal((await api.get('/action-plan/items/' + item.id)).evidence.length, n);
    // A real governance decision: linked.
    const decision = (await api.get('/governance/decisions?limit=1')).items[0];
    await ev.locator('input').first().fill(decision.id);
    await ev.locator('button[type=submit]').click();
    await detail.locator('[data-testid=ap-evidence] li', { hasText: decision.id }).waitFor();
    assert.equal((await api.get('/action-plan/items/' + item.id)).evidence.length, n + 1);
  });

  test('on a phone, in English, French and Arabic', async () => {
    const { page } = await suite.open('finance', PHONE);
    await fitsInEachLanguage(page, () => visit(page));
  });

  test('on a phone, the secretariat\'s forms of an open item fit the screen', async () => {
    const { page } = await suite.open('gov', PHONE);
    await visit(page);
    await page.locator('[data-testid=ap-items] tr[data-code="cat1-nso"] button.linklike').click();
    await page.locator('[data-testid=ap-evidence-new]').waitFor();
    await page.locator('[data-testid=ap-milestone-new]').waitFor();
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  });
});
