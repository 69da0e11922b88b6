// @ts-check
// The launch page: a drafter starts a decision (the form validates as the API does, errors beside the fields).

import { api } from '../api.js';
import { focusFirst, h, mount, panel } from '../dom.js';
import { schemaForm } from '../forms.js';
import { getLocale, t } from '../i18n.js';
import { decisionHash } from '../links.js';
import { departments, formSchema, hasRole, myDepartmentId, navigate, stale, state } from '../shell.js';
import { errorBox, focusHeading, loading, showFormProblems } from '../ui.js';
import { catalogPicks } from './catalog-picks.js';

export async function renderLaunch(main, seq, focus, query = new URLSearchParams()) {
  document.title = `${t('launch.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/' }, `← ${t('nav.home')}`));
  if (!hasRole('drafter')) {
    mount(
      main,
      crumbs,
      h('section', { class: 'panel' }, h('h1', {}, t('launch.title')), h('p', {}, t('notfound.body'))),
    );
    return;
  }
  mount(main, crumbs, loading());
  let depts;
  let schema;
  let approvals;
  try {
    [depts, schema] = await Promise.all([departments(), formSchema('launch')]);
    ({ schema, approvals } = await catalogPicks(schema, myDepartmentId()));
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        crumbs,
        errorBox(err, () => renderLaunch(main, seq, focus, query)),
      );
    return;
  }
  if (stale(seq)) return;
  const mine = myDepartmentId();
  const me = depts.find((d) => d.id === mine);
  // R1: an approved outside-catalog request (from the catalog page's link) fills the launch's title and reason.
  const approval = approvals.find((r) => r.id === query.get('approval'));
  const form = schemaForm({
    schema,
    initial: {
      coDepartmentIds: [],
      widePublicConcern: false,
      partyCommitteeReportRequired: true,
      ...(approval
        ? {
            inCatalog: false,
            outsideCatalogApprovalId: approval.id,
            title: approval.title,
            outsideCatalogReason: approval.reason,
          }
        : {}),
    },
    sources: { departments: depts },
    hints: {
      legalBasis: { help: t('launch.help.legalBasis') },
      plannedMeetingQuarter: { help: t('launch.help.plannedMeetingQuarter'), placeholder: '2027-Q1' },
      coDepartmentIds: { excludeDepartments: [mine] },
      catalogEntryId: { showIf: (v) => v.inCatalog === true, requiredWhenShown: true },
      outsideCatalogReason: { showIf: (v) => v.inCatalog === false, requiredWhenShown: true },
      outsideCatalogApprovalId: {
        showIf: (v) => v.inCatalog === false,
        requiredWhenShown: true,
        help: t('launch.help.outsideCatalogApproval'),
      },
      partyCommitteeWaiverReason: { showIf: (v) => v.partyCommitteeReportRequired === false, requiredWhenShown: true },
      partyCommitteeWaiverApproval: {
        showIf: (v) => v.partyCommitteeReportRequired === false,
        requiredWhenShown: true,
      },
      confidential: { help: t('launch.help.confidential') },
      confidentialReason: { showIf: (v) => v.confidential === true, requiredWhenShown: true },
      touchesMarketActors: { help: t('launch.help.touchesMarketActors') },
      widePublicConcern: { help: t('launch.help.widePublicConcern') },
    },
  });
  // Picking an approval fills the reason it was approved on, when none is typed yet.
  form.el.querySelector('select[name="outsideCatalogApprovalId"]')?.addEventListener('change', (ev) => {
    const picked = approvals.find((r) => r.id === /** @type {HTMLSelectElement} */ (ev.target).value);
    const reason = form.el.querySelector('[name="outsideCatalogReason"]');
    if (picked && reason instanceof HTMLTextAreaElement && !reason.value.trim()) reason.value = picked.reason;
  });
  // The way to ask for an approval stands beside the approval's field (shown with it, for a launch outside the catalog).
  form.el
    .querySelector('select[name="outsideCatalogApprovalId"]')
    ?.closest('.sf-field')
    ?.append(h('p', { class: 'launch-outside-link' }, h('a', { href: '#/catalogs' }, t('launch.askOutside'))));
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('launch.submit'));
  const onSubmit = async (ev) => {
    ev.preventDefault();
    form.clearErrors();
    mount(alertEl);
    const { value, errors } = form.value();
    for (const c of launchChecks(value)) errors.push({ path: c.path, text: t(c.key) });
    if (errors.length) return showFormProblems(form, alertEl, errors);
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    try {
      const res = await api.launch(value);
      state.flash = t('launch.done', { number: res.number });
      navigate(decisionHash(res.id));
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('launch.submit');
      showFormProblems(form, alertEl, err, '');
    }
  };
  mount(
    main,
    crumbs,
    panel(
      { id: 'launch-title', title: t('launch.title'), class: 'form-panel', heading: 'h1' },
      h(
        'p',
        { class: 'panel-lead' },
        t('launch.lead', { dept: me ? (getLocale() === 'en' ? me.nameEn : me.nameZh) : '' }),
      ),
      h(
        'form',
        { class: 'task-form', novalidate: true, onsubmit: onSubmit },
        form.el,
        alertEl,
        h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn', href: '#/' }, t('form.cancel'))),
      ),
    ),
  );
  if (focus) focusHeading(main);
  else focusFirst(main, 'input, select, textarea');
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/launch',
  page: ({ main, seq, focus, query }) => renderLaunch(main, seq, focus, query),
};

/**
 * The launch form's cross-field checks (R1, R4, R23), said before sending with the rule's own message; the API's
 * superRefine (domain/decision/launch.ts, domain/rules/launch.ts) decides. [{path, key}] of the message keys.
 * @param {any} v
 */
function launchChecks(v) {
  /** @type {{ path: string, key: string }[]} */
  const out = [];
  if (v.confidential === true && !v.confidentialReason)
    out.push({ path: 'confidentialReason', key: 'launch.need.confidentialReason' });
  if (v.inCatalog === true && !v.catalogEntryId) out.push({ path: 'catalogEntryId', key: 'launch.need.catalogEntry' });
  if (v.inCatalog === false && !v.outsideCatalogReason)
    out.push({ path: 'outsideCatalogReason', key: 'launch.need.outsideCatalogReason' });
  if (v.inCatalog === false && !v.outsideCatalogApprovalId)
    out.push({ path: 'outsideCatalogApprovalId', key: 'launch.need.outsideCatalogApproval' });
  if (v.partyCommitteeReportRequired === false && !v.partyCommitteeWaiverReason)
    out.push({ path: 'partyCommitteeWaiverReason', key: 'launch.need.partyCommitteeWaiverReason' });
  if (v.partyCommitteeReportRequired === false && !v.partyCommitteeWaiverApproval)
    out.push({ path: 'partyCommitteeWaiverApproval', key: 'launch.need.partyCommitteeWaiverApproval' });
  return out;
}
