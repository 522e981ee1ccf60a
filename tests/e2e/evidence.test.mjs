// Browser tests of the evidence engine in the UI: incidents imported through the API (a small
// ACLED-layout CSV with coordinates inside the demo's Leppko area) appear as indicators, a
// suggested likelihood and a 12-month trend chart next to the likelihood field of the wizard, the
// assessor's different choice is recorded beside the suggestion, and the incidents are points on
// the map.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, shot, unlabelled, useSuite, navTo } from './harness.mjs';

const suite = useSuite({
  setup: async () => {
    const r = await fetch(suite.server.base + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'sp', password: 'demo' }),
    });
    state.token = (await r.json()).token;
  },
});
const state = { token: '', sraId: '', events: 0 };

async function call(method, path, body, contentType = 'application/json') {
  const res = await fetch(suite.server.base + '/api/v1' + path, {
    method,
    headers: { Authorization: 'Bearer ' + state.token, ...(body !== undefined ? { 'Content-Type': contentType } : {}) },
    body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

const open = (user) => suite.open(user);

const day = (daysAgo) => new Date(Date.now() - daysAgo * 86400000).toISOString().slice(0, 10);

describe('evidence in the web UI', { concurrency: 1 }, () => {
  test('incidents imported through the API are placed in Leppko', async () => {
    // The centre of Leppko's polygon (a convex quadrilateral in the demo), a little jittered.
    const areas = (await call('GET', '/areas?geometry=1')).items;
    const leppko = areas.find((a) => a.id === 'area_2');
    const ring = leppko.geometry.coordinates[0].slice(0, -1);
    const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    let csv = 'event_id_cnty,event_date,event_type,sub_event_type,inter1,country,admin1,location,latitude,longitude,geo_precision,notes,fatalities\r\n';
    const n = 30;
    for (let i = 0; i < n; i++) {
      const type = i % 3 === 2 ? 'Protests' : 'Battles';
      csv += `E2E-${i},${day(i * 11)},${type},x,1,Carana,,"Leppko, road ${i}",${(lat + ((i % 5) - 2) * 0.08).toFixed(4)},${(lon + ((i % 7) - 3) * 0.08).toFixed(4)},1,"e2e, ${i}",${i % 2}\r\n`;
    }
    const job = await call('POST', '/incidents/import?areas=carana&file_name=leppko-e2e.csv', csv, 'text/csv');
    let done = job;
    for (let i = 0; i < 200 && done.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      done = await call('GET', '/imports/' + job.id);
    }
    assert.equal(done.status, 'done', JSON.stringify(done));
    assert.equal(done.counts.placed, n);
    state.events = n;
    const page = await call('GET', '/areas/area_2/incidents?limit=5');
    assert.equal(page.total, n);
  });

  test('the wizard shows indicators, the suggestion and a trend chart next to the likelihood', async () => {
    const sra = await call('POST', '/sras', { area_id: 'area_2', title: 'Leppko evidence SRA', scope: { trigger: 'change_in_area' } });
    state.sraId = sra.id;
    await call('POST', '/sras/' + sra.id + '/scenarios', {
      title: 'Crossfire on the Leppko road', threat_category: 'armed_conflict',
      vulnerability: { exposed: 'Staff driving to the field office', weaknesses: 'No movement tracking' },
    });
    const ind = await call('GET', '/areas/area_2/indicators');
    const ac = ind.categories.find((c) => c.category === 'armed_conflict');
    assert.equal(ind.months.length, 12);
    assert.equal(ac.monthly.reduce((a, b) => a + b, 0) > 0, true);

    const p = await open('sp');
    const { page } = p;
    await page.goto(`/#/sras/${sra.id}/edit/7`);
    const card = page.locator('section[data-scenario]').first();
    const ev = card.locator('[data-testid=evidence]');
    await ev.waitFor();
    assert.equal(await ev.getAttribute('data-category'), 'armed_conflict');
    for (const [w, count] of Object.entries(ac.counts))
      assert.equal(await ev.locator(`[data-window="${w}"] dd`).innerText(), String(count), `count over ${w}`);
    assert.equal(await ev.locator('[data-testid=ev-rate]').innerText(), ac.rate_per_year.toFixed(1));
    const suggestion = ev.locator('[data-testid=ev-suggestion]');
    assert.equal(await suggestion.getAttribute('data-likelihood'), ac.suggestion.likelihood);
    assert.match(await suggestion.innerText(), new RegExp('Suggested likelihood: ' + ac.suggestion.likelihood));
    // The chart: 12 bars, one per month, each with the API's count.
    const bars = await ev.locator('[data-testid=trend-chart] rect.trend-bar').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-month'), Number(e.getAttribute('data-count')), Number(e.getAttribute('height'))]));
    assert.equal(bars.length, 12);
    assert.deepEqual(bars.map((b) => b[0]), ind.months);
    assert.deepEqual(bars.map((b) => b[1]), ac.monthly);
    for (const [, c, h] of bars) assert.equal(h > 0, c > 0, 'a bar is drawn exactly when its month has incidents');
    // The explanation is one click away.
    await ev.locator('details.ev-why summary').click();
    assert.match(await ev.locator('details.ev-why').innerText(), /1 - exp\(-/);

    // A likelihood different from the suggestion: the note says so and asks why.
    const m = ['Very Unlikely', 'Unlikely', 'Moderately Likely', 'Likely', 'Very Likely'];
    const chosen = m[(m.indexOf(ac.suggestion.likelihood) + 2) % 5];
    await card.locator('select[id$=-lik]').selectOption(chosen);
    await card.locator('select[id$=-imp]').selectOption('Moderate');
    await card.locator('[data-testid=ev-differs]').waitFor();
    const reason = 'Clashes are on the northern road, which our staff do not use.';
    await card.locator('textarea[id$=-lreason]').fill(reason);
    assert.deepEqual(await unlabelled(page), [], 'every control has a label');
    await shot(page, 'e1-wizard-evidence');
    await page.locator('[data-testid=save]').click();
    await card.locator('[data-testid=ev-recorded]').waitFor();
    const doc = await call('GET', '/sras/' + sra.id);
    const sc = doc.scenarios[0];
    assert.equal(sc.likelihood, chosen);
    assert.equal(sc.likelihood_suggested, ac.suggestion.likelihood);
    assert.equal(sc.likelihood_difference, m.indexOf(chosen) - m.indexOf(ac.suggestion.likelihood));
    assert.equal(sc.likelihood_reason, reason);
    assert.deepEqual(p.problems, [], 'no CSP violation or page error');
  });

  test('the map shows the incidents of the selected area as points', async () => {
    const p = await open('sp');
    const { page } = p;
    await navTo(page, 'map');
    await page.locator('svg.map g[data-area-id]').first().waitFor();
    await page.locator('#inc-area').selectOption('area_2');
    await page.locator('[data-testid=incident-count]').waitFor();
    const points = page.locator('svg.map [data-testid=incident-points] circle');
    assert.equal(await points.count(), state.events);
    assert.equal(await page.locator('[data-testid=incident-count]').getAttribute('data-total'), String(state.events));
    // Every point lies inside Leppko's outline on screen.
    const box = await page.locator('svg.map g[data-area-id=area_2] path').boundingBox();
    for (const b of await points.evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })))
      assert.ok(b[0] >= box.x && b[0] <= box.x + box.width && b[1] >= box.y && b[1] <= box.y + box.height, 'point inside the area');
    assert.deepEqual(await unlabelled(page), [], 'every control has a label');
    await shot(page, 'e2-map-incidents');
    // Another area without incidents shows none.
    await page.locator('#inc-area').selectOption('area_8');
    await page.locator('[data-testid=incident-count][data-total="0"]').waitFor();
    assert.equal(await points.count(), 0);
    assert.deepEqual(p.problems, [], 'no CSP violation or page error');
  });

  test('the dashboard has the "review proposed" card', async () => {
    const p = await open('sp');
    const { page } = p;
    await page.locator('.card-proposals').waitFor();
    assert.match(await page.locator('.card-proposals h2').innerText(), /Review proposed/);
    const api = await call('GET', '/review-proposals');
    if (api.items.length) assert.equal(await page.locator('[data-testid=dash-proposals] > li').count(), Math.min(10, api.items.length));
    else await page.locator('[data-testid=dash-proposals-empty]').waitFor();
    await shot(page, 'e3-dashboard-proposals');
    assert.deepEqual(p.problems, [], 'no CSP violation or page error');
  });
});
