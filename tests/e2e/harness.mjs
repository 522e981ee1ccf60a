// Test harness: starts build/srm with demo data on a free port and a fresh data directory,
// drives Debian's chromium through playwright-core, and checks answers against the API.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = join(ROOT, 'test-output', 'e2e');
export const SHOTS = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

export async function startServer() {
  // SRM_BIN may be absolute or relative to the repository root (scripts/e2e.sh checks it from there).
  const bin = resolve(ROOT, process.env.SRM_BIN || join('build', 'srm'));
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build it first (scripts/build.sh)`);
  // SRM_WEB_ROOT: a UI built elsewhere (vite build --outDir), so one helper's build does not replace another's.
  const webRoot = process.env.SRM_WEB_ROOT ? resolve(ROOT, process.env.SRM_WEB_ROOT) : join(ROOT, 'web', 'dist');
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error('web/dist is missing: run npm run build in web/');
  const data = mkdtempSync(join(tmpdir(), 'srm-e2e-'));
  const port = await freePort();
  const proc = spawn(bin, ['serve', '--demo', '--port', String(port), '--data', data, '--web-root', webRoot], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error('srm exited early:\n' + log);
    try {
      const r = await fetch(base + '/healthz');
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error('srm did not answer /healthz within 20 s:\n' + log);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    log: () => log,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => { proc.kill('SIGKILL'); r(); }, 5000);
        proc.on('exit', () => { clearTimeout(t); r(); });
      });
      rmSync(data, { recursive: true, force: true });
      // The server keeps its audit checkpoints beside the data directory (<data>-audit).
      rmSync(`${data}-audit`, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  // playwright gives every launch a fresh temporary profile (its own --user-data-dir) and
  // removes it on close; it refuses the flag from us, so none is passed here.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A fresh browser context (own cookies and storage) with a page that records CSP violations
 * and uncaught errors, so any test can assert the page stayed clean. */
export async function newPage(browser, base, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: base, ...opts });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (apply|execute|load)/i.test(text)) problems.push('CSP: ' + text);
  });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.setDefaultTimeout(15000);
  return { context, page, problems };
}

export async function login(page, username, password = 'demo') {
  await page.goto('/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('.topbar').waitFor();
}

/** Clicks the main navigation's entry `key` (its data-nav), opening the phone's menu and the
 * entry's group menu (Operations, Money, Coordination) first when it is inside one. */
export async function navTo(page, key) {
  const link = page.locator(`.mainnav a[data-nav="${key}"]`);
  if (!(await link.isVisible())) {
    const toggle = page.locator('[data-testid=nav-toggle]');
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    if (!(await link.isVisible())) await page.locator(`.nav-group:has(a[data-nav="${key}"]) > button`).click();
  }
  await link.click();
}

/** Chooses the UI language with the top bar's selector (the page must show the bar) and waits for it. */
export async function setLanguage(page, lang) {
  await page.locator('#lang-select').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** How many pixels the page is wider than its window: above 1, the reader scrolls sideways. */
export function sidewaysOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** In English, French and Arabic in turn: chooses the language on the dashboard, lets `show(lang)`
 * open the page under test, asserts the page fits its window, then runs `then(lang)` if given. */
export async function fitsInEachLanguage(page, show, then) {
  for (const lang of ['en', 'fr', 'ar']) {
    await page.goto('/#/');
    await page.locator('main h1').first().waitFor();
    if (lang !== 'en') await setLanguage(page, lang);
    await show(lang);
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 1, `${lang}: the page scrolls sideways by ${overflow}px`);
    if (then) await then(lang);
  }
}

export async function shot(page, name, alsoReadme) {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, name + '.png'), fullPage: true });
  if (alsoReadme) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, alsoReadme + '.png'), fullPage: false });
  }
}

/** An API client with a bearer token (no CSRF), to check what the UI shows against the server and
 * to drive a workflow; a refusal throws with the method, path, user and answer. */
export async function apiClient(base, username, password = 'demo') {
  const r = await fetch(base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`API login of ${username} failed: ${r.status}`);
  const { token } = await r.json();
  const call = async (method, path, body) => {
    const res = await fetch(base + '/api/v1' + path, {
      method,
      headers: { Authorization: 'Bearer ' + token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} as ${username}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b ?? {}), put: (p, b) => call('PUT', p, b) };
}

/** The date `offset` days from today, YYYY-MM-DD (UTC). */
export function day(offset) {
  return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
}

/** The five threat categories assessed as a complete SRA needs them (intent, capability and
 * inhibiting context 3; hazards 2/2/3); with `terrorismNotApplicable` terrorism is marked not
 * applicable, with its reason, instead of assessed. */
export function assessedThreats({ terrorismNotApplicable = false } = {}) {
  const assessed = ['armed_conflict', 'terrorism', 'crime', 'civil_unrest'].filter((c) => !(terrorismNotApplicable && c === 'terrorism'));
  const threats = assessed.map((category) => ({ category, intent: 3, capability: 3, inhibiting: 3 }));
  if (terrorismNotApplicable) threats.push({ category: 'terrorism', not_applicable: true, not_applicable_reason: 'No group active in the area.' });
  threats.push({ category: 'hazards', frequency: 2, magnitude: 2, preparedness: 3 });
  return threats;
}

/** An SRA drafted by `sp` through the API: scope from today for `days` days, the situation, the
 * programmes and the assessed threats given, then each scenario added in order; then taken through
 * `steps` ([action, user] pairs, each with `comment` when given). Returns the assessor's client,
 * the SRA's id and the document as the last scenario left it. */
export async function draftSra(base, { area = 'area_7', title, days = 200, situation = { political: 'Calm.' }, programmes,
  terrorismNotApplicable = false, scenarios = [], steps = [], comment } = {}) {
  const sp = await apiClient(base, 'sp');
  const sra = await sp.post('/sras', {
    area_id: area, title,
    scope: { from_date: day(0), to_date: day(days), trigger: 'change_in_area' },
    situation,
    ...(programmes ? { programmes } : {}),
    threats: assessedThreats({ terrorismNotApplicable }),
  });
  let doc = sra;
  for (const scenario of scenarios) doc = await sp.post('/sras/' + sra.id + '/scenarios', scenario);
  for (const [action, user] of steps)
    await (await apiClient(base, user)).post('/sras/' + sra.id + '/transitions', comment === undefined ? { action } : { action, comment });
  return { sp, id: sra.id, doc };
}

/** A complete SRA drafted by sp in `area` and submitted: in review, waiting for the security cell.
 * One scenario, carjacking, with two measures; returns the SRA's id and the scenario's. */
export async function submittedSra(base, title, area = 'area_6') {
  const { id, doc } = await draftSra(base, {
    area, title, terrorismNotApplicable: true,
    situation: { political: 'Calm since the accord.', threat_actors: 'Car theft rings on the ring road.' },
    scenarios: [{
      title: 'Carjacking on the ring road', threat_category: 'crime',
      vulnerability: { exposed: 'Drivers', weaknesses: 'Same route every day' },
      likelihood: 'Likely', impact: 'Moderate',
      measures: [{ type: 'prevention', description: 'Vary the routes', moss_category: 'vehicles', cost_minor: 0, owner: 'UNDSS' },
        { type: 'mitigation', description: 'Trauma kits', moss_category: 'medical', cost_minor: 0, owner: 'UNDSS' }],
      residual_likelihood: 'Unlikely', residual_impact: 'Moderate',
    }],
    steps: [['submit', 'sp']],
  });
  return { id, sid: doc.scenarios[0].id };
}

/** Form controls on the page that have no <label> (every control must have one). */
export function unlabelled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((e) => e.type !== 'hidden' && !(e.labels && e.labels.length))
      .map((e) => e.id || e.name || e.outerHTML.slice(0, 80)));
}

/** What one test file shares: the server (demo data, own port and data directory), the browser,
 * and every page the file opens, all closed after its tests. Call once at the top of the file;
 * `suite.server` and `suite.chrome` are set once its tests start.
 * `suite.open(user, { password, ...contextOptions })` opens a fresh context, signed in when a user
 * is given. `setup` (optional) runs once the server is up: node:test does not wait for one
 * top-level `before` hook to finish before starting the next, so a file's own `before` could
 * run before the server exists. */
export function useSuite({ setup } = {}) {
  const suite = { server: null, chrome: null, pages: [] };
  suite.open = async (user, { password, ...opts } = {}) => {
    const p = await newPage(suite.chrome.browser, suite.server.base, opts);
    suite.pages.push(p);
    if (user) await login(p.page, user, password);
    return p;
  };
  before(async () => {
    suite.server = await startServer();
    suite.chrome = await launchBrowser();
    if (setup) await setup(suite);
  });
  after(async () => {
    for (const p of suite.pages) await p.context.close().catch(() => undefined);
    if (suite.chrome) await suite.chrome.close();
    if (suite.server) await suite.server.stop();
  });
  return suite;
}
