// @ts-check
// The notices bell in the header (every user): reminders, letters and progress addressed to the person, and the
// approvals waiting for a leader (linked to the catalog page).

import { api } from './api.js';
import { h, mount } from './dom.js';
import { formatDateTime, pick, t } from './i18n.js';
import { decisionHash } from './links.js';

let closeBell = () => {};
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') closeBell();
});

export function noticesBell() {
  const count = h('span', { class: 'bell-count', hidden: true });
  const list = h('div', { class: 'bell-panel', hidden: true, role: 'region', 'aria-label': t('notices.title') });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--ghost bell',
      'aria-expanded': 'false',
      'aria-label': t('nav.notices'),
      onclick: () => toggle(),
    },
    h('span', { class: 'bell-icon', 'aria-hidden': 'true' }),
    h('span', { class: 'bell-text' }, t('nav.notices')),
    count,
  );
  /** @type {{ unread: number, items: any[] }} */
  let data = { unread: 0, items: [] };
  const paint = () => {
    count.textContent = String(data.unread);
    count.hidden = !data.unread;
    button.setAttribute(
      'aria-label',
      `${t('nav.notices')}${data.unread ? ` · ${t('notices.unread', { n: data.unread })}` : ''}`,
    );
    mount(
      list,
      h(
        'h2',
        { class: 'bell-title' },
        t('notices.title'),
        data.unread ? h('span', { class: 'panel-meta' }, ` · ${t('notices.unread', { n: data.unread })}`) : null,
      ),
      data.items.length
        ? h(
            'ul',
            { class: 'notice-list' },
            data.items
              .slice(0, 30)
              .map((n) =>
                h(
                  'li',
                  { class: ['notice-item', !n.readAt && 'is-unread'] },
                  h('strong', {}, pick(n.title)),
                  h('p', {}, pick(n.body)),
                  h('time', { datetime: n.createdAt }, formatDateTime(n.createdAt)),
                  h(
                    'div',
                    { class: 'notice-actions' },
                    n.decisionId || n.href
                      ? h(
                          'a',
                          { href: n.href ?? decisionHash(n.decisionId), onclick: () => read(n) },
                          t(n.href ? 'notices.openApproval' : 'notices.open'),
                        )
                      : null,
                    !n.readAt
                      ? h(
                          'button',
                          { type: 'button', class: 'btn btn--small', onclick: () => read(n) },
                          t('notices.markRead'),
                        )
                      : null,
                  ),
                ),
              ),
          )
        : h('p', { class: 'empty' }, t('notices.none')),
    );
  };
  const load = async () => {
    try {
      data = await api.notices();
      paint();
    } catch {
      /* the bell stays quiet when notices cannot be read */
    }
  };
  const read = async (n) => {
    if (n.readAt) return;
    try {
      await api.readNotice(n.id);
      n.readAt = new Date().toISOString();
      data.unread = Math.max(0, data.unread - 1);
      paint();
    } catch {
      /* left unread */
    }
  };
  const toggle = () => {
    const open = list.hidden;
    list.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) load();
  };
  // One Escape handler for the bell on screen (the shell is rebuilt on a locale switch).
  closeBell = () => {
    if (list.hidden || !list.isConnected) return;
    toggle();
    button.focus();
  };
  paint();
  load();
  return h('div', { class: 'bell-wrap' }, button, list);
}
