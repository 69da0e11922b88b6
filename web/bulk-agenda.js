// @ts-check
// A secretary places several decisions on a meeting's agenda at once (issue 16 §5 c): tick them, preview what the
// server would do (R21 readiness, R22 materials, per decision), execute, read the result per decision.

import { api } from './api.js';
import { bulkDialog, bulkSelection } from './bulk.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';

/**
 * @param {{ meetingId: string, options: Array<{ id: string, number: string, title: string }>, readyIds: Set<string>,
 *   done: () => void }} o
 */
export function agendaBulkForm(o) {
  if (o.options.length < 2) return null;
  const count = h('span', { class: 'bulk-count', 'aria-live': 'polite' }, t('bulk.chosen', { n: 0 }));
  const preview = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'btn btn--primary btn--small', disabled: true }, t('bulk.agendaPreview'))
  );
  const selection = bulkSelection((n) => {
    mount(count, t('bulk.chosen', { n }));
    preview.disabled = n === 0;
  });
  const nameOf = (id) => {
    const d = o.options.find((x) => x.id === id);
    return d ? `${d.number} ${d.title}` : id;
  };
  return h(
    'form',
    {
      class: 'bulk-bar',
      novalidate: true,
      'aria-label': t('bulk.agendaTitle'),
      onsubmit: (ev) => {
        ev.preventDefault();
        const body = { decisionIds: [...selection.chosen] };
        bulkDialog({
          title: t('bulk.agendaTitle'),
          nameOf,
          effectText: () => t('bulk.agendaEffect'),
          run: (execute, key) => api.bulkAgenda(o.meetingId, body, execute, key),
          done: o.done,
        });
      },
    },
    h('p', { class: 'bulk-lead' }, t('bulk.agendaLead'), ' ', count),
    h(
      'ul',
      { class: 'bulk-options' },
      h('li', {}, h('label', {}, selection.all, ' ', t('bulk.all'))),
      o.options.map((d) =>
        h(
          'li',
          {},
          h(
            'label',
            {},
            selection.box(d.id, d.number),
            ` ${d.number} ${d.title}（${o.readyIds.has(d.id) ? t('meeting.addReady') : t('meeting.addNotReady')}）`,
          ),
        ),
      ),
    ),
    h('div', { class: 'form-actions' }, preview),
  );
}
