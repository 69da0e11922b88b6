// @ts-check
// The sign-in page (shown by the shell while nobody is signed in).

import { api, ApiError, loadSession, saveSession } from '../api.js';
import { h, mount } from '../dom.js';
import { pick, t } from '../i18n.js';
import { brand, footer, localeSwitch, render, root, state } from '../shell.js';
import { singleSignOnLink } from '../sso.js';
import { errorMessage, focusHeading } from '../ui.js';

export function renderSignIn() {
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
    const row = h(
      'div',
      { class: 'field' },
      h('label', { for: input.id }, t(`signin.${name}`)),
      h('div', { class: 'field-control' }, input, error),
    );
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
          h(
            'form',
            { class: 'signin-form', novalidate: true, onsubmit: onSubmit },
            user.row,
            pass.row,
            formError,
            submit,
          ),
          singleSignOnLink(),
          h('p', { class: 'demo-hint' }, t('signin.demo')),
        ),
      ),
      footer(),
    ),
  );
  (state.signinUsername ? pass.input : user.input).focus();
}
