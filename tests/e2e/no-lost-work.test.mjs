// Issue 18, findings 1 and 7: nothing typed is lost without a word, and no irreversible step is one
// click. A scenario typed in "Add a scenario" is added by "Save and continue"; leaving a form with
// unsaved input asks first (in the app and when the tab closes); publishing an SRA, deciding a
// clearance and recording an EGS go/no-go ask in a dialog that names what happens and to whom.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, draftSra, navTo, shot, useSuite } from './harness.mjs';

const suite = useSuite();
const open = (user, opts) => suite.open(user, opts);

async function draftOf(user) {
  const api = await apiClient(suite.server.base, user);
  const sra = (await api.get('/sras?status=draft')).items[0];
  return { api, sra };
}

/** Whether closing or reloading the tab now would ask (the page cancels beforeunload). */
const wouldAskOnUnload = (page) =>
  page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    dispatchEvent(e);
    return e.defaultPrevented;
  });

describe('no lost work', { concurrency: 1 }, () => {
  test('"Save and continue" adds the scenario typed in "Add a scenario"', async () => {
    const p = await open('sp');
    const { page } = p;
    const { api, sra } = await draftOf('sp');
    const before = (await api.get('/sras/' + sra.id)).scenarios.length;
    await page.goto(`/#/sras/${sra.id}/edit/5`);
    await page.locator('[data-testid=add-scenario]').waitFor();

    // Incomplete: the step stays, the missing field is named, nothing is dropped.
    await page.locator('#new-scn-title').fill('Ambush on the airport road');
    await page.locator('[data-testid=next]').click();
    await page.locator('[data-field-error=new-scn-cat]').waitFor();
    assert.match(page.url(), /\/edit\/5$/, 'still on step 5');
    assert.equal(await page.locator('#new-scn-title').inputValue(), 'Ambush on the airport road');

    await page.locator('#new-scn-cat').selectOption({ index: 1 });
    await page.locator('#new-scn-desc').fill('Armed group stops a convoy at the bridge.');
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/\/edit\/6$/);
    const after = await api.get('/sras/' + sra.id);
    assert.equal(after.scenarios.length, before + 1, 'the typed scenario was added');
    const added = after.scenarios.find((s) => s.title === 'Ambush on the airport road');
    assert.ok(added, 'under its title');
    assert.equal(added.description, 'Armed group stops a convoy at the bridge.');
    assert.deepEqual(p.problems, []);
  });

  test('leaving the wizard or the new SRA form with unsaved input asks first', async () => {
    const p = await open('sp');
    const { page } = p;
    const { sra } = await draftOf('sp');
    await page.goto(`/#/sras/${sra.id}/edit/2`);
    await page.locator('#sit-political').waitFor();
    assert.equal(await wouldAskOnUnload(page), false, 'nothing typed: no question');
    await page.locator('#sit-political').fill('Typed, not saved.');
    assert.equal(await wouldAskOnUnload(page), true, 'closing the tab asks');

    // In the app: staying keeps the page and what was typed.
    const asked = new Promise((res) => page.once('dialog', (d) => { res(d.message()); d.dismiss(); }));
    await navTo(page, 'dashboard');
    assert.match(await asked, /not saved/);
    // The dialog is answered asynchronously (playwright's dismiss), then the page restores the address.
    await page.waitForURL(new RegExp(`/sras/${sra.id}/edit/2$`), { timeout: 5000 });
    assert.equal(await page.locator('main h1').count() > 0, true);
    assert.equal(await page.locator('#sit-political').inputValue(), 'Typed, not saved.');

    // Moving between the steps saves, so it does not ask.
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/\/edit\/3$/);
    assert.equal(await wouldAskOnUnload(page), false, 'saved: no question');

    // Leaving anyway is possible.
    await page.goto('/#/sras/new');
    await page.locator('[data-testid=new-sra] #title').fill('Half-typed SRA');
    assert.equal(await wouldAskOnUnload(page), true);
    const left = new Promise((res) => page.once('dialog', (d) => { res(d.message()); d.accept(); }));
    await navTo(page, 'sras');
    assert.match(await left, /not saved/);
    await page.waitForURL(/#\/sras$/);
    // The form is gone once the list is drawn (before that, its guard would still ask).
    await page.locator('[data-testid=new-sra]').waitFor({ state: 'detached' });

    // A clearance request typed and not sent, in the same page right after leaving the new SRA
    // form (this was refused about one run in three: the form's guard outlived the form until the
    // next frame; leaveGuard.ts, leave-guards.test.mjs).
    await page.goto('/#/clearances/new');
    await page.locator('#clr-purpose').waitFor();
    assert.equal(await wouldAskOnUnload(page), false);
    await page.locator('#clr-purpose').fill('Visit the clinic');
    assert.equal(await wouldAskOnUnload(page), true, 'an unsent clearance request asks too');
    assert.deepEqual(p.problems, []);
  });

  test('an EGS go/no-go has no default and is recorded only once confirmed', async () => {
    const p = await open('dss');
    const { page } = p;
    const api = await apiClient(suite.server.base, 'dss');
    const count = async () => (await api.get('/egs-decisions?limit=500')).items.length;
    const n0 = await count();
    await page.goto('/#/egs');
    const form = page.locator('[data-testid=egs-form]');
    await form.waitFor();
    assert.equal(await page.locator('#egs-decision').inputValue(), '', 'no decision chosen for the user');
    const submit = form.getByRole('button', { name: /^record$/i });
    assert.equal(await submit.isDisabled(), true, 'nothing to record before a choice');
    await page.locator('#egs-area').selectOption('area_1');
    await page.locator('#egs-decision').selectOption('no_go');
    await page.locator('#egs-from').fill(day(50));
    await page.locator('#egs-to').fill(day(52));
    await page.locator('#egs-reason').fill('Convoy attacked near the port');
    await submit.click();

    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /No-go/);
    assert.match(text, /travellers concerned/);
    // Focus starts on Cancel and stays inside the dialog.
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'confirm-cancel');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => !!document.activeElement?.closest('dialog')), 'focus stays in the dialog');
    }
    await shot(page, 'confirm-egs');
    // Escape cancels: nothing recorded.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await count(), n0, 'Escape recorded nothing');

    await submit.click();
    await dialog.locator('[data-testid=confirm-ok]').click();
    await page.locator('[data-testid=egs-done]').waitFor();
    assert.equal(await count(), n0 + 1);
    assert.deepEqual(p.problems, []);
  });

  test('"Approve and publish" names the version and the area, and Cancel leaves the SRA as it was', async () => {
    // A complete SRA taken to "endorsed" through the API; the DSS desk publishes it in the browser.
    const { id } = await draftSra(suite.server.base, {
      title: 'Publish check SRA',
      programmes: [{ organization_id: 'org_undp', activity: 'Clinics', pc: 3, international: 1, national: 4 }],
      scenarios: [{
        title: 'Robbery at the clinic', threat_category: 'crime',
        vulnerability: { exposed: 'Clinic staff', weaknesses: 'No guard at night' },
        likelihood: 'Likely', impact: 'Moderate', residual_likelihood: 'Likely', residual_impact: 'Moderate',
        measures: [{ type: 'mitigation', description: 'Night guard', moss_category: 'vehicles', cost_minor: 100000, owner: 'UNDP' }],
      }],
      steps: [['submit', 'sp'], ['review', 'cell'], ['endorse', 'smt']], comment: 'ok',
    });
    await publish(id);
  });
});

async function publish(id) {
  const p = await open('dss');
  const { page } = p;
  const api = await apiClient(suite.server.base, 'dss');
  const doc = await api.get('/sras/' + id);
  await page.goto(`/#/sras/${id}/approvals`);
  await page.locator('[data-action=approve]').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const text = await dialog.innerText();
  assert.ok(text.includes(doc.title), 'names the SRA');
  assert.match(text, new RegExp(`Version ${doc.version}`));
  assert.match(text, /in force for/);
  await dialog.locator('[data-testid=confirm-cancel]').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await api.get('/sras/' + id)).status, 'endorsed', 'Cancel published nothing');
  await page.locator('[data-action=approve]').click();
  await dialog.locator('[data-testid=confirm-ok]').click();
  await page.locator('[data-testid=transition-done]').waitFor();
  assert.equal((await api.get('/sras/' + id)).status, 'published');
  assert.deepEqual(p.problems, []);
}
