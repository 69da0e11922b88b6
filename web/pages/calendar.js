// @ts-check
// The admin's working-day calendar page (R32): preview, load and withdraw a year's State Council holiday notice.

import { api } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { formatDateTime, label, t } from '../i18n.js';
import { hasRole, stale } from '../shell.js';
import { errorBox, focusHeading, loading } from '../ui.js';

const dates = (text) =>
  text
    .split(/[\s,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function movesTable(preview) {
  if (!preview.moves.length) return h('p', { class: 'muted' }, t('cal.noMoves'));
  return h(
    'table',
    { class: 'table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [t('cal.task'), t('cal.subject'), t('cal.oldDue'), t('cal.newDue')].map((c) => h('th', {}, c)),
      ),
    ),
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
  if (!hasRole('admin')) {
    mount(main, h('h1', {}, t('cal.title')), h('p', { class: 'notice' }, t('cal.forbidden')));
    return;
  }
  mount(main, h('h1', {}, t('cal.title')), loading());
  let years;
  try {
    years = await api.calendarYears();
  } catch (err) {
    if (stale(seq)) return;
    mount(
      main,
      h('h1', {}, t('cal.title')),
      errorBox(err, () => renderCalendarAdmin(main, seq, false)),
    );
    return;
  }
  if (stale(seq)) return;
  // Only the years that can be published can be withdrawn or loaded (R32; the server checks in Beijing time).
  const thisYear = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
  );
  const flash = h('div', { role: 'status', class: 'flash' });
  const result = h('div', { class: 'cal-preview' });
  const show = (...nodes) => mount(result, ...nodes);
  const again = (msg) =>
    renderCalendarAdmin(main, seq, false).then(() => {
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
      show(errorBox(err));
    }
  };

  const list = years.length
    ? h(
        'table',
        { class: 'table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [t('cal.year'), t('cal.source'), t('cal.loadedAt'), t('cal.reason'), ''].map((c) => h('th', {}, c)),
          ),
        ),
        h(
          'tbody',
          {},
          years.map((y) =>
            h(
              'tr',
              {},
              h('td', {}, String(y.year)),
              h('td', {}, y.source),
              h('td', {}, formatDateTime(y.loadedAt)),
              h('td', {}, y.reason ?? ''),
              h(
                'td',
                {},
                y.year >= thisYear - 1 && y.year <= thisYear + 2
                  ? h(
                      'button',
                      { type: 'button', class: 'btn btn--small', onclick: () => withdraw(y.year) },
                      t('cal.withdraw'),
                    )
                  : null,
              ),
            ),
          ),
        ),
      )
    : h('p', { class: 'muted' }, t('cal.none'));

  const year = h('input', {
    name: 'year',
    type: 'number',
    required: true,
    min: '2000',
    max: '2100',
    value: String(thisYear + 1),
  });
  const source = h('input', { name: 'source', required: true, maxlength: '300' });
  const holidays = h('textarea', { name: 'holidays', rows: '6' });
  const workdays = h('textarea', { name: 'workdays', rows: '2' });
  const reason = h('input', { name: 'reason', maxlength: '500' });
  const body = () => ({
    holidays: dates(holidays.value),
    workdays: dates(workdays.value),
    source: source.value.trim(),
    ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
  });
  const field = (text, input) => h('label', { class: 'field' }, h('span', { class: 'field-label' }, text), input);
  const preview = async () => {
    try {
      show(h('h2', {}, t('cal.moves')), movesTable(await api.calendarPreview(Number(year.value), body())));
    } catch (err) {
      show(errorBox(err));
    }
  };
  const load = async (e) => {
    e.preventDefault();
    try {
      const r = await api.calendarLoad(Number(year.value), body());
      await again(t('cal.done', { n: r.workflowsSignalled }));
    } catch (err) {
      show(errorBox(err));
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
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'button', class: 'btn', onclick: preview }, t('cal.preview')),
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('cal.load')),
    ),
  );
  mount(
    main,
    h('h1', {}, t('cal.title')),
    h('p', { class: 'lead' }, t('cal.lead')),
    flash,
    panel({ id: 'cal-loaded', title: t('cal.loaded') }, list),
    panel({ id: 'cal-load', title: t('cal.load') }, form, result),
  );
  if (focus) focusHeading(main);
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/admin/calendar',
  page: ({ main, seq, focus }) => renderCalendarAdmin(main, seq, focus),
  nav: { label: 'nav.calendar', roles: ['admin'] },
};
