// Browser tests of the decisions that rest on the SRA: a clearance request filed in the form (with
// its preview), the approver inbox, the traveller's notification, an EGS no-go recorded by the DSS
// desk blocking the leg, and MOSS compliance updated with evidence. One demo server, in order.
// Run: cd tests/e2e && node --test --test-concurrency=1 decisions.test.mjs (after scripts/e2e.sh built web/dist).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, launchBrowser, login, newPage, shot, startServer, unlabelled } from './harness.mjs';

let server;
let chrome;
const pages = [];
const state = { requestId: '' };

function day(offset) {
  return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
}

async function open(user) {
  const p = await newPage(chrome.browser, server.base);
  pages.push(p);
  if (user) await login(p.page, user);
  return p;
}

before(async () => {
  server = await startServer();
  chrome = await launchBrowser();
});

after(async () => {
  for (const p of pages) await p.context.close().catch(() => undefined);
  if (chrome) await chrome.close();
  if (server) await server.stop();
});

describe('Decisions that rest on the SRA', { concurrency: 1 }, () => {
  test('a traveller files a request; each leg is decided with its reasons', async () => {
    const p = await open('finance');
    const { page } = p;
    await page.locator('[data-nav=clearances]').click();
    await page.locator('[data-testid=new-clearance]').click();
    await page.locator('#clr-activity').fill('Distribution monitoring');
    await page.locator('#clr-pc').selectOption('1');
    await page.locator('#leg-area-0').selectOption('area_1');
    await page.locator('#leg-from-0').fill(day(20));
    await page.locator('#leg-to-0').fill(day(22));
    await page.getByRole('button', { name: /add a leg/i }).click();
    await page.locator('#leg-area-1').selectOption('area_5');
    await page.locator('#leg-from-1').fill(day(23));
    await page.locator('#leg-to-1').fill(day(24));
    assert.deepEqual(await unlabelled(page), [], 'every control has a label');
    await page.getByRole('button', { name: /check first/i }).click();
    const preview = page.locator('[data-testid=clearance-preview]');
    await preview.waitFor();
    assert.equal(await preview.locator('[data-leg-status=cleared]').count(), 1, 'Sanjar: cleared on its published SRA');
    assert.equal(await preview.locator('[data-leg-status=referred]').count(), 1, 'Northern Province: no SRA, referred');
    await page.getByRole('button', { name: /submit the request/i }).click();
    await page.locator('[data-testid=clearance-status]').waitFor();
    assert.equal(await page.locator('[data-testid=clearance-status] [data-leg-status]').getAttribute('data-leg-status'), 'pending');
    assert.ok(await page.locator('[data-reason=no_sra]').count() >= 1, 'the reason is shown');
    state.requestId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    assert.match(state.requestId, /^clr_/);
    await shot(page, 'clearance-request');
    assert.deepEqual(p.problems, []);
  });

  test('the security cell approves the referred leg in its inbox; the traveller is told', async () => {
    const p = await open('cell');
    const { page } = p;
    await page.goto('/#/clearances/inbox');
    const inbox = page.locator('[data-testid=clearance-inbox]');
    await inbox.waitFor();
    const api = await apiClient(server.base, 'finance');
    const req = await api.get('/clearances/' + state.requestId);
    const referred = req.legs.find((l) => l.status === 'referred');
    const row = inbox.locator(`[data-leg="${referred.id}"]`);
    await row.waitFor();
    assert.deepEqual(await unlabelled(page), []);
    await row.locator('textarea').fill('Escort arranged with the security adviser');
    await row.getByRole('button', { name: /approve/i }).click();
    await row.waitFor({ state: 'detached' });
    const after = await api.get('/clearances/' + state.requestId);
    assert.equal(after.status, 'cleared');

    const f = await open('finance');
    await f.page.goto('/#/clearances');
    const note = f.page.locator('[data-testid=notifications]');
    await note.waitFor();
    assert.match(await note.textContent(), /approved/);
    await shot(f.page, 'clearance-notification');
    assert.deepEqual(p.problems, []);
    assert.deepEqual(f.problems, []);
  });

  test('an EGS no-go recorded by the DSS desk blocks the leg, and the request links it', async () => {
    const p = await open('dss');
    const { page } = p;
    await page.locator('[data-nav=egs]').click();
    await page.locator('[data-testid=egs-form]').waitFor();
    assert.deepEqual(await unlabelled(page), []);
    await page.locator('#egs-area').selectOption('area_1');
    await page.locator('#egs-decision').selectOption('no_go');
    await page.locator('#egs-from').fill(day(21));
    await page.locator('#egs-to').fill(day(40));
    await page.locator('#egs-reason').fill('Fighting around the port');
    await page.getByRole('button', { name: /^record$/i }).click();
    await page.locator('[data-testid=egs-done]').waitFor();
    assert.match(await page.locator('[data-testid=egs-done]').textContent(), /[1-9]/, 'legs were decided again');
    assert.ok(await page.locator('[data-testid=egs-list] tbody tr').count() >= 1);

    const f = await open('finance');
    await f.page.goto('/#/clearances/' + state.requestId);
    await f.page.locator('[data-testid=clearance-status]').waitFor();
    assert.equal(await f.page.locator('[data-testid=clearance-status] [data-leg-status]').getAttribute('data-leg-status'), 'blocked');
    assert.ok(await f.page.locator('[data-reason=egs_no_go]').count() >= 1);
    await shot(f.page, 'clearance-egs-blocked');
    // Other roles see the decisions but get no form.
    await f.page.goto('/#/egs');
    await f.page.locator('[data-testid=egs-list]').waitFor();
    assert.equal(await f.page.locator('[data-testid=egs-form]').count(), 0);
    assert.deepEqual(p.problems, []);
    assert.deepEqual(f.problems, []);
  });

  test('compliance: an office item is made compliant with evidence; overdue items and rates show', async () => {
    const p = await open('finance');
    const { page } = p;
    await page.locator('[data-nav=compliance]').click();
    const items = page.locator('[data-testid=compliance-items]');
    await items.waitFor();
    const open_item = items
      .locator('tbody tr')
      .filter({ hasText: 'UN office' })
      .filter({ has: page.locator('[data-item-status=open]') })
      .first();
    const id = await open_item.getAttribute('data-item');
    await open_item.locator('[data-edit-item]').click();
    await page.locator('#st-' + id).selectOption('compliant');
    await page.locator('#ev-' + id).fill('Radio log book, 30-minute check-ins');
    assert.deepEqual(await unlabelled(page), []);
    await page.getByRole('button', { name: /^save$/i }).click();
    await items.locator(`[data-item="${id}"] [data-item-status=compliant]`).waitFor();
    await page.locator('[data-tab=overdue]').click();
    await page.locator('[data-testid=compliance-overdue]').waitFor();
    assert.ok((await page.locator('[data-testid=compliance-overdue]').textContent()).includes('guest house'));
    await page.locator('[data-tab=rates]').click();
    await page.locator('[data-testid=compliance-rates]').waitFor();
    assert.match(await page.locator('[data-testid=compliance-rates]').textContent(), /%/);
    await page.locator('[data-tab=moss]').click();
    await page.locator('[data-testid=moss]').waitFor();
    await shot(page, 'compliance');
    assert.deepEqual(p.problems, []);
  });
});
