// Yifa web: sign-in, the caller's tasks, the list of decisions and one decision's page.
// Plain ES modules, no build step, no third-party assets (government intranets are offline).

import { api, ApiError, clearSession, fileToBase64, loadSession, newIdempotencyKey, saveSession, setUnauthorizedHandler } from './api.js';
import { schemaForm } from './forms.js';
import { choiceLabel, fieldLabel } from './fields.js';
import { launchChecks, launchSchema } from './launch-schema.js';
import { h, mount, panel } from './dom.js';
import { downloadButton, implementationPanel, initWork, noticesBell, parseSupervision, renderLegal, renderMeeting, renderMeetings, renderReview, renderSupervision } from './work.js';
import { initAccount, renderAccount, renderUsers, singleSignOnLink, takeSingleSignOn } from './account.js';
import { initCalendar, renderCalendarAdmin } from './calendar.js';
import { initReviews, renderReviewTask, renderSubmissions, renderSubmitReview, reviewInboxItems, reviewTaskItem } from './reviews.js';
import {
  STAGES,
  STATUSES,
  loadLabels,
  applyDocumentLocale,
  formatBasis,
  formatDateTime,
  formatSize,
  getLocale,
  label,
  pick,
  ruleText,
  ruleTitle,
  setLocale,
  t,
} from './i18n.js';

const root = document.getElementById('app');
const PAGE_SIZE = 20;

const state = {
  session: loadSession(),
  /** GET /api/me: the user with their department. */
  me: null,
  /** A message key shown once on the sign-in page (signed out, session ended). */
  notice: null,
  /** The username typed so far, kept when the sign-in page re-renders (locale switch). */
  signinUsername: '',
  /** Increments on every navigation so late answers of an earlier page are dropped. */
  seq: 0,
  /** A message shown once at the top of the next page (launched, submitted, withdrawn). */
  flash: null,
  /** GET /api/departments, loaded once. */
  departments: null,
};

setUnauthorizedHandler(() => {
  if (!state.session) return;
  state.session = null;
  state.me = null;
  state.notice = 'signin.expired';
  render();
});

// ---------------------------------------------------------------- routing

function parseRoute() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs = ''] = raw.split('?');
  const m = /^\/decisions\/([^/]+)$/.exec(path);
  if (m) return { name: 'decision', id: decodeURIComponent(m[1]) };
  const tm = /^\/tasks\/([^/]+)$/.exec(path);
  if (tm) return { name: 'task', id: decodeURIComponent(tm[1]) };
  if (path === '/launch') return { name: 'launch' };
  if (path === '/meetings') return { name: 'meetings' };
  const mm = /^\/meetings\/([^/]+)$/.exec(path);
  if (mm) return { name: 'meeting', id: decodeURIComponent(mm[1]) };
  if (path === '/supervision') return { name: 'supervision', filter: parseSupervision(qs) };
  if (path === '/legal') return { name: 'legal' };
  if (path === '/account') return { name: 'account' };
  if (path === '/admin/users') return { name: 'users' };
  if (path === '/admin/calendar') return { name: 'calendar' };
  if (path === '/submissions') return { name: 'submissions' };
  if (path === '/submissions/new') return { name: 'submitReview' };
  const rtm = /^\/review-tasks\/([^/]+)$/.exec(path);
  if (rtm) return { name: 'reviewTask', id: decodeURIComponent(rtm[1]) };
  const rm = /^\/reviews\/([^/]+)$/.exec(path);
  if (rm) return { name: 'review', id: decodeURIComponent(rm[1]) };
  if (path === '/' || path === '') {
    const p = new URLSearchParams(qs);
    const stage = p.get('stage') ?? '';
    const status = p.get('status') ?? '';
    return {
      name: 'home',
      filter: {
        stage: STAGES.includes(stage) ? stage : '',
        status: STATUSES.includes(status) ? status : '',
        q: (p.get('q') ?? '').trim().slice(0, 100),
        page: Math.max(1, Number.parseInt(p.get('page') ?? '1', 10) || 1),
      },
    };
  }
  return { name: 'notfound' };
}

function homeHash(filter) {
  const p = new URLSearchParams();
  if (filter.stage) p.set('stage', filter.stage);
  if (filter.status) p.set('status', filter.status);
  if (filter.q) p.set('q', filter.q);
  if (filter.page > 1) p.set('page', String(filter.page));
  const s = p.toString();
  return `#/${s ? `?${s}` : ''}`;
}

const decisionHash = (id) => `#/decisions/${encodeURIComponent(id)}`;
const taskHash = (id) => `#/tasks/${encodeURIComponent(id)}`;

function navigate(hash) {
  if (location.hash === hash || (hash === '#/' && !location.hash)) renderRoute({ focus: false });
  else location.hash = hash;
}

window.addEventListener('hashchange', () => {
  if (state.session) renderRoute({ focus: true });
});

// ---------------------------------------------------------------- top level

function render() {
  applyDocumentLocale();
  if (!state.session) {
    renderSignIn();
    return;
  }
  renderShell();
  renderRoute({ focus: false });
}

async function boot() {
  applyDocumentLocale();
  try {
    await loadLabels();
  } catch (err) {
    mount(root, h('main', { class: 'boot-error', id: 'main' }, errorBox(err, () => boot())));
    return;
  }
  state.session = (await takeSingleSignOn()) ?? state.session;
  if (state.session) {
    mount(root, h('p', { class: 'boot-loading' }, t('loading')));
    try {
      state.me = await api.me();
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) {
        // Keep the session; show the error with a way to retry.
        mount(root, h('main', { class: 'boot-error', id: 'main' }, errorBox(err, () => boot())));
        return;
      }
      return; // the 401 handler has shown the sign-in page
    }
  }
  render();
}

// ---------------------------------------------------------------- shared pieces

function brand() {
  return h(
    'a',
    { href: '#/', class: 'brand' },
    h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
    h('span', { class: 'brand-name', lang: 'zh-CN' }, '依法'),
    getLocale() === 'en' ? h('span', { class: 'brand-name-en' }, 'Yifa') : null,
    h('span', { class: 'brand-sep', 'aria-hidden': 'true' }, '·'),
    h('span', { class: 'brand-sub' }, t('app.subtitle')),
  );
}

function localeSwitch() {
  const current = getLocale();
  const options = [
    ['zh', '中文', 'zh-CN'],
    ['en', 'English', 'en'],
  ];
  return h(
    'div',
    { class: 'locale-switch', role: 'group', 'aria-label': t('locale.label') },
    options.map(([code, name, lang]) =>
      h(
        'button',
        {
          type: 'button',
          lang,
          class: current === code ? 'is-active' : '',
          'aria-pressed': String(current === code),
          onclick: () => {
            if (getLocale() === code) return;
            setLocale(code);
            render();
            root.querySelector(`.locale-switch button[lang="${lang}"]`)?.focus();
          },
        },
        name,
      ),
    ),
  );
}

function footer() {
  return h(
    'footer',
    { class: 'site-footer' },
    h('span', {}, t('footer.time')),
    h('a', { href: '/api/docs', target: '_blank', rel: 'noopener' }, t('footer.api')),
  );
}

function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('loading'));
}

/** The API's message in the current locale, with the rule it names; never a stack. */
function errorMessage(err) {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    return pick(err.localized) || t('error.unknown');
  }
  console.error(err);
  return t('error.unknown');
}

function errorBox(err, retry) {
  if (err instanceof ApiError && err.status === 401) return null;
  const issues = err instanceof ApiError ? err.issues : [];
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    h('p', { title: ruleTitle(err?.rule) }, errorMessage(err)),
    issues.length
      ? h(
          'ul',
          { class: 'error-issues' },
          issues.map((i) => h('li', {}, h('code', {}, i.path), t('colon'), pick(i.message))),
        )
      : null,
    // Retrying helps only when the server was unreachable or failed, not when it refused.
    retry && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500)
      ? h('button', { type: 'button', class: 'btn btn--small', onclick: retry }, t('error.retry'))
      : null,
  );
}

function statusBadge(status) {
  return h('span', { class: `status status--${status}` }, label('status', status));
}

function ruleChip(rule, { labelled = true } = {}) {
  if (!rule) return null;
  // A statutory rule shows its id (R17); a period the law leaves to configuration shows as such, its key on hover.
  const configured = String(rule).startsWith('config:');
  const code = h('span', {}, configured ? t('due.configured') : ruleText(rule));
  return h(
    'span',
    { class: 'rule-chip', title: `${t('due.rule')}${t('colon')}${rule} (${t('due.ruleHint')})` },
    h('span', { class: labelled ? 'rule-chip-label' : 'visually-hidden' }, t('due.rule')),
    code,
  );
}

/** A due time in Beijing time with the rule that set it, its basis and markers. */
function dueView(due, { overdue = false, paused = false, basis = true, labelled = true, attention = null } = {}) {
  const attentionBadge = attention ? h('span', { class: 'badge badge--overdue', title: attention }, t('due.attention')) : null;
  if (!due) return attentionBadge ? h('span', { class: 'due due--attention' }, attentionBadge) : h('span', { class: 'due due--none' }, t('due.none'));
  return h(
    'span',
    { class: ['due', overdue && 'is-overdue'] },
    overdue ? h('span', { class: 'badge badge--overdue' }, t('badge.overdue')) : null,
    h('time', { datetime: due.dueAt, class: 'due-time' }, formatDateTime(due.dueAt)),
    ruleChip(due.rule, { labelled }),
    basis && due.basis ? h('span', { class: 'due-basis' }, formatBasis(due.basis)) : null,
    due.provisional ? h('span', { class: 'badge badge--provisional', title: t('due.provisionalHint') }, t('due.provisional')) : null,
    paused ? h('span', { class: 'badge badge--paused', title: t('due.pausedHint') }, t('due.paused')) : null,
    attentionBadge,
  );
}

function focusHeading(container) {
  const h1 = container.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: true });
  }
}

// ---------------------------------------------------------------- sign-in

function renderSignIn() {
  document.title = `${t('signin.title')} · ${t('app.name')}`;
  const notice = state.notice;

  const field = (name, type, autocomplete) => {
    const input = h('input', {
      id: `signin-${name}`,
      name,
      type,
      autocomplete,
      required: true,
      maxlength: name === 'username' ? '100' : '200',
      spellcheck: 'false',
      autocapitalize: 'off',
      value: name === 'username' ? state.signinUsername : undefined,
      oninput: () => {
        if (name === 'username') state.signinUsername = input.value;
        setError('');
      },
    });
    const error = h('p', { class: 'field-error', id: `signin-${name}-error`, hidden: true });
    const setError = (msg) => {
      error.textContent = msg;
      error.hidden = !msg;
      input.setAttribute('aria-invalid', msg ? 'true' : 'false');
      if (msg) input.setAttribute('aria-describedby', error.id);
      else input.removeAttribute('aria-describedby');
    };
    const row = h('div', { class: 'field' }, h('label', { for: input.id }, t(`signin.${name}`)), h('div', { class: 'field-control' }, input, error));
    return { input, setError, row };
  };

  const user = field('username', 'text', 'username');
  const pass = field('password', 'password', 'current-password');
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('signin.submit'));

  const onSubmit = async (ev) => {
    ev.preventDefault();
    formError.hidden = true;
    const username = user.input.value.trim();
    const password = pass.input.value;
    user.setError(username ? '' : t('signin.required.username'));
    pass.setError(password ? '' : t('signin.required.password'));
    if (!username) return user.input.focus();
    if (!password) return pass.input.focus();

    submit.disabled = true;
    submit.textContent = t('signin.busy');
    try {
      const s = await api.login(username, password);
      saveSession({ token: s.token, expiresAt: s.expiresAt, user: s.user });
      state.session = loadSession();
      state.notice = null;
      state.signinUsername = '';
      try {
        state.me = await api.me();
      } catch {
        state.me = null; // the header falls back to the login answer
      }
      render();
      focusHeading(root.querySelector('main'));
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('signin.submit');
      const issues = err instanceof ApiError ? err.issues : [];
      const byField = { username: user, password: pass };
      const placed = issues.filter((i) => byField[i.path]);
      for (const i of placed) byField[i.path].setError(pick(i.message));
      if (placed.length) {
        byField[placed[0].path].input.focus();
      } else if (err instanceof ApiError && err.status === 401) {
        // Wrong username or password: the message goes beside the password, which is retyped.
        pass.setError(errorMessage(err));
        pass.input.value = '';
        pass.input.focus();
      } else {
        mount(formError, errorMessage(err));
        formError.hidden = false;
      }
    }
  };

  mount(
    root,
    h(
      'div',
      { class: 'signin-page' },
      h('header', { class: 'topbar topbar--plain' }, brand(), h('div', { class: 'topbar-right' }, localeSwitch())),
      h(
        'main',
        { id: 'main', class: 'signin-main' },
        h(
          'section',
          { class: 'signin-card', 'aria-labelledby': 'signin-title' },
          h('h1', { id: 'signin-title' }, t('signin.title')),
          h('p', { class: 'signin-lead' }, t('signin.lead')),
          notice ? h('p', { class: 'notice', role: 'status' }, t(notice)) : null,
          h('form', { class: 'signin-form', novalidate: true, onsubmit: onSubmit }, user.row, pass.row, formError, submit),
          singleSignOnLink(),
          h('p', { class: 'demo-hint' }, t('signin.demo')),
        ),
      ),
      footer(),
    ),
  );
  (state.signinUsername ? pass.input : user.input).focus();
}

// ---------------------------------------------------------------- signed-in shell

function renderShell() {
  const u = state.me ?? state.session.user;
  const dept = state.me?.department;
  const roles = (u.roles ?? []).map((r) => label('role', r)).join('、');
  const signOut = async () => {
    try {
      await api.logout();
    } catch {
      /* the session ends locally either way */
    }
    clearSession();
    state.session = null;
    state.me = null;
    state.notice = 'signin.signedOut';
    history.replaceState(null, '', '#/');
    render();
  };
  mount(
    root,
    h(
      'div',
      { class: 'shell' },
      h(
        'a',
        {
          class: 'skip-link',
          href: '#main',
          onclick: (ev) => {
            ev.preventDefault();
            focusHeading(document.getElementById('main'));
          },
        },
        t('app.skip'),
      ),
      h(
        'header',
        { class: 'topbar' },
        brand(),
        h(
          'div',
          { class: 'topbar-right' },
          h(
            'div',
            { class: 'user', 'aria-label': t('header.user') },
            h('span', { class: 'user-name' }, u.displayName),
            dept ? h('span', { class: 'user-dept' }, getLocale() === 'en' ? dept.nameEn : dept.nameZh) : null,
            roles ? h('span', { class: 'user-roles' }, roles) : null,
          ),
          noticesBell(),
          localeSwitch(),
          h('a', { class: 'btn btn--ghost', href: '#/account' }, t('header.account')),
          h('button', { type: 'button', class: 'btn btn--ghost', onclick: signOut }, t('header.signout')),
        ),
      ),
      workNav(),
      h('main', { id: 'main', class: 'main' }),
      footer(),
    ),
  );
}

let markNav = () => {};
window.addEventListener('hashchange', () => markNav());

/** The pages of the signed-in person's roles: home for all, meetings for secretaries, supervision for the office, the legal center for reviewers. */
function workNav() {
  const links = [['#/', t('nav.home')]];
  if (hasRole('secretary', 'leader')) links.push(['#/meetings', t('nav.meetings')]);
  if (hasRole('supervisor', 'leader', 'admin')) links.push(['#/supervision', t('nav.supervision')]);
  if (hasRole('drafter', 'dept_head')) links.push(['#/submissions', t('nav.submissions')]);
  if (hasRole('reviewer', 'director', 'supervisor', 'admin')) links.push(['#/legal', t('nav.legal')]);
  if (hasRole('admin')) links.push(['#/admin/users', t('nav.users')]);
  if (hasRole('admin')) links.push(['#/admin/calendar', t('nav.calendar')]);
  if (links.length < 2) return null;
  const here = () => (location.hash || '#/').split('?')[0];
  const nav = h(
    'nav',
    { class: 'worknav', 'aria-label': t('nav.label') },
    h('ul', {}, links.map(([href, text]) => h('li', {}, h('a', { href, 'data-href': href }, text)))),
  );
  const mark = () => {
    const cur = here();
    for (const a of nav.querySelectorAll('a')) {
      const href = a.getAttribute('data-href');
      const on = href === '#/' ? cur === '#/' : cur.startsWith(href) || (href === '#/meetings' && cur.startsWith('#/meetings')) || (href === '#/legal' && cur.startsWith('#/reviews') && !hasRole('drafter', 'dept_head')) || (href === '#/submissions' && (cur.startsWith('#/reviews') || cur.startsWith('#/review-tasks')) && hasRole('drafter', 'dept_head'));
      if (on) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  };
  markNav = mark;
  mark();
  return nav;
}

function renderRoute({ focus }) {
  const main = document.getElementById('main');
  if (!main) return;
  const seq = ++state.seq;
  const route = parseRoute();
  if (route.name === 'decision') renderDecision(main, route.id, seq, focus);
  else if (route.name === 'task') renderTask(main, route.id, seq, focus);
  else if (route.name === 'launch') renderLaunch(main, seq, focus);
  else if (route.name === 'meetings') renderMeetings(main, seq, focus);
  else if (route.name === 'meeting') renderMeeting(main, route.id, seq, focus);
  else if (route.name === 'supervision') renderSupervision(main, route.filter, seq, focus);
  else if (route.name === 'legal') renderLegal(main, seq, focus);
  else if (route.name === 'review') renderReview(main, route.id, seq, focus);
  else if (route.name === 'submissions') renderSubmissions(main, seq, focus);
  else if (route.name === 'submitReview') renderSubmitReview(main, seq, focus);
  else if (route.name === 'reviewTask') renderReviewTask(main, route.id, seq, focus);
  else if (route.name === 'account') renderAccount(main, seq, focus);
  else if (route.name === 'users') renderUsers(main, seq, focus);
  else if (route.name === 'calendar') renderCalendarAdmin(main, seq, focus);
  else if (route.name === 'home') renderHome(main, route.filter, seq, focus);
  else {
    document.title = `${t('notfound.title')} · ${t('app.name')}`;
    mount(main, h('section', { class: 'panel' }, h('h1', {}, t('notfound.title')), h('p', {}, h('a', { href: '#/' }, t('notfound.body')))));
    if (focus) focusHeading(main);
  }
}

const stale = (seq) => seq !== state.seq;

// ---------------------------------------------------------------- home: my tasks + decisions

const hasRole = (...roles) => ((state.me ?? state.session?.user)?.roles ?? []).some((r) => roles.includes(r));
const myDepartmentId = () => state.me?.department?.id ?? state.me?.departmentId ?? state.session?.user?.departmentId;
const myUserId = () => state.me?.id ?? state.session?.user?.id;
const DAY = 24 * 60 * 60 * 1000;

function flashNotice() {
  const msg = state.flash;
  state.flash = null;
  return msg ? h('p', { class: 'flash', role: 'status' }, msg) : null;
}

function summaryCard(labelText, value, { tone = '', href } = {}) {
  const body = [h('span', { class: 'card-value' }, String(value)), h('span', { class: 'card-label' }, labelText)];
  return h('li', { class: ['card', tone && `card--${tone}`] }, href ? h('a', { href, class: 'card-link' }, body) : body);
}

function renderHome(main, filter, seq, focus) {
  document.title = `${t('home.title')} · ${t('app.name')}`;
  const u = state.me ?? state.session.user;
  const roles = u.roles ?? [];
  const primary = ['drafter', 'dept_head', 'reviewer', 'director', 'secretary', 'supervisor', 'leader', 'admin'].find((r) => roles.includes(r));

  const cards = h('ul', { class: 'cards', 'aria-label': t('home.title') });
  const head = h(
    'section',
    { class: 'home-head', 'aria-labelledby': 'home-title' },
    h(
      'div',
      { class: 'home-head-text' },
      h('h1', { id: 'home-title' }, t('home.title')),
      h('p', { class: 'home-hint' }, h('span', { class: 'home-greeting' }, t('home.greeting', { name: u.displayName })), primary ? h('span', {}, t(`home.roleHint.${primary}`)) : null),
    ),
    hasRole('drafter') ? h('a', { class: 'btn btn--primary home-launch', href: '#/launch' }, `＋ ${t('nav.launch')}`) : null,
  );

  const tasksBody = h('div', { class: 'panel-body' }, loading());
  const tasksMeta = h('p', { class: 'panel-meta' });
  const tasksPanel = panel({ id: 'tasks-title', title: t('tasks.title'), meta: tasksMeta, class: 'tasks-panel' }, tasksBody);

  // The role's own panel: the department's decisions for drafters and heads, the overdue board for oversight.
  const deptView = hasRole('drafter', 'dept_head') && myDepartmentId();
  const boardView = hasRole('supervisor', 'leader', 'director', 'admin');
  const roleBody = h('div', { class: 'panel-body' }, loading());
  const roleMeta = h('p', { class: 'panel-meta' });
  const rolePanel = deptView
    ? panel({ id: 'dept-title', title: t('home.deptDecisions'), meta: roleMeta }, roleBody)
    : boardView
      ? panel({ id: 'board-title', title: t('home.overdueBoard'), meta: roleMeta, class: 'board-panel' }, h('p', { class: 'panel-lead' }, t('home.overdueBoardLead')), roleBody)
      : null;

  const listBody = h('div', { class: 'panel-body' }, loading());
  const listMeta = h('p', { class: 'panel-meta', role: 'status' });
  const listPanel = panel(
    { id: 'decisions-title', title: deptView ? t('home.allDecisions') : t('decisions.title'), meta: listMeta, class: 'decisions-panel' },
    filterForm(filter),
    listBody,
  );

  mount(main, flashNotice(), head, cards, h('div', { class: 'home' }, tasksPanel, h('div', { class: 'home-side' }, rolePanel, listPanel)));
  if (focus) focusHeading(main);

  const counts = { tasks: null, overdue: null, soon: null, role: null };
  const renderCards = () => {
    const items = [];
    if (counts.tasks !== null) {
      items.push(summaryCard(t('home.openTasks'), counts.tasks, { href: '#tasks-title' }));
      items.push(summaryCard(t('home.overdueTasks'), counts.overdue, { tone: counts.overdue > 0 ? 'overdue' : '' }));
      items.push(summaryCard(t('home.dueSoon'), counts.soon, { tone: counts.soon > 0 ? 'soon' : '' }));
    }
    if (counts.role !== null) items.push(summaryCard(deptView ? t('home.active') : t('home.overdueDecisions'), counts.role, { tone: !deptView && counts.role > 0 ? 'overdue' : '' }));
    mount(cards, items);
  };

  const loadTasks = async () => {
    mount(tasksBody, loading());
    try {
      // The decisions' tasks and those of the normative-document and contract reviews, in one list by due time.
      const [inbox, reviewItems] = await Promise.all([api.tasks(), reviewInboxItems()]);
      if (stale(seq)) return;
      const now = Date.now();
      const items = [...inbox.items, ...reviewItems].sort((a, b) => (a.due?.dueAt ?? '9999').localeCompare(b.due?.dueAt ?? '9999'));
      const total = inbox.total + reviewItems.length;
      const overdue = inbox.overdue + reviewItems.filter((x) => x.overdue).length;
      counts.tasks = total;
      counts.overdue = overdue;
      counts.soon = items.filter((x) => !x.overdue && x.due && Date.parse(x.due.dueAt) - now < 5 * DAY).length;
      renderCards();
      mount(
        tasksMeta,
        h('span', { class: 'count' }, t('tasks.total', { n: total })),
        h('span', { class: ['count', 'count--overdue', overdue > 0 && 'is-nonzero'] }, t('tasks.overdue', { n: overdue })),
      );
      mount(tasksBody, items.length ? h('ul', { class: 'task-list' }, items.map((x) => (x.review ? reviewTaskItem(x) : taskItem(x)))) : h('p', { class: 'empty' }, t('tasks.none')));
    } catch (err) {
      if (!stale(seq)) mount(tasksBody, errorBox(err, loadTasks));
    }
  };

  const loadDept = async () => {
    mount(roleBody, loading());
    try {
      const res = await api.decisions({ departmentId: myDepartmentId(), pageSize: 10 });
      if (stale(seq)) return;
      const active = await api.decisions({ departmentId: myDepartmentId(), status: 'active', pageSize: 1 });
      if (stale(seq)) return;
      counts.role = active.total;
      renderCards();
      mount(roleMeta, t('decisions.count', { n: res.total }));
      mount(roleBody, res.items.length ? decisionTable(res.items, { caption: t('home.deptDecisions') }) : h('p', { class: 'empty' }, t('decisions.none')));
    } catch (err) {
      if (!stale(seq)) mount(roleBody, errorBox(err, loadDept));
    }
  };

  const loadBoard = async () => {
    mount(roleBody, loading());
    try {
      const res = await api.decisions({ status: 'active', pageSize: 200 });
      if (stale(seq)) return;
      const overdue = res.items.filter((d) => d.overdue);
      const details = await Promise.all(overdue.slice(0, 40).map((d) => api.decision(d.id).catch(() => null)));
      if (stale(seq)) return;
      const rows = details
        .filter(Boolean)
        .flatMap((d) => (d.openTasks ?? []).filter((x) => x.overdue).map((x) => ({ d, x })))
        .sort((a, b) => a.x.due.dueAt.localeCompare(b.x.due.dueAt));
      counts.role = overdue.length;
      renderCards();
      mount(roleMeta, h('span', { class: ['count', 'count--overdue', rows.length > 0 && 'is-nonzero'] }, t('tasks.overdue', { n: rows.length })));
      mount(roleBody, rows.length ? overdueTable(rows) : h('p', { class: 'empty' }, t('home.overdueNone')));
    } catch (err) {
      if (!stale(seq)) mount(roleBody, errorBox(err, loadBoard));
    }
  };

  const loadList = async () => {
    mount(listBody, loading());
    try {
      const res = await api.decisions({ ...filter, pageSize: PAGE_SIZE });
      if (stale(seq)) return;
      mount(listMeta, t('decisions.count', { n: res.total }));
      mount(listBody, res.items.length ? decisionTable(res.items) : h('p', { class: 'empty' }, t('decisions.none')), pager(filter, res));
    } catch (err) {
      if (!stale(seq)) mount(listBody, errorBox(err, loadList));
    }
  };

  loadTasks();
  if (deptView) loadDept();
  else if (boardView) loadBoard();
  loadList();
}

function overdueTable(rows) {
  const now = Date.now();
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table overdue-table' },
      h('caption', { class: 'visually-hidden' }, t('home.overdueBoard')),
      h('thead', {}, h('tr', {}, [t('col.number'), t('col.title'), t('open.task'), t('col.lead'), t('open.due'), t('board.late')].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        rows.map(({ d, x }) =>
          h(
            'tr',
            { class: 'is-overdue' },
            h('td', { 'data-label': t('col.number') }, h('span', { class: 'num' }, d.number)),
            h('td', { 'data-label': t('col.title') }, h('a', { href: decisionHash(d.id) }, d.title)),
            h('td', { 'data-label': t('open.task') }, pick(x.label), h('span', { class: 'open-role' }, ` · ${label('role', x.role)}`)),
            h('td', { 'data-label': t('col.lead') }, getLocale() === 'en' ? d.leadDepartment?.nameEn : d.leadDepartment?.nameZh),
            h('td', { 'data-label': t('open.due') }, dueView(x.due, { overdue: true, basis: false, labelled: false })),
            h('td', { 'data-label': t('board.late'), class: 'late' }, t('board.days', { n: Math.max(1, Math.ceil((now - Date.parse(x.due.dueAt)) / DAY)) })),
          ),
        ),
      ),
    ),
  );
}

function taskItem(task) {
  const d = task.decision ?? {};
  return h(
    'li',
    { class: ['task-item', task.overdue && 'is-overdue'] },
    h(
      'a',
      { class: 'task-link', href: taskHash(task.id), 'aria-label': `${t('task.open')}${t('colon')}${pick(task.label)} · ${d.number ?? ''}` },
      h('span', { class: 'task-label' }, pick(task.label)),
      h('span', { class: 'task-decision' }, h('span', { class: 'num' }, d.number), ' ', h('span', { class: 'task-decision-title' }, d.title)),
    ),
    h('div', { class: 'task-due' }, dueView(task.due, { overdue: task.overdue, paused: task.paused, basis: false, attention: task.dueAttention })),
    h('a', { class: 'task-decision-link', href: decisionHash(task.decisionId) }, t('tasks.openDecision', { number: d.number ?? '' })),
  );
}

function filterForm(filter) {
  const stage = h(
    'select',
    { id: 'filter-stage', name: 'stage' },
    h('option', { value: '' }, t('filter.all')),
    STAGES.map((s) => h('option', { value: s, selected: filter.stage === s }, label('stage', s))),
  );
  const status = h(
    'select',
    { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, t('filter.all')),
    STATUSES.map((s) => h('option', { value: s, selected: filter.status === s }, label('status', s))),
  );
  const q = h('input', { id: 'filter-q', name: 'q', type: 'search', maxlength: '100', placeholder: t('filter.searchPlaceholder'), value: filter.q });
  const apply = () => navigate(homeHash({ stage: stage.value, status: status.value, q: q.value.trim(), page: 1 }));
  stage.addEventListener('change', apply);
  status.addEventListener('change', apply);
  const active = filter.stage || filter.status || filter.q;
  return h(
    'form',
    {
      class: 'filters',
      role: 'search',
      onsubmit: (ev) => {
        ev.preventDefault();
        apply();
      },
    },
    h('div', { class: 'filter' }, h('label', { for: stage.id }, t('filter.stage')), stage),
    h('div', { class: 'filter' }, h('label', { for: status.id }, t('filter.status')), status),
    h('div', { class: 'filter filter--grow' }, h('label', { for: q.id }, t('filter.search')), q),
    h(
      'div',
      { class: 'filter filter--actions' },
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('filter.apply')),
      active ? h('button', { type: 'button', class: 'btn', onclick: () => navigate('#/') }, t('filter.reset')) : null,
    ),
  );
}

function decisionTable(items, { caption } = {}) {
  const cols = ['number', 'title', 'lead', 'stage', 'status', 'nextDue'];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table decision-table' },
      h('caption', { class: 'visually-hidden' }, caption ?? t('decisions.title')),
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', class: `col-${c}` }, t(`col.${c}`))))),
      h(
        'tbody',
        {},
        items.map((d) =>
          h(
            'tr',
            {
              class: d.overdue ? 'is-overdue' : '',
              onclick: (ev) => {
                if (ev.target.closest('a') || window.getSelection()?.toString()) return;
                navigate(decisionHash(d.id));
              },
            },
            h('td', { class: 'col-number', 'data-label': t('col.number') }, h('span', { class: 'num' }, d.number)),
            h(
              'td',
              { class: 'col-title', 'data-label': t('col.title') },
              h('a', { href: decisionHash(d.id) }, d.title),
              d.confidential ? h('span', { class: 'badge badge--confidential' }, t('badge.confidential')) : null,
            ),
            h('td', { class: 'col-lead', 'data-label': t('col.lead') }, getLocale() === 'en' ? d.leadDepartment?.nameEn : d.leadDepartment?.nameZh),
            h('td', { class: 'col-stage', 'data-label': t('col.stage') }, pick(d.stageLabel) || label('stage', d.stage)),
            h('td', { class: 'col-status', 'data-label': t('col.status') }, statusBadge(d.status)),
            h('td', { class: 'col-nextDue', 'data-label': t('col.nextDue') }, d.nextDue || d.overdue ? dueView(d.nextDue, { overdue: d.overdue, basis: false, labelled: false }) : h('span', { class: 'due due--none' }, '—')),
          ),
        ),
      ),
    ),
  );
}

function pager(filter, res) {
  const pages = Math.max(1, Math.ceil(res.total / res.pageSize));
  if (pages <= 1 && res.page <= 1) return null;
  const link = (page, text, rel) =>
    page >= 1 && page <= pages && page !== res.page
      ? h('a', { class: 'btn btn--small', href: homeHash({ ...filter, page }), rel }, text)
      : h('span', { class: 'btn btn--small is-disabled', 'aria-disabled': 'true' }, text);
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('paging.label') },
    link(res.page - 1, t('paging.prev'), 'prev'),
    h('span', { class: 'pager-info' }, t('paging.info', { page: res.page, pages })),
    link(res.page + 1, t('paging.next'), 'next'),
  );
}

// ---------------------------------------------------------------- one decision

async function renderDecision(main, id, seq, focus, settle = { attempt: 0, flash: undefined }) {
  const quiet = settle.attempt > 0;
  if (!quiet) {
    window.scrollTo(0, 0);
    mount(main, h('p', { class: 'crumbs' }, h('a', { href: '#/' }, `← ${t('back.list')}`)), loading());
  }
  const flash = settle.flash ?? state.flash;
  state.flash = null;
  let d;
  try {
    d = await api.decision(id);
  } catch (err) {
    if (stale(seq)) return;
    mount(main, h('p', { class: 'crumbs' }, h('a', { href: '#/' }, `← ${t('back.list')}`)), errorBox(err, () => renderDecision(main, id, seq, focus)));
    return;
  }
  if (stale(seq)) return;
  document.title = `${d.number} ${d.title} · ${t('app.name')}`;

  mount(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, `← ${t('back.list')}`)),
    flash ? h('p', { class: 'flash', role: 'status' }, flash) : null,
    decisionHeader(d),
    stageDiagram(d),
    h(
      'div',
      { class: 'decision-grid' },
      h('div', { class: 'decision-col' }, openTasksPanel(d), documentsPanel(d), withdrawPanel(d, () => renderDecision(main, id, seq, false))),
      h('div', { class: 'decision-col' }, implementationPanel(d), timelinePanel(d)),
    ),
    auditPanel(d),
  );
  if (focus && !quiet) focusHeading(main);
  // Just launched or just answered: the procedure opens the next task a moment later; look again until it has.
  if (d.status === 'active' && !(d.openTasks ?? []).length && settle.attempt < 10) {
    setTimeout(() => {
      if (!stale(seq) && !main.contains(document.activeElement?.closest('form') ?? null)) renderDecision(main, id, seq, false, { attempt: settle.attempt + 1, flash });
    }, 1000);
  }
}

function decisionHeader(d) {
  const launch = d.launch && typeof d.launch === 'object' ? d.launch : {};
  const dept = getLocale() === 'en' ? d.leadDepartment?.nameEn : d.leadDepartment?.nameZh;
  const meta = [
    [t('decision.lead'), dept],
    [t('decision.matterType'), d.matterType ? label('matterType', d.matterType) : null],
    [t('decision.createdAt'), formatDateTime(d.createdAt)],
    [t('decision.plannedQuarter'), launch.plannedMeetingQuarter],
    [
      t('decision.catalog'),
      launch.inCatalog === true && launch.catalogEntry
        ? t('decision.inCatalog', { entry: launch.catalogEntry })
        : launch.inCatalog === false && launch.outsideCatalogReason
          ? t('decision.outsideCatalog', { reason: launch.outsideCatalogReason })
          : null,
    ],
  ].filter(([, v]) => v);
  const wide = new Set([t('decision.catalog')]);
  const legalBasis = Array.isArray(launch.legalBasis) ? launch.legalBasis.filter((x) => typeof x === 'string') : [];
  // The workflow engine and its ids are for administrators; others see the decision's number only.
  const temporalUrl = hasRole('admin') ? d.temporal?.webUiUrl : null;
  return h(
    'section',
    { class: 'panel decision-head', 'aria-labelledby': 'decision-title' },
    h(
      'div',
      { class: 'decision-head-top' },
      h(
        'div',
        { class: 'decision-head-ids' },
        h('span', { class: 'num num--large' }, d.number),
        statusBadge(d.status),
        d.confidential ? h('span', { class: 'badge badge--confidential' }, t('badge.confidential')) : null,
      ),
      temporalUrl && /^https?:\/\//.test(temporalUrl)
        ? h(
            'a',
            {
              class: 'btn btn--small temporal-link',
              href: temporalUrl,
              target: '_blank',
              rel: 'noopener noreferrer',
              title: t('decision.temporalHint', { id: d.temporal.workflowId }),
              // The Web UI decodes payloads through /api/temporal-codec with this session (a cookie scoped to it).
              onclick: (e) => {
                e.preventDefault();
                api.temporalCodecSession().catch(() => undefined).finally(() => window.open(temporalUrl, '_blank', 'noopener'));
              },
            },
            t('decision.temporal'),
            h('span', { 'aria-hidden': 'true' }, ' ↗'),
          )
        : null,
    ),
    h('h1', { id: 'decision-title', class: 'decision-title' }, d.title),
    h('dl', { class: 'meta' }, meta.map(([k, v]) => h('div', { class: ['meta-item', wide.has(k) && 'meta-item--wide'] }, h('dt', {}, k), h('dd', {}, v)))),
    d.summary ? h('div', { class: 'decision-summary' }, h('h2', {}, t('decision.summary')), h('p', {}, d.summary)) : null,
    legalBasis.length ? h('div', { class: 'decision-basis' }, h('h2', {}, t('decision.legalBasis')), h('ul', {}, legalBasis.map((b) => h('li', {}, b)))) : null,
  );
}

const STAGE_LOOK = {
  done: { cls: 'done', mark: '✓' },
  current: { cls: 'current', mark: '▶' },
  waiting: { cls: 'waiting', mark: null },
  skipped: { cls: 'skipped', mark: '–' },
  not_applicable: { cls: 'not_applicable', mark: '–' },
  overdue: { cls: 'overdue', mark: '!' },
};

function stageLook(s, overdueStages) {
  if (overdueStages.has(s.stage) && s.status !== 'done' && s.status !== 'skipped' && s.status !== 'not_applicable') return 'overdue';
  switch (s.status) {
    case 'done':
      return 'done';
    case 'in_progress':
      return 'current';
    case 'skipped':
      return 'skipped';
    case 'not_applicable':
      return 'not_applicable';
    default:
      return 'waiting';
  }
}

function stageDiagram(d) {
  const overdueStages = new Set((d.openTasks ?? []).filter((x) => x.overdue).map((x) => x.stage));
  const legend = ['done', 'current', 'waiting', 'skipped', 'overdue'];
  return panel(
    {
      id: 'stages-title',
      title: t('stages.title'),
      class: 'stages-panel',
      meta: h(
        'ul',
        { class: 'stage-legend', 'aria-label': t('stages.legend') },
        legend.map((k) => h('li', { class: `legend legend--${k}` }, h('span', { class: 'legend-swatch', 'aria-hidden': 'true' }), t(`stage.${k}`))),
      ),
    },
    h(
      'ol',
      { class: 'stages', 'aria-label': t('stages.caption') },
      (d.stages ?? []).map((s, i) => {
        const look = stageLook(s, overdueStages);
        const { cls, mark } = STAGE_LOOK[look];
        return h(
          'li',
          { class: `stage stage--${cls}`, 'aria-current': look === 'current' || look === 'overdue' ? 'step' : false },
          h('span', { class: 'stage-marker', 'aria-hidden': 'true' }, mark ?? String(i + 1)),
          h(
            'div',
            { class: 'stage-body' },
            h('span', { class: 'stage-name' }, h('span', { class: 'visually-hidden' }, `${i + 1}. `), pick(s.label) || label('stage', s.stage)),
            h('span', { class: 'stage-state' }, t(`stage.${look}`)),
            s.endedAt && look === 'done'
              ? h('span', { class: 'stage-time' }, t('stage.ended', { at: formatDateTime(s.endedAt) }))
              : s.startedAt && (look === 'current' || look === 'overdue')
                ? h('span', { class: 'stage-time' }, t('stage.since', { at: formatDateTime(s.startedAt) }))
                : null,
            s.reason ? h('p', { class: 'stage-reason' }, h('span', { class: 'stage-reason-label' }, `${t('stage.reason')}${t('colon')}`), s.reason) : null,
          ),
        );
      }),
    ),
  );
}

function openTasksPanel(d) {
  const tasks = d.openTasks ?? [];
  return panel(
    { id: 'open-title', title: t('open.title'), meta: h('p', { class: 'panel-meta' }, t('tasks.total', { n: tasks.length })) },
    tasks.length
      ? h(
          'ul',
          { class: 'open-list' },
          tasks.map((x) =>
            h(
              'li',
              { class: ['open-item', x.overdue && 'is-overdue'] },
              h('div', { class: 'open-main' }, h('span', { class: 'open-label' }, pick(x.label)), h('span', { class: 'open-role' }, `${t('open.role')}${t('colon')}${label('role', x.role)}`)),
              h('div', { class: 'open-due' }, h('span', { class: 'open-due-label' }, `${t('open.due')}${t('colon')}`), dueView(x.due, { overdue: x.overdue, paused: x.paused, attention: x.dueAttention })),
              canAct(x) ? h('a', { class: 'btn btn--primary btn--small open-act', href: taskHash(x.id), 'aria-label': `${t('open.act')}${t('colon')}${pick(x.label)}` }, t('open.act')) : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('open.none')),
  );
}

function documentsPanel(d) {
  const docs = d.documents ?? [];
  return panel(
    { id: 'docs-title', title: t('docs.title'), meta: h('p', { class: 'panel-meta' }, String(docs.length)) },
    docs.length ? h('ul', { class: 'doc-list' }, docs.map(documentItem)) : h('p', { class: 'empty' }, t('docs.none')),
  );
}

function documentItem(doc) {
  const status = h('span', { class: 'doc-error', role: 'alert' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--small',
      'aria-label': t('docs.downloadLabel', { name: doc.fileName }),
      onclick: () => download(doc, button, status),
    },
    t('docs.download'),
  );
  return h(
    'li',
    { class: 'doc-item' },
    h(
      'div',
      { class: 'doc-main' },
      h('span', { class: 'doc-name' }, doc.fileName),
      h(
        'span',
        { class: 'doc-meta' },
        h('span', { class: 'doc-kind' }, label('documentKind', doc.kind)),
        h('span', {}, `v${doc.version}`),
        h('span', {}, formatSize(doc.size)),
        h('time', { datetime: doc.createdAt }, formatDateTime(doc.createdAt)),
        h('span', { class: 'doc-sha', title: `${t('docs.sha')} ${doc.sha256}` }, `SHA-256 ${String(doc.sha256).slice(0, 12)}…`),
      ),
      status,
    ),
    button,
  );
}

async function download(doc, button, status) {
  const url = String(doc.downloadUrl ?? '');
  if (!url.startsWith('/api/documents/')) return;
  const text = button.textContent;
  button.disabled = true;
  button.textContent = t('docs.downloading');
  status.textContent = '';
  try {
    const blob = await api.document(url);
    const href = URL.createObjectURL(blob);
    const a = h('a', { href, download: doc.fileName, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) status.textContent = errorMessage(err);
  } finally {
    button.disabled = false;
    button.textContent = text;
  }
}

function timelinePanel(d) {
  const events = d.timeline ?? [];
  return panel(
    { id: 'timeline-title', title: t('timeline.title'), meta: h('p', { class: 'panel-meta' }, String(events.length)) },
    events.length
      ? h(
          'ol',
          { class: 'timeline' },
          events.map((e) => {
            const engine = e.actor?.role === 'engine';
            return h(
              'li',
              { class: ['timeline-item', engine && 'is-engine'] },
              h('time', { class: 'timeline-time', datetime: e.at }, formatDateTime(e.at)),
              h('span', { class: 'timeline-label' }, pick(e.label) || e.action),
              h(
                'span',
                { class: 'timeline-actor' },
                engine ? label('role', 'engine') : [h('span', { class: 'timeline-actor-name' }, e.actor?.name ?? ''), ' · ', label('role', e.actor?.role)],
              ),
            );
          }),
        )
      : h('p', { class: 'empty' }, t('timeline.none')),
  );
}

// ---------------------------------------------------------------- acting on a decision

/** Whether the signed-in user is the one the task waits for (the server decides; this only hides dead buttons). */
function canAct(task) {
  if (task.status && task.status !== 'open') return false;
  if (task.assigneeUserId) return task.assigneeUserId === myUserId();
  return hasRole(task.role) && (!task.departmentId || task.departmentId === myDepartmentId());
}

function withdrawPanel(d, rerender) {
  if (d.status !== 'active' || !hasRole('drafter', 'dept_head') || d.leadDepartment?.id !== myDepartmentId()) return null;
  const body = h('div', { class: 'withdraw-body' });
  const open = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      'aria-expanded': 'false',
      onclick: () => {
        open.hidden = true;
        open.setAttribute('aria-expanded', 'true');
        mount(body, withdrawForm(d, rerender, () => {
          mount(body);
          open.hidden = false;
          open.setAttribute('aria-expanded', 'false');
          open.focus();
        }));
        body.querySelector('textarea')?.focus();
      },
    },
    t('withdraw.open'),
  );
  return panel({ id: 'withdraw-title', title: t('withdraw.title'), class: 'withdraw-panel' }, h('p', { class: 'panel-lead' }, t('withdraw.lead')), open, body);
}

function withdrawForm(d, rerender, cancel) {
  const reason = h('textarea', { id: 'withdraw-reason', name: 'reason', rows: 3, maxlength: '2000', 'aria-required': 'true' });
  const err = h('p', { class: 'field-error', id: 'withdraw-reason-error', hidden: true });
  const alert = h('div', { class: 'form-alert', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn--danger' }, t('withdraw.submit'));
  let key = newIdempotencyKey();
  const setError = (msg) => {
    err.textContent = msg;
    err.hidden = !msg;
    reason.setAttribute('aria-invalid', msg ? 'true' : 'false');
    if (msg) reason.setAttribute('aria-describedby', err.id);
    else reason.removeAttribute('aria-describedby');
  };
  reason.addEventListener('input', () => setError(''));
  return h(
    'form',
    {
      class: 'withdraw-form',
      novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        mount(alert);
        const text = reason.value.trim();
        if (!text) {
          setError(t('form.required'));
          reason.focus();
          return;
        }
        submit.disabled = true;
        submit.textContent = t('form.submitting');
        try {
          await api.withdraw(d.id, text, key);
          state.flash = t('withdraw.done');
          rerender();
        } catch (err2) {
          submit.disabled = false;
          submit.textContent = t('withdraw.submit');
          if (err2 instanceof ApiError && err2.status >= 400 && err2.status < 500) key = newIdempotencyKey();
          const field = err2 instanceof ApiError ? err2.issues.find((i) => i.path === 'reason') : null;
          if (field) {
            setError(pick(field.message));
            reason.focus();
          } else mount(alert, errorBox(err2));
        }
      },
    },
    h('div', { class: 'sf-field' }, h('label', { for: reason.id }, t('withdraw.reason'), h('span', { class: 'sf-req', 'aria-hidden': 'true' }, ' *')), reason, err),
    alert,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', class: 'btn', onclick: cancel }, t('form.cancel'))),
  );
}

function auditPanel(d) {
  const body = h('div', { class: 'audit-body' });
  let loaded = false;
  const details = h(
    'details',
    {
      class: 'panel audit-panel',
      ontoggle: async () => {
        if (!details.open || loaded) return;
        loaded = true;
        mount(body, loading());
        try {
          const res = await api.audit(d.id);
          const chain = res.chain;
          mount(
            body,
            chain && h('p', { class: `audit-chain ${chain.ok ? 'ok' : 'broken'}`, ...(chain.ok ? {} : { role: 'alert' }) }, chain.ok ? t('audit.chain_ok', { n: chain.events, hash: String(chain.head?.hash ?? '').slice(0, 12) }) : `${t('audit.chain_broken')} ${pick(chain.firstBreak?.message)}`),
            h(
              'div',
              { class: 'table-wrap' },
              h(
                'table',
                { class: 'table audit-table' },
                h('caption', { class: 'visually-hidden' }, t('audit.title')),
                h('thead', {}, h('tr', {}, ['#', t('timeline.time'), t('timeline.actor'), t('audit.role'), t('timeline.action'), t('audit.hash')].map((c) => h('th', { scope: 'col' }, c)))),
                h(
                  'tbody',
                  {},
                  res.events.map((e) =>
                    h(
                      'tr',
                      {},
                      h('td', {}, String(e.seq)),
                      h('td', {}, h('time', { datetime: e.at }, formatDateTime(e.at))),
                      h('td', {}, e.actor?.name ?? ''),
                      h('td', {}, label('role', e.actor?.role)),
                      h('td', {}, pick(e.label) || e.action),
                      h('td', { class: 'audit-hash', title: e.hash }, h('code', {}, String(e.hash).slice(0, 10))),
                    ),
                  ),
                ),
              ),
            ),
          );
        } catch (err) {
          loaded = false;
          mount(body, errorBox(err));
        }
      },
    },
    h('summary', {}, h('span', { class: 'audit-summary' }, t('audit.show'))),
    body,
  );
  return details;
}

// ---------------------------------------------------------------- forms: shared submit handling

async function departments() {
  if (!state.departments) state.departments = await api.departments();
  return state.departments;
}

const userCache = new Map();
function usersWithRole(role) {
  if (!userCache.has(role ?? '')) userCache.set(role ?? '', api.users(role).catch((e) => (userCache.delete(role ?? ''), Promise.reject(e))));
  return userCache.get(role ?? '');
}

/** Shows what the browser or the API found wrong: beside each field, the rest (and 409 rules) above the button. */
function showFormProblems(form, alertEl, err, prefix) {
  if (Array.isArray(err)) {
    const left = form.showIssues(err);
    mount(alertEl, h('div', { class: 'error-box' }, h('p', {}, t('form.fixErrors', { n: err.length })), left.length ? h('ul', { class: 'error-issues' }, left.map((i) => h('li', {}, fieldLabel(String(i.path).split('.').pop()), t('colon'), i.text))) : null));
    form.focusFirstError();
    return;
  }
  if (err instanceof ApiError && err.status === 400 && err.issues.length) {
    const issues = err.issues.map((i) => ({ path: i.path, text: pick(i.message) }));
    const left = form.showIssues(issues, prefix);
    mount(alertEl, h('div', { class: 'error-box' }, h('p', {}, t('form.fixErrors', { n: issues.length })), left.length ? h('ul', { class: 'error-issues' }, left.map((i) => h('li', {}, h('code', {}, i.path), t('colon'), i.text))) : null));
    form.focusFirstError();
    return;
  }
  if (err instanceof ApiError && err.status === 409) {
    const violations = err.violations;
    const placed = violations.filter((v) => Array.isArray(v.path) && v.path.length);
    form.showIssues(placed.map((v) => ({ path: v.path.join('.'), text: pick(v.message) })));
    mount(
      alertEl,
      h(
        'div',
        { class: 'error-box error-box--rule' },
        h('p', { title: ruleTitle(err.rule) }, errorMessage(err)),
        violations.length > 1 ? h('ul', { class: 'error-issues' }, violations.slice(1).map((v) => h('li', { title: ruleTitle(v.rule) }, pick(v.message)))) : null,
      ),
    );
    alertEl.querySelector('.error-box')?.setAttribute('tabindex', '-1');
    alertEl.querySelector('.error-box')?.focus();
    return;
  }
  mount(alertEl, errorBox(err));
}

// ---------------------------------------------------------------- launch

async function renderLaunch(main, seq, focus) {
  document.title = `${t('launch.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/' }, `← ${t('nav.home')}`));
  if (!hasRole('drafter')) {
    mount(main, crumbs, h('section', { class: 'panel' }, h('h1', {}, t('launch.title')), h('p', {}, t('notfound.body'))));
    return;
  }
  mount(main, crumbs, loading());
  let depts;
  try {
    depts = await departments();
  } catch (err) {
    if (!stale(seq)) mount(main, crumbs, errorBox(err, () => renderLaunch(main, seq, focus)));
    return;
  }
  if (stale(seq)) return;
  const mine = myDepartmentId();
  const me = depts.find((d) => d.id === mine);
  const form = schemaForm({
    schema: launchSchema,
    initial: { coDepartmentIds: [], widePublicConcern: false, partyCommitteeReportRequired: true },
    sources: { departments: depts },
    hints: {
      legalBasis: { help: t('launch.help.legalBasis') },
      plannedMeetingQuarter: { help: t('launch.help.plannedMeetingQuarter'), placeholder: '2027-Q1' },
      coDepartmentIds: { excludeDepartments: [mine] },
      catalogEntry: { showIf: (v) => v.inCatalog === true, requiredWhenShown: true },
      outsideCatalogReason: { showIf: (v) => v.inCatalog === false, requiredWhenShown: true },
      partyCommitteeWaiverReason: { showIf: (v) => v.partyCommitteeReportRequired === false, requiredWhenShown: true },
      partyCommitteeWaiverApproval: { showIf: (v) => v.partyCommitteeReportRequired === false, requiredWhenShown: true },
      confidential: { help: t('launch.help.confidential') },
      confidentialReason: { showIf: (v) => v.confidential === true, requiredWhenShown: true },
      touchesMarketActors: { help: t('launch.help.touchesMarketActors') },
      widePublicConcern: { help: t('launch.help.widePublicConcern') },
    },
  });
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('launch.submit'));
  const onSubmit = async (ev) => {
    ev.preventDefault();
    form.clearErrors();
    mount(alertEl);
    const { value, errors } = form.value();
    for (const c of launchChecks(value)) errors.push({ path: c.path, text: t(c.key) });
    if (errors.length) return showFormProblems(form, alertEl, errors);
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    try {
      const res = await api.launch(value);
      state.flash = t('launch.done', { number: res.number });
      navigate(decisionHash(res.id));
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('launch.submit');
      showFormProblems(form, alertEl, err, '');
    }
  };
  mount(
    main,
    crumbs,
    panel(
      { id: 'launch-title', title: t('launch.title'), class: 'form-panel', heading: 'h1' },
      h('p', { class: 'panel-lead' }, t('launch.lead', { dept: me ? (getLocale() === 'en' ? me.nameEn : me.nameZh) : '' })),
      h('form', { class: 'task-form', novalidate: true, onsubmit: onSubmit }, form.el, alertEl, h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn', href: '#/' }, t('form.cancel')))),
    ),
  );
  if (focus) focusHeading(main);
  else main.querySelector('input, select, textarea')?.focus();
}

// ---------------------------------------------------------------- one task: its context and its form

/** Per kind: what the form starts with (from the task's context and the decision) and which fields show when. */
const KIND_FORMS = {
  submit_draft: {
    initial: (task) => ({ departmentOpinions: (task.context?.coDepartmentIds ?? []).map((departmentId) => ({ departmentId })) }),
    hints: { departmentOpinions: { help: 'R3' }, 'departmentOpinions.*.ourReasons': { conditional: true }, 'departmentOpinions.*.theirReasons': { conditional: true } },
  },
  submit_for_legality_review: {
    initial: (task) => ({ legalBasis: task.context?.suggestedLegalBasis ?? [] }),
    hints: { shortenedReason: { help: 'R17' } },
  },
  record_expert_opinions: {
    initial: (task) => ({ opinions: Array.from({ length: Number(task.context?.minOpinions) || 1 }, () => ({})) }),
    hints: { opinions: { help: 'R11' }, 'opinions.*.response': { help: 'R11' }, 'opinions.*.reason': { conditional: true } },
  },
  conclude_public_participation: {
    hints: () => ({ 'groups.*.summary': { label: t('form.groupSummary') }, 'groups.*.response': { help: 'R6' }, 'groups.*.reason': { conditional: true } }),
  },
  open_comment_period: { hints: { shortenedReason: { help: 'R5' } } },
  review_legality: {
    hints: (task) => ({
      // The checklist the opinion must address item by item (R18), when the task names it.
      ...(Array.isArray(task.context?.checklist) ? { findings: { keys: task.context.checklist.map((i) => ({ key: i.key, label: pick(i) || i.key })) } } : {}),
      requiredChanges: { showIf: (v) => v.outcome === 'passed_with_changes' },
      reasons: { showIf: (v) => v.outcome === 'returned_for_revision' || v.outcome === 'not_lawful' },
      legalRisks: { showIf: (v) => v.outcome === 'exploratory_with_risk' },
      missingItems: { showIf: (v) => v.outcome === 'materials_incomplete' },
    }),
  },
  record_required_changes: {
    initial: (task) => ({ changes: (task.context?.requiredChanges ?? []).map((requirement) => ({ requirement })) }),
    hints: (task) => (task.context?.requiredChanges?.length ? { changes: { fixedRows: true }, 'changes.*.requirement': { readonly: true } } : {}),
  },
  publish_decision: {
    initial: (task) => (task.context?.confidential ? {} : { channels: [{}] }),
    hints: (task) => (task.context?.widePublicConcern ? { adoptionExplanation: { help: 'R27' }, interpretationReference: { help: 'R27' } } : {}),
  },
  name_implementing_unit: { initial: (_task, d) => ({ implementingDepartmentId: d?.leadDepartment?.id }) },
};

/** A kind's form hints for one task, a bare rule id as help made a sentence ("see R17"). */
function resolveHints(kindForm, task) {
  return Object.fromEntries(
    Object.entries(typeof kindForm.hints === 'function' ? kindForm.hints(task) : (kindForm.hints ?? {})).map(([k, v]) => [k, v.help && /^R\d+$/.test(v.help) ? { ...v, conditional: true, help: t('form.ruleHelp', { rule: v.help }) } : v]),
  );
}

/** A value of a task's context, readable: labels for codes, file names for documents, nested lists for records. */
function contextValue(key, v, docs = []) {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return null;
  if (typeof v === 'boolean') return v ? t('ctx.yes') : t('ctx.no');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
  if (/DocumentIds?$/.test(key)) {
    return (Array.isArray(v) ? v : [v]).map((id) => docs.find((x) => x.id === id)?.fileName ?? t('ctx.document')).join('、');
  }
  if (/DepartmentIds?$/.test(key)) {
    const names = (Array.isArray(v) ? v : [v]).map((id) => {
      const dept = state.departments?.find((x) => x.id === id);
      return dept ? (getLocale() === 'en' ? dept.nameEn : dept.nameZh) : id;
    });
    return names.join('、');
  }
  if (/UserId$/.test(key)) return null;
  if (key === 'stage') return label('stage', v);
  if (key === 'reviewKind') return choiceLabel('reviewKind', v);
  if (key === 'status') return t(`stageStatus.${v}`) === `stageStatus.${v}` ? String(v) : t(`stageStatus.${v}`);
  if (key === 'outcome' || key === 'previousDecision') return choiceLabel(key === 'previousDecision' ? 'chiefDecision' : 'outcome', v);
  if (Array.isArray(v)) return h('ul', { class: 'ctx-list' }, v.map((x) => h('li', {}, contextValue(key, x, docs) ?? '—')));
  if (typeof v === 'object') {
    if ('zh' in v && 'en' in v) return pick(v);
    const parts = Object.entries(v)
      .map(([k, x]) => [k, contextValue(k, x, docs)])
      .filter(([, x]) => x !== null && x !== '');
    // A record holding a list reads better one entry a line.
    if (parts.some(([, x]) => x instanceof Element && x.tagName === 'UL')) return h('div', { class: 'ctx-record ctx-record--lines' }, parts.map(([k, x]) => h('div', { class: 'ctx-line' }, h('span', { class: 'ctx-key' }, `${contextLabel(k)}${t('colon')}`), x)));
    return h('span', { class: 'ctx-record' }, parts.map(([k, x], i) => [i ? '；' : '', h('span', { class: 'ctx-key' }, `${contextLabel(k)}${t('colon')}`), x]));
  }
  return fieldChoice(key, v);
}

function contextLabel(k) {
  return t(`ctx.${k}`) === `ctx.${k}` ? fieldLabel(k) : t(`ctx.${k}`);
}

function fieldChoice(key, v) {
  const s = String(v);
  if (['draft', 'explanation', 'legal_basis', 'fair_competition_review'].includes(s)) return label('documentKind', s);
  if (s === 'statutory_steps') return t('ctx.statutorySteps');
  return s;
}

function taskContextView(task, docs) {
  const entries = Object.entries(task.context ?? {})
    .map(([k, v]) => [k, contextValue(k, v, docs)])
    .filter(([, v]) => v !== null && v !== '');
  if (!entries.length) return null;
  return h(
    'section',
    { class: 'task-context', 'aria-labelledby': 'ctx-title' },
    h('h2', { id: 'ctx-title' }, t('task.context')),
    h('dl', { class: 'meta' }, entries.map(([k, v]) => h('div', { class: 'meta-item meta-item--wide' }, h('dt', {}, contextLabel(k)), h('dd', {}, v)))),
  );
}

/** What the department head approves: the review's outcome, its opinion and the draft (latest version), each to open. */
function approvalMaterials(d) {
  const latest = (kind) => (d.documents ?? []).filter((x) => x.kind === kind).sort((a, b) => b.version - a.version)[0];
  const opinion = (d.records ?? []).filter((r) => r.kind === 'review_opinion').at(-1);
  const outcome = opinion?.data?.outcome;
  const docs = [latest('draft'), latest('explanation'), latest('review_opinion')].filter(Boolean);
  return h(
    'section',
    { class: 'task-context approval-materials', 'aria-labelledby': 'approval-title' },
    h('h2', { id: 'approval-title' }, t('approval.title')),
    h('dl', { class: 'meta' }, h('div', { class: 'meta-item meta-item--wide' }, h('dt', {}, t('approval.outcome')), h('dd', {}, outcome ? `${label('reviewOutcome', outcome)}${opinion.reference ? `（${opinion.reference}）` : ''}` : t('approval.noOpinion')))),
    docs.length ? h('ul', { class: 'doc-list' }, docs.map(documentItem)) : h('p', { class: 'empty' }, t('docs.none')),
  );
}

/** The review_legality form's findings from the review's opinion draft (confirmed flags mark an item as not conforming). */
async function reviewPrefill(task) {
  try {
    const list = await api.reviews({ scope: 'mine', status: 'open' });
    const r = list.items.find((x) => x.decisionId === task.decisionId);
    if (!r) return {};
    const draft = await api.opinionDraft(r.id);
    if (!Array.isArray(draft?.findings) || !draft.findings.length) return {};
    return { findings: Object.fromEntries(draft.findings.map((f) => [f.key, { conforms: f.conforms, finding: f.finding }])) };
  } catch {
    return {};
  }
}

/** On a review task: the way to the review's page (assisted-review flags to confirm or dismiss, the opinion's preview). */
function reviewLink(task) {
  const slot = h('p', { class: 'notice', hidden: true });
  api
    .reviews({ scope: hasRole('director') ? 'center' : 'mine', status: 'open' })
    .then((list) => {
      const r = list.items.find((x) => x.decisionId === task.decisionId);
      if (!r) return;
      mount(slot, t('task.reviewHint'), ' ', h('a', { class: 'btn btn--small', href: `#/reviews/${encodeURIComponent(r.id)}` }, t('task.reviewOpen')));
      slot.hidden = false;
    })
    .catch(() => {});
  return slot;
}

async function renderTask(main, id, seq, focus) {
  window.scrollTo(0, 0);
  const crumbsFor = (task) => h('p', { class: 'crumbs' }, h('a', { href: task ? decisionHash(task.decisionId) : '#/' }, `← ${task ? t('task.back') : t('nav.home')}`));
  mount(main, crumbsFor(null), loading());
  let task;
  let d;
  let depts;
  try {
    task = await api.task(id);
    [d, depts] = await Promise.all([api.decision(task.decisionId), departments()]);
  } catch (err) {
    if (!stale(seq)) mount(main, crumbsFor(task), errorBox(err, () => renderTask(main, id, seq, focus)));
    return;
  }
  if (stale(seq)) return;
  document.title = `${pick(task.label)} · ${d.number} · ${t('app.name')}`;

  const head = h(
    'div',
    { class: 'task-head' },
    h('p', { class: 'task-head-decision' }, h('span', { class: 'num' }, d.number), ' ', h('a', { href: decisionHash(d.id) }, d.title)),
    h('h1', { id: 'task-title' }, pick(task.label)),
    h(
      'dl',
      { class: 'meta' },
      h('div', { class: 'meta-item' }, h('dt', {}, t('task.role')), h('dd', {}, label('role', task.role))),
      h('div', { class: 'meta-item' }, h('dt', {}, t('open.due')), h('dd', {}, dueView(task.due, { overdue: task.overdue, paused: task.paused, attention: task.dueAttention }))),
    ),
  );

  if (task.status !== 'open') {
    mount(main, crumbsFor(task), h('section', { class: 'panel form-panel', 'aria-labelledby': 'task-title' }, head, h('p', { class: 'notice' }, t('task.closed'))));
    if (focus) focusHeading(main);
    return;
  }

  // Placing on an agenda is done on the meeting's page (the agenda item, its order and its materials come with it).
  if (task.kind === 'place_on_agenda') {
    mount(
      main,
      crumbsFor(task),
      h(
        'section',
        { class: 'panel form-panel', 'aria-labelledby': 'task-title' },
        head,
        taskContextView(task, d.documents ?? []),
        h('p', { class: 'notice' }, t('task.useMeetings'), ' ', h('a', { class: 'btn btn--small btn--primary', href: '#/meetings' }, t('task.goMeetings'))),
      ),
    );
    if (focus) focusHeading(main);
    return;
  }

  const kindForm = KIND_FORMS[task.kind] ?? {};
  // A review starts from the checklist as the decided assisted-review flags fill it in (the reviewer edits it).
  const prefill = task.kind === 'review_legality' ? await reviewPrefill(task) : {};
  if (stale(seq)) return;
  const hints = resolveHints(kindForm, task);
  const form = schemaForm({
    schema: task.payloadSchema ?? { type: 'object', properties: {} },
    scope: task.kind,
    initial: { ...(kindForm.initial?.(task, d) ?? {}), ...prefill },
    hints,
    sources: {
      documents: d.documents ?? [],
      departments: depts,
      users: usersWithRole,
      upload: async (kind, file) => {
        const contentBase64 = await fileToBase64(file);
        const res = await api.upload(d.id, { kind, fileName: file.name, mimeType: file.type || 'application/octet-stream', contentBase64 });
        return { id: res.id, kind, fileName: file.name, version: res.version, ...res };
      },
    },
  });
  const { alertEl, submit, onSubmit } = taskFormSubmit(form, {
    complete: (value, key) => api.completeTask(task.id, value, key),
    done: () => {
      state.flash = `${pick(task.label)}${t('colon')}${t('task.done')}`;
      navigate(decisionHash(d.id));
    },
  });

  mount(
    main,
    crumbsFor(task),
    h(
      'section',
      { class: 'panel form-panel', 'aria-labelledby': 'task-title' },
      head,
      taskContextView(task, d.documents ?? []),
      task.kind === 'approve_submission' ? approvalMaterials(d) : null,
      ['review_legality', 'second_check_review', 'sign_off_review_opinion'].includes(task.kind) ? reviewLink(task) : null,
      h('form', { class: 'task-form', novalidate: true, onsubmit: onSubmit, 'data-kind': task.kind }, form.el, alertEl, h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn', href: decisionHash(d.id) }, t('form.cancel')))),
    ),
  );
  if (focus) focusHeading(main);
  else main.querySelector('.task-form input, .task-form select, .task-form textarea')?.focus();
}

/**
 * A task form's alert, submit button and submit handler: checks the form, calls `complete(value, key)` with an
 * idempotency key, then `done()`; problems go to the form's fields and its alert.
 */
function taskFormSubmit(form, { complete, done }) {
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('form.submit'));
  let key = newIdempotencyKey();
  const onSubmit = async (ev) => {
    ev.preventDefault();
    form.clearErrors();
    mount(alertEl);
    const { value, errors } = form.value();
    if (errors.length) return showFormProblems(form, alertEl, errors);
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    try {
      await complete(value, key);
      done();
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('form.submit');
      // A refused or invalid attempt is over; the next one is a new attempt. A lost answer is retried with the same key.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) key = newIdempotencyKey();
      showFormProblems(form, alertEl, err, 'payload');
    }
  };
  return { alertEl, submit, onSubmit };
}

// What work.js and reviews.js use of the shell.
const shell = {
  state,
  hasRole,
  myUserId,
  canAct,
  departments,
  errorBox,
  errorMessage,
  showFormProblems,
  dueView,
  loading,
  focusHeading,
  stale,
  navigate,
  takeFlash: () => {
    const msg = state.flash;
    state.flash = null;
    return msg;
  },
  setFlash: (msg) => {
    state.flash = msg;
  },
  myDepartmentId,
};

initWork({ ...shell, decisionHash, taskHash });

initAccount(shell);
initCalendar(shell);

initReviews({ ...shell, downloadButton, taskContextView, resolveHints, taskFormSubmit, kindForm: (kind) => KIND_FORMS[kind] });

boot();
