// Browser test of risk acceptance (SRM-METHOD.md 7a): an area SRA for Bosali (residual High) is
// published through the API with two UNDP activities it assesses (not registered beforehand); UNDP's
// head in Carana (smt, an SMT member of UNDP with a country-wide grant) sees the acceptance in force
// (it expires next month) and signs a new one with an expiry; the security cell sees the acceptance
// but gets no form; the PC3 activity into the same High residual offers the section 5 options and no
// form at all. The demo's own acceptance (Kalari, expiring next month) is checked first.
// Run: cd tests/e2e && node --test --test-concurrency=1 acceptance.test.mjs (after scripts/e2e.sh built web/dist).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, draftSra, shot, unlabelled, useSuite } from './harness.mjs';

const suite = useSuite();

const open = (user) => suite.open(user);



const ids = { voters: '', courts: '' };

/** Bosali's area SRA, published through the whole chain, residual High, assessing two UNDP activities. */
async function publishBosali() {
  await draftSra(suite.server.base, {
    title: 'Bosali area SRA', days: 300,
    situation: { political: 'Local elections; rival militias contest the district.' },
    programmes: [
      { organization_id: 'org_undp', activity: 'Voter registration centres', pc: 2, international: 2, national: 18 },
      { organization_id: 'org_undp', activity: 'Mobile courts', pc: 3, international: 1, national: 6 },
    ],
    scenarios: [{
      title: 'Militia checkpoint turns violent on the Bosali road', threat_category: 'armed_conflict',
      vulnerability: { exposed: 'Registration teams on the road', weaknesses: 'One road; daily, predictable trips' },
      likelihood: 'Likely', impact: 'Severe', residual_likelihood: 'Likely', residual_impact: 'Severe',
      measures: [{ type: 'mitigation', description: 'Armoured vehicles; radio check-ins', moss_category: 'vehicles', cost_minor: 1200000, owner: 'UNDP operations' }],
    }],
    steps: [['submit', 'sp'], ['review', 'cell'], ['endorse', 'smt'], ['approve', 'dss']], comment: 'ok',
  });
  const smt = await apiClient(suite.server.base, 'smt');
  const items = (await smt.get('/activities?area_id=area_7&limit=100')).items;
  ids.voters = items.find((a) => a.activity === 'Voter registration centres').programme_id;
  ids.courts = items.find((a) => a.activity === 'Mobile courts').programme_id;
  await (await apiClient(suite.server.base, 'pclead')).post('/activities/' + ids.voters + '/pc-assessment', { pc: 2, comment: 'Country team: elections' });
  // An acceptance that expires next month, signed by UNDP's head in Carana.
  await smt.post('/activities/' + ids.voters + '/acceptance', {
    reasons: 'Voter registration is time-critical', conditions: 'Armoured vehicles', expires_on: day(30),
  });
}

describe('Risk acceptance', { concurrency: 1 }, () => {
  test("the demo: Kalari's High residual is accepted by UNDP's head in Carana and expires next month", async () => {
    const smt = await apiClient(suite.server.base, 'smt');
    const items = (await smt.get('/activities?area_id=area_3&limit=100')).items;
    const act = items.find((a) => a.activity === 'Community violence reduction');
    assert.ok(act, 'the demo registers the activity its Kalari SRA assesses');
    const view = await smt.get('/activities/' + act.programme_id);
    assert.equal(view.residual_risk, 'High');
    assert.equal(view.acceptance.need, 'org_head');
    assert.equal(view.acceptance.in_force, true);
    assert.equal(view.acceptance.latest.signatory.username, 'smt');
    assert.ok(view.acceptance.latest.expires_on > day(20) && view.acceptance.latest.expires_on <= day(45),
      'expires next month: ' + view.acceptance.latest.expires_on);
    const p = await open('smt');
    await p.page.goto('/#/activities/' + act.programme_id);
    const panel = p.page.locator(`[data-activity="${act.programme_id}"] [data-testid=acceptance]`);
    await panel.waitFor();
    assert.equal(await panel.getAttribute('data-acceptance-state'), 'acceptance_in_force');
    assert.deepEqual(p.problems, []);
  });

  test("a High residual is accepted, with an expiry, by the organization's head in the country", async () => {
    await publishBosali();
    const smtApi = await apiClient(suite.server.base, 'smt');
    const before = await smtApi.get('/activities/' + ids.voters);
    assert.equal(before.residual_risk, 'High', 'Bosali residual High');
    assert.equal(before.acceptance.need, 'org_head');
    assert.equal(before.acceptance.in_force, true, 'the acceptance is in force');
    assert.ok(before.acceptance.latest.expires_on > day(20) && before.acceptance.latest.expires_on <= day(45),
      'the acceptance expires next month: ' + before.acceptance.latest.expires_on);

    const p = await open('smt');
    const { page } = p;
    await page.goto('/#/activities/' + ids.voters);
    const card = page.locator(`[data-activity="${ids.voters}"]`);
    const panel = card.locator('[data-testid=acceptance]');
    await panel.waitFor();
    assert.equal(await panel.getAttribute('data-acceptance-need'), 'org_head');
    assert.equal(await panel.getAttribute('data-acceptance-state'), 'acceptance_in_force');
    assert.ok((await panel.locator('[data-testid=acceptance-latest]').textContent()).includes('Simon SMT Member'), 'the signatory is named by their display name');
    assert.deepEqual(await unlabelled(page), [], 'every control has a label');

    // The form: reasons and an expiry are required, then it is signed.
    const form = panel.locator('form[data-record=acceptance]');
    await form.getByRole('button', { name: /sign the acceptance/i }).click();
    assert.match(await form.locator('[role=alert]').textContent(), /reasons are required/i);
    await form.locator('textarea').first().fill('Voter registration is time-critical; convoy rules in place');
    await form.locator('textarea').nth(1).fill('Armoured vehicles and radio check-ins only');
    await form.getByRole('button', { name: /sign the acceptance/i }).click();
    assert.match(await form.locator('[role=alert]').textContent(), /expiry date is required/i);
    await form.locator('input[type=date]').fill(day(60));
    await form.getByRole('button', { name: /sign the acceptance/i }).click();
    await page.waitForFunction(async (want) => {
      const r = await fetch('/api/v1/activities/' + want.id + '/acceptances', { credentials: 'same-origin' });
      const j = await r.json();
      return j.items.length > 0 && j.items[0].expires_on === want.day;
    }, { id: ids.voters, day: day(60) });
    const after = await smtApi.get('/activities/' + ids.voters);
    assert.equal(after.acceptance.latest.expires_on, day(60));
    assert.equal(after.acceptance.latest.signatory.username, 'smt');
    assert.equal(after.acceptance.latest.signatory_role, 'smt');
    assert.equal(after.acceptance.in_force, true);
    await card.locator('[data-testid=acceptance][data-acceptance-state=acceptance_in_force]').waitFor();
    await shot(page, 'acceptance');
    assert.deepEqual(p.problems, []);
  });

  test('the security cell sees the acceptance but cannot sign; above the PC limit nobody can', async () => {
    const c = await open('cell');
    await c.page.goto('/#/activities/' + ids.voters);
    const panel = c.page.locator(`[data-activity="${ids.voters}"] [data-testid=acceptance]`);
    await panel.waitFor();
    assert.equal(await panel.locator('form[data-record=acceptance]').count(), 0, 'no form for the security cell');

    const s = await open('smt');
    await s.page.goto('/#/activities/' + ids.courts);
    const card = s.page.locator(`[data-activity="${ids.courts}"]`);
    const nobody = card.locator('[data-testid=acceptance][data-acceptance-need=nobody]');
    await nobody.waitFor();
    assert.equal(await nobody.locator('form').count(), 0, 'PC3 into High: nobody can accept');
    const options = await card.locator('[data-option]').evaluateAll((els) => els.map((e) => e.dataset.option));
    assert.deepEqual(options, ['control', 'avoid', 'transfer', 'do_not_proceed']);
  });
});
