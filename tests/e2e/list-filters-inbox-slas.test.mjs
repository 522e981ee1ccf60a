// Issue 18: "search, sort and filters on every list, kept in the address bar so a view can
// be shared" on the last two lists without them — the approvals inbox and the service-level
// agreements. Each filter changes the list the server answers, the address bar keeps the view,
// reloading shows it again; at 360 px the bars fit in English, French and Arabic, in their language.
// Run: cd tests/e2e && node --test --test-concurrency=1 list-filters-inbox-slas.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, fitsInEachLanguage, shot, sidewaysOverflow, submittedSra, useSuite } from './harness.mjs';

const state = { alpha: '', bravo: '', iom: '', wfp: '' };

const suite = useSuite({
  setup: async (s) => {
    state.alpha = (await submittedSra(s.server.base, 'Lists18 Alpha assessment', 'area_6')).id;
    state.bravo = (await submittedSra(s.server.base, 'Lists18 Bravo assessment', 'area_7')).id;
    const dss = await apiClient(s.server.base, 'dss');
    const sla = async (organization_id, title, from) => (await dss.post('/slas', {
      organization_id, country_id: 'cty_carana', title, from, to: '2026-06-30',
      targets: [{ metric: 'sra_draft_to_publication_days', threshold: 10, unit: 'days' }],
    })).id;
    state.iom = await sla('org_iom', 'Lists18 Carana agreement one', '2025-01-01');
    state.wfp = await sla('org_wfp', 'Lists18 Carana agreement two', '2024-01-01');
  },
});

const hashQuery = (page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');

async function waitForRows(page, selector, attr, expected) {
  await page.waitForFunction(
    ([sel, a, want]) => JSON.stringify([...document.querySelectorAll(sel)].map((e) => e.dataset[a] ?? e.value)) === JSON.stringify(want),
    [selector, attr, expected],
  );
}

async function search(page, id, text) {
  await page.locator('#' + id).fill(text);
  await page.locator('#' + id).press('Enter');
  await page.waitForFunction((v) => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === v, text);
}

describe('Approvals inbox and service-level agreements: search, filters and sort in the address bar', { concurrency: 1 }, () => {
  test('inbox: search, area and status filters and the sort are the server\'s, kept on reload', async () => {
    const { page, problems } = await suite.open('cell');
    await page.goto('/#/inbox');
    const sel = '[data-testid=inbox] li[data-sra]';
    await page.locator(sel).first().waitFor();
    await search(page, 'inbox-q', 'LISTS18');
    await page.locator('#inbox-sort').selectOption('title');
    await waitForRows(page, sel, 'sra', [state.alpha, state.bravo]);
    await page.locator('#inbox-sort').selectOption('-title');
    await waitForRows(page, sel, 'sra', [state.bravo, state.alpha]);
    await page.locator('#inbox-area_id').selectOption('area_6');
    await waitForRows(page, sel, 'sra', [state.alpha]);
    await page.locator('#inbox-status').selectOption('in_review');
    await waitForRows(page, sel, 'sra', [state.alpha]);
    const q = hashQuery(page);
    assert.equal(q.get('q'), 'LISTS18');
    assert.equal(q.get('area_id'), 'area_6');
    assert.equal(q.get('status'), 'in_review');
    assert.equal(q.get('sort'), '-title');
    const api = await apiClient(suite.server.base, 'cell');
    assert.deepEqual((await api.get('/inbox?' + q.toString())).items.map((s) => s.id), [state.alpha]);
    await page.reload();
    await waitForRows(page, sel, 'sra', [state.alpha]);
    assert.equal(await page.locator('#inbox-q').inputValue(), 'LISTS18');
    assert.equal(await page.locator('#inbox-area_id').inputValue(), 'area_6');
    // Endorsed: nothing of this search waits at that step.
    await page.locator('#inbox-status').selectOption('endorsed');
    await page.getByText('Nothing matches these filters.').waitFor();
    await page.locator('[data-testid=inbox-clear]').click();
    await page.waitForFunction(() => location.hash === '#/inbox');
    await page.locator(`${sel}[data-sra="${state.bravo}"]`).waitFor();
    assert.deepEqual(problems, []);
  });

  test('service-level agreements: search on the title and the organization\'s name, sort, kept on reload', async () => {
    const { page, problems } = await suite.open('dss');
    await page.goto('/#/slas');
    const sel = '[data-testid=sla-agreements] option';
    await page.locator('#slas-q').waitFor();
    await search(page, 'slas-q', 'lists18 carana');
    await page.locator('#slas-sort').selectOption('from');
    await waitForRows(page, sel, 'x', [state.wfp, state.iom]);
    await page.locator('#slas-sort').selectOption('-from');
    await waitForRows(page, sel, 'x', [state.iom, state.wfp]);
    // The organization's name finds its agreement.
    await search(page, 'slas-q', 'World Food');
    // Waits for the new answer to be drawn (WFP's agreement there and IOM's gone), not for the old
    // list, which already held WFP's agreement (CI once read IOM's there before the answer came).
    await page.waitForFunction(([wfp, iom]) => {
      const shown = [...document.querySelectorAll('[data-testid=sla-agreements] option')].map((o) => o.value);
      return shown.includes(wfp) && !shown.includes(iom);
    }, [state.wfp, state.iom]);
    assert.equal(await page.locator(`${sel}[value="${state.iom}"]`).count(), 0);
    await search(page, 'slas-q', 'lists18 carana');
    await waitForRows(page, sel, 'x', [state.iom, state.wfp]);
    const q = hashQuery(page);
    assert.equal(q.get('sort'), '-from');
    const api = await apiClient(suite.server.base, 'dss');
    assert.deepEqual((await api.get('/slas?' + q.toString())).items.map((s) => s.id), [state.iom, state.wfp]);
    await page.reload();
    await waitForRows(page, sel, 'x', [state.iom, state.wfp]);
    assert.equal(await page.locator('#slas-q').inputValue(), 'lists18 carana');
    assert.equal(await page.locator('#slas-sort').inputValue(), '-from');
    await search(page, 'slas-q', 'zzqq-lists18-nothing');
    await page.getByText('Nothing matches these filters.').waitFor();
    await shot(page, 'list-filters-slas');
    assert.deepEqual(problems, []);
  });

  test('at 360 px the inbox and agreements filter bars fit the screen and speak English, French and Arabic', async () => {
    const labels = {
      en: { 'inbox-status': 'Status', 'inbox-area_id': 'Area', 'inbox-sort': 'Sort by', 'slas-sort': 'Sort by' },
      fr: { 'inbox-status': 'Statut', 'inbox-area_id': 'Zone', 'inbox-sort': 'Trier par', 'slas-sort': 'Trier par' },
      ar: { 'inbox-status': 'الحالة', 'inbox-area_id': 'المنطقة', 'inbox-sort': 'الترتيب حسب', 'slas-sort': 'الترتيب حسب' },
    };
    const sortNames = {
      en: { '-title': 'Title Z–A', from: 'Earliest start first' },
      fr: { '-title': 'Titre Z–A', from: 'Début le plus ancien d’abord' },
      ar: { '-title': 'العنوان (ي–أ)', from: 'البداية الأقدم أولاً' },
    };
    for (const [user, path, ready] of [['cell', '/#/inbox?q=lists18&area_id=area_6&sort=-title', '[data-testid=inbox] li[data-sra]'],
      ['dss', '/#/slas?q=lists18&sort=from', '[data-testid=sla-agreements]']]) {
      const { page, problems } = await suite.open(user, { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
      await fitsInEachLanguage(page, async (lang) => {
        await page.goto(path);
        await page.locator('form.list-filters').first().waitFor();
        await page.locator(ready).first().waitFor();
        assert.ok((await sidewaysOverflow(page)) <= 1, `${lang} ${path}: ${await sidewaysOverflow(page)} px wider than the screen`);
        for (const [id, text] of Object.entries(labels[lang])) {
          const label = page.locator(`label[for="${id}"]`);
          if (await label.count()) assert.equal((await label.textContent()).trim(), text, `${lang} ${id}`);
        }
        const sortId = user === 'cell' ? '#inbox-sort' : '#slas-sort';
        const key = user === 'cell' ? '-title' : 'from';
        assert.equal(await page.locator(`${sortId} option[value="${key}"]`).textContent(), sortNames[lang][key], `${lang} ${key}`);
        assert.equal(await page.locator(sortId).inputValue(), key);
      });
      assert.deepEqual(problems, []);
    }
  });
});
