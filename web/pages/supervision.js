// @ts-check
// The supervising office's page (R34–R37, R40): overdue board, extensions, letter register, assessment ledger.

import { api, newIdempotencyKey } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { formatDateTime, label, pick, t } from '../i18n.js';
import { decisionHash, supervisionHash } from '../links.js';
import { departments, deptName, formSchema, hasRole, navigate, setFlash, stale, state, takeFlash } from '../shell.js';
import {
  disclosureForm,
  downloadButton,
  dueView,
  errorBox,
  flash,
  focusHeading,
  loading,
  subjectLink,
  table,
  td,
} from '../ui.js';
import { dueSoonPanel } from '../due-soon.js';
import { warningBadge } from '../warning.js';
import { listView } from '../list-view.js';
import { reminderBulkBar } from '../bulk-reminders.js';

const DUE_SOON_PAGE = 20;

/** The board's filters as older links carried them, page-wide, and their names in the board's own view (o.*). */
const OLD_BOARD_PARAMS = { departmentId: 'o.departmentId', minDays: 'o.minWorkingDaysOverdue', stage: 'o.stage' };

/**
 * The page's parameters: the letters' year, the due-soon board's page; the overdue board's and the register's views
 * are theirs (o.*, l.*). An older link's page-wide department, days and stage become the board's.
 * @param {URLSearchParams} query
 */
export function parseSupervision(query) {
  const q = new URLSearchParams(query);
  for (const [old, own] of Object.entries(OLD_BOARD_PARAMS)) {
    const v = q.get(old);
    q.delete(old);
    if (v && !q.has(own)) q.set(own, v);
  }
  const year = Number.parseInt(q.get('year') ?? '', 10);
  return {
    query: q,
    year: year >= 2000 && year <= 2100 ? year : 0,
    soonPage: Math.max(1, Number.parseInt(q.get('soonPage') ?? '1', 10) || 1),
  };
}

/** The page's hash with some parameters changed (an empty value removes one). */
const hashWith = (/** @type {URLSearchParams} */ query, /** @type {Record<string, unknown>} */ patch) => {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(patch)) v ? q.set(k, String(v)) : q.delete(k);
  return supervisionHash(q);
};

/** @param {{ query: URLSearchParams, year: number, soonPage: number }} filter */
export async function renderSupervision(main, filter, seq, focus) {
  const query = filter.query;
  const boardDepartment = query.get('o.departmentId') ?? '';
  document.title = `${t('sup.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  mount(main, loading());
  const year = filter.year || new Date().getFullYear();
  let ledger;
  let dueSoon;
  /** @type {any} */
  let extensionSchema;
  /** The office's bulk 提示 form (issue 16 §5 b). */
  /** @type {any} */
  let remindSchema = null;
  try {
    await departments();
    [ledger, extensionSchema, remindSchema, dueSoon] = await Promise.all([
      api.ledger({ year }),
      formSchema('extension'),
      hasRole('supervisor') ? formSchema('bulkReminders') : null,
      // The due-soon board follows the department chosen on the overdue board.
      api.dueSoon({
        departmentId: boardDepartment,
        page: filter.soonPage,
        pageSize: DUE_SOON_PAGE,
      }),
    ]);
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        errorBox(err, () => renderSupervision(main, filter, seq, focus)),
      );
    return;
  }
  if (stale(seq)) return;
  const note = takeFlash();
  // A change of the board's department starts the due-soon board (which follows it) on its first page again.
  const boardHash = (/** @type {URLSearchParams} */ q) =>
    hashWith(q, q.get('o.departmentId') === query.get('o.departmentId') ? {} : { soonPage: '' });
  const canExtend = hasRole('supervisor');
  const overdueMeta = h('p', { class: 'panel-meta' });
  const overdueBody = h('div', { class: 'panel-body' });
  const overduePanel = panel(
    { id: 'sup-overdue-title', title: t('sup.overdue'), meta: overdueMeta, class: 'board-panel' },
    overdueBody,
  );
  const overdueRows = (/** @type {any} */ overdue) => {
    // Issue 16 §5 (b): the office chooses overdue tasks on the board and sends each a 提示函, preview first.
    const bulk =
      remindSchema && overdue.items.length
        ? reminderBulkBar({
            schema: remindSchema,
            nameOf: (id) => {
              const x = overdue.items.find((i) => i.taskId === id);
              return x ? `${x.decisionNo ?? x.subject?.number ?? ''} ${pick(x.label)}` : id;
            },
            done: () => {
              setFlash(t('bulk.remindFlash'));
              renderSupervision(main, filter, seq, false);
            },
          })
        : null;
    return [
      bulk?.el ?? null,
      table(
        t('sup.overdue'),
        [
          ...(bulk ? [bulk.selection.all] : []),
          t('col.number'),
          t('col.title'),
          t('open.task'),
          t('sup.department'),
          t('open.due'),
          t('board.late'),
          t('sup.lettersCol'),
          '',
        ],
        overdue.items.map((x) =>
          h(
            'tr',
            { class: 'is-overdue' },
            bulk
              ? td(t('bulk.select'), bulk.selection.box(x.taskId, x.decisionNo ?? x.subject?.number ?? x.taskId))
              : null,
            td(t('col.number'), h('span', { class: 'num' }, x.decisionNo ?? x.subject?.number ?? '')),
            td(
              t('col.title'),
              x.decisionId ? h('a', { href: decisionHash(x.decisionId) }, x.decisionTitle) : subjectLink(x).slice(2),
            ),
            td(t('open.task'), pick(x.label), h('span', { class: 'open-role' }, ` · ${label('stage', x.stage)}`)),
            td(t('sup.department'), deptName(x.departmentId)),
            td(
              t('open.due'),
              dueView({ dueAt: x.dueAt, rule: x.dueRule }, { overdue: true, basis: false, labelled: false }),
            ),
            td(
              t('board.late'),
              x.warning
                ? warningBadge(x.warning)
                : h('strong', { class: 'late' }, t('sup.days', { n: x.workingDaysOverdue })),
            ),
            td(
              t('sup.lettersCol'),
              `${label('documentKind', 'reminder_letter')} ${x.letters.reminder_letter} · ${label('documentKind', 'supervision_letter')} ${x.letters.supervision_letter}`,
            ),
            td(
              '',
              canExtend
                ? disclosureForm({
                    open: t('sup.extend'),
                    submit: t('sup.extendSubmit'),
                    schema: extensionSchema,
                    hints: { reason: { help: t('form.ruleHelp', { rule: 'R34' }) } },
                    send: (v) => api.extend(x.taskId, v, newIdempotencyKey()),
                    done: (res) => {
                      setFlash(t('sup.extended', { due: formatDateTime(res?.dueAt ?? res?.newDueAt ?? '') }));
                      renderSupervision(main, filter, seq, false);
                    },
                  })
                : null,
            ),
          ),
        ),
        'overdue-table',
      ),
    ];
  };
  const showOverdue = () =>
    listView(overdueBody, {
      list: 'overdue',
      prefix: 'o.',
      query,
      hash: boardHash,
      load: (params) => api.overdue(params),
      // The department and the working days overdue join the board's own bar, in its view (o.* in the URL).
      extras: [
        {
          name: 'departmentId',
          label: t('sup.department'),
          options: (state.departments ?? []).map((d) => ({ value: d.id, label: deptName(d.id) })),
        },
        {
          name: 'minWorkingDaysOverdue',
          label: t('sup.minDays'),
          number: { min: 0, max: 365, invalid: t('sup.minDaysInvalid') },
        },
      ],
      chips: ['stage', 'subject'],
      empty: t('sup.overdueNone'),
      stale: () => stale(seq),
      onLoad: (overdue) =>
        mount(
          overdueMeta,
          h(
            'span',
            { class: ['count', 'count--overdue', overdue.total > 0 && 'is-nonzero'] },
            t('tasks.overdue', { n: overdue.total }),
          ),
        ),
      rows: (overdue) => overdueRows(overdue),
    });

  const yearSelect = h(
    'select',
    { id: 'sup-year' },
    [year + 1, year, year - 1, year - 2].map((y) => h('option', { value: String(y), selected: y === year }, String(y))),
  );
  yearSelect.addEventListener('change', () =>
    navigate(hashWith(query, { year: Number(yearSelect.value), 'l.page': '' })),
  );
  const pairText = (s) => (t(`sup.pair.${s}`) === `sup.pair.${s}` ? String(s ?? '') : t(`sup.pair.${s}`));
  const lettersBody = h('div', { class: 'panel-body' });
  const lettersPanel = panel(
    {
      id: 'sup-letters-title',
      title: t('sup.letters'),
      meta: h('div', { class: 'year-pick' }, h('label', { for: yearSelect.id }, t('sup.year')), yearSelect),
    },
    lettersBody,
  );
  const letterRows = (/** @type {any} */ letters) => [
    h(
      'ul',
      { class: 'cards' },
      h(
        'li',
        { class: 'card' },
        h('span', { class: 'card-value' }, String(letters.totals.reminder_letter)),
        h('span', { class: 'card-label' }, label('documentKind', 'reminder_letter')),
      ),
      h(
        'li',
        { class: ['card', letters.totals.supervision_letter > 0 && 'card--overdue'] },
        h('span', { class: 'card-value' }, String(letters.totals.supervision_letter)),
        h('span', { class: 'card-label' }, label('documentKind', 'supervision_letter')),
      ),
    ),
    letters.breakdown.length
      ? h(
          'p',
          { class: 'panel-meta' },
          letters.breakdown
            .map((c) => `${c.year} · ${deptName(c.departmentId)} · ${label('documentKind', c.kind)} ${c.count}`)
            .join('；'),
        )
      : null,
    table(
      t('sup.letters'),
      [t('sup.letterNo'), t('legal.status'), t('col.title'), t('sup.department'), t('sup.issued'), t('sup.pair'), ''],
      letters.items.map((l) =>
        h(
          'tr',
          {},
          td(t('sup.letterNo'), l.number),
          td(t('legal.status'), pick(l.label) || label('documentKind', l.kind)),
          td(t('col.title'), subjectLink(l)),
          td(t('sup.department'), deptName(l.departmentId)),
          td(t('sup.issued'), formatDateTime(l.issuedAt)),
          td(t('sup.pair'), pairText(l.doubleNotification?.state)),
          td(
            '',
            downloadButton(
              t('docs.download'),
              `/api/supervision/letters/${encodeURIComponent(l.id)}/document`,
              `${l.number}.docx`,
            ),
          ),
        ),
      ),
    ),
  ];
  const showLetters = () =>
    listView(lettersBody, {
      list: 'letters',
      prefix: 'l.',
      query,
      hash: (q) => hashWith(q, {}),
      load: (params) => api.letters(params),
      fixed: { year: String(year) },
      chips: ['kind'],
      empty: t('sup.letterNone'),
      stale: () => stale(seq),
      rows: (letters) => letterRows(letters),
    });

  const ledgerPanel = panel(
    {
      id: 'sup-ledger-title',
      title: [t('sup.ledger'), ` · ${year}`],
      meta: downloadButton(t('sup.csv'), `/api/supervision/ledger?year=${year}&format=csv`, `考核台账-${year}.csv`),
    },
    ledger.items.length
      ? table(
          t('sup.ledger'),
          [t('sup.department'), t('col.number'), t('open.task'), t('open.due'), t('board.late'), t('sup.received')],
          ledger.items.map((i) =>
            h(
              'tr',
              {},
              td(t('sup.department'), i.departmentName ?? deptName(i.departmentId)),
              td(t('col.number'), subjectLink(i)),
              td(t('open.task'), label('taskKind', i.taskKind)),
              td(t('open.due'), formatDateTime(i.dueAt)),
              td(t('board.late'), t('sup.days', { n: i.workingDaysOverdue })),
              td(t('sup.received'), String(i.lettersReceived ?? 0)),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('sup.ledgerNone')),
  );

  mount(
    main,
    note ? flash(note) : null,
    h(
      'section',
      { class: 'home-head' },
      h(
        'div',
        { class: 'home-head-text' },
        h('h1', { id: 'sup-title' }, t('sup.title')),
        h('p', { class: 'home-hint' }, t('sup.lead')),
      ),
    ),
    overduePanel,
    dueSoonPanel(dueSoon, (soonPage) => hashWith(query, { soonPage: soonPage > 1 ? soonPage : '' }), {
      department: boardDepartment ? deptName(boardDepartment) : '',
    }),
    lettersPanel,
    hasRole('supervisor', 'leader', 'admin') ? ledgerPanel : null,
  );
  showOverdue();
  showLetters();
  if (focus) focusHeading(main);
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/supervision',
  page: ({ main, query, seq, focus }) => renderSupervision(main, parseSupervision(query), seq, focus),
  nav: { label: 'nav.supervision', roles: ['supervisor', 'leader', 'admin'] },
};
