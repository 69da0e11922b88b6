// @ts-check
// One decision's page: header, stage diagram, open tasks, documents, timeline, withdrawal (R31), audit trail (R38)
// and, after publication, the implementation / evaluation / dossier panel.

import { api, ApiError, newIdempotencyKey } from '../api.js';
import { focusFirst, h, mount, panel } from '../dom.js';
import { choiceLabel } from '../fields.js';
import { articlesFor, formatDateTime, getLocale, label, pick, t } from '../i18n.js';
import { decisionHash, taskHash } from '../links.js';
import { listView } from '../list-view.js';
import { expertsPanel } from './decision-experts.js';
import { canAct, deptName, formSchema, hasRole, myDepartmentId, stale, state } from '../shell.js';
import {
  disclosureForm,
  documentItem,
  downloadButton,
  dueView,
  errorBox,
  flash,
  focusHeading,
  loading,
  statusBadge,
} from '../ui.js';
import { participationPanel } from './participation.js';
import { warningBadge } from '../warning.js';

/**
 * @param {HTMLElement} main @param {string} id @param {number} seq @param {boolean} focus
 * @param {{ attempt: number, flash?: string | null }} [settle] a quiet re-render while the procedure opens the next task
 */
export async function renderDecision(main, id, seq, focus, settle = { attempt: 0, flash: undefined }) {
  const quiet = settle.attempt > 0;
  if (!quiet) {
    window.scrollTo(0, 0);
    mount(main, h('p', { class: 'crumbs' }, h('a', { href: '#/' }, `← ${t('back.list')}`)), loading());
  }
  const flash = settle.flash ?? state.flash;
  state.flash = null;
  let d;
  try {
    d = await api.decision(id);
  } catch (err) {
    if (stale(seq)) return;
    mount(
      main,
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, `← ${t('back.list')}`)),
      errorBox(err, () => renderDecision(main, id, seq, focus)),
    );
    return;
  }
  if (stale(seq)) return;
  document.title = `${d.number} ${d.title} · ${t('app.name')}`;

  mount(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, `← ${t('back.list')}`)),
    flash ? h('p', { class: 'flash', role: 'status' }, flash) : null,
    decisionHeader(d),
    stageDiagram(d),
    participationPanel(d, () => renderDecision(main, id, seq, false)),
    h(
      'div',
      { class: 'decision-grid' },
      h(
        'div',
        { class: 'decision-col' },
        openTasksPanel(d),
        documentsPanel(d),
        withdrawPanel(d, () => renderDecision(main, id, seq, false)),
      ),
      h('div', { class: 'decision-col' }, implementationPanel(d), timelinePanel(d)),
    ),
    expertsPanel(d),
    auditPanel(d),
  );
  if (focus && !quiet) focusHeading(main);
  // Just launched or just answered: the procedure opens the next task a moment later; look again until it has.
  if (d.status === 'active' && !(d.openTasks ?? []).length && settle.attempt < 10) {
    setTimeout(() => {
      if (!stale(seq) && !main.contains(document.activeElement?.closest('form') ?? null))
        renderDecision(main, id, seq, false, { attempt: settle.attempt + 1, flash });
    }, 1000);
  }
}

function decisionHeader(d) {
  const launch = d.launch && typeof d.launch === 'object' ? d.launch : {};
  const dept = getLocale() === 'en' ? d.leadDepartment?.nameEn : d.leadDepartment?.nameZh;
  const meta = [
    [t('decision.lead'), dept],
    [t('decision.matterType'), d.matterType ? label('matterType', d.matterType) : null],
    [t('decision.createdAt'), formatDateTime(d.createdAt)],
    [t('decision.plannedQuarter'), launch.plannedMeetingQuarter],
    [
      t('decision.catalog'),
      launch.inCatalog === true && (d.catalogEntry || launch.catalogEntry)
        ? t('decision.inCatalog', {
            entry: d.catalogEntry
              ? `${d.catalogEntry.year}年度第${d.catalogEntry.seq}项 ${d.catalogEntry.title}`
              : launch.catalogEntry,
          })
        : launch.inCatalog === false && launch.outsideCatalogReason
          ? t('decision.outsideCatalog', { reason: launch.outsideCatalogReason })
          : null,
    ],
  ].filter(([, v]) => v);
  const wide = new Set([t('decision.catalog')]);
  const legalBasis = Array.isArray(launch.legalBasis) ? launch.legalBasis.filter((x) => typeof x === 'string') : [];
  // The workflow engine and its ids are for administrators; others see the decision's number only.
  const temporalUrl = hasRole('admin') ? d.temporal?.webUiUrl : null;
  return h(
    'section',
    { class: 'panel decision-head', 'aria-labelledby': 'decision-title' },
    h(
      'div',
      { class: 'decision-head-top' },
      h(
        'div',
        { class: 'decision-head-ids' },
        h('span', { class: 'num num--large' }, d.number),
        statusBadge(d.status),
        d.confidential ? h('span', { class: 'badge badge--confidential' }, t('badge.confidential')) : null,
      ),
      temporalUrl && /^https?:\/\//.test(temporalUrl)
        ? h(
            'a',
            {
              class: 'btn btn--small temporal-link',
              href: temporalUrl,
              target: '_blank',
              rel: 'noopener noreferrer',
              title: t('decision.temporalHint', { id: d.temporal.workflowId }),
              // The Web UI decodes payloads through /api/temporal-codec with this session (a cookie scoped to it).
              onclick: (e) => {
                e.preventDefault();
                api
                  .temporalCodecSession()
                  .catch(() => undefined)
                  .finally(() => window.open(temporalUrl, '_blank', 'noopener'));
              },
            },
            t('decision.temporal'),
            h('span', { 'aria-hidden': 'true' }, ' ↗'),
          )
        : null,
    ),
    h('h1', { id: 'decision-title', class: 'decision-title' }, d.title),
    h(
      'dl',
      { class: 'meta' },
      meta.map(([k, v]) =>
        h('div', { class: ['meta-item', wide.has(k) && 'meta-item--wide'] }, h('dt', {}, k), h('dd', {}, v)),
      ),
    ),
    d.summary
      ? h('div', { class: 'decision-summary' }, h('h2', {}, t('decision.summary')), h('p', {}, d.summary))
      : null,
    legalBasis.length
      ? h(
          'div',
          { class: 'decision-basis' },
          h('h2', {}, t('decision.legalBasis')),
          h(
            'ul',
            {},
            legalBasis.map((b) => h('li', {}, b)),
          ),
        )
      : null,
  );
}

/** A stage's reason as people read it: articles for rule ids; a workflow id an older record named is left out (issue 14, item 4). */
const stageReason = (reason) => articlesFor(String(reason).replace(/由 \S+\.evaluation 跟踪/, '继续跟踪'));

const STAGE_LOOK = {
  done: { cls: 'done', mark: '✓' },
  current: { cls: 'current', mark: '▶' },
  waiting: { cls: 'waiting', mark: null },
  skipped: { cls: 'skipped', mark: '–' },
  not_applicable: { cls: 'not_applicable', mark: '–' },
  overdue: { cls: 'overdue', mark: '!' },
};

function stageLook(s, overdueStages) {
  if (overdueStages.has(s.stage) && s.status !== 'done' && s.status !== 'skipped' && s.status !== 'not_applicable')
    return 'overdue';
  switch (s.status) {
    case 'done':
      return 'done';
    case 'in_progress':
      return 'current';
    case 'skipped':
      return 'skipped';
    case 'not_applicable':
      return 'not_applicable';
    default:
      return 'waiting';
  }
}

function stageDiagram(d) {
  const overdueStages = new Set((d.openTasks ?? []).filter((x) => x.overdue).map((x) => x.stage));
  const legend = ['done', 'current', 'waiting', 'skipped', 'overdue'];
  return panel(
    {
      id: 'stages-title',
      title: t('stages.title'),
      class: 'stages-panel',
      meta: h(
        'ul',
        { class: 'stage-legend', 'aria-label': t('stages.legend') },
        legend.map((k) =>
          h(
            'li',
            { class: `legend legend--${k}` },
            h('span', { class: 'legend-swatch', 'aria-hidden': 'true' }),
            t(`stage.${k}`),
          ),
        ),
      ),
    },
    h(
      'ol',
      { class: 'stages', 'aria-label': t('stages.caption') },
      (d.stages ?? []).map((s, i) => {
        const look = stageLook(s, overdueStages);
        const { cls, mark } = STAGE_LOOK[look];
        return h(
          'li',
          { class: `stage stage--${cls}`, 'aria-current': look === 'current' || look === 'overdue' ? 'step' : false },
          h('span', { class: 'stage-marker', 'aria-hidden': 'true' }, mark ?? String(i + 1)),
          h(
            'div',
            { class: 'stage-body' },
            h(
              'span',
              { class: 'stage-name' },
              h('span', { class: 'visually-hidden' }, `${i + 1}. `),
              pick(s.label) || label('stage', s.stage),
            ),
            h('span', { class: 'stage-state' }, t(`stage.${look}`)),
            s.endedAt && look === 'done'
              ? h('span', { class: 'stage-time' }, t('stage.ended', { at: formatDateTime(s.endedAt) }))
              : s.startedAt && (look === 'current' || look === 'overdue')
                ? h('span', { class: 'stage-time' }, t('stage.since', { at: formatDateTime(s.startedAt) }))
                : null,
            s.reason
              ? h(
                  'p',
                  { class: 'stage-reason' },
                  h('span', { class: 'stage-reason-label' }, `${t('stage.reason')}${t('colon')}`),
                  stageReason(s.reason),
                )
              : null,
          ),
        );
      }),
    ),
  );
}

function openTasksPanel(d) {
  const tasks = d.openTasks ?? [];
  return panel(
    {
      id: 'open-title',
      title: t('open.title'),
      meta: h('p', { class: 'panel-meta' }, t('tasks.total', { n: tasks.length })),
    },
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
                h('span', { class: 'open-label' }, pick(x.label)),
                h('span', { class: 'open-role' }, `${t('open.role')}${t('colon')}${label('role', x.role)}`),
              ),
              h(
                'div',
                { class: 'open-due' },
                h('span', { class: 'open-due-label' }, `${t('open.due')}${t('colon')}`),
                warningBadge(x.warning),
                ' ',
                dueView(x.due, { overdue: x.overdue, paused: x.paused, attention: x.dueAttention }),
              ),
              canAct(x)
                ? h(
                    'a',
                    {
                      class: 'btn btn--primary btn--small open-act',
                      href: taskHash(x.id),
                      'aria-label': `${t('open.act')}${t('colon')}${pick(x.label)}`,
                    },
                    t('open.act'),
                  )
                : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('open.none')),
  );
}

function documentsPanel(d) {
  const docs = d.documents ?? [];
  return panel(
    { id: 'docs-title', title: t('docs.title'), meta: h('p', { class: 'panel-meta' }, String(docs.length)) },
    docs.length ? h('ul', { class: 'doc-list' }, docs.map(documentItem)) : h('p', { class: 'empty' }, t('docs.none')),
  );
}

function timelinePanel(d) {
  const events = d.timeline ?? [];
  return panel(
    { id: 'timeline-title', title: t('timeline.title'), meta: h('p', { class: 'panel-meta' }, String(events.length)) },
    events.length
      ? h(
          'ol',
          { class: 'timeline' },
          events.map((e) => {
            const engine = e.actor?.role === 'engine';
            return h(
              'li',
              { class: ['timeline-item', engine && 'is-engine'] },
              h('time', { class: 'timeline-time', datetime: e.at }, formatDateTime(e.at)),
              h('span', { class: 'timeline-label' }, pick(e.label) || e.action),
              h(
                'span',
                { class: 'timeline-actor' },
                engine
                  ? label('role', 'engine')
                  : [
                      h('span', { class: 'timeline-actor-name' }, actorName(e.actor)),
                      ' · ',
                      label('role', e.actor?.role),
                    ],
              ),
            );
          }),
        )
      : h('p', { class: 'empty' }, t('timeline.none')),
  );
}

function withdrawPanel(d, rerender) {
  if (d.status !== 'active' || !hasRole('drafter', 'dept_head') || d.leadDepartment?.id !== myDepartmentId())
    return null;
  const body = h('div', { class: 'withdraw-body' });
  const open = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      'aria-expanded': 'false',
      onclick: () => {
        open.hidden = true;
        open.setAttribute('aria-expanded', 'true');
        mount(
          body,
          withdrawForm(d, rerender, () => {
            mount(body);
            open.hidden = false;
            open.setAttribute('aria-expanded', 'false');
            open.focus();
          }),
        );
        focusFirst(body, 'textarea');
      },
    },
    t('withdraw.open'),
  );
  return panel(
    { id: 'withdraw-title', title: t('withdraw.title'), class: 'withdraw-panel' },
    h('p', { class: 'panel-lead' }, t('withdraw.lead')),
    open,
    body,
  );
}

function withdrawForm(d, rerender, cancel) {
  const reason = h('textarea', {
    id: 'withdraw-reason',
    name: 'reason',
    rows: 3,
    maxlength: '2000',
    'aria-required': 'true',
  });
  const err = h('p', { class: 'field-error', id: 'withdraw-reason-error', hidden: true });
  const alert = h('div', { class: 'form-alert', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn--danger' }, t('withdraw.submit'));
  let key = newIdempotencyKey();
  const setError = (msg) => {
    err.textContent = msg;
    err.hidden = !msg;
    reason.setAttribute('aria-invalid', msg ? 'true' : 'false');
    if (msg) reason.setAttribute('aria-describedby', err.id);
    else reason.removeAttribute('aria-describedby');
  };
  reason.addEventListener('input', () => setError(''));
  return h(
    'form',
    {
      class: 'withdraw-form',
      novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        mount(alert);
        const text = reason.value.trim();
        if (!text) {
          setError(t('form.required'));
          reason.focus();
          return;
        }
        submit.disabled = true;
        submit.textContent = t('form.submitting');
        try {
          await api.withdraw(d.id, text, key);
          state.flash = t('withdraw.done');
          rerender();
        } catch (err2) {
          submit.disabled = false;
          submit.textContent = t('withdraw.submit');
          if (err2 instanceof ApiError && err2.status >= 400 && err2.status < 500) key = newIdempotencyKey();
          const field = err2 instanceof ApiError ? err2.issues.find((i) => i.path === 'reason') : null;
          if (field) {
            setError(pick(field.message));
            reason.focus();
          } else mount(alert, errorBox(err2));
        }
      },
    },
    h(
      'div',
      { class: 'sf-field' },
      h('label', { for: reason.id }, t('withdraw.reason'), h('span', { class: 'sf-req', 'aria-hidden': 'true' }, ' *')),
      reason,
      err,
    ),
    alert,
    h(
      'div',
      { class: 'form-actions' },
      submit,
      h('button', { type: 'button', class: 'btn', onclick: cancel }, t('form.cancel')),
    ),
  );
}

/**
 * The audit trail (R38) as a list: by person or system and role, searched, a page at a time in chain order; its
 * view in the URL as a.* (the panel opens by itself when the URL holds one).
 */
function auditPanel(d) {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const body = h('div', { class: 'audit-body' });
  const chainLine = h('div', {});
  const hash = (/** @type {URLSearchParams} */ q) => `${decisionHash(d.id)}${q.toString() ? `?${q}` : ''}`;
  let shown = false;
  const show = () => {
    if (shown) return;
    shown = true;
    listView(body, {
      list: 'audit',
      prefix: 'a.',
      query,
      hash,
      load: (params) => api.audit(d.id, params),
      chips: ['actor', 'role'],
      onLoad: (res) => {
        const chain = res.chain;
        mount(
          chainLine,
          chain &&
            h(
              'p',
              { class: `audit-chain ${chain.ok ? 'ok' : 'broken'}`, ...(chain.ok ? {} : { role: 'alert' }) },
              chain.ok
                ? t('audit.chain_ok', { n: chain.events, hash: String(chain.head?.hash ?? '').slice(0, 12) })
                : `${t('audit.chain_broken')} ${pick(chain.firstBreak?.message)}`,
            ),
        );
      },
      rows: (res) =>
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table audit-table' },
            h('caption', { class: 'visually-hidden' }, t('audit.title')),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  '#',
                  t('timeline.time'),
                  t('timeline.actor'),
                  t('audit.role'),
                  t('timeline.action'),
                  t('audit.hash'),
                ].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              res.items.map((/** @type {any} */ e) =>
                h(
                  'tr',
                  {},
                  h('td', {}, String(e.seq)),
                  h('td', {}, h('time', { datetime: e.at }, formatDateTime(e.at))),
                  h('td', {}, actorName(e.actor)),
                  h('td', {}, label('role', e.actor?.role)),
                  h('td', {}, pick(e.label) || e.action),
                  h('td', { class: 'audit-hash', title: e.hash }, h('code', {}, String(e.hash).slice(0, 10))),
                ),
              ),
            ),
          ),
        ),
    });
  };
  const open = [...query.keys()].some((k) => k.startsWith('a.'));
  const details = h(
    'details',
    {
      class: 'panel audit-panel',
      ...(open ? { open: true } : {}),
      ontoggle: () => {
        if (details.open) show();
      },
    },
    h('summary', {}, h('span', { class: 'audit-summary' }, t('audit.show'))),
    chainLine,
    body,
  );
  if (open) show();
  return details;
}

export function implementationPanel(d) {
  // Published or, for a decision not to be disclosed, concluded without publishing (R27): implementation and archive follow either way.
  const publication = (d.stages ?? []).find((s) => s.stage === 'publication')?.status;
  if (!['done', 'not_applicable', 'skipped'].includes(publication) && d.stage !== 'archived' && d.status !== 'closed')
    return null;
  const body = h('div', { class: 'panel-body' }, loading());
  const section = panel({ id: 'impl-title', title: t('impl.title') }, body);
  const base = `/api/decisions/${encodeURIComponent(d.id)}`;
  (async () => {
    try {
      const [impl, dossier, evaluationSchema] = await Promise.all([
        api.implementation(d.id),
        api.dossier(d.id).catch(() => null),
        formSchema('evaluation'),
      ]);
      const list = (items) =>
        Array.isArray(items) && items.length
          ? h(
              'ul',
              { class: 'ctx-list' },
              items.map((x) => h('li', {}, recordLine(x))),
            )
          : h('p', { class: 'empty' }, t('meetings.noneItems'));
      mount(
        body,
        impl?.implementingUnit?.implementingDepartmentId
          ? h('p', {}, `${t('impl.unit')}${t('colon')}${deptName(impl.implementingUnit.implementingDepartmentId)}`)
          : null,
        h('h3', {}, t('impl.reports')),
        list(impl?.reports),
        h('h3', {}, t('impl.evaluations')),
        list(impl?.evaluations),
        dossier || d.status === 'closed'
          ? h(
              'div',
              {},
              h('h3', {}, t('impl.dossier')),
              h(
                'div',
                { class: 'form-actions' },
                downloadButton(t('impl.dossierZip'), `${base}/dossier/download`, `${d.number}-案卷.zip`),
                downloadButton(t('impl.dossierIndex'), `${base}/dossier/index.docx`, `${d.number}-卷内目录.docx`),
              ),
            )
          : null,
        d.status === 'active' && hasRole('secretary', 'leader', 'supervisor')
          ? disclosureForm({
              open: t('impl.request'),
              submit: t('impl.requestSubmit'),
              // The trigger defaults to "requested" on the server; the form asks for it, chosen already.
              schema: { ...evaluationSchema, required: ['trigger', ...(evaluationSchema.required ?? [])] },
              initial: { trigger: 'requested' },
              send: (v) => api.requestEvaluation(d.id, v),
              done: () => mount(body, flash(t('impl.requested'))),
            })
          : null,
      );
    } catch (err) {
      mount(body, errorBox(err));
    }
  })();
  return section;
}

function recordLine(x) {
  if (!x || typeof x !== 'object') return String(x ?? '');
  const data = x.data && typeof x.data === 'object' ? x.data : {};
  const what =
    ['summary', 'progress', 'findings', 'conclusion', 'result', 'problems', 'reason']
      .map((k) => data[k])
      .find((v) => typeof v === 'string' && v) ?? '';
  const result =
    typeof data.result === 'string' && what !== data.result ? ` · ${choiceLabel('result', data.result)}` : '';
  return [x.at ? h('time', { datetime: x.at }, formatDateTime(x.at)) : null, ' ', what, result];
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/decisions/:id',
  page: ({ main, params, seq, focus }) => renderDecision(main, params.id, seq, focus),
};

/** "X（代Y）" when a substitute acted for someone (issue 16 §4), else the actor's name. */
const actorName = (a) =>
  a?.onBehalfOf ? `${a.name}（${t('absence.for', { name: a.onBehalfOf.name })}）` : (a?.name ?? '');
