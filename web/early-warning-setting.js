// @ts-check
// The early-warning N on the account page of the office (依法治市办) and the administrator: how many working days
// before its due a task turns yellow (临期). The form is the server's `earlyWarning` schema (1–10); the inbox, the
// boards and the ladder's letters use the stored value; each change is audited with the old and new value.

import { api } from './api.js';
import { h, mount, panel } from './dom.js';
import { formatDateTime, t } from './i18n.js';
import { schemaForm } from './forms.js';
import { formSchema, hasRole, stale } from './shell.js';
import { errorBox, loading, schemaSubmit } from './ui.js';

/** The panel, or null for people who do not set N. @param {number} seq */
export function earlyWarningPanel(seq) {
  if (!hasRole('supervisor', 'admin')) return null;
  const body = h('div', { class: 'early-warning-setting' }, loading());
  void fill(body, seq);
  return panel({ id: 'account-early-warning', title: t('earlyWarning.title') }, body);
}

/** @param {HTMLElement} body @param {number} seq */
async function fill(body, seq) {
  try {
    const [schema, current] = await Promise.all([formSchema('earlyWarning'), api.earlyWarningSetting()]);
    if (stale(seq)) return;
    const form = schemaForm({
      schema,
      scope: 'earlyWarning',
      initial: { yellowWorkingDays: current.yellowWorkingDays },
    });
    const alertEl = h('div', { class: 'form-alert', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('earlyWarning.save'));
    const el = h(
      'form',
      {
        class: 'form early-warning-form',
        novalidate: true,
        onsubmit: schemaSubmit(form, alertEl, submit, async (value) => {
          await api.setEarlyWarningSetting(value);
          await fill(body, seq);
          body.querySelector('.early-warning-saved')?.removeAttribute('hidden');
        }),
      },
      h('p', { class: 'hint' }, t('earlyWarning.lead', { min: current.min, max: current.max })),
      h(
        'p',
        { class: 'hint early-warning-source' },
        current.source === 'stored'
          ? t('earlyWarning.stored', {
              by: current.updatedBy ?? '',
              at: current.updatedAt ? formatDateTime(current.updatedAt) : '',
              n: current.configured,
            })
          : t('earlyWarning.configured', { n: current.configured }),
      ),
      form.el,
      alertEl,
      h('p', { class: 'flash early-warning-saved', role: 'status', hidden: true }, t('earlyWarning.saved')),
      h('div', { class: 'form-actions' }, submit),
    );
    mount(body, el);
  } catch (err) {
    if (!stale(seq))
      mount(
        body,
        errorBox(err, () => fill(body, seq)),
      );
  }
}
