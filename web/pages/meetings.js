// @ts-check
// The secretaries' meetings page: pending items and the list of meetings; creating a meeting.

import { api } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { choiceLabel, fieldLabel } from '../fields.js';
import { schemaForm } from '../forms.js';
import { formatDateTime, pick, t } from '../i18n.js';
import { departments, formSchema, hasRole, navigate, setFlash, stale, takeFlash } from '../shell.js';
import { decisionLink, dueView, errorBox, flash, focusHeading, loading, showFormProblems, table, td } from '../ui.js';
import { listView } from '../list-view.js';

/**
 * The create-meeting form from the API's schema (POST /api/meetings): the start entered as a date and a time in
 * Beijing time (the API takes one instant), attendees without user ids, each a member unless unticked.
 * @param {any} api the schema GET /api/forms/meeting serves
 */
export function meetingForm(api) {
  const s = structuredClone(api);
  /** @type {Record<string, unknown>} */
  const properties = {};
  for (const [k, v] of Object.entries(s.properties)) {
    if (k !== 'startsAt') properties[k] = v;
    else {
      properties.date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
      properties.time = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['09:30'] };
    }
  }
  s.properties = properties;
  s.required = s.required.flatMap((/** @type {string} */ k) => (k === 'startsAt' ? ['date', 'time'] : [k]));
  const attendee = s.properties.attendees.items;
  delete attendee.properties.userId;
  attendee.properties.member.default = true;
  attendee.required = attendee.required.filter((/** @type {string} */ k) => k !== 'member');
  return s;
}

export const meetingKind = (k) => choiceLabel('meetingKind', k);

/** 筹备中 before the meeting starts, 进行中 from its start or first outcome, 已结束 once closed (the server's phase). */
export const meetingStatus = (m) => t(`meeting.phase.${m.phase ?? (m.status === 'closed' ? 'closed' : 'preparing')}`);

/** How people name a meeting: 2026年第1次市政府常务会议 (the API's number stays out of sight). */
export const meetingName = (m) => m.title ?? m.number;

/** The meetings page's hash with its lists' views (p.* pending, m.* meetings). @param {URLSearchParams} q */
const meetingsHash = (q) => `#/meetings${q.toString() ? `?${q}` : ''}`;

export async function renderMeetings(main, seq, focus, query = new URLSearchParams()) {
  document.title = `${t('meetings.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  mount(main, loading());
  let createSchema;
  /** @type {Record<string, RosterEntry[]>} the roster of each meeting body */
  let rosters = {};
  try {
    await departments();
    [createSchema, rosters] = await Promise.all([
      hasRole('secretary') ? formSchema('meeting') : null,
      hasRole('secretary')
        ? Promise.all(
            ['executive', 'plenary'].map((k) =>
              api.meetingRoster(k).then(
                (r) => [k, r.items],
                () => [k, []],
              ),
            ),
          ).then(Object.fromEntries)
        : {},
    ]);
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        errorBox(err, () => renderMeetings(main, seq, focus, query)),
      );
    return;
  }
  if (stale(seq)) return;
  const note = takeFlash();
  const list = (items, row) =>
    items.length
      ? h('ul', { class: 'pending-list' }, items.map(row))
      : h('p', { class: 'empty' }, t('meetings.noneItems'));
  const taskRow = (x) =>
    h(
      'li',
      { class: ['pending-item', x.overdue && 'is-overdue'] },
      h('span', { class: 'pending-main' }, decisionLink(x.decisionId, x.decision?.number, x.decision?.title)),
      h('span', { class: 'pending-label' }, pick(x.label)),
      x.due ? dueView(x.due, { overdue: x.overdue, basis: false, labelled: false }) : null,
    );
  const itemRow = (x) =>
    h(
      'li',
      { class: ['pending-item', x.overdue && 'is-overdue'] },
      h('span', { class: 'pending-main' }, decisionLink(x.decisionId, x.decision?.number, x.decision?.title)),
      h(
        'a',
        { href: `#/meetings/${encodeURIComponent(x.meeting.id)}` },
        `${meetingName(x.meeting)} · ${formatDateTime(x.meeting.startsAt)}`,
      ),
    );
  const pendingBody = h('div', { class: 'panel-body' });
  const pendingPanel = panel({ id: 'pending-title', title: t('meetings.pending') }, pendingBody);
  const pendingGrid = (/** @type {any} */ pending) =>
    h(
      'div',
      { class: 'pending-grid' },
      h(
        'div',
        { class: 'pending-col' },
        h('h3', {}, t('meetings.ready'), ` (${pending.counts.section.readyForAgenda})`),
        list(pending.readyForAgenda, taskRow),
      ),
      h(
        'div',
        { class: 'pending-col' },
        h('h3', {}, t('meetings.awaitingOutcome'), ` (${pending.counts.section.awaitingOutcome})`),
        list(pending.awaitingOutcome, itemRow),
      ),
      h(
        'div',
        { class: 'pending-col' },
        h('h3', {}, t('meetings.awaitingPublication'), ` (${pending.counts.section.awaitingPublication})`),
        list(pending.awaitingPublication, taskRow),
      ),
      h(
        'div',
        { class: 'pending-col' },
        h(
          'h3',
          { class: pending.counts.section.overdue ? 'is-overdue-text' : '' },
          t('meetings.overdue'),
          ` (${pending.counts.section.overdue})`,
        ),
        list(pending.overdue, taskRow),
      ),
    );
  const showPending = () =>
    listView(pendingBody, {
      list: 'meetingsPending',
      prefix: 'p.',
      query,
      hash: meetingsHash,
      load: (params) => api.pendingItems(params),
      chips: ['section'],
      empty: t('meetings.noneItems'),
      stale: () => stale(seq),
      rows: (pending) => pendingGrid(pending),
    });
  const meetingsBody = h('div', { class: 'panel-body' });
  const meetingsPanel = panel({ id: 'meetings-list-title', title: t('meetings.list') }, meetingsBody);
  const meetingRows = (/** @type {any} */ meetings) =>
    table(
      t('meetings.list'),
      [
        t('col.number'),
        fieldLabel('kind', 'meeting'),
        fieldLabel('time', 'meeting'),
        fieldLabel('place', 'meeting'),
        t('legal.status'),
        t('meeting.agenda'),
      ],
      meetings.items.map((m) =>
        h(
          'tr',
          {},
          td(t('col.number'), h('a', { href: `#/meetings/${encodeURIComponent(m.id)}` }, meetingName(m))),
          td(fieldLabel('kind', 'meeting'), meetingKind(m.kind)),
          td(fieldLabel('time', 'meeting'), formatDateTime(m.startsAt)),
          td(fieldLabel('place', 'meeting'), m.place),
          td(t('legal.status'), meetingStatus(m)),
          td(t('meeting.agenda'), t('meeting.items', { n: m.items })),
        ),
      ),
    );
  const showMeetings = () =>
    listView(meetingsBody, {
      list: 'meetings',
      prefix: 'm.',
      query,
      hash: meetingsHash,
      load: (params) => api.meetings(params),
      chips: ['kind', 'status'],
      empty: t('meetings.none'),
      stale: () => stale(seq),
      rows: (meetings) => meetingRows(meetings),
    });

  let createPanel = null;
  if (hasRole('secretary')) {
    const makeForm = (initial) =>
      schemaForm({ schema: meetingForm(createSchema), scope: 'meeting', initial, hints: {} });
    let form = makeForm({ kind: 'executive', attendees: [{}] });
    const formSlot = h('div', {}, form.el);
    const everyone = Object.values(rosters).flat();
    // R24: the body's members and the legal adviser are picked from their accounts; the rows typed by hand stay.
    const apply = (chosen) => {
      const current = form.value().value;
      const typed = (current.attendees ?? []).filter((a) => a?.name && !everyone.some((r) => r.name === a.name));
      form = makeForm({
        ...current,
        attendees: [
          ...chosen.map(({ name, title, member, legalAdviser }) => ({ name, title, member, legalAdviser })),
          ...typed,
        ],
      });
      mount(formSlot, form.el);
    };
    // The picker shows the roster of the meeting kind chosen in the form.
    let pickerKind = 'executive';
    const pickerSlot = h('div', {}, rosterPicker(rosters[pickerKind] ?? [], apply));
    formSlot.addEventListener('change', () => {
      const kind = form.value().value.kind;
      if (!kind || kind === pickerKind || !rosters[kind]) return;
      pickerKind = kind;
      mount(pickerSlot, rosterPicker(rosters[kind], apply));
    });
    const alertEl = h('div', { class: 'form-alert', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('meetings.createSubmit'));
    const onSubmit = async (ev) => {
      ev.preventDefault();
      form.clearErrors();
      mount(alertEl);
      const { value, errors } = form.value();
      if (errors.length) return showFormProblems(form, alertEl, errors);
      submit.disabled = true;
      try {
        // An attendee picked from the roster keeps the account it was picked from.
        const attendees = value.attendees.map((a) => {
          const account = everyone.find((r) => r.name === a.name);
          return account ? { ...a, userId: account.userId } : a;
        });
        const m = await api.createMeeting({
          kind: value.kind,
          startsAt: `${value.date}T${value.time}:00+08:00`,
          place: value.place,
          attendees,
        });
        setFlash(t('meetings.created', { number: meetingName(m) }));
        navigate(`#/meetings/${encodeURIComponent(m.id)}`);
      } catch (err) {
        submit.disabled = false;
        showFormProblems(form, alertEl, err, '');
      }
    };
    createPanel = panel(
      { id: 'create-meeting-title', title: t('meetings.create'), class: 'form-panel' },
      pickerSlot,
      h(
        'form',
        { class: 'task-form meeting-form', novalidate: true, onsubmit: onSubmit },
        formSlot,
        alertEl,
        h('div', { class: 'form-actions' }, submit),
      ),
    );
  }
  const figures = h('p', { class: 'panel-meta' });
  const year = new Date().getFullYear();
  api.meetingFigures(year).then(
    (f) =>
      mount(
        figures,
        t('meeting.figures', {
          year,
          meetings: Object.values(f.meetingsHeld ?? {}).reduce((a, b) => a + (Number(b) || 0), 0),
          attended: f.legalAdviserAttendance?.attended ?? 0,
        }),
      ),
    () => {},
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
        h('h1', { id: 'meetings-title' }, t('meetings.title')),
        h('p', { class: 'home-hint' }, t('meetings.lead')),
        figures,
      ),
    ),
    pendingPanel,
    meetingsPanel,
    createPanel,
  );
  showPending();
  showMeetings();
  if (focus) focusHeading(main);
}

/** @typedef {{ userId: string, name: string, title: string, member: boolean, legalAdviser: boolean }} RosterEntry */

/**
 * The leaders' and the legal adviser's accounts as checkboxes; `apply(chosen)` fills the attendees with them.
 * @param {RosterEntry[]} roster
 * @param {(chosen: RosterEntry[]) => void} apply
 */
function rosterPicker(roster, apply) {
  if (!roster.length) return null;
  const boxes = roster.map((r) => ({
    r,
    box: h('input', { type: 'checkbox', id: `roster-${r.userId}`, checked: true }),
  }));
  return h(
    'fieldset',
    { class: 'sf-group roster-picker' },
    h('legend', {}, t('meetings.roster')),
    h('p', { class: 'sf-help' }, t('meetings.rosterHint')),
    h(
      'ul',
      { class: 'roster-list' },
      boxes.map(({ r, box }) =>
        h(
          'li',
          {},
          box,
          ' ',
          h('label', { for: box.id }, r.member ? r.name : `${r.name}（${fieldLabel('legalAdviser', 'meeting')}）`),
        ),
      ),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn--small',
          onclick: () => apply(boxes.filter((b) => b.box.checked).map((b) => b.r)),
        },
        t('meetings.rosterApply'),
      ),
    ),
  );
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/meetings',
  page: ({ main, query, seq, focus }) => renderMeetings(main, seq, focus, query),
  nav: { label: 'nav.meetings', roles: ['secretary', 'leader'] },
};
