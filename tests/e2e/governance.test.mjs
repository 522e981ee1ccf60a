// Security governance (issue 16) in the browser: the governance secretariat creates a security
// governance group in the form (members, reporting line, terms of reference published as version 1)
// and sees its 12-month effectiveness review dated by the server, on the page and on the dashboard
// when due; records a meeting and a decision (who is tasked by when); a refused body shows its
// reason at the field; a reader without the role gets no forms; and the page on a phone in English,
// French and Arabic is not wider than the screen.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, fitsInEachLanguage, shot, unlabelled, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function visit(page) {
  await page.goto('/#/governance');
  await page.locator('main h1').first().waitFor();
  await page.locator('[data-testid=gov-bodies] .card').first().waitFor();
}

/** YYYY-MM-DD plus whole months, as the server's calendar::AddMonths (the day clamped to the month's end). */
function addMonths(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

describe('governance', { concurrency: 1 }, () => {
  test('the secretariat creates a group, sees its 12-month review, records a meeting and a decision', async () => {
    const name = 'E2E security governance group ' + Date.now();
    const established = day(-350); // the review falls due in about two weeks: "due"
    const { page, problems } = await suite.open('gov');
    await visit(page);
    const form = page.locator('[data-testid=gov-body-new]');
    await form.locator('#gb-kind').selectOption('security_governance_group');
    await form.locator('#gb-name').fill(name);
    await form.locator('#gb-established').fill(established);
    await form.locator('#gb-reports').fill('High-Level Committee on Management');
    await form.locator('#gbm-name-0').fill('E2E Chair');
    await form.locator('#gbm-org-0').selectOption('org_dss');
    await form.locator('#gbm-role-0').selectOption('chair');
    await form.locator('[data-testid=gb-member-add]').click();
    await form.locator('#gbm-name-1').fill('E2E Member');
    await form.locator('#gbm-org-1').selectOption('org_wfp');
    await form.locator('#gb-tor').fill('The group steers the security management system and reports to HLCM.');
    assert.deepEqual(await unlabelled(page), []);
    await form.locator('button[type=submit]').click();

    const card = page.locator('[data-testid=gov-bodies] .card', { hasText: name });
    await card.waitFor();
    // The server dated the review 12 months after establishment; the page shows it, and its ToR in force.
    const api = await apiClient(suite.server.base, 'gov');
    const bodies = await api.get('/governance/bodies?limit=200');
    const body = bodies.items.find((b) => b.name === name);
    assert.ok(body, 'the body is stored');
    assert.equal(body.members.length, 2);
    assert.equal(body.reports_to, 'High-Level Committee on Management');
    assert.equal(body.tor.length, 1);
    assert.equal(body.tor[0].status, 'published');
    assert.equal(body.obligations.length, 1);
    assert.equal(body.obligations[0].kind, 'effectiveness_review');
    assert.equal(body.obligations[0].due_on, addMonths(established, 12));
    assert.match(await card.locator('[data-testid=gov-obligation]').textContent(), /effectiveness/i);
    assert.match(await card.locator('[data-testid=gov-members]').textContent(), /E2E Chair/);
    assert.match(await card.locator('summary').textContent(), /version 1/i);
    // Due within 30 days: on the page's due card and on the dashboard.
    await page.locator('[data-testid=gov-due] li', { hasText: name }).filter({ hasText: /effectiveness/i }).waitFor();
    const due = await api.get('/governance/due');
    assert.ok(due.items.some((i) => i.body_id === body.id && i.kind === 'obligation' && i.state === 'due'));

    // A meeting of the new body, then a decision taken there: who is tasked by when.
    const title = 'E2E first meeting ' + Date.now();
    await page.locator('#gm-body').selectOption(body.id);
    await page.locator('#gm-date').fill(day(-1));
    await page.locator('#gm-title').fill(title);
    await page.locator('#gm-summary').fill('Adopted the terms of reference.');
    await page.locator('[data-testid=gov-meeting-new] button[type=submit]').click();
    await page.locator('[data-testid=gov-meetings] li', { hasText: title }).waitFor();
    const meetings = await api.get('/governance/meetings?body_id=' + body.id);
    assert.equal(meetings.items.length, 1);
    const text = 'E2E: circulate the draft budget guidance ' + Date.now();
    await page.locator('#gd-meeting').selectOption(meetings.items[0].id);
    await page.locator('#gd-text').fill(text);
    await page.locator('#gd-tasked').fill('The secretariat');
    await page.locator('#gd-due').fill(day(20));
    await page.locator('[data-testid=gov-decision-new] button[type=submit]').click();
    const row = page.locator('[data-testid=gov-decisions] tr', { hasText: text });
    await row.waitFor();
    assert.match(await row.textContent(), /The secretariat/);
    const decisions = await api.get('/governance/decisions?body_id=' + body.id);
    assert.equal(decisions.items[0].due_on, day(20));
    await shot(page, 'governance-created');

    await page.goto('/#/');
    await page.locator('[data-testid=gov-due] li', { hasText: name }).filter({ hasText: /effectiveness/i }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('a refused body and a refused decision show their reasons at the field; nothing is created', async () => {
    const { page } = await suite.open('gov');
    await visit(page);
    const api = await apiClient(suite.server.base, 'gov');
    const before = (await api.get('/governance/bodies?limit=200')).total;
    const form = page.locator('[data-testid=gov-body-new]');
    await form.locator('#gb-kind').selectOption('smt');
    await form.locator('#gb-name').fill('E2E SMT without a country');
    await form.locator('#gb-country').selectOption('');
    await form.locator('button[type=submit]').click();
    await page.locator('[data-field-error=gb-country]').waitFor();
    assert.match(await page.locator('[data-field-error=gb-country]').textContent(), /country/i);
    assert.equal((await api.get('/governance/bodies?limit=200')).total, before);
    // A decision without its meeting: the reason at the decision form's field, not in another form.
    const decisionsBefore = (await api.get('/governance/decisions?limit=500')).total;
    await page.locator('#gd-text').fill('E2E decision without a meeting');
    await page.locator('[data-testid=gov-decision-new] button[type=submit]').click();
    await page.locator('[data-field-error=gd-meeting]').waitFor();
    assert.equal(await page.locator('[data-testid=gov-meeting-new] [role=alert]').count(), 0);
    assert.equal((await api.get('/governance/decisions?limit=500')).total, decisionsBefore);
  });

  test('a reader without the secretariat role gets no forms', async () => {
    const { page } = await suite.open('finance');
    await visit(page);
    for (const id of ['gov-body-new', 'gov-meeting-new', 'gov-decision-new'])
      assert.equal(await page.locator(`[data-testid=${id}]`).count(), 0, id);
  });

  test('on a phone, in English, French and Arabic, the page (with its forms) fits the screen', async () => {
    const { page } = await suite.open('gov', PHONE);
    await fitsInEachLanguage(page, async () => {
      await visit(page);
      await page.locator('[data-testid=gov-body-new]').waitFor();
    }, async (lang) => {
      if (lang === 'fr') {
        // The demo group's 12-month review is due: its title in the reader's language, from its kind.
        await page.locator('[data-testid=gov-due] li', { hasText: "Examen de l'efficacité du groupe" }).first().waitFor();
      }
      if (lang === 'ar') await shot(page, 'governance-phone-ar');
    });
  });
});
