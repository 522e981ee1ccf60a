// Phone-size use (390 x 844, an ordinary phone held upright): every page fits the screen's width
// without sideways scrolling, in English, French (the longest words) and Arabic (right to left), and the SRA editor's
// buttons can be pressed without anything lying over them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, shot, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };



const openPhone = (user) => suite.open(user, PHONE);

// How far the page reaches past the screen's right (or, right to left, left) edge, in CSS pixels.
async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function visit(page, path) {
  await page.goto('/#' + path);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('on a phone', { concurrency: 1 }, () => {
  test('every page fits the width, in English, French and Arabic', async () => {
    const p = await openPhone('sp');
    const { page } = p;
    const api = await apiClient(suite.server.base, 'sp');
    const sra = (await api.get('/sras?status=published')).items[0];
    const routes = ['/', '/sras', `/sras/${sra.id}`, '/inbox', '/clearances', '/clearances/new', '/activities',
                    '/compliance', '/egs', '/map', '/sras/new'];
    for (const lang of ['en', 'fr', 'ar']) {
      if (lang !== 'en') {
        await page.locator('#lang-select').selectOption(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      for (const path of routes) {
        await visit(page, path);
        assert.ok((await overflow(page)) <= 1, `${lang} ${path}: the page is ${await overflow(page)} px wider than the screen`);
      }
    }
    await shot(page, 'phone-ar-new-sra');
    assert.deepEqual(p.problems, [], 'no CSP violation or page error');
  });

  test('the SRA editor: steps above the form, and its buttons are not covered', async () => {
    const p = await openPhone('sp');
    const { page } = p;
    const api = await apiClient(suite.server.base, 'sp');
    const draft = (await api.get('/sras?status=draft')).items[0];
    await visit(page, `/sras/${draft.id}/edit/2`);
    assert.ok((await overflow(page)) <= 1, 'the editor fits the width');
    await page.locator('#sit-political').fill('Typed on a phone.');
    // A normal click: Playwright refuses it when another element would receive it (the step list
    // used to stick over the form on narrow screens).
    await page.locator('[data-testid=save]').click({ timeout: 5000 });
    await page.locator('[data-testid=save-state]').filter({ hasNotText: 'Unsaved' }).waitFor();
    await shot(page, 'phone-editor');
    assert.deepEqual(p.problems, [], 'no CSP violation or page error');
  });
});
