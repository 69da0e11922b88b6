// @ts-check
// R1: what an amendment of the annual catalog changes, entry by entry and field by field — added entries marked
// 新增 (green), removed ones 移出 (red, struck through), changed fields 原 → 改为 — in words, not by colour alone.
// Used for a pending amendment and for every published version in the history.

import { h } from '../dom.js';
import { fieldLabel } from '../fields.js';
import { formatDate, label, t } from '../i18n.js';
import { deptName } from '../shell.js';

/** A field's value as people read it. @param {string} field @param {unknown} v */
export function entryValue(field, v) {
  if (field === 'matterType') return label('matterType', v);
  if (field === 'leadDepartmentId') return deptName(String(v));
  if (Array.isArray(v)) return v.join('；');
  return String(v ?? '');
}

const itemNo = (/** @type {{ seq: number }} */ e) => t('catalog.itemNo', { n: e.seq });

/** An entry's fields on one line (type · department · quarter · basis). @param {any} e */
const entryFacts = (e) =>
  h(
    'span',
    { class: 'diff-facts' },
    ['matterType', 'leadDepartmentId', 'plannedQuarter', 'legalBasis'].map((f) => entryValue(f, e[f])).join(' · '),
  );

/**
 * The diff of an amendment or a version: { added, removed, changed }.
 * @param {{ added: any[], removed: any[], changed: any[] }} diff
 */
export function diffView(diff) {
  const rows = [
    ...diff.added.map((e) =>
      h(
        'li',
        { class: 'diff-item diff-added' },
        h('span', { class: 'diff-mark' }, t('catalog.diff.added')),
        h('ins', {}, `${itemNo(e)} ${e.title}`),
        entryFacts(e),
      ),
    ),
    ...diff.removed.map((e) =>
      h(
        'li',
        { class: 'diff-item diff-removed' },
        h('span', { class: 'diff-mark' }, t('catalog.diff.removed')),
        h('del', {}, `${itemNo(e)} ${e.title}`),
        entryFacts(e),
      ),
    ),
    ...diff.changed.map((c) =>
      h(
        'li',
        { class: 'diff-item diff-changed' },
        h('span', { class: 'diff-mark' }, t('catalog.diff.changed')),
        h('span', { class: 'diff-title' }, `${itemNo(c)} ${c.title}`),
        h(
          'dl',
          { class: 'diff-fields' },
          c.changes.map((/** @type {any} */ f) => [
            h('dt', {}, fieldLabel(f.field, 'catalogDraft')),
            h(
              'dd',
              {},
              h('span', { class: 'diff-word' }, t('catalog.diff.before')),
              h('del', {}, entryValue(f.field, f.before)),
              h('span', { class: 'diff-word' }, t('catalog.diff.after')),
              h('ins', {}, entryValue(f.field, f.after)),
            ),
          ]),
        ),
      ),
    ),
  ];
  return rows.length ? h('ul', { class: 'catalog-diff' }, rows) : h('p', { class: 'muted' }, t('catalog.diff.none'));
}

/** The party committee's agreement as a line: 党委同意：市委办〔2027〕3号（2027年1月15日）. @param {any} x */
export function agreementLine(x) {
  if (!x.partyCommitteeRef) return null;
  return t('catalog.agreement', {
    ref: x.partyCommitteeRef,
    date: x.partyCommitteeAgreedOn ? formatDate(`${x.partyCommitteeAgreedOn}T12:00:00+08:00`) : '',
  });
}

/**
 * The version history: each published version with its reason, the party committee's agreement and its diff
 * against the version before (the first: the entries as published).
 * @param {{ items: any[] }} versions
 */
export function versionsView(versions) {
  if (!versions.items.length) return h('p', { class: 'muted' }, t('catalog.versions.none'));
  return h(
    'ol',
    { class: 'catalog-versions', reversed: true },
    [...versions.items].reverse().map((v) =>
      h(
        'li',
        { class: 'catalog-version', 'data-version': String(v.version) },
        h(
          'h3',
          { class: 'catalog-version-title' },
          t('catalog.versionNo', { n: v.version }),
          h('span', { class: 'muted' }, ` · ${formatDate(v.createdAt)}`),
        ),
        h('p', {}, h('strong', {}, `${t('catalog.versions.reason')}${t('colon')}`), v.reason),
        agreementLine(v) ? h('p', { class: 'muted' }, agreementLine(v)) : null,
        v.version === 1
          ? h(
              'details',
              {},
              h('summary', {}, t('catalog.versions.first', { n: v.entries.length })),
              h(
                'ul',
                { class: 'catalog-diff' },
                v.entries.map((/** @type {any} */ e) =>
                  h(
                    'li',
                    { class: 'diff-item' },
                    h('span', { class: 'diff-title' }, `${itemNo(e)} ${e.title}`),
                    entryFacts(e),
                  ),
                ),
              ),
            )
          : diffView(v.diff),
      ),
    ),
  );
}
