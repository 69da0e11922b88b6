// Yifa web: sign-in, the caller's tasks, the list of decisions and one decision's page.
// Plain ES modules, no build step, no third-party assets (government intranets are offline).

import { api, ApiError, clearSession, loadSession, saveSession, setUnauthorizedHandler } from './api.js';
import { h, mount } from './dom.js';
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
    h('p', {}, errorMessage(err), err?.rule ? h('span', { class: 'rule-chip rule-chip--error' }, t('error.rule', { rule: err.rule })) : null),
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
  const code = h('code', {}, configured ? t('due.configured') : String(rule));
  return h(
    'span',
    { class: 'rule-chip', title: `${t('due.rule')}${t('colon')}${rule} (${t('due.ruleHint')})` },
    h('span', { class: labelled ? 'rule-chip-label' : 'visually-hidden' }, t('due.rule')),
    code,
  );
}

/** A due time in Beijing time with the rule that set it, its basis and markers. */
function dueView(due, { overdue = false, paused = false, basis = true, labelled = true } = {}) {
  if (!due) return h('span', { class: 'due due--none' }, t('due.none'));
  return h(
    'span',
    { class: ['due', overdue && 'is-overdue'] },
    overdue ? h('span', { class: 'badge badge--overdue' }, t('badge.overdue')) : null,
    h('time', { datetime: due.dueAt, class: 'due-time' }, formatDateTime(due.dueAt)),
    ruleChip(due.rule, { labelled }),
    basis && due.basis ? h('span', { class: 'due-basis' }, formatBasis(due.basis)) : null,
    due.provisional ? h('span', { class: 'badge badge--provisional', title: t('due.provisionalHint') }, t('due.provisional')) : null,
    paused ? h('span', { class: 'badge badge--paused', title: t('due.pausedHint') }, t('due.paused')) : null,
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
        mount(formError, errorMessage(err), err?.rule ? ` (${err.rule})` : '');
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
          localeSwitch(),
          h('button', { type: 'button', class: 'btn btn--ghost', onclick: signOut }, t('header.signout')),
        ),
      ),
      h('main', { id: 'main', class: 'main' }),
      footer(),
    ),
  );
}

function renderRoute({ focus }) {
  const main = document.getElementById('main');
  if (!main) return;
  const seq = ++state.seq;
  const route = parseRoute();
  if (route.name === 'decision') renderDecision(main, route.id, seq, focus);
  else if (route.name === 'home') renderHome(main, route.filter, seq, focus);
  else {
    document.title = `${t('notfound.title')} · ${t('app.name')}`;
    mount(main, h('section', { class: 'panel' }, h('h1', {}, t('notfound.title')), h('p', {}, h('a', { href: '#/' }, t('notfound.body')))));
    if (focus) focusHeading(main);
  }
}

const stale = (seq) => seq !== state.seq;

// ---------------------------------------------------------------- home: my tasks + decisions

function renderHome(main, filter, seq, focus) {
  document.title = `${t('decisions.title')} · ${t('app.name')}`;
  const tasksBody = h('div', { class: 'panel-body' }, loading());
  const tasksMeta = h('p', { class: 'panel-meta' });
  const tasksPanel = h(
    'section',
    { class: 'panel tasks-panel', 'aria-labelledby': 'tasks-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'tasks-title' }, t('tasks.title')), tasksMeta),
    tasksBody,
  );

  const listBody = h('div', { class: 'panel-body' }, loading());
  const listMeta = h('p', { class: 'panel-meta', role: 'status' });
  const listPanel = h(
    'section',
    { class: 'panel decisions-panel', 'aria-labelledby': 'decisions-title' },
    h('div', { class: 'panel-head' }, h('h1', { id: 'decisions-title' }, t('decisions.title')), listMeta),
    filterForm(filter),
    listBody,
  );

  mount(main, h('div', { class: 'home' }, tasksPanel, listPanel));
  if (focus) focusHeading(main);

  const loadTasks = async () => {
    mount(tasksBody, loading());
    try {
      const inbox = await api.tasks();
      if (stale(seq)) return;
      mount(
        tasksMeta,
        h('span', { class: 'count' }, t('tasks.total', { n: inbox.total })),
        h('span', { class: ['count', 'count--overdue', inbox.overdue > 0 && 'is-nonzero'] }, t('tasks.overdue', { n: inbox.overdue })),
      );
      mount(tasksBody, inbox.items.length ? h('ul', { class: 'task-list' }, inbox.items.map(taskItem)) : h('p', { class: 'empty' }, t('tasks.none')));
    } catch (err) {
      if (!stale(seq)) mount(tasksBody, errorBox(err, loadTasks));
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
  loadList();
}

function taskItem(task) {
  const d = task.decision ?? {};
  return h(
    'li',
    { class: ['task-item', task.overdue && 'is-overdue'] },
    h(
      'a',
      { class: 'task-link', href: decisionHash(task.decisionId), 'aria-label': `${t('tasks.openDecision', { number: d.number ?? '' })}${t('colon')}${pick(task.label)}` },
      h('span', { class: 'task-decision' }, h('span', { class: 'num' }, d.number), ' ', h('span', { class: 'task-decision-title' }, d.title)),
      h('span', { class: 'task-label' }, pick(task.label)),
    ),
    h('div', { class: 'task-due' }, dueView(task.due, { overdue: task.overdue, paused: task.paused, basis: false })),
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

function decisionTable(items) {
  const cols = ['number', 'title', 'lead', 'stage', 'status', 'nextDue'];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table decision-table' },
      h('caption', { class: 'visually-hidden' }, t('decisions.title')),
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

async function renderDecision(main, id, seq, focus) {
  window.scrollTo(0, 0);
  mount(main, h('p', { class: 'crumbs' }, h('a', { href: '#/' }, `← ${t('back.list')}`)), loading());
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
    decisionHeader(d),
    stageDiagram(d),
    h(
      'div',
      { class: 'decision-grid' },
      h('div', { class: 'decision-col' }, openTasksPanel(d), documentsPanel(d)),
      h('div', { class: 'decision-col' }, timelinePanel(d)),
    ),
  );
  if (focus) focusHeading(main);
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
  const temporalUrl = d.temporal?.webUiUrl;
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
            { class: 'btn btn--small temporal-link', href: temporalUrl, target: '_blank', rel: 'noopener noreferrer', title: t('decision.temporalHint', { id: d.temporal.workflowId }) },
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
  current: { cls: 'current', mark: null },
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
  return h(
    'section',
    { class: 'panel stages-panel', 'aria-labelledby': 'stages-title' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'stages-title' }, t('stages.title')),
      h(
        'ul',
        { class: 'stage-legend', 'aria-label': t('stages.legend') },
        legend.map((k) => h('li', { class: `legend legend--${k}` }, h('span', { class: 'legend-swatch', 'aria-hidden': 'true' }), t(`stage.${k}`))),
      ),
    ),
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
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'open-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'open-title' }, t('open.title')), h('p', { class: 'panel-meta' }, t('tasks.total', { n: tasks.length }))),
    tasks.length
      ? h(
          'ul',
          { class: 'open-list' },
          tasks.map((x) =>
            h(
              'li',
              { class: ['open-item', x.overdue && 'is-overdue'] },
              h('div', { class: 'open-main' }, h('span', { class: 'open-label' }, pick(x.label)), h('span', { class: 'open-role' }, `${t('open.role')}${t('colon')}${label('role', x.role)}`)),
              h('div', { class: 'open-due' }, h('span', { class: 'open-due-label' }, `${t('open.due')}${t('colon')}`), dueView(x.due, { overdue: x.overdue, paused: x.paused })),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('open.none')),
  );
}

function documentsPanel(d) {
  const docs = d.documents ?? [];
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'docs-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'docs-title' }, t('docs.title')), h('p', { class: 'panel-meta' }, String(docs.length))),
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
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'timeline-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'timeline-title' }, t('timeline.title')), h('p', { class: 'panel-meta' }, String(events.length))),
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

boot();
