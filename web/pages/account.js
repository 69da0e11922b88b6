// @ts-check
// The account page: the signed-in person's notice choices, the office's early-warning N, password change, sessions,
// absences and substitutes.

import { api, endLocalSession } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { t } from '../i18n.js';
import { schemaForm } from '../forms.js';
import { formSchema, hasRole, stale } from '../shell.js';
import { errorBox, focusHeading, loading, schemaSubmit } from '../ui.js';
import { absencePanel } from '../absences.js';
import { earlyWarningPanel } from '../early-warning-setting.js';

export const ROLES = ['drafter', 'dept_head', 'reviewer', 'director', 'secretary', 'supervisor', 'leader', 'admin'];

export function field(id, text, input) {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, text), h('div', { class: 'field-control' }, input));
}

const passwordInput = (name, autocomplete) =>
  h('input', { name, type: 'password', autocomplete, required: true, maxlength: '200' });

/** #/account: change the own password; sign out everywhere. */
export function renderAccount(main, seq, focus) {
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
          mount(alertEl, errorBox(err));
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
  const absences = h('div', {});
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
          mount(everywhereAlert, errorBox(err));
        }
      },
    },
    t('account.everywhere'),
  );
  const noticesBody = h('div', { class: 'account-notices' }, loading());
  mount(
    main,
    h('h1', {}, t('account.title')),
    panel({ id: 'account-notices', title: t('account.notices') }, noticesBody),
    earlyWarningPanel(seq),
    panel({ id: 'account-password', title: t('account.password') }, form),
    panel(
      { id: 'account-everywhere', title: t('account.everywhere') },
      h('p', {}, t('account.everywhereLead')),
      everywhereAlert,
      everywhere,
    ),
    absences,
  );
  if (focus) focusHeading(main);
  absencePanel().then((section) => mount(absences, section));
  void noticePreferencesForm(noticesBody, seq);
}

/** Issue 16 §3: per event, bell and mail, bell only or off — the form from the server's schema, filled with the choices in force. */
async function noticePreferencesForm(/** @type {HTMLElement} */ body, /** @type {number} */ seq) {
  try {
    const [schema, current] = await Promise.all([formSchema('noticePreferences'), api.noticePreferences()]);
    if (stale(seq)) return;
    // Approvals wait only for government leaders: the others keep that choice without seeing it.
    const form = schemaForm({
      schema,
      scope: 'noticePreferences',
      initial: current.preferences,
      hints: { approval_waiting: hasRole('leader') ? { requiredWhenShown: true } : { hidden: true } },
    });
    const alertEl = h('div', { class: 'form-alert', role: 'alert' });
    const saved = h('p', { class: 'flash', role: 'status', hidden: true }, t('account.noticesSaved'));
    const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('account.noticesSave'));
    const el = h(
      'form',
      {
        class: 'form notice-preferences',
        novalidate: true,
        onsubmit: (/** @type {Event} */ ev) => {
          saved.hidden = true;
          return schemaSubmit(form, alertEl, submit, async (value) => {
            await api.setNoticePreferences(value);
            saved.hidden = false;
          })(ev);
        },
      },
      h('p', { class: 'hint' }, t('account.noticesLead')),
      h(
        'p',
        { class: 'hint' },
        current.mailAddress ? t('account.noticesMail', { address: current.mailAddress }) : t('account.noticesNoMail'),
      ),
      form.el,
      alertEl,
      saved,
      h('div', { class: 'form-actions' }, submit),
    );
    mount(body, el);
  } catch (err) {
    if (!stale(seq))
      mount(
        body,
        errorBox(err, () => noticePreferencesForm(body, seq)),
      );
  }
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/account',
  page: ({ main, seq, focus }) => renderAccount(main, seq, focus),
};
