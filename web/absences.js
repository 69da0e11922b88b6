// @ts-check
// Absences and substitutes (issue 16 §4) on the account page: my absences, the periods I substitute for someone
// (代办), the absences of the people I manage, and a form served by the API (GET /api/forms/absence).

import { api } from './api.js';
import { h, mount, panel } from './dom.js';
import { formatDate, t } from './i18n.js';
import { formSchema } from './shell.js';
import { disclosureForm, errorBox, flash, table, td } from './ui.js';

/** The account page's section; `again` re-renders it after a change. */
export async function absencePanel() {
  const body = h('div', {});
  const section = panel({ id: 'account-absences', title: t('absence.title') }, body);
  const render = async (note) => {
    let data;
    let schema;
    try {
      [data, schema] = await Promise.all([api.absences(), formSchema('absence')]);
    } catch (err) {
      return mount(
        body,
        errorBox(err, () => render()),
      );
    }
    const names = new Map([...data.people, ...data.substitutes].map((p) => [p.id, p.displayName]));
    const rows = (items, withdraw) =>
      items.map((a) =>
        h(
          'tr',
          { class: a.current ? 'is-current' : '' },
          td(t('absence.who'), a.user.name),
          td(
            t('absence.period'),
            `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`,
            a.current ? h('span', { class: 'badge badge--provisional' }, t('absence.now')) : null,
          ),
          td(t('absence.reason'), a.reason),
          td(
            t('absence.substitute'),
            a.substitute ? a.substitute.name : h('span', { class: 'badge badge--overdue' }, t('absence.noSubstitute')),
          ),
          td(
            '',
            withdraw
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn--small',
                    onclick: async () => {
                      try {
                        await api.withdrawAbsence(a.id);
                        render(t('absence.withdrawn'));
                      } catch (err) {
                        mount(
                          body,
                          errorBox(err, () => render()),
                        );
                      }
                    },
                  },
                  t('absence.withdraw'),
                )
              : null,
          ),
        ),
      );
    const cols = [t('absence.who'), t('absence.period'), t('absence.reason'), t('absence.substitute'), ''];
    const list = (caption, items, withdraw) =>
      items.length ? table(caption, cols, rows(items, withdraw)) : h('p', { class: 'empty' }, t('absence.none'));
    mount(
      body,
      note ? flash(note) : null,
      h('p', {}, t('absence.lead')),
      h('h3', {}, t('absence.mine')),
      list(t('absence.mine'), data.mine, true),
      h('h3', {}, t('absence.substituting')),
      list(t('absence.substituting'), data.substituting, false),
      data.people.length > 1 ? h('h3', {}, t('absence.managed')) : null,
      data.people.length > 1 ? list(t('absence.managed'), data.managed, true) : null,
      disclosureForm({
        open: t('absence.add'),
        submit: t('absence.submit'),
        scope: 'absence',
        // The served schema, the people narrowed to those this person may record for and may name.
        schema: {
          ...schema,
          properties: {
            ...schema.properties,
            userId: { ...schema.properties.userId, enum: data.people.map((p) => p.id) },
            substituteUserId: {
              ...schema.properties.substituteUserId,
              enum: data.substitutes.map((p) => p.id),
            },
          },
        },
        initial: { userId: data.people[0]?.id },
        hints: { substituteUserId: { help: t('absence.substituteHelp') } },
        optionLabels: { userId: (id) => names.get(id) ?? id, substituteUserId: (id) => names.get(id) ?? id },
        send: (v) => api.recordAbsence(v),
        done: (res) => render(res?.warned?.length ? t('absence.savedWarned') : t('absence.saved')),
      }),
    );
  };
  await render();
  return section;
}
