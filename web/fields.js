// @ts-check
// Labels of form fields and of the codes their choices take, in the current locale. They live in one place on the
// server (domain/field-labels.ts) and come with /api/labels (loaded before the first render) and with each form's
// JSON Schema (`label`, `choiceLabels`). A field not listed is shown by its name made readable.

import { labelPair, pick } from './i18n.js';

/** @param {unknown} name */
const readable = (name) =>
  String(name)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());

/** Whether a field name has its own label (the rest show their name made readable). */
export const hasFieldLabel = (/** @type {string} */ name) => Boolean(labelPair('field', name));

/**
 * The label of a field by its name (a form's or task kind's own label for it first, when it has one).
 * @param {string | number} name
 * @param {string} [scope]
 */
export function fieldLabel(name, scope) {
  const pair = (scope && labelPair('field', `${scope}.${name}`)) || labelPair('field', String(name));
  return pair ? pick(pair) : readable(name);
}

/**
 * The label of one choice of a field; unless `strict`, a value another field labels is taken from there, then the
 * server's code label (`codeLabel`), then the value made readable.
 * @param {string} field
 * @param {unknown} value
 * @param {(v: unknown) => string} [codeLabel]
 * @param {{ strict?: boolean }} [options]
 */
export function choiceLabel(field, value, codeLabel, { strict = false } = {}) {
  const pair =
    labelPair('choice', `${field}.${String(value)}`) ??
    (strict ? undefined : labelPair('choice', `*.${String(value)}`));
  if (pair) return pick(pair);
  const fromServer = codeLabel?.(value);
  return fromServer && fromServer !== String(value) ? fromServer : readable(value);
}
