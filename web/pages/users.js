// @ts-check
// The admin's users page: create users, change roles, disable.

import { api, newIdempotencyKey } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { formatDateTime, getLocale, label, t } from '../i18n.js';
import { field, ROLES } from './account.js';
import { departments, hasRole, stale } from '../shell.js';
import { errorBox, focusHeading, loading } from '../ui.js';

/** #/admin/users: the administrator's user list and forms. */
export async function renderUsers(main, seq, focus) {
  document.title = `${t('users.title')} · ${t('app.name')}`;
  if (!hasRole('admin')) {
    mount(main, h('h1', {}, t('users.title')), h('p', { class: 'notice' }, t('users.forbidden')));
    return;
  }
  mount(main, h('h1', {}, t('users.title')), loading());
  let users;
  let depts;
  try {
    [{ items: users }, depts] = await Promise.all([api.adminUsers(), departments()]);
  } catch (err) {
    if (stale(seq)) return;
    mount(
      main,
      h('h1', {}, t('users.title')),
      errorBox(err, () => renderUsers(main, seq, false)),
    );
    return;
  }
  if (stale(seq)) return;
  const deptName = (id) => {
    const d = depts.find((x) => x.id === id);
    return d ? (getLocale() === 'en' ? d.nameEn : d.nameZh) : id;
  };
  const deptSelect = (value) =>
    h(
      'select',
      {},
      depts.map((d) => h('option', { value: d.id, selected: d.id === value }, deptName(d.id))),
    );
  const roleBoxes = (chosen, prefix) =>
    h(
      'fieldset',
      { class: 'checks' },
      h('legend', {}, t('users.roles')),
      ROLES.map((r) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name: `${prefix}-role`, value: r, checked: chosen.includes(r) }),
          ' ',
          label('role', r),
        ),
      ),
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
  const password = h('input', {
    name: 'password',
    type: 'password',
    required: true,
    maxlength: '200',
    autocomplete: 'new-password',
  });
  const key = newIdempotencyKey();
  const create = h(
    'form',
    {
      class: 'form',
      onsubmit: async (ev) => {
        ev.preventDefault();
        mount(alertEl);
        try {
          const u = await api.createUser(
            {
              username: username.value.trim(),
              displayName: displayName.value.trim(),
              departmentId: dept.value,
              roles: checked(roles),
              password: password.value,
            },
            key,
          );
          again(t('users.created', { name: u.username }));
        } catch (err) {
          mount(alertEl, errorBox(err));
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
        mount(rowAlert, errorBox(err));
      }
    };
    const pw = h('input', {
      type: 'password',
      maxlength: '200',
      autocomplete: 'new-password',
      'aria-label': `${u.username} ${t('users.resetPrompt')}`,
      placeholder: t('users.resetPrompt'),
    });
    return h(
      'li',
      { class: 'user-row', 'data-username': u.username },
      h(
        'p',
        {},
        h('strong', {}, u.displayName),
        ' ',
        h('code', {}, u.username),
        ' · ',
        deptName(u.departmentId),
        ' · ',
        u.active ? t('users.active') : h('span', { class: 'badge' }, t('users.disabled')),
        u.singleSignOn ? ` · ${t('users.sso')}` : '',
        ' · ',
        formatDateTime(u.createdAt),
      ),
      h('div', { class: 'field' }, d),
      rb,
      h(
        'div',
        { class: 'form-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn--small',
            onclick: act(() => api.updateUser(u.id, { departmentId: d.value, roles: checked(rb) }), t('users.saved')),
          },
          t('users.save'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn--small',
            onclick: act(() => api.updateUser(u.id, { active: !u.active }), t('users.saved')),
          },
          u.active ? t('users.disable') : t('users.enable'),
        ),
        pw,
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn--small',
            onclick: act(() => api.resetPassword(u.id, pw.value), t('users.resetDone')),
          },
          t('users.reset'),
        ),
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
    panel(
      { id: 'users-list', title: t('users.list', { n: users.length }) },
      h('ul', { class: 'user-list' }, users.map(row)),
    ),
  );
  if (focus) focusHeading(main);
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/admin/users',
  page: ({ main, seq, focus }) => renderUsers(main, seq, focus),
  nav: { label: 'nav.users', roles: ['admin'] },
};
