// Browser tests of issue 18's "plain language" (finding 5): what a person reads names things by
// their names, never by ids (`sra_1430e434…`), writes dates in the reader's language, never ISO,
// shows the version diff in words (`Scenario “Carjacking”: residual impact Severe → Moderate`),
// keeps the clearance inbox's requester line apart from the comment's label ("PC4Comment"), and
// in French and Arabic shows no English server text. One demo server, in order.
// Run: cd tests/e2e && node --test --test-concurrency=1 plain-language.test.mjs (after scripts/e2e.sh built web/dist).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, setLanguage, shot, sidewaysOverflow, submittedSra, useSuite } from './harness.mjs';

const state = { v1: null, v2: null, scenario: null, referredLeg: null, request: null };

const suite = useSuite({
  async setup(s) {
    const sp = await apiClient(s.server.base, 'sp');
    // Version 2 of the Sanjar SRA with one scenario's residual impact changed: the diff to read.
    const areas = (await sp.get('/areas?with=risk')).items;
    state.v1 = await sp.get('/sras/' + areas.find((a) => a.id === 'area_1').published_sra_id);
    const v2 = await sp.post('/sras/' + state.v1.id + '/revise');
    const scenario = v2.scenarios[v2.scenarios.length - 1];
    state.scenario = { ...scenario };
    await sp.put(`/sras/${v2.id}/scenarios/${scenario.id}`, { residual_likelihood: scenario.likelihood, residual_impact: scenario.impact });
    state.v2 = await sp.get('/sras/' + v2.id);
    // A request with a leg where no SRA is published (Northern Province): referred to the DSS adviser's inbox.
    const fin = await apiClient(s.server.base, 'finance');
    state.request = await fin.post('/clearances', {
      activity: 'Plain-language check visit',
      programme_id: 'prg_1',
      legs: [{ area_id: 'area_1', from: day(2), to: day(3) }, { area_id: 'area_5', from: day(4), to: day(5) }],
    });
    state.referredLeg = state.request.legs.find((l) => l.status === 'referred');
  },
});

// Record ids as the server spells them (prefix_hex or the demo's prefix_word) and ISO dates.
const ID = /\b(sra|usr|clr|leg|area|cty|reg|msr|org|prg|egs|ssa|bud|fnr|loc|pca|tok|sc|scn)_[0-9a-z]+\b/;
const ISO = /\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}[:\d.]*Z?)?\b/;
// Record pointers of the raw diff (/scenarios/0/residual_impact).
const POINTER = /\/(scenarios|threats|programmes|situation|scope)\/\w+/;

/** The main area's visible text, without the small "reference" lines people may need to quote. */
function mainText(page) {
  return page.locator('main').evaluate((m) => {
    const c = m.cloneNode(true);
    c.querySelectorAll('.ref, select, textarea, input').forEach((e) => e.remove());
    c.style.position = 'absolute';
    document.body.appendChild(c);
    const s = c.innerText;
    c.remove();
    return s;
  });
}

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.locator('main .loading').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  // Late requests of a page (its lists' next reads): one more quiet network.
  await page.waitForTimeout(150);
  await page.waitForLoadState('networkidle');
}

/** Pages and what of them must be plain: no id, no ISO date. */
async function checkPages(page, who, paths) {
  const bad = [];
  for (const path of paths) {
    await page.goto('/#' + path);
    await settle(page);
    const text = await mainText(page);
    const id = text.match(ID);
    const iso = text.match(ISO);
    if (id) bad.push(`${who} ${path}: id ${id[0]} in «${line(text, id.index)}»`);
    if (iso) bad.push(`${who} ${path}: ISO date ${iso[0]} in «${line(text, iso.index)}»`);
  }
  return bad;
}

function line(text, at) {
  const from = text.lastIndexOf('\n', at) + 1;
  const to = text.indexOf('\n', at);
  return text.slice(from, to < 0 ? undefined : to).slice(0, 160);
}

describe('Plain language: names, dates, the diff in words, no English in French and Arabic', { concurrency: 1 }, () => {
  test('no record id and no ISO date on the main pages, for each role', async () => {
    const budgets = (await (await apiClient(suite.server.base, 'sp')).get('/budgets')).items;
    const common = ['/', '/sras', `/sras/${state.v1.id}`, `/sras/${state.v2.id}/changes`, `/sras/${state.v1.id}/audit`,
      '/clearances', `/clearances/${state.request.id}`, '/activities', '/compliance', '/egs', '/governance', '/action-plan', '/workforce'];
    const bad = [];
    for (const [user, extra] of [
      ['sp', ['/clearances/inbox', '/budgets', ...budgets.slice(0, 1).map((b) => '/budgets/' + b.id), '/services', '/fund']],
      ['cell', ['/clearances/inbox', '/budgets']],
      ['finance', ['/budgets', '/services', '/slas', '/fund']],
      ['dss', ['/clearances/inbox', '/services', '/slas']],
      ['auditor', ['/budgets', '/fund', '/admin']],
    ]) {
      const { page, problems } = await suite.open(user);
      bad.push(...(await checkPages(page, user, [...common, ...extra])));
      assert.deepEqual(problems, []);
    }
    assert.deepEqual(bad, [], 'ids or ISO dates shown to people');
  });

  test('the leg reasons name the SRA by its title', async () => {
    const { page } = await suite.open('finance');
    await page.goto('/#/clearances/' + state.request.id);
    await settle(page);
    const cleared = page.locator(`[data-leg="${state.request.legs[0].id}"] [data-reason=sra_current]`);
    await cleared.waitFor();
    await page.waitForFunction((t) => document.querySelector('[data-reason=sra_current]')?.textContent?.includes(t), state.v1.title);
    assert.match(await cleared.innerText(), new RegExp('“' + state.v1.title + '”'));
  });

  test('"Changes between versions" in words: the scenario by its title, the field and the levels by name', async () => {
    const { page, problems } = await suite.open('sp');
    await page.goto(`/#/sras/${state.v2.id}/changes`);
    const diff = page.locator('[data-testid=diff]');
    await diff.waitFor();
    const s = state.scenario;
    const lines = await diff.locator('li').allInnerTexts();
    const expected = `Scenario “${s.title}”: residual impact ${s.residual_impact} → ${s.impact}`;
    assert.ok(lines.includes(expected), `the change in words: ${expected}\nshown: ${lines.join('\n')}`);
    if (s.residual_likelihood !== s.likelihood)
      assert.ok(lines.includes(`Scenario “${s.title}”: residual likelihood ${s.residual_likelihood} → ${s.likelihood}`), lines.join('\n'));
    const text = await mainText(page);
    assert.doesNotMatch(text, POINTER, 'no JSON pointer on screen');
    assert.doesNotMatch(text, /_score|residual_impact/, 'no field spelt as in the record');
    await shot(page, 'sra-changes-in-words');

    await setLanguage(page, 'fr');
    await page.waitForFunction(() => /Scénario/.test(document.querySelector('[data-testid=diff]')?.textContent ?? ''));
    const fr = await diff.locator('li').allInnerTexts();
    const IMP_FR = { Negligible: 'Négligeable', Minor: 'Mineur', Moderate: 'Modéré', Severe: 'Grave', Critical: 'Critique' };
    const frExpected = `Scénario “${s.title}” : impact résiduel ${IMP_FR[s.residual_impact]} → ${IMP_FR[s.impact]}`;
    assert.ok(fr.includes(frExpected), `${frExpected}\nshown: ${fr.join('\n')}`);
    await setLanguage(page, 'ar');
    await page.waitForFunction(() => /السيناريو/.test(document.querySelector('[data-testid=diff]')?.textContent ?? ''));
    const ar = await diff.locator('li').allInnerTexts();
    assert.ok(ar.some((l) => l.includes(`السيناريو “${s.title}”: الأثر المتبقي`)), ar.join('\n'));
    assert.doesNotMatch(await mainText(page), /residual|Scenario/, 'no English in the Arabic diff');
    await setLanguage(page, 'en');
    assert.deepEqual(problems, []);
  });

  test('the clearance inbox keeps the requester line apart from the comment label', async () => {
    const { page, problems } = await suite.open('sp');
    await page.goto('/#/clearances/inbox');
    const row = page.locator(`[data-testid=clearance-inbox] [data-leg="${state.referredLeg.id}"]`);
    await row.waitFor();
    const requester = row.locator('.decide > p.rowmeta').first(); // (no test id: the old UI had none)
    const label = row.locator('.decide label').first();
    const text = await row.locator('.decide').innerText();
    assert.doesNotMatch(text, /PC\d\s?Comment/, 'the PC does not run into the label: ' + JSON.stringify(text.slice(0, 120)));
    const a = await requester.boundingBox();
    const b = await label.boundingBox();
    assert.ok(b.y >= a.y + a.height - 1, `the label starts below the requester line (${b.y} vs ${a.y + a.height})`);
    assert.match(await requester.innerText(), /PC\d$/);
    assert.deepEqual(problems, []);
  });

  // The server names what a record points at (people, SRAs, measures, countries); the
  // pages show those names and no longer open whole SRAs to learn a title (each such read wrote an
  // entry in the SRA's access log).
  test('people by display name, SRAs and measures by name, and no SRA read just to name it', async () => {
    const sp = await apiClient(suite.server.base, 'sp');
    const auditor = await apiClient(suite.server.base, 'auditor');
    const budget = await sp.get('/budgets/' + (await sp.get('/budgets')).items[0].id);
    const line = budget.lines[0];
    assert.ok(line.measure_description && line.sra_title, 'the server names the line\'s measure and SRA');
    const me = budget.drafted_by;
    const spLog = async (sraId) => (await auditor.get(`/sras/${sraId}/access-log?limit=500&user_id=${me.id}`)).items.length;
    const sras = [...new Set([...budget.lines.map((l) => l.sra_id), state.request.legs[0].sra_id])];
    await new Promise((r) => setTimeout(r, 500)); // the access log writes its queue every 200 ms
    const before = Object.fromEntries(await Promise.all(sras.map(async (id) => [id, await spLog(id)])));

    const { page, problems } = await suite.open('sp');
    const sraReads = [];
    page.on('request', (r) => { if (/\/api\/v1\/(sras|egs-decisions)\/[^/?]+(\?|$)/.test(r.url())) sraReads.push(r.url()); });
    await page.goto('/#/budgets/' + budget.id);
    await settle(page);
    const lines = page.locator('[data-testid=budget-lines]');
    await lines.waitFor();
    assert.match(await lines.innerText(), new RegExp(line.measure_description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    for (const path of ['/budgets', `/clearances/${state.request.id}`, '/clearances', '/activities', '/egs', '/services']) {
      await page.goto('/#' + path);
      await settle(page);
      const text = await mainText(page);
      assert.doesNotMatch(text, /\b(sra|usr)_[0-9a-z]+/, `no SRA or user id on ${path}`);
    }
    await page.goto('/#/clearances/' + state.request.id);
    await settle(page);
    const reason = page.locator(`[data-leg="${state.request.legs[0].id}"] [data-reason=sra_current]`);
    assert.match(await reason.innerText(), new RegExp('“' + state.v1.title + '”'), 'the leg names its SRA by title');
    // A person by display name: the EGS decisions' recorder, the price list's drafter.
    await page.goto('/#/egs');
    await settle(page);
    const egs = await sp.get('/egs-decisions');
    if (egs.items.length > 0) {
      const who = egs.items[0].recorded_by;
      assert.ok(who.display_name && who.display_name !== who.username);
      assert.match(await mainText(page), new RegExp(who.display_name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    }
    assert.deepEqual(sraReads, [], 'no SRA or EGS decision opened only to name it');
    await new Promise((r) => setTimeout(r, 500));
    for (const id of sras) assert.equal(await spLog(id), before[id], `no access-log entry of sp for ${id} from listing pages`);
    assert.deepEqual(problems, []);
  });

  // The SRA document names who acted (history[].by_name beside by): its history and the
  // notice of a return show display names, never usernames, at phone width, in each language.
  test('the SRA history and the return notice name who acted by display name', async () => {
    const base = suite.server.base;
    const { id } = await submittedSra(base, 'Names in the history', 'area_6');
    await (await apiClient(base, 'cell')).post('/sras/' + id + '/transitions', { action: 'return', comment: 'Rate the road again.' });
    const users = (await (await apiClient(base, 'admin')).get('/users?limit=500')).items;
    const nameOf = (username) => users.find((u) => u.username === username).display_name;
    const esc = (s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    assert.notEqual(nameOf('cell'), 'cell');
    const { page, problems } = await suite.open('sp', { viewport: { width: 375, height: 800 } });
    for (const lang of ['en', 'fr', 'ar']) {
      await page.goto('/#/');
      await page.locator('main h1').first().waitFor();
      if (lang !== 'en') await setLanguage(page, lang);
      await page.goto('/#/sras/' + id + '/approvals');
      const history = page.locator('[data-testid=history]');
      await history.waitFor();
      const text = await history.innerText();
      assert.match(text, esc(nameOf('sp')), `${lang}: the drafter by name`);
      assert.match(text, esc(nameOf('cell')), `${lang}: the reviewer by name`);
      assert.ok(!/· (sp|cell) \(/.test(text), `${lang}: no username in the history: ${text}`);
      const notice = page.locator('[data-testid=return-reason]');
      assert.match(await notice.innerText(), esc(nameOf('cell')), `${lang}: "Returned by" names the reviewer`);
      assert.ok((await sidewaysOverflow(page)) <= 1, `${lang}: the page fits the phone`);
      // The wizard, where the assessor takes the SRA up again, names the reviewer too.
      await page.goto('/#/sras/' + id + '/edit');
      const wizardNotice = page.locator('[data-testid=return-reason]');
      await wizardNotice.waitFor();
      assert.match(await wizardNotice.innerText(), esc(nameOf('cell')), `${lang}: the wizard's notice names the reviewer`);
      if (lang === 'ar') await shot(page, 'plain-return-reason-ar');
    }
    assert.deepEqual(problems, []);
  });

  for (const lang of ['fr', 'ar']) {
    test(`in ${lang}: no English server text, no id and no ISO date on the decision pages`, async () => {
      const fin = await apiClient(suite.server.base, 'finance');
      const req = await fin.get('/clearances/' + state.request.id);
      const activities = await (await apiClient(suite.server.base, 'sp')).get('/activities?area_id=area_1').catch(() => ({ items: [] }));
      // The server's English sentences, which must not reach a French or Arabic page.
      const english = new Set([...req.legs.flatMap((l) => l.reasons.map((r) => r.message)),
        ...(activities.items ?? []).flatMap((a) => (a.reasons ?? []).map((r) => r.message))].filter(Boolean));
      assert.ok(english.size > 0, 'the server sends English reason messages to compare with');
      const bad = [];
      for (const user of ['finance', 'sp']) {
        const { page, problems } = await suite.open(user);
        await setLanguage(page, lang);
        const paths = [`/clearances/${state.request.id}`, '/activities', '/clearances', `/sras/${state.v2.id}/changes`, '/'];
        if (user === 'sp') paths.push('/clearances/inbox', '/budgets', '/slas');
        bad.push(...(await checkPages(page, `${user} ${lang}`, paths)));
        for (const path of paths) {
          await page.goto('/#' + path);
          await settle(page);
          const text = await mainText(page);
          for (const m of english) if (text.includes(m)) bad.push(`${user} ${lang} ${path}: English «${m}»`);
          // A refusal (sp may not read service levels) is the role sentence alone, in the language.
          if (/Service-level agreements are read|is not allowed|may not/i.test(text)) bad.push(`${user} ${lang} ${path}: English refusal`);
        }
        assert.deepEqual(problems, []);
        if (user === 'finance') await shot(page, 'plain-clearance-' + lang);
      }
      assert.deepEqual(bad, []);
    });
  }
});
