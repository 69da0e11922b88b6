// Normative documents (行政规范性文件) and contracts (合同、协议) a department submits for legality review: its
// submissions, the submission form, and the tasks of those reviews (they live beside the decisions' tasks, in
// GET /api/reviews/tasks, and open with the same schema-driven form).

import { api, ApiError, fileToBase64 } from './api.js';
import { h, mount, panel } from './dom.js';
import { schemaForm } from './forms.js';
import { addMessages, formatDateTime, getLocale, label, pick, t } from './i18n.js';

/** Helpers of app.js (errors, dues, navigation, the task forms' per-kind hints), handed over once at start. */
let env;
export function initReviews(helpers) {
  env = helpers;
}

addMessages(
  {
    'nav.submissions': '送审文件',
    'sub.title': '规范性文件与合同送审',
    'sub.lead': '本单位报送法务中心合法性审查的行政规范性文件和合同、协议（R16、R17、R20）。',
    'sub.new': '报送审查',
    'sub.none': '本单位尚无送审事项。',
    'sub.list': '本单位送审事项',
    'sub.kind': '类别',
    'sub.titleCol': '名称',
    'sub.count': '共 {n} 项',
    'tasks.openReview': '查看审查 {number}',
    'sub.outcome': '审查结论',
    'sub.opinionNo': '意见书文号',
    'sub.submitted': '报送时间',
    'sub.formTitle': '报送合法性审查',
    'sub.formLead': '以{dept}名义报送。材料不全的，法务中心退回补充，审查期限自材料齐全之日起计算（R16、R17）。',
    'sub.files': '送审材料',
    'sub.file.draft.normative_document': '规范性文件草案',
    'sub.file.draft.contract': '合同文本',
    'sub.file.explanation': '起草说明',
    'sub.file.counterparty': '相对方主体资格材料',
    'sub.fileHelp': '可上传 .txt 或 .docx，辅助审查将读取正文；单个文件不超过 10 MB。',
    'sub.submit': '报送审查',
    'sub.done': '已报送：{number}，审查期限 {days} 个工作日',
    'sub.back': '返回送审事项',
    'sub.helpConsultation': '征求意见的方式、收到的意见及采纳情况。',
    'sub.helpDays': '少于法定期限的应当说明理由（R17）。',
    'rtask.back': '返回审查详情',
    'rtask.done': '已提交',
    'review.docs': '送审材料',
    'review.docsNone': '尚无材料',
    'review.revisions': '修改情况',
    'review.revisionRound': '第{round}轮送审稿',
    'review.revisionDraft': '修改后的草案：{name}（第{version}版）',
    'review.revisionSha': 'SHA-256：{sha}',
    'review.revisionSummary': '修改情况说明',
    'review.upload': '上传补充材料',
    'review.uploadKind': '材料类别',
    'review.uploadFile': '选择文件',
    'review.uploadSubmit': '上传',
    'review.uploaded': '已上传：{name}',
    'review.department': '报送单位',
    'review.outcome': '审查结论',
    'review.submittedAt': '报送时间',
    'review.fileRequired': '请选择文件',
    'label.documentKind.counterparty': '相对方主体资格材料',
    'label.documentKind.review_opinion': '合法性审查意见书',
    'review.status.intake': '材料审核中',
    'review.status.supplement': '退回补充材料',
    'review.status.changes': '落实修改意见',
    'review.status.done': '已办结',
  },
  {
    'nav.submissions': 'Submissions',
    'sub.title': 'Normative documents and contracts for review',
    'sub.lead': 'What your department has sent to the legal center for legality review (R16, R17, R20).',
    'sub.new': 'Submit for review',
    'sub.none': 'Your department has submitted nothing yet.',
    'sub.list': 'Our submissions',
    'sub.kind': 'Kind',
    'sub.titleCol': 'Title',
    'sub.count': '{n} in all',
    'tasks.openReview': 'Open review {number}',
    'sub.outcome': 'Outcome',
    'sub.opinionNo': 'Opinion',
    'sub.submitted': 'Submitted',
    'sub.formTitle': 'Submit for legality review',
    'sub.formLead': 'Submitted on behalf of {dept}. Missing materials are returned for supplement; the review time runs from the day they are complete (R16, R17).',
    'sub.files': 'Materials',
    'sub.file.draft.normative_document': 'Draft of the normative document',
    'sub.file.draft.contract': 'Contract text',
    'sub.file.explanation': 'Drafting explanation',
    'sub.file.counterparty': 'Counterparty’s qualification',
    'sub.fileHelp': '.txt or .docx are read by the assisted review; at most 10 MB each.',
    'sub.submit': 'Submit for review',
    'sub.done': 'Submitted: {number}; review time {days} working days',
    'sub.back': 'Back to submissions',
    'sub.helpConsultation': 'How opinions were sought, what came in and what was taken up.',
    'sub.helpDays': 'A time shorter than the statutory one needs its reason (R17).',
    'rtask.back': 'Back to the review',
    'rtask.done': 'submitted',
    'review.docs': 'Materials',
    'review.docsNone': 'No materials yet',
    'review.revisions': 'Revisions',
    'review.revisionRound': 'Round {round} submission',
    'review.revisionDraft': 'Revised draft: {name} (version {version})',
    'review.revisionSha': 'SHA-256: {sha}',
    'review.revisionSummary': 'What was changed',
    'review.upload': 'Upload a material',
    'review.uploadKind': 'Kind of material',
    'review.uploadFile': 'File',
    'review.uploadSubmit': 'Upload',
    'review.uploaded': 'Uploaded: {name}',
    'review.department': 'Submitted by',
    'review.outcome': 'Outcome',
    'review.submittedAt': 'Submitted',
    'review.fileRequired': 'Choose a file',
    'label.documentKind.counterparty': 'Counterparty’s qualification',
    'label.documentKind.review_opinion': 'Review opinion',
    'review.status.intake': 'Checking materials',
    'review.status.supplement': 'Returned for supplement',
    'review.status.changes': 'Recording the changes',
    'review.status.done': 'Closed',
  },
);

export const reviewHash = (id) => `#/reviews/${encodeURIComponent(id)}`;
export const reviewTaskHash = (id) => `#/review-tasks/${encodeURIComponent(id)}`;
export const reviewStatus = (s) => (t(`review.status.${s}`) === `review.status.${s}` ? s : t(`review.status.${s}`));
const deptName = (id) => {
  const d = (env.state.departments ?? []).find((x) => x.id === id);
  return d ? (getLocale() === 'en' ? d.nameEn : d.nameZh) : (id ?? '');
};
const UPLOAD_KINDS = ['draft', 'explanation', 'counterparty', 'other'];
/** A review's file kind in words: its draft is a normative document's draft or a contract's text, not a decision's. */
const docKind = (reviewKind, kind) => (kind === 'draft' ? t(`sub.file.draft.${reviewKind === 'contract' ? 'contract' : 'normative_document'}`) : label('documentKind', kind));

// ---------------------------------------------------------------- the inbox: review tasks beside decision tasks

/**
 * The caller's open tasks of normative-document and contract reviews, shaped as the decisions' inbox items
 * (label, due, the review's number and title), to merge into the home page's list.
 */
export async function reviewInboxItems() {
  const inbox = await api.reviewTasks();
  // The server shapes each task as it shapes a decision's (label, due with its rule, paused, overdue).
  return inbox.items.map((x) => ({ ...x, review: x.review ?? { id: x.reviewId, subjectNumber: x.reviewId, title: '' } }));
}

/** One review task in the home inbox: opens its form; its review's page beside. */
export function reviewTaskItem(task) {
  const r = task.review;
  return h(
    'li',
    { class: ['task-item', task.overdue && 'is-overdue'] },
    h(
      'a',
      { class: 'task-link', href: reviewTaskHash(task.id), 'aria-label': `${t('task.open')}${t('colon')}${pick(task.label)} · ${r.subjectNumber}` },
      h('span', { class: 'task-label' }, pick(task.label)),
      h('span', { class: 'task-decision' }, h('span', { class: 'num' }, r.subjectNumber), ' ', h('span', { class: 'task-decision-title' }, r.title), r.kind ? h('span', { class: 'open-role' }, ` · ${label('reviewKind', r.kind)}`) : null),
    ),
    h('div', { class: 'task-due' }, env.dueView(task.due, { overdue: task.overdue, paused: task.paused, basis: false, attention: task.dueAttention })),
    h('a', { class: 'task-decision-link', href: reviewHash(r.id) }, t('tasks.openReview', { number: r.subjectNumber })),
  );
}

// ---------------------------------------------------------------- the department's submissions

export async function renderSubmissions(main, seq, focus) {
  document.title = `${t('sub.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  mount(main, env.loading());
  let list;
  try {
    await env.departments();
    list = await api.reviews({ scope: 'department' });
  } catch (err) {
    if (!env.stale(seq)) mount(main, env.errorBox(err, () => renderSubmissions(main, seq, focus)));
    return;
  }
  if (env.stale(seq)) return;
  const note = env.takeFlash();
  const cols = [t('legal.subject'), t('sub.kind'), t('sub.titleCol'), t('legal.status'), t('legal.due'), t('sub.outcome')];
  mount(
    main,
    note ? h('p', { class: 'flash', role: 'status' }, note) : null,
    h(
      'section',
      { class: 'home-head', 'aria-labelledby': 'sub-title' },
      h('div', { class: 'home-head-text' }, h('h1', { id: 'sub-title' }, t('sub.title')), h('p', { class: 'home-hint' }, t('sub.lead'))),
      env.hasRole('drafter') ? h('a', { class: 'btn btn--primary home-launch', href: '#/submissions/new' }, `＋ ${t('sub.new')}`) : null,
    ),
    panel(
      {
        id: 'sub-list-title',
        title: t('sub.list'),
        meta: h('p', { class: 'panel-meta' }, h('span', { class: 'count' }, t('sub.count', { n: list.total })), h('span', { class: ['count', 'count--overdue', list.overdue > 0 && 'is-nonzero'] }, t('tasks.overdue', { n: list.overdue }))),
      },
      list.items.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'table submissions-table' },
              h('caption', { class: 'visually-hidden' }, t('sub.list')),
              h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
              h(
                'tbody',
                {},
                list.items.map((r) =>
                  h(
                    'tr',
                    { class: r.overdue ? 'is-overdue' : '' },
                    h('td', { 'data-label': cols[0] }, h('span', { class: 'num' }, r.subjectNumber)),
                    h('td', { 'data-label': cols[1] }, label('reviewKind', r.kind)),
                    h('td', { 'data-label': cols[2] }, h('a', { href: reviewHash(r.id) }, r.title)),
                    h('td', { 'data-label': cols[3] }, reviewStatus(r.status)),
                    h('td', { 'data-label': cols[4] }, r.dueAt && !r.issuedAt ? env.dueView({ dueAt: r.dueAt }, { overdue: r.overdue, basis: false, labelled: false }) : '—'),
                    h('td', { 'data-label': cols[5] }, r.outcome ? label('reviewOutcome', r.outcome) : '—', r.opinionNo ? h('span', { class: 'open-role' }, ` · ${r.opinionNo}`) : null),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'empty' }, t('sub.none')),
    ),
  );
  if (focus) env.focusHeading(main);
}

// ---------------------------------------------------------------- the submission form

const SUBMIT_SCHEMA = {
  type: 'object',
  required: ['kind', 'title', 'legalBasis'],
  properties: {
    kind: { type: 'string', enum: ['normative_document', 'contract'] },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    legalBasis: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 300 }, maxItems: 50 },
    consultationSummary: { type: 'string', minLength: 1, maxLength: 5000 },
    requestedReviewWorkingDays: { type: 'integer', minimum: 1, maximum: 60 },
    shortenedReason: { type: 'string', minLength: 1, maxLength: 500 },
  },
};

/** A labelled file input with its error line, for a material sent inside the submission (base64). */
function fileField(name) {
  const id = `sub-file-${name}`;
  const labelEl = h('label', { for: id });
  const input = h('input', { id, name, type: 'file', class: 'sub-file', accept: '.txt,.docx,.doc,.pdf,.wps,.ofd,text/plain,application/pdf' });
  const err = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const setError = (msg) => {
    err.textContent = msg || '';
    err.hidden = !msg;
    input.setAttribute('aria-invalid', msg ? 'true' : 'false');
    if (msg) input.setAttribute('aria-describedby', err.id);
    else input.removeAttribute('aria-describedby');
  };
  input.addEventListener('change', () => setError(''));
  const el = h('div', { class: 'sf-field sub-file-field' }, labelEl, input, err);
  return { name, el, input, labelEl, setError };
}

export async function renderSubmitReview(main, seq, focus) {
  document.title = `${t('sub.formTitle')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/submissions' }, `← ${t('sub.back')}`));
  if (!env.hasRole('drafter')) {
    mount(main, crumbs, h('section', { class: 'panel' }, h('h1', {}, t('sub.formTitle')), h('p', {}, t('notfound.body'))));
    return;
  }
  mount(main, crumbs, env.loading());
  let depts;
  try {
    depts = await env.departments();
  } catch (err) {
    if (!env.stale(seq)) mount(main, crumbs, env.errorBox(err, () => renderSubmitReview(main, seq, focus)));
    return;
  }
  if (env.stale(seq)) return;
  const me = depts.find((d) => d.id === env.myDepartmentId());
  const form = schemaForm({
    schema: SUBMIT_SCHEMA,
    scope: 'submit_review',
    initial: { kind: 'normative_document' },
    hints: {
      consultationSummary: { showIf: (v) => v.kind === 'normative_document', help: t('sub.helpConsultation') },
      requestedReviewWorkingDays: { help: t('sub.helpDays') },
      shortenedReason: { showIf: (v) => Number.isFinite(v.requestedReviewWorkingDays) },
    },
  });
  const files = { draft: fileField('draft'), explanation: fileField('explanation'), counterparty: fileField('counterparty') };
  const kindOf = () => form.value().value.kind ?? 'normative_document';
  const refreshFiles = () => {
    const kind = kindOf();
    mount(files.draft.labelEl, t(`sub.file.draft.${kind === 'contract' ? 'contract' : 'normative_document'}`), h('span', { class: 'sf-opt' }, ` ${t('form.optional')}`));
    mount(files.explanation.labelEl, t('sub.file.explanation'), h('span', { class: 'sf-opt' }, ` ${t('form.optional')}`));
    mount(files.counterparty.labelEl, t('sub.file.counterparty'), h('span', { class: 'sf-opt' }, ` ${t('form.optional')}`));
    files.explanation.el.hidden = kind === 'contract';
    files.counterparty.el.hidden = kind !== 'contract';
  };
  form.el.addEventListener('change', refreshFiles);
  refreshFiles();
  const filesBox = h(
    'fieldset',
    { class: 'sf-group sub-files' },
    h('legend', {}, t('sub.files')),
    h('p', { class: 'sf-help' }, t('sub.fileHelp')),
    Object.values(files).map((f) => f.el),
  );

  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('sub.submit'));
  const onSubmit = async (ev) => {
    ev.preventDefault();
    form.clearErrors();
    for (const f of Object.values(files)) f.setError('');
    mount(alertEl);
    const { value, errors } = form.value();
    if (errors.length) return env.showFormProblems(form, alertEl, errors);
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    try {
      const body = { ...value };
      for (const f of Object.values(files)) {
        const file = !f.el.hidden ? f.input.files?.[0] : null;
        if (file) body[f.name] = { fileName: file.name, mimeType: file.type || 'application/octet-stream', contentBase64: await fileToBase64(file) };
      }
      const res = await api.submitReview(body);
      env.setFlash(t('sub.done', { number: res.number, days: res.reviewWorkingDays }));
      env.navigate(reviewHash(res.id));
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('sub.submit');
      if (err instanceof ApiError && err.status === 400 && err.issues.length) {
        // A file's problem goes beside its file input; the rest beside the form's fields.
        const fileOf = (i) => files[String(i.path).split('.')[0]];
        const atFiles = err.issues.filter((i) => fileOf(i) && !fileOf(i).el.hidden);
        for (const i of atFiles) fileOf(i).setError(pick(i.message));
        err.issues = err.issues.filter((i) => !atFiles.includes(i));
        if (!err.issues.length) {
          mount(alertEl, h('div', { class: 'error-box' }, h('p', {}, t('form.fixErrors', { n: atFiles.length }))));
          main.querySelector('.sub-file[aria-invalid="true"]')?.focus();
          return;
        }
      }
      env.showFormProblems(form, alertEl, err, '');
    }
  };
  mount(
    main,
    crumbs,
    panel(
      { id: 'sub-form-title', title: t('sub.formTitle'), class: 'form-panel', heading: 'h1' },
      h('p', { class: 'panel-lead' }, t('sub.formLead', { dept: me ? (getLocale() === 'en' ? me.nameEn : me.nameZh) : '' })),
      h('form', { class: 'task-form', novalidate: true, onsubmit: onSubmit }, form.el, filesBox, alertEl, h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn', href: '#/submissions' }, t('form.cancel')))),
    ),
  );
  if (focus) env.focusHeading(main);
  else main.querySelector('input, select, textarea')?.focus();
}

// ---------------------------------------------------------------- one task of a review without a decision

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
  mount(main, crumbsFor(null), env.loading());
  let task;
  let r;
  let depts;
  try {
    task = await api.reviewTask(id);
    [r, depts] = await Promise.all([api.review(task.reviewId), env.departments()]);
  } catch (err) {
    if (!env.stale(seq)) mount(main, crumbsFor(task), env.errorBox(err, () => renderReviewTask(main, id, seq, focus)));
    return;
  }
  if (env.stale(seq)) return;
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
      h('div', { class: 'meta-item' }, h('dt', {}, t('open.due')), h('dd', {}, env.dueView(task.due, { overdue: task.overdue, paused: task.paused, attention: task.dueAttention }))),
    ),
  );
  if (task.status !== 'open') {
    mount(main, crumbsFor(task), h('section', { class: 'panel form-panel', 'aria-labelledby': 'task-title' }, head, h('p', { class: 'notice' }, t('task.closed'))));
    if (focus) env.focusHeading(main);
    return;
  }
  const kindForm = env.kindForm(task.kind) ?? {};
  let prefill = {};
  if (task.kind === 'review_legality') {
    const draft = await api.opinionDraft(r.id).catch(() => null);
    if (Array.isArray(draft?.findings) && draft.findings.length) prefill = { findings: Object.fromEntries(draft.findings.map((f) => [f.key, { conforms: f.conforms, finding: f.finding }])) };
  }
  if (env.stale(seq)) return;
  const hints = env.resolveHints(kindForm, task);
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
  const { alertEl, submit, onSubmit } = env.taskFormSubmit(form, {
    complete: (value, key) => api.completeReviewTask(task.id, value, key),
    done: () => {
      env.setFlash(`${pick(task.label)}${t('colon')}${t('rtask.done')}`);
      env.navigate(reviewHash(r.id));
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
      env.taskContextView(shownContext(task), docs),
      ['review_legality', 'second_check_review', 'sign_off_review_opinion'].includes(task.kind)
        ? h('p', { class: 'notice' }, t('task.reviewHint'), ' ', h('a', { class: 'btn btn--small', href: reviewHash(r.id) }, t('task.reviewOpen')))
        : null,
      h('form', { class: 'task-form', novalidate: true, onsubmit: onSubmit, 'data-kind': task.kind }, form.el, alertEl, h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn', href: reviewHash(r.id) }, t('form.cancel')))),
    ),
  );
  if (focus) env.focusHeading(main);
  else main.querySelector('.task-form input, .task-form select, .task-form textarea')?.focus();
}

// ---------------------------------------------------------------- the review page: materials, upload (submitting department)

/** Issue 14 item 3: each revised draft (its version and SHA-256) with the drafter's 修改情况说明, latest first. */
export function reviewRevisionsPanel(r) {
  const revisions = r.revisions ?? [];
  if (!revisions.length) return null;
  return panel(
    { id: 'review-revisions-title', title: t('review.revisions') },
    h(
      'ol',
      { class: 'revision-list', reversed: true },
      [...revisions].reverse().map((v) =>
        h(
          'li',
          { class: 'revision', 'data-round': String(v.round) },
          h('h3', {}, t('review.revisionRound', { round: v.round }), ' ', v.revisedAt ? h('time', { datetime: v.revisedAt }, formatDateTime(v.revisedAt)) : null),
          v.draft ? h('p', { class: 'revision-draft' }, t('review.revisionDraft', { name: v.draft.fileName, version: v.draft.version })) : null,
          v.draft ? h('p', { class: 'doc-meta revision-sha' }, t('review.revisionSha', { sha: v.draft.sha256 })) : null,
          h('p', { class: 'revision-summary' }, h('strong', {}, `${t('review.revisionSummary')}${t('colon')}`), v.changesSummary),
        ),
      ),
    ),
  );
}

/** A review's files (download), and for its department's drafters an upload of a supplement while it is open. */
export function reviewDocumentsPanel(r, rerender) {
  if (r.decisionId) return null;
  const docs = r.documents ?? [];
  const canUpload = env.hasRole('drafter') && r.departmentId === env.myDepartmentId() && !r.issuedAt && r.status !== 'cancelled';
  let upload = null;
  if (canUpload) {
    const kindSel = h('select', { id: 'review-upload-kind', name: 'kind' }, UPLOAD_KINDS.filter((k) => k !== (r.kind === 'contract' ? 'explanation' : 'counterparty')).map((k) => h('option', { value: k }, docKind(r.kind, k))));
    const file = h('input', { id: 'review-upload-file', type: 'file', name: 'file' });
    const err = h('p', { class: 'field-error', id: 'review-upload-file-error', hidden: true });
    const status = h('p', { class: 'sf-upload-status', role: 'status' });
    const button = h('button', { type: 'submit', class: 'btn btn--primary btn--small' }, t('review.uploadSubmit'));
    const setError = (msg) => {
      err.textContent = msg || '';
      err.hidden = !msg;
      file.setAttribute('aria-invalid', msg ? 'true' : 'false');
      if (msg) file.setAttribute('aria-describedby', err.id);
      else file.removeAttribute('aria-describedby');
    };
    upload = h(
      'form',
      {
        class: 'task-form task-form--inline review-upload',
        novalidate: true,
        onsubmit: async (ev) => {
          ev.preventDefault();
          setError('');
          status.textContent = '';
          const f = file.files?.[0];
          if (!f) {
            setError(t('review.fileRequired'));
            return file.focus();
          }
          button.disabled = true;
          try {
            await api.uploadReviewDocument(r.id, { kind: kindSel.value, fileName: f.name, mimeType: f.type || 'application/octet-stream', contentBase64: await fileToBase64(f) });
            rerender(t('review.uploaded', { name: f.name }));
          } catch (e) {
            button.disabled = false;
            const issue = e instanceof ApiError ? e.issues[0] : null;
            setError(issue ? pick(issue.message) : env.errorMessage(e));
          }
        },
      },
      h('h3', {}, t('review.upload')),
      h('div', { class: 'sf-field' }, h('label', { for: kindSel.id }, t('review.uploadKind')), kindSel),
      h('div', { class: 'sf-field' }, h('label', { for: file.id }, t('review.uploadFile')), file, err),
      status,
      h('div', { class: 'form-actions' }, button),
    );
  }
  return panel(
    { id: 'review-docs-title', title: t('review.docs'), meta: h('p', { class: 'panel-meta' }, String(docs.length)) },
    docs.length
      ? h(
          'ul',
          { class: 'doc-list' },
          docs.map((d) =>
            h(
              'li',
              { class: 'doc-item' },
              h('div', { class: 'doc-main' }, h('span', { class: 'doc-name' }, d.fileName), h('span', { class: 'doc-meta' }, h('span', { class: 'doc-kind' }, docKind(r.kind, d.kind)), h('span', {}, `v${d.version}`), h('time', { datetime: d.createdAt }, formatDateTime(d.createdAt)))),
              env.downloadButton(t('docs.download'), `/api/reviews/${encodeURIComponent(r.id)}/documents/${encodeURIComponent(d.id)}`, d.fileName),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('review.docsNone')),
    upload,
  );
}
