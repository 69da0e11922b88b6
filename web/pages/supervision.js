// @ts-check
// The supervising office's page (R34–R37, R40): overdue board, extensions, letter register, assessment ledger.

import { api, newIdempotencyKey } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { formatDateTime, getLocale, label, pick, STAGES, t } from '../i18n.js';
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

export function parseSupervision(qs) {
  const p = new URLSearchParams(qs);
  const year = Number.parseInt(p.get('year') ?? '', 10);
  return {
    departmentId: p.get('departmentId') ?? '',
    stage: STAGES.includes(p.get('stage') ?? '') ? p.get('stage') : '',
    minDays: Math.max(0, Number.parseInt(p.get('minDays') ?? '0', 10) || 0),
    year: year >= 2000 && year <= 2100 ? year : 0,
    soonPage: Math.max(1, Number.parseInt(p.get('soonPage') ?? '1', 10) || 1),
  };
}

export async function renderSupervision(main, filter, seq, focus, query = new URLSearchParams()) {
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
      api.dueSoon({
        departmentId: filter.departmentId,
        stage: filter.stage,
        page: filter.soonPage,
        pageSize: DUE_SOON_PAGE,
      }),
    ]);
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        errorBox(err, () => renderSupervision(main, filter, seq, focus, query)),
      );
    return;
  }
  if (stale(seq)) return;
  const note = takeFlash();
  const go = (next) => navigate(supervisionHash({ ...filter, ...next }));
  // The board's and the register's own views (o.* and l.* in the URL) ride along with the page's filter.
  const pageHash = (/** @type {URLSearchParams} */ q) => {
    const base = supervisionHash(filter);
    const own = [...q].filter(([k]) => k.startsWith('o.') || k.startsWith('l.'));
    if (!own.length) return base;
    const all = new URLSearchParams(base.split('?')[1] ?? '');
    for (const [k, v] of own) all.append(k, v);
    return `#/supervision?${all}`;
  };

  const dept = h(
    'select',
    { id: 'sup-dept' },
    h('option', { value: '' }, t('sup.all')),
    (state.departments ?? []).map((d) =>
      h('option', { value: d.id, selected: filter.departmentId === d.id }, getLocale() === 'en' ? d.nameEn : d.nameZh),
    ),
  );
  const minDaysError = h('span', { id: 'sup-min-error', class: 'field-error', hidden: true }, t('sup.minDaysInvalid'));
  const minDays = h('input', {
    id: 'sup-min',
    type: 'number',
    min: '0',
    max: '365',
    step: '1',
    inputmode: 'numeric',
    'aria-describedby': 'sup-min-error',
    value: filter.minDays ? String(filter.minDays) : '',
  });
  const filters = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      novalidate: true,
      onsubmit: (ev) => {
        ev.preventDefault();
        // Whole working days from 0 to 365; anything else is refused beside the field, not silently read as 0.
        const raw = minDays.value.trim();
        const n = Number(raw);
        if (raw && (!Number.isInteger(n) || n < 0 || n > 365)) {
          minDays.setAttribute('aria-invalid', 'true');
          minDaysError.hidden = false;
          minDays.focus();
          return;
        }
        minDays.removeAttribute('aria-invalid');
        minDaysError.hidden = true;
        go({ departmentId: dept.value, minDays: n || 0 });
      },
    },
    h('div', { class: 'filter' }, h('label', { for: dept.id }, t('sup.department')), dept),
    h('div', { class: 'filter' }, h('label', { for: minDays.id }, t('sup.minDays')), minDays, minDaysError),
    h(
      'div',
      { class: 'filter filter--actions' },
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('filter.apply')),
    ),
  );
  const canExtend = hasRole('supervisor');
  const overdueMeta = h('p', { class: 'panel-meta' });
  const overdueBody = h('div', { class: 'panel-body' });
  const overduePanel = panel(
    { id: 'sup-overdue-title', title: t('sup.overdue'), meta: overdueMeta, class: 'board-panel' },
    filters,
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
              renderSupervision(main, filter, seq, false, query);
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
                      renderSupervision(main, filter, seq, false, query);
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
      hash: pageHash,
      load: (params) => api.overdue(params),
      fixed: {
        ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
        ...(filter.minDays ? { minWorkingDaysOverdue: String(filter.minDays) } : {}),
      },
      defaults: filter.stage ? { stage: filter.stage } : {},
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
  yearSelect.addEventListener('change', () => go({ year: Number(yearSelect.value) }));
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
      hash: pageHash,
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
    dueSoonPanel(dueSoon, (soonPage) => supervisionHash({ ...filter, soonPage })),
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
  page: ({ main, query, seq, focus }) => renderSupervision(main, parseSupervision(query.toString()), seq, focus, query),
  nav: { label: 'nav.supervision', roles: ['supervisor', 'leader', 'admin'] },
};
