// @ts-check
// The normative-document and contract reviews' shared pieces: status labels, materials and revisions panels (the
// review pages are under web/pages/; their tasks are in the one inbox and open on the one task page).

import { api, ApiError, fileToBase64 } from './api.js';
import { h, panel } from './dom.js';
import { formatDateTime, label, pick, t } from './i18n.js';
import { hasRole, myDepartmentId } from './shell.js';
import { downloadButton, errorMessage } from './ui.js';

export const reviewStatus = (s) => (t(`review.status.${s}`) === `review.status.${s}` ? s : t(`review.status.${s}`));

export const UPLOAD_KINDS = ['draft', 'explanation', 'counterparty', 'other'];

/** A review's file kind in words: its draft is a normative document's draft or a contract's text, not a decision's. */
export const docKind = (reviewKind, kind) =>
  kind === 'draft'
    ? t(`sub.file.draft.${reviewKind === 'contract' ? 'contract' : 'normative_document'}`)
    : label('documentKind', kind);

/** Issue 14 item 3: each revised draft (its version and SHA-256) with the drafter's 修改情况说明, latest first. */
export function reviewRevisionsPanel(r) {
  const revisions = r.revisions ?? [];
  if (!revisions.length) return null;
  return panel(
    { id: 'review-revisions-title', title: t('review.revisions') },
    h(
      'ol',
      { class: 'revision-list', reversed: true },
      [...revisions]
        .reverse()
        .map((v) =>
          h(
            'li',
            { class: 'revision', 'data-round': String(v.round) },
            h(
              'h3',
              {},
              t('review.revisionRound', { round: v.round }),
              ' ',
              v.revisedAt ? h('time', { datetime: v.revisedAt }, formatDateTime(v.revisedAt)) : null,
            ),
            v.draft
              ? h(
                  'p',
                  { class: 'revision-draft' },
                  t('review.revisionDraft', { name: v.draft.fileName, version: v.draft.version }),
                )
              : null,
            v.draft
              ? h('p', { class: 'doc-meta revision-sha' }, t('review.revisionSha', { sha: v.draft.sha256 }))
              : null,
            h(
              'p',
              { class: 'revision-summary' },
              h('strong', {}, `${t('review.revisionSummary')}${t('colon')}`),
              v.changesSummary,
            ),
          ),
        ),
    ),
  );
}

/** A review's files (download), and for its department's drafters an upload of a supplement while it is open. */
export function reviewDocumentsPanel(r, rerender) {
  if (r.decisionId) return null;
  const docs = r.documents ?? [];
  const canUpload =
    hasRole('drafter') && r.departmentId === myDepartmentId() && !r.issuedAt && r.status !== 'cancelled';
  let upload = null;
  if (canUpload) {
    const kindSel = h(
      'select',
      { id: 'review-upload-kind', name: 'kind' },
      UPLOAD_KINDS.filter((k) => k !== (r.kind === 'contract' ? 'explanation' : 'counterparty')).map((k) =>
        h('option', { value: k }, docKind(r.kind, k)),
      ),
    );
    const file = h('input', { id: 'review-upload-file', type: 'file', name: 'file' });
    const err = h('p', { class: 'field-error', id: 'review-upload-file-error', hidden: true });
    const status = h('p', { class: 'sf-upload-status', role: 'status' });
    const button = h('button', { type: 'submit', class: 'btn btn--primary btn--small' }, t('review.uploadSubmit'));
    const setError = (msg) => {
      err.textContent = msg || '';
      err.hidden = !msg;
      file.setAttribute('aria-invalid', msg ? 'true' : 'false');
      if (msg) file.setAttribute('aria-describedby', err.id);
      else file.removeAttribute('aria-describedby');
    };
    upload = h(
      'form',
      {
        class: 'task-form task-form--inline review-upload',
        novalidate: true,
        onsubmit: async (ev) => {
          ev.preventDefault();
          setError('');
          status.textContent = '';
          const f = file.files?.[0];
          if (!f) {
            setError(t('review.fileRequired'));
            return file.focus();
          }
          button.disabled = true;
          try {
            await api.uploadReviewDocument(r.id, {
              kind: kindSel.value,
              fileName: f.name,
              mimeType: f.type || 'application/octet-stream',
              contentBase64: await fileToBase64(f),
            });
            rerender(t('review.uploaded', { name: f.name }));
          } catch (e) {
            button.disabled = false;
            const issue = e instanceof ApiError ? e.issues[0] : null;
            setError(issue ? pick(issue.message) : errorMessage(e));
          }
        },
      },
      h('h3', {}, t('review.upload')),
      h('div', { class: 'sf-field' }, h('label', { for: kindSel.id }, t('review.uploadKind')), kindSel),
      h('div', { class: 'sf-field' }, h('label', { for: file.id }, t('review.uploadFile')), file, err),
      status,
      h('div', { class: 'form-actions' }, button),
    );
  }
  return panel(
    { id: 'review-docs-title', title: t('review.docs'), meta: h('p', { class: 'panel-meta' }, String(docs.length)) },
    docs.length
      ? h(
          'ul',
          { class: 'doc-list' },
          docs.map((d) =>
            h(
              'li',
              { class: 'doc-item' },
              h(
                'div',
                { class: 'doc-main' },
                h('span', { class: 'doc-name' }, d.fileName),
                h(
                  'span',
                  { class: 'doc-meta' },
                  h('span', { class: 'doc-kind' }, docKind(r.kind, d.kind)),
                  h('span', {}, `v${d.version}`),
                  h('time', { datetime: d.createdAt }, formatDateTime(d.createdAt)),
                ),
              ),
              downloadButton(
                t('docs.download'),
                `/api/reviews/${encodeURIComponent(r.id)}/documents/${encodeURIComponent(d.id)}`,
                d.fileName,
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('review.docsNone')),
    upload,
  );
}
