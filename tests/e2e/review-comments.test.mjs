// Issue 18, finding 4: "A returned SRA does not show why: the comment is only on another tab;
// reviewers comment on the whole SRA, never on one scenario or field." The reviewer comments on a
// scenario's field and returns the SRA with a reason that concerns the scenario; the assessor sees
// the reason at the top of the wizard and the comments in the scenario's card of the step that
// edits them, resolves one, and the reviewer sees it resolved. On a 390 px phone the wizard does not
// scroll sideways, and in French the same reason and comments are there in French words.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, setLanguage, shot, sidewaysOverflow as overflow, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** A complete SRA drafted by sp and submitted: in review, waiting for the security cell. */
async function submittedSra(title) {
  const sp = await apiClient(suite.server.base, 'sp');
  const threats = ['armed_conflict', 'crime', 'civil_unrest'].map((category) => ({ category, intent: 3, capability: 3, inhibiting: 3 }));
  threats.push({ category: 'terrorism', not_applicable: true, not_applicable_reason: 'No group active in the area.' });
  threats.push({ category: 'hazards', frequency: 2, magnitude: 2, preparedness: 3 });
  const sra = await sp.post('/sras', {
    area_id: 'area_6', title,
    scope: { from_date: day(0), to_date: day(200), trigger: 'change_in_area' },
    situation: { political: 'Calm since the accord.', threat_actors: 'Car theft rings on the ring road.' },
    threats,
  });
  const doc = await sp.post('/sras/' + sra.id + '/scenarios', {
    title: 'Carjacking on the ring road', threat_category: 'crime',
    vulnerability: { exposed: 'Drivers', weaknesses: 'Same route every day' },
    likelihood: 'Likely', impact: 'Moderate',
    measures: [{ type: 'prevention', description: 'Vary the routes', moss_category: 'vehicles', cost_minor: 0, owner: 'UNDSS' },
      { type: 'mitigation', description: 'Trauma kits', moss_category: 'medical', cost_minor: 0, owner: 'UNDSS' }],
    residual_likelihood: 'Unlikely', residual_impact: 'Moderate',
  });
  await sp.post('/sras/' + sra.id + '/transitions', { action: 'submit' });
  return { id: sra.id, sid: doc.scenarios[0].id };
}

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
    assert.match(await reason.innerText(), /Returned by cell/);
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
    await shot(page, 'review-comments-wizard');
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
    assert.match(await seen.innerText(), /Resolved by sp/);
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
    assert.match(await reason.innerText(), /Renvoyée par cell/);
    assert.match(await reason.innerText(), /sous-estime les déplacements de nuit/);
    const card = page.locator(`[data-scenario="${sid}"] [data-testid=scenario-comments]`);
    await card.waitFor();
    assert.match(await card.innerText(), /Scénario « Carjacking on the ring road » — Vulnérabilité/);
    assert.match(await card.innerText(), /Marquer comme traité/);
    assert.ok((await overflow(page)) <= 1, `the wizard is ${await overflow(page)} px wider than the phone`);
    await shot(page, 'review-comments-phone-fr');
    await card.locator('[data-testid=resolve-comment]').click();
    await card.locator('[data-resolved="true"]').waitFor();
    assert.match(await card.innerText(), /Traité par sp/);
    assert.ok((await overflow(page)) <= 1, 'still no sideways scroll once resolved');
    // The SRA page the assessor opens from the list shows the reason at the top too.
    await page.goto(`/#/sras/${id}`);
    await page.locator('[data-testid=return-reason]').waitFor();
    assert.ok((await overflow(page)) <= 1, 'the SRA page fits the phone');
    assert.deepEqual(as.problems, []);
  });
});
