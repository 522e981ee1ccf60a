// Issue 18, finding 4: "A returned SRA does not show why: the comment is only on another tab;
// reviewers comment on the whole SRA, never on one scenario or field." The reviewer comments on a
// scenario's field and returns the SRA with a reason that concerns the scenario; the assessor sees
// the reason at the top of the wizard and the comments in the scenario's card of the step that
// edits them, resolves one, and the reviewer sees it resolved. On a 390 px phone the wizard does not
// scroll sideways, and in French the same reason and comments are there in French words.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, setLanguage, shot, sidewaysOverflow as overflow, submittedSra as harnessSubmittedSra, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const submittedSra = (title) => harnessSubmittedSra(suite.server.base, title);

describe('review comments where the assessor works (finding 4)', { concurrency: 1 }, () => {
  test('a return with comments on a scenario is seen, resolved and seen resolved', async () => {
    const { id, sid } = await submittedSra('Review comments SRA');
    const FIELD_NOTE = 'Night shifts are not in the exposure: who drives after dark?';
    const REASON = 'The carjacking scenario underrates night travel; see the comment on its vulnerability.';

    // The reviewer, on the page where they review: a comment on one field, then a return that concerns the scenario.
    const rv = await suite.open('cell');
    await rv.page.goto(`/#/sras/${id}/approvals`);
    await rv.page.locator('[data-testid=review-comment-form]').waitFor();
    await rv.page.locator('#rc-anchor').selectOption(`scenarios/${sid}/vulnerability`);
    await rv.page.locator('#rc-text').fill(FIELD_NOTE);
    await rv.page.locator('[data-testid=add-comment]').click();
    await rv.page.locator(`[data-testid=review-comments] [data-anchor="scenarios/${sid}/vulnerability"]`).waitFor();
    await rv.page.locator('#transition-comment').fill(REASON);
    await rv.page.locator('#return-anchor').selectOption(`scenarios/${sid}`);
    await rv.page.locator('[data-action=return]').click();
    await rv.page.locator('[data-testid=transition-done]').waitFor();
    assert.deepEqual(rv.problems, []);

    // The assessor opens the wizard: the reason is at the top, before any step, not on another tab.
    const as = await suite.open('sp');
    const { page } = as;
    await page.goto(`/#/sras/${id}/edit/1`);
    const reason = page.locator('[data-testid=return-reason]');
    await reason.waitFor();
    assert.match(await reason.innerText(), /Returned by Chloe Security Cell \(/);
    assert.match(await reason.innerText(), /underrates night travel/);
    assert.match(await reason.innerText(), /Review comments to resolve: 2/);
    // Step 1 says where the open comments are: the vulnerability step.
    await page.locator('[data-testid=comments-elsewhere] [data-step="6"]').click();
    await page.waitForURL(new RegExp(`/sras/${id}/edit/6$`));
    // In the scenario's card of the vulnerability step: the field's comment and the return's, each with Resolve.
    const card = page.locator(`[data-scenario="${sid}"] [data-testid=scenario-comments]`);
    await card.waitFor();
    assert.match(await card.innerText(), /Night shifts are not in the exposure/);
    assert.match(await card.innerText(), /underrates night travel/);
    const fieldNote = card.locator(`[data-anchor="scenarios/${sid}/vulnerability"]`);
    assert.match(await fieldNote.innerText(), /Scenario “Carjacking on the ring road” — Vulnerability/);
    await shot(page, 'review-comments-wizard', 'review-comments');
    await fieldNote.locator('[data-testid=resolve-comment]').click();
    await card.locator(`[data-anchor="scenarios/${sid}/vulnerability"][data-resolved="true"]`).waitFor();
    // Resolved: folded away, the text behind its summary.
    assert.equal(await card.locator(`[data-anchor="scenarios/${sid}/vulnerability"] details`).getAttribute('open'), null);
    assert.deepEqual(as.problems, []);

    // The reviewer sees it resolved, by whom.
    await rv.page.reload();
    const seen = rv.page.locator(`[data-testid=review-comments] [data-anchor="scenarios/${sid}/vulnerability"]`);
    await seen.waitFor();
    assert.equal(await seen.getAttribute('data-resolved'), 'true');
    assert.match(await seen.innerText(), /Resolved by Samir Security Professional/);
    assert.equal(await rv.page.locator(`[data-testid=review-comments] [data-anchor="scenarios/${sid}"]`).getAttribute('data-resolved'), 'false');
  });

  test('on a 390 px phone, in French: the reason and the comment fit the screen', async () => {
    const { id, sid } = await submittedSra('Commentaires de revue');
    const cell = await apiClient(suite.server.base, 'cell');
    await cell.post(`/sras/${id}/comments`, { anchor: `scenarios/${sid}/vulnerability`, text: 'Les trajets de nuit ne figurent pas dans l’exposition : qui conduit après la tombée du jour ?' });
    await cell.post(`/sras/${id}/transitions`, { action: 'return', comment: 'Le scénario sous-estime les déplacements de nuit.' });

    const as = await suite.open('sp', PHONE);
    const { page } = as;
    await setLanguage(page, 'fr');
    await page.goto(`/#/sras/${id}/edit/6`);
    const reason = page.locator('[data-testid=return-reason]');
    await reason.waitFor();
    assert.match(await reason.innerText(), /Renvoyée par Chloe Security Cell \(/);
    assert.match(await reason.innerText(), /sous-estime les déplacements de nuit/);
    const card = page.locator(`[data-scenario="${sid}"] [data-testid=scenario-comments]`);
    await card.waitFor();
    assert.match(await card.innerText(), /Scénario « Carjacking on the ring road » — Vulnérabilité/);
    assert.match(await card.innerText(), /Marquer comme traité/);
    assert.ok((await overflow(page)) <= 1, `the wizard is ${await overflow(page)} px wider than the phone`);
    await shot(page, 'review-comments-phone-fr');
    await card.locator('[data-testid=resolve-comment]').click();
    await card.locator('[data-resolved="true"]').waitFor();
    assert.match(await card.innerText(), /Traité par Samir Security Professional/);
    assert.ok((await overflow(page)) <= 1, 'still no sideways scroll once resolved');
    // The SRA page the assessor opens from the list shows the reason at the top too.
    await page.goto(`/#/sras/${id}`);
    await page.locator('[data-testid=return-reason]').waitFor();
    assert.ok((await overflow(page)) <= 1, 'the SRA page fits the phone');
    assert.deepEqual(as.problems, []);
  });
});

// The rest of finding 4. A reviewer comments where they read a scenario (the SRA's
// overview), on a phone in the three languages; the Resolve button is never offered on the reader's
// own comment (the server refuses own_comment); revising a published version carries its open
// comments to the new draft, where the assessor resolves them.
const LANGS = ['en', 'fr', 'ar'];
const BOTH = { username: 'rc_both', password: 'Carana review comments e2e: 9 quiet harbours' };

/** A bearer token of `username`, to ask the server directly what it answers. */
async function tokenOf(username, password) {
  const r = await fetch(suite.server.base + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  return (await r.json()).token;
}

describe('review comments: overview, own comments, new versions', { concurrency: 1 }, () => {
  for (const lang of LANGS) {
    test(`${lang}, 390 px phone: the reviewer comments on a scenario from the SRA overview`, async () => {
      const { id, sid } = await submittedSra('Overview comments ' + lang);
      const rv = await suite.open('cell', PHONE);
      const { page } = rv;
      await setLanguage(page, lang);
      await page.goto(`/#/sras/${id}`);
      const row = page.locator(`[data-testid=scenarios] tr[data-scenario="${sid}"]`);
      await row.waitFor();
      await row.locator('[data-testid=comment-scenario]').click();
      const panel = page.locator(`[data-testid=scenario-comment-panel][data-scenario="${sid}"]`);
      await panel.waitFor();
      // Only this scenario and its fields are offered; the whole scenario is picked first.
      const anchors = await panel.locator('#rcs-anchor option').evaluateAll((os) => os.map((o) => o.value));
      assert.equal(anchors[0], `scenarios/${sid}`);
      assert.ok(anchors.every((a) => a.startsWith(`scenarios/${sid}`)), anchors.join(', '));
      await panel.locator('#rcs-anchor').selectOption(`scenarios/${sid}/likelihood`);
      const TEXT = `Likelihood (${lang}): the ring road incidents doubled since June.`;
      await panel.locator('#rcs-text').fill(TEXT);
      await panel.locator('[data-testid=add-comment]').click();
      await panel.locator('[data-testid=comment-added]').waitFor();
      await panel.locator(`[data-testid=scenario-comment-list] [data-anchor="scenarios/${sid}/likelihood"]`).waitFor();
      assert.ok((await overflow(page)) <= 1, `${lang}: the overview is ${await overflow(page)} px wider than the phone`);
      if (lang === 'en') await shot(page, 'review-comments-overview-phone');
      assert.deepEqual(rv.problems, []);
      // Stored on that field, by the reviewer.
      const sp = await apiClient(suite.server.base, 'sp');
      const list = await sp.get(`/sras/${id}/comments`);
      const made = list.items.find((c) => c.text === TEXT);
      assert.ok(made, 'the comment is stored');
      assert.equal(made.anchor, `scenarios/${sid}/likelihood`);
      assert.equal(made.author.username, 'cell');
      // Who may not review at this step gets no comment button there.
      const as = await suite.open('sp', PHONE);
      await as.page.goto(`/#/sras/${id}`);
      await as.page.locator(`[data-testid=scenarios] tr[data-scenario="${sid}"]`).waitFor();
      assert.equal(await as.page.locator('[data-testid=comment-scenario]').count(), 0);
    });
  }

  test('no Resolve button on the reader\'s own comment, and the server refuses it too', async () => {
    const admin = await apiClient(suite.server.base, 'admin');
    await admin.post('/users', {
      ...BOTH, display_name: 'Assessor and cell member', organization_id: 'org_dss',
      grants: [{ role: 'security_professional', country_id: 'cty_carana' }, { role: 'security_cell', country_id: 'cty_carana' }],
    });
    const { id, sid } = await submittedSra('Own comments');
    const both = await apiClient(suite.server.base, BOTH.username, BOTH.password);
    const own = await both.post(`/sras/${id}/comments`, { anchor: `scenarios/${sid}/vulnerability`, text: 'Mine: who drives at night?' });
    const cell = await apiClient(suite.server.base, 'cell');
    const other = await cell.post(`/sras/${id}/comments`, { anchor: `scenarios/${sid}/vulnerability`, text: 'The cell: the route list is missing.' });
    await cell.post(`/sras/${id}/transitions`, { action: 'return', comment: 'See the comments on the vulnerability.' });
    // The server: the author never resolves, even when they may edit the SRA.
    const r = await fetch(`${suite.server.base}/api/v1/sras/${id}/comments/${own.id}/resolve`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + (await tokenOf(BOTH.username, BOTH.password)) }, body: '{}',
    });
    assert.equal(r.status, 403);
    assert.equal((await r.json()).error.code, 'own_comment');

    for (const lang of LANGS) {
      const me = await suite.open(BOTH.username, { password: BOTH.password, ...PHONE });
      await setLanguage(me.page, lang);
      await me.page.goto(`/#/sras/${id}/edit/6`);
      const card = me.page.locator(`[data-scenario="${sid}"] [data-testid=scenario-comments]`);
      await card.waitFor();
      // Both comments shown; Resolve on the other's only.
      await card.locator(`[data-comment="${own.id}"]`).waitFor();
      assert.equal(await card.locator(`[data-comment="${own.id}"] [data-testid=resolve-comment]`).count(), 0, `${lang}: Resolve offered on the reader's own comment`);
      assert.equal(await card.locator(`[data-comment="${other.id}"] [data-testid=resolve-comment]`).count(), 1, `${lang}: Resolve missing on the cell's comment`);
      assert.ok((await overflow(me.page)) <= 1, `${lang}: the wizard is wider than the phone`);
      assert.deepEqual(me.problems, []);
      await me.context.close();
    }
  });

  test('revising a published SRA: its open comments are in the new draft where the assessor works', async () => {
    const { id, sid } = await submittedSra('Carried comments');
    const smt = await apiClient(suite.server.base, 'smt');
    const cell = await apiClient(suite.server.base, 'cell');
    await cell.post(`/sras/${id}/transitions`, { action: 'review', comment: 'ok' });
    const open = await smt.post(`/sras/${id}/comments`, { anchor: `scenarios/${sid}/residual`, text: 'Residual to check again at the next review.' });
    await smt.post(`/sras/${id}/transitions`, { action: 'endorse', comment: 'ok' });
    const dss = await apiClient(suite.server.base, 'dss');
    await dss.post(`/sras/${id}/transitions`, { action: 'approve', comment: 'ok' });

    const { page, problems } = await suite.open('sp');
    await page.goto(`/#/sras/${id}`);
    await page.locator('[data-testid=revise-sra]').click();
    await page.waitForURL(/\/sras\/sra_[^/]+\/edit\/1$/);
    const next = page.url().match(/sras\/(sra_[^/]+)\/edit/)[1];
    assert.notEqual(next, id);
    // Step 1 says where the open comment is; on step 9 it is in the scenario's card, from version 1.
    await page.locator('[data-testid=comments-elsewhere] [data-step="9"]').click();
    await page.waitForURL(new RegExp(`/sras/${next}/edit/9$`));
    const card = page.locator(`[data-scenario="${sid}"] [data-testid=scenario-comments]`);
    await card.waitFor();
    const item = card.locator(`[data-comment="${open.id}"]`);
    assert.match(await item.innerText(), /Residual to check again/);
    assert.match(await item.locator('[data-testid=comment-version]').innerText(), /version 1/);
    await item.locator('[data-testid=resolve-comment]').click();
    await card.locator(`[data-comment="${open.id}"][data-resolved="true"]`).waitFor();
    assert.deepEqual(problems, []);
    const sp = await apiClient(suite.server.base, 'sp');
    assert.equal((await sp.get(`/sras/${next}/comments`)).items.find((c) => c.id === open.id).resolved, true);
    assert.equal((await sp.get(`/sras/${id}/comments`)).total, 0, 'the open comment moved; nothing resolved stays behind');
  });
});
