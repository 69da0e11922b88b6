// @ts-check
// Open tasks as the boards list them across departments — the due-soon board 临期预警 and the home page's overdue
// board: the subject's number and title (a decision, or a normative document's or contract's review), the task and
// its stage, the department answering for it, the due and its warning (issue 16 §2).

import { h } from './dom.js';
import { formatDateTime, label, pick, t } from './i18n.js';
import { deptName } from './shell.js';
import { subjectLink, table, td } from './ui.js';
import { warningBadge } from './warning.js';

/**
 * @param {any[]} items rows as GET /api/supervision/due-soon and GET /api/supervision/overdue answer them
 * @param {{ caption: string, cls: string, rowClass: string, department?: boolean }} o `department: false` leaves out
 *   the department column (a board of one department)
 */
export function boardTable(items, o) {
  const department = o.department ?? true;
  return table(
    o.caption,
    [
      t('col.number'),
      t('col.title'),
      t('open.task'),
      ...(department ? [t('sup.department')] : []),
      t('open.due'),
      t('sup.warning'),
    ],
    items.map((x) =>
      h(
        'tr',
        { class: o.rowClass, 'data-task': x.taskId },
        td(t('col.number'), h('span', { class: 'num' }, x.subject?.number ?? x.decisionNo ?? '')),
        td(t('col.title'), subjectLink(x).slice(2)),
        td(t('open.task'), pick(x.label), h('span', { class: 'open-role' }, ` · ${label('stage', x.stage)}`)),
        department ? td(t('sup.department'), deptName(x.departmentId)) : null,
        td(t('open.due'), h('time', { datetime: x.dueAt }, formatDateTime(x.dueAt))),
        td(t('sup.warning'), warningBadge(x.warning)),
      ),
    ),
    o.cls,
  );
}
