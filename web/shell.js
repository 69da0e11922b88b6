// @ts-check
// The signed-in frame every page shares: sign-in state, the header (user, notices bell, locale switch, sign-out),
// the work navigation and the router, which renders the page of the route table (web/routes.js) that the hash names.
// Pages import what they need of the session from here (state, hasRole, navigate, stale, flash).

import { api, ApiError, clearSession, loadSession, setUnauthorizedHandler } from './api.js';
import { h, mount } from './dom.js';
import { applyDocumentLocale, getLocale, label, loadLabels, setLocale, t } from './i18n.js';
import { noticesBell } from './notices.js';
import { takeSingleSignOn } from './sso.js';
import { matchRoute } from './router.js';
import { errorBox, focusHeading } from './ui.js';

/** The page's one container (index.html). */
export const root = /** @type {HTMLElement} */ (document.getElementById('app'));

/**
 * @type {{ session: any, me: any, notice: string | null, signinUsername: string, seq: number, flash: string | null, departments: any[] | null }}
 */
export const state = {
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

/** @type {import('./router.js').Route[]} */
let routes = [];
/** @type {() => void} */
let renderSignIn = () => {};

/** Starts the app with its pages: the route table and the sign-in page (shown while nobody is signed in). */
export function start(/** @type {{ routes: import('./router.js').Route[], signIn: () => void }} */ app) {
  routes = app.routes;
  renderSignIn = app.signIn;
  boot();
}

export function render() {
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
    mount(
      root,
      h(
        'main',
        { class: 'boot-error', id: 'main' },
        errorBox(err, () => boot()),
      ),
    );
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
        mount(
          root,
          h(
            'main',
            { class: 'boot-error', id: 'main' },
            errorBox(err, () => boot()),
          ),
        );
        return;
      }
      return; // the 401 handler has shown the sign-in page
    }
  }
  render();
}

export function brand() {
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

export function localeSwitch() {
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
            /** @type {HTMLButtonElement | null} */ (
              root.querySelector(`.locale-switch button[lang="${lang}"]`)
            )?.focus();
          },
        },
        name,
      ),
    ),
  );
}

export function footer() {
  return h(
    'footer',
    { class: 'site-footer' },
    h('span', {}, t('footer.time')),
    h('a', { href: '/api/docs', target: '_blank', rel: 'noopener' }, t('footer.api')),
  );
}

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

/** @type {Map<string, HTMLElement>} The counts beside nav links, by the link's hash. */
const navCounts = new Map();

/** A nav link's count (what waits there for the person), loaded with the shell; hidden at 0 or on error. */
function navCount(/** @type {string} */ href, /** @type {() => Promise<number>} */ load) {
  const badge = h('span', { class: 'nav-count', hidden: true });
  navCounts.set(href, badge);
  load().then(
    (n) => setNavCount(href, n),
    () => setNavCount(href, 0),
  );
  return badge;
}

/** Sets the count beside a nav link (a page that has just read it, e.g. after an approval). */
export function setNavCount(/** @type {string} */ href, /** @type {number} */ n) {
  const badge = navCounts.get(href);
  if (!badge) return;
  badge.textContent = n ? ` (${n})` : '';
  badge.hidden = !n;
  badge.title = n ? t('nav.waiting', { n }) : '';
}

/** The pages of the signed-in person's roles, in the route table's order (a route with `nav` shows to its roles). */
function workNav() {
  const entries = routes.flatMap((r) =>
    r.nav && (!r.nav.roles || hasRole(...r.nav.roles)) ? [{ href: `#${r.path}`, nav: r.nav }] : [],
  );
  const links = entries.map(({ href, nav }) => [href, t(nav.label), nav.count ? navCount(href, nav.count) : null]);
  if (links.length < 2) return null;
  const here = () => (location.hash || '#/').split('?')[0];
  const nav = h(
    'nav',
    { class: 'worknav', 'aria-label': t('nav.label') },
    h(
      'ul',
      {},
      links.map(([href, text, count]) => h('li', {}, h('a', { href, 'data-href': href }, text, count))),
    ),
  );
  const mark = () => {
    const cur = here();
    for (const a of nav.querySelectorAll('a')) {
      const href = a.getAttribute('data-href') ?? '';
      const also = entries.find((e) => e.href === href)?.nav.also;
      const on = href === '#/' ? cur === '#/' : cur.startsWith(href) || Boolean(also?.(cur));
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
  const found = matchRoute(routes, location.hash);
  if (found) {
    found.route.page({ main, params: found.params, query: found.query, seq, focus });
    return;
  }
  document.title = `${t('notfound.title')} · ${t('app.name')}`;
  mount(
    main,
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, t('notfound.title')),
      h('p', {}, h('a', { href: '#/' }, t('notfound.body'))),
    ),
  );
  if (focus) focusHeading(main);
}

export const stale = (seq) => seq !== state.seq;

export const hasRole = (...roles) => ((state.me ?? state.session?.user)?.roles ?? []).some((r) => roles.includes(r));

export const myDepartmentId = () =>
  state.me?.department?.id ?? state.me?.departmentId ?? state.session?.user?.departmentId;

export const myUserId = () => state.me?.id ?? state.session?.user?.id;

export function navigate(hash) {
  if (location.hash === hash || (hash === '#/' && !location.hash)) renderRoute({ focus: false });
  else location.hash = hash;
}

window.addEventListener('hashchange', () => {
  if (state.session) renderRoute({ focus: true });
});

/** Whether the signed-in user is the one the task waits for (the server decides; this only hides dead buttons). */
export function canAct(task) {
  if (task.status && task.status !== 'open') return false;
  if (task.assigneeUserId) return task.assigneeUserId === myUserId();
  return hasRole(task.role) && (!task.departmentId || task.departmentId === myDepartmentId());
}

/** The departments, loaded once. @returns {Promise<any[]>} */
export async function departments() {
  state.departments ??= await api.departments();
  return state.departments ?? [];
}

/** @type {Map<string, Promise<any>>} */
const formCache = new Map();

/**
 * The JSON Schema of one of the API's input forms (GET /api/forms/:name), loaded once.
 * @param {'launch' | 'meeting' | 'outcome' | 'reassign' | 'decline' | 'flagDismissal' | 'extension' | 'leave' | 'evaluation' | 'conflict' | 'kindSetting' | 'profile' | 'law'
 *   | 'comment' | 'commentGroup' | 'commentGroupAnswer' | 'hearing' | 'hearingMaterials' | 'hearingRecord' | 'hearingCancel'
 *   | 'catalogCreate' | 'catalogDraft' | 'catalogApproval' | 'catalogAmendment' | 'catalogRefusal' | 'outsideCatalogRequest' | 'outsideCatalogDecision'
 *   | 'absence' | 'publication' | 'filing'
 *   | 'expert' | 'expertUpdate' | 'expertInterest' | 'expertSelection' | 'expertResponse' | 'expertDecline' | 'expertConclusion' | 'expertOpinion'
 *   | 'bulkReassign' | 'bulkReminders' | 'noticePreferences' | 'earlyWarning'} name
 */
export function formSchema(name) {
  let schema = formCache.get(name);
  if (!schema) {
    schema = api.formSchema(name).catch((e) => {
      formCache.delete(name);
      throw e;
    });
    formCache.set(name, schema);
  }
  return schema;
}

const userCache = new Map();

export function usersWithRole(role) {
  if (!userCache.has(role ?? ''))
    userCache.set(
      role ?? '',
      api.users(role).catch((e) => {
        userCache.delete(role ?? '');
        return Promise.reject(e);
      }),
    );
  return userCache.get(role ?? '');
}

export function flashNotice() {
  const msg = state.flash;
  state.flash = null;
  return msg ? h('p', { class: 'flash', role: 'status' }, msg) : null;
}

/** Takes the one-time message for the top of the next page (launched, submitted, withdrawn). */
export function takeFlash() {
  const msg = state.flash;
  state.flash = null;
  return msg;
}

export function setFlash(msg) {
  state.flash = msg;
}

export const deptName = (id) => {
  const d = (state.departments ?? []).find((x) => x.id === id);
  return d ? (getLocale() === 'en' ? d.nameEn : d.nameZh) : (id ?? '');
};
