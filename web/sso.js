// @ts-check
// Single sign-on (OIDC): the link on the sign-in page and taking the session the callback hands back.

import { api, clearSession, saveSession } from './api.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';

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
