// A server busy for a moment answers 503 with Retry-After (the connection cap, a request that waited
// too long for a worker, the database briefly unreachable). The page asks a read again after the
// wait the server names, at most twice, so a moment of overload is not an error on the page; a
// server that stays busy is said so, in the user's language; a write is never sent twice.
// Run: cd tests/e2e && node --test --test-concurrency=1 busy-retry.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setLanguage, useSuite } from './harness.mjs';

const suite = useSuite();

const BUSY = {
  status: 503,
  headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
  body: JSON.stringify({ error: { code: 'server_busy', message: 'too many connections; retry shortly' } }),
};

// Answers the first `busyTimes` requests to `path` (GET /api/v1<path>, any query) with 503; counts them all.
async function busyFor(page, path, busyTimes, method = 'GET') {
  const seen = { count: 0 };
  await page.route((url) => url.pathname === '/api/v1' + path, async (route) => {
    if (route.request().method() !== method) return route.continue();
    seen.count += 1;
    if (seen.count <= busyTimes) return route.fulfill(BUSY);
    return route.continue();
  });
  return seen;
}

describe('A busy server (503 + Retry-After)', { concurrency: 1 }, () => {
  test('a read answered 503 once is asked again and the page draws, with no error shown', async () => {
    const { page, problems } = await suite.open('sp');
    await page.locator('[data-testid=dash-stat-waiting]').waitFor();  // signed in, on the dashboard
    const seen = await busyFor(page, '/dashboard', 1);
    await page.reload();
    await page.locator('[data-testid=dash-stat-waiting]').waitFor();
    assert.equal(seen.count, 2, 'asked twice: the busy answer, then the real one');
    assert.equal(await page.locator('[data-testid=error]').count(), 0);
    assert.deepEqual(problems, []);
  });

  test('a server that stays busy is said so, in French, after two more tries', async () => {
    const { page } = await suite.open('sp', { viewport: { width: 390, height: 844 } });
    await setLanguage(page, 'fr');
    const seen = await busyFor(page, '/dashboard', 100);
    await page.reload();
    const error = page.locator('[data-testid=error]');
    await error.waitFor();
    assert.equal(seen.count, 3, 'the first try and two more, no endless loop');
    assert.match(await error.innerText(), /Le serveur est occupé/);
  });

  test('a write answered 503 is not sent again behind the user\'s back', async () => {
    const { page } = await suite.open(null);
    const seen = await busyFor(page, '/auth/login', 1, 'POST');
    await page.goto('/');
    await page.locator('#username').fill('sp');
    await page.locator('#password').fill('demo');
    await page.locator('form button[type=submit]').click();
    const alert = page.locator('[role=alert]').first();
    await alert.waitFor();
    assert.match(await alert.innerText(), /server is busy/);
    await page.waitForTimeout(1500);  // longer than the Retry-After: no second try comes
    assert.equal(seen.count, 1);
    assert.equal(await page.locator('.topbar').count(), 0, 'still signed out: the user tries again');
  });
});
