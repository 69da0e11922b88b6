// @ts-check
// The legal center (法务中心, R15–R20): reviews in progress, the director's queue, pool, settings and law library.

import { api } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { choiceLabel, fieldLabel } from '../fields.js';
import { beijingToday, formatDate, label, t } from '../i18n.js';
import { reviewStatus } from '../reviews.js';
import { listView } from '../list-view.js';
import { departments, deptName, formSchema, hasRole, myUserId, setFlash, stale, state, takeFlash } from '../shell.js';
import { disclosureForm, dueView, errorBox, flash, focusHeading, loading, table, td } from '../ui.js';
import { reviewBulkBar } from '../bulk-reviews.js';

export async function renderLegal(main, seq, focus, query = new URLSearchParams()) {
  document.title = `${t('legal.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  mount(main, loading());
  const director = hasRole('director', 'admin');
  let workload = null;
  let pool = null;
  /** @type {any[]} */
  let reviewers = [];
  /** The director's dialogs, each from the schema its route parses (GET /api/forms/:name). */
  /** @type {Record<'reassign' | 'leave' | 'conflict' | 'kindSetting' | 'profile' | 'law', any>} */
  let schemas;
  /** The director's bulk reassignment form (issue 16 §5 a). */
  let bulkSchema = null;
  try {
    await departments();
    const dialogs = /** @type {const} */ (['reassign', 'leave', 'conflict', 'kindSetting', 'profile', 'law']);
    let loaded;
    [workload, pool, reviewers, loaded] = await Promise.all([
      director || hasRole('supervisor') ? api.workload(new Date().getFullYear()) : null,
      director ? api.pool() : null,
      director ? api.users('reviewer') : [],
      director ? Promise.all(dialogs.map(formSchema)) : [],
    ]);
    if (hasRole('director')) bulkSchema = await formSchema('bulkReassign');
    schemas = /** @type {any} */ (Object.fromEntries(dialogs.map((name, i) => [name, loaded[i] ?? null])));
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        errorBox(err, () => renderLegal(main, seq, focus, query)),
      );
    return;
  }
  if (stale(seq)) return;
  const note = takeFlash();
  const again = (msg) => {
    if (msg) setFlash(msg);
    renderLegal(main, seq, false, query);
  };
  const nameOf = (userId) =>
    (userId === myUserId() ? state.me?.displayName : null) ??
    reviewers.find((u) => u.id === userId)?.displayName ??
    workload?.reviewers.find((r) => r.userId === userId)?.name ??
    '—';
  // The queue (the director's whole queue, a reviewer's own): open by default, finished ones a chip away; filtered,
  // searched, sorted and paged on the server, the view in the URL; the bulk bar works on the page shown.
  const queueMeta = h('p', { class: 'panel-meta' });
  const queueBody = h('div', { class: 'panel-body' });
  const queue = panel(
    { id: 'legal-queue-title', title: director ? t('legal.center') : t('legal.mine'), meta: queueMeta },
    queueBody,
  );
  const queueRows = (/** @type {any} */ list) => {
    // Issue 16 §5 (a): the director chooses reviews in the queue and reassigns them together, preview first.
    const bulk =
      bulkSchema && list.items.length
        ? reviewBulkBar({
            schema: bulkSchema,
            reviews: list.items,
            targets: reviewers.filter((u) => available(pool, u.id)).map((u) => u.id),
            nameOf,
            done: () => again(t('bulk.doneFlash')),
          })
        : null;
    return [
      bulk?.el ?? null,
      table(
        t('legal.center'),
        [
          ...(bulk ? [bulk.selection.all] : []),
          t('legal.subject'),
          t('sub.titleCol'),
          t('legal.status'),
          t('legal.reviewer'),
          t('legal.due'),
          '',
        ],
        list.items.map((r) =>
          h(
            'tr',
            { class: r.overdue ? 'is-overdue' : '' },
            bulk ? td(t('bulk.select'), bulk.selection.box(r.id, r.subjectNumber)) : null,
            td(
              t('legal.subject'),
              h('span', { class: 'num' }, r.subjectNumber),
              h('span', { class: 'open-role' }, ` ${label('reviewKind', r.kind)}`),
            ),
            td(t('sub.titleCol'), h('a', { href: `#/reviews/${encodeURIComponent(r.id)}` }, r.title)),
            td(t('legal.status'), reviewStatus(r.status)),
            td(t('legal.reviewer'), r.reviewerUserId ? nameOf(r.reviewerUserId) : '—'),
            td(
              t('legal.due'),
              r.dueAt ? dueView({ dueAt: r.dueAt }, { overdue: r.overdue, basis: false, labelled: false }) : '—',
            ),
            td(
              '',
              director && r.reviewerUserId
                ? disclosureForm({
                    open: t('legal.reassign'),
                    submit: t('legal.reassignSubmit'),
                    // The served schema, its reviewer narrowed to the available reviewers other than the current one.
                    schema: {
                      ...schemas.reassign,
                      properties: {
                        ...schemas.reassign.properties,
                        reviewerUserId: {
                          ...schemas.reassign.properties.reviewerUserId,
                          enum: reviewers
                            .filter((u) => u.id !== r.reviewerUserId && available(pool, u.id))
                            .map((u) => u.id),
                        },
                      },
                    },
                    hints: { reason: { help: t('form.ruleHelp', { rule: 'R20' }) } },
                    optionLabels: { reviewerUserId: nameOf },
                    send: (v) => api.reassign(r.id, v),
                    done: () => again(t('legal.reassigned')),
                  })
                : null,
            ),
          ),
        ),
      ),
    ];
  };
  const showQueue = () =>
    listView(queueBody, {
      list: 'reviews',
      query,
      hash: (q) => `#/legal${q.toString() ? `?${q}` : ''}`,
      load: (params) => api.reviews(params),
      fixed: { scope: director || hasRole('supervisor') ? 'center' : 'mine' },
      defaults: { status: 'open' },
      chips: ['status', 'due', 'kind'],
      empty: t('legal.none'),
      stale: () => stale(seq),
      onLoad: (list) =>
        mount(
          queueMeta,
          h('span', { class: 'count' }, t('tasks.total', { n: list.total })),
          h(
            'span',
            { class: ['count', 'count--overdue', list.overdue > 0 && 'is-nonzero'] },
            t('tasks.overdue', { n: list.overdue }),
          ),
        ),
      rows: (list) => queueRows(list),
    });

  let board = null;
  if (workload) {
    const leaveOf = (userId) => pool?.members.find((m) => m.userId === userId)?.leave ?? [];
    board = panel(
      {
        id: 'legal-workload-title',
        title: [t('legal.workload'), ` · ${workload.year}`],
        meta: h(
          'p',
          { class: 'panel-meta' },
          `${t('legal.open')} ${workload.center.open} · ${t('legal.overdue')} ${workload.center.overdue} · ${t('legal.done')} ${workload.center.reviewed}`,
        ),
      },
      table(
        t('legal.workload'),
        [t('legal.reviewer'), t('legal.open'), t('legal.overdue'), t('legal.done'), t('legal.median'), ''],
        workload.reviewers.map((r) => {
          const leave = leaveOf(r.userId);
          const load = Math.min(100, r.openWeight * 20);
          return h(
            'tr',
            { class: r.overdue ? 'is-overdue' : '' },
            td(
              t('legal.reviewer'),
              h('span', {}, r.name),
              !r.active ? h('span', { class: 'badge badge--paused' }, t('legal.inactive')) : null,
              leave.map((l) =>
                h(
                  'span',
                  { class: 'badge badge--provisional' },
                  t('legal.onLeave', { from: formatDate(l.startsOn), to: formatDate(l.endsOn) }),
                ),
              ),
            ),
            td(
              t('legal.open'),
              h(
                'span',
                { class: 'load' },
                load ? h('span', { class: 'load-bar', style: `width:${load}%` }) : null,
                h('span', { class: 'load-n' }, `${r.open}（${r.openWeight}）`),
              ),
            ),
            td(t('legal.overdue'), String(r.overdue)),
            td(t('legal.done'), String(r.done)),
            td(t('legal.median'), r.medianTurnaroundDays ?? '—'),
            td(
              '',
              director
                ? disclosureForm({
                    open: t('legal.leave'),
                    submit: t('legal.leaveSubmit'),
                    // The served schema, the substitute narrowed to the other available reviewers (issue 16 §4).
                    schema: {
                      ...schemas.leave,
                      properties: {
                        ...schemas.leave.properties,
                        substituteUserId: {
                          ...schemas.leave.properties.substituteUserId,
                          enum: reviewers.filter((u) => u.id !== r.userId && available(pool, u.id)).map((u) => u.id),
                        },
                      },
                    },
                    optionLabels: { substituteUserId: nameOf },
                    send: (v) => api.addLeave(r.userId, v),
                    done: () => again(t('legal.leaveSaved')),
                  })
                : null,
            ),
          );
        }),
      ),
    );
  }
  mount(
    main,
    note ? flash(note) : null,
    h(
      'section',
      { class: 'home-head' },
      h('div', { class: 'home-head-text' }, h('h1', { id: 'legal-title' }, t('legal.title'))),
    ),
    queue,
    board,
    pool ? settingsPanel(pool, schemas, again) : null,
    pool ? poolPanel(pool, schemas, nameOf, again) : null,
    director ? lawsPanel(schemas.law, again) : null,
  );
  showQueue();
  if (focus) focusHeading(main);
}

/** The pool as data (R20): each reviewer's active flag and former department, and their declared conflicts (director, admin). */
/** On leave today (Beijing date): the leave periods are whole days, both ends included. */
const onLeaveToday = (m) =>
  (m?.leave ?? []).some(
    (l) => String(l.startsOn).slice(0, 10) <= beijingToday() && beijingToday() <= String(l.endsOn).slice(0, 10),
  );

/** Who can take a review now: in the pool, active and not on leave (the server refuses the others, R20). */
const available = (pool, userId) => {
  const m = pool?.members.find((x) => x.userId === userId);
  return !m || (m.active && !onLeaveToday(m));
};

/** The law library's field labels and level names: the entry form's own ('law.level' is 效力层级, not a risk level). */
const lawField = (name) => fieldLabel(name, 'law');
const lawLevel = (level) => choiceLabel('law.level', level);

const lawHints = () => ({ repealedOn: { help: t('law.retireHelp') } });

/** The law library the assisted review checks citations against, kept by the director: add, correct, retire (audited). */
function lawsPanel(schema, again) {
  const body = h('div', {}, loading());
  const section = panel(
    { id: 'legal-laws-title', title: t('law.title') },
    h('p', { class: 'panel-lead' }, t('law.lead')),
    body,
  );
  api.laws().then(
    (res) => {
      const cols = [lawField('name'), lawField('level'), lawField('effectiveOn'), t('law.state'), ''];
      mount(
        body,
        disclosureForm({
          open: t('law.add'),
          submit: t('law.addSubmit'),
          schema,
          scope: 'law',
          hints: lawHints(),
          initial: { level: 'law' },
          send: (v) => api.addLaw(v),
          done: () => again(t('law.saved')),
        }),
        table(
          t('law.title'),
          cols,
          res.items.map((l) =>
            h(
              'tr',
              { class: 'law-row' },
              td(cols[0], `《${l.name}》`, h('span', { class: 'open-role' }, ` ${l.issuedBy}`)),
              td(cols[1], lawLevel(l.level)),
              td(cols[2], formatDate(l.effectiveOn)),
              td(
                cols[3],
                l.repealedOn
                  ? h(
                      'span',
                      { class: 'badge badge--paused' },
                      t('law.repealed', {
                        on: formatDate(l.repealedOn),
                        by: l.replacedBy ? `《${l.replacedBy}》` : '—',
                      }),
                    )
                  : h('span', { class: 'badge badge--done' }, t('law.inForce')),
              ),
              td(
                '',
                disclosureForm({
                  open: t('law.edit'),
                  submit: t('law.editSubmit'),
                  schema,
                  scope: 'law',
                  hints: lawHints(),
                  initial: {
                    name: l.name,
                    level: l.level,
                    issuedBy: l.issuedBy,
                    effectiveOn: l.effectiveOn,
                    repealedOn: l.repealedOn,
                    replacedBy: l.replacedBy,
                  },
                  send: (v) => api.updateLaw(l.id, v),
                  done: () => again(t('law.saved')),
                }),
              ),
            ),
          ),
        ),
      );
    },
    (err) => mount(body, errorBox(err)),
  );
  return section;
}

function poolPanel(pool, schemas, nameOf, again) {
  const cols = [t('legal.reviewer'), t('pool.state'), t('pool.former'), t('pool.conflicts'), ''];
  const onDuty = pool.members.filter((m) => m.active && !onLeaveToday(m)).length;
  return panel(
    {
      id: 'legal-pool-title',
      title: t('pool.title'),
      meta: h('p', { class: 'panel-meta' }, t('pool.count', { n: onDuty, all: pool.members.length })),
    },
    h('p', { class: 'panel-lead' }, t('pool.lead')),
    table(
      t('pool.title'),
      cols,
      pool.members.map((m) =>
        h(
          'tr',
          { class: 'pool-row', 'data-user': m.username ?? m.userId },
          td(
            cols[0],
            h('span', {}, m.displayName ?? nameOf(m.userId)),
            m.username ? h('span', { class: 'open-role' }, ` ${m.username}`) : null,
            m.note ? h('p', { class: 'open-role pool-note' }, m.note) : null,
          ),
          td(
            cols[1],
            !m.active
              ? h('span', { class: 'badge badge--paused' }, t('legal.inactive'))
              : onLeaveToday(m)
                ? h('span', { class: 'badge badge--provisional' }, t('pool.onLeave'))
                : h('span', { class: 'badge badge--done' }, t('pool.active')),
          ),
          td(cols[2], m.formerDepartmentId ? deptName(m.formerDepartmentId) : '—'),
          td(
            cols[3],
            (m.conflicts ?? []).length
              ? h(
                  'ul',
                  { class: 'ctx-list' },
                  m.conflicts.map((c) =>
                    h(
                      'li',
                      {},
                      [c.departmentId ? deptName(c.departmentId) : null, c.subjectNumber].filter(Boolean).join(' · '),
                      h('span', { class: 'open-role' }, ` （${c.reason}）`),
                    ),
                  ),
                )
              : '—',
          ),
          td(
            '',
            h(
              'div',
              { class: 'pool-actions' },
              disclosureForm({
                open: t('pool.edit'),
                submit: t('pool.editSubmit'),
                schema: schemas.profile,
                initial: { active: m.active, formerDepartmentId: m.formerDepartmentId, note: m.note },
                hints: { active: { help: t('pool.activeHelp', { rule: 'R20' }) } },
                // The profile as the dialog shows it: an emptied former department is sent as null (none).
                send: (v) => api.updateReviewer(m.userId, v),
                done: () => again(t('pool.saved', { name: m.displayName ?? '' })),
              }),
              disclosureForm({
                open: t('pool.conflict'),
                submit: t('pool.conflictSubmit'),
                scope: 'conflict',
                schema: schemas.conflict,
                hints: { departmentId: { help: t('pool.conflictHelp') } },
                send: (v) => api.declareConflict(m.userId, v),
                done: () => again(t('pool.conflictSaved', { name: m.displayName ?? '' })),
              }),
            ),
          ),
        ),
      ),
      'pool-table',
    ),
  );
}

/** Each kind's weight, target working days (R17), second check, director's sign-off and number prefix (director, admin). */
function settingsPanel(pool, schemas, again) {
  const cols = [
    t('pool.kind'),
    fieldLabel('weight'),
    fieldLabel('targetWorkingDays'),
    fieldLabel('secondCheck'),
    fieldLabel('directorSignOff'),
    fieldLabel('numberPrefix'),
    '',
  ];
  const yes = (b) => (b ? t('form.yes') : t('form.no'));
  return panel(
    { id: 'legal-settings-title', title: t('pool.settings') },
    h('p', { class: 'panel-lead' }, t('pool.settingsLead')),
    table(
      t('pool.settings'),
      cols,
      pool.settings.map((s) =>
        h(
          'tr',
          { class: 'setting-row', 'data-kind': s.kind },
          td(cols[0], label('reviewKind', s.kind)),
          td(cols[1], String(s.weight)),
          td(cols[2], String(s.targetWorkingDays)),
          td(cols[3], yes(s.secondCheck)),
          td(cols[4], yes(s.directorSignOff)),
          td(cols[5], h('span', { class: 'num' }, s.numberPrefix)),
          td(
            '',
            disclosureForm({
              open: t('pool.settingEdit'),
              submit: t('pool.settingSubmit'),
              schema: schemas.kindSetting,
              initial: {
                weight: s.weight,
                targetWorkingDays: s.targetWorkingDays,
                secondCheck: s.secondCheck,
                directorSignOff: s.directorSignOff,
                numberPrefix: s.numberPrefix,
              },
              hints: { targetWorkingDays: { help: t('form.ruleHelp', { rule: 'R17' }) } },
              send: (v) => api.updateKindSetting(s.kind, v),
              done: () => again(t('pool.settingSaved', { kind: label('reviewKind', s.kind) })),
            }),
          ),
        ),
      ),
      'settings-table',
    ),
  );
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/legal',
  page: ({ main, query, seq, focus }) => renderLegal(main, seq, focus, query),
  nav: {
    label: 'nav.legal',
    roles: ['reviewer', 'director', 'supervisor', 'admin'],
    // A review's page belongs to the legal center, unless the person also submits reviews (then to their list).
    also: (hash) => hash.startsWith('#/reviews') && !hasRole('drafter', 'dept_head'),
  },
};
