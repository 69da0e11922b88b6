// @ts-check
// One meeting's page: agenda, materials, each item's outcome (R24–R25), closing and the minutes.

import { agendaBulkForm } from '../bulk-agenda.js';
import { api, newIdempotencyKey } from '../api.js';
import { focusFirst, h, mount, panel } from '../dom.js';
import { choiceLabel, fieldLabel } from '../fields.js';
import { formatDateTime, pick, ruleTitle, t } from '../i18n.js';
import { meetingForm, meetingKind, meetingName, meetingStatus } from './meetings.js';
import { departments, deptName, formSchema, hasRole, setFlash, stale, takeFlash } from '../shell.js';
import {
  decisionLink,
  disclosureForm,
  downloadButton,
  errorBox,
  flash,
  focusHeading,
  loading,
  ruleBox,
  table,
  td,
} from '../ui.js';

function outcomeForm(m, item, schema, rerender) {
  const members = m.attendees.filter((a) => a.member && a.present);
  return disclosureForm({
    open: `${t('meeting.outcome')}…`,
    submit: t('meeting.outcomeSubmit'),
    schema,
    scope: 'outcome',
    initial: {
      memberOpinions: (members.length ? members : [{}, {}, {}]).map((a) => (a.name ? { member: a.name } : {})),
    },
    hints: {
      departureReason: { help: t('form.ruleHelp', { rule: 'R25' }) },
      'changes.kind': { label: t('meeting.changesKind') },
    },
    send: (v) => api.recordOutcome(m.id, item.id, v, newIdempotencyKey()),
    done: (res) =>
      rerender(
        [
          t('meeting.outcomeSaved', { number: item.decisionNumber }),
          ...(res?.warnings ?? []).map((w) => pick(w.message)),
        ].join('　'),
      ),
  });
}

export async function renderMeeting(main, id, seq, focus) {
  window.scrollTo(0, 0);
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/meetings' }, `← ${t('meeting.back')}`));
  mount(main, crumbs, loading());
  let m;
  let pending;
  let candidates;
  /** @type {{ meeting?: any, outcome?: any }} */
  const schemas = {};
  try {
    await departments();
    [m, pending, candidates, schemas.meeting, schemas.outcome] = await Promise.all([
      api.meeting(id),
      api.pendingItems(),
      hasRole('secretary') ? api.decisions({ status: 'active', pageSize: 100 }) : { items: [] },
      formSchema('meeting'),
      formSchema('outcome'),
    ]);
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        crumbs,
        errorBox(err, () => renderMeeting(main, id, seq, focus)),
      );
    return;
  }
  if (stale(seq)) return;
  document.title = `${meetingName(m)} · ${t('app.name')}`;
  const note = takeFlash();
  const rerender = (msg) => {
    if (msg) setFlash(msg);
    renderMeeting(main, id, seq, false);
  };
  const open = m.status === 'scheduled' && hasRole('secretary');
  const base = `/api/meetings/${encodeURIComponent(m.id)}`;

  const head = h(
    'section',
    { class: 'panel decision-head', 'aria-labelledby': 'meeting-title' },
    h(
      'div',
      { class: 'decision-head-top' },
      h(
        'div',
        { class: 'decision-head-ids' },
        h('span', { class: 'num num--large' }, meetingName(m)),
        h('span', { class: `status status--${m.status === 'closed' ? 'closed' : 'active'}` }, meetingStatus(m)),
      ),
    ),
    h('h1', { id: 'meeting-title', class: 'decision-title' }, `${meetingKind(m.kind)} · ${formatDateTime(m.startsAt)}`),
    h(
      'dl',
      { class: 'meta' },
      h('div', { class: 'meta-item' }, h('dt', {}, fieldLabel('place', 'meeting')), h('dd', {}, m.place)),
      h(
        'div',
        { class: 'meta-item' },
        h('dt', {}, t('meeting.quorum', { present: m.quorum.present, members: m.quorum.members })),
        h(
          'dd',
          { class: m.quorum.reached ? 'ok-text' : 'is-overdue-text' },
          m.quorum.reached ? t('meeting.quorumOk') : t('meeting.quorumNo'),
        ),
      ),
    ),
    m.warnings.length
      ? h(
          'ul',
          { class: 'warnings', role: 'status' },
          m.warnings.map((w) => h('li', { class: 'warning', title: ruleTitle(w.rule) }, pick(w.message))),
        )
      : null,
    h(
      'div',
      { class: 'form-actions' },
      downloadButton(t('meeting.agendaDocx'), `${base}/agenda.docx`, `${meetingName(m)}议题单.docx`),
      m.status === 'closed'
        ? downloadButton(t('meeting.minutesDocx'), `${base}/minutes.docx`, `${meetingName(m)}纪要.docx`)
        : null,
    ),
  );

  // Attendees: who is a member (quorum), who is the legal adviser, who is present.
  const attendeesPanel = panel(
    { id: 'attendees-title', title: t('meeting.attendees') },
    table(
      t('meeting.attendees'),
      [
        fieldLabel('name', 'meeting'),
        fieldLabel('title', 'meeting'),
        t('meeting.member'),
        t('meeting.adviser'),
        t('meeting.present'),
      ],
      m.attendees.map((a) =>
        h(
          'tr',
          { class: a.present ? '' : 'is-muted' },
          td(fieldLabel('name', 'meeting'), a.name),
          td(fieldLabel('title', 'meeting'), a.title),
          td(t('meeting.member'), a.member ? '✓' : '—'),
          td(t('meeting.adviser'), a.legalAdviser ? '✓' : '—'),
          td(t('meeting.present'), a.present ? t('meeting.present') : t('meeting.absent')),
        ),
      ),
    ),
    open
      ? disclosureForm({
          open: `${t('meeting.attendeesSave')}…`,
          submit: t('meeting.attendeesSave'),
          schema: {
            type: 'object',
            required: ['attendees'],
            properties: { attendees: meetingForm(schemas.meeting).properties.attendees },
          },
          scope: 'meeting',
          initial: {
            attendees: m.attendees.map(({ name, title, member, legalAdviser, present }) => ({
              name,
              title,
              member,
              legalAdviser,
              present,
            })),
          },
          cls: 'attendees-form',
          send: (v) => api.setAttendees(m.id, v.attendees),
          done: () => rerender(t('meeting.attendeesSaved')),
        })
      : null,
  );

  // The agenda: items in order, each with its materials and its outcome.
  const order = m.items.map((i) => i.id);
  const move = async (i, delta) => {
    const next = [...order];
    const [x] = next.splice(i, 1);
    next.splice(i + delta, 0, x);
    try {
      await api.orderItems(m.id, next);
      rerender(t('meeting.orderSaved'));
    } catch (err) {
      mount(agendaAlert, errorBox(err));
    }
  };
  const agendaAlert = h('div', { class: 'form-alert', role: 'alert' });
  const itemView = (item, i) => {
    // A decision withdrawn while on the agenda settles its item: nothing left to decide (R31).
    const withdrawn = !item.decidedAt && item.decisionStatus === 'withdrawn';
    const decided = Boolean(item.decidedAt) || withdrawn;
    return h(
      'li',
      { class: ['agenda-item', decided && 'is-decided', withdrawn && 'is-withdrawn'] },
      h(
        'div',
        { class: 'agenda-item-head' },
        h('span', { class: 'agenda-pos' }, String(i + 1)),
        h(
          'div',
          { class: 'agenda-item-main' },
          h('div', {}, decisionLink(item.decisionId, item.decisionNumber, item.title)),
          h(
            'div',
            { class: 'agenda-item-meta' },
            item.presentingDepartmentId
              ? `${t('meeting.presenting')}${t('colon')}${deptName(item.presentingDepartmentId) || item.presentingDepartment || ''}`
              : '',
            item.reviewOpinionNo ? ` · ${t('meeting.opinionNo')}${t('colon')}${item.reviewOpinionNo}` : '',
          ),
        ),
        h(
          'span',
          { class: ['badge', decided ? 'badge--done' : 'badge--provisional'] },
          withdrawn
            ? t('meeting.withdrawnItem')
            : decided
              ? t('meeting.decided', { decision: choiceLabel('chiefDecision', item.chiefDecision) })
              : t('meeting.undecided'),
        ),
      ),
      h(
        'div',
        { class: 'agenda-item-actions' },
        open && !decided
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn btn--small',
                disabled: i === 0,
                onclick: () => move(i, -1),
                'aria-label': `${t('meeting.up')}${t('colon')}${item.decisionNumber}`,
              },
              `↑ ${t('meeting.up')}`,
            )
          : null,
        open && !decided
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn btn--small',
                disabled: i === m.items.length - 1,
                onclick: () => move(i, 1),
                'aria-label': `${t('meeting.down')}${t('colon')}${item.decisionNumber}`,
              },
              `↓ ${t('meeting.down')}`,
            )
          : null,
        downloadButton(
          t('meeting.materials'),
          `${base}/items/${encodeURIComponent(item.id)}/materials`,
          `${item.decisionNumber}-上会材料.zip`,
        ),
      ),
      open && !decided ? outcomeForm(m, item, schemas.outcome, rerender) : null,
    );
  };
  const readyIds = new Set(pending.readyForAgenda.map((x) => x.decisionId));
  const onAgenda = new Set(m.items.map((i) => i.decisionId));
  const options = candidates.items.filter(
    (d) =>
      !onAgenda.has(d.id) &&
      (readyIds.has(d.id) || ['legality_review', 'collective_discussion', 'party_committee_report'].includes(d.stage)),
  );
  let addForm = null;
  /** Issue 16 §5 (c): several at once, preview first. */
  let bulkForm = null;
  if (open) {
    const select = h(
      'select',
      { id: 'agenda-add', name: 'decisionId' },
      h('option', { value: '' }, t('form.choose')),
      options.map((d) =>
        h(
          'option',
          { value: d.id },
          `${d.number} ${d.title}（${readyIds.has(d.id) ? t('meeting.addReady') : t('meeting.addNotReady')}）`,
        ),
      ),
    );
    const err = h('div', { class: 'form-alert', role: 'alert' });
    const button = h('button', { type: 'submit', class: 'btn btn--primary' }, t('meeting.add'));
    let key = newIdempotencyKey();
    addForm = h(
      'form',
      {
        class: 'agenda-add',
        novalidate: true,
        onsubmit: async (ev) => {
          ev.preventDefault();
          mount(err);
          if (!select.value) {
            mount(err, h('p', { class: 'field-error' }, t('form.required')));
            select.focus();
            return;
          }
          button.disabled = true;
          try {
            const res = await api.addItem(m.id, select.value, key);
            rerender(
              t('meeting.added', {
                number: res.item?.decisionId ? (options.find((d) => d.id === select.value)?.number ?? '') : '',
              }),
            );
          } catch (e) {
            button.disabled = false;
            key = newIdempotencyKey();
            mount(err, ruleBox(e));
            focusFirst(err, '.error-box');
          }
        },
      },
      h(
        'div',
        { class: 'field' },
        h('label', { for: select.id }, t('meeting.addLabel')),
        h('div', { class: 'field-control' }, select),
      ),
      button,
      err,
    );
    bulkForm = agendaBulkForm({ meetingId: m.id, options, readyIds, done: () => rerender(t('bulk.agendaDone')) });
  }
  // Closing cannot be undone: the page asks for confirmation first.
  const confirmBox = h('div', {
    class: 'confirm-box',
    role: 'alertdialog',
    'aria-labelledby': 'close-confirm-text',
    hidden: true,
  });
  const closeButton =
    open && m.items.length
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn--primary',
            'aria-expanded': 'false',
            onclick: (ev) => {
              const opener = ev.currentTarget;
              opener.setAttribute('aria-expanded', 'true');
              const yes = h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--danger',
                  onclick: async () => {
                    yes.disabled = true;
                    try {
                      await api.closeMeeting(m.id);
                      rerender(t('meeting.closed'));
                    } catch (err) {
                      yes.disabled = false;
                      confirmBox.hidden = true;
                      mount(agendaAlert, ruleBox(err));
                    }
                  },
                },
                t('meeting.closeConfirmSubmit'),
              );
              const no = h(
                'button',
                {
                  type: 'button',
                  class: 'btn',
                  onclick: () => {
                    confirmBox.hidden = true;
                    opener.setAttribute('aria-expanded', 'false');
                    opener.focus();
                  },
                },
                t('form.cancel'),
              );
              mount(
                confirmBox,
                h('p', { id: 'close-confirm-text' }, t('meeting.closeConfirm')),
                h('div', { class: 'form-actions' }, yes, no),
              );
              confirmBox.hidden = false;
              yes.focus();
            },
          },
          t('meeting.close'),
        )
      : null;
  const agendaPanel = panel(
    {
      id: 'agenda-title',
      title: t('meeting.agenda'),
      meta: h('p', { class: 'panel-meta' }, t('meeting.items', { n: m.items.length })),
    },
    addForm,
    bulkForm,
    m.items.length
      ? h('ol', { class: 'agenda' }, m.items.map(itemView))
      : h('p', { class: 'empty' }, t('meeting.agendaNone')),
    agendaAlert,
    closeButton ? h('div', { class: 'form-actions' }, closeButton) : null,
    confirmBox,
  );

  mount(main, crumbs, note ? flash(note) : null, head, agendaPanel, attendeesPanel);
  if (focus) focusHeading(main);
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/meetings/:id',
  page: ({ main, params, seq, focus }) => renderMeeting(main, params.id, seq, focus),
};
