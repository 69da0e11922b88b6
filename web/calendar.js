// The administrator's working-day calendar page (R32): the loaded years, loading a year's State Council notice
// after a preview of the due times it moves, replacing a loaded year with a reason, and withdrawing one (the
// year is provisional again and the dues move back). Every change is audited server-side.

import { api } from './api.js';
import { h, mount, panel } from './dom.js';
import { addMessages, formatDateTime, label, t } from './i18n.js';

/** Helpers of app.js (errors, loading, focus), handed over once at start. */
let env;
export function initCalendar(helpers) {
  env = helpers;
}

addMessages(
  {
    'nav.calendar': '工作日历',
    'cal.title': '工作日历（节假日安排）',
    'cal.lead': '载入国务院办公厅公布的年度节假日安排。只能载入上一年至后两年；元旦、春节（除夕及初一至初三）、清明、五一（1—2日）、端午、中秋、国庆（1—3日）必须为休息日（《全国年节及纪念日放假办法》）。载入前先预览将调整的办理期限（R32）。',
    'cal.loaded': '已载入年份',
    'cal.none': '尚未载入任何年份。',
    'cal.year': '年份',
    'cal.source': '通知文号',
    'cal.loadedAt': '载入时间',
    'cal.reason': '替换或撤回理由',
    'cal.holidays': '休息日（每行或以逗号分隔一个日期 YYYY-MM-DD）',
    'cal.workdays': '调休上班日（周末上班）',
    'cal.replaceReason': '替换理由（该年已载入时必填）',
    'cal.preview': '预览调整',
    'cal.load': '载入',
    'cal.withdraw': '撤回',
    'cal.withdrawPrompt': '撤回 {year} 年日历的理由：',
    'cal.moves': '将调整的办理期限',
    'cal.noMoves': '没有办理期限需要调整。',
    'cal.task': '任务',
    'cal.subject': '决策或送审事项',
    'cal.oldDue': '原期限',
    'cal.newDue': '新期限',
    'cal.done': '已完成，已通知 {n} 个在办程序重新计算期限。',
    'cal.cannot': '无法计算：{error}',
    'cal.forbidden': '只有系统管理员可以管理工作日历。',
  },
  {
    'nav.calendar': 'Calendar',
    'cal.title': 'Working-day calendar (holiday notices)',
    'cal.lead': 'Load the State Council’s yearly holiday notice. Only last year to two years ahead can be loaded; the fixed statutory holidays must be days off. Preview the due times it moves first (R32).',
    'cal.loaded': 'Loaded years',
    'cal.none': 'No year loaded.',
    'cal.year': 'Year',
    'cal.source': 'Notice',
    'cal.loadedAt': 'Loaded',
    'cal.reason': 'Reason for replacing or withdrawing',
    'cal.holidays': 'Days off (one YYYY-MM-DD per line or comma-separated)',
    'cal.workdays': 'Make-up working days (weekends)',
    'cal.replaceReason': 'Reason for replacing (required when the year is loaded)',
    'cal.preview': 'Preview',
    'cal.load': 'Load',
    'cal.withdraw': 'Withdraw',
    'cal.withdrawPrompt': 'Why is {year} withdrawn?',
    'cal.moves': 'Due times that would move',
    'cal.noMoves': 'No due time moves.',
    'cal.task': 'Task',
    'cal.subject': 'Decision or submission',
    'cal.oldDue': 'Due now',
    'cal.newDue': 'New due',
    'cal.done': 'Done; {n} running procedures were told to recompute their dues.',
    'cal.cannot': 'Cannot compute: {error}',
    'cal.forbidden': 'Only an administrator can manage the calendar.',
  },
);

const dates = (text) => text.split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean);

function movesTable(preview) {
  if (!preview.moves.length) return h('p', { class: 'muted' }, t('cal.noMoves'));
  return h(
    'table',
    { class: 'table' },
    h('thead', {}, h('tr', {}, [t('cal.task'), t('cal.subject'), t('cal.oldDue'), t('cal.newDue')].map((c) => h('th', {}, c)))),
    h(
      'tbody',
      {},
      preview.moves.map((m) =>
        h(
          'tr',
          {},
          h('td', {}, label('taskKind', m.kind)),
          h('td', {}, m.decisionId ?? m.reviewId ?? ''),
          h('td', {}, m.oldDueAt ? formatDateTime(m.oldDueAt) : '—'),
          h('td', {}, m.newDueAt ? formatDateTime(m.newDueAt) : t('cal.cannot', { error: m.error ?? '' })),
        ),
      ),
    ),
  );
}

export async function renderCalendarAdmin(main, seq, focus) {
  document.title = `${t('cal.title')} · ${t('app.name')}`;
  if (!env.hasRole('admin')) {
    mount(main, h('h1', {}, t('cal.title')), h('p', { class: 'notice' }, t('cal.forbidden')));
    return;
  }
  mount(main, h('h1', {}, t('cal.title')), env.loading());
  let years;
  try {
    years = await api.calendarYears();
  } catch (err) {
    if (env.stale(seq)) return;
    mount(main, h('h1', {}, t('cal.title')), env.errorBox(err, () => renderCalendarAdmin(main, seq, false)));
    return;
  }
  if (env.stale(seq)) return;
  // Only the years that can be published can be withdrawn or loaded (R32; the server checks in Beijing time).
  const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const flash = h('div', { role: 'status', class: 'flash' });
  const result = h('div', { class: 'cal-preview' });
  const show = (...nodes) => mount(result, ...nodes);
  const again = (msg) => renderCalendarAdmin(main, seq, false).then(() => {
    const f = main.querySelector('.flash');
    if (f) f.textContent = msg;
  });

  const withdraw = async (year) => {
    const reason = window.prompt(t('cal.withdrawPrompt', { year }));
    if (!reason?.trim()) return;
    try {
      show(h('h2', {}, t('cal.moves')), movesTable(await api.calendarWithdrawPreview(year)));
      const r = await api.calendarWithdraw(year, reason.trim());
      await again(t('cal.done', { n: r.workflowsSignalled }));
    } catch (err) {
      show(env.errorBox(err));
    }
  };

  const list = years.length
    ? h(
        'table',
        { class: 'table' },
        h('thead', {}, h('tr', {}, [t('cal.year'), t('cal.source'), t('cal.loadedAt'), t('cal.reason'), ''].map((c) => h('th', {}, c)))),
        h(
          'tbody',
          {},
          years.map((y) =>
            h('tr', {}, h('td', {}, String(y.year)), h('td', {}, y.source), h('td', {}, formatDateTime(y.loadedAt)), h('td', {}, y.reason ?? ''), h('td', {}, y.year >= thisYear - 1 && y.year <= thisYear + 2 ? h('button', { type: 'button', class: 'btn btn--small', onclick: () => withdraw(y.year) }, t('cal.withdraw')) : null)),
          ),
        ),
      )
    : h('p', { class: 'muted' }, t('cal.none'));

  const year = h('input', { name: 'year', type: 'number', required: true, min: '2000', max: '2100', value: String(thisYear + 1) });
  const source = h('input', { name: 'source', required: true, maxlength: '300' });
  const holidays = h('textarea', { name: 'holidays', rows: '6' });
  const workdays = h('textarea', { name: 'workdays', rows: '2' });
  const reason = h('input', { name: 'reason', maxlength: '500' });
  const body = () => ({ holidays: dates(holidays.value), workdays: dates(workdays.value), source: source.value.trim(), ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) });
  const field = (text, input) => h('label', { class: 'field' }, h('span', { class: 'field-label' }, text), input);
  const preview = async () => {
    try {
      show(h('h2', {}, t('cal.moves')), movesTable(await api.calendarPreview(Number(year.value), body())));
    } catch (err) {
      show(env.errorBox(err));
    }
  };
  const load = async (e) => {
    e.preventDefault();
    try {
      const r = await api.calendarLoad(Number(year.value), body());
      await again(t('cal.done', { n: r.workflowsSignalled }));
    } catch (err) {
      show(env.errorBox(err));
    }
  };
  const form = h(
    'form',
    { class: 'task-form', novalidate: true, onsubmit: load },
    field(t('cal.year'), year),
    field(t('cal.source'), source),
    field(t('cal.holidays'), holidays),
    field(t('cal.workdays'), workdays),
    field(t('cal.replaceReason'), reason),
    h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn', onclick: preview }, t('cal.preview')), h('button', { type: 'submit', class: 'btn btn--primary' }, t('cal.load'))),
  );
  mount(main, h('h1', {}, t('cal.title')), h('p', { class: 'lead' }, t('cal.lead')), flash, panel({ id: 'cal-loaded', title: t('cal.loaded') }, list), panel({ id: 'cal-load', title: t('cal.load') }, form, result));
  if (focus) env.focusHeading(main);
}
