// Browser tests of the web UI against a real srm server with demo data (see harness.mjs).
// The tests run in order and share one server: the SRA drafted in the second test is taken to
// publication in the third and checked on the heatmaps and the map afterwards.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, login, shot, unlabelled, useSuite, navTo } from './harness.mjs';

const suite = useSuite();
const state = { sraId: '', title: 'Leppko area SRA 2027' };

const open = (user) => suite.open(user);

function assertClean(p) {
  assert.deepEqual(p.problems, [], 'no CSP violation or page error');
}



describe('OpenSRM web UI', { concurrency: 1 }, () => {
  test('sign-in and dashboard load without CSP violations', async () => {
    const p = await open();
    const { page } = p;
    await page.goto('/');
    await page.locator('#username').waitFor();
    assert.equal(await page.locator('label[for=username]').count(), 1, 'the username input has a label');
    // A wrong password is refused with a message, not a blank page.
    await page.locator('#username').fill('sp');
    await page.locator('#password').fill('wrong');
    await page.locator('form button[type=submit]').click();
    await page.locator('.notice-error').waitFor();
    await login(page, 'sp');
    await page.locator('[data-testid=dash-areas]').waitFor();
    // Keyboard: the first Tab reaches the skip link, which moves focus to the content.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('main') !== null), true, 'Tab continues inside the content');
    const api = await apiClient(suite.server.base, 'sp');
    const areas = (await api.get('/areas')).items;
    assert.equal(await page.locator('[data-testid=dash-areas] tbody tr').count(), areas.length, 'every area is listed');
    // The highest residual heads the list: the demo's Kalari SRA (High, accepted by UNDP's head in
    // Carana), then Sanjar's (Medium).
    const first = page.locator('[data-testid=dash-areas] tbody tr').first();
    assert.equal(await first.getAttribute('data-area'), 'area_3');
    assert.equal(await first.locator('.badge').getAttribute('data-level'), 'High');
    const second = page.locator('[data-testid=dash-areas] tbody tr').nth(1);
    assert.equal(await second.getAttribute('data-area'), 'area_1');
    assert.equal(await second.locator('.badge').getAttribute('data-level'), 'Medium');
    // The demo draft is the security professional's own work (issue 18: not an approval).
    assert.match(await page.locator('[data-testid=dash-drafts]').innerText(), /Northern Province area SRA/);
    await shot(page, '01-dashboard');
    assertClean(p);
  });

  test('security professional drafts an SRA; rating before the vulnerability is refused; submits', async () => {
    const p = await open('sp');
    const { page } = p;
    await page.getByRole('banner').locator('a[href="#/sras/new"]').click();
    await page.locator('[data-testid=new-sra]').waitFor();
    // Validation at the field before anything is sent.
    await page.locator('[data-testid=new-sra] button[type=submit]').click();
    await page.locator('[data-field-error=area_id]').waitFor();
    await page.locator('#area_id').selectOption('area_2');
    await page.locator('#title').fill(state.title);
    await page.locator('#from_date').fill('2027-01-01');
    await page.locator('#trigger').selectOption('new_office');
    // The server's refusal appears at the field it names (scope.to_date).
    await page.locator('#to_date').fill('2026-06-30');
    await page.locator('[data-testid=new-sra] button[type=submit]').click();
    assert.match(await page.locator('[data-field-error=to_date]').innerText(), /before/);
    await page.locator('#to_date').fill('2027-12-31');
    await page.locator('[data-testid=new-sra] button[type=submit]').click();
    await page.waitForURL(/#\/sras\/sra_[^/]+\/edit\/2$/);
    state.sraId = page.url().match(/sras\/(sra_[^/]+)\//)[1];
    const labelled = async () => assert.deepEqual(await unlabelled(page), [], 'every control has a label');
    await labelled();

    // Step 2: situation.
    await page.locator('#sit-political').fill('Local elections in March; tension between the two main parties.');
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/3$/);
    // Step 3: the registered programme of the area.
    await page.locator('[data-add-programme=prg_4]').click();
    await labelled();
    assert.equal(await page.locator('#prog-0-pc').inputValue(), '3');
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/4$/);
    // Step 4: threat rating with the live level.
    await page.locator('[data-threat=crime] input[type=checkbox]').check();
    await page.locator('#thr-crime-intent').selectOption('4');
    await page.locator('#thr-crime-inhibiting').selectOption('2');
    assert.equal(await page.locator('[data-threat=crime] [data-threat-level]').getAttribute('data-threat-level'), '4');
    // Every category is assessed or marked not applicable with a reason (SRM-METHOD.md §7a);
    // hazards are rated on frequency, magnitude and preparedness, not intent.
    for (const cat of ['armed_conflict', 'civil_unrest', 'terrorism', 'hazards'])
      await page.locator(`[data-threat=${cat}] input[type=checkbox]`).first().check();
    await page.locator('[data-testid=thr-terrorism-na]').check();
    await page.locator('#thr-terrorism-na-reason').fill('No terrorist group active around Leppko.');
    assert.equal(await page.locator('#thr-hazards-intent').count(), 0);
    await page.locator('#thr-hazards-frequency').selectOption('4');
    await labelled();
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/5$/);
    // Step 5: one scenario.
    await page.locator('#new-scn-title').fill('Carjacking of a UN vehicle on the Leppko road');
    await page.locator('#new-scn-cat').selectOption('crime');
    await page.locator('[data-testid=add-scenario-btn]').click();
    await page.locator('fieldset[data-scenario]').waitFor();

    // Rule zero: jump to the rating step; before the vulnerability is assessed the rating lists are
    // closed (issue 18: no risk shown that the save would then refuse).
    await page.locator('.stepper [data-step="7"]').click();
    await page.waitForURL(/edit\/7$/);
    const card = page.locator('section[data-scenario]').first();
    const ruleZero = card.locator('[data-testid=rule-zero]');
    assert.match(await ruleZero.innerText(), /Assess the vulnerability first/);
    assert.equal(await card.locator('select[id$=-lik]').isDisabled(), true, 'no likelihood before the vulnerability');
    assert.equal(await card.locator('select[id$=-imp]').isDisabled(), true, 'no impact before the vulnerability');
    await shot(page, '02-rule-zero');
    let doc = await (await apiClient(suite.server.base, 'sp')).get('/sras/' + state.sraId);
    assert.equal(doc.scenarios[0].likelihood, null, 'the scenario is unrated');

    // Assess the vulnerability, then the rating opens.
    await ruleZero.locator('a').click();
    await page.waitForURL(/edit\/6$/);
    await page.locator('textarea[id$=-exposed]').fill('International and national staff driving between Leppko and the capital');
    await page.locator('textarea[id$=-weak]').fill('Soft-skin vehicles; no convoy procedure; travel after dark');
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/7$/);
    await card.locator('select[id$=-lik]').selectOption('Likely');
    await card.locator('select[id$=-imp]').selectOption('Severe');
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/8$/);
    // Step 8: a measure.
    await page.locator('[data-add-measure]').click();
    await page.locator('input[id$=-m0-desc]').fill('Armoured vehicles and convoy procedure with radio checks');
    await page.locator('select[id$=-m0-cat]').selectOption('vehicles');
    await page.locator('input[id$=-m0-cost]').fill('12000');
    await page.locator('input[id$=-m0-owner]').fill('UNDP operations');
    await page.locator('select[id$=-m0-status]').selectOption('in_progress');
    await labelled();
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/9$/);
    assert.match(await page.locator('section[data-scenario] .hint').first().innerText(), /Armoured vehicles/);
    // Step 9: residual rating, with both heatmaps.
    await page.locator('select[id$=-rlik]').selectOption('Unlikely');
    await page.locator('[data-testid=save]').click();
    await page.locator('[data-heatmap=residual] [data-likelihood=Unlikely][data-impact=Severe][data-count="1"]').waitFor();
    await shot(page, '03-wizard-residual', 'wizard');
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/10$/);
    // Step 10: acceptability per activity: residual Medium within PC3's limit Medium.
    const row = page.locator('[data-testid=acceptability] tbody tr').first();
    assert.equal(await row.getAttribute('data-acceptable'), 'yes');
    assert.match(await row.innerText(), /Medium is within PC3’s limit Medium/);
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/11$/);
    assert.equal(await page.locator('[data-testid=checklist] li.ko').count(), 0, 'nothing is missing');
    await page.locator('#submit-comment').fill('First assessment of Leppko.');
    await page.locator('[data-testid=submit-sra]').click();
    await page.waitForURL(/approvals$/);
    await page.locator('.chip[data-status=in_review]').first().waitFor();
    doc = await (await apiClient(suite.server.base, 'sp')).get('/sras/' + state.sraId);
    assert.equal(doc.status, 'in_review');
    assert.equal(doc.overall_current_risk, 'High');
    assert.equal(doc.overall_residual_risk, 'Medium');
    assert.equal(doc.scenarios[0].measures[0].cost_minor, 1200000, '12000 typed in major units, stored in cents');
    await shot(page, '04-submitted');
    assertClean(p);
  });

  test('security cell, SMT and DSS take the SRA to publication', async () => {
    assert.ok(state.sraId, 'the SRA of the previous test exists');
    for (const [user, action] of [['cell', 'review'], ['smt', 'endorse'], ['dss', 'approve']]) {
      const p = await open(user);
      const { page } = p;
      // The dashboard lists the SRA among the ones waiting for this user.
      await page.locator(`[data-testid=dash-inbox] a[href="#/sras/${state.sraId}/approvals"]`).waitFor();
      if (user === 'dss') await shot(page, '05-dashboard-dss', 'dashboard');
      await navTo(page, 'inbox');
      await page.locator(`[data-testid=inbox] [data-sra="${state.sraId}"] a`).click();
      await page.waitForURL(new RegExp(state.sraId + '/approvals$'));
      if (user === 'smt') {
        // Returning needs a reason: the message appears at the comment field.
        await page.locator('[data-action=return]').click();
        await page.locator('[data-field-error=transition-comment]').waitFor();
      }
      await page.locator('#transition-comment').fill(`${action} by ${user}: agreed.`);
      await page.locator(`[data-action=${action}]`).click();
      if (action === 'approve') {
        // Publishing is asked first, naming the version and the area it will be in force for.
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        assert.match(await dialog.innerText(), /in force for/);
        await dialog.locator('[data-testid=confirm-ok]').click();
      }
      await page.locator('[data-testid=transition-done]').waitFor();
      await shot(page, `05-${action}`);
      if (user === 'dss') {
        const history = await page.locator('[data-testid=history] li').count();
        assert.equal(history, 4, 'submit, review, endorse and approve are in the history');
        assert.match(await page.locator('[data-testid=history]').innerText(), /endorse by smt: agreed\./);
        // Edit and Revise follow the server's "actions": the DSS desk conducts no SRA.
        assert.equal(await page.locator('[data-testid=edit-sra], [data-testid=revise-sra]').count(), 0, 'no Edit or Revise for the DSS desk');
        await page.locator('[data-tab=audit]').click();
        await page.locator('[data-testid=audit]').waitFor();
        const api = await apiClient(suite.server.base, 'dss');
        const audit = await api.get('/sras/' + state.sraId + '/audit?limit=500');
        assert.equal(await page.locator('[data-testid=audit] tbody tr').count(), audit.items.length);
        await page.locator('[data-tab=changes]').click();
        await page.locator('[data-testid=diff-none]').waitFor();
        await shot(page, '06-audit');
      }
      assertClean(p);
    }
    const doc = await (await apiClient(suite.server.base, 'sp')).get('/sras/' + state.sraId);
    assert.equal(doc.status, 'published');
    assert.ok(doc.review_due, 'a published SRA has a review date');
  });

  test('heatmap counts match the API, and a cell lists its scenarios', async () => {
    const p = await open('dss');
    const { page } = p;
    const api = await apiClient(suite.server.base, 'dss');
    const published = (await api.get('/sras?status=published')).items;
    assert.ok(published.length >= 2);
    for (const s of published) {
      const doc = await api.get('/sras/' + s.id);
      await page.goto('/#/sras/' + s.id);
      await page.locator('[data-heatmap=current] .hm-cell').first().waitFor();
      for (const mode of ['current', 'residual']) {
        const expected = new Map();
        for (const sc of doc.scenarios) {
          if (!sc.likelihood) continue;
          const l = mode === 'current' ? sc.likelihood : sc.residual_likelihood ?? sc.likelihood;
          const i = mode === 'current' ? sc.impact : sc.residual_impact ?? sc.impact;
          expected.set(l + '|' + i, (expected.get(l + '|' + i) ?? 0) + 1);
        }
        const cells = await page.locator(`[data-heatmap=${mode}] .hm-cell`).evaluateAll((els) =>
          els.map((e) => [e.dataset.likelihood + '|' + e.dataset.impact, Number(e.dataset.count), (e.querySelector('.hm-n')?.textContent ?? '').trim()]));
        assert.equal(cells.length, 25, '5 x 5 cells');
        for (const [key, n, text] of cells) {
          assert.equal(n, expected.get(key) ?? 0, `${s.title} ${mode} ${key}`);
          assert.equal(text, n ? String(n) : '');
        }
      }
      // Clicking a cell with scenarios lists them by title.
      const sc = doc.scenarios[0];
      await page.locator(`[data-heatmap=current] [data-likelihood="${sc.likelihood}"][data-impact="${sc.impact}"]`).click();
      assert.match(await page.locator('[data-testid=hm-list-current]').innerText(), new RegExp(sc.title.slice(0, 20)));
    }
    await shot(page, '07-heatmaps');
    assertClean(p);
  });

  test('map colours and labels match the API', async () => {
    const p = await open('smt');
    const { page } = p;
    const api = await apiClient(suite.server.base, 'smt');
    const areas = (await api.get('/areas')).items;
    const published = (await api.get('/sras?status=published')).items;
    await navTo(page, 'map');
    await page.locator('svg.map g[data-area-id]').first().waitFor();
    // The country boundaries load offline from the bundle.
    await page.locator('svg.map path.country').first().waitFor();
    const legend = new Map(await page.locator('[data-testid=legend] li').evaluateAll((els) =>
      els.map((li) => [li.dataset.level, getComputedStyle(li.querySelector('.swatch')).backgroundColor])));
    for (const a of areas) {
      const s = published.find((x) => x.area_id === a.id);
      const level = s ? s.overall_residual_risk : '';
      const g = page.locator(`svg.map g[data-area-id="${a.id}"]`);
      assert.equal(await g.getAttribute('data-level'), level, a.name);
      const fill = await g.locator('path').evaluate((e) => getComputedStyle(e).fill);
      assert.equal(fill, legend.get(level), `${a.name}: the colour is the legend's for ${level || 'not assessed'}`);
      const label = await page.locator(`svg.map [data-area-label="${a.id}"]`).textContent();
      assert.ok(label.includes(a.name), `${a.name} is written on the map`);
      assert.ok(label.includes(level || 'Not assessed'), `${a.name}: the level is written, not only coloured`);
    }
    // Leppko is now Medium, like Sanjar.
    assert.equal(await page.locator('svg.map g[data-area-id=area_2]').getAttribute('data-level'), 'Medium');
    // Keyboard: the map takes focus and zooms with "+".
    const vb = await page.locator('svg.map').getAttribute('viewBox');
    await page.locator('svg.map').focus();
    await page.keyboard.press('+');
    assert.notEqual(await page.locator('svg.map').getAttribute('viewBox'), vb);
    await page.getByRole('button', { name: 'Zoom to Carana' }).click();
    await shot(page, '08-map');
    assertClean(p);
  });

  test('French and Arabic: complete catalogs, Arabic lays out right to left', async () => {
    const p = await open('sp');
    const { page } = p;
    await page.locator('#lang-select').selectOption('fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.equal(await page.locator('[data-nav=dashboard]').innerText(), 'Tableau de bord');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    await page.locator('#lang-select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
    // Right to left: the first navigation item sits to the right of the last one.
    const items = page.locator('.mainnav > ul > li');
    const first = await items.first().boundingBox();
    const last = await items.last().boundingBox();
    assert.ok(first.x > last.x, `first nav item (x=${first.x}) is right of the last (x=${last.x})`);
    const brand = await page.locator('.brand').boundingBox();
    assert.ok(brand.x > 680, 'the brand is on the right');
    assert.match(await page.locator('main h1').innerText(), /[\u0600-\u06FF]/, 'the heading is in Arabic');
    await shot(page, '09-arabic-dashboard');
    await page.goto('/#/sras/' + state.sraId);
    await page.locator('[data-heatmap=current]').waitFor();
    await shot(page, '10-arabic-sra');
    // The choice survives a reload.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    assertClean(p);
  });

  test('a 403 from the API shows a clear message, not a blank page', async () => {
    const p = await open('auditor');
    const { page } = p;
    await page.goto('/#/sras/new');
    await page.locator('#area_id').selectOption('area_3');
    await page.locator('#title').fill('Not mine to draft');
    await page.locator('[data-testid=new-sra] button[type=submit]').click();
    const box = page.locator('[data-testid=forbidden]');
    await box.waitFor();
    assert.match(await box.innerText(), /You are not allowed to do this/);
    assert.match(await box.innerText(), /security professional/);
    assert.ok(await page.locator('main h1').isVisible(), 'the page is still there');
    await shot(page, '11-forbidden');
    assertClean(p);
  });

  test('an expired session returns to sign-in and the form being edited is restored', async () => {
    const p = await open('sp');
    const { page, context } = p;
    const api = await apiClient(suite.server.base, 'sp');
    const draft = (await api.get('/sras?status=draft')).items.find((s) => s.area_id === 'area_5');
    await page.goto(`/#/sras/${draft.id}/edit/2`);
    const text = 'Armed movement checkpoints reported on the Mahbek road since Monday.';
    await page.locator('#sit-threat_actors').fill(text);
    await page.locator('[data-testid=save-state]').filter({ hasText: 'Unsaved' }).waitFor();
    // The session ends (cookie gone) while the form is being edited.
    await context.clearCookies();
    await page.locator('[data-testid=next]').click();
    await page.locator('[data-testid=session-expired]').waitFor();
    await shot(page, '12-session-expired');
    await page.locator('#username').fill('sp');
    await page.locator('#password').fill('demo');
    await page.locator('form button[type=submit]').click();
    await page.locator('[data-testid=draft-restored]').waitFor();
    assert.match(page.url(), new RegExp(`${draft.id}/edit/2$`), 'back on the same step');
    assert.equal(await page.locator('#sit-threat_actors').inputValue(), text);
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/3$/);
    const doc = await api.get('/sras/' + draft.id);
    assert.equal(doc.situation.threat_actors, text, 'the restored text was saved');
    assertClean(p);
  });

  test('a new version shows its changes against the published one', async () => {
    const p = await open('sp');
    const { page } = p;
    await page.goto('/#/sras/' + state.sraId);
    await page.getByRole('button', { name: 'Start a new version' }).click();
    await page.waitForURL(/edit\/1$/);
    const v2 = page.url().match(/sras\/(sra_[^/]+)\//)[1];
    assert.notEqual(v2, state.sraId);
    await page.locator('.stepper [data-step="2"]').click();
    await page.waitForURL(/edit\/2$/);
    await page.locator('#sit-political').fill('Elections postponed; curfew in the capital.');
    await page.locator('[data-testid=next]').click();
    await page.waitForURL(/edit\/3$/);
    await page.goto(`/#/sras/${v2}/changes`);
    const diff = page.locator('[data-testid=diff]');
    await diff.waitFor();
    const text = await diff.innerText();
    // In words (issue 18): the field by its name, never a JSON pointer.
    assert.match(text, /Situation: Political/);
    assert.doesNotMatch(text, /\/situation\//);
    assert.match(text, /Elections postponed/);
    assert.match(text, /Local elections in March/);
    await shot(page, '13-diff');
    // Version 2 is in progress: version 1 offers no second one (the server's "revise" action).
    await page.goto('/#/sras/' + state.sraId);
    await page.locator('.sra-view .page-head').filter({ hasText: 'Version 1' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Start a new version' }).count(), 0);
    assertClean(p);
  });

  test('signing out leaves no draft on this device and ends the session', async () => {
    const p = await open('sp');
    const { page } = p;
    const api = await apiClient(suite.server.base, 'sp');
    const draft = (await api.get('/sras?status=draft')).items.find((s) => s.area_id === 'area_5');
    await page.goto(`/#/sras/${draft.id}/edit/2`);
    await page.locator('#sit-threat_actors').fill('Typed on a shared computer, never saved.');
    await page.locator('[data-testid=save-state]').filter({ hasText: 'Unsaved' }).waitFor();
    const drafts = () =>
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('srm.draft.')).length);
    assert.ok((await drafts()) > 0, 'the unsaved form is kept on this device meanwhile');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#username').waitFor();
    assert.equal(await drafts(), 0, 'signing out clears every kept draft');
    const me = await page.evaluate(() => fetch('/api/v1/auth/me', { credentials: 'same-origin' }).then((r) => r.status));
    assert.equal(me, 401, 'the session is over');
    assertClean(p);
  });
});
