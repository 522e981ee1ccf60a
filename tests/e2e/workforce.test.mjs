// The security workforce (issue 16) in the browser: an organization's security manager (hq, IOM)
// adds a security person in the form and the coverage of the area moves (page, dashboard, map);
// a security manager of another organization (sp, UNDSS) does not see that person, on the page or
// through the API; sp deploys one of UNDSS's own people as surge capacity paid by an approved fund
// request; a reader without the role gets no forms; the page on a phone in English, French and
// Arabic is not wider than the screen.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, fitsInEachLanguage, shot, unlabelled, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const AREA = 'area_5';

async function visit(page) {
  await page.goto('/#/workforce');
  await page.locator('main h1').first().waitFor();
  await page.locator('[data-testid=wf-coverage] tbody tr').first().waitFor();
}

const coverageOf = async (api, area) => (await api.get('/workforce/coverage')).items.find((r) => r.area_id === area);

describe('security workforce', { concurrency: 1 }, () => {
  const name = 'E2E Officer ' + Date.now();

  test("a security manager adds a person and the area's coverage moves", async () => {
    const hq = await apiClient(suite.server.base, 'hq');
    const before = await coverageOf(hq, AREA);
    const { page, problems } = await suite.open('hq');
    await visit(page);
    const form = page.locator('[data-testid=wf-person-new]');
    // A manager records their own organization's personnel only: the organization is fixed.
    assert.equal(await form.locator('#wp-org').inputValue(), 'org_iom');
    assert.ok(await form.locator('#wp-org').isDisabled());
    await form.locator('#wp-name').fill(name);
    await form.locator('#wp-post').fill('Field Security Associate');
    await form.locator('#wp-area').selectOption(AREA);
    await form.locator('#wp-category').selectOption('national');
    await form.locator('#wp-skills').fill('first aid, radio');
    await form.locator('#wp-languages').fill('French, Arabic');
    assert.deepEqual(await unlabelled(page), []);
    await form.locator('button[type=submit]').click();
    const row = page.locator('[data-testid=wf-people] tr', { hasText: name });
    await row.waitFor();
    assert.match(await row.textContent(), /first aid, radio, French, Arabic/);
    // Coverage: one more security professional in the area, on the page as the server counts it.
    const after = await coverageOf(hq, AREA);
    assert.equal(after.security_professionals, before.security_professionals + 1);
    const cov = page.locator(`[data-testid=wf-coverage] tr[data-area-id="${AREA}"]`);
    await page.waitForFunction(([a, n]) => {
      const td = document.querySelector(`[data-testid=wf-coverage] tr[data-area-id="${a}"] td:nth-child(2)`);
      return td && td.textContent.trim() === String(n);
    }, [AREA, after.security_professionals]);
    assert.equal(await cov.getAttribute('data-state'), after.state);
    await shot(page, 'workforce-added');
    assert.deepEqual(problems, []);
  });

  test('another organization\'s security manager does not see the person', async () => {
    const sp = await apiClient(suite.server.base, 'sp');
    const list = await sp.get('/workforce?limit=500');
    assert.ok(!list.items.some((p) => p.full_name === name), 'the API hides the person from sp');
    assert.ok(list.items.length > 0, 'sp sees UNDSS personnel, so the list is not simply empty');
    const { page } = await suite.open('sp');
    await visit(page);
    await page.locator('[data-testid=wf-people] tbody tr').first().waitFor();
    assert.equal(await page.locator('[data-testid=wf-people] tr', { hasText: name }).count(), 0);
    assert.ok(!(await page.locator('main').textContent()).includes(name));
    // The same person's id, asked for directly: as unknown as none.
    const hq = await apiClient(suite.server.base, 'hq');
    const mine = (await hq.get('/workforce?limit=500')).items.find((p) => p.full_name === name);
    await assert.rejects(sp.get('/workforce/' + mine.id), /404/);
    // The coverage is an aggregate: sp sees the area counted.
    assert.equal((await coverageOf(sp, AREA)).security_professionals, (await coverageOf(hq, AREA)).security_professionals);
  });

  test('sp deploys a UNDSS officer as surge capacity paid by an approved fund request', async () => {
    const sp = await apiClient(suite.server.base, 'sp');
    const paying = [
      ...(await sp.get('/fund/requests?status=approved')).items,
      ...(await sp.get('/fund/requests?status=disbursed')).items,
    ];
    assert.ok(paying.length > 0, 'the demo has an approved or disbursed request sp may see');
    const request = paying[0];
    const person = (await sp.get('/workforce?status=serving&limit=500')).items.find((p) => p.full_name === 'Kofi Mensah');
    assert.ok(person, 'the demo has Kofi Mensah (UNDSS)');
    const { page } = await suite.open('sp');
    await visit(page);
    const form = page.locator('[data-testid=wf-surge-new]');
    await form.waitFor();
    await form.locator('#ws-person').selectOption(person.id);
    await form.locator('#ws-area').selectOption(request.area_id);
    await form.locator('#ws-from').fill(day(40));
    await form.locator('#ws-to').fill(day(50));
    await form.locator('#ws-request').selectOption(request.id);
    await form.locator('#ws-purpose').fill('E2E surge cover');
    await form.locator('button[type=submit]').click();
    await page.locator('[data-testid=wf-surges] tr', { hasText: 'E2E surge cover' }).waitFor();
    const surges = await sp.get('/surge-deployments?personnel_id=' + person.id);
    const made = surges.items.find((s) => s.purpose === 'E2E surge cover');
    assert.equal(made.fund_request_id, request.id);
    // The same days again: refused, the reason shown (overlapping deployment), nothing more stored.
    await form.locator('#ws-purpose').fill('E2E surge overlap');
    await form.locator('button[type=submit]').click();
    const alert = form.locator('.notice-error');
    await alert.waitFor();
    assert.match(await alert.textContent(), /already deployed on some of these days/i); // the code's sentence
    assert.equal((await sp.get('/surge-deployments?personnel_id=' + person.id)).items.length, surges.items.length);
  });

  test('coverage on the dashboard and the map; no forms for a reader without the role', async () => {
    const { page } = await suite.open('finance');
    const api = await apiClient(suite.server.base, 'finance');
    const cov = await coverageOf(api, AREA);
    await page.goto('/#/');
    const li = page.locator(`[data-testid=dash-coverage] li[data-area-id="${AREA}"]`);
    await li.waitFor();
    assert.equal(await li.getAttribute('data-state'), cov.state);
    await page.goto('/#/map');
    await page.locator('[data-testid=legend-coverage]').waitFor();
    const area = page.locator(`[data-testid=map] g.area[data-area-id="${AREA}"]`);
    await area.waitFor();
    assert.equal(await area.getAttribute('data-coverage'), cov.state);
    assert.match(await area.getAttribute('aria-label'), new RegExp(String(cov.security_professionals)));
    await visit(page);
    assert.equal(await page.locator('[data-testid=wf-person-new]').count(), 0);
    assert.equal(await page.locator('[data-testid=wf-surge-new]').count(), 0);
  });

  test('on a phone, in English, French and Arabic, the page (with its forms) fits the screen', async () => {
    const { page } = await suite.open('sp', PHONE);
    await fitsInEachLanguage(page, async () => {
      await visit(page);
      await page.locator('[data-testid=wf-person-new]').waitFor();
    }, async (lang) => {
      if (lang === 'fr') await shot(page, 'workforce-phone-fr');
    });
  });
});
