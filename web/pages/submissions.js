// @ts-check
// The department's normative documents and contracts sent for legality review.

import { api } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { label, t } from '../i18n.js';
import { reviewHash } from '../links.js';
import { reviewStatus } from '../reviews.js';
import { departments, hasRole, stale, takeFlash } from '../shell.js';
import { dueView, errorBox, focusHeading, loading } from '../ui.js';

export async function renderSubmissions(main, seq, focus) {
  document.title = `${t('sub.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  mount(main, loading());
  let list;
  try {
    await departments();
    list = await api.reviews({ scope: 'department', pageSize: 100 });
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        errorBox(err, () => renderSubmissions(main, seq, focus)),
      );
    return;
  }
  if (stale(seq)) return;
  const note = takeFlash();
  const cols = [
    t('legal.subject'),
    t('sub.kind'),
    t('sub.titleCol'),
    t('legal.status'),
    t('legal.due'),
    t('sub.outcome'),
  ];
  mount(
    main,
    note ? h('p', { class: 'flash', role: 'status' }, note) : null,
    h(
      'section',
      { class: 'home-head', 'aria-labelledby': 'sub-title' },
      h(
        'div',
        { class: 'home-head-text' },
        h('h1', { id: 'sub-title' }, t('sub.title')),
        h('p', { class: 'home-hint' }, t('sub.lead')),
      ),
      hasRole('drafter')
        ? h('a', { class: 'btn btn--primary home-launch', href: '#/submissions/new' }, `＋ ${t('sub.new')}`)
        : null,
    ),
    panel(
      {
        id: 'sub-list-title',
        title: t('sub.list'),
        meta: h(
          'p',
          { class: 'panel-meta' },
          h('span', { class: 'count' }, t('sub.count', { n: list.total })),
          h(
            'span',
            { class: ['count', 'count--overdue', list.overdue > 0 && 'is-nonzero'] },
            t('tasks.overdue', { n: list.overdue }),
          ),
        ),
      },
      list.items.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'table submissions-table' },
              h('caption', { class: 'visually-hidden' }, t('sub.list')),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  cols.map((c) => h('th', { scope: 'col' }, c)),
                ),
              ),
              h(
                'tbody',
                {},
                list.items.map((r) =>
                  h(
                    'tr',
                    { class: r.overdue ? 'is-overdue' : '' },
                    h('td', { 'data-label': cols[0] }, h('span', { class: 'num' }, r.subjectNumber)),
                    h('td', { 'data-label': cols[1] }, label('reviewKind', r.kind)),
                    h('td', { 'data-label': cols[2] }, h('a', { href: reviewHash(r.id) }, r.title)),
                    h('td', { 'data-label': cols[3] }, reviewStatus(r.status)),
                    h(
                      'td',
                      { 'data-label': cols[4] },
                      r.dueAt && !r.issuedAt
                        ? dueView({ dueAt: r.dueAt }, { overdue: r.overdue, basis: false, labelled: false })
                        : '—',
                    ),
                    h(
                      'td',
                      { 'data-label': cols[5] },
                      r.outcome ? label('reviewOutcome', r.outcome) : '—',
                      r.opinionNo ? h('span', { class: 'open-role' }, ` · ${r.opinionNo}`) : null,
                    ),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'empty' }, t('sub.none')),
    ),
  );
  if (focus) focusHeading(main);
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/submissions',
  page: ({ main, seq, focus }) => renderSubmissions(main, seq, focus),
  nav: {
    label: 'nav.submissions',
    roles: ['drafter', 'dept_head'],
    // A review's pages belong to the submitter's list for those who submit them.
    also: (hash) => hash.startsWith('#/reviews'),
  },
};
