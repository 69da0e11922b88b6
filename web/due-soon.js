// @ts-check
// The due-soon board 临期预警 (issue 16 §2): open tasks within N working days of their due (GET
// /api/supervision/due-soon), earliest due first, a page at a time. The office's, beside the overdue board on the
// supervision page (every department, or the one chosen on the board); a department's own on its home page.

import { h, panel } from './dom.js';
import { t } from './i18n.js';
import { deptName } from './shell.js';
import { boardTable } from './task-table.js';

/**
 * @param {any} res the board's page as the API answers it
 * @param {(page: number) => string} hrefOf the page's URL for another page of the board
 * @param {{ id?: string, title?: string, lead?: string, department?: string }} [o] the panel's heading and lead
 *   (the office's by default); with `department` the board is that one department's, named in the office's lead
 *   (or the page's own) instead of a column
 */
export function dueSoonPanel(res, hrefOf, o = {}) {
  const title = o.title ?? t('sup.dueSoon');
  const one = Boolean(o.department);
  const pages = Math.max(1, Math.ceil(res.total / res.pageSize));
  const link = (/** @type {number} */ page, /** @type {string} */ text, /** @type {string} */ rel) =>
    page >= 1 && page <= pages && page !== res.page
      ? h('a', { class: 'btn btn--small', href: hrefOf(page), rel }, text)
      : h('span', { class: 'btn btn--small is-disabled', 'aria-disabled': 'true' }, text);
  const counts = one
    ? ''
    : Object.entries(res.byDepartment ?? {})
        .sort((a, b) => Number(b[1]) - Number(a[1]))
        .map(([id, n]) => `${deptName(id)} ${n}`)
        .join('；');
  return panel(
    {
      id: o.id ?? 'sup-due-soon-title',
      title,
      meta: h(
        'p',
        { class: 'panel-meta' },
        h(
          'span',
          { class: ['count', 'count--soon', res.total > 0 && 'is-nonzero'] },
          t('sup.dueSoonCount', { n: res.total }),
        ),
      ),
      class: 'board-panel due-soon-panel',
    },
    h(
      'p',
      { class: 'panel-lead' },
      o.lead ?? [
        t('sup.dueSoonLead', { n: res.yellowWorkingDays }),
        one ? ` ${t('sup.dueSoonOf', { department: o.department })}` : '',
      ],
    ),
    counts ? h('p', { class: 'panel-meta due-soon-counts' }, `${t('sup.byDepartment')}${t('colon')}${counts}`) : null,
    res.items.length
      ? boardTable(res.items, { caption: title, cls: 'due-soon-table', rowClass: 'is-due-soon', department: !one })
      : h('p', { class: 'empty' }, t('sup.dueSoonNone')),
    pages > 1
      ? h(
          'nav',
          { class: 'pager', 'aria-label': t('paging.label') },
          link(res.page - 1, t('paging.prev'), 'prev'),
          h('span', { class: 'pager-info' }, t('paging.info', { page: res.page, pages })),
          link(res.page + 1, t('paging.next'), 'next'),
        )
      : null,
  );
}
