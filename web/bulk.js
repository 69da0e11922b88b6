// @ts-check
// Bulk actions with preview (issue 16 §5): checkboxes on a list; a preview dialog (共 n 项：x 项将执行，y 项将被拒绝,
// each refusal with its rule and reason); then, once executed, the result per item. The server decides everything:
// the preview is its answer, changing nothing; the execution does each item on its own.

import { h, mount } from './dom.js';
import { schemaForm } from './forms.js';
import { pick, ruleTitle, t } from './i18n.js';
import { errorBox, loading, showFormProblems, table, td } from './ui.js';

/**
 * One bulk bar above a list (the office's 提示, the director's 改派, the secretary's 列入议题): the lead with the count
 * chosen, the action's form — the server's schema (GET /api/forms/<scope>) without the ids field, which the
 * checkboxes give — or none, and the preview button that opens `bulkDialog`. The rows' checkboxes come from the
 * returned `selection` (`selection.box(id, name)`, `selection.all`), or from `picker` inside the bar.
 * @param {{ title: string, lead: string, previewLabel: string, idsField: string, scope?: string, schema?: any,
 *   initial?: Record<string, any>, picker?: (selection: ReturnType<typeof bulkSelection>) => unknown,
 *   nameOf: (id: string) => string, effectText: (item: any) => string,
 *   run: (body: Record<string, unknown>, execute: boolean, key?: string) => Promise<any>, done: () => void }} o
 */
export function bulkBar(o) {
  const count = h('span', { class: 'bulk-count', 'aria-live': 'polite' }, t('bulk.chosen', { n: 0 }));
  const preview = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'btn btn--primary btn--small', disabled: true }, o.previewLabel)
  );
  const selection = bulkSelection((n) => {
    mount(count, t('bulk.chosen', { n }));
    preview.disabled = n === 0;
  });
  const form = o.schema
    ? schemaForm({ scope: o.scope, schema: withoutField(o.schema, o.idsField), initial: o.initial })
    : null;
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const el = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        class: ['bulk-bar', form && 'task-form', form && 'task-form--inline'],
        novalidate: true,
        'aria-label': o.title,
        onsubmit: (ev) => {
          ev.preventDefault();
          /** @type {Record<string, unknown>} */
          let value = {};
          if (form) {
            form.clearErrors();
            mount(alertEl);
            const answer = form.value();
            if (answer.errors.length) return showFormProblems(form, alertEl, answer.errors);
            value = answer.value;
          }
          const body = { ...value, [o.idsField]: [...selection.chosen] };
          bulkDialog({
            title: o.title,
            nameOf: o.nameOf,
            effectText: o.effectText,
            run: (execute, key) => o.run(body, execute, key),
            done: o.done,
          });
        },
      },
      h('p', { class: 'bulk-lead' }, o.lead, ' ', count),
      o.picker?.(selection) ?? null,
      form?.el ?? null,
      form ? alertEl : null,
      h('div', { class: 'form-actions' }, preview),
    )
  );
  return { el, selection };
}

/** A form schema without one field (the ids the checkboxes give). @param {any} schema @param {string} field */
function withoutField(schema, field) {
  const { [field]: _ids, ...properties } = schema.properties;
  return { ...schema, required: (schema.required ?? []).filter((/** @type {string} */ r) => r !== field), properties };
}

/**
 * The chosen rows of one list: a checkbox per row and one for all, and the count beside the action.
 * @param {(n: number) => void} onChange
 */
export function bulkSelection(onChange) {
  /** @type {Set<string>} */
  const chosen = new Set();
  /** @type {HTMLInputElement[]} */
  const boxes = [];
  const changed = () => onChange(chosen.size);
  const all = /** @type {HTMLInputElement} */ (
    h('input', {
      type: 'checkbox',
      class: 'bulk-check',
      'aria-label': t('bulk.all'),
      onchange: () => {
        for (const b of boxes) {
          b.checked = all.checked;
          if (all.checked) chosen.add(b.value);
          else chosen.delete(b.value);
        }
        changed();
      },
    })
  );
  return {
    chosen,
    all,
    /** @param {string} id @param {string} name what the row is, for the checkbox's accessible name */
    box(id, name) {
      const b = /** @type {HTMLInputElement} */ (
        h('input', {
          type: 'checkbox',
          class: 'bulk-check',
          value: id,
          'aria-label': t('bulk.choose', { name }),
          onchange: () => {
            if (b.checked) chosen.add(id);
            else chosen.delete(id);
            all.checked = boxes.every((x) => x.checked);
            changed();
          },
        })
      );
      boxes.push(b);
      return b;
    },
  };
}

/**
 * Opens the dialog: the server's preview first, then (on 执行) the execution's result.
 * @param {{ title: string, nameOf: (id: string) => string, effectText: (item: any) => string,
 *   run: (execute: boolean, key?: string) => Promise<any>, done: () => void }} o
 */
export async function bulkDialog(o) {
  const dialog = /** @type {HTMLDialogElement} */ (
    h('dialog', { class: 'bulk-dialog', 'aria-labelledby': 'bulk-title' })
  );
  document.body.append(dialog);
  const close = (changed) => {
    dialog.close();
    dialog.remove();
    if (changed) o.done();
  };
  dialog.addEventListener('cancel', () => dialog.remove());
  const heading = (text) => h('h2', { id: 'bulk-title' }, text);
  dialog.showModal();
  mount(dialog, heading(o.title), loading());
  let preview;
  try {
    preview = await o.run(false);
  } catch (err) {
    mount(
      dialog,
      heading(o.title),
      errorBox(err),
      actions(h('button', { type: 'button', class: 'btn', onclick: () => close(false) }, t('bulk.close'))),
    );
    return;
  }
  const go = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--primary',
      disabled: preview.done === 0,
      onclick: async () => {
        go.setAttribute('disabled', '');
        mount(dialog, heading(o.title), loading());
        try {
          const result = await o.run(true, crypto.randomUUID());
          mount(
            dialog,
            heading(t('bulk.resultTitle', { title: o.title })),
            summary('bulk.resultSummary', result),
            items(result, o),
            actions(
              h('button', { type: 'button', class: 'btn btn--primary', onclick: () => close(true) }, t('bulk.close')),
            ),
          );
        } catch (err) {
          mount(
            dialog,
            heading(o.title),
            errorBox(err),
            actions(h('button', { type: 'button', class: 'btn', onclick: () => close(true) }, t('bulk.close'))),
          );
        }
      },
    },
    t('bulk.execute', { n: preview.done }),
  );
  mount(
    dialog,
    heading(o.title),
    summary('bulk.previewSummary', preview),
    items(preview, o),
    h('p', { class: 'hint' }, t('bulk.previewNote')),
    actions(go, h('button', { type: 'button', class: 'btn', onclick: () => close(false) }, t('bulk.cancel'))),
  );
}

const actions = (...buttons) => h('div', { class: 'form-actions' }, ...buttons);

const summary = (key, a) =>
  h('p', { class: 'bulk-summary', role: 'status' }, t(key, { n: a.total, x: a.done, y: a.refused }));

const OUTCOME_CLASS = { will_do: 'badge--done', done: 'badge--done', refused: 'badge--overdue' };

function items(answer, o) {
  return table(
    t('bulk.items'),
    [t('bulk.item'), t('bulk.outcome'), t('bulk.detail')],
    answer.items.map((i) =>
      h(
        'tr',
        { class: i.outcome === 'refused' ? 'is-refused' : '' },
        td(t('bulk.item'), o.nameOf(i.id)),
        td(
          t('bulk.outcome'),
          h(
            'span',
            { class: ['badge', OUTCOME_CLASS[i.outcome]] },
            `${i.outcome === 'refused' ? '✕' : '✓'} ${t(`bulk.${i.outcome}`)}`,
          ),
        ),
        td(
          t('bulk.detail'),
          i.outcome === 'refused'
            ? [
                // The reason names the article already; the rule id stays visible for the record.
                /^R\d+$/.test(i.rule ?? '')
                  ? h('code', { class: 'bulk-rule', title: ruleTitle(i.rule) }, i.rule)
                  : null,
                ' ',
                pick(i.reason),
              ]
            : o.effectText(i),
        ),
      ),
    ),
  );
}
