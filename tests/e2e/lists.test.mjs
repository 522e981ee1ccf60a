// Browser tests of what every list and every decision page shares: a list longer than one page
// reads its next page with "Load more" (the server's next_cursor), and the reasons and
// notifications the server sends as codes are written in the user's language (French, Arabic),
// never as the server's English text. One demo server, in order.
// Run: cd tests/e2e && node --test --test-concurrency=1 lists.test.mjs (after scripts/e2e.sh built web/dist).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, setLanguage, shot, useSuite } from './harness.mjs';

const suite = useSuite();
const state = { requestId: '', referredLeg: null, clearedLeg: null };
const PAGE = 100; // the page size of the UI's list hook (web/src/useList.ts)

/** An API client that also writes, for driving the workflow. */
function apiAs(user) {
  return apiClient(suite.server.base, user);
}

const open = (user) => suite.open(user);

describe('Paged lists and server codes in the user language', { concurrency: 1 }, () => {
  test('a list longer than one page reads its second page with "Load more"', async () => {
    const fin = await apiAs('finance');
    const first = await fin.get('/clearances?limit=1');
    const missing = Math.max(0, PAGE + 5 - first.total);
    for (let i = 0; i < missing; i++) {
      await fin.post('/clearances', {
        activity: 'Warehouse stock count ' + (i + 1),
        programme_id: 'prg_1', // issue 14: the PC comes from the programme's assessment, not declared
        legs: [{ area_id: 'area_1', from: day(30 + (i % 20)), to: day(31 + (i % 20)) }],
      });
    }
    const total = (await fin.get('/clearances?limit=1')).total;
    assert.ok(total > PAGE, 'more requests than one page: ' + total);

    const p = await open('finance');
    const { page } = p;
    await page.goto('/#/clearances');
    const rows = page.locator('[data-testid=clearances] tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), PAGE, 'the first page');
    const more = page.locator('[data-testid=load-more] button');
    assert.equal((await more.textContent()).trim(), 'Load more');
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=clearances] tbody tr').length === n, total);
    assert.equal(await rows.count(), total, 'the second page follows the first');
    assert.equal(await more.count(), 0, 'no third page');
    assert.match(await page.locator('[data-testid=list-count]').textContent(), new RegExp(`${total}\\D+${total}`));
    const ids = await rows.evaluateAll((els) => els.map((e) => e.dataset.clearance));
    assert.equal(new Set(ids).size, total, 'no request shown twice');
    assert.deepEqual(p.problems, []);
  });

  // Issue 14: the DSS security adviser (sp) decides a referred leg; the security cell only advises.
  test('a request: one leg referred (no SRA), one cleared; the DSS security adviser approves the referred one', async () => {
    const fin = await apiAs('finance');
    const req = await fin.post('/clearances', {
      activity: 'Nutrition survey',
      programme_id: 'prg_1', // WFP's food assistance, assessed PC1 in the demo
      legs: [
        { area_id: 'area_1', from: day(20), to: day(22) },
        { area_id: 'area_5', from: day(23), to: day(24) },
      ],
    });
    state.requestId = req.id;
    state.referredLeg = req.legs.find((l) => l.status === 'referred');
    state.clearedLeg = req.legs.find((l) => l.status === 'cleared');
    assert.ok(state.referredLeg && state.clearedLeg, 'one leg of each');
    assert.ok(state.referredLeg.reasons.some((r) => r.code === 'no_sra'));
    assert.ok(state.clearedLeg.reasons.some((r) => r.code === 'sra_current'));
    const sp = await apiAs('sp');
    await sp.post(`/clearances/${req.id}/legs/${state.referredLeg.id}/decision`, { action: 'approve', comment: 'Escort arranged' });
    const unread = (await fin.get('/notifications?unread=true&limit=100')).items;
    assert.ok(unread.some((n) => n.type === 'clearance_decided' && n.object_id === req.id), 'finance is told');
  });

  // Every reason of both legs is written from its code; none is the server's English message.
  async function checkReasons(page, expect) {
    await page.goto('/#/clearances/' + state.requestId);
    await page.locator('[data-testid=clearance-status]').waitFor();
    for (const leg of [state.referredLeg, state.clearedLeg]) {
      const row = page.locator(`[data-leg="${leg.id}"]`);
      const shown = await row.locator('[data-reason]').evaluateAll((els) => els.map((e) => [e.dataset.reason, e.textContent.trim()]));
      assert.deepEqual(shown.map(([c]) => c), leg.reasons.map((r) => r.code), leg.id + ': one line per reason');
      for (const [i, [code, text]] of shown.entries()) {
        assert.notEqual(text, leg.reasons[i].message, `${code}: not the server's English`);
        assert.ok(text.length > 10, `${code}: a sentence`);
      }
    }
    const referred = page.locator(`[data-leg="${state.referredLeg.id}"]`);
    assert.match(await referred.locator('[data-reason=no_sra]').textContent(), expect.noSra);
    const cleared = page.locator(`[data-leg="${state.clearedLeg.id}"]`);
    // Issue 18 (plain language): the leg's SRA is named by its title, never by its id.
    const title = (await apiAs('finance').then((a) => a.get('/sras/' + state.clearedLeg.sra_id))).title;
    await page.waitForFunction(([id, t]) => document.querySelector(`[data-leg="${id}"] [data-reason=sra_current]`)?.textContent?.includes(t), [state.clearedLeg.id, title]);
    const current = await cleared.locator('[data-reason=sra_current]').textContent();
    assert.match(current, expect.sraCurrent);
    assert.ok(current.includes('“' + title + '”') && !current.includes(state.clearedLeg.sra_id), 'the sentence names the SRA from the leg by its title: ' + current);
    assert.match(await cleared.locator('[data-reason=no_egs_no_go]').textContent(), expect.noEgs);
  }

  test('reasons and notifications in French', async () => {
    const p = await open('finance');
    const { page } = p;
    await setLanguage(page, 'fr');
    await checkReasons(page, {
      noSra: /^La zone n’a pas d’ERS publiée : l’autorisation ne peut pas être automatique/,
      sraCurrent: /^L’ERS publiée .+ de la zone est en vigueur\.$/,
      noEgs: /^Aucun no-go du Groupe exécutif pour la sécurité ne couvre la période du .+ au .+\.$/,
    });
    await shot(page, 'clearance-reasons-fr');
    await page.goto('/#/clearances');
    const note = page.locator('[data-testid=notifications]');
    await note.waitFor();
    const row = note.locator('[data-type=clearance_decided]').first();
    const text = await row.locator('a').textContent();
    assert.equal(text, 'Une étape de votre autorisation a été approuvée');
    assert.equal(await row.locator('a').getAttribute('href'), '#/clearances/' + state.requestId);
    assert.doesNotMatch(await note.textContent(), /Your clearance|was approved by/);
    assert.deepEqual(p.problems, []);
  });

  test('reasons and notifications in Arabic, and an activity decision\'s reasons', async () => {
    const p = await open('finance');
    const { page } = p;
    await setLanguage(page, 'ar');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await checkReasons(page, {
      noSra: /^لا يوجد تقييم منشور للمنطقة: لا يمكن أن يكون التصريح تلقائيًا/,
      sraCurrent: /^تقييم المنطقة المنشور .+ ساري المفعول\.$/,
      noEgs: /^لا يوجد قرار بعدم المضي من الفريق التنفيذي المعني بالأمن يشمل الفترة من .+ إلى .+\.$/,
    });
    await shot(page, 'clearance-reasons-ar');
    // The dashboard's card of changes.
    await page.goto('/#/');
    const changes = page.locator('[data-testid=dash-changes]');
    await changes.waitFor();
    const row = changes.locator('[data-type=clearance_decided][data-after=approved]').first();
    assert.equal(await row.locator('a').textContent(), 'تمت الموافقة على مرحلة من تصريحك');
    assert.doesNotMatch(await row.textContent(), /clearance|approved/i, 'no English left');
    // Acceptable risk per activity: each reason from its code, none in the server's English.
    await page.goto('/#/activities');
    // Sanjar, where WFP has activities (the page may open on Kalari, the demo's other published area).
    await page.locator('[data-testid=activities-area]').selectOption('area_1');
    const cards = page.locator('[data-testid=activities] [data-activity]');
    await cards.first().waitFor();
    const area = await page.locator('[data-testid=activities-area]').inputValue();
    const fin = await apiAs('finance');
    const decisions = (await fin.get('/activities?area_id=' + encodeURIComponent(area))).items;
    assert.ok(decisions.length > 0);
    for (const a of decisions) {
      const card = page.locator(`[data-activity="${a.programme_id}"]`);
      const texts = await card.locator('[data-testid=activity-reasons] [data-reason]').evaluateAll((els) => els.map((e) => e.textContent.trim()));
      assert.equal(texts.length, a.reasons.length, a.programme_id);
      for (const [i, text] of texts.entries()) {
        assert.notEqual(text, a.reasons[i].message, `${a.programme_id} ${a.reasons[i].code}: not the server's English`);
        assert.match(text, /[\u0600-\u06FF]/, `${a.programme_id} ${a.reasons[i].code}: in Arabic`);
      }
    }
    assert.deepEqual(p.problems, []);
  });
});
