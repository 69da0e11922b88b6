// @ts-check
// What the task pages share: per-kind form hints and initial values, the task's context shown readable, and
// the submit handling with an idempotency key.

import { ApiError, newIdempotencyKey } from './api.js';
import { h, mount } from './dom.js';
import { choiceLabel, fieldLabel } from './fields.js';
import { articlesFor, formatDateTime, getLocale, label, pick, t } from './i18n.js';
import { state } from './shell.js';
import { downloadButton, showFormProblems } from './ui.js';

/** Per kind: what the form starts with (from the task's context and the decision) and which fields show when. */
export const KIND_FORMS = {
  submit_draft: {
    initial: (task) => ({
      departmentOpinions: (task.context?.coDepartmentIds ?? []).map((departmentId) => ({ departmentId })),
    }),
    hints: {
      departmentOpinions: { help: 'R3' },
      'departmentOpinions.*.ourReasons': { conditional: true },
      'departmentOpinions.*.theirReasons': { conditional: true },
    },
  },
  submit_for_legality_review: {
    initial: (task) => ({ legalBasis: task.context?.suggestedLegalBasis ?? [] }),
    hints: { shortenedReason: { help: 'R17' } },
  },
  record_expert_opinions: {
    initial: (task) => ({ opinions: Array.from({ length: Number(task.context?.minOpinions) || 1 }, () => ({})) }),
    hints: {
      opinions: { help: 'R11' },
      'opinions.*.response': { help: 'R11' },
      'opinions.*.reason': { conditional: true },
    },
  },
  conclude_public_participation: {
    hints: () => ({
      'groups.*.summary': { label: t('form.groupSummary') },
      'groups.*.response': { help: 'R6' },
      'groups.*.reason': { conditional: true },
    }),
  },
  open_comment_period: { hints: { shortenedReason: { help: 'R5' } } },
  review_legality: {
    hints: (task) => ({
      // The checklist the opinion must address item by item (R18), when the task names it.
      ...(Array.isArray(task.context?.checklist)
        ? { findings: { keys: task.context.checklist.map((i) => ({ key: i.key, label: pick(i) || i.key })) } }
        : {}),
      requiredChanges: { showIf: (v) => v.outcome === 'passed_with_changes' },
      reasons: { showIf: (v) => v.outcome === 'returned_for_revision' || v.outcome === 'not_lawful' },
      legalRisks: { showIf: (v) => v.outcome === 'exploratory_with_risk' },
      missingItems: { showIf: (v) => v.outcome === 'materials_incomplete' },
    }),
  },
  record_required_changes: {
    initial: (task) => ({ changes: (task.context?.requiredChanges ?? []).map((requirement) => ({ requirement })) }),
    hints: (task) =>
      task.context?.requiredChanges?.length
        ? { changes: { fixedRows: true }, 'changes.*.requirement': { readonly: true } }
        : {},
  },
  publish_decision: {
    initial: (task) => (task.context?.confidential ? {} : { channels: [{}] }),
    hints: (task) =>
      task.context?.widePublicConcern
        ? { adoptionExplanation: { help: 'R27' }, interpretationReference: { help: 'R27' } }
        : {},
  },
  name_implementing_unit: { initial: (_task, d) => ({ implementingDepartmentId: d?.leadDepartment?.id }) },
};

/** A kind's form hints for one task, a bare rule id as help made a sentence ("see R17"). */
export function resolveHints(kindForm, task) {
  return Object.fromEntries(
    Object.entries(typeof kindForm.hints === 'function' ? kindForm.hints(task) : (kindForm.hints ?? {})).map(
      ([k, v]) => [
        k,
        v.help && /^R\d+$/.test(v.help) ? { ...v, conditional: true, help: t('form.ruleHelp', { rule: v.help }) } : v,
      ],
    ),
  );
}

/** A value of a task's context, readable: labels for codes, file names for documents, nested lists for records. */
function contextValue(key, v, docs = []) {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return null;
  if (typeof v === 'boolean') return v ? t('ctx.yes') : t('ctx.no');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
  if (/DocumentIds?$/.test(key)) {
    // Each material opens: a download under its file name where the page knows where to fetch it.
    const items = (Array.isArray(v) ? v : [v]).map((id) => {
      const doc = docs.find((x) => x.id === id);
      if (!doc) return h('li', {}, t('ctx.document'));
      return h(
        'li',
        { class: 'ctx-doc' },
        doc.downloadUrl
          ? downloadButton(
              doc.version > 1 ? `${doc.fileName}（v${doc.version}）` : doc.fileName,
              doc.downloadUrl,
              doc.fileName,
              'btn btn--small btn--link doc-link',
            )
          : doc.fileName,
      );
    });
    return h('ul', { class: 'ctx-list ctx-docs' }, items);
  }
  if (/DepartmentIds?$/.test(key)) {
    const names = (Array.isArray(v) ? v : [v]).map((id) => {
      const dept = state.departments?.find((x) => x.id === id);
      return dept ? (getLocale() === 'en' ? dept.nameEn : dept.nameZh) : id;
    });
    return names.join('、');
  }
  if (/UserId$/.test(key)) return null;
  if (key === 'stage') return label('stage', v);
  if (key === 'reviewKind') return choiceLabel('reviewKind', v);
  if (key === 'status') return t(`stageStatus.${v}`) === `stageStatus.${v}` ? String(v) : t(`stageStatus.${v}`);
  if (key === 'outcome' || key === 'previousDecision')
    return choiceLabel(key === 'previousDecision' ? 'chiefDecision' : 'outcome', v);
  if (Array.isArray(v))
    return h(
      'ul',
      { class: 'ctx-list' },
      v.map((x) => h('li', {}, contextValue(key, x, docs) ?? '—')),
    );
  if (typeof v === 'object') {
    if ('zh' in v && 'en' in v) return pick(v);
    const parts = Object.entries(v)
      .map(([k, x]) => [k, contextValue(k, x, docs)])
      .filter(([, x]) => x !== null && x !== '');
    // A record holding a list reads better one entry a line.
    if (parts.some(([, x]) => x instanceof Element && x.tagName === 'UL'))
      return h(
        'div',
        { class: 'ctx-record ctx-record--lines' },
        parts.map(([k, x]) =>
          h('div', { class: 'ctx-line' }, h('span', { class: 'ctx-key' }, `${contextLabel(k)}${t('colon')}`), x),
        ),
      );
    return h(
      'span',
      { class: 'ctx-record' },
      parts.map(([k, x], i) => [i ? '；' : '', h('span', { class: 'ctx-key' }, `${contextLabel(k)}${t('colon')}`), x]),
    );
  }
  return typeof v === 'string' ? articlesFor(fieldChoice(key, v)) : fieldChoice(key, v);
}

function contextLabel(k) {
  return t(`ctx.${k}`) === `ctx.${k}` ? fieldLabel(k) : t(`ctx.${k}`);
}

function fieldChoice(_key, v) {
  const s = String(v);
  if (['draft', 'explanation', 'legal_basis', 'fair_competition_review'].includes(s)) return label('documentKind', s);
  if (s === 'statutory_steps') return t('ctx.statutorySteps');
  return s;
}

export function taskContextView(task, docs) {
  const entries = Object.entries(task.context ?? {})
    .map(([k, v]) => [k, contextValue(k, v, docs)])
    .filter(([, v]) => v !== null && v !== '');
  if (!entries.length) return null;
  return h(
    'section',
    { class: 'task-context', 'aria-labelledby': 'ctx-title' },
    h('h2', { id: 'ctx-title' }, t('task.context')),
    h(
      'dl',
      { class: 'meta' },
      entries.map(([k, v]) =>
        h('div', { class: 'meta-item meta-item--wide' }, h('dt', {}, contextLabel(k)), h('dd', {}, v)),
      ),
    ),
  );
}

/**
 * A task form's alert, submit button and submit handler: checks the form, calls `complete(value, key)` with an
 * idempotency key, then `done()`; problems go to the form's fields and its alert.
 */
export function taskFormSubmit(form, { complete, done }) {
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('form.submit'));
  let key = newIdempotencyKey();
  const onSubmit = async (ev) => {
    ev.preventDefault();
    form.clearErrors();
    mount(alertEl);
    const { value, errors } = form.value();
    if (errors.length) return showFormProblems(form, alertEl, errors);
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    try {
      await complete(value, key);
      done();
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('form.submit');
      // A refused or invalid attempt is over; the next one is a new attempt. A lost answer is retried with the same key.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) key = newIdempotencyKey();
      showFormProblems(form, alertEl, err, 'payload');
    }
  };
  return { alertEl, submit, onSubmit };
}
