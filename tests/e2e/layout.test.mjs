// Issue 18, finding 2: the layout holds from a 390 px phone to a 1366 px laptop. Every page the
// navigation offers (to a security professional, an administrator and the Designated Official,
// who between them see every entry) fits the width; the navigation is one row on a laptop and one
// "Menu" button on a phone, with every entry reachable and readable; the wizard shows "3 of 11"
// with previous and next on a phone instead of eleven boxes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, navTo, shot, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1366, height: 768 } };

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

/** The navigation's entries, in order, whether shown or inside a closed menu. */
const entries = (page) => page.locator('.mainnav a[data-nav]').evaluateAll((as) => as.map((a) => a.dataset.nav));

/** WCAG contrast ratio of an element's text against the first opaque background behind it. */
const contrast = (locator) =>
  locator.evaluate((el) => {
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg = null;
    for (let e = el; e && !bg; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) bg = c;
    }
    bg = bg || [255, 255, 255];
    const fg = rgb(getComputedStyle(el).color);
    const [a, b] = [lum(fg) + 0.05, lum(bg) + 0.05];
    return Math.max(a, b) / Math.min(a, b);
  });

async function settle(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('layout from phone to laptop', { concurrency: 1 }, () => {
  for (const user of ['sp', 'admin', 'do']) {
    test(`${user}: every page in the navigation fits 390 px and 1366 px, every entry reachable`, async () => {
      const phone = (await suite.open(user, PHONE)).page;
      const laptop = (await suite.open(user, LAPTOP)).page;
      const keys = await entries(laptop);
      assert.ok(keys.length >= 10, `the navigation has its entries (${keys.join(', ')})`);

      // A laptop: the top-level entries and menus sit on one row.
      const tops = await laptop.locator('.mainnav > ul > li').evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().top));
      assert.equal(new Set(tops.map(Math.round)).size, 1, `one row of navigation at 1366 px (tops ${tops})`);
      assert.equal(await laptop.locator('[data-testid=nav-toggle]').isVisible(), false, 'no Menu button on a laptop');
      const laptopBar = await laptop.locator('.topbar').boundingBox();
      assert.ok(laptopBar.height <= 70, `the laptop's top bar is one row (${laptopBar.height} px)`);

      // A phone: the bar is short, and the menu opens on the whole list.
      assert.equal(await phone.locator('[data-testid=nav-toggle]').isVisible(), true, 'a Menu button on a phone');
      const bar = await phone.locator('.topbar').boundingBox();
      assert.ok(bar.height <= 180, `the top bar leaves the screen to the page (${bar.height} px)`);
      assert.ok((await contrast(phone.locator('.who-name'))) >= 4.5, 'the signed-in name is readable on the bar');
      for (const key of keys) {
        await navTo(phone, key);
        await settle(phone);
        const path = await phone.evaluate(() => location.hash);
        assert.ok((await overflow(phone)) <= 0, `390 px ${path}: ${await overflow(phone)} px too wide`);
        await laptop.goto('/' + path);
        await settle(laptop);
        assert.ok((await overflow(laptop)) <= 0, `1366 px ${path}: ${await overflow(laptop)} px too wide`);
      }
      // Every entry readable where it is shown: open menus on both sizes, contrast at least 4.5:1.
      await phone.goto('/#/');
      await settle(phone);
      await phone.locator('[data-testid=nav-toggle]').click();
      for (const g of await phone.locator('.nav-group > button').all()) {
        await g.click();
        for (const a of await phone.locator('.nav-group.open a[data-nav]').all())
          assert.ok((await contrast(a)) >= 4.5, `phone menu entry ${await a.innerText()} is readable`);
      }
      if (user === 'sp') {
        await phone.locator('.nav-group[data-nav-group=ops] > button').click();
        await shot(phone, 'phone-menu', 'phone-menu');
      }
      for (const g of await laptop.locator('.nav-group > button').all()) {
        await g.click();
        for (const a of await laptop.locator('.nav-group.open a[data-nav]').all())
          assert.ok((await contrast(a)) >= 4.5, `laptop menu entry ${await a.innerText()} is readable`);
      }
    });
  }

  test('the wizard on a phone: "3 of 11" with previous and next, the form on the first screen', async () => {
    const p = await suite.open('sp', PHONE);
    const { page } = p;
    const api = await apiClient(suite.server.base, 'sp');
    const draft = (await api.get('/sras?status=draft')).items[0];
    await page.goto(`/#/sras/${draft.id}/edit/3`);
    await settle(page);
    const compact = page.locator('[data-testid=stepper-compact]');
    assert.equal(await compact.isVisible(), true, 'the compact stepper shows');
    assert.match(await compact.innerText(), /3 of 11/);
    assert.equal(await page.locator('.stepper ol').isVisible(), false, 'not the eleven boxes');
    const h2 = await page.locator('form.wiz-body h2').boundingBox();
    assert.ok(h2.y + h2.height < 844, `the step's heading is on the first screen (y=${h2.y})`);
    await compact.getByRole('button', { name: 'Next step' }).click();
    await page.waitForURL(/\/edit\/4$/);
    // The address changes first and the step is drawn after it: wait for the stepper to say so.
    await compact.getByText(/4 of 11/).waitFor();
    await compact.getByRole('button', { name: 'Previous step' }).click();
    await page.waitForURL(/\/edit\/3$/);
    await compact.getByText(/3 of 11/).waitFor();
    assert.ok((await overflow(page)) <= 0);
    await shot(page, 'phone-stepper');

    // Arabic, right to left: the compact stepper and the open menu stay on the screen.
    await page.locator('#lang-select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await compact.waitFor();
    assert.match(await compact.innerText(), /3 من 11/);
    await page.locator('[data-testid=nav-toggle]').click();
    const menu = await page.locator('#mainnav-list').boundingBox();
    assert.ok(menu.x >= 0 && menu.x + menu.width <= 390, `the menu is on the screen (x=${menu.x}, width=${menu.width})`);
    assert.ok((await overflow(page)) <= 0, 'nothing wider than the screen in Arabic');
    await shot(page, 'phone-menu-ar');

    const l = (await suite.open('sp', LAPTOP)).page;
    await l.goto(`/#/sras/${draft.id}/edit/3`);
    await settle(l);
    assert.equal(await l.locator('.stepper ol').isVisible(), true, 'a laptop shows every step');
    assert.equal(await l.locator('[data-testid=stepper-compact]').isVisible(), false);
    assert.deepEqual(p.problems, []);
  });
});
