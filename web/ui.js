// @ts-check
// View pieces the pages share: loading and error boxes, status and due-time badges, tables, downloads, form problems.

import { api, ApiError } from './api.js';
import { focusFirst, h, mount } from './dom.js';
import { fieldLabel } from './fields.js';
import { schemaForm } from './forms.js';
import { formatBasis, formatDateTime, formatSize, label, pick, ruleText, ruleTitle, t } from './i18n.js';
import { decisionHash } from './links.js';
import { state } from './shell.js';

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('loading'));
}

/** The API's message in the current locale, with the rule it names; never a stack. */
export function errorMessage(err) {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    return pick(err.localized) || t('error.unknown');
  }
  console.error(err);
  return t('error.unknown');
}

export function errorBox(err, retry) {
  if (err instanceof ApiError && err.status === 401) return null;
  const issues = err instanceof ApiError ? err.issues : [];
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    h('p', { title: ruleTitle(err?.rule) }, errorMessage(err)),
    issues.length
      ? h(
          'ul',
          { class: 'error-issues' },
          issues.map((i) => h('li', {}, h('code', {}, i.path), t('colon'), pick(i.message))),
        )
      : null,
    // Retrying helps only when the server was unreachable or failed, not when it refused.
    retry && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500)
      ? h('button', { type: 'button', class: 'btn btn--small', onclick: retry }, t('error.retry'))
      : null,
  );
}

export function statusBadge(status) {
  return h('span', { class: `status status--${status}` }, label('status', status));
}

function ruleChip(rule, { labelled = true } = {}) {
  if (!rule) return null;
  // A statutory rule shows its id (R17); a period the law leaves to configuration shows as such, its key on hover.
  const configured = String(rule).startsWith('config:');
  const code = h('span', {}, configured ? t('due.configured') : ruleText(rule));
  return h(
    'span',
    { class: 'rule-chip', title: `${t('due.rule')}${t('colon')}${rule} (${t('due.ruleHint')})` },
    h('span', { class: labelled ? 'rule-chip-label' : 'visually-hidden' }, t('due.rule')),
    code,
  );
}

/** A due time in Beijing time with the rule that set it, its basis and markers. */
export function dueView(
  due,
  { overdue = false, paused = false, basis = true, labelled = true, attention = null } = {},
) {
  const attentionBadge = attention
    ? h('span', { class: 'badge badge--overdue', title: attention }, t('due.attention'))
    : null;
  if (!due)
    return attentionBadge
      ? h('span', { class: 'due due--attention' }, attentionBadge)
      : h('span', { class: 'due due--none' }, t('due.none'));
  return h(
    'span',
    { class: ['due', overdue && 'is-overdue'] },
    overdue ? h('span', { class: 'badge badge--overdue' }, t('badge.overdue')) : null,
    h('time', { datetime: due.dueAt, class: 'due-time' }, formatDateTime(due.dueAt)),
    ruleChip(due.rule, { labelled }),
    basis && due.basis ? h('span', { class: 'due-basis' }, formatBasis(due.basis)) : null,
    due.provisional
      ? h('span', { class: 'badge badge--provisional', title: t('due.provisionalHint') }, t('due.provisional'))
      : null,
    paused ? h('span', { class: 'badge badge--paused', title: t('due.pausedHint') }, t('due.paused')) : null,
    attentionBadge,
  );
}

export function focusHeading(container) {
  const h1 = container.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: true });
  }
}

/** @param {string} labelText @param {number | string} value @param {{ tone?: string, href?: string }} [options] */
export function summaryCard(labelText, value, { tone = '', href } = {}) {
  const body = [h('span', { class: 'card-value' }, String(value)), h('span', { class: 'card-label' }, labelText)];
  return h(
    'li',
    { class: ['card', tone && `card--${tone}`] },
    href ? h('a', { href, class: 'card-link' }, body) : body,
  );
}

/**
 * The submit handler of a schema form: checks the form in the browser, then sends its value with the button
 * disabled; problems (the browser's or the server's) go beside their fields and into the alert.
 * @param {any} form @param {HTMLElement} alertEl @param {HTMLButtonElement} button
 * @param {(value: any) => Promise<unknown>} send @param {string} [prefix] where the server's issue paths start
 */
export function schemaSubmit(form, alertEl, button, send, prefix) {
  return async (/** @type {Event} */ ev) => {
    ev.preventDefault();
    form.clearErrors();
    mount(alertEl);
    const { value, errors } = form.value();
    if (errors.length) return showFormProblems(form, alertEl, errors);
    button.disabled = true;
    try {
      await send(value);
    } catch (err) {
      showFormProblems(form, alertEl, err, prefix);
    } finally {
      button.disabled = false;
    }
  };
}

/** Shows what the browser or the API found wrong: beside each field, the rest (and 409 rules) above the button. */
export function showFormProblems(form, alertEl, err, prefix) {
  if (Array.isArray(err)) {
    const left = form.showIssues(err);
    mount(
      alertEl,
      h(
        'div',
        { class: 'error-box' },
        h('p', {}, t('form.fixErrors', { n: err.length })),
        left.length
          ? h(
              'ul',
              { class: 'error-issues' },
              left.map((i) => h('li', {}, fieldLabel(String(i.path).split('.').pop() ?? ''), t('colon'), i.text)),
            )
          : null,
      ),
    );
    form.focusFirstError();
    return;
  }
  if (err instanceof ApiError && err.status === 400 && err.issues.length) {
    const issues = err.issues.map((i) => ({ path: i.path, text: pick(i.message) }));
    const left = form.showIssues(issues, prefix);
    mount(
      alertEl,
      h(
        'div',
        { class: 'error-box' },
        h('p', {}, t('form.fixErrors', { n: issues.length })),
        left.length
          ? h(
              'ul',
              { class: 'error-issues' },
              left.map((i) => h('li', {}, h('code', {}, i.path), t('colon'), i.text)),
            )
          : null,
      ),
    );
    form.focusFirstError();
    return;
  }
  if (err instanceof ApiError && err.status === 409) {
    const violations = err.violations;
    const placed = violations.filter((v) => Array.isArray(v.path) && v.path.length);
    form.showIssues(placed.map((v) => ({ path: v.path.join('.'), text: pick(v.message) })));
    mount(
      alertEl,
      h(
        'div',
        { class: 'error-box error-box--rule' },
        h('p', { title: ruleTitle(err.rule) }, errorMessage(err)),
        violations.length > 1
          ? h(
              'ul',
              { class: 'error-issues' },
              violations.slice(1).map((v) => h('li', { title: ruleTitle(v.rule) }, pick(v.message))),
            )
          : null,
      ),
    );
    alertEl.querySelector('.error-box')?.setAttribute('tabindex', '-1');
    focusFirst(alertEl, '.error-box');
    return;
  }
  mount(alertEl, errorBox(err));
}

export function documentItem(doc) {
  const status = h('span', { class: 'doc-error', role: 'alert' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--small',
      'aria-label': t('docs.downloadLabel', { name: doc.fileName }),
      onclick: () => download(doc, button, status),
    },
    t('docs.download'),
  );
  return h(
    'li',
    { class: 'doc-item' },
    h(
      'div',
      { class: 'doc-main' },
      h('span', { class: 'doc-name' }, doc.fileName),
      h(
        'span',
        { class: 'doc-meta' },
        h('span', { class: 'doc-kind' }, label('documentKind', doc.kind)),
        h('span', {}, `v${doc.version}`),
        h('span', {}, formatSize(doc.size)),
        h('time', { datetime: doc.createdAt }, formatDateTime(doc.createdAt)),
        h(
          'span',
          { class: 'doc-sha', title: `${t('docs.sha')} ${doc.sha256}` },
          `SHA-256 ${String(doc.sha256).slice(0, 12)}…`,
        ),
      ),
      status,
    ),
    button,
  );
}

async function download(doc, button, status) {
  const url = String(doc.downloadUrl ?? '');
  if (!url.startsWith('/api/documents/')) return;
  const text = button.textContent;
  button.disabled = true;
  button.textContent = t('docs.downloading');
  status.textContent = '';
  try {
    const blob = await api.document(url);
    const href = URL.createObjectURL(blob);
    const a = h('a', { href, download: doc.fileName, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) status.textContent = errorMessage(err);
  } finally {
    button.disabled = false;
    button.textContent = text;
  }
}

/** A download of an API file (bearer header, so fetched as a Blob and saved under the server's file name). */
export function downloadButton(text, url, fallbackName, cls = 'btn btn--small') {
  const status = h('span', { class: 'doc-error', role: 'alert' });
  const button = h(
    'button',
    {
      type: 'button',
      class: cls,
      onclick: async () => {
        button.disabled = true;
        status.textContent = '';
        try {
          const { blob, fileName } = await api.blob(url);
          const href = URL.createObjectURL(blob);
          const a = h('a', { href, download: fileName ?? fallbackName, hidden: true });
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(href), 60_000);
        } catch (err) {
          if (!(err instanceof ApiError && err.status === 401)) status.textContent = errorMessage(err);
        } finally {
          button.disabled = false;
        }
      },
    },
    text,
  );
  return h('span', { class: 'download' }, button, status);
}

export const table = (caption, cols, rows, cls = '') =>
  h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: ['table', cls] },
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          cols.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );

export const td = (labelText, ...content) => h('td', { 'data-label': labelText }, ...content);

export const flash = (msg) => h('p', { class: 'flash', role: 'status' }, msg);

export const decisionLink = (id, number, title) => [
  h('span', { class: 'num' }, number ?? ''),
  ' ',
  id ? h('a', { href: decisionHash(id) }, title ?? '') : h('span', {}, title ?? ''),
];

/** What a supervision row is about: a decision, or a normative document's or contract's review (its own page). */
export function subjectLink(x) {
  const s = x.subject;
  if (s?.type === 'review')
    return [
      h('span', { class: 'num' }, s.number),
      ' ',
      h('a', { href: `#/reviews/${encodeURIComponent(s.id)}` }, s.title),
      h('span', { class: 'open-role' }, ` · ${pick(s.kindLabel)}`),
    ];
  return decisionLink(x.decisionId ?? s?.id, x.decisionNo ?? s?.number, x.decisionTitle ?? s?.title);
}

/** A small form under a disclosure button: a schema form, its submit, and the API's answer beside it. */
/**
 * @param {{ open: string, submit: string, schema: any, scope?: string, initial?: any, hints?: Record<string, any>,
 *   send: (value: any) => Promise<any>, done: (res: any) => void, cls?: string, optionLabels?: Record<string, (v: string) => string> }} options
 */
export function disclosureForm({
  open: openText,
  submit: submitText,
  schema,
  scope,
  initial = {},
  hints = {},
  send,
  done,
  cls = '',
  optionLabels = {},
}) {
  const body = h('div', { class: 'disclosure-body' });
  const opener = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--small',
      'aria-expanded': 'false',
      onclick: () => {
        const expanded = opener.getAttribute('aria-expanded') === 'true';
        opener.setAttribute('aria-expanded', String(!expanded));
        if (expanded) return mount(body);
        const form = schemaForm({ schema, scope, initial, hints, sources: { departments: state.departments ?? [] } });
        // Choices whose codes are ids (reviewers, triggers) show their names.
        for (const [field, name] of Object.entries(optionLabels))
          for (const o of form.el.querySelectorAll(`select[name="${field}"] option`))
            if (o instanceof HTMLOptionElement && o.value) o.textContent = name(o.value);
        const alertEl = h('div', { class: 'form-alert', role: 'alert' });
        const button = h('button', { type: 'submit', class: 'btn btn--primary btn--small' }, submitText);
        const onSubmit = schemaSubmit(
          form,
          alertEl,
          button,
          async (value) => {
            const res = await send(value);
            mount(body);
            opener.setAttribute('aria-expanded', 'false');
            done(res);
          },
          '',
        );
        mount(
          body,
          h(
            'form',
            { class: ['task-form', 'task-form--inline', cls], novalidate: true, onsubmit: onSubmit },
            form.el,
            alertEl,
            h('div', { class: 'form-actions' }, button),
          ),
        );
        focusFirst(body, 'input, select, textarea');
      },
    },
    openText,
  );
  return h('div', { class: 'disclosure' }, opener, body);
}

export const text = (max) => ({ type: 'string', minLength: 1, maxLength: max });

/** A refusal with its rule (409) or any other error, focusable. */
export function ruleBox(err) {
  if (err instanceof ApiError && err.status === 409) {
    return h(
      'div',
      { class: 'error-box error-box--rule', tabindex: '-1' },
      (err.violations.length ? err.violations : [{ rule: err.rule, message: err.localized }]).map((v) =>
        h('p', { title: ruleTitle(v.rule) }, pick(v.message) || errorMessage(err)),
      ),
    );
  }
  return errorBox(err);
}
