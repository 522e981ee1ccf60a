// Services & prices (issue 15): the results chain and the universal price list in the browser —
// the catalog and a list's prices shown and exported as CSV, the difference between two versions,
// the governance group publishing a draft it did not write, and the page on a phone in English,
// French and Arabic without sideways scrolling.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fitsInEachLanguage, shot, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function visit(page) {
  await page.goto('/#/services');
  await page.locator('main h1').first().waitFor();
  await page.locator('[data-testid=services] tbody tr').first().waitFor();
  await page.locator('[data-testid=price-items] tbody tr').first().waitFor();
}

describe('services and prices', { concurrency: 1 }, () => {
  test('the catalog, a price list, its CSV and the version diff', async () => {
    const { page } = await suite.open('finance');
    await visit(page);
    assert.equal(await page.locator('[data-testid=services] tbody tr').count(), 30);
    assert.equal(await page.locator('[data-testid=price-items] tbody tr').count(), 30);
    // The catalog as the server exports it (?format=csv of GET /services).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=services-export] [data-format=csv]')]);
    assert.match(download.suggestedFilename(), /^services-.*\.csv$/);
    // Next year's draft revision against the published list it was copied from: one re-priced item.
    const options = await page.locator('[data-testid=price-list-select] option').allTextContents();
    const draft = options.findIndex((o) => o.includes('(draft)'));
    assert.ok(draft >= 0, options.join(' | '));
    await page.locator('[data-testid=price-list-select]').selectOption({ index: draft });
    await page.locator('[data-testid=price-items] tbody tr').first().waitFor();
    const against = await page.locator('[data-testid=price-list-against] option').allTextContents();
    const next = against.findIndex((o) => o.includes('published') && o.startsWith(options[draft].slice(0, 4)));
    await page.locator('[data-testid=price-list-against]').selectOption({ index: next });
    await page.locator('[data-testid=price-diff] li').first().waitFor();
    const diff = await page.locator('[data-testid=price-diff]').textContent();
    assert.match(diff, /SVC-TRN-01/);
    await shot(page, 'services-prices');
  });

  test('the governance group publishes a draft it did not write', async () => {
    const { page } = await suite.open('gov2');
    await visit(page);
    const options = await page.locator('[data-testid=price-list-select] option').allTextContents();
    await page.locator('[data-testid=price-list-select]').selectOption({ index: options.findIndex((o) => o.includes('(draft)')) });
    await page.click('[data-testid=price-list-publish]');
    await page.locator('[data-testid=price-list-new-version]').waitFor();
    const after = await page.locator('[data-testid=price-list-select] option').allTextContents();
    assert.ok(!after.some((o) => o.includes('(draft)')), after.join(' | '));
  });

  test('on a phone, in English, French and Arabic', async () => {
    const { page } = await suite.open('finance', PHONE);
    await fitsInEachLanguage(page, () => visit(page));
  });
});
