// @ts-check
// Submitting a normative document or contract for legality review (R16 materials as files).

import { api, ApiError, fileToBase64 } from '../api.js';
import { focusFirst, h, mount, panel } from '../dom.js';
import { schemaForm } from '../forms.js';
import { getLocale, pick, t } from '../i18n.js';
import { reviewHash } from '../links.js';
import { departments, hasRole, myDepartmentId, navigate, setFlash, stale } from '../shell.js';
import { errorBox, focusHeading, loading, showFormProblems } from '../ui.js';

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
  const input = h('input', {
    id,
    name,
    type: 'file',
    class: 'sub-file',
    accept: '.txt,.docx,.doc,.pdf,.wps,.ofd,text/plain,application/pdf',
  });
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
  if (!hasRole('drafter')) {
    mount(
      main,
      crumbs,
      h('section', { class: 'panel' }, h('h1', {}, t('sub.formTitle')), h('p', {}, t('notfound.body'))),
    );
    return;
  }
  mount(main, crumbs, loading());
  let depts;
  try {
    depts = await departments();
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        crumbs,
        errorBox(err, () => renderSubmitReview(main, seq, focus)),
      );
    return;
  }
  if (stale(seq)) return;
  const me = depts.find((d) => d.id === myDepartmentId());
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
  const files = {
    draft: fileField('draft'),
    explanation: fileField('explanation'),
    counterparty: fileField('counterparty'),
  };
  const kindOf = () => form.value().value.kind ?? 'normative_document';
  const refreshFiles = () => {
    const kind = kindOf();
    mount(
      files.draft.labelEl,
      t(`sub.file.draft.${kind === 'contract' ? 'contract' : 'normative_document'}`),
      h('span', { class: 'sf-opt' }, ` ${t('form.optional')}`),
    );
    mount(
      files.explanation.labelEl,
      t('sub.file.explanation'),
      h('span', { class: 'sf-opt' }, ` ${t('form.optional')}`),
    );
    mount(
      files.counterparty.labelEl,
      t('sub.file.counterparty'),
      h('span', { class: 'sf-opt' }, ` ${t('form.optional')}`),
    );
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
    if (errors.length) return showFormProblems(form, alertEl, errors);
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    try {
      const body = { ...value };
      for (const f of Object.values(files)) {
        const file = !f.el.hidden ? f.input.files?.[0] : null;
        if (file)
          body[f.name] = {
            fileName: file.name,
            mimeType: file.type || 'application/octet-stream',
            contentBase64: await fileToBase64(file),
          };
      }
      const res = await api.submitReview(body);
      setFlash(t('sub.done', { number: res.number, days: res.reviewWorkingDays }));
      navigate(reviewHash(res.id));
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
          focusFirst(main, '.sub-file[aria-invalid="true"]');
          return;
        }
      }
      showFormProblems(form, alertEl, err, '');
    }
  };
  mount(
    main,
    crumbs,
    panel(
      { id: 'sub-form-title', title: t('sub.formTitle'), class: 'form-panel', heading: 'h1' },
      h(
        'p',
        { class: 'panel-lead' },
        t('sub.formLead', { dept: me ? (getLocale() === 'en' ? me.nameEn : me.nameZh) : '' }),
      ),
      h(
        'form',
        { class: 'task-form', novalidate: true, onsubmit: onSubmit },
        form.el,
        filesBox,
        alertEl,
        h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn', href: '#/submissions' }, t('form.cancel'))),
      ),
    ),
  );
  if (focus) focusHeading(main);
  else focusFirst(main, 'input, select, textarea');
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/submissions/new',
  page: ({ main, seq, focus }) => renderSubmitReview(main, seq, focus),
};
