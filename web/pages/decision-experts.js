// @ts-check
// The decision page's 专家论证 section (R10, R11; Decree 713 Art. 19–20) for the lead department: the chosen experts
// with their invitation's delivery, signed opinion (download) and response; answering an opinion or recording a
// decline; candidates from the pool filtered by field, the conflicted ones shown with their refusal; choosing with a
// reason; and concluding the stage from the selections. Forms are the API's schemas (GET /api/forms/expert…).

import { fileToBase64, newIdempotencyKey } from '../api.js';
import { expertsApi } from '../experts-api.js';
import { focusFirst, h, mount, panel } from '../dom.js';
import { choiceLabel } from '../fields.js';
import { schemaForm } from '../forms.js';
import { formatDateTime, pick, t } from '../i18n.js';
import { formSchema, hasRole, myDepartmentId } from '../shell.js';
import { disclosureForm, documentItem, errorBox, flash, loading, showFormProblems, table, td } from '../ui.js';

/** Whether the section is shown: the lead department's drafter or head, while argumentation applies. */
function applies(d) {
  const stage = (d.stages ?? []).find((s) => s.stage === 'expert_argumentation');
  return (
    hasRole('drafter', 'dept_head') &&
    d.leadDepartment?.id === myDepartmentId() &&
    d.access !== 'published' &&
    stage &&
    stage.status !== 'skipped' &&
    stage.status !== 'not_applicable' &&
    stage.status !== 'pending'
  );
}

/** The section (its own container, re-rendered after each action); null when it does not apply. */
export function expertsPanel(d) {
  if (!applies(d)) return null;
  const body = h('div', { class: 'experts-body' }, loading());
  const section = panel({ id: 'experts-section-title', title: t('dexp.title'), class: 'experts-panel' }, body);
  void load(d, body, { field: '', note: null });
  return section;
}

/** @param {any} d @param {HTMLElement} body @param {{ field: string, note: string | null }} view */
async function load(d, body, view) {
  let selections;
  let candidates;
  /** @type {any[]} */
  let schemas;
  try {
    [selections, candidates, ...schemas] = await Promise.all([
      expertsApi.selections(d.id),
      expertsApi.candidates(d.id, view.field || undefined),
      formSchema('expertSelection'),
      formSchema('expertResponse'),
      formSchema('expertDecline'),
      formSchema('expertConclusion'),
      formSchema('expertOpinion'),
    ]);
  } catch (err) {
    mount(
      body,
      errorBox(err, () => load(d, body, view)),
    );
    return;
  }
  const [selectSchema, responseSchema, declineSchema, conclusionSchema, opinionSchema] = schemas;
  const again = (/** @type {string | null} */ note, field = view.field) => load(d, body, { field, note });
  const task = (d.openTasks ?? []).find((x) => x.kind === 'record_expert_opinions');
  const open = Boolean(task);
  const items = selections.items;
  const count = (s) => items.filter((i) => i.status === s).length;
  mount(
    body,
    view.note ? flash(view.note) : null,
    h(
      'p',
      { class: 'panel-meta', id: 'experts-summary' },
      t(task ? 'dexp.summary' : 'dexp.summaryClosed', {
        n: items.length,
        received: count('received') + count('answered'),
        answered: count('answered'),
        declined: count('declined'),
        min: task?.context?.minOpinions ?? '—',
      }),
    ),
    items.length
      ? table(
          t('dexp.chosen'),
          [t('dexp.expert'), t('dexp.reason'), t('dexp.invitation'), t('dexp.opinion'), t('dexp.response'), ''],
          items.map((s) => selectionRow(d, s, { open, responseSchema, declineSchema, opinionSchema, again })),
          'experts-chosen',
        )
      : h('p', { class: 'empty' }, t('dexp.noneChosen')),
    open ? candidatesBlock(d, candidates.items, view, { selectSchema, again }) : null,
    open ? concludeBlock(d, conclusionSchema) : null,
  );
}

const INVITATION = {
  queued: 'dexp.inv.queued',
  sending: 'dexp.inv.sending',
  sent: 'dexp.inv.sent',
  failed: 'dexp.inv.failed',
};

function selectionRow(d, s, { open, responseSchema, declineSchema, opinionSchema, again }) {
  const e = s.expert ?? {};
  const inv = s.invitation;
  const invitation = inv
    ? h(
        'span',
        {
          class: [
            'badge',
            inv.state === 'sent' ? 'badge--ok' : inv.state === 'failed' ? 'badge--danger' : 'badge--muted',
          ],
          'data-mail': inv.state,
        },
        t(INVITATION[inv.state] ?? 'dexp.inv.queued'),
      )
    : h('span', { class: 'badge badge--muted' }, t('dexp.inv.none'));
  const actions = [];
  if (open && s.status === 'received')
    actions.push(
      disclosureForm({
        open: t('dexp.answer'),
        submit: t('dexp.answerSubmit'),
        schema: responseSchema,
        scope: 'expertResponse',
        hints: { reason: { showIf: (v) => v.response === 'not_adopted' } },
        send: (v) => expertsApi.respond(d.id, s.id, v),
        done: () => again(t('dexp.answered', { name: e.name ?? '' })),
      }),
    );
  if (open && s.status === 'invited') actions.push(paperOpinionForm(d, s, opinionSchema, again));
  if (open && s.status === 'invited')
    actions.push(
      disclosureForm({
        open: t('dexp.decline'),
        submit: t('dexp.declineSubmit'),
        schema: declineSchema,
        scope: 'expertDecline',
        send: (v) => expertsApi.decline(d.id, s.id, v),
        done: () => again(t('dexp.declined', { name: e.name ?? '' })),
      }),
    );
  return h(
    'tr',
    { 'data-expert': e.name ?? '', 'data-status': s.status },
    td(t('dexp.expert'), h('strong', {}, e.name ?? ''), h('br'), h('span', { class: 'muted' }, e.institution ?? '')),
    td(t('dexp.reason'), s.reason, h('br'), h('span', { class: 'muted' }, formatDateTime(s.selectedAt))),
    td(
      t('dexp.invitation'),
      invitation,
      inv?.sentAt ? h('span', { class: 'muted' }, ` ${formatDateTime(inv.sentAt)}`) : null,
    ),
    td(
      t('dexp.opinion'),
      s.opinionDocument
        ? [
            h('span', {}, t('dexp.signedBy', { name: s.opinionSignedBy ?? '', on: s.opinionSignedOn ?? '' })),
            h('ul', { class: 'doc-list' }, documentItem(s.opinionDocument)),
          ]
        : s.declinedAt
          ? h('span', { class: 'muted' }, t('dexp.declinedNote', { reason: s.declineReason ?? '' }))
          : h('span', { class: 'muted' }, t('dexp.awaiting')),
    ),
    td(
      t('dexp.response'),
      s.response
        ? [
            h(
              'span',
              { class: ['badge', s.response === 'adopted' ? 'badge--ok' : 'badge--warn'] },
              choiceLabel('response', s.response),
            ),
            s.responseReason ? h('span', {}, ` ${s.responseReason}`) : null,
          ]
        : '—',
    ),
    td('', h('div', { class: 'pool-actions' }, actions)),
  );
}

/** The pool as candidates: filter by field; conflicted ones not selectable, with the refusal naming R10 and Art. 20. */
function candidatesBlock(d, candidates, view, { selectSchema, again }) {
  // The reason is asked for; the expert is the row's (the API's schema without its expertId).
  const reasonOnly = {
    ...selectSchema,
    properties: { reason: selectSchema.properties.reason },
    required: ['reason'],
  };
  const field = h('input', { type: 'search', id: 'candidate-field', value: view.field, maxlength: '100' });
  return h(
    'div',
    { class: 'experts-candidates' },
    h('h3', {}, t('dexp.candidates')),
    h(
      'form',
      {
        class: 'experts-search',
        role: 'search',
        onsubmit: (/** @type {Event} */ ev) => {
          ev.preventDefault();
          again(null, String(/** @type {HTMLInputElement} */ (field).value).trim());
        },
      },
      h('label', { for: 'candidate-field' }, t('experts.searchField')),
      field,
      h('button', { type: 'submit', class: 'btn btn--small' }, t('experts.search')),
    ),
    candidates.length
      ? table(
          t('dexp.candidates'),
          [t('dexp.expert'), t('experts.fields'), t('dexp.eligibility'), ''],
          candidates.map((c) =>
            h(
              'tr',
              { 'data-candidate': c.name, class: c.selectable ? '' : 'is-inactive' },
              td(t('dexp.expert'), h('strong', {}, c.name), h('br'), h('span', { class: 'muted' }, c.institution)),
              td(
                t('experts.fields'),
                c.fields.map((f) => h('span', { class: 'tag' }, f)),
              ),
              td(
                t('dexp.eligibility'),
                c.selectionId
                  ? h('span', { class: 'badge badge--muted' }, t('dexp.alreadyChosen'))
                  : c.refusals.length
                    ? h(
                        'div',
                        { class: 'refusal' },
                        h('span', { class: 'badge badge--danger' }, t('dexp.notSelectable')),
                        c.refusals.map((v) => h('p', { class: 'rule-text', title: v.rule }, pick(v.message))),
                      )
                    : h(
                        'span',
                        { class: 'badge badge--ok' },
                        c.hasEmail ? t('dexp.selectable') : t('dexp.selectableNoMail'),
                      ),
              ),
              td(
                '',
                c.selectable
                  ? disclosureForm({
                      open: t('dexp.choose'),
                      submit: t('dexp.chooseSubmit'),
                      schema: reasonOnly,
                      scope: 'expertSelection',
                      send: (v) => expertsApi.select(d.id, { expertId: c.id, reason: v.reason }),
                      done: () => again(t('dexp.chosenNote', { name: c.name })),
                    })
                  : null,
              ),
            ),
          ),
          'experts-candidates-table',
        )
      : h('p', { class: 'empty' }, t('dexp.noCandidates')),
  );
}

/** Concluding the stage from the selections (R11): refused with the rule while an opinion is missing or unanswered. */
function concludeBlock(d, conclusionSchema) {
  const status = h('div', { role: 'status' });
  let key = newIdempotencyKey();
  const form = disclosureForm({
    open: t('dexp.conclude'),
    submit: t('dexp.concludeSubmit'),
    schema: conclusionSchema,
    scope: 'expertConclusion',
    send: (v) =>
      expertsApi.conclude(d.id, v, key).catch((err) => {
        // A refusal is final for this attempt: the next one is a new request.
        key = newIdempotencyKey();
        throw err;
      }),
    done: () => {
      mount(status, flash(t('dexp.concluded')));
      setTimeout(() => location.reload(), 800);
    },
  });
  return h(
    'div',
    { class: 'experts-conclude' },
    h('h3', {}, t('dexp.concludeTitle')),
    h('p', { class: 'muted' }, t('dexp.concludeLead')),
    form,
    status,
  );
}

const ACCEPTED_TYPES = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * A signed opinion received on paper or by mail, uploaded by the lead department (R11): who signed and when from
 * the API's schema (GET /api/forms/expertOpinion), the file read in the browser as the schema's file fields.
 */
function paperOpinionForm(d, s, schema, again) {
  const formSchema = {
    ...schema,
    properties: { signedBy: schema.properties.signedBy, signedOn: schema.properties.signedOn },
    required: ['signedBy', 'signedOn'],
  };
  const body = h('div', { class: 'disclosure-body' });
  const opener = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--small',
      'aria-expanded': 'false',
      onclick: () => {
        const expanded = opener.getAttribute('aria-expanded') === 'true';
        opener.setAttribute('aria-expanded', String(!expanded));
        if (expanded) return mount(body);
        const form = schemaForm({ schema: formSchema, scope: 'expertOpinion', initial: { signedBy: s.expert?.name } });
        const fileId = `paper-${s.id}`;
        const file = h('input', { type: 'file', id: fileId, accept: '.pdf,.jpg,.jpeg,.png,.docx' });
        const fileError = h('p', { class: 'field-error', role: 'alert' });
        const alertEl = h('div', { class: 'form-alert', role: 'alert' });
        const button = h('button', { type: 'submit', class: 'btn btn--primary btn--small' }, t('dexp.paperSubmit'));
        const onSubmit = async (ev) => {
          ev.preventDefault();
          form.clearErrors();
          mount(alertEl);
          fileError.textContent = '';
          const { value, errors } = form.value();
          const chosen = /** @type {HTMLInputElement} */ (file).files?.[0];
          const ext = /\.([A-Za-z0-9]{1,5})$/.exec(chosen?.name ?? '')?.[1]?.toLowerCase() ?? '';
          const mimeType = ACCEPTED_TYPES[ext];
          if (!chosen || !mimeType) fileError.textContent = t('dexp.paperFile');
          if (errors.length) return showFormProblems(form, alertEl, errors);
          if (!chosen || !mimeType) return;
          button.disabled = true;
          try {
            const contentBase64 = await fileToBase64(chosen);
            await expertsApi.uploadOpinion(d.id, s.id, { ...value, fileName: chosen.name, mimeType, contentBase64 });
            again(t('dexp.paperDone', { name: s.expert?.name ?? '' }));
          } catch (err) {
            button.disabled = false;
            showFormProblems(form, alertEl, err, '');
          }
        };
        mount(
          body,
          h(
            'form',
            { class: ['task-form', 'task-form--inline'], novalidate: true, onsubmit: onSubmit },
            form.el,
            h('div', { class: 'sf-field' }, h('label', { for: fileId }, t('dexp.paperFileLabel')), file, fileError),
            alertEl,
            h('div', { class: 'form-actions' }, button),
          ),
        );
        focusFirst(body, 'input');
      },
    },
    t('dexp.paper'),
  );
  return h('div', { class: 'disclosure' }, opener, body);
}
