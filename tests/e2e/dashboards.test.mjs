// Issue 18, finding 8 (dashboards): "every role gets the same dashboard; 'Approvals' counts the
// assessor's own drafts; the auditor has no audit page across SRAs". Each role's dashboard now
// starts with what that person must do today: the assessor their returned SRAs, reviews due and own
// drafts (and the Approvals badge counts no draft); the security cell, SMT and DSS desk what waits
// for their step with its age, oldest first; a traveller their clearance requests; the auditor the
// audit chain's status and the latest SRA reads, with a page of audit entries across SRAs whose
// filters stay in the address bar, which no other role can open. Once in French, and at 390 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, setLanguage, shot, sidewaysOverflow, submittedSra as harnessSubmittedSra, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const submittedSra = async (title, area) => (await harnessSubmittedSra(suite.server.base, title, area)).id;

async function dashboard(page) {
  await page.goto('/#/');
  await page.locator('[data-testid=dash-today]').waitFor();
}

describe('role dashboards and the audit page (finding 8)', { concurrency: 1 }, () => {
  test('the assessor: returned SRAs with why and their own drafts first; Approvals counts no draft', async () => {
    const sp = await apiClient(suite.server.base, 'sp');
    const drafts = (await sp.get('/sras?status=draft&limit=100')).items;
    assert.ok(drafts.some((s) => s.title === 'Northern Province area SRA'), 'the demo has a draft of sp');
    const returned = await submittedSra('Returned to the assessor');
    await (await apiClient(suite.server.base, 'cell')).post(`/sras/${returned}/transitions`,
      { action: 'return', comment: 'Add the night-time convoy scenario.' });

    const { page, problems } = await suite.open('sp');
    await dashboard(page);
    // Before issue 18 the "Approvals" badge counted the assessor's own drafts.
    assert.equal(await page.locator('.mainnav a[data-nav=inbox] .count').count(), 0, 'no approval waits for the assessor');
    assert.equal((await sp.get('/inbox')).items.length, 0, 'the approvals inbox holds no draft');
    const ret = page.locator(`[data-testid=dash-returned] li[data-sra="${returned}"]`);
    assert.match(await ret.innerText(), /Add the night-time convoy scenario/);
    assert.match(await ret.innerText(), /Chloe Security Cell/);
    assert.match(await page.locator('[data-testid=dash-drafts]').innerText(), /Northern Province area SRA/);
    // The assessor decides nothing: no "waiting for my action" list of their own drafts.
    assert.equal(await page.locator('[data-testid=dash-inbox]').count(), 0);
    // The returned SRA comes before the general figures.
    const order = await page.evaluate(() => {
      const today = document.querySelector('[data-testid=dash-today]');
      const stats = document.querySelector('.stats');
      return !!(today.compareDocumentPosition(stats) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(order, 'today\'s cards come first');
    await shot(page, 'dash-assessor', 'dashboard-assessor');
    assert.deepEqual(problems, []);
  });

  test('the security cell, SMT and DSS: what waits for their step, oldest first, with its age', async () => {
    const first = await submittedSra('Waits for the cell, first');
    const second = await submittedSra('Waits for the cell, second');
    const cell = await suite.open('cell');
    await dashboard(cell.page);
    const rows = cell.page.locator('[data-testid=dash-inbox] li');
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-sra')));
    assert.ok(ids.indexOf(first) >= 0 && ids.indexOf(first) < ids.indexOf(second), 'oldest first: ' + ids.join(','));
    const row = cell.page.locator(`[data-testid=dash-inbox] li[data-sra="${first}"]`);
    assert.match(await row.locator('.age').innerText(), /waiting/i);
    assert.match(await row.innerText(), /to review/);
    assert.match(await row.innerText(), /from Samir Security Professional/);
    assert.equal(await cell.page.locator('[data-testid=dash-drafts]').count(), 0, 'the cell drafts nothing');

    // Reviewed by the cell, it waits for the SMT, not the cell.
    await (await apiClient(suite.server.base, 'cell')).post(`/sras/${first}/transitions`, { action: 'review', comment: 'ok' });
    const smt = await suite.open('smt');
    await dashboard(smt.page);
    const endorse = smt.page.locator(`[data-testid=dash-inbox] li[data-sra="${first}"]`);
    assert.match(await endorse.innerText(), /to endorse/);
    assert.match(await endorse.innerText(), /from Chloe Security Cell/);
    assert.equal(await smt.page.locator(`[data-testid=dash-inbox] li[data-sra="${second}"]`).count(), 0);

    // The DSS desk: the clearance legs referred to it, with their age.
    const dss = await suite.open('dss');
    await dashboard(dss.page);
    const legs = dss.page.locator('[data-testid=dash-legs] li');
    assert.ok((await legs.count()) > 0, 'the demo\'s referred leg waits for the DSS desk');
    assert.match(await legs.first().locator('.age').innerText(), /waiting/i);
    await shot(dss.page, 'dash-dss', 'dashboard-dss');
    for (const p of [cell, smt, dss]) assert.deepEqual(p.problems, []);
  });

  test('a traveller sees their own clearance requests and their states', async () => {
    const fin = await apiClient(suite.server.base, 'finance');
    const mine = (await fin.get('/dashboard')).my_requests;
    assert.ok(mine.length > 0, 'the demo has requests of finance');
    const { page, problems } = await suite.open('finance');
    await dashboard(page);
    const list = page.locator('[data-testid=dash-requests]');
    assert.equal(await list.locator('li').count(), mine.length);
    assert.equal(await list.locator('li').first().getAttribute('data-status'), mine[0].status);
    assert.equal(await page.locator('[data-testid=dash-inbox]').count(), 0);
    assert.deepEqual(problems, []);
  });

  test('the auditor: chain status and recent reads, then the audit page across SRAs with filters in the address', async () => {
    const a = await submittedSra('Audited across SRAs A', 'area_7');
    const b = await submittedSra('Audited across SRAs B', 'area_8');
    const { page, problems } = await suite.open('auditor');
    // A read the auditor makes shows among the recent reads (written a moment later).
    await page.goto(`/#/sras/${a}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(600);
    await dashboard(page);
    const card = page.locator('[data-testid=dash-audit]');
    assert.equal(await card.getAttribute('data-ok'), 'true');
    assert.match(await card.innerText(), /Verified: \d+ entries/);
    assert.match(await card.innerText(), /Last signed checkpoint: entry \d+/);
    await page.locator('[data-testid=dash-access] li').first().waitFor();
    assert.match(await page.locator('[data-testid=dash-access]').innerText(), /auditor/);

    await page.locator('[data-testid=dash-audit-link]').click();
    await page.waitForURL(/#\/audit$/);
    await page.locator('[data-testid=audit-chain][data-ok=true]').waitFor();
    await page.locator('[data-testid=audit-entries] li').first().waitFor();
    const sras = new Set(await page.locator('[data-testid=audit-entries] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-sra'))));
    assert.ok(sras.has(a) && sras.has(b), 'entries of several SRAs on one page');
    assert.match(await page.locator(`[data-testid=audit-entries] li[data-sra="${a}"]`).first().innerText(), /Audited across SRAs A/);
    // Filter by SRA and by action: kept in the address bar, so the view can be shared.
    await page.locator('[data-testid=audit-sra]').selectOption(a);
    await page.waitForURL(new RegExp('#/audit\\?sra=' + a));
    await page.locator('[data-testid=audit-action]').selectOption('sra.transition.');
    await page.waitForURL(/action=sra\.transition\./);
    // The list reads again after each filter change (empty while it loads, and the SRA filter's
    // answer holds the same entry): wait until it shows what both filters ask for, then compare.
    const want = [`${a} sra.transition.submit`];
    let shown = [];
    for (let tries = 0; tries < 100; tries++) {
      shown = await page.locator('[data-testid=audit-entries] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-sra') + ' ' + e.getAttribute('data-action')));
      if (JSON.stringify(shown) === JSON.stringify(want)) break;
      await page.waitForTimeout(100);
    }
    assert.deepEqual(shown, want);
    await page.reload();
    await page.locator(`[data-testid=audit-entries] li[data-action="sra.transition.submit"]`).waitFor();
    assert.equal(await page.locator('[data-testid=audit-sra]').inputValue(), a, 'the filter came back from the address');
    await shot(page, 'audit-page', 'audit-page');

    // In French: the same page in French words.
    await setLanguage(page, 'fr');
    await page.locator('main h1', { hasText: 'Journal d’audit des ERS' }).waitFor();
    assert.match(await page.locator('[data-testid=audit-chain]').innerText(), /Vérifiée : \d+ entrées/);
    assert.match(await page.locator('[data-testid=audit-entries]').innerText(), /Soumettre/);
    await setLanguage(page, 'en');
    assert.deepEqual(problems, []);
  });

  test('another role cannot open the audit page', async () => {
    for (const user of ['cell', 'sp']) {
      const { page } = await suite.open(user);
      await page.goto('/#/audit');
      await page.locator('main .notice-error, main .notice-forbidden').first().waitFor();
      assert.equal(await page.locator('[data-testid=audit-entries]').count(), 0, user);
      assert.equal(await page.locator('.mainnav a[data-nav=audit]').count(), 0, user + ' has no audit entry in the menu');
      const api = await apiClient(suite.server.base, user);
      await assert.rejects(api.get('/audit/sras'), /403/);
    }
  });

  test('on a 390 px phone the dashboards and the audit page do not scroll sideways', async () => {
    for (const user of ['sp', 'cell', 'auditor']) {
      const { page } = await suite.open(user, PHONE);
      for (const lang of ['en', 'ar']) {
        await dashboard(page);
        if (lang !== 'en') await setLanguage(page, lang);
        await page.locator('[data-testid=dash-today]').waitFor();
        assert.ok((await sidewaysOverflow(page)) <= 1, `${user} ${lang}: the dashboard scrolls sideways by ${await sidewaysOverflow(page)}px`);
        if (user === 'auditor') {
          await page.goto('/#/audit');
          await page.locator('[data-testid=audit-entries] li').first().waitFor();
          assert.ok((await sidewaysOverflow(page)) <= 1, `${lang}: the audit page scrolls sideways by ${await sidewaysOverflow(page)}px`);
          await shot(page, 'phone-audit-' + lang, lang === 'ar' ? 'phone-audit-ar' : undefined);
        }
      }
      await setLanguage(page, 'en');
    }
  });
});
