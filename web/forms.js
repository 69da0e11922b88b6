// @ts-check
// A form renderer driven by a JSON Schema (the API's payloadSchema of a task kind, or the launch schema):
// every field labelled, checked in the browser as the API checks it, and the API's 400/409 answers placed
// beside the field they name. New task kinds render without changes here.

import { focusFirst, h, mount } from './dom.js';
import { getLocale, label, pick, t } from './i18n.js';
import { choiceLabel, fieldLabel } from './fields.js';

let uid = 0;
const nextId = (hint) => `sf${++uid}-${String(hint).replace(/[^A-Za-z0-9_-]/g, '')}`;
const patternOf = (path) => path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** The document kind an upload for a field gets. */
function documentKindFor(path) {
  const name = String(path[path.length - 1] ?? '');
  const joined = path.join('.');
  if (/^(revisedD|d)raftDocumentId$/.test(name)) return 'draft';
  if (name === 'explanationDocumentId') return 'explanation';
  if (name === 'alternativeDocumentIds') return 'alternative_draft';
  if (name === 'signedCopyDocumentId') return 'expert_opinion_signed';
  if (name === 'reportDocumentId')
    return joined.includes('fairCompetition') ? 'fair_competition_review' : 'risk_report';
  return 'other';
}

const isDocumentField = (name) => /DocumentIds?$/.test(String(name ?? ''));
const isDepartmentField = (name) => /DepartmentIds?$|^departmentId$|^coDepartmentIds$/.test(String(name ?? ''));
const isUserField = (name) => /UserId$/.test(String(name ?? ''));
const userRoleFor = (name) => (/^reviewer/.test(String(name)) ? 'reviewer' : undefined);

function unionDiscriminator(schema) {
  const variants = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(variants) || !variants.length) return null;
  if (!variants.every((v) => v?.type === 'object' && v.properties)) return null;
  const keys = Object.keys(variants[0].properties).filter((k) =>
    variants.every((v) => v.properties[k] && 'const' in v.properties[k]),
  );
  return keys.length ? { key: keys[0], variants } : null;
}

/**
 * schemaForm({ schema, initial, hints, sources }) → { el, value(), showIssues(issues, prefix), clearErrors(), focusFirstError() }
 * hints: { 'a.*.b': { showIf(rootValue, path), help, readonly, rows, hidden } }
 * sources: { documents: [], upload(kind, file) → Promise<doc>, departments: [], users(role) → Promise<[]>, documentKindLabel?(kind) → string }
 */
/**
 * What a control is given besides its schema: whether it is required, its first value, its name, its hint and label.
 * @typedef {{ required?: boolean, initial?: any, name?: string | number, hint?: any, labelText?: string, bare?: boolean }} ControlOptions
 */

/**
 * A form built from a JSON Schema: `el` to mount, `value()` with the browser-side problems, `showIssues` for the API's.
 * @param {{ schema: any, initial?: any, hints?: Record<string, any>, sources?: Record<string, any>, scope?: string }} options
 */
export function schemaForm({ schema, initial = {}, hints = {}, sources = {}, scope }) {
  /** @type {any} */
  const ctx = {
    scope,
    hints,
    sources,
    slots: new Map(),
    conditionals: [],
    docListeners: new Set(),
    documents: [...(sources.documents ?? [])],
    refresh: () => {},
  };
  const root = build(ctx, schema, [], { required: true, initial });
  const el = h('div', { class: 'sform' }, root.el);
  const refresh = () => {
    const v = root.get(null) ?? {};
    for (const c of ctx.conditionals) {
      c.el.hidden = !c.showIf(v, c.path);
    }
  };
  ctx.refresh = refresh;
  el.addEventListener('input', refresh);
  el.addEventListener('change', refresh);
  refresh();

  const clearErrors = () => {
    for (const s of ctx.slots.values()) s.set('');
  };
  return {
    el,
    /** {value, errors}: the payload as the API takes it, and what the browser already knows is wrong. */
    value() {
      const errors = [];
      const value = root.get(errors) ?? {};
      return { value, errors };
    },
    clearErrors,
    /** Places issues ({path, message}) beside their fields; returns those no field took. */
    showIssues(issues, prefix = '') {
      const left = [];
      for (const i of issues) {
        let p = String(i.path ?? '');
        if (prefix && (p === prefix || p.startsWith(`${prefix}.`))) p = p.slice(prefix.length + 1);
        let slot = ctx.slots.get(p);
        let q = p;
        while (!slot && q.includes('.')) {
          q = q.slice(0, q.lastIndexOf('.'));
          slot = ctx.slots.get(q);
        }
        if (slot?.visible()) slot.set(i.text);
        else left.push(i);
      }
      return left;
    },
    focusFirstError() {
      if (focusFirst(el, '[aria-invalid="true"]')) return true;
      return false;
    },
  };
}

// ---------------------------------------------------------------- building blocks

function registerSlot(ctx, path, errorEl, inputs) {
  const key = path.join('.');
  const set = (msg) => {
    errorEl.textContent = msg || '';
    errorEl.hidden = !msg;
    for (const i of inputs()) {
      i.setAttribute('aria-invalid', msg ? 'true' : 'false');
      if (msg) i.setAttribute('aria-describedby', [i.dataset.help, errorEl.id].filter(Boolean).join(' '));
      else if (i.dataset.help) i.setAttribute('aria-describedby', i.dataset.help);
      else i.removeAttribute('aria-describedby');
    }
  };
  ctx.slots.set(key, { set, visible: () => errorEl.isConnected && !errorEl.closest('[hidden]:not(.field-error)') });
  return set;
}

/** * for required; （选填） only for what is truly optional: a field a rule requires in some cases says so, one shown only when needed is required. */
function optionalMark(required, hint) {
  if (required || hint?.requiredWhenShown) return h('span', { class: 'sf-req', 'aria-hidden': 'true' }, ' *');
  return h('span', { class: 'sf-opt' }, ` ${t(hint?.conditional ? 'form.conditional' : 'form.optional')}`);
}

function helpEl(text) {
  if (!text) return null;
  return h('p', { class: 'sf-help', id: nextId('help') }, text);
}

/** One labelled input with its help and its error line. */
function fieldRow(ctx, path, input, { required, hint, labelText }) {
  const help = helpEl(hint?.help);
  if (help) input.dataset.help = help.id;
  if (help) input.setAttribute('aria-describedby', help.id);
  const err = h('p', { class: 'field-error', id: nextId('err'), hidden: true });
  const setError = registerSlot(ctx, path, err, () => [input]);
  input.addEventListener('input', () => setError(''));
  input.addEventListener('change', () => setError(''));
  const el = h(
    'div',
    { class: 'sf-field' },
    h('label', { for: input.id }, labelText, optionalMark(required, hint)),
    help,
    input,
    err,
  );
  return { el, setError };
}

/** A group of controls (radios, checkboxes, repeated rows, nested objects) as a fieldset. */
/** @param {any} ctx @param {(string | number)[]} path @param {{ legend: any, required?: boolean, hint?: any, cls?: string, body: any, inputs?: any }} options */
function groupBox(ctx, path, { legend, required, hint, cls = '', body, inputs }) {
  const help = helpEl(hint?.help);
  const err = h('p', { class: 'field-error', id: nextId('err'), hidden: true });
  const setError = registerSlot(ctx, path, err, inputs ?? (() => []));
  const el = h(
    'fieldset',
    { class: ['sf-group', cls] },
    legend ? h('legend', {}, legend, optionalMark(required, hint)) : null,
    help,
    body,
    err,
  );
  // Cleared as the person types, not only on change: a change fires on blur, and an error line vanishing then moves
  // the button the person is pressing between the press and the release, and the click is lost.
  el.addEventListener('input', () => setError(''));
  el.addEventListener('change', () => setError(''));
  return { el, setError };
}

function conditional(ctx, path, control) {
  const hint = ctx.hints[patternOf(path)];
  if (!hint?.showIf) return control;
  ctx.conditionals.push({ el: control.el, showIf: hint.showIf, path });
  return { ...control, get: (errs) => (control.el.hidden ? undefined : control.get(errs)) };
}

/**
 * A nullable shape (zod .nullable()/.nullish(): anyOf/oneOf with a {type: 'null'} variant, or a type list with
 * 'null') as the shape it wraps, keeping the field's own keywords (label, choiceLabels, default); what is left of a
 * union of several stays a union. `nullable`: the field may be left empty, and empty it is sent as null.
 * @param {any} schema
 * @returns {{ schema: any, nullable: boolean }}
 */
export function withoutNull(schema) {
  if (Array.isArray(schema?.type) && schema.type.includes('null')) {
    const types = schema.type.filter((x) => x !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  const key = Array.isArray(schema?.anyOf) ? 'anyOf' : Array.isArray(schema?.oneOf) ? 'oneOf' : null;
  if (!key) return { schema, nullable: false };
  const rest = schema[key].filter((v) => v?.type !== 'null');
  if (rest.length === schema[key].length) return { schema, nullable: false };
  const { [key]: _variants, ...own } = schema;
  return { schema: rest.length === 1 ? { ...rest[0], ...own } : { ...own, [key]: rest }, nullable: true };
}

function build(ctx, given, path, opts) {
  const { schema, nullable } = withoutNull(given);
  const name = path.length ? path[path.length - 1] : '';
  const hint = ctx.hints[patternOf(path)] ?? {};
  // The page's own label for this form first, then the one the server's schema carries, then the label list's.
  const labelText =
    opts.label ??
    hint.label ??
    (typeof name === 'number'
      ? t('form.item', { n: name + 1 })
      : schema.label
        ? pick(schema.label)
        : fieldLabel(name, ctx.scope));
  // A nullable field is never missing: left empty it says "none" (null), e.g. no former department, not repealed.
  const o = { ...opts, required: opts.required && !nullable, name, hint, labelText };
  let control;
  const union = unionDiscriminator(schema);
  if (union) control = unionControl(ctx, union, path, o);
  else if (schema.type === 'object' && schema.properties) control = objectControl(ctx, schema, path, o);
  else if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object')
    control = recordControl(ctx, schema, path, o);
  else if (schema.type === 'array') control = arrayControl(ctx, schema, path, o);
  else if (schema.type === 'boolean') control = booleanControl(ctx, schema, path, o);
  else if (schema.type === 'integer' || schema.type === 'number') control = numberControl(ctx, schema, path, o);
  else control = stringControl(ctx, schema, path, o);
  if (nullable) {
    const own = control;
    control = { ...own, get: (errs) => own.get(errs) ?? null };
  }
  return conditional(ctx, path, control);
}

// ---------------------------------------------------------------- strings

/** @param {any} ctx @param {any} schema @param {(string | number)[]} path @param {ControlOptions} options */
function stringControl(ctx, schema, path, { required, initial, name, hint, labelText }) {
  // A value the form carries without showing it (an existing row's id), given by the page as `initial`.
  if (hint.hidden) {
    const kept = h('input', { type: 'hidden', name: String(name), value: initial ?? '' });
    return { el: h('span', { class: 'sf-hidden' }, kept), get: () => kept.value || undefined };
  }
  const id = nextId(name);
  let input;
  let asyncFill = null;
  if (Array.isArray(schema.enum)) {
    input = h(
      'select',
      { id, name: String(name) },
      h('option', { value: '' }, required ? t('form.choose') : t('form.none')),
      schema.enum.map((v) =>
        h(
          'option',
          { value: v, selected: initial === v },
          schema.choiceLabels?.[v]
            ? pick(schema.choiceLabels[v])
            : choiceLabel(String(name), v, (x) => label(String(name), x)),
        ),
      ),
    );
  } else if (isDocumentField(name)) {
    return documentControl(ctx, schema, path, { required, initial, name, hint, labelText });
  } else if (isDepartmentField(name)) {
    input = h(
      'select',
      { id, name: String(name) },
      h('option', { value: '' }, required ? t('form.choose') : t('form.none')),
      (ctx.sources.departments ?? []).map((d) =>
        h('option', { value: d.id, selected: initial === d.id }, getLocale() === 'en' ? d.nameEn : d.nameZh),
      ),
    );
  } else if (isUserField(name) && ctx.sources.users) {
    input = h('select', { id, name: String(name) }, h('option', { value: '' }, t('loading')));
    asyncFill = ctx.sources.users(userRoleFor(name)).then(
      (users) =>
        mount(
          input,
          h('option', { value: '' }, required ? t('form.choose') : t('form.none')),
          users.map((u) =>
            h('option', { value: u.id, selected: initial === u.id }, `${u.displayName}（${u.username}）`),
          ),
        ),
      () => mount(input, h('option', { value: '' }, t('error.unknown'))),
    );
  } else if (schema.pattern === DATE_PATTERN) {
    input = h('input', { id, name: String(name), type: 'date', value: initial ?? '' });
  } else if ((schema.maxLength ?? 0) > 300) {
    input = h('textarea', {
      id,
      name: String(name),
      rows: hint.rows ?? ((schema.maxLength ?? 0) >= 5000 ? 4 : 3),
      maxlength: String(schema.maxLength),
      value: initial ?? '',
    });
  } else {
    input = h('input', {
      id,
      name: String(name),
      type: 'text',
      maxlength: schema.maxLength ? String(schema.maxLength) : undefined,
      value: initial ?? '',
      placeholder: hint.placeholder,
    });
  }
  if (hint.readonly) input.setAttribute('readonly', '');
  if (required) input.setAttribute('aria-required', 'true');
  const row = fieldRow(ctx, path, input, { required, hint, labelText });
  void asyncFill;
  return {
    el: row.el,
    get(errs) {
      const raw = input.value.trim();
      if (!raw) {
        if (required && errs) errs.push({ path: path.join('.'), text: t('form.required') });
        return undefined;
      }
      if (errs) {
        const problem = checkString(schema, raw);
        if (problem) errs.push({ path: path.join('.'), text: problem });
      }
      return raw;
    },
  };
}

function checkString(schema, v) {
  if (schema.minLength && v.length < schema.minLength) return t('form.tooShort', { n: schema.minLength });
  if (schema.maxLength && v.length > schema.maxLength) return t('form.tooLong', { n: schema.maxLength });
  if (schema.pattern) {
    try {
      if (!new RegExp(schema.pattern).test(v))
        return schema.pattern === DATE_PATTERN
          ? t('form.date')
          : schema.examples?.length
            ? t('form.patternExample', { example: schema.examples[0] })
            : t('form.pattern');
    } catch {
      /* a pattern the browser cannot read: the API checks it */
    }
  }
  return null;
}

// ---------------------------------------------------------------- documents (select an uploaded one or upload)

function documentOptions(ctx, kind) {
  const docs = ctx.documents;
  const preferred = docs.filter((d) => d.kind === kind);
  const others = docs.filter((d) => d.kind !== kind);
  return [...preferred, ...others];
}

/** A document kind in words (a source may name its own, e.g. a normative document's draft). */
const kindText = (ctx, kind) => ctx.sources.documentKindLabel?.(kind) ?? label('documentKind', kind);

function docText(ctx, d) {
  return `${d.fileName} · ${kindText(ctx, d.kind)} · v${d.version ?? 1}`;
}

/** @param {any} ctx @param {any} schema @param {(string | number)[]} path @param {ControlOptions} options */
function documentControl(ctx, schema, path, { required, initial, name, hint, labelText }) {
  const multi = schema.type === 'array';
  const kind = hint.documentKind ?? documentKindFor(path);
  const id = nextId(name);
  const selected = new Set(multi ? (initial ?? []) : initial ? [initial] : []);
  const status = h('span', { class: 'sf-upload-status', role: 'status' });
  const select = multi ? null : h('select', { id, name: String(name), 'aria-required': required ? 'true' : undefined });
  const checkboxes = h('div', { class: 'sf-checks' });

  const renderOptions = () => {
    if (multi) {
      const docs = documentOptions(ctx, kind);
      mount(
        checkboxes,
        docs.length
          ? docs.map((d) => {
              const cid = nextId('doc');
              return h(
                'label',
                { class: 'sf-check', for: cid },
                h('input', {
                  id: cid,
                  type: 'checkbox',
                  value: d.id,
                  checked: selected.has(d.id),
                  onchange: (ev) => (ev.target.checked ? selected.add(d.id) : selected.delete(d.id)),
                }),
                docText(ctx, d),
              );
            })
          : h('p', { class: 'sf-empty' }, t('form.noDocuments')),
      );
    } else if (select) {
      const current = select.value || [...selected][0] || '';
      mount(
        select,
        h('option', { value: '' }, required ? t('form.chooseDocument') : t('form.none')),
        documentOptions(ctx, kind).map((d) =>
          h('option', { value: d.id, selected: d.id === current }, docText(ctx, d)),
        ),
      );
    }
  };
  ctx.docListeners.add(renderOptions);
  renderOptions();

  const fileId = nextId('file');
  const file = h('input', {
    id: fileId,
    type: 'file',
    class: 'sf-file',
    onchange: async () => {
      const f = file.files?.[0];
      if (!f || !ctx.sources.upload) return;
      status.textContent = t('form.uploading', { name: f.name });
      try {
        const doc = await ctx.sources.upload(kind, f);
        ctx.documents.push(doc);
        if (multi) selected.add(doc.id);
        else {
          selected.clear();
          selected.add(doc.id);
        }
        for (const l of ctx.docListeners) l();
        if (select) select.value = doc.id;
        status.textContent = t('form.uploaded', { name: doc.fileName });
        setError('');
        ctx.refresh();
      } catch (err) {
        status.textContent = err?.localized
          ? getLocale() === 'en'
            ? err.localized.en
            : err.localized.zh
          : t('error.unknown');
      } finally {
        file.value = '';
      }
    },
  });
  // The native file button speaks the browser's language; a labelled button in the page's locale stands in for it.
  const upload = ctx.sources.upload
    ? h(
        'div',
        { class: 'sf-upload' },
        file,
        h(
          'label',
          { for: fileId, class: 'btn btn--small sf-upload-button' },
          t('form.uploadNew', { kind: kindText(ctx, kind) }),
        ),
        status,
      )
    : null;

  let setError;
  let el;
  if (multi) {
    const box = groupBox(ctx, path, {
      legend: labelText,
      required,
      hint,
      body: [checkboxes, upload],
      inputs: () => [...checkboxes.querySelectorAll('input')],
    });
    setError = box.setError;
    el = box.el;
  } else {
    const help = helpEl(hint.help);
    const err = h('p', { class: 'field-error', id: nextId('err'), hidden: true });
    setError = registerSlot(ctx, path, err, () => [select]);
    select?.addEventListener('change', () => setError(''));
    el = h(
      'div',
      { class: 'sf-field sf-field--doc' },
      h('label', { for: id }, labelText, optionalMark(required, hint)),
      help,
      select,
      upload,
      err,
    );
  }
  return {
    el,
    get(errs) {
      if (multi) {
        const v = [...selected];
        if (errs && schema.minItems && v.length < schema.minItems)
          errs.push({ path: path.join('.'), text: t('form.minItems', { n: schema.minItems }) });
        return v;
      }
      const v = select?.value;
      if (!v) {
        if (required && errs) errs.push({ path: path.join('.'), text: t('form.requiredDocument') });
        return undefined;
      }
      return v;
    },
  };
}

// ---------------------------------------------------------------- numbers and booleans

/** @param {any} ctx @param {any} schema @param {(string | number)[]} path @param {ControlOptions} options */
function numberControl(ctx, schema, path, { required, initial, name, hint, labelText }) {
  const input = h('input', {
    id: nextId(name),
    name: String(name),
    type: 'number',
    inputmode: 'numeric',
    min: schema.minimum,
    max: schema.maximum,
    step: schema.type === 'integer' ? '1' : 'any',
    value: initial ?? '',
    class: 'sf-number',
  });
  if (required) input.setAttribute('aria-required', 'true');
  const row = fieldRow(ctx, path, input, { required, hint, labelText });
  return {
    el: row.el,
    get(errs) {
      const raw = input.value.trim();
      if (!raw) {
        if (required && errs) errs.push({ path: path.join('.'), text: t('form.required') });
        return undefined;
      }
      const n = Number(raw);
      if (errs) {
        if (!Number.isFinite(n) || (schema.type === 'integer' && !Number.isInteger(n)))
          errs.push({ path: path.join('.'), text: t('form.integer') });
        else if (schema.minimum !== undefined && n < schema.minimum)
          errs.push({ path: path.join('.'), text: t('form.min', { n: schema.minimum }) });
        else if (schema.maximum !== undefined && n > schema.maximum)
          errs.push({ path: path.join('.'), text: t('form.max', { n: schema.maximum }) });
      }
      return Number.isFinite(n) ? n : raw;
    },
  };
}

/** @param {any} ctx @param {any} schema @param {(string | number)[]} path @param {ControlOptions} options */
function booleanControl(ctx, schema, path, { required, initial, name, hint, labelText }) {
  const start = initial ?? schema.default;
  if (!required && typeof schema.default === 'boolean') {
    const input = h('input', { id: nextId(name), name: String(name), type: 'checkbox', checked: start === true });
    const help = helpEl(hint.help);
    if (help) input.setAttribute('aria-describedby', help.id);
    const err = h('p', { class: 'field-error', id: nextId('err'), hidden: true });
    registerSlot(ctx, path, err, () => [input]);
    return {
      el: h(
        'div',
        { class: 'sf-field sf-field--check' },
        h('label', { class: 'sf-check', for: input.id }, input, labelText),
        help,
        err,
      ),
      get: () => input.checked,
    };
  }
  const group = nextId(name);
  const radios = [true, false].map((v) => {
    const rid = nextId(`${name}-${v}`);
    const input = h('input', { id: rid, type: 'radio', name: group, value: String(v), checked: start === v });
    return {
      v,
      input,
      el: h(
        'label',
        { class: 'sf-check', for: rid },
        input,
        choiceLabel(String(name), v, () => (v ? t('form.yes') : t('form.no')), { strict: true }),
      ),
    };
  });
  const box = groupBox(ctx, path, {
    legend: labelText,
    required,
    hint,
    cls: 'sf-group--inline',
    body: h(
      'div',
      { class: 'sf-radios' },
      radios.map((r) => r.el),
    ),
    inputs: () => radios.map((r) => r.input),
  });
  return {
    el: box.el,
    get(errs) {
      const chosen = radios.find((r) => r.input.checked);
      if (!chosen) {
        if (required && errs) errs.push({ path: path.join('.'), text: t('form.choose') });
        return undefined;
      }
      return chosen.v;
    },
  };
}

// ---------------------------------------------------------------- objects and unions

/** @param {any} ctx @param {any} schema @param {(string | number)[]} path @param {ControlOptions} options */
function objectControl(ctx, schema, path, { required, initial, hint, labelText, bare }) {
  const req = new Set(schema.required ?? []);
  const children = Object.entries(schema.properties).map(([k, s]) => [
    k,
    build(ctx, s, [...path, k], { required: req.has(k), initial: initial?.[k] }),
  ]);
  const body = h(
    'div',
    { class: 'sf-object' },
    children.map(([, c]) => c.el),
  );
  const collect = (errs) => {
    const out = {};
    for (const [k, c] of children) {
      const v = c.get(errs);
      if (v !== undefined) out[k] = v;
    }
    return out;
  };
  if (path.length === 0 || bare) return { el: body, get: collect };

  if (!required) {
    // An optional group (a third-party assessor, a fair-competition review…): filled in only when ticked.
    const toggle = h('input', {
      id: nextId('toggle'),
      type: 'checkbox',
      checked: initial !== undefined && initial !== null,
    });
    body.hidden = !toggle.checked;
    toggle.addEventListener('change', () => {
      body.hidden = !toggle.checked;
    });
    const box = groupBox(ctx, path, {
      legend: null,
      required,
      hint,
      cls: 'sf-group--optional',
      body: [
        h('label', { class: 'sf-check sf-toggle', for: toggle.id }, toggle, t('form.fillIn', { label: labelText })),
        body,
      ],
    });
    return { el: box.el, get: (errs) => (toggle.checked ? collect(errs) : undefined) };
  }
  const box = groupBox(ctx, path, { legend: labelText, required, hint, body });
  return { el: box.el, get: collect };
}

/** @param {any} ctx @param {any} union @param {(string | number)[]} path @param {ControlOptions} options */
function unionControl(ctx, { key, variants }, path, { required, initial, name, hint, labelText }) {
  const group = nextId(`${name || 'variant'}`);
  const body = h('div', { class: 'sf-variant' });
  let current = null;
  const choose = (i, init) => {
    const v = variants[i];
    const rest = { ...v, properties: { ...v.properties } };
    delete rest.properties[key];
    rest.required = (v.required ?? []).filter((k) => k !== key);
    // Drop the previous variant's error slots before building the new one.
    const prefix = path.length ? `${path.join('.')}.` : '';
    for (const k of [...ctx.slots.keys()]) if (k.startsWith(prefix) && k !== key) ctx.slots.delete(k);
    current = Object.keys(rest.properties).length
      ? objectControl(ctx, rest, path, { required: true, initial: init, bare: true })
      : { el: h('span'), get: () => ({}) };
    mount(body, current.el);
  };
  const radios = variants.map((v, i) => {
    const value = v.properties[key].const;
    const rid = nextId(`${key}-${i}`);
    const input = h('input', {
      id: rid,
      type: 'radio',
      name: group,
      value: String(i),
      checked: initial?.[key] === value,
      onchange: () => {
        choose(i, undefined);
        ctx.refresh();
      },
    });
    return {
      value,
      input,
      el: h(
        'label',
        { class: 'sf-check', for: rid },
        input,
        choiceLabel(key, value, () => (value === true ? t('form.yes') : value === false ? t('form.no') : undefined), {
          strict: typeof value === 'boolean',
        }),
      ),
    };
  });
  const startAt = radios.findIndex((r) => r.input.checked);
  if (startAt >= 0) choose(startAt, initial);
  const legend = path.length ? labelText : fieldLabel(key);
  const slotPath = path.length ? path : [key];
  const box = groupBox(ctx, slotPath, {
    legend,
    required,
    hint,
    cls: 'sf-group--union',
    body: [
      h(
        'div',
        { class: 'sf-radios' },
        radios.map((r) => r.el),
      ),
      body,
    ],
    inputs: () => radios.map((r) => r.input),
  });
  return {
    el: box.el,
    get(errs) {
      const i = radios.findIndex((r) => r.input.checked);
      if (i < 0) {
        if (required && errs) errs.push({ path: slotPath.join('.'), text: t('form.choose') });
        return undefined;
      }
      return { [key]: radios[i].value, ...(current?.get(errs) ?? {}) };
    },
  };
}

/**
 * An object keyed by codes (e.g. a review's findings per checklist item): one labelled group per key the hint
 * names ({key, label}), or the keys the initial value has; without either, rows of a key and its value.
 */
function recordControl(ctx, schema, path, o) {
  const keys = o.hint.keys ?? Object.keys(o.initial ?? {}).map((key) => ({ key, label: fieldLabel(key) }));
  const valueSchema = schema.additionalProperties;
  if (!keys.length) {
    const rowsSchema = {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: { ...(schema.propertyNames ?? { type: 'string' }), minLength: 1 }, value: valueSchema },
        required: ['key', 'value'],
      },
    };
    const rows = rowsControl(ctx, rowsSchema, path, o);
    return {
      el: rows.el,
      get: (errs) => Object.fromEntries((rows.get(errs) ?? []).filter((r) => r.key).map((r) => [r.key, r.value])),
    };
  }
  const children = keys.map(({ key, label: text }) => [
    key,
    build(ctx, valueSchema, [...path, key], { required: true, initial: o.initial?.[key], label: text }),
  ]);
  const box = groupBox(ctx, path, {
    legend: o.labelText,
    required: o.required,
    hint: o.hint,
    body: h(
      'div',
      { class: 'sf-object' },
      children.map(([, c]) => c.el),
    ),
  });
  return {
    el: box.el,
    get(errs) {
      const out = {};
      for (const [k, c] of children) {
        const v = c.get(errs);
        if (v !== undefined) out[k] = v;
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------- arrays

function arrayControl(ctx, schema, path, o) {
  const items = schema.items ?? {};
  if (isDocumentField(o.name)) return documentControl(ctx, schema, path, o);
  if (Array.isArray(items.enum)) return enumSetControl(ctx, schema, path, o);
  if (isDepartmentField(o.name) && items.type === 'string') return departmentSetControl(ctx, schema, path, o);
  return rowsControl(ctx, schema, path, o);
}

function checkCount(schema, n, path, errs) {
  if (!errs) return;
  if ((schema.minItems ?? 0) > n) errs.push({ path: path.join('.'), text: t('form.minItems', { n: schema.minItems }) });
  else if (schema.maxItems !== undefined && n > schema.maxItems)
    errs.push({ path: path.join('.'), text: t('form.maxItems', { n: schema.maxItems }) });
}

/** @param {any} ctx @param {any} schema @param {(string | number)[]} path @param {ControlOptions} options */
function enumSetControl(ctx, schema, path, { required, initial, name, hint, labelText }) {
  const chosen = new Set(initial ?? []);
  const boxes = schema.items.enum.map((v) => {
    const cid = nextId(`${name}-${v}`);
    const input = h('input', { id: cid, type: 'checkbox', value: v, checked: chosen.has(v) });
    return {
      v,
      input,
      el: h(
        'label',
        { class: 'sf-check', for: cid },
        input,
        schema.choiceLabels?.[v] ? pick(schema.choiceLabels[v]) : choiceLabel(String(name), v),
      ),
    };
  });
  const box = groupBox(ctx, path, {
    legend: labelText,
    required: required && (schema.minItems ?? 0) > 0,
    hint,
    cls: 'sf-group--inline',
    body: h(
      'div',
      { class: 'sf-checks sf-checks--inline' },
      boxes.map((b) => b.el),
    ),
    inputs: () => boxes.map((b) => b.input),
  });
  return {
    el: box.el,
    get(errs) {
      const v = boxes.filter((b) => b.input.checked).map((b) => b.v);
      checkCount(schema, v.length, path, errs);
      return v;
    },
  };
}

/** @param {any} ctx @param {any} schema @param {(string | number)[]} path @param {ControlOptions} options */
function departmentSetControl(ctx, schema, path, { required, initial, hint, labelText }) {
  const chosen = new Set(initial ?? []);
  const exclude = new Set(hint.excludeDepartments ?? []);
  const boxes = (ctx.sources.departments ?? [])
    .filter((d) => !exclude.has(d.id))
    .map((d) => {
      const cid = nextId('dept');
      const input = h('input', { id: cid, type: 'checkbox', value: d.id, checked: chosen.has(d.id) });
      return {
        v: d.id,
        input,
        el: h('label', { class: 'sf-check', for: cid }, input, getLocale() === 'en' ? d.nameEn : d.nameZh),
      };
    });
  const box = groupBox(ctx, path, {
    legend: labelText,
    required: required && (schema.minItems ?? 0) > 0,
    hint,
    cls: 'sf-group--inline',
    body: h(
      'div',
      { class: 'sf-checks sf-checks--grid' },
      boxes.map((b) => b.el),
    ),
    inputs: () => boxes.map((b) => b.input),
  });
  return {
    el: box.el,
    get(errs) {
      const v = boxes.filter((b) => b.input.checked).map((b) => b.v);
      checkCount(schema, v.length, path, errs);
      return v;
    },
  };
}

/** Repeatable rows (texts or objects): add and remove, each row labelled with its number. */
/** @param {any} ctx @param {any} schema @param {(string | number)[]} path @param {ControlOptions} options */
function rowsControl(ctx, schema, path, { required, initial, hint, labelText }) {
  const items = schema.items ?? {};
  const list = h('ol', { class: 'sf-rows' });
  let rows = [];
  const minRows = Math.max(
    schema.minItems ?? 0,
    required && schema.default === undefined && items.type !== 'object' ? 1 : 0,
  );
  const fixed = Boolean(hint.fixedRows);

  const rebuild = (values) => {
    const prefix = `${path.join('.')}.`;
    for (const k of [...ctx.slots.keys()]) if (k.startsWith(prefix)) ctx.slots.delete(k);
    rows = values.map((v, i) => {
      const itemPath = [...path, i];
      const c =
        items.type === 'object' && items.properties
          ? objectControl(ctx, items, itemPath, { required: true, initial: v, bare: true })
          : build(ctx, items, itemPath, {
              required: false,
              initial: v,
              label: t('form.rowTitle', { label: labelText, n: i + 1 }),
            });
      return c;
    });
    mount(
      list,
      rows.map((c, i) =>
        h(
          'li',
          { class: ['sf-row', items.type === 'object' && 'sf-row--object'] },
          items.type === 'object'
            ? h('p', { class: 'sf-row-title' }, t('form.rowTitle', { label: labelText, n: i + 1 }))
            : null,
          h('div', { class: 'sf-row-body' }, c.el),
          fixed || rows.length <= minRows
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--small sf-remove',
                  'aria-label': t('form.removeLabel', { label: labelText, n: i + 1 }),
                  onclick: () => {
                    const current = rows.map((r) => r.get(null));
                    current.splice(i, 1);
                    rebuild(current);
                    ctx.refresh();
                    if (!focusFirst(list, 'input, select, textarea')) addButton.focus();
                  },
                },
                t('form.remove'),
              ),
        ),
      ),
    );
    if (addButton) addButton.hidden = fixed || (schema.maxItems !== undefined && rows.length >= schema.maxItems);
  };
  const addButton = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--small sf-add',
      onclick: () => {
        const current = rows.map((r) => r.get(null));
        current.push(undefined);
        rebuild(current);
        ctx.refresh();
        const last = list.lastElementChild;
        focusFirst(last, 'input:not([type=hidden]), select, textarea');
      },
    },
    `＋ ${t('form.add', { label: labelText })}`,
  );
  const start = Array.isArray(initial) && initial.length ? [...initial] : [];
  while (start.length < minRows) start.push(undefined);
  rebuild(start);
  const box = groupBox(ctx, path, {
    legend: labelText,
    required: required && minRows > 0,
    hint,
    cls: 'sf-group--rows',
    body: [list, addButton],
  });
  return {
    el: box.el,
    get(errs) {
      const values = rows.map((r) => r.get(errs)).filter((v) => v !== undefined);
      checkCount(schema, values.length, path, errs);
      return values;
    },
  };
}
