// Administration in the browser (issue 18: "users, grants, the new roles, disabling, API tokens —
// today only the API does it"): the administrator creates a user with a scoped grant, who can then
// sign in; disabling asks first (Cancel changes nothing) and ends the user's access; the auditor
// reads the same list without a single control to change it, its search kept in the address bar;
// a security professional gets neither the menu entry nor the page; everybody makes and revokes
// their own API tokens (the secret shown once, revoking asks first); the pages fit a phone in
// English, French and Arabic, with every control labelled.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, shot, unlabelled, useSuite } from './harness.mjs';

const suite = useSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'copper lantern drifts east';

async function canLogin(username, password) {
  const r = await fetch(suite.server.base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return r.status;
}

async function visit(page, path) {
  await page.goto('/#' + path);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('administration', { concurrency: 1 }, () => {
  test('the administrator creates a user with a scoped grant, then disables them after a confirmation', async () => {
    const { page, problems } = await suite.open('admin');
    await visit(page, '/admin');
    await page.locator('[data-testid=adm-users] tr[data-username=sp]').waitFor();
    await page.locator('[data-testid=adm-new]').click();
    const form = page.locator('[data-testid=adm-user-form]');
    await form.waitFor();
    const username = 'e2e.cell.' + Date.now();
    await form.locator('#u-username').fill(username);
    await form.locator('#u-name').fill('Émile Cell');
    await form.locator('#u-org').selectOption('org_wfp');
    await form.locator('#u-password').fill('short');
    await form.locator('[data-testid=adm-add-grant]').click();
    await form.locator('#g-role-0').selectOption('security_cell');
    const countries = await (await apiClient(suite.server.base, 'admin')).get('/countries');
    const country = countries.items[0];
    await form.locator('#g-country-0').selectOption(country.id);
    assert.deepEqual(await unlabelled(page), []);
    // A weak first password is refused at its field; nothing is created.
    await form.locator('[data-testid=adm-create]').click();
    await page.locator('[data-field-error=u-password]').waitFor();
    assert.equal(await canLogin(username, 'short'), 401);
    await form.locator('#u-password').fill(PASSWORD);
    await form.locator('[data-testid=adm-create]').click();
    await page.locator('main h1', { hasText: 'Émile Cell' }).waitFor();
    assert.equal(await canLogin(username, PASSWORD), 200, 'the new user signs in');
    const api = await apiClient(suite.server.base, 'admin');
    const stored = (await api.get('/users?limit=500')).items.find((u) => u.username === username);
    assert.deepEqual(stored.grants, [{ role: 'security_cell', org_id: '', country_id: country.id, area_id: '' }]);
    assert.equal(stored.organization_id, 'org_wfp');

    // Disabling names what happens; Cancel changes nothing.
    await page.locator('[data-testid=adm-toggle]').click();
    const dialog = page.locator('[data-testid=confirm]');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Émile Cell/);
    assert.match(await dialog.innerText(), /signed out everywhere/);
    await dialog.locator('[data-testid=confirm-cancel]').click();
    assert.equal(await page.locator('[data-testid=adm-state]').innerText(), 'Active');
    assert.equal(await canLogin(username, PASSWORD), 200);
    await page.locator('[data-testid=adm-toggle]').click();
    await page.locator('[data-testid=confirm-ok]').click();
    await page.locator('[data-testid=adm-saved]').waitFor();
    assert.equal(await page.locator('[data-testid=adm-state]').innerText(), 'Disabled');
    assert.equal(await canLogin(username, PASSWORD), 401, 'a disabled user cannot sign in');
    // The administrator cannot disable themselves: no such button on their own page.
    const me = (await api.get('/users?limit=500')).items.find((u) => u.username === 'admin');
    await visit(page, '/admin/users/' + me.id);
    await page.locator('[data-testid=adm-save]').waitFor();
    assert.equal(await page.locator('[data-testid=adm-toggle]').count(), 0);
    await shot(page, 'admin-user');
    assert.deepEqual(problems, []);
  });

  test('the auditor reads users and grants without controls; the search is kept in the address bar', async () => {
    const { page, problems } = await suite.open('auditor');
    await visit(page, '/admin?q=sp');
    assert.equal(await page.locator('[data-testid=adm-search]').inputValue(), 'sp');
    await page.locator('[data-testid=adm-users] tr[data-username=sp]').waitFor();
    assert.equal(await page.locator('[data-testid=adm-users] tr[data-username=fund]').count(), 0, 'the search filters');
    await page.locator('[data-testid=adm-search]').fill('fund');
    await page.locator('[data-testid=adm-search]').press('Enter');  // The server searches
    await page.locator('[data-testid=adm-users] tr[data-username=fund]').waitFor();
    await page.waitForURL(/#\/admin\?q=fund$/);
    assert.equal(await page.locator('[data-testid=adm-new]').count(), 0);
    await page.locator('[data-testid=adm-users] tr[data-username=fund] a').click();
    await page.locator('[data-testid=adm-grant-lines] li').first().waitFor();
    assert.match(await page.locator('[data-testid=adm-grant-lines]').innerText(), /Emergency fund manager/);
    assert.equal(await page.locator('[data-testid=adm-save], [data-testid=adm-toggle], [data-testid=adm-password]').count(), 0);
    assert.deepEqual(problems, []);
  });

  test('a security professional gets neither the menu entry nor the page', async () => {
    const { page } = await suite.open('sp');
    assert.equal(await page.locator('.mainnav a[data-nav=admin]').count(), 0);
    await visit(page, '/admin');
    await page.locator('[data-testid=forbidden]').waitFor();
    assert.equal(await page.locator('[data-testid=adm-users]').count(), 0);
  });

  test('everybody makes and revokes their own API tokens; the secret is shown once', async () => {
    const { page, problems } = await suite.open('sp');
    await page.locator('[data-testid=user-name]').click();
    await page.locator('[data-testid=tok-form]').waitFor();
    await page.locator('#tok-name').fill('E2E monthly import');
    await page.locator('#tok-days').fill('30');
    await page.locator('[data-testid=tok-make]').click();
    const secret = (await page.locator('[data-testid=tok-secret] code').innerText()).trim();
    assert.match(secret, /^srm_/);
    const me = await fetch(suite.server.base + '/api/v1/auth/me', { headers: { Authorization: 'Bearer ' + secret } });
    assert.equal(me.status, 200, 'the token works');
    const row = page.locator('[data-testid=tok-list] tr[data-token="E2E monthly import"]');
    await row.waitFor();
    await row.locator('button').click();
    assert.match(await page.locator('[data-testid=confirm]').innerText(), /E2E monthly import/);
    await page.locator('[data-testid=confirm-ok]').click();
    await row.waitFor({ state: 'detached' });
    const after = await fetch(suite.server.base + '/api/v1/auth/me', { headers: { Authorization: 'Bearer ' + secret } });
    assert.equal(after.status, 401, 'a revoked token stops working');
    await page.reload();
    await page.locator('[data-testid=tok-form]').waitFor();
    assert.equal(await page.locator('[data-testid=tok-secret]').count(), 0, 'the secret is not shown again');
    assert.deepEqual(problems, []);
  });

  test('on a phone, in English, French and Arabic, the pages fit the screen', async () => {
    const { page, problems } = await suite.open('admin', PHONE);
    for (const lang of ['en', 'fr', 'ar']) {
      if (lang !== 'en') {
        await page.locator('#lang-select').selectOption(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      for (const path of ['/admin', '/admin/users/new', '/account']) {
        await visit(page, path);
        const over = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(over <= 1, `${lang} ${path}: ${over} px wider than the screen`);
        assert.deepEqual(await unlabelled(page), [], `${lang} ${path}: every control has a label`);
      }
    }
    await shot(page, 'admin-phone-ar');
    assert.deepEqual(problems, []);
  });
});
