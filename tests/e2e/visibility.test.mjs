// Browser tests of what issue 14 makes visible: an EGS no-go in force is hatched and labelled on
// the map and listed on the dashboard of everyone whose scope includes the area, and of nobody else.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, shot, useSuite, navTo } from './harness.mjs';

const suite = useSuite({
  setup: async () => {
    const dss = await apiClient(suite.server.base, 'dss');
    const rec = await dss.post('/egs-decisions', {
      area_id: 'area_3', decision: 'no_go', from: day(-1), to: day(14),
      reason: 'Armed clashes on the main road', meeting_ref: 'EGS-E2E-1',
    });
    state.egs = rec.id;
    // Someone whose scope is another area only.
    const admin = await apiClient(suite.server.base, 'admin');
    await admin.post('/users', {
      ...OUTSIDER, display_name: 'Outside the area', organization_id: 'org_wfp',
      grants: [{ role: 'security_cell', country_id: 'cty_carana', area_id: 'area_4' }],
    });
  },
});
const state = { egs: '' };
const OUTSIDER = { username: 'vis_outsider', password: 'Carana visibility e2e: 7 long winding roads' };

const open = (user, password) => suite.open(user, { password });

describe('an EGS no-go made visible', { concurrency: 1 }, () => {
  test('the no-go shows on the map: the area hatched and labelled', async () => {
    const { page, problems } = await open('finance');
    await navTo(page, 'map');
    const area = page.locator('svg.map g[data-area-id=area_3]');
    await area.waitFor();
    assert.equal(await area.getAttribute('data-no-go'), state.egs);
    assert.match(await area.getAttribute('class'), /area-no-go/);
    assert.equal(await page.locator('svg.map g[data-area-id=area_3] path.no-go-hatch').count(), 1, 'hatched');
    const fill = await page.locator('svg.map g[data-area-id=area_3] path.no-go-hatch').evaluate((el) => getComputedStyle(el).fill);
    assert.match(fill, /url\(.*#no-go-hatch/, 'the hatching is painted, not overridden by the risk colour');
    assert.match(await area.getAttribute('aria-label'), new RegExp('EGS no-go until'));
    const label = page.locator('svg.map [data-no-go-label=area_3]');
    assert.equal((await label.textContent()).trim(), 'NO-GO');
    // Only the area under the no-go is marked.
    assert.equal(await page.locator('svg.map g[data-no-go]').count(), 1);
    assert.equal(await page.locator('svg.map [data-no-go-label]').count(), 1);
    // The legend explains the hatching; the list of areas says it in words.
    await page.locator('[data-testid=legend] li[data-level=no-go]').waitFor();
    const chip = page.locator('[data-testid=map-areas] li[data-area-id=area_3] [data-testid=no-go-chip]');
    assert.match(await chip.textContent(), /EGS no-go until/);
    await shot(page, 'visibility-map-no-go');
    assert.deepEqual(problems, []);
  });

  test('the dashboard of someone in scope lists it', async () => {
    const { page, problems } = await open('sp');
    const item = page.locator('[data-testid=dash-no-go] li[data-area=area_3]');
    await item.waitFor();
    const text = await item.textContent();
    assert.match(text, /no-go/);
    assert.match(text, /Armed clashes on the main road/);
    assert.match(text, /EGS-E2E-1/);
    await page.locator('[data-testid=dash-areas] tr[data-area=area_3] .chip-no-go').waitFor();
    await shot(page, 'visibility-dashboard-no-go');
    assert.deepEqual(problems, []);
  });

  test('someone whose scope is another area sees it neither on the dashboard nor on the map', async () => {
    const { page, problems } = await open(OUTSIDER.username, OUTSIDER.password);
    await page.locator('[data-testid=dash-areas]').waitFor();
    assert.equal(await page.locator('[data-testid=dash-no-go]').count(), 0);
    await navTo(page, 'map');
    await page.locator('svg.map g[data-area-id]').first().waitFor();
    assert.equal(await page.locator('svg.map g[data-area-id=area_3]').count(), 0);
    assert.equal(await page.locator('svg.map g[data-no-go]').count(), 0);
    assert.deepEqual(problems, []);
  });
  test('the likelihood step shows the scenario\'s filter and "no evidence" for a category no source records', async () => {
    const sp = await apiClient(suite.server.base, 'sp');
    const sra = await sp.post('/sras', { area_id: 'area_6', title: 'Evidence filter SRA', scope: { trigger: 'new_office' } });
    await sp.post('/sras/' + sra.id + '/scenarios', {
      title: 'Theft of vehicles', threat_category: 'crime',
      vulnerability: { exposed: 'the vehicle fleet', weaknesses: 'no guarded parking' },
      evidence_filter: { keywords: ['vehicle'] }, likelihood: 'Likely', impact: 'Minor',
    });
    const { page, problems } = await open('sp');
    await page.goto('/#/sras/' + sra.id + '/edit/7');
    const kw = page.locator('[data-testid=ev-filter-keywords]').first();
    await kw.waitFor();
    assert.equal(await kw.inputValue(), 'vehicle');
    // No incident file is imported on this server: nothing records crime.
    const none = page.locator('[data-testid=ev-no-evidence]').first();
    await none.waitFor();
    assert.equal(await none.getAttribute('data-reason'), 'no_source_covers_category');
    assert.match(await none.textContent(), /No evidence/);
    await page.locator('[data-testid=ev-recorded-none]').first().waitFor();
    await shot(page, 'visibility-wizard-no-evidence');
    assert.deepEqual(problems, []);
  });
});
