// @ts-check
// Bulk actions with preview (issue 16 §5): checkboxes on a list; a preview dialog (共 n 项：x 项将执行，y 项将被拒绝,
// each refusal with its rule and reason); then, once executed, the result per item. The server decides everything:
// the preview is its answer, changing nothing; the execution does each item on its own.

import { h, mount } from './dom.js';
import { pick, ruleTitle, t } from './i18n.js';
import { errorBox, loading, table, td } from './ui.js';

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
