// Issue 18, accessibility: every page of the UI, opened by the roles that see it, in English,
// French and Arabic (right to left), has no axe-core violation of impact "serious" or "critical";
// and the risk matrix reads without colour (each cell writes its level in words).
// One browser; one signed-in context per role, reused for the three languages (the language is
// switched with the page's own selector, as a user does).
// Note: axe-core's colour-contrast rule skips Arabic text (its icon-ligature heuristic takes joined
// letters for an icon font); the colours are the same in every language, so English and French
// carry that check, and every other rule runs in Arabic too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { apiClient, useSuite } from './harness.mjs';

const suite = useSuite();
const LANGS = ['en', 'fr', 'ar'];
const BLOCKING = new Set(['serious', 'critical']);

/** The addresses each role opens; `ids` are the demo data's records, read through the API. */
function pagesOf(role, ids) {
  const sra = (id, tabs) => tabs.map((x) => `/sras/${id}${x ? '/' + x : ''}`);
  switch (role) {
    case 'sp':
      return [
        '/', '/map', '/sras', '/sras?status=draft', '/sras/new',
        ...Array.from({ length: 11 }, (_, i) => `/sras/${ids.draft}/edit/${i + 1}`),
        ...sra(ids.published, ['', 'approvals', 'changes', 'audit', 'access']),
        ...sra(ids.draft, ['']),
        '/inbox', '/clearances', '/clearances/new', `/clearances/${ids.clearance}`,
        '/compliance', '/activities', `/activities/${ids.activity}`, '/egs',
        '/budgets', `/budgets/${ids.budget}`, '/services', '/fund',
        '/governance', '/action-plan', '/workforce', '/help', '/account', '/no-such-page',
      ];
    case 'cell':
      return ['/', '/inbox', '/clearances/inbox', `/sras/${ids.draft}`];
    case 'smt':
      return ['/', '/inbox'];
    case 'dss':
      return ['/', '/egs', '/slas', '/inbox', `/sras/${ids.published}/approvals`];
    case 'do':
      return ['/', '/avoidance'];
    case 'admin':
      return ['/', '/admin', `/admin/users/${ids.user}`];
    case 'pclead':
      return ['/', '/activities'];
    case 'gov':
      return ['/services', '/governance'];
    case 'fund':
      return ['/', '/fund'];
    case 'finance':
      return ['/', '/budgets', '/slas'];
    case 'auditor':
      return ['/', '/admin', '/audit', `/sras/${ids.published}/access`];
    default:
      return ['/'];
  }
}

async function demoIds(base) {
  const api = await apiClient(base, 'admin');
  const sras = (await api.get('/sras?limit=50')).items;
  const ids = {
    draft: sras.find((s) => s.status === 'draft')?.id,
    published: sras.find((s) => s.status === 'published')?.id,
    clearance: (await api.get('/clearances?limit=5')).items[0]?.id,
    budget: (await api.get('/budgets?limit=5')).items[0]?.id,
    activity: (await api.get('/activities?limit=5')).items[0]?.id,
    user: (await api.get('/users?limit=50')).items.find((u) => u.username === 'sp')?.id,
  };
  for (const [k, v] of Object.entries(ids)) assert.ok(v, `the demo data has a ${k}`);
  return ids;
}

/** Counts the page's requests in flight, so a scan waits for the page's data (and lazy code). */
function trackRequests(page) {
  let inflight = 0;
  page.on('request', () => inflight++);
  const done = () => inflight--;
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return () => inflight;
}

/** Waits until the page at `path` is drawn: a heading (or an error) in <main>, nothing loading,
 * no request in flight for 150 ms. */
async function openPage(page, path) {
  await page.goto('/#' + path);
  try {
    await page.locator('main h1, main [role=alert], .login-page h1').first().waitFor();
  } catch (e) {
    throw new Error(`${path}: no page heading drawn (${page.url()})\n${e.message}`);
  }
  const inflight = page.inflight ?? (() => 0);
  for (let quiet = 0, t0 = Date.now(); quiet < 3 && Date.now() - t0 < 10000; ) {
    const busy = inflight() > 0 || (await page.locator('.loading').count()) > 0;
    quiet = busy ? 0 : quiet + 1;
    await page.waitForTimeout(50);
  }
}

async function switchLang(page, l) {
  if ((await page.evaluate(() => document.documentElement.lang)) === l) return;
  await page.locator('#lang-select').selectOption(l);
  await page.waitForFunction((x) => document.documentElement.lang === x, l);
}

/** The serious and critical violations on the page now, one line per rule and element. */
async function scan(page, where) {
  // Legacy mode runs axe.run in the page itself (the app has no frames) instead of finishing each
  // scan in a new blank page; only violations are collected. Together about three times faster.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] }).analyze();
  const out = [];
  for (const v of violations) {
    if (!BLOCKING.has(v.impact)) continue;
    for (const n of v.nodes) out.push(`${where}: ${v.id} (${v.impact}) at ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('').trim()}`);
  }
  return out;
}

/** Cells of every risk matrix on the page that do not write their level in words: a matrix must
 * read without colour, so each cell's visible text names its level, and two cells of different
 * colour never read the same. */
function heatmapWithoutColour(page) {
  return page.evaluate(() => {
    const bad = [];
    const wordOfClass = new Map();
    for (const cell of document.querySelectorAll('.hm-cell')) {
      const word = cell.querySelector('.hm-level');
      const text = word?.textContent?.trim() ?? '';
      const style = word ? getComputedStyle(word) : null;
      const box = word?.getBoundingClientRect();
      const cls = [...cell.classList].find((c) => c.startsWith('lvl-') || c.startsWith('level-')) ?? cell.className;
      const where = `${cell.dataset.likelihood}×${cell.dataset.impact}`;
      if (!text) bad.push(`${where}: no level in words`);
      else if (!style || style.display === 'none' || style.visibility === 'hidden' || !box || box.width < 1 || parseFloat(style.fontSize) < 7)
        bad.push(`${where}: the level "${text}" is not visible`);
      // A screen reader hears the level too (the button's name, when it has its own).
      const name = cell.getAttribute('aria-label');
      if (text && name !== null && !name.includes(text)) bad.push(`${where}: its name "${name}" does not say "${text}"`);
      if (text) {
        const seen = wordOfClass.get(cls);
        if (seen !== undefined && seen !== text) bad.push(`${where}: "${text}" where the same colour reads "${seen}"`);
        wordOfClass.set(cls, text);
      }
    }
    const words = [...wordOfClass.values()];
    if (new Set(words).size !== words.length) bad.push(`different colours read the same word: ${words.join(', ')}`);
    return { cells: document.querySelectorAll('.hm-cell').length, bad };
  });
}

describe('accessibility (axe-core, serious and critical)', { concurrency: 1 }, () => {
  test('the sign-in page in the three languages', async () => {
    const { page, problems } = await suite.open();
    page.inflight = trackRequests(page);
    const found = [];
    for (const l of LANGS) {
      await openPage(page, '/');
      await switchLang(page, l);
      assert.equal(await page.evaluate(() => document.documentElement.dir), l === 'ar' ? 'rtl' : 'ltr');
      found.push(...(await scan(page, `login [${l}]`)));
    }
    assert.deepEqual(found, [], found.length + ' violations:\n' + found.join('\n'));
    assert.deepEqual(problems, []);
  });

  test('every page, as the roles that see it, in English, French and Arabic', async () => {
    const ids = await demoIds(suite.server.base);
    const found = [];
    let scanned = 0;
    for (const role of ['sp', 'cell', 'smt', 'dss', 'do', 'pclead', 'gov', 'fund', 'finance', 'admin', 'auditor']) {
      const { page, problems } = await suite.open(role);
      page.inflight = trackRequests(page);
      for (const l of LANGS) {
        await switchLang(page, l);
        for (const path of pagesOf(role, ids)) {
          await openPage(page, path);
          assert.equal(await page.evaluate(() => document.documentElement.lang), l);
          // A page refused or broken would be scanned as an error box: the list must open each.
          const error = await page.locator('main [data-testid=error], main [data-testid=forbidden]').count();
          assert.equal(error > 0, path === '/no-such-page', `${role} ${path}: ${error ? 'an error instead of the page' : 'no "not found" notice'}`);
          found.push(...(await scan(page, `${role} ${path} [${l}]`)));
          scanned++;
        }
      }
      // Leave no draft behind: the wizard and forms were only looked at.
      assert.deepEqual(problems, [], `${role}: page errors`);
    }
    assert.ok(scanned > 100, `scanned ${scanned} pages`);
    assert.deepEqual(found, [], found.length + ' violations:\n' + found.join('\n'));
  });

  test('open menus, a chosen matrix cell, an item being edited, a confirmation and the phone layout', async () => {
    const ids = await demoIds(suite.server.base);
    const found = [];
    const desk = await suite.open('sp');
    desk.page.inflight = trackRequests(desk.page);
    const phone = await suite.open('sp', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone.page.inflight = trackRequests(phone.page);
    const dss = await suite.open('dss');
    dss.page.inflight = trackRequests(dss.page);
    for (const l of LANGS) {
      const page = desk.page;
      await switchLang(page, l);
      await openPage(page, '/');
      for (const g of ['ops', 'money', 'gov']) {
        await page.locator(`[data-nav-group=${g}] > button`).click();
        found.push(...(await scan(page, `sp menu ${g} open [${l}]`)));
      }
      await page.keyboard.press('Escape');
      await openPage(page, `/sras/${ids.published}`);
      await page.locator('[data-heatmap=current] .hm-cell.has').first().click();
      found.push(...(await scan(page, `sp matrix cell chosen [${l}]`)));
      await openPage(page, '/compliance');
      await page.locator('[data-edit-item]').first().click();
      found.push(...(await scan(page, `sp compliance item being edited [${l}]`)));

      await switchLang(phone.page, l);
      for (const path of ['/', `/sras/${ids.draft}/edit/5`, `/sras/${ids.published}`, '/clearances/new']) {
        await openPage(phone.page, path);
        found.push(...(await scan(phone.page, `sp phone ${path} [${l}]`)));
      }
      await phone.page.locator('[data-testid=nav-toggle]').click();
      found.push(...(await scan(phone.page, `sp phone menu open [${l}]`)));

      await switchLang(dss.page, l);
      await openPage(dss.page, '/egs');
      await dss.page.locator('#egs-area').selectOption({ index: 1 });
      await dss.page.locator('#egs-decision').selectOption('no_go');
      await dss.page.locator('#egs-from').fill(new Date(Date.now() + 50 * 86400000).toISOString().slice(0, 10));
      await dss.page.locator('#egs-reason').fill('Convoy attacked near the port');
      await dss.page.locator('[data-testid=egs-form] button[type=submit]').click();
      await dss.page.getByRole('dialog').waitFor();
      found.push(...(await scan(dss.page, `dss go/no-go confirmation [${l}]`)));
      await dss.page.keyboard.press('Escape');
      await dss.page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    assert.deepEqual(found, [], found.length + ' violations:\n' + found.join('\n'));
  });

  test('the risk matrix reads without colour, in the three languages', async () => {
    const ids = await demoIds(suite.server.base);
    const { page } = await suite.open('sp');
    page.inflight = trackRequests(page);
    for (const l of LANGS) {
      await switchLang(page, l);
      for (const path of [`/sras/${ids.published}`, '/help?s=matrix', `/sras/${ids.draft}/edit/9`]) {
        await openPage(page, path);
        const { cells, bad } = await heatmapWithoutColour(page);
        assert.ok(cells >= 25, `${path} [${l}]: a matrix is drawn (${cells} cells)`);
        assert.deepEqual(bad, [], `${path} [${l}]`);
      }
    }
  });
});
