// @ts-check
// The supervising office's bulk 提示 (issue 16 §5 b): the overdue tasks chosen on the board, an optional note; the
// form is the server's schema (GET /api/forms/bulkReminders) without the ids, which the checkboxes give. Preview
// (R35 overdue and open, R37 one 提示函 per task), execute, the result per task with its letter's number.

import { api } from './api.js';
import { bulkDialog, bulkSelection } from './bulk.js';
import { h, mount } from './dom.js';
import { schemaForm } from './forms.js';
import { t } from './i18n.js';
import { showFormProblems } from './ui.js';

/**
 * @param {{ schema: any, nameOf: (taskId: string) => string, done: () => void }} o
 */
export function reminderBulkBar(o) {
  const count = h('span', { class: 'bulk-count', 'aria-live': 'polite' }, t('bulk.chosen', { n: 0 }));
  const preview = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'btn btn--primary btn--small', disabled: true }, t('bulk.remindPreview'))
  );
  const selection = bulkSelection((n) => {
    mount(count, t('bulk.chosen', { n }));
    preview.disabled = n === 0;
  });
  const { taskIds: _ids, ...properties } = o.schema.properties;
  const form = schemaForm({
    scope: 'bulkReminders',
    schema: { ...o.schema, required: (o.schema.required ?? []).filter((r) => r !== 'taskIds'), properties },
  });
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const el = h(
    'form',
    {
      class: ['bulk-bar', 'task-form', 'task-form--inline'],
      novalidate: true,
      'aria-label': t('bulk.remindTitle'),
      onsubmit: (ev) => {
        ev.preventDefault();
        form.clearErrors();
        mount(alertEl);
        const { value, errors } = form.value();
        if (errors.length) return showFormProblems(form, alertEl, errors);
        const body = { ...value, taskIds: [...selection.chosen] };
        bulkDialog({
          title: t('bulk.remindTitle'),
          nameOf: o.nameOf,
          effectText: (i) =>
            i.effect?.letterNumber ? t('bulk.remindDone', { number: i.effect.letterNumber }) : t('bulk.remindEffect'),
          run: (execute, key) => api.bulkReminders(body, execute, key),
          done: o.done,
        });
      },
    },
    h('p', { class: 'bulk-lead' }, t('bulk.remindLead'), ' ', count),
    form.el,
    alertEl,
    h('div', { class: 'form-actions' }, preview),
  );
  return { el, selection };
}
