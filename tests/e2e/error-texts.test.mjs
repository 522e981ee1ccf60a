// Issue 18, "plain language": real server errors provoked through the UI in French and
// Arabic show the UI's sentence for the error code, never the server's English message. A bad
// sign-in (its sentence in the main catalog) and the administrator's new-user form (an invalid
// username and a weak password: sentences in the lazily loaded web/src/i18n/errors/<lang>.ts).
// What the server answers is asked of the API first, so the test follows the server's own code.
// Run: cd tests/e2e && node --test --test-concurrency=1 error-texts.test.mjs (after web/dist is built).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient, useSuite } from './harness.mjs';
import { ROOT, errorCatalog } from './error-catalog.mjs';

const suite = useSuite();
const LANGS = ['fr', 'ar'];

/** The server's error answer {status, code, message} to a request, without the UI. */
async function serverError(method, path, body, token) {
  const r = await fetch(suite.server.base + '/api/v1' + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    body: JSON.stringify(body),
  });
  const j = await r.json();
  assert.ok(r.status >= 400, `${method} ${path} was expected to fail, got ${r.status}`);
  return { status: r.status, ...j.error };
}

async function adminToken() {
  const r = await fetch(suite.server.base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo' }),
  });
  return (await r.json()).token;
}

// Codes whose sentences live only in the lazily loaded modules, not in the main catalogs.
function lazyOnly(lang, code) {
  const main = readFileSync(join(ROOT, `web/src/i18n/${lang}.ts`), 'utf8');
  return !main.includes(`'err.c.${code}'`);
}

async function chooseLanguage(page, lang) {
  await page.locator('#lang-select').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

describe('server errors in French and Arabic', { concurrency: 1 }, () => {
  for (const lang of LANGS) {
    test(`${lang}: a bad sign-in shows the ${lang} sentence, not the server's English`, async () => {
      const err = await serverError('POST', '/auth/login', { username: 'sp', password: 'not-the-password' });
      const want = errorCatalog(lang).get(err.code);
      assert.ok(want, `no ${lang} sentence for ${err.code}`);
      const { page, problems } = await suite.open();
      await page.goto('/');
      await page.locator('#username').waitFor();
      await chooseLanguage(page, lang);
      await page.locator('#username').fill('sp');
      await page.locator('#password').fill('not-the-password');
      await page.locator('form button[type=submit]').click();
      const alert = page.locator('[role=alert]', { hasText: want }).first();
      await alert.waitFor();
      const text = await page.locator('body').innerText();
      assert.ok(!text.toLowerCase().includes(err.message.toLowerCase()), `${lang}: the English server message "${err.message}" is shown`);
      assert.deepEqual(problems, []);
    });

    test(`${lang}: the new-user form shows the ${lang} sentences of the server's validation errors`, async () => {
      const token = await adminToken();
      const me = await apiClient(suite.server.base, 'admin');
      const org = (await me.get('/auth/me').catch(() => null))?.user?.organization_id;
      const cases = [
        { username: 'a', password: 'copper lantern drifts east', field: '#u-username' },
        { username: 'e2e.errors.' + lang + Date.now(), password: 'abc', field: '#u-password' },
      ];
      const { page, problems } = await suite.open('admin');
      await page.goto('/#/admin/users/new');
      const form = page.locator('[data-testid=adm-user-form]');
      await form.waitFor();
      await chooseLanguage(page, lang);
      await form.waitFor();
      for (const c of cases) {
        const body = { username: c.username, display_name: 'Errors check', password: c.password, grants: [] };
        if (org) body.organization_id = org;
        const err = await serverError('POST', '/users', body, token);
        assert.ok(lazyOnly(lang, err.code), `${err.code} was meant to come from the lazily loaded sentences`);
        const want = errorCatalog(lang).get(err.code);
        assert.ok(want, `no ${lang} sentence for ${err.code}`);
        await form.locator('#u-username').fill(c.username);
        await form.locator('#u-name').fill('Errors check');
        await form.locator('#u-password').fill(c.password);
        await form.locator('[data-testid=adm-create]').click();
        await page.locator('[role=alert]', { hasText: want }).first().waitFor();
        const text = await page.locator('main').innerText();
        assert.ok(!text.includes(err.message), `${lang}: the English server message "${err.message}" is shown for ${err.code}`);
      }
      assert.deepEqual(problems, []);
    });
  }
});

// English renders from the code too (web/src/i18n/errors/en.ts), so the three languages
// say the same thing; the server's message only stands in for a code the UI has no sentence for.
describe('server errors in English come from the code as well', { concurrency: 1 }, () => {
  test('en: the new-user form shows the English sentence of the code, not the server\'s message', async () => {
    const token = await adminToken();
    const body = { username: 'e2e.errors.en' + Date.now(), display_name: 'Errors check', password: 'abc', grants: [] };
    const me = await apiClient(suite.server.base, 'admin');
    const org = (await me.get('/auth/me').catch(() => null))?.user?.organization_id;
    if (org) body.organization_id = org;
    const err = await serverError('POST', '/users', body, token);
    const want = errorCatalog('en').get(err.code);
    assert.ok(want, `no English sentence for ${err.code}`);
    assert.notEqual(want.toLowerCase().replace(/\.$/, ''), err.message.toLowerCase(), 'the sentence and the message must differ for this check to mean anything');
    const { page, problems } = await suite.open('admin');
    await page.goto('/#/admin/users/new');
    const form = page.locator('[data-testid=adm-user-form]');
    await form.waitFor();
    await form.locator('#u-username').fill(body.username);
    await form.locator('#u-name').fill('Errors check');
    await form.locator('#u-password').fill(body.password);
    await form.locator('[data-testid=adm-create]').click();
    await page.locator('[role=alert]', { hasText: want }).first().waitFor();
    const text = await page.locator('main').innerText();
    assert.ok(!text.includes(err.message), `the server's message "${err.message}" is shown instead of the code's sentence`);
    assert.deepEqual(problems, []);
  });

  test('a code the UI does not know: the server\'s message in English, a generic sentence in French and Arabic', async () => {
    const MESSAGE = 'the moon is not in the right phase for this request';
    for (const lang of ['en', 'fr', 'ar']) {
      const { page, context } = await suite.open();
      await context.route('**/api/v1/auth/login', (route) =>
        route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: { code: 'e2e_unknown_code', message: MESSAGE, field: null } }) }));
      await page.goto('/');
      await page.locator('#username').waitFor();
      if (lang !== 'en') await chooseLanguage(page, lang);
      await page.locator('#username').fill('sp');
      await page.locator('#password').fill('demo');
      await page.locator('form button[type=submit]').click();
      const alert = page.locator('[role=alert]').first();
      await alert.waitFor();
      await page.waitForFunction(() => [...document.querySelectorAll('[role=alert]')].some((e) => e.textContent.trim()));
      const text = await page.locator('body').innerText();
      if (lang === 'en') assert.match(text, /The moon is not in the right phase/, 'en: the server\'s message stands in for an unknown code');
      else assert.ok(!text.includes(MESSAGE) && !/moon is not/i.test(text), `${lang}: the English message is shown`);
      await context.close();
    }
  });
});
