// @ts-check
// The director's bulk reassignment (issue 16 §5 a): the reviews chosen in the queue, one target reviewer or the
// pool's pick (auto), a reason; the form is the server's schema (GET /api/forms/bulkReassign) without the ids,
// which the checkboxes give.

import { api } from './api.js';
import { bulkBar } from './bulk.js';
import { t } from './i18n.js';

/**
 * @param {{ schema: any, reviews: any[], targets: string[], nameOf: (id: string) => string, done: () => void }} o
 */
export function reviewBulkBar(o) {
  const targets = ['auto', ...o.targets];
  // The reviewers' names in the locale already (the schema form reads a choice's label as { zh, en }).
  const named = (/** @type {string} */ text) => ({ zh: text, en: text });
  const reviewer = {
    ...o.schema.properties.reviewerUserId,
    enum: targets,
    choiceLabels: Object.fromEntries(targets.map((id) => [id, named(id === 'auto' ? t('bulk.auto') : o.nameOf(id))])),
  };
  return bulkBar({
    title: t('bulk.reassignTitle'),
    lead: t('bulk.reassignLead'),
    previewLabel: t('bulk.preview'),
    scope: 'bulkReassign',
    schema: { ...o.schema, properties: { ...o.schema.properties, reviewerUserId: reviewer } },
    initial: { reviewerUserId: 'auto' },
    idsField: 'reviewIds',
    nameOf: (id) => {
      const r = o.reviews.find((x) => x.id === id);
      return r ? `${r.subjectNumber} ${r.title}` : id;
    },
    effectText: (i) =>
      t('bulk.reassignEffect', { from: i.effect?.fromName ?? '—', to: i.effect?.toName ?? o.nameOf(i.effect?.to) }),
    run: (body, execute, key) => api.bulkReassign(body, execute, key),
    done: o.done,
  });
}
