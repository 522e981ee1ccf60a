// Issue 18: "search, sort and filters on every list, kept in the address bar so a view can
// be shared" on the lists still without them — the administration's users, the action plan's items,
// the governance bodies and meetings — and the compliance search box keeping what was typed before
// the list arrived. Each filter changes the list the server answers, the address bar keeps the view,
// reloading shows it again; at 360 px the bars fit in English, French and Arabic, in their language.
// Run: cd tests/e2e && node --test --test-concurrency=1 list-filters-admin.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, day, fitsInEachLanguage, shot, sidewaysOverflow, useSuite } from './harness.mjs';

const PASSWORD = 'Admin18 e2e: 9 quiet owls at dusk';
const state = { alpha: '', beta: '', gamma: '', itemA: '', itemB: '', panel: '', circle: '', kickoff: '', review: '', budget: '', phone: '' };

const suite = useSuite({
  setup: async (s) => {
    const admin = await apiClient(s.server.base, 'admin');
    const user = async (username, display_name, organization_id, role) =>
      (await admin.post('/users', { username, password: PASSWORD, display_name, organization_id, grants: [{ role }] })).id;
    state.alpha = await user('adm18_alpha', 'Zed Admin18', 'org_wfp', 'finance');
    state.beta = await user('adm18_beta', 'Ann Admin18', 'org_undp', 'auditor');
    state.gamma = await user('adm18_gamma', 'Mia Admin18', 'org_wfp', 'auditor');
    await admin.put('/users/' + state.beta, { disabled: true });
    const gov = await apiClient(s.server.base, 'gov');
    const item = async (code, title, category, due) =>
      (await gov.post('/action-plan/items', { code, title, category, lead: 'Admin18 lead', due_on: day(due) })).id;
    state.itemA = await item('adm18-a', 'Admin18 radios for every office', 'no_regret', 30);
    state.itemB = await item('adm18-b', 'Admin18 guard force review', 'further_study', 90);
    await gov.post('/action-plan/items/' + state.itemB + '/status', { status: 'in_progress' });
    const body = async (name, kind) => (await gov.post('/governance/bodies', { name, kind, established_on: day(-30) })).id;
    state.panel = await body('Admin18 network panel', 'iasmn');
    state.circle = await body('Admin18 budget circle', 'finance_budget_network');
    const meeting = async (body_id, title, held) =>
      (await gov.post('/governance/meetings', { body_id, title, held_on: day(held), summary: 'Admin18' })).id;
    state.kickoff = await meeting(state.panel, 'Admin18 kickoff', -20);
    state.review = await meeting(state.panel, 'Admin18 review', -2);
    state.budget = await meeting(state.circle, 'Admin18 budget talk', -10);
    const cell = await apiClient(s.server.base, 'cell');
    state.phone = (await cell.post('/compliance/items', {
      location_id: 'loc_2', organization_id: 'org_undp', requirement: 'Admin18 satellite phone',
      moss_category: 'telecommunications', due_date: day(10), owner: 'UNDP ops',
    })).id;
  },
});

const hashQuery = (page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');

async function waitForRows(page, selector, attr, expected) {
  await page.waitForFunction(
    ([sel, a, want]) => JSON.stringify([...document.querySelectorAll(sel)].map((e) => e.dataset[a])) === JSON.stringify(want),
    [selector, attr, expected],
  );
}

/** Types `text` in the search box `id` and applies it with Enter; waits for the address to carry `key`. */
async function search(page, id, text, key = 'q') {
  await page.locator('#' + id).fill(text);
  await page.locator('#' + id).press('Enter');
  await page.waitForFunction(([k, v]) => new URLSearchParams(location.hash.split('?')[1] ?? '').get(k) === v, [key, text]);
}

describe('Administration and coordination lists: search, filters and sort in the address bar', { concurrency: 1 }, () => {
  test('users: search, organization, role and state filters and the sort are the server\'s, kept on reload', async () => {
    const { page, problems } = await suite.open('admin');
    const api = await apiClient(suite.server.base, 'admin');
    await page.goto('/#/admin');
    await page.locator('[data-testid=adm-users] tbody tr').first().waitFor();
    const sel = '[data-testid=adm-users] tbody tr';
    await search(page, 'adm-q', 'ADMIN18');
    await waitForRows(page, sel, 'username', ['adm18_alpha', 'adm18_beta', 'adm18_gamma']);
    await page.locator('#adm-role').selectOption('auditor');
    await waitForRows(page, sel, 'username', ['adm18_beta', 'adm18_gamma']);
    await page.locator('#adm-disabled').selectOption('false');
    await waitForRows(page, sel, 'username', ['adm18_gamma']);
    await page.locator('#adm-disabled').selectOption('');
    await page.locator('#adm-organization_id').selectOption('org_wfp');
    await waitForRows(page, sel, 'username', ['adm18_gamma']);
    await page.locator('#adm-role').selectOption('');
    await waitForRows(page, sel, 'username', ['adm18_alpha', 'adm18_gamma']);
    // The name column sorts on the server: display names Mia, Zed; then the other way.
    await page.locator('th[data-sort=name] button').click();
    await waitForRows(page, sel, 'username', ['adm18_gamma', 'adm18_alpha']);
    await page.locator('th[data-sort=name] button').click();
    await waitForRows(page, sel, 'username', ['adm18_alpha', 'adm18_gamma']);
    const q = hashQuery(page);
    assert.equal(q.get('q'), 'ADMIN18');
    assert.equal(q.get('organization_id'), 'org_wfp');
    assert.equal(q.get('sort'), '-name');
    // The rows are the server's answer to the same query.
    const answer = await api.get('/users?' + q.toString());
    assert.deepEqual(answer.items.map((u) => u.username), ['adm18_alpha', 'adm18_gamma']);
    await page.reload();
    await waitForRows(page, sel, 'username', ['adm18_alpha', 'adm18_gamma']);
    assert.equal(await page.locator('#adm-q').inputValue(), 'ADMIN18');
    assert.equal(await page.locator('#adm-organization_id').inputValue(), 'org_wfp');
    assert.equal(await page.locator('th[data-sort=name]').getAttribute('aria-sort'), 'descending');
    // Disabled accounts only: beta is of UNDP, so nothing matches with WFP.
    await page.locator('#adm-disabled').selectOption('true');
    await page.getByText('Nothing matches these filters.').waitFor();
    await page.locator('[data-testid=adm-clear]').click();
    await page.waitForFunction(() => location.hash === '#/admin');
    await page.locator('[data-testid=adm-users] tr[data-username=admin]').waitFor();
    await shot(page, 'list-filters-admin-users');
    assert.deepEqual(problems, []);
  });

  test('action plan: search, category and status filters, sort by due date, kept on reload', async () => {
    const { page, problems } = await suite.open('finance');
    await page.goto('/#/action-plan');
    const sel = '[data-testid=ap-items] tbody tr[data-code]';
    await page.locator(sel).first().waitFor();
    await search(page, 'ap-q', 'admin18');
    await page.locator('th[data-sort=due] button').click();
    await waitForRows(page, sel, 'code', ['adm18-a', 'adm18-b']);
    await page.locator('th[data-sort=due] button').click();
    await waitForRows(page, sel, 'code', ['adm18-b', 'adm18-a']);
    await page.locator('#ap-category').selectOption('no_regret');
    await waitForRows(page, sel, 'code', ['adm18-a']);
    await page.locator('#ap-category').selectOption('');
    await page.locator('#ap-status').selectOption('in_progress');
    await waitForRows(page, sel, 'code', ['adm18-b']);
    await page.locator('#ap-due_to').fill(day(60));
    await page.getByText('Nothing matches these filters.').waitFor();
    await page.locator('#ap-due_to').fill('');
    await waitForRows(page, sel, 'code', ['adm18-b']);
    const q = hashQuery(page);
    assert.equal(q.get('status'), 'in_progress');
    assert.equal(q.get('sort'), '-due');
    const api = await apiClient(suite.server.base, 'finance');
    assert.deepEqual((await api.get('/action-plan/items?' + q.toString())).items.map((i) => i.code), ['adm18-b']);
    await page.reload();
    await waitForRows(page, sel, 'code', ['adm18-b']);
    assert.equal(await page.locator('#ap-q').inputValue(), 'admin18');
    assert.equal(await page.locator('#ap-status').inputValue(), 'in_progress');
    // The progress by category still counts every item.
    await page.locator('[data-testid=ap-categories] li').first().waitFor();
    assert.equal(await page.locator('[data-testid=ap-categories] li').count(), 3);
    assert.deepEqual(problems, []);
  });

  test('governance: bodies and meetings each filtered and sorted, side by side in the address bar', async () => {
    const { page, problems } = await suite.open('gov');
    await page.goto('/#/governance');
    await page.locator('[data-testid=gov-meetings] li').first().waitFor();
    const meetings = '[data-testid=gov-meetings] li';
    // Meetings: the body, then the sort, then the dates.
    await page.locator('#gov-meetings-body_id').selectOption(state.panel);
    await page.locator('#gov-meetings-sort').selectOption('held');
    await waitForRows(page, meetings, 'meeting', [state.kickoff, state.review]);
    await page.locator('#gov-meetings-sort').selectOption('-held');
    await waitForRows(page, meetings, 'meeting', [state.review, state.kickoff]);
    await page.locator('#gov-meetings-held_from').fill(day(-5));
    await waitForRows(page, meetings, 'meeting', [state.review]);
    // Bodies: a search and a kind; the meetings' view stays as it was.
    await search(page, 'gov-bodies-q', 'admin18', 'b_q');
    const bodyNames = () => page.locator('[data-testid=gov-bodies] .card h2, [data-testid=gov-bodies] .card h3')
      .evaluateAll((els) => els.map((e) => e.textContent.trim()));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=gov-bodies] > *').length === 2);
    await page.locator('#gov-bodies-kind').selectOption('iasmn');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=gov-bodies] > *').length === 1);
    assert.deepEqual(await bodyNames(), ['Admin18 network panel']);
    const q = hashQuery(page);
    assert.equal(q.get('b_q'), 'admin18');
    assert.equal(q.get('b_kind'), 'iasmn');
    assert.equal(q.get('m_body_id'), state.panel);
    assert.equal(q.get('m_sort'), '-held');
    assert.equal(q.get('m_held_from'), day(-5));
    assert.equal(q.get('q'), null, 'the decisions\' search is not touched');
    await waitForRows(page, meetings, 'meeting', [state.review]);
    // The server's answers to the same queries.
    const api = await apiClient(suite.server.base, 'gov');
    const m = await api.get(`/governance/meetings?body_id=${state.panel}&held_from=${day(-5)}&sort=-held`);
    assert.deepEqual(m.items.map((x) => x.id), [state.review]);
    assert.deepEqual((await api.get('/governance/bodies?q=admin18&kind=iasmn')).items.map((b) => b.id), [state.panel]);
    await page.reload();
    await waitForRows(page, meetings, 'meeting', [state.review]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=gov-bodies] > *').length === 1);
    assert.equal(await page.locator('#gov-bodies-q').inputValue(), 'admin18');
    assert.equal(await page.locator('#gov-meetings-sort').inputValue(), '-held');
    // Three search bars on one page: a screen reader tells them apart by name.
    const barNames = await page.locator('form[role=search]').evaluateAll((fs) => fs.map((f) => f.getAttribute('aria-label')));
    assert.equal(barNames.length, 3);
    assert.equal(new Set(barNames.filter(Boolean)).size, 3, `search bars named ${JSON.stringify(barNames)}`);
    // Clearing the meetings' filters leaves the bodies' view.
    await page.locator('[data-testid=gov-meetings-clear]').click();
    await page.waitForFunction(() => !location.hash.includes('m_'));
    assert.equal(hashQuery(page).get('b_kind'), 'iasmn');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=gov-meetings] li').length >= n, 3);
    await shot(page, 'list-filters-governance');
    assert.deepEqual(problems, []);
  });

  test('compliance: text typed in the search box before the list arrives stays, and filters the list', async () => {
    const { page, problems } = await suite.open('cell');
    // The list's first answer is held until the text is typed: the box is typed into before any row is drawn.
    let release;
    const held = new Promise((r) => { release = r; });
    let heldOnce = false;
    const isList = (url) => url.pathname === '/api/v1/compliance/items';
    await page.route(isList, async (route) => {
      if (!heldOnce) {
        heldOnce = true;
        await held;
      }
      await route.continue();
    });
    await page.goto('/#/compliance');
    await page.locator('#compliance-q').waitFor();
    assert.equal(await page.locator('[data-testid=compliance-items] tbody tr').count(), 0, 'no row drawn yet');
    await page.locator('#compliance-q').fill('satellite');
    release();
    await page.locator('[data-testid=compliance-items] tbody tr').first().waitFor();
    assert.equal(await page.locator('#compliance-q').inputValue(), 'satellite', 'the typed text is kept once the list is drawn');
    await page.locator('#compliance-q').press('Enter');
    await waitForRows(page, '[data-testid=compliance-items] tbody tr', 'item', [state.phone]);
    assert.equal(hashQuery(page).get('q'), 'satellite');
    await page.unroute(isList);
    assert.deepEqual(problems, []);
  });

  test('at 360 px the new filter bars fit the screen and speak English, French and Arabic', async () => {
    const { page, problems } = await suite.open('admin', { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    const paths = ['/#/admin?q=admin18&role=auditor&sort=name', '/#/action-plan?q=admin18&status=in_progress&sort=due',
      '/#/governance?b_q=admin18&b_kind=iasmn&m_sort=title&m_held_from=' + day(-30)];
    const labels = {
      en: { 'adm-role': 'Role', 'ap-category': 'Category', 'gov-meetings-held_from': 'Held from', 'gov-bodies-kind': 'Kind of body' },
      fr: { 'adm-role': 'Rôle', 'ap-category': 'Catégorie', 'gov-meetings-held_from': 'Tenue à partir du', 'gov-bodies-kind': 'Type d\'organe' },
      ar: { 'adm-role': 'الدور', 'ap-category': 'الفئة', 'gov-meetings-held_from': 'عُقد من', 'gov-bodies-kind': 'نوع الهيئة' },
    };
    await fitsInEachLanguage(page, async (lang) => {
      for (const path of paths) {
        await page.goto(path);
        await page.locator('form.list-filters').first().waitFor();
        await page.locator('[data-testid=load-more]').first().waitFor();
        assert.ok((await sidewaysOverflow(page)) <= 1, `${lang} ${path}: ${await sidewaysOverflow(page)} px wider than the screen`);
        for (const [id, text] of Object.entries(labels[lang])) {
          const label = page.locator(`label[for="${id}"]`);
          if (await label.count()) assert.equal((await label.textContent()).trim(), text, `${lang} ${id}`);
        }
      }
      await page.goto(paths[2]);
      await page.locator('#gov-meetings-sort').waitFor();
      assert.equal(await page.locator('#gov-meetings-sort option[value=title]').textContent(),
        { en: 'Title A–Z', fr: 'Titre A–Z', ar: 'العنوان (أ–ي)' }[lang]);
    });
    assert.deepEqual(problems, []);
  });
});
