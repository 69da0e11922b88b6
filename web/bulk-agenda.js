// @ts-check
// A secretary places several decisions on a meeting's agenda at once (issue 16 §5 c): tick them, preview what the
// server would do (R21 readiness, R22 materials, per decision), execute, read the result per decision.

import { api } from './api.js';
import { bulkBar } from './bulk.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * @param {{ meetingId: string, options: Array<{ id: string, number: string, title: string }>, readyIds: Set<string>,
 *   done: () => void }} o
 */
export function agendaBulkForm(o) {
  if (o.options.length < 2) return null;
  return bulkBar({
    title: t('bulk.agendaTitle'),
    lead: t('bulk.agendaLead'),
    previewLabel: t('bulk.agendaPreview'),
    idsField: 'decisionIds',
    picker: (selection) =>
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
    nameOf: (id) => {
      const d = o.options.find((x) => x.id === id);
      return d ? `${d.number} ${d.title}` : id;
    },
    effectText: () => t('bulk.agendaEffect'),
    run: (body, execute, key) => api.bulkAgenda(o.meetingId, body, execute, key),
    done: o.done,
  }).el;
}
