// Browser test of registering programmes (issue 14: "registering programmes and activities is
// possible in the UI"): UNDP's head in Carana (smt) registers a programme on the Activities page,
// names its manager (Dario, UNDP) and sees its activity listed at once; the manager is stored. The
// page lists the programmes that have no decision yet (the demo's unassessed prg_4) and reads each
// card's PC assessment with the list, not one request per card. On a phone (390 px) in English,
// French and Arabic the form fits the screen and every control has a label; it works by keyboard.
// Run: cd tests/e2e && node --test --test-concurrency=1 programmes.test.mjs (after scripts/e2e.sh built web/dist).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, shot, unlabelled, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const open = (user, opts) => suite.open(user, opts);



async function showArea(page, area) {
  await page.goto('/#/activities');
  await page.locator('main h1').first().waitFor();
  await page.locator('[data-testid=activities-area]').selectOption(area);
  await page.locator('[data-testid=activities], [data-testid=activities-empty]').first().waitFor();
}

describe('Registering programmes', { concurrency: 1 }, () => {
  test("the organization's head registers a programme with its manager and sees its activity at once", async () => {
    const { page, problems } = await open('smt');
    await showArea(page, 'area_6');
    await page.locator('[data-testid=programme-open]').click();
    const form = page.locator('[data-testid=programme-form]');
    await form.waitFor();
    assert.deepEqual(await unlabelled(page), [], 'every control has a label');
    // A missing name is said next to the field, and nothing is sent.
    await page.locator('[data-testid=programme-submit]').click();
    await page.locator('#prg-name-error').waitFor();
    await page.locator('#prg-name').fill('Community security');
    await page.locator('#prg-activity').fill('Dialogue forums in Tarsis villages');
    await page.locator('#prg-pc').selectOption('2');
    await page.locator('#prg-national').fill('6');
    // The manager is chosen among UNDP's users.
    await page.locator('#prg-manager option', { hasText: 'Dario' }).first().waitFor({ state: 'attached' });
    const dario = await page.locator('#prg-manager option', { hasText: 'Dario' }).first().getAttribute('value');
    assert.ok(dario, 'Dario (UNDP) is offered as manager');
    assert.equal(await page.locator('#prg-manager option', { hasText: 'Chloe' }).count(), 0, "IOM's users are not offered");
    await page.locator('#prg-manager').selectOption(dario);
    // Submitted by keyboard.
    await page.locator('#prg-activity').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=programme-registered]').waitFor();
    const card = page.locator('[data-activity]', { hasText: 'Community security' });
    await card.waitFor();
    await shot(page, 'programme-registered');
    // The server has it, with its manager and a decision.
    const api = await apiClient(suite.server.base, 'smt');
    const prg = (await api.get('/programmes?area_id=area_6')).items.find((p) => p.name === 'Community security');
    assert.ok(prg, 'registered');
    assert.equal(prg.manager_id, dario);
    assert.equal(prg.pc, 2);
    assert.equal(prg.national, 6);
    const listed = (await api.get('/activities?area_id=area_6&limit=500')).items.find((a) => a.programme_id === prg.id);
    assert.ok(listed, 'the activity is decided at once');
    assert.deepEqual(problems, []);
  });

  test('programmes without a decision are listed, and the cards read no PC assessment each', async () => {
    const { page, problems } = await open('pclead');
    const gets = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && /\/api\/v1\/activities\/[^/?]+\/pc-assessment/.test(r.url())) gets.push(r.url());
    });
    const api = await apiClient(suite.server.base, 'pclead');
    const answer = await api.get('/activities?area_id=area_2&limit=100');
    assert.ok(answer.undecided.some((p) => p.id === 'prg_4'), "the demo's unassessed prg_4 has no decision yet");
    await showArea(page, 'area_2');
    const undecided = page.locator('[data-activity=prg_4][data-undecided=true]');
    await undecided.waitFor();
    assert.equal(await undecided.locator('[data-activity-status=not_decided]').count(), 1, 'marked not assessed yet');
    // The PC lead records its PC assessment on the card; then it is decided, with the assessment shown.
    await undecided.locator('textarea').fill('Country team: justice sector priority');
    await undecided.locator('button[type=submit]').click();
    const decided = page.locator('[data-activity=prg_4]:not([data-undecided])');
    await decided.waitFor();
    await decided.locator('[data-testid=pc-recorded]').waitFor();
    // Another area with assessed activities (the demo's Sanjar).
    await showArea(page, 'area_1');
    await page.locator('[data-testid=pc-recorded]').first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(gets, [], 'no request per card for its PC assessment');
    assert.deepEqual(problems, []);
  });

  test('on a phone the form fits the width in English, French and Arabic', async () => {
    const { page, problems } = await open('smt', PHONE);
    await showArea(page, 'area_6');
    for (const lang of ['en', 'fr', 'ar']) {
      if (lang !== 'en') {
        await page.locator('#lang-select').selectOption(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      if (!(await page.locator('[data-testid=programme-form]').count())) await page.locator('[data-testid=programme-open]').click();
      await page.locator('[data-testid=programme-form]').waitFor();
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(over <= 1, `${lang}: the page is ${over} px wider than the screen`);
      assert.deepEqual(await unlabelled(page), [], `${lang}: every control has a label`);
    }
    await shot(page, 'phone-ar-programme-form');
    assert.deepEqual(problems, []);
  });
});
