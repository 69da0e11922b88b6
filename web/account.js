// The signed-in person's account (change password, sign out everywhere) and, for the admin, user administration:
// create users, set roles and department, disable or enable, reset a password. Every change is audited server-side.

import { api, clearSession, endLocalSession, newIdempotencyKey, saveSession } from './api.js';
import { h, mount, panel } from './dom.js';
import { addMessages, formatDateTime, getLocale, label, t } from './i18n.js';

/**
 * Single sign-on: the API's callback sends the browser to #/sso/<token>. Stores that session and clears the
 * token from the address bar; returns the session, or null when the page was not opened that way.
 */
export async function takeSingleSignOn() {
  const m = /^#\/sso\/([^/?]+)$/.exec(location.hash);
  if (!m) return null;
  history.replaceState(null, '', '#/');
  saveSession({ token: decodeURIComponent(m[1]) });
  try {
    const user = await api.me();
    const session = { token: decodeURIComponent(m[1]), user };
    saveSession(session);
    return session;
  } catch {
    clearSession();
    return null;
  }
}

/** A link to single sign-on on the sign-in page, when the platform has it configured (else nothing). */
export function singleSignOnLink() {
  const slot = h('p', { class: 'sso-link' });
  api
    .singleSignOn()
    .then((s) => {
      if (s?.enabled) mount(slot, h('a', { class: 'btn', href: '/api/auth/oidc/login' }, t('signin.sso')));
    })
    .catch(() => undefined);
  return slot;
}

/** Helpers of app.js (errors, loading, departments, focus), handed over once at start. */
let env;
export function initAccount(helpers) {
  env = helpers;
}

const ROLES = ['drafter', 'dept_head', 'reviewer', 'director', 'secretary', 'supervisor', 'leader', 'admin'];

addMessages(
  {
    'header.account': '账号',
    'signin.sso': '统一身份认证登录',
    'nav.users': '用户管理',
    'account.title': '我的账号',
    'account.password': '修改密码',
    'account.old': '原密码',
    'account.new': '新密码（不少于10个字符）',
    'account.repeat': '再次输入新密码',
    'account.mismatch': '两次输入的新密码不一致',
    'account.change': '修改密码',
    'account.changedNote': '修改后所有已登录的设备都将退出，请用新密码重新登录。',
    'account.everywhere': '退出全部登录',
    'account.everywhereLead': '在所有设备和浏览器上结束您的登录（例如遗失设备时）。',
    'users.title': '用户管理',
    'users.lead': '新建用户、调整角色和所在单位、停用账号或重置密码；每项操作都记入审计日志。',
    'users.new': '新建用户',
    'users.username': '用户名',
    'users.displayName': '姓名或岗位名称',
    'users.department': '所在单位',
    'users.roles': '角色',
    'users.password': '初始密码（不少于10个字符）',
    'users.create': '新建',
    'users.created': '已新建用户 {name}。',
    'users.saved': '已保存。',
    'users.status': '状态',
    'users.active': '启用',
    'users.disabled': '已停用',
    'users.disable': '停用',
    'users.enable': '启用',
    'users.save': '保存角色和单位',
    'users.reset': '重置密码',
    'users.resetPrompt': '新密码（不少于10个字符）',
    'users.resetDone': '密码已重置，该用户的登录已全部结束。',
    'users.sso': '统一身份认证',
    'users.list': '全部用户（{n}）',
    'users.forbidden': '只有系统管理员可以管理用户。',
  },
  {
    'header.account': 'Account',
    'signin.sso': 'Sign in with single sign-on',
    'nav.users': 'Users',
    'account.title': 'My account',
    'account.password': 'Change password',
    'account.old': 'Current password',
    'account.new': 'New password (at least 10 characters)',
    'account.repeat': 'New password again',
    'account.mismatch': 'The two new passwords differ',
    'account.change': 'Change password',
    'account.changedNote': 'Every device you are signed in on will be signed out; sign in again with the new password.',
    'account.everywhere': 'Sign out everywhere',
    'account.everywhereLead': 'Ends your sessions on every device and browser (e.g. after losing a device).',
    'users.title': 'User administration',
    'users.lead': 'Create users, set roles and department, disable accounts or reset passwords; every change is audited.',
    'users.new': 'New user',
    'users.username': 'Username',
    'users.displayName': 'Name or post',
    'users.department': 'Department',
    'users.roles': 'Roles',
    'users.password': 'Initial password (at least 10 characters)',
    'users.create': 'Create',
    'users.created': 'User {name} created.',
    'users.saved': 'Saved.',
    'users.status': 'Status',
    'users.active': 'Active',
    'users.disabled': 'Disabled',
    'users.disable': 'Disable',
    'users.enable': 'Enable',
    'users.save': 'Save roles and department',
    'users.reset': 'Reset password',
    'users.resetPrompt': 'New password (at least 10 characters)',
    'users.resetDone': 'Password reset; all of the user’s sessions ended.',
    'users.sso': 'Single sign-on',
    'users.list': 'All users ({n})',
    'users.forbidden': 'Only the administrator manages users.',
  },
);

function field(id, text, input) {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, text), h('div', { class: 'field-control' }, input));
}
const passwordInput = (name, autocomplete) => h('input', { name, type: 'password', autocomplete, required: true, maxlength: '200' });

/** #/account: change the own password; sign out everywhere. */
export function renderAccount(main, _seq, focus) {
  document.title = `${t('account.title')} · ${t('app.name')}`;
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const oldPw = passwordInput('oldPassword', 'current-password');
  const newPw = passwordInput('newPassword', 'new-password');
  const again = passwordInput('repeat', 'new-password');
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('account.change'));
  const form = h(
    'form',
    {
      class: 'form',
      onsubmit: async (ev) => {
        ev.preventDefault();
        mount(alertEl);
        if (newPw.value !== again.value) return mount(alertEl, h('p', { class: 'error-box' }, t('account.mismatch')));
        submit.disabled = true;
        try {
          await api.changePassword({ oldPassword: oldPw.value, newPassword: newPw.value });
          history.replaceState(null, '', '#/');
          endLocalSession();
        } catch (err) {
          mount(alertEl, env.errorBox(err));
        } finally {
          submit.disabled = false;
        }
      },
    },
    field('account-old', t('account.old'), oldPw),
    field('account-new', t('account.new'), newPw),
    field('account-repeat', t('account.repeat'), again),
    h('p', { class: 'hint' }, t('account.changedNote')),
    alertEl,
    h('div', { class: 'form-actions' }, submit),
  );
  const everywhereAlert = h('div', { class: 'form-alert', role: 'alert' });
  const everywhere = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      onclick: async () => {
        try {
          await api.logoutEverywhere();
          history.replaceState(null, '', '#/');
          endLocalSession();
        } catch (err) {
          mount(everywhereAlert, env.errorBox(err));
        }
      },
    },
    t('account.everywhere'),
  );
  mount(
    main,
    h('h1', {}, t('account.title')),
    panel({ id: 'account-password', title: t('account.password') }, form),
    panel({ id: 'account-everywhere', title: t('account.everywhere') }, h('p', {}, t('account.everywhereLead')), everywhereAlert, everywhere),
  );
  if (focus) env.focusHeading(main);
}

/** #/admin/users: the administrator's user list and forms. */
export async function renderUsers(main, seq, focus) {
  document.title = `${t('users.title')} · ${t('app.name')}`;
  if (!env.hasRole('admin')) {
    mount(main, h('h1', {}, t('users.title')), h('p', { class: 'notice' }, t('users.forbidden')));
    return;
  }
  mount(main, h('h1', {}, t('users.title')), env.loading());
  let users;
  let depts;
  try {
    [{ items: users }, depts] = await Promise.all([api.adminUsers(), env.departments()]);
  } catch (err) {
    if (env.stale(seq)) return;
    mount(main, h('h1', {}, t('users.title')), env.errorBox(err, () => renderUsers(main, seq, false)));
    return;
  }
  if (env.stale(seq)) return;
  const deptName = (id) => {
    const d = depts.find((x) => x.id === id);
    return d ? (getLocale() === 'en' ? d.nameEn : d.nameZh) : id;
  };
  const deptSelect = (value) => h('select', {}, depts.map((d) => h('option', { value: d.id, selected: d.id === value }, deptName(d.id))));
  const roleBoxes = (chosen, prefix) =>
    h(
      'fieldset',
      { class: 'checks' },
      h('legend', {}, t('users.roles')),
      ROLES.map((r) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: `${prefix}-role`, value: r, checked: chosen.includes(r) }), ' ', label('role', r))),
    );
  const checked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);
  const flash = h('div', { role: 'status', class: 'flash' });
  const again = (msg) => {
    renderUsers(main, seq, false).then(() => {
      const f = main.querySelector('.flash');
      if (f && msg) f.textContent = msg;
    });
  };

  // New user
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const username = h('input', { name: 'username', required: true, maxlength: '100', autocomplete: 'off' });
  const displayName = h('input', { name: 'displayName', required: true, maxlength: '100' });
  const dept = deptSelect(depts[0]?.id);
  const roles = roleBoxes([], 'new');
  const password = h('input', { name: 'password', type: 'password', required: true, maxlength: '200', autocomplete: 'new-password' });
  const key = newIdempotencyKey();
  const create = h(
    'form',
    {
      class: 'form',
      onsubmit: async (ev) => {
        ev.preventDefault();
        mount(alertEl);
        try {
          const u = await api.createUser({ username: username.value.trim(), displayName: displayName.value.trim(), departmentId: dept.value, roles: checked(roles), password: password.value }, key);
          again(t('users.created', { name: u.username }));
        } catch (err) {
          mount(alertEl, env.errorBox(err));
        }
      },
    },
    field('user-new-username', t('users.username'), username),
    field('user-new-name', t('users.displayName'), displayName),
    field('user-new-dept', t('users.department'), dept),
    roles,
    field('user-new-password', t('users.password'), password),
    alertEl,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn--primary' }, t('users.create'))),
  );

  const row = (u) => {
    const rowAlert = h('div', { class: 'form-alert', role: 'alert' });
    const d = deptSelect(u.departmentId);
    d.setAttribute('aria-label', `${u.username} ${t('users.department')}`);
    const rb = roleBoxes(u.roles, `u-${u.id}`);
    const act = (fn, msg) => async () => {
      mount(rowAlert);
      try {
        await fn();
        again(msg);
      } catch (err) {
        mount(rowAlert, env.errorBox(err));
      }
    };
    const pw = h('input', { type: 'password', maxlength: '200', autocomplete: 'new-password', 'aria-label': `${u.username} ${t('users.resetPrompt')}`, placeholder: t('users.resetPrompt') });
    return h(
      'li',
      { class: 'user-row', 'data-username': u.username },
      h('p', {}, h('strong', {}, u.displayName), ' ', h('code', {}, u.username), ' · ', deptName(u.departmentId), ' · ', u.active ? t('users.active') : h('span', { class: 'badge' }, t('users.disabled')), u.singleSignOn ? ` · ${t('users.sso')}` : '', ' · ', formatDateTime(u.createdAt)),
      h('div', { class: 'field' }, d),
      rb,
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'button', class: 'btn btn--small', onclick: act(() => api.updateUser(u.id, { departmentId: d.value, roles: checked(rb) }), t('users.saved')) }, t('users.save')),
        h('button', { type: 'button', class: 'btn btn--small', onclick: act(() => api.updateUser(u.id, { active: !u.active }), t('users.saved')) }, u.active ? t('users.disable') : t('users.enable')),
        pw,
        h('button', { type: 'button', class: 'btn btn--small', onclick: act(() => api.resetPassword(u.id, pw.value), t('users.resetDone')) }, t('users.reset')),
      ),
      rowAlert,
    );
  };

  mount(
    main,
    h('h1', {}, t('users.title')),
    h('p', { class: 'lead' }, t('users.lead')),
    flash,
    panel({ id: 'users-new', title: t('users.new') }, create),
    panel({ id: 'users-list', title: t('users.list', { n: users.length }) }, h('ul', { class: 'user-list' }, users.map(row))),
  );
  if (focus) env.focusHeading(main);
}
