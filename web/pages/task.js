// @ts-check
// One task of a decision: its context and the form built from its payload schema.

import { api, fileToBase64 } from '../api.js';
import { focusFirst, h, mount } from '../dom.js';
import { schemaForm } from '../forms.js';
import { label, pick, t } from '../i18n.js';
import { decisionHash } from '../links.js';
import { departments, hasRole, navigate, stale, state, usersWithRole } from '../shell.js';
import { KIND_FORMS, resolveHints, taskContextView, taskFormSubmit } from '../task-forms.js';
import { documentItem, dueView, errorBox, focusHeading, loading } from '../ui.js';

/** What the department head approves: the review's outcome, its opinion and the draft (latest version), each to open. */
function approvalMaterials(d) {
  const latest = (kind) => (d.documents ?? []).filter((x) => x.kind === kind).sort((a, b) => b.version - a.version)[0];
  const opinion = (d.records ?? []).filter((r) => r.kind === 'review_opinion').at(-1);
  const outcome = opinion?.data?.outcome;
  const docs = [latest('draft'), latest('explanation'), latest('review_opinion')].filter(Boolean);
  return h(
    'section',
    { class: 'task-context approval-materials', 'aria-labelledby': 'approval-title' },
    h('h2', { id: 'approval-title' }, t('approval.title')),
    h('dl', { class: 'meta' }, h('div', { class: 'meta-item meta-item--wide' }, h('dt', {}, t('approval.outcome')), h('dd', {}, outcome ? `${label('reviewOutcome', outcome)}${opinion.reference ? `（${opinion.reference}）` : ''}` : t('approval.noOpinion')))),
    docs.length ? h('ul', { class: 'doc-list' }, docs.map(documentItem)) : h('p', { class: 'empty' }, t('docs.none')),
  );
}

/** The review_legality form's findings from the review's opinion draft (confirmed flags mark an item as not conforming). */
async function reviewPrefill(task) {
  try {
    const list = await api.reviews({ scope: 'mine', status: 'open' });
    const r = list.items.find((x) => x.decisionId === task.decisionId);
    if (!r) return {};
    const draft = await api.opinionDraft(r.id);
    if (!Array.isArray(draft?.findings) || !draft.findings.length) return {};
    return { findings: Object.fromEntries(draft.findings.map((f) => [f.key, { conforms: f.conforms, finding: f.finding }])) };
  } catch {
    return {};
  }
}

/** On a review task: the way to the review's page (assisted-review flags to confirm or dismiss, the opinion's preview). */
function reviewLink(task) {
  const slot = h('p', { class: 'notice', hidden: true });
  api
    .reviews({ scope: hasRole('director') ? 'center' : 'mine', status: 'open' })
    .then((list) => {
      const r = list.items.find((x) => x.decisionId === task.decisionId);
      if (!r) return;
      mount(slot, t('task.reviewHint'), ' ', h('a', { class: 'btn btn--small', href: `#/reviews/${encodeURIComponent(r.id)}` }, t('task.reviewOpen')));
      slot.hidden = false;
    })
    .catch(() => {});
  return slot;
}

export async function renderTask(main, id, seq, focus) {
  window.scrollTo(0, 0);
  const crumbsFor = (task) => h('p', { class: 'crumbs' }, h('a', { href: task ? decisionHash(task.decisionId) : '#/' }, `← ${task ? t('task.back') : t('nav.home')}`));
  mount(main, crumbsFor(null), loading());
  let task;
  let d;
  let depts;
  try {
    task = await api.task(id);
    [d, depts] = await Promise.all([api.decision(task.decisionId), departments()]);
  } catch (err) {
    if (!stale(seq)) mount(main, crumbsFor(task), errorBox(err, () => renderTask(main, id, seq, focus)));
    return;
  }
  if (stale(seq)) return;
  document.title = `${pick(task.label)} · ${d.number} · ${t('app.name')}`;

  const head = h(
    'div',
    { class: 'task-head' },
    h('p', { class: 'task-head-decision' }, h('span', { class: 'num' }, d.number), ' ', h('a', { href: decisionHash(d.id) }, d.title)),
    h('h1', { id: 'task-title' }, pick(task.label)),
    h(
      'dl',
      { class: 'meta' },
      h('div', { class: 'meta-item' }, h('dt', {}, t('task.role')), h('dd', {}, label('role', task.role))),
      h('div', { class: 'meta-item' }, h('dt', {}, t('open.due')), h('dd', {}, dueView(task.due, { overdue: task.overdue, paused: task.paused, attention: task.dueAttention }))),
    ),
  );

  if (task.status !== 'open') {
    mount(main, crumbsFor(task), h('section', { class: 'panel form-panel', 'aria-labelledby': 'task-title' }, head, h('p', { class: 'notice' }, t('task.closed'))));
    if (focus) focusHeading(main);
    return;
  }

  // Placing on an agenda is done on the meeting's page (the agenda item, its order and its materials come with it).
  if (task.kind === 'place_on_agenda') {
    mount(
      main,
      crumbsFor(task),
      h(
        'section',
        { class: 'panel form-panel', 'aria-labelledby': 'task-title' },
        head,
        taskContextView(task, d.documents ?? []),
        h('p', { class: 'notice' }, t('task.useMeetings'), ' ', h('a', { class: 'btn btn--small btn--primary', href: '#/meetings' }, t('task.goMeetings'))),
      ),
    );
    if (focus) focusHeading(main);
    return;
  }

  const kindForm = KIND_FORMS[task.kind] ?? {};
  // A review starts from the checklist as the decided assisted-review flags fill it in (the reviewer edits it).
  const prefill = task.kind === 'review_legality' ? await reviewPrefill(task) : {};
  if (stale(seq)) return;
  const hints = resolveHints(kindForm, task);
  const form = schemaForm({
    schema: task.payloadSchema ?? { type: 'object', properties: {} },
    scope: task.kind,
    initial: { ...(kindForm.initial?.(task, d) ?? {}), ...prefill },
    hints,
    sources: {
      documents: d.documents ?? [],
      departments: depts,
      users: usersWithRole,
      upload: async (kind, file) => {
        const contentBase64 = await fileToBase64(file);
        const res = await api.upload(d.id, { kind, fileName: file.name, mimeType: file.type || 'application/octet-stream', contentBase64 });
        return { id: res.id, kind, fileName: file.name, version: res.version, ...res };
      },
    },
  });
  const { alertEl, submit, onSubmit } = taskFormSubmit(form, {
    complete: (value, key) => api.completeTask(task.id, value, key),
    done: () => {
      state.flash = `${pick(task.label)}${t('colon')}${t('task.done')}`;
      navigate(decisionHash(d.id));
    },
  });

  mount(
    main,
    crumbsFor(task),
    h(
      'section',
      { class: 'panel form-panel', 'aria-labelledby': 'task-title' },
      head,
      taskContextView(task, d.documents ?? []),
      task.kind === 'approve_submission' ? approvalMaterials(d) : null,
      ['review_legality', 'second_check_review', 'sign_off_review_opinion'].includes(task.kind) ? reviewLink(task) : null,
      h('form', { class: 'task-form', novalidate: true, onsubmit: onSubmit, 'data-kind': task.kind }, form.el, alertEl, h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn', href: decisionHash(d.id) }, t('form.cancel')))),
    ),
  );
  if (focus) focusHeading(main);
  else focusFirst(main, '.task-form input, .task-form select, .task-form textarea');
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/tasks/:id',
  page: ({ main, params, seq, focus }) => renderTask(main, params.id, seq, focus),
};
