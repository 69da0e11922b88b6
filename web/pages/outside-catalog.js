// @ts-check
// R1: decisions outside the annual catalog. A drafter asks with the title and the reason; a government leader approves
// or refuses (with the reason); an approved request not yet used is offered on the launch page.

import { api } from '../api.js';
import { h, panel } from '../dom.js';
import { formatDateTime, t } from '../i18n.js';
import { decisionHash } from '../links.js';
import { deptName, formSchema, hasRole } from '../shell.js';
import { disclosureForm, table, td } from '../ui.js';

/** Whether the person reads outside-catalog requests at all (the API's own rule). */
export const readsOutsideRequests = () => hasRole('drafter', 'dept_head', 'leader', 'supervisor');

/** @param {any} r */
function statusText(r) {
  if (r.status === 'approved' && r.decisionId) return t('outside.status.used');
  return t(`outside.status.${r.status}`);
}

/**
 * The panel: the request form (drafters), pending requests with the decision form (leaders), every request with
 * its state. `done(message)` re-renders the page after an action.
 * @param {{ items: any[] }} requests
 * @param {(message: string) => void} done
 */
export async function outsidePanel(requests, done) {
  const [requestSchema, decisionSchema] = await Promise.all([
    hasRole('drafter') ? formSchema('outsideCatalogRequest') : null,
    hasRole('leader') ? formSchema('outsideCatalogDecision') : null,
  ]);
  const ask = requestSchema
    ? disclosureForm({
        open: t('outside.ask'),
        submit: t('outside.askSubmit'),
        schema: requestSchema,
        scope: 'outsideCatalogRequest',
        send: (value) => api.requestOutsideCatalog(value),
        done: () => done(t('outside.asked')),
      })
    : null;
  const rows = requests.items.map((r) =>
    h(
      'tr',
      { class: `outside-row outside-row--${r.status}`, 'data-request': r.id },
      td(t('outside.col.title'), h('strong', {}, r.title), h('p', { class: 'muted' }, r.reason)),
      td(t('outside.col.department'), deptName(r.departmentId)),
      td(t('outside.col.asked'), r.requestedBy, h('p', { class: 'muted' }, formatDateTime(r.createdAt))),
      td(
        t('outside.col.status'),
        h('span', { class: `status status--outside-${r.status}` }, statusText(r)),
        r.note ? h('p', { class: 'muted' }, `${t('outside.note')}${t('colon')}${r.note}`) : null,
        r.decidedAt ? h('p', { class: 'muted' }, `${r.decidedBy ?? ''} ${formatDateTime(r.decidedAt)}`.trim()) : null,
      ),
      td(
        t('outside.col.action'),
        r.status === 'pending' && decisionSchema
          ? disclosureForm({
              open: t('outside.decide'),
              submit: t('outside.decideSubmit'),
              schema: decisionSchema,
              scope: 'outsideCatalogDecision',
              send: (value) => api.decideOutsideCatalog(r.id, value),
              done: (res) => done(t(res.status === 'approved' ? 'outside.approved' : 'outside.refused')),
            })
          : null,
        r.status === 'approved' && !r.decisionId && hasRole('drafter')
          ? h(
              'a',
              { class: 'btn btn--small', href: `#/launch?approval=${encodeURIComponent(r.id)}` },
              t('outside.launch'),
            )
          : null,
        r.decisionId ? h('a', { href: decisionHash(r.decisionId) }, t('outside.openDecision')) : null,
      ),
    ),
  );
  return panel(
    { id: 'outside-title', title: t('outside.title'), class: 'outside-panel' },
    h('p', { class: 'panel-lead' }, t('outside.lead')),
    ask,
    rows.length
      ? table(
          t('outside.title'),
          [t('outside.col.title'), t('outside.col.department'), t('outside.col.asked'), t('outside.col.status'), ''],
          rows,
          'outside-table',
        )
      : h('p', { class: 'empty' }, t('outside.none')),
  );
}
