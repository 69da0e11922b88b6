// @ts-check
// The expert pool (专家库, R10; Decree 713 Art. 20–21) kept by the supervising office and the admin: experts and
// institutions with their fields, former departments and declared interests; search by field; add and edit an
// expert; declare an interest. Every form is the API's own schema (GET /api/forms/expert|expertUpdate|expertInterest).

import { expertsApi } from '../experts-api.js';
import { h, mount, panel } from '../dom.js';
import { choiceLabel } from '../fields.js';
import { formatDateTime, t } from '../i18n.js';
import { departments, deptName, formSchema, setFlash, stale, takeFlash } from '../shell.js';
import { disclosureForm, errorBox, flash, focusHeading, loading, table, td } from '../ui.js';

/** @param {HTMLElement} main @param {URLSearchParams} query @param {number} seq @param {boolean} focus */
async function renderExperts(main, query, seq, focus) {
  document.title = `${t('experts.title')} · ${t('app.name')}`;
  const field = query.get('field') ?? '';
  mount(main, loading());
  let pool;
  /** @type {any[]} */
  let schemas;
  try {
    await departments();
    [pool, ...schemas] = await Promise.all([
      expertsApi.pool(field || undefined),
      formSchema('expert'),
      formSchema('expertUpdate'),
      formSchema('expertInterest'),
    ]);
  } catch (err) {
    if (!stale(seq))
      mount(
        main,
        errorBox(err, () => renderExperts(main, query, seq, focus)),
      );
    return;
  }
  if (stale(seq)) return;
  const [createSchema, updateSchema, interestSchema] = schemas;
  const note = takeFlash();
  const again = (/** @type {string} */ msg) => {
    setFlash(msg);
    renderExperts(main, query, seq, false);
  };
  const search = h('input', { type: 'search', id: 'expert-field', name: 'field', value: field, maxlength: '100' });
  const searchForm = h(
    'form',
    {
      class: 'experts-search',
      role: 'search',
      onsubmit: (/** @type {Event} */ ev) => {
        ev.preventDefault();
        const v = String(/** @type {HTMLInputElement} */ (search).value).trim();
        location.hash = v ? `#/experts?field=${encodeURIComponent(v)}` : '#/experts';
      },
    },
    h('label', { for: 'expert-field' }, t('experts.searchField')),
    search,
    h('button', { type: 'submit', class: 'btn btn--small' }, t('experts.search')),
    field ? h('a', { href: '#/experts', class: 'btn btn--small' }, t('experts.searchClear')) : null,
  );
  mount(
    main,
    h('h1', { id: 'experts-title', tabindex: '-1' }, t('experts.title')),
    h('p', { class: 'lead' }, t('experts.lead')),
    note ? flash(note) : null,
    panel(
      {
        id: 'experts-pool-title',
        title: t('experts.pool'),
        meta: h('p', { class: 'panel-meta' }, t('experts.count', { n: pool.items.length })),
      },
      searchForm,
      disclosureForm({
        open: t('experts.add'),
        submit: t('experts.addSubmit'),
        schema: createSchema,
        scope: 'expert',
        initial: { kind: 'expert' },
        hints: {
          fields: { help: t('experts.fieldsHelp') },
          formerDepartmentIds: { help: t('experts.formerHelp') },
          'interests.*.decisionId': { help: t('experts.decisionHelp') },
        },
        send: (v) => expertsApi.create(v),
        done: (res) => again(t('experts.added', { name: res.name ?? '' })),
      }),
      pool.items.length
        ? table(
            t('experts.pool'),
            [
              t('experts.name'),
              t('experts.fields'),
              t('experts.former'),
              t('experts.interests'),
              t('experts.state'),
              '',
            ],
            pool.items.map((e) => expertRow(e, { updateSchema, interestSchema, again })),
            'experts-table',
          )
        : h('p', { class: 'empty' }, field ? t('experts.noneInField', { field }) : t('experts.none')),
    ),
  );
  if (focus) focusHeading(main);
}

/** One expert: who, fields, former departments, declared interests, state, and the two dialogs. */
function expertRow(e, { updateSchema, interestSchema, again }) {
  const tt = t;
  return h(
    'tr',
    { class: e.active ? '' : 'is-inactive', 'data-expert': e.name },
    td(
      tt('experts.name'),
      h('strong', {}, e.name),
      e.title ? h('span', { class: 'open-role' }, ` · ${e.title}`) : null,
      h('br'),
      h('span', { class: 'muted' }, `${choiceLabel('kind', e.kind)} · ${e.institution}`),
      e.email ? h('br') : null,
      e.email ? h('span', { class: 'muted' }, e.email) : null,
    ),
    td(
      tt('experts.fields'),
      e.fields.map((f) => h('span', { class: 'tag' }, f)),
    ),
    td(tt('experts.former'), e.formerDepartmentIds.length ? e.formerDepartmentIds.map(deptName).join('、') : '—'),
    td(
      tt('experts.interests'),
      e.interests.length
        ? h(
            'ul',
            { class: 'plain-list' },
            e.interests.map((i) =>
              h(
                'li',
                {},
                i.departmentId ? deptName(i.departmentId) : (i.decisionNumber ?? ''),
                '：',
                i.description,
                h('span', { class: 'muted' }, ` （${formatDateTime(i.declaredAt)}）`),
              ),
            ),
          )
        : '—',
    ),
    td(
      tt('experts.state'),
      h(
        'span',
        { class: ['badge', e.active ? 'badge--ok' : 'badge--muted'] },
        e.active ? tt('experts.active') : tt('experts.inactive'),
      ),
    ),
    td(
      '',
      h(
        'div',
        { class: 'pool-actions' },
        disclosureForm({
          open: tt('experts.edit'),
          submit: tt('experts.editSubmit'),
          schema: updateSchema,
          scope: 'expertUpdate',
          initial: {
            name: e.name,
            institution: e.institution,
            kind: e.kind,
            title: e.title ?? undefined,
            fields: e.fields,
            email: e.email ?? undefined,
            formerDepartmentIds: e.formerDepartmentIds,
            active: e.active,
          },
          send: (v) => expertsApi.update(e.id, v),
          done: () => again(tt('experts.saved', { name: e.name })),
        }),
        disclosureForm({
          open: tt('experts.interest'),
          submit: tt('experts.interestSubmit'),
          schema: interestSchema,
          scope: 'expertInterest',
          hints: { decisionId: { help: tt('experts.decisionHelp') } },
          send: (v) => expertsApi.declareInterest(e.id, v),
          done: () => again(tt('experts.interestSaved', { name: e.name })),
        }),
      ),
    ),
  );
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/experts',
  page: ({ main, query, seq, focus }) => renderExperts(main, query, seq, focus),
  nav: { label: 'nav.experts', roles: ['supervisor', 'admin'] },
};
