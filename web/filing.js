// @ts-check
// A normative document's publication and filing (公布与备案, R20-filing) on its review page: the submitting
// department records the document number and publication date once the opinion is issued, then the filing; the
// due day reads in Chinese form, and an overdue filing says so in words.

import { api } from './api.js';
import { h, panel } from './dom.js';
import { formatDate, formatDateTime, label, t } from './i18n.js';
import { disclosureForm } from './ui.js';

/**
 * The 公布与备案 panel of a normative document's review, or null for other kinds. `schemas` are the server's
 * `publication` and `filing` forms; `again(message)` re-renders the page with a confirmation line.
 */
export function filingPanel(r, schemas, again) {
  if (r.kind !== 'normative_document') return null;
  const f = r.filing;
  // The server says what the caller may record now: the department's drafter, or an absent drafter's substitute.
  const may = r.mayRecordFiling ?? { publication: false, filing: false, onBehalfOf: null };
  const onBehalf = may.onBehalfOf
    ? h('p', { class: 'panel-meta filing-on-behalf' }, t('filing.onBehalfOf', { name: may.onBehalfOf.name }))
    : null;
  const item = (term, value, cls = null) =>
    h('div', { class: ['meta-item', cls] }, h('dt', {}, term), h('dd', {}, value));
  const body = [];
  if (!f) {
    body.push(
      h(
        'p',
        { class: 'panel-meta' },
        r.issuedAt && r.outcome !== 'not_lawful'
          ? t('filing.notPublished')
          : r.outcome === 'not_lawful'
            ? t('filing.notLawful')
            : t('filing.afterOpinion'),
      ),
    );
    if (may.publication)
      body.push(
        onBehalf,
        h(
          'div',
          { class: 'form-actions' },
          disclosureForm({
            open: t('filing.publish'),
            submit: t('filing.publishSubmit'),
            schema: schemas.publication,
            scope: 'publication',
            hints: { publishedOn: { help: t('filing.publishHelp') } },
            send: (v) => api.recordPublication(r.id, v),
            done: () => again(t('filing.published')),
          }),
        ),
      );
    return panel({ id: 'review-filing-title', title: t('filing.title') }, ...body);
  }
  const stateText = t(`filing.state.${f.state}`);
  body.push(
    h(
      'dl',
      { class: 'meta filing-meta' },
      item(t('filing.documentNumber'), f.documentNumber),
      item(t('filing.publishedOn'), formatDate(f.publishedOn)),
      item(t('filing.dueOn'), formatDate(f.dueOn)),
      item(
        t('filing.stateLabel'),
        h(
          'span',
          {
            class: [
              'badge',
              f.overdue || f.state === 'filed_late' ? 'badge--overdue' : f.filedOn ? 'badge--done' : null,
            ],
          },
          stateText,
        ),
      ),
      f.filedOn ? item(t('filing.filedOn'), formatDate(f.filedOn)) : null,
      f.filedOn
        ? item(t('filing.filedWith'), f.filedWith.map((b) => label('choice', `filedWith.${b}`)).join('、'))
        : null,
      f.reference ? item(t('filing.reference'), f.reference) : null,
      f.filedAt ? item(t('filing.recordedAt'), formatDateTime(f.filedAt)) : null,
    ),
  );
  if (f.overdue)
    body.push(h('p', { class: 'panel-meta is-overdue-text' }, t('filing.overdueNote', { due: formatDate(f.dueOn) })));
  if (may.filing)
    body.push(
      onBehalf,
      h(
        'div',
        { class: 'form-actions' },
        disclosureForm({
          open: t('filing.file'),
          submit: t('filing.fileSubmit'),
          schema: schemas.filing,
          scope: 'filing',
          hints: { filedOn: { help: t('filing.fileHelp', { due: formatDate(f.dueOn) }) } },
          send: (v) => api.recordFiling(r.id, v),
          done: () => again(t('filing.filed')),
        }),
      ),
    );
  return panel({ id: 'review-filing-title', title: t('filing.title') }, ...body);
}
