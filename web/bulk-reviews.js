// @ts-check
// The director's bulk reassignment (issue 16 §5 a): the reviews chosen in the queue, one target reviewer or the
// pool's pick (auto), a reason; the form is the server's schema (GET /api/forms/bulkReassign) without the ids,
// which the checkboxes give.

import { api } from './api.js';
import { bulkDialog, bulkSelection } from './bulk.js';
import { h, mount } from './dom.js';
import { schemaForm } from './forms.js';
import { t } from './i18n.js';
import { showFormProblems } from './ui.js';

/**
 * @param {{ schema: any, reviews: any[], targets: string[], nameOf: (id: string) => string, done: () => void }} o
 */
export function reviewBulkBar(o) {
  const count = h('span', { class: 'bulk-count', 'aria-live': 'polite' }, t('bulk.chosen', { n: 0 }));
  const selection = bulkSelection((n) => {
    mount(count, t('bulk.chosen', { n }));
    preview.disabled = n === 0;
  });
  const { reviewIds: _ids, ...properties } = o.schema.properties;
  const form = schemaForm({
    scope: 'bulkReassign',
    schema: {
      ...o.schema,
      required: (o.schema.required ?? []).filter((r) => r !== 'reviewIds'),
      properties: {
        ...properties,
        reviewerUserId: { ...properties.reviewerUserId, enum: ['auto', ...o.targets] },
      },
    },
    initial: { reviewerUserId: 'auto' },
  });
  for (const opt of form.el.querySelectorAll('select[name="reviewerUserId"] option'))
    if (opt instanceof HTMLOptionElement && opt.value)
      opt.textContent = opt.value === 'auto' ? t('bulk.auto') : o.nameOf(opt.value);
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const numberOf = (id) => o.reviews.find((r) => r.id === id)?.subjectNumber ?? id;
  const preview = /** @type {HTMLButtonElement} */ (
    h(
      'button',
      {
        type: 'submit',
        class: 'btn btn--primary btn--small',
        disabled: true,
      },
      t('bulk.preview'),
    )
  );
  const el = h(
    'form',
    {
      class: ['bulk-bar', 'task-form', 'task-form--inline'],
      novalidate: true,
      'aria-label': t('bulk.reassignTitle'),
      onsubmit: (ev) => {
        ev.preventDefault();
        form.clearErrors();
        mount(alertEl);
        const { value, errors } = form.value();
        if (errors.length) return showFormProblems(form, alertEl, errors);
        const body = { ...value, reviewIds: [...selection.chosen] };
        bulkDialog({
          title: t('bulk.reassignTitle'),
          nameOf: (id) => {
            const r = o.reviews.find((x) => x.id === id);
            return r ? `${r.subjectNumber} ${r.title}` : id;
          },
          effectText: (i) =>
            t('bulk.reassignEffect', {
              from: i.effect?.fromName ?? '—',
              to: i.effect?.toName ?? o.nameOf(i.effect?.to),
            }),
          run: (execute, key) => api.bulkReassign(body, execute, key),
          done: o.done,
        });
      },
    },
    h('p', { class: 'bulk-lead' }, t('bulk.reassignLead'), ' ', count),
    form.el,
    alertEl,
    h('div', { class: 'form-actions' }, preview),
  );
  return { el, selection, numberOf };
}
