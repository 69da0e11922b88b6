// @ts-check
// One legality review's page: its tasks, assisted-review flags, the opinion's preview and download.

import { api } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { fieldLabel } from '../fields.js';
import { formatDateTime, label, pick, t } from '../i18n.js';
import { decisionHash, taskHash } from '../links.js';
import { filingPanel } from '../filing.js';
import { reviewDocumentsPanel, reviewRevisionsPanel, reviewStatus } from '../reviews.js';
import { canAct, departments, deptName, formSchema, hasRole, myUserId, setFlash, stale, takeFlash } from '../shell.js';
import { disclosureForm, downloadButton, dueView, errorBox, flash, focusHeading, loading, ruleBox } from '../ui.js';

export async function renderReview(main, id, seq, focus, attempt = 0) {
  if (!attempt) window.scrollTo(0, 0);
  // The legal center comes back to its queue; a submitting department to its submissions.
  const center = hasRole('reviewer', 'director', 'supervisor', 'admin');
  const crumbs = h(
    'p',
    { class: 'crumbs' },
    center
      ? h('a', { href: '#/legal' }, `← ${t('legal.back')}`)
      : h('a', { href: '#/submissions' }, `← ${t('sub.back')}`),
  );
  if (!attempt) mount(main, crumbs, loading());
  let r;
  let draft = null;
  /** @type {{ decline?: any, flagDismissal?: any, publication?: any, filing?: any }} */
  const schemas = {};
  try {
    await departments();
    [r, schemas.decline, schemas.flagDismissal, schemas.publication, schemas.filing] = await Promise.all([
      api.review(id),
      formSchema('decline'),
      formSchema('flagDismissal'),
      formSchema('publication'),
      formSchema('filing'),
    ]);
    draft = center ? await api.opinionDraft(id).catch(() => null) : null;
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        crumbs,
        errorBox(err, () => renderReview(main, id, seq, focus)),
      );
    return;
  }
  if (stale(seq)) return;
  document.title = `${r.subjectNumber} · ${t('legal.review')} · ${t('app.name')}`;
  const note = attempt ? main.querySelector('.flash')?.textContent : takeFlash();
  const again = (msg) => {
    if (msg) setFlash(msg);
    renderReview(main, id, seq, false);
  };
  const mine = r.reviewerUserId && r.reviewerUserId === myUserId();
  const head = h(
    'section',
    { class: 'panel decision-head', 'aria-labelledby': 'review-title' },
    h(
      'div',
      { class: 'decision-head-top' },
      h(
        'div',
        { class: 'decision-head-ids' },
        h('span', { class: 'num num--large' }, r.subjectNumber),
        h('span', { class: 'status status--active' }, reviewStatus(r.status)),
        h('span', { class: 'badge' }, label('reviewKind', r.kind)),
      ),
    ),
    h('h1', { id: 'review-title', class: 'decision-title' }, r.title),
    h(
      'dl',
      { class: 'meta' },
      r.dueAt && !r.issuedAt
        ? h(
            'div',
            { class: 'meta-item' },
            h('dt', {}, t('legal.due')),
            h('dd', {}, dueView({ dueAt: r.dueAt }, { overdue: r.overdue, basis: false })),
          )
        : null,
      r.issuedAt
        ? h('div', { class: 'meta-item' }, h('dt', {}, t('review.issuedAt')), h('dd', {}, formatDateTime(r.issuedAt)))
        : null,
      r.decisionId
        ? h(
            'div',
            { class: 'meta-item' },
            h('dt', {}, t('legal.decision')),
            h('dd', {}, h('a', { href: decisionHash(r.decisionId) }, r.subjectNumber)),
          )
        : null,
      h('div', { class: 'meta-item' }, h('dt', {}, t('review.department')), h('dd', {}, deptName(r.departmentId))),
      r.submittedAt
        ? h(
            'div',
            { class: 'meta-item' },
            h('dt', {}, t('review.submittedAt')),
            h('dd', {}, formatDateTime(r.submittedAt)),
          )
        : null,
      r.outcome
        ? h(
            'div',
            { class: 'meta-item' },
            h('dt', {}, t('review.outcome')),
            h('dd', { class: 'review-outcome' }, label('reviewOutcome', r.outcome)),
          )
        : null,
      r.opinionNo
        ? h('div', { class: 'meta-item' }, h('dt', {}, t('meeting.opinionNo')), h('dd', {}, r.opinionNo))
        : null,
    ),
    h(
      'div',
      { class: 'form-actions' },
      r.opinionUrl ? downloadButton(t('legal.opinion'), r.opinionUrl, `${r.opinionNo ?? r.subjectNumber}.docx`) : null,
      mine && !r.issuedAt
        ? disclosureForm({
            open: t('legal.decline'),
            submit: t('legal.declineSubmit'),
            schema: schemas.decline,
            hints: { reason: { help: t('form.ruleHelp', { rule: 'R20' }) } },
            send: (v) => api.decline(r.id, v),
            done: () => again(t('legal.declined')),
          })
        : null,
    ),
  );
  const tasks = (r.tasks ?? []).filter((x) => x.status === 'open');
  const tasksPanel = panel(
    { id: 'review-tasks-title', title: t('legal.tasks') },
    tasks.length
      ? h(
          'ul',
          { class: 'open-list' },
          tasks.map((x) =>
            h(
              'li',
              { class: ['open-item', x.overdue && 'is-overdue'] },
              h(
                'div',
                { class: 'open-main' },
                h('span', { class: 'open-label' }, label('taskKind', x.kind)),
                h('span', { class: 'open-role' }, label('role', x.role)),
              ),
              x.due
                ? h(
                    'div',
                    { class: 'open-due' },
                    dueView(x.due, { overdue: x.overdue, paused: x.paused, basis: false, attention: x.dueAttention }),
                  )
                : null,
              canAct(x)
                ? h(
                    'a',
                    {
                      class: 'btn btn--primary btn--small',
                      href: taskHash(x.id),
                      'aria-label': `${t('legal.act')}${t('colon')}${label('taskKind', x.kind)}`,
                    },
                    t('legal.act'),
                  )
                : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('open.none')),
  );
  const flagsPanel = panel(
    { id: 'review-flags-title', title: t('legal.flags') },
    r.flags.length
      ? h(
          'ul',
          { class: 'flag-list' },
          r.flags.map((f) =>
            h(
              'li',
              { class: ['flag-item', `flag--${f.status}`] },
              h(
                'div',
                {},
                h('strong', {}, label('reviewFlag', f.code)),
                ' ',
                h(
                  'span',
                  { class: 'badge' },
                  t(f.status === 'open' && r.issuedAt ? 'legal.flag.undecided' : `legal.flag.${f.status}`),
                ),
              ),
              pick(f.message) !== label('reviewFlag', f.code) ? h('p', {}, pick(f.message)) : null,
              f.excerpt ? h('blockquote', { class: 'flag-excerpt' }, f.excerpt) : null,
              f.reason ? h('p', { class: 'panel-meta' }, `${fieldLabel('reason')}${t('colon')}${f.reason}`) : null,
              mine && f.status === 'open'
                ? h(
                    'div',
                    { class: 'form-actions' },
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn btn--small btn--primary',
                        onclick: async (ev) => {
                          ev.currentTarget.disabled = true;
                          try {
                            await api.decideFlag(r.id, f.id, { decision: 'confirmed' });
                            again();
                          } catch (err) {
                            ev.target.disabled = false;
                            mount(flagAlert, ruleBox(err));
                          }
                        },
                      },
                      t('legal.confirm'),
                    ),
                    disclosureForm({
                      open: t('legal.dismiss'),
                      submit: t('legal.dismissSubmit'),
                      schema: schemas.flagDismissal,
                      send: (v) => api.decideFlag(r.id, f.id, { decision: 'dismissed', reason: v.reason }),
                      done: () => again(),
                    }),
                  )
                : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('legal.flagsNone')),
  );
  const flagAlert = h('div', { class: 'form-alert', role: 'alert' });
  flagsPanel.append(flagAlert);
  const previewPanel = draft
    ? panel(
        { id: 'review-preview-title', title: t('legal.preview') },
        draft.openFlags
          ? h('p', { class: 'panel-meta is-overdue-text' }, t('legal.previewOpen', { n: draft.openFlags }))
          : null,
        Array.isArray(draft.findings)
          ? h(
              'ol',
              { class: 'checklist' },
              draft.findings.map((f) =>
                h(
                  'li',
                  {},
                  h('strong', {}, f.question ?? f.key),
                  ' ',
                  f.conforms === false
                    ? h('span', { class: 'badge badge--overdue' }, t('form.no'))
                    : f.conforms === true
                      ? h('span', { class: 'badge badge--done' }, t('form.yes'))
                      : null,
                  f.finding ? h('p', {}, f.finding) : null,
                ),
              ),
            )
          : null,
        draft.text ? h('pre', { class: 'opinion-preview' }, draft.text) : null,
      )
    : null;
  const docsPanel = reviewDocumentsPanel(r, (msg) => again(msg));
  mount(
    main,
    crumbs,
    note ? flash(note) : null,
    head,
    h(
      'div',
      { class: 'decision-grid' },
      h('div', { class: 'decision-col' }, reviewRevisionsPanel(r), tasksPanel, flagsPanel),
      h('div', { class: 'decision-col' }, filingPanel(r, schemas, again), docsPanel, previewPanel),
    ),
  );
  if (focus && !attempt) focusHeading(main);
  // Just submitted or answered: the review opens its next task a moment later; look again until it has (not while a form is in use).
  if (!r.issuedAt && r.status !== 'cancelled' && !tasks.length && attempt < 10)
    setTimeout(() => {
      const busy =
        main.contains(document.activeElement?.closest('form') ?? null) ||
        main.querySelector('.disclosure-body:not(:empty), .field-error:not([hidden])') ||
        [...main.querySelectorAll('input[type=file]')].some((f) => f.files?.length);
      if (!stale(seq) && !busy) renderReview(main, id, seq, false, attempt + 1);
    }, 1000);
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/reviews/:id',
  page: ({ main, params, seq, focus }) => renderReview(main, params.id, seq, focus),
};
