// @ts-check
// R1: decisions outside the annual catalog. A drafter asks with the title and the reason; a government leader approves
// or refuses (with the reason); an approved request not yet used is offered on the launch page. The requests are a
// list like the others (web/list-view.js, parameters prefixed `o.` on the catalog page).

import { api } from '../api.js';
import { h, panel } from '../dom.js';
import { formatDateTime, t } from '../i18n.js';
import { decisionHash } from '../links.js';
import { listView } from '../list-view.js';
import { deptName, formSchema, hasRole, navigate, stale, state } from '../shell.js';
import { disclosureForm, table, td } from '../ui.js';

/** Whether the person reads outside-catalog requests at all (the API's own rule). */
export const readsOutsideRequests = () => hasRole('drafter', 'dept_head', 'leader', 'supervisor');

/** @param {any} r */
function statusText(r) {
  if (r.status === 'approved' && r.decisionId) return t('outside.status.used');
  return t(`outside.status.${r.status}`);
}

/** The filters the chips do not carry: department (for those who see every department) and year asked. */
const PREFIX = 'o.';

/**
 * @param {URLSearchParams} query the page's URL parameters (the list's carry `o.`)
 * @param {(q: URLSearchParams) => string} hash
 */
function pickers(query, hash) {
  const go = (/** @type {string} */ name, /** @type {string} */ value) => {
    const q = new URLSearchParams(query);
    q.delete(`${PREFIX}page`);
    if (value) q.set(`${PREFIX}${name}`, value);
    else q.delete(`${PREFIX}${name}`);
    navigate(hash(q));
  };
  const thisYear = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
  );
  const year = query.get(`${PREFIX}year`) ?? '';
  const dept = query.get(`${PREFIX}departmentId`) ?? '';
  const select = (/** @type {string} */ name, /** @type {string} */ text, /** @type {any[]} */ options) =>
    h(
      'div',
      { class: 'filter' },
      h('label', { for: `outside-${name}` }, text),
      h(
        'select',
        {
          id: `outside-${name}`,
          onchange: (/** @type {Event} */ ev) => go(name, /** @type {any} */ (ev.target).value),
        },
        options,
      ),
    );
  return h(
    'div',
    { class: 'list-bar outside-pickers' },
    hasRole('leader', 'supervisor')
      ? select('departmentId', t('outside.col.department'), [
          h('option', { value: '' }, t('filter.all')),
          (state.departments ?? [])
            .filter((/** @type {any} */ d) => d.kind === 'drafting')
            .map((/** @type {any} */ d) => h('option', { value: d.id, selected: d.id === dept }, deptName(d.id))),
        ])
      : null,
    select('year', t('outside.year'), [
      h('option', { value: '' }, t('filter.all')),
      [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) =>
        h('option', { value: String(y), selected: String(y) === year }, t('catalog.yearLabel', { year: y })),
      ),
    ]),
  );
}

/**
 * The panel: the request form (drafters), then the requests as a list (GET /api/outside-catalog-requests: status
 * chips with counts, department and year, search, sort, pages) with the decision form on pending ones (leaders).
 * `done(message)` re-renders the page after an action.
 * @param {URLSearchParams} query
 * @param {number} seq
 * @param {(message: string) => void} done
 */
export async function outsidePanel(query, seq, done) {
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
  const row = (/** @type {any} */ r) =>
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
    );
  const hash = (/** @type {URLSearchParams} */ q) => `#/catalogs${q.size ? `?${q}` : ''}`;
  const body = h('div', { class: 'panel-body' });
  listView(body, {
    list: 'outsideCatalog',
    prefix: PREFIX,
    query,
    hash,
    load: (params) => api.outsideCatalogRequests(params),
    chips: ['status'],
    empty: t('outside.none'),
    stale: () => stale(seq),
    rows: (res) =>
      table(
        t('outside.title'),
        [t('outside.col.title'), t('outside.col.department'), t('outside.col.asked'), t('outside.col.status'), ''],
        res.items.map(row),
        'outside-table',
      ),
  });
  return panel(
    { id: 'outside-title', title: t('outside.title'), class: 'outside-panel' },
    h('p', { class: 'panel-lead' }, t('outside.lead')),
    ask,
    pickers(query, hash),
    body,
  );
}
