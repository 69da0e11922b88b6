// @ts-check
// The city's figures (R39) with charts (Apache ECharts, served by the app from node_modules at /vendor/echarts),
// CSV and XLSX export, and the year's assessment ledger per department (R40).

import { api } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { getLocale, label, t } from '../i18n.js';
import { departments, deptName, hasRole, navigate, stale, state } from '../shell.js';
import { downloadButton, errorBox, focusHeading, loading, table, td } from '../ui.js';

/** The ES module build; a non-literal specifier, so the type checker leaves the minified bundle alone. */
const ECHARTS_URL = '/vendor/echarts/echarts.esm.min.mjs';
/** @type {Array<{ dispose(): void, resize(): void }>} */
let charts = [];

export function parseFigures(qs) {
  const p = new URLSearchParams(qs);
  const year = Number.parseInt(p.get('year') ?? '', 10);
  const month = Number.parseInt(p.get('month') ?? '', 10);
  return {
    year: year >= 2000 && year <= 2100 ? year : 0,
    month: month >= 1 && month <= 12 ? month : 0,
    departmentId: p.get('departmentId') ?? '',
  };
}

function figuresHash(f) {
  const p = new URLSearchParams();
  if (f.year) p.set('year', String(f.year));
  if (f.month) p.set('month', String(f.month));
  if (f.departmentId) p.set('departmentId', f.departmentId);
  const qs = p.toString();
  return `#/figures${qs ? `?${qs}` : ''}`;
}

/** A table whose cells carry their column's heading (the narrow layout shows it). */
const dataTable = (caption, cols, rows) =>
  table(
    caption,
    cols,
    rows.map((cells) =>
      h(
        'tr',
        {},
        cells.map((c, i) => td(cols[i], String(c))),
      ),
    ),
  );
const pct = (r) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`);
const chartBox = (id, caption) => h('div', { id, class: 'chart', role: 'img', 'aria-label': caption });

function tiles(f) {
  const item = (key, n) =>
    h(
      'div',
      { class: 'figure-tile' },
      h('span', { class: 'figure-n' }, String(n)),
      h('span', { class: 'figure-label' }, t(key)),
    );
  const reviewsIssued = f.reviews.reduce((n, r) => n + r.issued, 0);
  return h(
    'div',
    { class: 'figure-tiles' },
    item('fig.launched', f.decisions.launched),
    item('fig.inCatalog', f.decisions.inCatalog),
    item('fig.reviewsIssued', reviewsIssued),
    item('fig.reminders', f.letters.reminder_letter),
    item('fig.supervisionLetters', f.letters.supervision_letter),
    item('fig.overdue', f.overdue),
    item('fig.comments', f.participation.comments),
    item('fig.experts', f.experts.experts),
  );
}

/** Draws the charts into their boxes (already in the page, so they have a size), unless another render began meanwhile. */
async function drawCharts(main, f, seq) {
  const echarts = await import(ECHARTS_URL);
  if (stale(seq)) return;
  for (const c of charts) c.dispose();
  charts = [];
  const draw = (id, option) => {
    const el = main.querySelector(`#${id}`);
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'system-ui, sans-serif' },
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 40, bottom: 56 },
      ...option,
    });
    charts.push(chart);
  };
  const months = f.byMonth.map((m) => t('fig.monthN', { n: m.month }));
  draw('chart-months', {
    legend: { top: 0 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('fig.launched'), type: 'bar', data: f.byMonth.map((m) => m.decisionsLaunched) },
      { name: t('fig.reviewsIssued'), type: 'bar', data: f.byMonth.map((m) => m.reviewsIssued) },
      { name: t('fig.letters'), type: 'line', data: f.byMonth.map((m) => m.letters) },
      { name: t('fig.overdue'), type: 'line', data: f.byMonth.map((m) => m.overdue) },
    ],
  });
  draw('chart-steps', {
    xAxis: {
      type: 'category',
      data: f.steps.map((s) => label('taskKind', s.kind)),
      axisLabel: { interval: 0, rotate: 20 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('fig.onTimeRate'),
        type: 'bar',
        data: f.steps.map((s) => (s.onTimeRate === null ? null : Math.round(s.onTimeRate * 1000) / 10)),
      },
    ],
  });
  const outcomes = [...new Set(f.reviews.flatMap((r) => Object.keys(r.outcomes)))];
  draw('chart-reviews', {
    legend: { top: 0 },
    xAxis: { type: 'category', data: f.reviews.map((r) => label('reviewKind', r.kind)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: outcomes.map((o) => ({
      name: label('reviewOutcome', o),
      type: 'bar',
      stack: 'outcome',
      data: f.reviews.map((r) => r.outcomes[o] ?? 0),
    })),
  });
  draw('chart-departments', {
    legend: { top: 0 },
    xAxis: {
      type: 'category',
      data: f.byDepartment.map((d) => deptName(d.departmentId)),
      axisLabel: { interval: 0, rotate: 20 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('fig.launched'), type: 'bar', data: f.byDepartment.map((d) => d.decisionsLaunched) },
      { name: t('fig.letters'), type: 'bar', data: f.byDepartment.map((d) => d.letters) },
      { name: t('fig.overdue'), type: 'bar', data: f.byDepartment.map((d) => d.overdue) },
    ],
  });
}

export async function renderFigures(main, filter, seq, focus) {
  document.title = `${t('fig.title')} · ${t('app.name')}`;
  if (!hasRole('supervisor', 'leader', 'director', 'admin')) {
    mount(main, h('h1', {}, t('fig.title')), h('p', { class: 'notice' }, t('fig.forbidden')));
    return;
  }
  mount(main, loading());
  const year =
    filter.year ||
    Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const scope = { year, month: filter.month || undefined, departmentId: filter.departmentId || undefined };
  const readsLedger = hasRole('supervisor', 'leader', 'admin');
  let f;
  let ledger;
  try {
    await departments();
    [f, ledger] = await Promise.all([
      api.figures(scope),
      readsLedger ? api.ledger({ year, departmentId: scope.departmentId }) : null,
    ]);
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        errorBox(err, () => renderFigures(main, filter, seq, focus)),
      );
    return;
  }
  if (stale(seq)) return;
  const go = (next) => navigate(figuresHash({ ...filter, year, ...next }));

  const yearInput = h('input', {
    id: 'fig-year',
    type: 'number',
    min: 2000,
    max: 2100,
    value: String(year),
    onchange: (e) => go({ year: Number(e.target.value) || year }),
  });
  const monthSelect = h(
    'select',
    { id: 'fig-month', onchange: (e) => go({ month: Number(e.target.value) }) },
    h('option', { value: '0' }, t('fig.wholeYear')),
    Array.from({ length: 12 }, (_, i) =>
      h('option', { value: String(i + 1), selected: filter.month === i + 1 }, t('fig.monthN', { n: i + 1 })),
    ),
  );
  const deptSelect = h(
    'select',
    { id: 'fig-dept', onchange: (e) => go({ departmentId: e.target.value }) },
    h('option', { value: '' }, t('fig.allDepartments')),
    (state.departments ?? []).map((d) =>
      h('option', { value: d.id, selected: filter.departmentId === d.id }, getLocale() === 'en' ? d.nameEn : d.nameZh),
    ),
  );
  const qs = new URLSearchParams(
    Object.entries(scope)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  const base = `统计-${year}${filter.month ? `-${String(filter.month).padStart(2, '0')}` : ''}`;
  const exports = h(
    'div',
    { class: 'actions' },
    downloadButton(t('fig.csv'), `/api/figures/export?${qs}&format=csv`, `${base}.csv`),
    downloadButton(t('fig.xlsx'), `/api/figures/export?${qs}&format=xlsx`, `${base}.xlsx`),
  );

  const monthsCaption = t('fig.byMonth');
  mount(
    main,
    h('h1', { id: 'fig-title', tabindex: '-1' }, t('fig.title')),
    h('p', { class: 'lead' }, t('fig.lead')),
    h(
      'div',
      { class: 'filters' },
      h('label', { for: 'fig-year' }, t('fig.year')),
      yearInput,
      h('label', { for: 'fig-month' }, t('fig.month')),
      monthSelect,
      h('label', { for: 'fig-dept' }, t('fig.department')),
      deptSelect,
      exports,
    ),
    tiles(f),
    panel({ id: 'fig-months', title: monthsCaption }, chartBox('chart-months', monthsCaption)),
    panel(
      { id: 'fig-steps', title: t('fig.steps') },
      chartBox('chart-steps', t('fig.steps')),
      dataTable(
        t('fig.steps'),
        [t('fig.step'), t('fig.due'), t('fig.onTime'), t('fig.late'), t('fig.onTimeRate')],
        f.steps.map((s) => [label('taskKind', s.kind), s.due, s.onTime, s.late, pct(s.onTimeRate)]),
      ),
    ),
    panel(
      { id: 'fig-reviews', title: t('fig.reviews') },
      chartBox('chart-reviews', t('fig.reviews')),
      dataTable(
        t('fig.reviews'),
        [t('fig.reviewKind'), t('fig.submitted'), t('fig.issued'), t('fig.outcomes'), t('fig.medianDays')],
        f.reviews.map((r) => [
          label('reviewKind', r.kind),
          r.submitted,
          r.issued,
          Object.entries(r.outcomes)
            .map(([o, n]) => `${label('reviewOutcome', o)} ${n}`)
            .join('；') || '—',
          r.medianWorkingDays === null ? '—' : t('fig.workingDays', { n: r.medianWorkingDays }),
        ]),
      ),
    ),
    panel(
      { id: 'fig-departments', title: t('fig.byDepartment') },
      chartBox('chart-departments', t('fig.byDepartment')),
      dataTable(
        t('fig.byDepartment'),
        [
          t('fig.department'),
          t('fig.launched'),
          t('fig.reviewsIssued'),
          t('fig.letters'),
          t('fig.overdue'),
          t('fig.onTimeRate'),
        ],
        f.byDepartment.map((d) => [
          deptName(d.departmentId),
          d.decisionsLaunched,
          d.reviewsIssued,
          d.letters,
          d.overdue,
          pct(d.onTimeRate),
        ]),
      ),
    ),
    f.meetings
      ? panel(
          { id: 'fig-meetings', title: t('fig.meetings') },
          h(
            'p',
            {},
            t('fig.meetingsLine', {
              held: f.meetings.meetingsHeld.total,
              items: f.meetings.itemsDecided.total,
              attended: f.meetings.legalAdviserAttendance.attended,
            }),
          ),
        )
      : null,
    ledger
      ? panel(
          { id: 'fig-ledger', title: [t('sup.ledger'), ` · ${year}`] },
          dataTable(
            t('sup.ledger'),
            [t('fig.department'), t('fig.ledgerEntries'), t('fig.ledgerLetters'), t('fig.ledgerUnlawful')],
            Object.entries(ledger.byDepartment).map(([id, b]) => [
              deptName(id),
              b.entries,
              b.lettersReceived,
              b.returnedAsUnlawful,
            ]),
          ),
        )
      : null,
  );
  if (focus) focusHeading(main);
  try {
    await drawCharts(main, f, seq);
  } catch (err) {
    if (!stale(seq)) main.append(errorBox(err));
  }
}

export const route = {
  path: '/figures',
  page: ({ main, query, seq, focus }) => renderFigures(main, parseFigures(query.toString()), seq, focus),
  nav: { label: 'nav.figures', roles: ['supervisor', 'leader', 'director', 'admin'] },
};
