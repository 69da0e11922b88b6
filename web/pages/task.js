// @ts-check
// One task page (#/tasks/:id) for every task, whatever it belongs to: a decision's or a normative document's or
// contract's legality review. GET /api/tasks/:id answers both and POST /api/tasks/:id/complete completes both. Its
// head, context and form built from the task's payload schema are the same; what differs comes from the task's
// subject (below: its number and title, documents and uploads, the form's hints, where completing it goes).

import { api, fileToBase64 } from '../api.js';
import { focusFirst, h } from '../dom.js';
import { schemaForm } from '../forms.js';
import { fieldLabel } from '../fields.js';
import { formatDateTime, label, pick, t } from '../i18n.js';
import { decisionHash, reviewHash, taskHash } from '../links.js';
import { html, nothing, render } from '../lit.js';
import { docKind, reviewRevisionsPanel, UPLOAD_KINDS } from '../reviews.js';
import { departments, hasRole, navigate, setFlash, stale, usersWithRole } from '../shell.js';
import { KIND_FORMS, resolveHints, taskContextView, taskFormSubmit } from '../task-forms.js';
import { documentItem, downloadButton, dueView, errorBox, focusHeading, loading } from '../ui.js';
import { warningBadge } from '../warning.js';

const REVIEW_KINDS = ['review_legality', 'second_check_review', 'sign_off_review_opinion'];

/**
 * What a task belongs to, as the task page needs it.
 * @typedef {{
 *   number: string, title: string, href: string, kindLabel?: string, back: string, doneFlash: string,
 *   documents: any[], sources: Record<string, unknown>, initial: any, hints: Record<string, any>,
 *   context: any, before: unknown[], after: unknown[], reviewHref?: () => Promise<string | null>,
 *   complete: (value: any, key: string) => Promise<unknown>,
 * }} Subject
 */

/** The review_legality form's findings from the review's opinion draft (confirmed flags mark an item as not conforming). */
async function findingsPrefill(reviewId) {
  const draft = await api.opinionDraft(reviewId).catch(() => null);
  if (!Array.isArray(draft?.findings) || !draft.findings.length) return {};
  return {
    findings: Object.fromEntries(draft.findings.map((f) => [f.key, { conforms: f.conforms, finding: f.finding }])),
  };
}

/** What the department head approves: the review's outcome, its opinion and the draft (latest version), each to open. */
function approvalMaterials(d) {
  const latest = (kind) => (d.documents ?? []).filter((x) => x.kind === kind).sort((a, b) => b.version - a.version)[0];
  const opinion = (d.records ?? []).filter((r) => r.kind === 'review_opinion').at(-1);
  const outcome = opinion?.data?.outcome;
  const docs = [latest('draft'), latest('explanation'), latest('review_opinion')].filter(Boolean);
  // R19: what the review asked to change and how the drafter made each change, as the head approves them.
  const made = (d.records ?? []).filter((r) => r.kind === 'record_required_changes').at(-1)?.data?.changes;
  const asked = opinion?.data?.requiredChanges;
  const changes = Array.isArray(made)
    ? made
    : Array.isArray(asked)
      ? asked.map((requirement) => ({ requirement }))
      : [];
  return html`<section class="task-context approval-materials" aria-labelledby="approval-title">
    <h2 id="approval-title">${t('approval.title')}</h2>
    <dl class="meta">
      <div class="meta-item meta-item--wide">
        <dt>${t('approval.outcome')}</dt>
        <dd>${outcome ? `${label('reviewOutcome', outcome)}${opinion.reference ? `（${opinion.reference}）` : ''}` : t('approval.noOpinion')}</dd>
      </div>
      ${
        changes.length
          ? html`<div class="meta-item meta-item--wide">
            <dt>${t('approval.changes')}</dt>
            <dd><ol class="ctx-list approval-changes">${changes.map((c) => html`<li>${c.requirement}${c.howMade ? html`<span class="approval-made">${t('colon')}${c.howMade}</span>` : nothing}</li>`)}</ol></dd>
          </div>`
          : nothing
      }
    </dl>
    ${docs.length ? h('ul', { class: 'doc-list' }, docs.map(documentItem)) : html`<p class="empty">${t('docs.none')}</p>`}
  </section>`;
}

/**
 * A review after a return for revision: the revised draft (its version, to open) and the drafter's account of
 * what changed, so that the reviewer sees what to look at again (issue 14, item 3).
 */
function revisionNote(d) {
  const revision = (d.records ?? []).filter((r) => r.kind === 'revise_draft').at(-1);
  if (!revision) return null;
  const data = revision.data ?? {};
  const draft = (d.documents ?? []).find((x) => x.id === data.revisedDraftDocumentId);
  return html`<section class="task-context revision-note" aria-labelledby="revision-title">
    <h2 id="revision-title">${t('task.revision')}</h2>
    <dl class="meta">
      ${
        draft
          ? html`<div class="meta-item meta-item--wide">
            <dt>${fieldLabel('revisedDraftDocumentId')}</dt>
            <dd>${downloadButton(`${draft.fileName}（v${draft.version}）`, draft.downloadUrl, draft.fileName, 'btn btn--small btn--link doc-link')}</dd>
          </div>`
          : nothing
      }
      <div class="meta-item meta-item--wide">
        <dt>${fieldLabel('changesSummary')}</dt>
        <dd class="revision-summary">${data.changesSummary ?? ''}</dd>
      </div>
      <div class="meta-item">
        <dt>${t('task.revisedAt')}</dt>
        <dd>${formatDateTime(revision.createdAt)}</dd>
      </div>
    </dl>
  </section>`;
}

/** A decision's task: its documents and uploads, the form's per-kind start, and the way to the review's page. */
async function decisionSubject(task) {
  const [d, depts] = await Promise.all([api.decision(task.decisionId), departments()]);
  const kindForm = KIND_FORMS[task.kind] ?? {};
  // The legality review of the decision (its flags, the opinion's preview), among the open reviews in a scope.
  const reviewIn = (/** @type {string} */ scope) =>
    api
      .reviews({ scope, status: 'open' })
      .then((list) => list.items.find((x) => x.decisionId === task.decisionId) ?? null)
      .catch(() => null);
  // A review starts from the checklist as the decided assisted-review flags fill it in (the reviewer edits it).
  const prefill =
    task.kind === 'review_legality' ? await reviewIn('mine').then((r) => (r ? findingsPrefill(r.id) : {})) : {};
  /** @type {Subject} */
  const subject = {
    number: d.number,
    title: d.title,
    href: decisionHash(d.id),
    back: t('task.back'),
    doneFlash: t('task.done'),
    documents: d.documents ?? [],
    context: task,
    initial: { ...(kindForm.initial?.(task, d) ?? {}), ...prefill },
    hints: resolveHints(kindForm, task),
    sources: {
      departments: depts,
      users: usersWithRole,
      upload: async (kind, file) => {
        const contentBase64 = await fileToBase64(file);
        const res = await api.upload(d.id, {
          kind,
          fileName: file.name,
          mimeType: file.type || 'application/octet-stream',
          contentBase64,
        });
        return { id: res.id, kind, fileName: file.name, version: res.version, ...res };
      },
    },
    before: [task.kind === 'review_legality' ? revisionNote(d) : null],
    after: [task.kind === 'approve_submission' ? approvalMaterials(d) : null],
    reviewHref: REVIEW_KINDS.includes(task.kind)
      ? () => reviewIn(hasRole('director') ? 'center' : 'mine').then((r) => (r ? reviewHash(r.id) : null))
      : undefined,
    complete: (value, key) => api.completeTask(task.id, value, key),
  };
  return subject;
}

/** The task's context without what only a decision's materials carry (statutory steps, market actors). */
function reviewContext(task) {
  const m = task.context?.materials;
  if (!m || typeof m !== 'object') return task;
  const { statutorySteps: _steps, touchesMarketActors: _market, ...materials } = m;
  return { ...task, context: { ...task.context, materials } };
}

/**
 * A normative document's or contract's review task: only the materials its kind has, uploads to the review.
 * @param {any} task
 */
async function reviewSubject(task) {
  const [r, depts] = await Promise.all([api.review(task.reviewId), departments()]);
  const kindForm = KIND_FORMS[task.kind] ?? {};
  const prefill = task.kind === 'review_legality' ? await findingsPrefill(r.id) : {};
  const hints = resolveHints(kindForm, task);
  // No fair-competition review (a decision's), and the draft named as what it is.
  const hide = { showIf: () => false };
  Object.assign(hints, {
    fairCompetitionReview: hide,
    counterpartyDocumentId:
      r.kind === 'contract' ? { ...(hints.counterpartyDocumentId ?? {}), documentKind: 'counterparty' } : hide,
    draftDocumentId: {
      ...(hints.draftDocumentId ?? {}),
      label: t(`sub.file.draft.${r.kind === 'contract' ? 'contract' : 'normative_document'}`),
    },
    ...(r.kind === 'contract' ? { explanationDocumentId: hide, consultationSummary: hide } : {}),
  });
  /** @type {Subject} */
  const subject = {
    number: r.subjectNumber,
    title: r.title,
    href: reviewHash(r.id),
    kindLabel: label('reviewKind', r.kind),
    back: t('rtask.back'),
    doneFlash: t('rtask.done'),
    documents: (r.documents ?? []).map((d) => ({
      ...d,
      version: d.version ?? 1,
      downloadUrl: `/api/reviews/${encodeURIComponent(r.id)}/documents/${encodeURIComponent(d.id)}`,
    })),
    context: reviewContext(task),
    initial: { ...(kindForm.initial?.(task, null) ?? {}), ...prefill },
    hints,
    sources: {
      departments: depts,
      documentKindLabel: (kind) => docKind(r.kind, kind),
      upload: async (kind, file) => {
        const contentBase64 = await fileToBase64(file);
        const upKind = UPLOAD_KINDS.includes(kind) ? kind : 'other';
        const res = await api.uploadReviewDocument(r.id, {
          kind: upKind,
          fileName: file.name,
          mimeType: file.type || 'application/octet-stream',
          contentBase64,
        });
        return { id: res.id, kind: upKind, fileName: file.name, version: 1 };
      },
    },
    before: [task.kind === 'review_legality' ? reviewRevisionsPanel(r) : null],
    after: [],
    reviewHref: REVIEW_KINDS.includes(task.kind) ? async () => reviewHash(r.id) : undefined,
    complete: (value, key) => api.completeTask(task.id, value, key),
  };
  return subject;
}

/**
 * Loads a task and its subject: a task with a review and no decision is a review's.
 * @param {string} id
 */
async function loadTask(id) {
  const task = await api.task(id);
  const subject = task.reviewId && !task.decisionId ? await reviewSubject(task) : await decisionSubject(task);
  return { task, subject };
}

/**
 * @param {HTMLElement} main
 * @param {string} id
 * @param {number} seq
 * @param {boolean} focus
 */
export async function renderTask(main, id, seq, focus) {
  window.scrollTo(0, 0);
  // lit-html renders into a container of its own, so that the next page's mount() leaves no stale template behind.
  const host = h('div', { class: 'page-host' });
  main.replaceChildren(host);
  const crumbs = (/** @type {Subject | null} */ s) =>
    html`<p class="crumbs"><a href=${s ? s.href : '#/'}>← ${s ? s.back : t('nav.home')}</a></p>`;
  render(html`${crumbs(null)}${loading()}`, host);
  let task;
  /** @type {Subject} */
  let s;
  try {
    ({ task, subject: s } = await loadTask(id));
  } catch (err) {
    if (!stale(seq)) render(html`${crumbs(null)}${errorBox(err, () => renderTask(main, id, seq, focus))}`, host);
    return;
  }
  if (stale(seq)) return;
  document.title = `${pick(task.label)} · ${s.number} · ${t('app.name')}`;

  /** @type {string | null} */
  let reviewHref = null;
  /** The page, drawn again in place when something arrives later (the link to the review's page). */
  const draw = (/** @type {unknown} */ body) =>
    render(
      html`${crumbs(s)}
        <section class="panel form-panel" aria-labelledby="task-title">
          <div class="task-head">
            <p class="task-head-decision">
              <span class="num">${s.number}</span> <a href=${s.href}>${s.title}</a>${s.kindLabel ? html`<span class="open-role"> · ${s.kindLabel}</span>` : nothing}
            </p>
            <h1 id="task-title">${pick(task.label)}</h1>
            <dl class="meta">
              <div class="meta-item"><dt>${t('task.role')}</dt><dd>${label('role', task.role)}</dd></div>
              <div class="meta-item"><dt>${t('open.due')}</dt><dd>${warningBadge(task.warning)} ${dueView(task.due, { overdue: task.overdue, paused: task.paused, attention: task.dueAttention })}</dd></div>
            </dl>
          </div>
          ${body}
        </section>`,
      host,
    );

  if (task.status !== 'open') {
    draw(html`<p class="notice">${t('task.closed')}</p>`);
    if (focus) focusHeading(main);
    return;
  }
  const context = taskContextView(s.context, s.documents);
  // Placing on an agenda is done on the meeting's page (the agenda item, its order and its materials come with it).
  if (task.kind === 'place_on_agenda') {
    draw(
      html`${context}<p class="notice">${t('task.useMeetings')} <a class="btn btn--small btn--primary" href="#/meetings">${t('task.goMeetings')}</a></p>`,
    );
    if (focus) focusHeading(main);
    return;
  }

  // Concluding public participation is done from the decision's 公众参与 section: the payload is built from the list there.
  if (task.kind === 'conclude_public_participation' && task.decisionId) {
    draw(
      html`${context}<p class="notice">${t('task.useParticipation')} <a class="btn btn--small btn--primary" href=${`#/decisions/${encodeURIComponent(task.decisionId)}`}>${t('task.goParticipation')}</a></p>`,
    );
    if (focus) focusHeading(main);
    return;
  }

  const form = schemaForm({
    schema: task.payloadSchema ?? { type: 'object', properties: {} },
    scope: task.kind,
    initial: s.initial,
    hints: s.hints,
    sources: { documents: s.documents, ...s.sources },
  });
  const { alertEl, submit, onSubmit } = taskFormSubmit(form, {
    complete: s.complete,
    done: () => {
      setFlash(`${pick(task.label)}${t('colon')}${s.doneFlash}`);
      navigate(s.href);
    },
  });
  const body = () =>
    html`${s.before.filter(Boolean)}${context}${s.after.filter(Boolean)}
      ${reviewHref ? html`<p class="notice">${t('task.reviewHint')} <a class="btn btn--small" href=${reviewHref}>${t('task.reviewOpen')}</a></p>` : nothing}
      <form class="task-form" novalidate data-kind=${task.kind} @submit=${onSubmit}>
        ${form.el}${alertEl}
        <div class="form-actions">${submit}<a class="btn" href=${s.href}>${t('form.cancel')}</a></div>
      </form>`;
  draw(body());
  if (focus) focusHeading(main);
  else focusFirst(main, '.task-form input, .task-form select, .task-form textarea');
  s.reviewHref?.().then((href) => {
    if (!href || stale(seq)) return;
    reviewHref = href;
    draw(body());
  });
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/tasks/:id',
  page: ({ main, params, seq, focus }) => renderTask(main, params.id, seq, focus),
};

/**
 * The address a review's task had before the one task page (#/review-tasks/:id, in mails and bookmarks): replaced
 * by the task's own address, so that going back does not land on it again.
 * @type {import('../router.js').Route}
 */
export const oldReviewTaskRoute = {
  path: '/review-tasks/:id',
  page: ({ params }) => location.replace(taskHash(params.id)),
};
