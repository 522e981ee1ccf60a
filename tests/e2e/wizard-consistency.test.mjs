// Issue 18, finding 3: the wizard's screen agrees with itself before anything is saved. In step 9
// the residual heat map and the risk badge follow the residual rating being typed, and the list of
// measures shows those entered; in step 7 a scenario without its vulnerability (rule zero) offers
// no rating lists, instead of showing a risk that the save then refuses (422). Finding 8's step 3:
// "All registered programmes of this area are included" is not said when there are none.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, draftSra, shot, useSuite } from './harness.mjs';

const suite = useSuite();

async function sraWithTwoScenarios() {
  const { sp, id, doc } = await draftSra(suite.server.base, {
    title: 'Consistency check SRA',
    programmes: [{ organization_id: 'org_undp', activity: 'Clinics', pc: 3, international: 1, national: 4 }],
    scenarios: [{
      title: 'Carjacking on the ring road', threat_category: 'crime',
      vulnerability: { exposed: 'Drivers', weaknesses: 'Same route every day' },
      likelihood: 'Likely', impact: 'Severe',
      measures: [{ type: 'prevention', description: 'Vary the routes', moss_category: 'vehicles', cost_minor: 0, owner: 'UNDP' }],
    }, { title: 'Flooding of the compound', threat_category: 'hazards' }],
  });
  const [rated, bare] = doc.scenarios.map((s) => s.id);
  return { sp, id, rated, bare };
}

describe('the wizard agrees with itself', { concurrency: 1 }, () => {
  test('rating lists closed without a vulnerability; step 9 shows the residual being typed', async () => {
    const { sp, id, rated, bare } = await sraWithTwoScenarios();
    const method = await sp.get('/method');
    const p = await suite.open('sp');
    const { page } = p;

    await page.goto(`/#/sras/${id}/edit/7`);
    await page.locator(`[data-scenario="${bare}"] [data-testid=rule-zero]`).waitFor();
    assert.equal(await page.locator(`[id="${bare}-lik"]`).isDisabled(), true, 'no likelihood without a vulnerability');
    assert.equal(await page.locator(`[id="${bare}-imp"]`).isDisabled(), true, 'no impact without a vulnerability');
    assert.equal(await page.locator(`[id="${rated}-lik"]`).isDisabled(), false, 'the assessed scenario is ratable');

    await page.goto(`/#/sras/${id}/edit/9`);
    const residual = page.locator('#hm-residual');
    await residual.waitFor();
    const cell = (l, i) => residual.locator(`[data-likelihood="${l}"][data-impact="${i}"]`);
    assert.equal(await cell('Likely', 'Severe').getAttribute('data-count'), '1', 'saved: residual as inherent');

    // Typed, not saved: the map moves the scenario and the badge says the same level.
    await page.locator(`[id="${rated}-rlik"]`).selectOption('Unlikely');
    assert.equal(await page.locator('[data-testid=save-state]').innerText(), 'Unsaved changes (kept on this device)');
    assert.equal(await cell('Likely', 'Severe').getAttribute('data-count'), '0', 'the old cell is empty');
    assert.equal(await cell('Unlikely', 'Severe').getAttribute('data-count'), '1', 'the typed cell has the scenario');
    const level = method.matrix.Unlikely[method.impacts.indexOf('Severe')];
    const badges = page.locator(`[data-scenario="${rated}"] .scn-head .badge`);
    assert.equal(await badges.last().innerText(), await cell('Unlikely', 'Severe').getAttribute('title'), `the badge says ${level} too`);
    assert.doesNotMatch(await page.locator(`[data-scenario="${rated}"]`).innerText(), /No measure yet/);
    assert.match(await page.locator(`[data-scenario="${rated}"]`).innerText(), /Vary the routes/);
    await shot(page, 'wizard-residual-typed');
    assert.deepEqual(p.problems, []);
  });

  test('step 3 does not say "all registered programmes are included" of an area that has none', async () => {
    const sp = await apiClient(suite.server.base, 'sp');
    const areas = (await sp.get('/areas')).items;
    let empty = null;
    for (const a of areas) if ((await sp.get('/programmes?area_id=' + a.id)).items.length === 0) { empty = a; break; }
    assert.ok(empty, 'the demo has an area without registered programmes');
    const sra = await sp.post('/sras', { area_id: empty.id, title: 'No programmes SRA', scope: { trigger: 'change_in_area' } });
    const p = await suite.open('sp');
    const { page } = p;
    await page.goto(`/#/sras/${sra.id}/edit/3`);
    await page.locator('[data-testid=prog-none-registered]').waitFor();
    assert.doesNotMatch(await page.locator('form.wiz-body').innerText(), /All registered programmes/);
    assert.deepEqual(p.problems, []);
  });
});
