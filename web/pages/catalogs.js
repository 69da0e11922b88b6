// @ts-check
// 目录清单 (R1, Decree 713 Art. 3 para. 3): the annual catalog of major decisions. The law-based-governance office
// drafts a year's entries, a government leader approves them recording the party committee's agreement, the office
// publishes; amendments are proposed with a reason and take effect once a leader approves them the same way. Each
// entry shows its decisions' progress; every version is kept with its diff; outside-catalog requests are decided here.

import { api, ApiError } from '../api.js';
import { focusFirst, h, mount, panel } from '../dom.js';
import { schemaForm } from '../forms.js';
import { formatDateTime, label, pick, t } from '../i18n.js';
import { decisionHash } from '../links.js';
import {
  departments,
  deptName,
  formSchema,
  hasRole,
  navigate,
  setFlash,
  setNavCount,
  stale,
  takeFlash,
} from '../shell.js';
import {
  disclosureForm,
  downloadButton,
  errorBox,
  flash,
  focusHeading,
  loading,
  ruleBox,
  showFormProblems,
  table,
  td,
} from '../ui.js';
import { agreementLine, diffView, entryValue, versionsView } from './catalog-diff.js';
import { outsidePanel, readsOutsideRequests } from './outside-catalog.js';

const beijingYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** The fields of an entry as the draft and amendment forms take them. */
const FIELDS = ['title', 'matterType', 'leadDepartmentId', 'plannedQuarter', 'legalBasis'];
/** @param {any} e */
const formEntry = (e) => ({ id: e.id, ...Object.fromEntries(FIELDS.map((f) => [f, e[f]])) });

/** @param {any} c */
const statusLine = (c) =>
  c.status === 'published' ? t('catalog.status.publishedVersion', { n: c.version }) : t(`catalog.status.${c.status}`);

/** 404 as "none" for the reads that may not exist yet. @param {Promise<any>} p */
const orNone = (p) =>
  p.catch((e) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });

/**
 * @param {HTMLElement} main
 * @param {URLSearchParams} query
 * @param {number} seq
 * @param {boolean} focus
 * @param {string | null} [message]
 */
export async function renderCatalogs(main, query, seq, focus, message = null) {
  document.title = `${t('catalog.title')} · ${t('app.name')}`;
  const heading = h('h1', { id: 'catalogs-title' }, t('catalog.title'));
  if (!hasRole('supervisor', 'leader', 'drafter', 'dept_head')) {
    mount(main, heading, h('p', { class: 'notice' }, t('notfound.body')));
    return;
  }
  mount(main, heading, loading());
  const thisYear = beijingYear();
  const asked = Number(query.get('year'));
  let data;
  try {
    const [years] = await Promise.all([api.catalogs(), departments()]);
    const year =
      Number.isInteger(asked) && asked >= 2000 && asked <= 2100
        ? asked
        : years.items.some((/** @type {any} */ y) => y.year === thisYear)
          ? thisYear
          : (years.items[0]?.year ?? thisYear);
    const [catalog, versions, amendments, waiting] = await Promise.all([
      orNone(api.catalog(year)),
      orNone(api.catalogVersions(year)),
      orNone(api.catalogAmendments(year)),
      api.waitingApprovals(),
    ]);
    data = { years: years.items, year, catalog, versions, amendments, waiting };
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        heading,
        errorBox(err, () => renderCatalogs(main, query, seq, focus)),
      );
    return;
  }
  if (stale(seq)) return;
  setNavCount(`#${route.path}`, data.waiting.total);
  // After an action the page is drawn again for the year, keeping the request list's filters.
  const again = (/** @type {string} */ msg) =>
    renderCatalogs(
      main,
      new URLSearchParams([...[...query].filter(([k]) => k.startsWith('o.')), ['year', String(data.year)]]),
      seq,
      false,
      msg,
    );
  // Outside-catalog requests come second for those who act on them: drafters asking, leaders with some pending.
  const outsideFirst =
    hasRole('drafter') ||
    (hasRole('leader') && data.waiting.items.some((/** @type {any} */ w) => w.kind === 'outside'));
  const [main1, amendments, versions, outside] = await Promise.all([
    catalogPanel(data, again),
    data.catalog?.status === 'published' ? amendmentsPanel(data, again) : null,
    data.versions?.items.length ? versionsPanel(data) : null,
    readsOutsideRequests() ? outsidePanel(query, seq, again) : null,
  ]);
  const sections = outsideFirst ? [main1, outside, amendments, versions] : [main1, amendments, versions, outside];
  if (stale(seq)) return;
  const said = message ?? takeFlash();
  mount(main, heading, said ? flash(said) : null, yearsNav(data), awaiting(data), ...sections);
  if (focus) focusHeading(main);
}

/**
 * What waits for the person, every year at once (GET /api/approvals/waiting, the nav's count): catalogs and
 * amendments to approve and outside-catalog requests to decide for a leader, publication for the office; each a link.
 * @param {any} data
 */
function awaiting(data) {
  const items = data.waiting.items;
  if (!items.length) return null;
  return h(
    'div',
    { class: 'notice catalog-waiting', role: 'status' },
    h('strong', {}, `${t('catalog.waiting.title')}${t('colon')}`),
    items.map((/** @type {any} */ w, /** @type {number} */ i) => [
      i ? '；' : null,
      h('a', { href: w.href, class: `catalog-waiting-item catalog-waiting-item--${w.kind}` }, pick(w.label)),
    ]),
  );
}

/** The years as links, and the office's form to start a year. @param {any} data */
function yearsNav(data) {
  const years = [...new Set([...data.years.map((/** @type {any} */ y) => y.year), data.year])].sort((a, b) => b - a);
  return h(
    'nav',
    { class: 'catalog-years', 'aria-label': t('catalog.years') },
    h('span', { class: 'muted' }, `${t('catalog.years')}${t('colon')}`),
    years.map((y) =>
      h(
        'a',
        { href: `#/catalogs?year=${y}`, class: 'catalog-year', 'aria-current': y === data.year ? 'page' : null },
        t('catalog.yearLabel', { year: y }),
      ),
    ),
  );
}

/** @param {any} data @param {(msg: string) => void} again */
async function catalogPanel(data, again) {
  const { year, catalog: c } = data;
  const title = t('catalog.heading', { year });
  if (!c) {
    const create = hasRole('supervisor')
      ? disclosureForm({
          open: t('catalog.create'),
          submit: t('catalog.createSubmit'),
          schema: await formSchema('catalogCreate'),
          scope: 'catalogCreate',
          initial: { year },
          send: (value) => api.createCatalog(value.year),
          done: (res) => {
            setFlash(t('catalog.created', { year: res.year }));
            navigate(`#/catalogs?year=${res.year}`);
          },
        })
      : null;
    return panel({ id: 'catalog-title', title }, h('p', { class: 'empty' }, t('catalog.none', { year })), create);
  }
  const facts = h(
    'dl',
    { class: 'catalog-facts' },
    h('dt', {}, t('catalog.statusLabel')),
    h('dd', {}, h('span', { class: `status status--catalog-${c.status}` }, statusLine(c))),
    agreementLine(c) ? [h('dt', {}, t('catalog.approvalLabel')), h('dd', {}, agreementLine(c))] : null,
    c.publishedAt ? [h('dt', {}, t('catalog.publishedAt')), h('dd', {}, formatDateTime(c.publishedAt))] : null,
  );
  const actions = h(
    'div',
    { class: 'catalog-actions' },
    c.status === 'published'
      ? [
          downloadButton(
            t('catalog.download'),
            `/api/catalogs/${year}/catalog.docx`,
            `${year}年度重大行政决策事项目录.docx`,
          ),
          h(
            'a',
            { class: 'btn btn--small', href: `/public/catalogs/${year}`, target: '_blank', rel: 'noopener' },
            t('catalog.publicPage'),
          ),
        ]
      : null,
    c.status === 'drafting' && hasRole('leader') && c.entries.length
      ? disclosureForm({
          open: t('catalog.approve'),
          submit: t('catalog.approveSubmit'),
          schema: await formSchema('catalogApproval'),
          scope: 'catalogApproval',
          send: (value) => api.approveCatalog(year, value),
          done: () => again(t('catalog.approved')),
        })
      : null,
    c.status === 'approved' && hasRole('supervisor') ? publishButton(year, again) : null,
  );
  const waiting =
    c.status === 'drafting'
      ? h(
          'p',
          { class: 'panel-lead' },
          t(hasRole('supervisor') ? 'catalog.lead.drafting' : 'catalog.lead.draftingOthers'),
        )
      : c.status === 'approved'
        ? h('p', { class: 'panel-lead' }, t('catalog.lead.approved'))
        : null;
  return panel(
    {
      id: 'catalog-title',
      title,
      meta: h(
        'span',
        { class: 'panel-meta' },
        h('span', { class: `status status--catalog-${c.status}` }, statusLine(c)),
      ),
    },
    facts,
    waiting,
    actions,
    entriesTable(c),
    c.status === 'drafting' && hasRole('supervisor') ? await draftEditor(c, again) : null,
  );
}

/** @param {number} year @param {(msg: string) => void} again */
function publishButton(year, again) {
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--primary btn--small',
      onclick: async () => {
        if (!window.confirm(t('catalog.publishConfirm', { year }))) return;
        button.disabled = true;
        mount(alertEl);
        try {
          await api.publishCatalog(year);
          again(t('catalog.published'));
        } catch (err) {
          button.disabled = false;
          mount(alertEl, ruleBox(err));
        }
      },
    },
    t('catalog.publish'),
  );
  return h('span', { class: 'catalog-publish' }, button, alertEl);
}

/** The entries with their decisions' progress (links to the decisions the reader may open). @param {any} c */
function entriesTable(c) {
  if (!c.entries.length) return h('p', { class: 'empty' }, t('catalog.noEntries'));
  const cols = [
    t('catalog.col.seq'),
    t('catalog.col.title'),
    t('catalog.col.type'),
    t('catalog.col.department'),
    t('catalog.col.quarter'),
    t('catalog.col.basis'),
    t('catalog.col.progress'),
  ];
  const rows = c.entries.map((/** @type {any} */ e) =>
    h(
      'tr',
      { class: ['catalog-entry', e.status === 'removed' && 'catalog-entry--removed'], 'data-entry': e.id },
      td(cols[0], t('catalog.itemNo', { n: e.seq })),
      td(
        cols[1],
        e.status === 'removed' ? h('del', {}, e.title) : e.title,
        e.status === 'removed' ? h('span', { class: 'badge badge--removed' }, t('catalog.removedMark')) : null,
      ),
      td(cols[2], label('matterType', e.matterType)),
      td(cols[3], e.leadDepartment ? pick(e.leadDepartment) : deptName(e.leadDepartmentId)),
      td(cols[4], e.plannedQuarter),
      td(cols[5], entryValue('legalBasis', e.legalBasis)),
      td(
        cols[6],
        h(
          'ul',
          { class: 'catalog-progress' },
          e.progress.map((/** @type {any} */ p) =>
            h(
              'li',
              {},
              p.number
                ? p.decisionId
                  ? h('a', { href: decisionHash(p.decisionId), class: 'num' }, p.number)
                  : h('span', { class: 'num' }, p.number)
                : null,
              p.number ? ' ' : null,
              h('span', { class: `stage-label stage-label--${p.stage}` }, pick(p.stageLabel)),
            ),
          ),
        ),
      ),
    ),
  );
  return table(t('catalog.entries'), cols, rows, 'catalog-table');
}

/**
 * A schema form for the entries (the draft's, or an amendment's) with its submit: the entries rows from the server's
 * catalogDraft schema, and for an amendment the reason from the catalogAmendment schema.
 * @param {{ entries: any[], withReason: boolean, submitText: string, send: (value: any) => Promise<any>, done: (res: any) => void, check?: (value: any) => Array<{ path: string, text: string }> }} o
 */
async function entriesForm({ entries, withReason, submitText, send, done, check }) {
  const [draft, amendment] = await Promise.all([
    formSchema('catalogDraft'),
    withReason ? formSchema('catalogAmendment') : null,
  ]);
  const schema = {
    type: 'object',
    properties: {
      ...(amendment ? { reason: amendment.properties.reason } : {}),
      entries: { ...draft.properties.entries, minItems: withReason ? 0 : 1 },
    },
    required: [...(amendment ? ['reason'] : []), 'entries'],
  };
  const form = schemaForm({
    schema,
    scope: 'catalogDraft',
    initial: { entries: entries.map(formEntry) },
    hints: {
      'entries.*.id': { hidden: true },
      'entries.*.plannedQuarter': { placeholder: '2027-Q2' },
      ...(amendment ? { reason: { label: pick(amendment.properties.reason.label), rows: 3 } } : {}),
    },
    sources: { departments: await departments() },
  });
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'btn btn--primary' }, submitText);
  const onSubmit = async (/** @type {Event} */ ev) => {
    ev.preventDefault();
    form.clearErrors();
    mount(alertEl);
    const { value, errors } = form.value();
    if (!errors.length && check) errors.push(...check(value));
    if (errors.length) return showFormProblems(form, alertEl, errors);
    button.disabled = true;
    try {
      done(await send(value));
    } catch (err) {
      button.disabled = false;
      showFormProblems(form, alertEl, err, '');
    }
  };
  return h(
    'form',
    { class: 'task-form catalog-form', novalidate: true, onsubmit: onSubmit },
    form.el,
    alertEl,
    h('div', { class: 'form-actions' }, button),
  );
}

/** The office edits the draft's rows (add, change, remove) and saves them whole. @param {any} c @param {(msg: string) => void} again */
async function draftEditor(c, again) {
  const body = h('div', { class: 'disclosure-body' });
  const opener = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      'aria-expanded': 'false',
      onclick: async () => {
        const open = opener.getAttribute('aria-expanded') === 'true';
        opener.setAttribute('aria-expanded', String(!open));
        if (open) return mount(body);
        mount(
          body,
          await entriesForm({
            entries: c.entries,
            withReason: false,
            submitText: t('catalog.saveDraft'),
            send: (value) => api.saveCatalogDraft(c.year, value.entries),
            done: (res) => again(t('catalog.draftSaved', { n: res.entries.length })),
          }),
        );
        focusFirst(body, 'input, select, textarea');
      },
    },
    t('catalog.editDraft'),
  );
  return h('div', { class: 'disclosure catalog-draft-editor' }, opener, body);
}

/**
 * An amendment as the API takes it, from the entries as edited against the published ones: new rows are added,
 * rows whose fields differ are changed (only those fields), rows no longer there are removed.
 * @param {any[]} published @param {any} value
 */
export function amendmentOf(published, value) {
  const before = new Map(published.map((e) => [e.id, formEntry(e)]));
  const rows = value.entries ?? [];
  const kept = new Set(rows.map((/** @type {any} */ r) => r.id).filter(Boolean));
  const change = rows
    .filter((/** @type {any} */ r) => r.id && before.has(r.id))
    .map((/** @type {any} */ r) => {
      const old = /** @type {any} */ (before.get(r.id));
      const fields = FIELDS.filter((f) => JSON.stringify(old[f]) !== JSON.stringify(r[f]));
      return fields.length ? { id: r.id, ...Object.fromEntries(fields.map((f) => [f, r[f]])) } : null;
    })
    .filter(Boolean);
  return {
    reason: value.reason,
    add: rows.filter((/** @type {any} */ r) => !r.id).map(({ id: _id, ...e }) => e),
    change,
    remove: published.filter((e) => !kept.has(e.id)).map((e) => e.id),
  };
}

/** Pending and decided amendments; the office proposes, a leader approves or refuses. @param {any} data @param {(msg: string) => void} again */
async function amendmentsPanel(data, again) {
  const { year, catalog: c } = data;
  const items = data.amendments?.items ?? [];
  const pending = items.find((/** @type {any} */ a) => a.status === 'pending');
  const active = c.entries.filter((/** @type {any} */ e) => e.status === 'active');
  const [approvalSchema, refusalSchema, withdrawSchema] = await Promise.all([
    hasRole('leader') ? formSchema('catalogApproval') : null,
    hasRole('leader') ? formSchema('catalogRefusal') : null,
    hasRole('supervisor') ? formSchema('catalogRefusal') : null,
  ]);
  let propose = null;
  if (hasRole('supervisor') && !pending) {
    const body = h('div', { class: 'disclosure-body' });
    const opener = h(
      'button',
      {
        type: 'button',
        class: 'btn',
        'aria-expanded': 'false',
        onclick: async () => {
          const open = opener.getAttribute('aria-expanded') === 'true';
          opener.setAttribute('aria-expanded', String(!open));
          if (open) return mount(body);
          mount(
            body,
            h('p', { class: 'panel-lead' }, t('catalog.amend.lead')),
            await entriesForm({
              entries: active,
              withReason: true,
              submitText: t('catalog.amend.submit'),
              check: (value) => {
                const a = amendmentOf(active, value);
                return a.add.length + a.change.length + a.remove.length
                  ? []
                  : [{ path: 'entries', text: t('catalog.amend.nothing') }];
              },
              send: (value) => api.proposeAmendment(year, amendmentOf(active, value)),
              done: () => again(t('catalog.amend.proposed')),
            }),
          );
          focusFirst(body, 'textarea, input');
        },
      },
      t('catalog.amend.open'),
    );
    propose = h('div', { class: 'disclosure catalog-amend' }, opener, body);
  }
  const card = (/** @type {any} */ a) =>
    h(
      'li',
      { class: `catalog-amendment catalog-amendment--${a.status}`, 'data-amendment': a.id },
      h(
        'p',
        { class: 'catalog-amendment-head' },
        h('span', { class: `status status--amendment-${a.status}` }, t(`catalog.amend.status.${a.status}`)),
        ' ',
        a.version ? t('catalog.amend.became', { n: a.version }) : t('catalog.amend.against', { n: a.baseVersion }),
        h(
          'span',
          { class: 'muted' },
          ` · ${t('catalog.amend.proposedBy', { who: a.proposedBy ?? '', at: formatDateTime(a.proposedAt) })}`,
        ),
      ),
      h('p', {}, h('strong', {}, `${t('catalog.amend.reason')}${t('colon')}`), a.reason),
      a.status === 'approved'
        ? h(
            'p',
            { class: 'muted' },
            `${agreementLine(a)} · ${t('catalog.amend.decidedBy', { who: a.decidedBy ?? '', at: formatDateTime(a.decidedAt) })}`,
          )
        : null,
      a.status === 'refused' || a.status === 'withdrawn'
        ? h(
            'p',
            { class: 'muted' },
            `${t(a.status === 'withdrawn' ? 'catalog.amend.withdrawReason' : 'catalog.amend.refusalReason')}${t('colon')}${a.refusalReason} · ${t('catalog.amend.decidedBy', { who: a.decidedBy ?? '', at: formatDateTime(a.decidedAt) })}`,
          )
        : null,
      diffView(a.diff),
      a.status === 'pending' && hasRole('supervisor') && withdrawSchema
        ? h(
            'div',
            { class: 'catalog-actions' },
            disclosureForm({
              open: t('catalog.amend.withdraw'),
              submit: t('catalog.amend.withdrawSubmit'),
              schema: withdrawSchema,
              scope: 'catalogRefusal',
              hints: { reason: { label: t('catalog.amend.withdrawReason') } },
              send: (value) => api.withdrawAmendment(year, a.id, value),
              done: () => again(t('catalog.amend.withdrawn')),
            }),
          )
        : null,
      a.status === 'pending' && approvalSchema && refusalSchema
        ? h(
            'div',
            { class: 'catalog-actions' },
            disclosureForm({
              open: t('catalog.amend.approve'),
              submit: t('catalog.approveSubmit'),
              schema: approvalSchema,
              scope: 'catalogApproval',
              send: (value) => api.approveAmendment(year, a.id, value),
              done: (res) => again(t('catalog.amend.approved', { n: res.version })),
            }),
            disclosureForm({
              open: t('catalog.amend.refuse'),
              submit: t('catalog.amend.refuseSubmit'),
              schema: refusalSchema,
              scope: 'catalogRefusal',
              send: (value) => api.refuseAmendment(year, a.id, value),
              done: () => again(t('catalog.amend.refused')),
            }),
          )
        : null,
    );
  return panel(
    { id: 'amendments-title', title: t('catalog.amend.title'), class: 'catalog-amendments' },
    h('p', { class: 'panel-lead' }, t(pending ? 'catalog.amend.pendingLead' : 'catalog.amend.rule')),
    propose,
    items.length
      ? h('ul', { class: 'catalog-amendment-list' }, items.map(card))
      : h('p', { class: 'empty' }, t('catalog.amend.none')),
  );
}

/** @param {any} data */
function versionsPanel(data) {
  return panel(
    {
      id: 'versions-title',
      title: t('catalog.versions.title'),
      meta: h('span', { class: 'panel-meta' }, t('catalog.versions.meta', { n: data.versions.items.length })),
    },
    versionsView(data.versions),
  );
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/catalogs',
  page: ({ main, query, seq, focus }) => renderCatalogs(main, query, seq, focus),
  nav: {
    label: 'nav.catalogs',
    roles: ['supervisor', 'leader', 'drafter', 'dept_head'],
    count: async () => (hasRole('leader', 'supervisor') ? (await api.waitingApprovals()).total : 0),
  },
};
