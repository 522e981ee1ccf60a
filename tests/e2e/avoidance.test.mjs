// Browser test of the Designated Official's avoidance decisions and of the PC1 confirmation
// (SRM-METHOD.md 5, 7a; issue 14): on a phone (390 px wide), in English, the DO (`do`) records an
// evacuation of named personnel from Sanjar and sees it in the list; the security cell reads the list
// with no form and no navigation entry; the PC lead records PC1 for WFP's school feeding through the
// API and WFP's executive head's office (`wfpexec`) confirms it on the Activities page, which then
// names who recorded it and who confirmed it.
// Run: cd tests/e2e && node --test --test-concurrency=1 avoidance.test.mjs (after scripts/e2e.sh built web/dist).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, shot, unlabelled, useSuite } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' };

const suite = useSuite();

const open = (user, opts) => suite.open(user, opts);

const overflow = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);



describe('Avoidance and PC1 confirmation', { concurrency: 1 }, () => {
  test('the Designated Official records an evacuation with the personnel concerned, on a phone', async () => {
    const p = await open('do', PHONE);
    const { page } = p;
    assert.equal(await page.evaluate(() => document.documentElement.lang || 'en'), 'en');
    const link = page.locator('a[data-nav=avoidance]');
    assert.equal(await link.count(), 1, 'the DO has Avoidance in the navigation');
    await page.goto('/#/avoidance');
    await page.getByRole('heading', { level: 1, name: 'Avoidance decisions' }).waitFor();
    await page.locator('[data-testid=avoidance-empty]').waitFor();
    const form = page.locator('form[data-testid=avoidance-form]');
    assert.deepEqual(await unlabelled(page), [], 'every control has a label');

    // Nothing filled in: each missing piece is named at its field.
    await form.getByRole('button', { name: 'Record the decision' }).click();
    const fieldErrors = await form.locator('[data-field-error]').evaluateAll((els) => els.map((e) => e.dataset.fieldError));
    assert.deepEqual(fieldErrors.sort(), ['avd-count', 'avd-destination', 'avd-personnel', 'avd-reason'].sort());

    await form.locator('#avd-area').selectOption('area_1');
    await form.locator('#avd-kind').selectOption('evacuation');
    await form.locator('#avd-from').fill(day(0));
    await form.locator('#avd-to').fill(day(14));
    await form.locator('#avd-destination').fill('Capital city, UN compound');
    await form.locator('#avd-count').fill('12');
    await form.locator('#avd-personnel').fill('WFP international staff (8), UNICEF international staff (4)');
    await form.locator('#avd-reason').fill('Armed clashes on the airport road; the SMT advised evacuation');
    assert.ok((await overflow(page)) <= 1, 'the form fits a 390 px screen');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await page.locator('[data-testid=avoidance-done]').waitFor();

    const card = page.locator('[data-testid=avoidance-list] [data-kind=evacuation]');
    await card.waitFor();
    assert.match(await card.textContent(), /Evacuation/);
    assert.equal((await card.locator('[data-testid=avoidance-count]').textContent()).trim(), '12');
    assert.match(await card.locator('[data-testid=avoidance-personnel]').textContent(), /UNICEF international staff/);
    assert.match(await card.textContent(), /Capital city, UN compound/);
    assert.ok((await overflow(page)) <= 1, 'the list fits a 390 px screen');

    const api = await apiClient(suite.server.base, 'do');
    const list = await api.get('/avoidance?area_id=area_1');
    assert.equal(list.total, 1);
    const d = list.items[0];
    assert.equal(d.kind, 'evacuation');
    assert.equal(d.personnel_count, 12);
    assert.equal(d.to, day(14));
    assert.equal(d.decided_by.username, 'do');
    await shot(page, 'avoidance-phone');
    assert.deepEqual(p.problems, []);
  });

  test('others read the list if the API lets them, with no form and no navigation entry', async () => {
    const p = await open('cell');
    const { page } = p;
    assert.equal(await page.locator('a[data-nav=avoidance]').count(), 0, 'no Avoidance entry for the security cell');
    await page.goto('/#/avoidance');
    await page.locator('[data-testid=avoidance-list] [data-kind=evacuation]').waitFor();
    assert.equal(await page.locator('form[data-testid=avoidance-form]').count(), 0, 'no form for the security cell');
    assert.deepEqual(p.problems, []);
  });

  test("WFP's executive head's office confirms a PC1 recorded by the PC lead", async () => {
    const pclead = await apiClient(suite.server.base, 'pclead');
    const wfpexecApi = await apiClient(suite.server.base, 'wfpexec');
    // WFP's demo PC1 (prg_1) is confirmed already: the PC lead records PC1 for school feeding.
    const programmes = (await wfpexecApi.get('/programmes')).items.filter((x) => x.organization_id === 'org_wfp');
    let target;
    for (const prog of programmes) {
      const pca = await wfpexecApi.get('/activities/' + prog.id + '/pc-assessment').catch(() => null);
      if (pca && pca.pc === 1 && pca.status === 'awaiting_confirmation') { target = prog.id; break; }
    }
    if (!target) {
      target = programmes.find((x) => x.id !== 'prg_1')?.id;
      assert.ok(target, 'a second WFP programme in the demo');
      await pclead.post('/activities/' + target + '/pc-assessment', { pc: 1, comment: 'Country team: school feeding is life-saving' });
    }
    assert.equal((await wfpexecApi.get('/activities/' + target + '/pc-assessment')).status, 'awaiting_confirmation');

    // The PC lead sees who recorded it and no confirmation form.
    const l = await open('pclead');
    await l.page.goto('/#/activities/' + target);
    const lpanel = l.page.locator(`[data-activity="${target}"] [data-testid=pc-assessment]`);
    await lpanel.waitFor();
    assert.equal(await lpanel.getAttribute('data-pc-status'), 'awaiting_confirmation');
    assert.equal(await lpanel.locator('form[data-record=pc-confirm]').count(), 0);

    const p = await open('wfpexec', PHONE);
    const { page } = p;
    await page.goto('/#/activities/' + target);
    const panel = page.locator(`[data-activity="${target}"] [data-testid=pc-assessment]`);
    await panel.waitFor();
    assert.match(await panel.locator('[data-testid=pc-recorded]').textContent(), /PC1 recorded by pclead/);
    await panel.locator('[data-testid=pc-awaiting]').waitFor();
    assert.deepEqual(await unlabelled(page), [], 'every control has a label');
    const form = panel.locator('form[data-record=pc-confirm]');
    await form.getByRole('button', { name: 'Confirm PC1' }).click();
    assert.match(await form.locator('[role=alert]').textContent(), /comment is required/i);
    await form.locator('textarea').fill("Confirmed by WFP's Executive Director's office");
    await form.getByRole('button', { name: 'Confirm PC1' }).click();
    await page.locator(`[data-activity="${target}"] [data-testid=pc-assessment][data-pc-status=recorded] [data-testid=pc-confirmed]`).waitFor();
    assert.match(await panel.locator('[data-testid=pc-confirmed]').textContent(), /Confirmed by Wen WFP Executive Office/);
    assert.equal(await panel.locator('form[data-record=pc-confirm]').count(), 0, 'the form goes once confirmed');
    assert.ok((await overflow(page)) <= 1, 'the Activities page fits a 390 px screen');

    const after = await wfpexecApi.get('/activities/' + target + '/pc-assessment');
    assert.equal(after.status, 'recorded');
    assert.equal(after.confirmed_by, 'wfpexec');
    assert.equal(after.recorded_by, 'pclead');
    await shot(page, 'pc-confirm-phone');
    assert.deepEqual(p.problems, []);
  });
});
