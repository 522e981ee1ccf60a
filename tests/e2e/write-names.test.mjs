// Issue 18: what the UI shows from the answer of an SRA write names people as a read
// does. The assessor saves a step of a returned SRA in the wizard: the "Returned by" notice, drawn
// from the save's answer, keeps the reviewer's display name (it turned into the username "cell"
// when write answers carried no names). The reviewer returns an SRA and the read that follows the
// transition is lost: the page falls back on the transition's answer, whose history names who
// acted. At 390 px phone width, in English, French and Arabic.
// Run: cd tests/e2e && node --test --test-concurrency=1 write-names.test.mjs (after scripts/e2e.sh built web/dist).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, setLanguage, shot, sidewaysOverflow, submittedSra, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LANGS = ['en', 'fr', 'ar'];
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function displayNames() {
  const users = (await (await apiClient(suite.server.base, 'admin')).get('/users?limit=500')).items;
  return (username) => users.find((u) => u.username === username).display_name;
}

describe('write answers name who acted', { concurrency: 1 }, () => {
  test('the wizard keeps the reviewer\'s name in "Returned by" after a save, in each language', async () => {
    const nameOf = await displayNames();
    assert.notEqual(nameOf('cell'), 'cell');
    const { page, problems } = await suite.open('sp', PHONE);
    for (const lang of LANGS) {
      const { id } = await submittedSra(suite.server.base, 'Saved while returned ' + lang);
      await (await apiClient(suite.server.base, 'cell')).post('/sras/' + id + '/transitions', { action: 'return', comment: 'Rate the road again.' });
      await page.goto('/#/');
      await page.locator('main h1').first().waitFor();
      if (lang !== 'en') await setLanguage(page, lang);
      await page.goto(`/#/sras/${id}/edit/1`);
      const notice = page.locator('[data-testid=return-reason]');
      await notice.waitFor();
      assert.match(await notice.innerText(), new RegExp(esc(nameOf('cell')) + ' \\('), `${lang}: named on opening`);
      // A save: the wizard takes the PUT's answer as its document.
      await page.locator('#title').fill('Saved while returned ' + lang + ' (edited)');
      const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/v1/sras/' + id));
      await page.locator('[data-testid=save]').click();
      const answer = await (await saved).json();
      assert.equal(answer.title, 'Saved while returned ' + lang + ' (edited)');
      await page.locator('[data-testid=save-state]').filter({ hasText: /\d/ }).waitFor();
      const text = await notice.innerText();
      assert.match(text, new RegExp(esc(nameOf('cell')) + ' \\('), `${lang}: still named after the save: ${text}`);
      assert.ok(!/\bcell \(/.test(text), `${lang}: no username in the notice: ${text}`);
      assert.ok((await sidewaysOverflow(page)) <= 1, `${lang}: the wizard fits the phone`);
      if (lang === 'ar') await shot(page, 'write-names-wizard-ar');
    }
    assert.deepEqual(problems, []);
  });

  test('a return whose following read is lost still names who acted, in each language', async () => {
    const nameOf = await displayNames();
    const rv = await suite.open('cell', PHONE);
    const { page } = rv;
    for (const lang of LANGS) {
      const { id } = await submittedSra(suite.server.base, 'Returned, read lost ' + lang);
      await page.goto('/#/');
      await page.locator('main h1').first().waitFor();
      if (lang !== 'en') await setLanguage(page, lang);
      await page.goto(`/#/sras/${id}/approvals`);
      await page.locator('#transition-comment').waitFor();
      // Every read of this SRA after the transition fails, as on a connection lost at that moment.
      let transitioned = false;
      const path = '**/api/v1/sras/' + id;
      await page.route(path, (route) => (transitioned && route.request().method() === 'GET' ? route.abort() : route.continue()));
      page.on('response', (r) => { if (r.url().endsWith('/api/v1/sras/' + id + '/transitions')) transitioned = true; });
      await page.locator('#transition-comment').fill('The road is rated too low.');
      const done = page.waitForResponse((r) => r.url().endsWith('/api/v1/sras/' + id + '/transitions'));
      await page.locator('[data-action=return]').click();
      assert.equal((await done).status(), 200);
      await page.locator('[data-testid=transition-done]').waitFor();
      const history = page.locator('[data-testid=history]');
      await history.waitFor();
      await page.waitForFunction((who) => document.querySelector('[data-testid=history]')?.textContent.includes(who), nameOf('cell'));
      const text = await history.innerText();
      assert.match(text, new RegExp(esc(nameOf('sp'))), `${lang}: the drafter by name: ${text}`);
      assert.match(text, new RegExp(esc(nameOf('cell'))), `${lang}: the reviewer by name: ${text}`);
      assert.ok(!/· (sp|cell) \(/.test(text), `${lang}: no username in the history: ${text}`);
      const notice = page.locator('[data-testid=return-reason]');
      assert.match(await notice.innerText(), new RegExp(esc(nameOf('cell')) + ' \\('), `${lang}: "Returned by" names the reviewer`);
      assert.ok((await sidewaysOverflow(page)) <= 1, `${lang}: the page fits the phone`);
      await page.unroute(path);
    }
    assert.deepEqual(rv.problems, []);
  });
});
