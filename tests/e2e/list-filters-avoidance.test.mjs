// Issue 18: "search, sort and filters on every list, kept in the address bar so a view can
// be shared" on the Designated Official's avoidance decisions. The search, the kind and area filters
// and the sort change the list the server answers, the address bar keeps the view, reloading shows it
// again, the DO's form still records beside a filtered list; at 360 px the bar fits in English, French
// and Arabic, in their language.
// Run: cd tests/e2e && node --test --test-concurrency=1 list-filters-avoidance.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, fitsInEachLanguage, shot, sidewaysOverflow, useSuite } from './harness.mjs';

const state = { relocate: '', evacuate: '', remote: '' };

const suite = useSuite({
  setup: async (s) => {
    const dora = await apiClient(s.server.base, 'do');
    const decide = async (area_id, kind, from, destination, reason) => (await dora.post('/avoidance', {
      area_id, kind, from: day(from), destination: destination || undefined, reason,
      personnel: 'Avoid18 national staff', personnel_count: 3,
    })).id;
    state.relocate = await decide('area_6', 'relocation', 4, 'Port Harbour', 'Avoid18 shelling of the depot');
    state.evacuate = await decide('area_7', 'evacuation', 1, 'Capital airport', 'Avoid18 floods on the only road');
    state.remote = await decide('area_6', 'alternative_modality', 8, '', 'Avoid18 checkpoints closed');
  },
});

const hashQuery = (page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
const SEL = '[data-testid=avoidance-list] [data-avoidance]';

async function waitForRows(page, expected) {
  await page.waitForFunction(
    ([sel, want]) => JSON.stringify([...document.querySelectorAll(sel)].map((e) => e.dataset.avoidance)) === JSON.stringify(want),
    [SEL, expected],
  );
}

async function search(page, text) {
  await page.locator('#avoidance-q').fill(text);
  await page.locator('#avoidance-q').press('Enter');
  await page.waitForFunction((v) => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === v, text);
}

describe('Avoidance decisions: search, filters and sort in the address bar', { concurrency: 1 }, () => {
  test('search, kind and area filters and the sort are the server\'s, kept on reload and shared', async () => {
    const { page, problems } = await suite.open('cell');
    await page.goto('/#/avoidance');
    await page.locator(SEL).first().waitFor();
    await search(page, 'AVOID18');
    await page.locator('#avoidance-sort').selectOption('from');
    await waitForRows(page, [state.evacuate, state.relocate, state.remote]);
    await page.locator('#avoidance-sort').selectOption('-from');
    await waitForRows(page, [state.remote, state.relocate, state.evacuate]);
    await page.locator('#avoidance-area_id').selectOption('area_6');
    await waitForRows(page, [state.remote, state.relocate]);
    await page.locator('#avoidance-kind').selectOption('relocation');
    await waitForRows(page, [state.relocate]);
    const q = hashQuery(page);
    assert.equal(q.get('q'), 'AVOID18');
    assert.equal(q.get('area_id'), 'area_6');
    assert.equal(q.get('kind'), 'relocation');
    assert.equal(q.get('sort'), '-from');
    const api = await apiClient(suite.server.base, 'cell');
    assert.deepEqual((await api.get('/avoidance?' + q.toString())).items.map((d) => d.id), [state.relocate]);
    // Reloading, and the same address opened by someone else, show the same view.
    await page.reload();
    await waitForRows(page, [state.relocate]);
    assert.equal(await page.locator('#avoidance-q').inputValue(), 'AVOID18');
    assert.equal(await page.locator('#avoidance-area_id').inputValue(), 'area_6');
    assert.equal(await page.locator('#avoidance-kind').inputValue(), 'relocation');
    assert.equal(await page.locator('#avoidance-sort').inputValue(), '-from');
    const shared = await suite.open('smt');
    await shared.page.goto('/#/avoidance?' + q.toString());
    await waitForRows(shared.page, [state.relocate]);
    // The search reaches the destination; a kind with nothing there says so.
    await search(page, 'capital airport');
    await page.getByText('Nothing matches these filters.').waitFor();
    await page.locator('#avoidance-kind').selectOption('');
    await page.locator('#avoidance-area_id').selectOption('');
    await waitForRows(page, [state.evacuate]);
    await page.locator('[data-testid=avoidance-clear]').click();
    await page.waitForFunction(() => location.hash === '#/avoidance');
    await page.locator(`${SEL}[data-avoidance="${state.remote}"]`).waitFor();
    assert.deepEqual(problems, []);
    assert.deepEqual(shared.problems, []);
  });

  test('the Designated Official still records beside a filtered list, which then shows what matches', async () => {
    const { page, problems } = await suite.open('do');
    await page.goto('/#/avoidance?kind=evacuation&q=avoid18');
    await waitForRows(page, [state.evacuate]);
    const form = page.locator('form[data-testid=avoidance-form]');
    await form.locator('#avd-area').selectOption('area_7');
    await form.locator('#avd-kind').selectOption('evacuation');
    await form.locator('#avd-from').fill(day(2));
    await form.locator('#avd-destination').fill('Avoid18 border crossing');
    await form.locator('#avd-count').fill('5');
    await form.locator('#avd-personnel').fill('Avoid18 drivers of the convoy');
    await form.locator('#avd-reason').fill('Avoid18 the bridge is down');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await page.locator('[data-testid=avoidance-done]').waitFor();
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 2, SEL);
    assert.equal(await page.locator(`${SEL}[data-kind=evacuation]`).count(), 2);
    assert.equal(hashQuery(page).get('kind'), 'evacuation', 'recording keeps the view');
    assert.deepEqual(problems, []);
  });

  test('at 360 px the avoidance filter bar fits the screen and speaks English, French and Arabic', async () => {
    const labels = {
      en: { 'avoidance-kind': 'Decision', 'avoidance-area_id': 'Area', 'avoidance-sort': 'Sort by', 'avoidance-q': 'Search' },
      fr: { 'avoidance-kind': 'Décision', 'avoidance-area_id': 'Zone', 'avoidance-sort': 'Trier par', 'avoidance-q': 'Rechercher' },
      ar: { 'avoidance-kind': 'القرار', 'avoidance-area_id': 'المنطقة', 'avoidance-sort': 'الترتيب حسب', 'avoidance-q': 'بحث' },
    };
    const sortNames = {
      en: { '-area': 'Area Z–A', '-decided': 'Latest decision first', decided: 'Oldest decision first' },
      fr: { '-area': 'Zone Z–A', '-decided': 'Décision la plus récente d’abord', decided: 'Décision la plus ancienne d’abord' },
      ar: { '-area': 'المنطقة (ي–أ)', '-decided': 'القرار الأحدث أولاً', decided: 'القرار الأقدم أولاً' },
    };
    const kindNames = {
      en: 'Relocation',
      fr: 'Réinstallation',
      ar: 'نقل',
    };
    const { page, problems } = await suite.open('cell', { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    await fitsInEachLanguage(page, async (lang) => {
      await page.goto('/#/avoidance?q=avoid18&kind=relocation&sort=-area');
      await page.locator('form.list-filters').first().waitFor();
      await waitForRows(page, [state.relocate]);
      assert.ok((await sidewaysOverflow(page)) <= 1, `${lang}: ${await sidewaysOverflow(page)} px wider than the screen`);
      for (const [id, text] of Object.entries(labels[lang]))
        assert.equal((await page.locator(`label[for="${id}"]`).textContent()).trim(), text, `${lang} ${id}`);
      for (const [key, text] of Object.entries(sortNames[lang]))
        assert.equal(await page.locator(`#avoidance-sort option[value="${key}"]`).textContent(), text, `${lang} ${key}`);
      assert.equal(await page.locator('#avoidance-sort').inputValue(), '-area');
      assert.equal(await page.locator('#avoidance-kind option[value="relocation"]').textContent(), kindNames[lang]);
      assert.equal(await page.locator('#avoidance-kind').inputValue(), 'relocation');
      if (lang === 'ar') await shot(page, 'list-filters-avoidance-ar-360');
    });
    assert.deepEqual(problems, []);
  });
});
