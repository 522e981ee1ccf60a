// Issue 18, finding 6: help on the method. The help page explains, in English, French and Arabic,
// each likelihood and impact level and PC1–PC4 (with the residual risk each accepts), and shows the
// matrix with its level in words in every cell; the SRA page's heatmaps write the level in every
// cell too (readable without colour), with likelihood, impact and level in each cell's name; the
// wizard's rating fields link to the definitions; the help page fits a 390 px phone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, shot, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

describe('help on the method', { concurrency: 1 }, () => {
  for (const lang of ['en', 'fr', 'ar']) {
    test(`${lang}: the help page defines every level and PC1–PC4, on a phone without overflow`, async () => {
      const { page } = await suite.open('sp', PHONE);
      if (lang !== 'en') {
        await page.locator('#lang-select').selectOption(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      // Reached from the footer link.
      await page.locator('[data-testid=help-link]').click();
      await page.locator('[data-testid=help-page]').waitFor();
      const method = await (await apiClient(suite.server.base, 'sp')).get('/method');
      assert.equal(method.likelihoods.length, 5);
      assert.equal(method.impacts.length, 5);

      for (const l of method.likelihoods) {
        const def = page.locator(`[data-help=likelihood] [data-level="${l}"]`);
        assert.equal(await def.count(), 1, `likelihood ${l} listed`);
        const dd = (await def.locator('dd').innerText()).trim();
        assert.ok(dd.length > 20, `${lang}: likelihood ${l} has a definition (${dd})`);
        if (lang === 'en') assert.match(await def.locator('dt').innerText(), new RegExp(l));
      }
      for (const i of method.impacts) {
        const def = page.locator(`[data-help=impact] [data-level="${i}"]`);
        assert.equal(await def.count(), 1, `impact ${i} listed`);
        const dds = await def.locator('dd').allInnerTexts();
        assert.equal(dds.length, 3, `${lang}: impact ${i} defined for personnel, assets, operations`);
        for (const d of dds) assert.ok(d.trim().length > 5, `${lang}: impact ${i}: "${d}"`);
      }
      for (const pc of ['PC1', 'PC2', 'PC3', 'PC4']) {
        const def = page.locator(`[data-help=pc] [data-pc=${pc}]`);
        assert.equal(await def.count(), 1, `${pc} listed`);
        assert.ok((await def.locator('dd').innerText()).trim().length > 20, `${lang}: ${pc} explained`);
      }
      // The acceptable residual risk per PC comes from the method (PC4 Low … PC1 Very High by default).
      if (lang === 'en') {
        for (const [pc, level] of Object.entries(method.pc_max_acceptable))
          assert.match(await page.locator(`[data-help=pc] [data-pc=${pc.startsWith('PC') ? pc : 'PC' + pc}] dt`).innerText(), new RegExp('up to ' + level));
      }
      // The glossary names the method's words.
      const terms = await page.locator('[data-help=glossary] dt').allInnerTexts();
      for (const term of ['DO', 'SMT', 'MOSS', 'RSM', 'PC', 'EGS', 'SRA']) assert.ok(terms.includes(term), `${lang}: glossary has ${term}`);
      // The matrix: 25 cells, each with the method's level in words.
      const cells = await page.locator('[data-testid=help-matrix] [data-likelihood]').evaluateAll((els) =>
        els.map((e) => ({ l: e.dataset.likelihood, i: e.dataset.impact, text: e.innerText.trim() })));
      assert.equal(cells.length, 25);
      for (const c of cells) assert.ok(c.text.length > 0, `${lang}: matrix cell ${c.l} × ${c.i} has its level in words`);
      if (lang === 'en')
        for (const c of cells) assert.equal(c.text, method.matrix[c.l][method.impacts.indexOf(c.i)]);
      if (lang === 'ar') assert.match(await page.locator('main h1').innerText(), /[\u0600-\u06FF]/, 'the heading is in Arabic');
      if (lang === 'fr') assert.match(await page.locator('main h1').innerText(), /Aide/);

      assert.ok((await overflow(page)) <= 0, `${lang}: the help page fits 390 px (overflow ${await overflow(page)} px)`);
      // A section asked for by address is brought into view (the wizard's links).
      await page.goto('/#/help?s=pc');
      await page.locator('[data-help=pc]').waitFor();
      await page.waitForFunction(() => {
        const r = document.getElementById('help-pc').getBoundingClientRect();
        return r.top >= -2 && r.top < innerHeight / 2;
      });
      if (lang === 'en') await shot(page, 'help-phone');
    });
  }

  test('every heatmap cell on an SRA page has its level in words and in its name', async () => {
    const { page } = await suite.open('dss', { viewport: { width: 1366, height: 768 } });
    const api = await apiClient(suite.server.base, 'dss');
    const method = await api.get('/method');
    const sras = (await api.get('/sras')).items;
    assert.ok(sras.length >= 1, 'the demo has an SRA');
    await page.goto('/#/sras/' + sras[0].id);
    await page.locator('[data-heatmap=current] .hm-cell').first().waitFor();
    for (const mode of ['current', 'residual']) {
      const cells = await page.locator(`[data-heatmap=${mode}] .hm-cell`).evaluateAll((els) =>
        els.map((e) => ({ l: e.dataset.likelihood, i: e.dataset.impact, level: e.querySelector('.hm-level')?.innerText.trim(), name: e.getAttribute('aria-label') })));
      assert.equal(cells.length, 25, `${mode}: 25 cells`);
      for (const c of cells) {
        const expected = method.matrix[c.l][method.impacts.indexOf(c.i)];
        assert.equal(c.level, expected, `${mode}: cell ${c.l} × ${c.i} says ${expected}`);
        for (const part of [c.l, c.i, expected]) assert.ok(c.name.includes(part), `${mode}: the name "${c.name}" says ${part}`);
      }
    }
    // Visible to the eye, not only to a screen reader.
    assert.equal(await page.locator('[data-heatmap=current] .hm-level').first().isVisible(), true);
  });

  test('the wizard links each rating field to the definitions, in a new tab', async () => {
    // The demo's draft SRA has a scenario to rate.
    const sp = await apiClient(suite.server.base, 'sp');
    let target = null;
    for (const s of (await sp.get('/sras')).items.filter((x) => x.status === 'draft')) {
      if ((await sp.get('/sras/' + s.id)).scenarios?.length) { target = s.id; break; }
    }
    assert.ok(target, 'the demo has a draft SRA with a scenario');
    const { page, context } = await suite.open('sp');

    // Step 7: likelihood and impact each link to their definitions, opened beside the wizard.
    await page.goto(`/#/sras/${target}/edit/7`);
    const lik = page.locator('[data-help-link=likelihood]').first();
    await lik.waitFor();
    assert.match(await lik.getAttribute('href'), /#\/help\?s=likelihood$/);
    assert.equal(await lik.getAttribute('target'), '_blank', 'the help opens beside the wizard, which keeps its input');
    assert.match(await page.locator('[data-help-link=impact]').first().getAttribute('href'), /#\/help\?s=impact$/);
    const [tab] = await Promise.all([context.waitForEvent('page'), lik.click()]);
    await tab.locator('#help-likelihood [data-level]').first().waitFor();
    await tab.close();
    assert.match(page.url(), /\/edit\/7$/, 'the wizard stays where it was');

    // Step 3: the PC field of a programme row.
    await page.goto(`/#/sras/${target}/edit/3`);
    await page.locator('main h1').first().waitFor();
    if (!(await page.locator('[data-help-link=pc]').count()))
      await page.locator('button', { hasText: '+ ' }).last().click();
    const pc = page.locator('[data-help-link=pc]').first();
    await pc.waitFor();
    assert.match(await pc.getAttribute('href'), /#\/help\?s=pc$/);
    assert.equal(await pc.getAttribute('target'), '_blank');
  });
});
