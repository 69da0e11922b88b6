// @ts-check
// One task of a normative-document or contract review, with its schema-driven form.

import { api, fileToBase64 } from '../api.js';
import { focusFirst, h, mount } from '../dom.js';
import { schemaForm } from '../forms.js';
import { label, pick, t } from '../i18n.js';
import { reviewHash } from '../links.js';
import { docKind, reviewRevisionsPanel, UPLOAD_KINDS } from '../reviews.js';
import { departments, navigate, setFlash, stale } from '../shell.js';
import { KIND_FORMS, resolveHints, taskContextView, taskFormSubmit } from '../task-forms.js';
import { dueView, errorBox, focusHeading, loading } from '../ui.js';

/** The task's context without what only a decision's materials carry (statutory steps, market actors). */
function shownContext(task) {
  const m = task.context?.materials;
  if (!m || typeof m !== 'object') return task;
  const { statutorySteps: _steps, touchesMarketActors: _market, ...materials } = m;
  return { ...task, context: { ...task.context, materials } };
}

export async function renderReviewTask(main, id, seq, focus) {
  window.scrollTo(0, 0);
  const crumbsFor = (task) => h('p', { class: 'crumbs' }, h('a', { href: task ? reviewHash(task.reviewId) : '#/' }, `← ${task ? t('rtask.back') : t('nav.home')}`));
  mount(main, crumbsFor(null), loading());
  let task;
  let r;
  let depts;
  try {
    task = await api.reviewTask(id);
    [r, depts] = await Promise.all([api.review(task.reviewId), departments()]);
  } catch (err) {
    if (!stale(seq)) mount(main, crumbsFor(task), errorBox(err, () => renderReviewTask(main, id, seq, focus)));
    return;
  }
  if (stale(seq)) return;
  document.title = `${pick(task.label)} · ${r.subjectNumber} · ${t('app.name')}`;
  const docs = (r.documents ?? []).map((d) => ({ ...d, version: d.version ?? 1 }));
  const head = h(
    'div',
    { class: 'task-head' },
    h('p', { class: 'task-head-decision' }, h('span', { class: 'num' }, r.subjectNumber), ' ', h('a', { href: reviewHash(r.id) }, r.title), h('span', { class: 'open-role' }, ` · ${label('reviewKind', r.kind)}`)),
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
  const kindForm = KIND_FORMS[task.kind] ?? {};
  let prefill = {};
  if (task.kind === 'review_legality') {
    const draft = await api.opinionDraft(r.id).catch(() => null);
    if (Array.isArray(draft?.findings) && draft.findings.length) prefill = { findings: Object.fromEntries(draft.findings.map((f) => [f.key, { conforms: f.conforms, finding: f.finding }])) };
  }
  if (stale(seq)) return;
  const hints = resolveHints(kindForm, task);
  // A normative document or a contract: only the materials its kind has (no fair-competition review, which is a decision's),
  // and its draft named as what it is.
  const hide = { showIf: () => false };
  const draftLabel = t(`sub.file.draft.${r.kind === 'contract' ? 'contract' : 'normative_document'}`);
  Object.assign(hints, {
    fairCompetitionReview: hide,
    counterpartyDocumentId: r.kind === 'contract' ? { ...(hints.counterpartyDocumentId ?? {}), documentKind: 'counterparty' } : hide,
    draftDocumentId: { ...(hints.draftDocumentId ?? {}), label: draftLabel },
    ...(r.kind === 'contract' ? { explanationDocumentId: hide, consultationSummary: hide } : {}),
  });
  const form = schemaForm({
    schema: task.payloadSchema ?? { type: 'object', properties: {} },
    scope: task.kind,
    initial: { ...(kindForm.initial?.(task, null) ?? {}), ...prefill },
    hints,
    sources: {
      documents: docs,
      departments: depts,
      documentKindLabel: (kind) => docKind(r.kind, kind),
      upload: async (kind, file) => {
        const contentBase64 = await fileToBase64(file);
        const upKind = UPLOAD_KINDS.includes(kind) ? kind : 'other';
        const res = await api.uploadReviewDocument(r.id, { kind: upKind, fileName: file.name, mimeType: file.type || 'application/octet-stream', contentBase64 });
        return { id: res.id, kind: upKind, fileName: file.name, version: 1 };
      },
    },
  });
  const { alertEl, submit, onSubmit } = taskFormSubmit(form, {
    complete: (value, key) => api.completeReviewTask(task.id, value, key),
    done: () => {
      setFlash(`${pick(task.label)}${t('colon')}${t('rtask.done')}`);
      navigate(reviewHash(r.id));
    },
  });
  mount(
    main,
    crumbsFor(task),
    h(
      'section',
      { class: 'panel form-panel', 'aria-labelledby': 'task-title' },
      head,
      task.kind === 'review_legality' ? reviewRevisionsPanel(r) : null,
      taskContextView(shownContext(task), docs),
      ['review_legality', 'second_check_review', 'sign_off_review_opinion'].includes(task.kind)
        ? h('p', { class: 'notice' }, t('task.reviewHint'), ' ', h('a', { class: 'btn btn--small', href: reviewHash(r.id) }, t('task.reviewOpen')))
        : null,
      h('form', { class: 'task-form', novalidate: true, onsubmit: onSubmit, 'data-kind': task.kind }, form.el, alertEl, h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn', href: reviewHash(r.id) }, t('form.cancel')))),
    ),
  );
  if (focus) focusHeading(main);
  else focusFirst(main, '.task-form input, .task-form select, .task-form textarea');
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/review-tasks/:id',
  page: ({ main, params, seq, focus }) => renderReviewTask(main, params.id, seq, focus),
};
