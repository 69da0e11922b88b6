import { z } from 'zod';
import { CHOICE_LABELS, FIELD_LABELS } from './field-labels.js';

type Label = { zh: string; en: string };
type JsonSchema = Record<string, unknown> & { enum?: unknown[]; label?: Label; choiceLabels?: Record<string, Label> };

/** The label of a field by its name, its form's or task kind's own label first (domain/field-labels.ts). */
export function fieldLabelOf(name: string, scope?: string): Label | undefined {
  return (scope ? FIELD_LABELS[`${scope}.${name}`] : undefined) ?? FIELD_LABELS[name];
}

/** The labels of a field's choices that the label list has (enum values by field name, its form's own list first). */
function choiceLabelsOf(name: string, values: unknown[], scope?: string): Record<string, Label> | undefined {
  const own = (scope ? CHOICE_LABELS[`${scope}.${name}`] : undefined) ?? CHOICE_LABELS[name];
  const found = values.flatMap((v) => {
    const label = own?.[String(v)];
    return label ? [[String(v), label] as const] : [];
  });
  return found.length ? Object.fromEntries(found) : undefined;
}

/**
 * The JSON Schema of a form's input (what the API parses), for the web to render the form from: each property
 * carries `label` ({ zh, en }) and each labelled choice list `choiceLabels`. A label set on the zod schema with
 * `.meta({ label: { zh, en } })` is kept; the others come from the one list of field labels, scoped by `scope`
 * (the form's or task kind's name).
 */
export function formJsonSchema(schema: z.ZodType, scope?: string): Record<string, unknown> {
  // Labelled by walking the output rather than in toJSONSchema's `override`, which sees a sub-schema used under two
  // names (one document-id schema for the draft and the explanation) once: each name gets its own label here.
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const walk = (node: unknown, name?: string) => {
    if (!node || typeof node !== 'object') return;
    const js = node as JsonSchema;
    if (name) {
      const label = js.label ?? fieldLabelOf(name, scope);
      if (label) js.label = label;
      // A nullable choice (anyOf [enum, null]) is labelled on the field, beside its label.
      const variants = [...((js.anyOf as JsonSchema[]) ?? []), ...((js.oneOf as JsonSchema[]) ?? [])];
      const values = js.enum ?? (js.items as JsonSchema | undefined)?.enum ?? variants.find((v) => v?.enum)?.enum;
      const choices = values && choiceLabelsOf(name, values, scope);
      if (choices) js.choiceLabels = choices;
    }
    for (const [k, v] of Object.entries((js.properties as Record<string, unknown> | undefined) ?? {})) walk(v, k);
    if (js.items) walk(js.items);
    if (js.additionalProperties && typeof js.additionalProperties === 'object') walk(js.additionalProperties);
    for (const v of [...((js.oneOf as unknown[]) ?? []), ...((js.anyOf as unknown[]) ?? [])]) walk(v);
  };
  walk(out);
  return out;
}
