/**
 * R20-filing: a normative document reviewed by the legal center (R20) is published by its drafting department and
 * filed within the filing period (calendar days, `filingPeriodDays`, default 30) of its publication
 * (国办发〔2018〕37号 and the local filing rules). Pure: the service loads the review and its filing record.
 */
import { chinaDate } from '../china-time.js';
import { violation, type RuleViolation } from '../violation.js';

export const FILING_RULE = 'R20-filing';

/** The last day to file: the publication date plus the period in calendar days (YYYY-MM-DD in, YYYY-MM-DD out). */
export function r20FilingDueOn(publishedOn: string, periodDays: number): string {
  const d = new Date(`${publishedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + periodDays);
  return d.toISOString().slice(0, 10);
}

/** Filing state on a China date: filed on time, filed late, overdue (not filed after the due day), or pending. */
export function r20FilingState(
  f: { dueOn: string; filedOn: string | null },
  today: string,
): 'filed_on_time' | 'filed_late' | 'overdue' | 'pending' {
  if (f.filedOn) return f.filedOn <= f.dueOn ? 'filed_on_time' : 'filed_late';
  return today > f.dueOn ? 'overdue' : 'pending';
}

interface ReviewState {
  kind: string;
  issuedAt: Date | null;
  outcome: string | null;
}

/** Why a publication may not be recorded: not a normative document, no opinion yet, found not lawful, recorded already. */
export function r20PublicationViolations(
  review: ReviewState,
  existing: { publishedOn: string } | null,
  publishedOn: string,
  today: string,
): RuleViolation[] {
  if (review.kind !== 'normative_document')
    return [
      violation(
        FILING_RULE,
        'r20filing.not_normative_document',
        '只有行政规范性文件需要公布与备案',
        'Only normative documents are published and filed',
      ),
    ];
  if (!review.issuedAt)
    return [
      violation(
        FILING_RULE,
        'r20filing.opinion_not_issued',
        '合法性审核意见出具前不得公布和备案',
        'The document may not be published or filed before the legality-review opinion is issued',
      ),
    ];
  if (review.outcome === 'not_lawful')
    return [
      violation(
        FILING_RULE,
        'r20filing.not_lawful',
        '审核意见认定不合法的规范性文件不得公布',
        'A document the review found not lawful may not be published',
      ),
    ];
  if (existing)
    return [
      violation(
        FILING_RULE,
        'r20filing.already_published',
        '该规范性文件的公布情况已登记',
        'The publication is already recorded',
      ),
    ];
  if (publishedOn > today)
    return [
      violation(
        FILING_RULE,
        'r20filing.published_in_future',
        '公布日期不得晚于今天',
        'The publication date may not be in the future',
        ['publishedOn'],
      ),
    ];
  if (publishedOn < chinaDate(review.issuedAt))
    return [
      violation(
        FILING_RULE,
        'r20filing.published_before_opinion',
        '公布日期不得早于合法性审核意见出具日期',
        'The publication date may not precede the review opinion',
        ['publishedOn'],
      ),
    ];
  return [];
}

/** Why a filing may not be recorded: no opinion, not yet published, dated before publication or in the future, filed already. */
export function r20FilingViolations(
  review: ReviewState,
  record: { publishedOn: string; filedOn: string | null } | null,
  filedOn: string,
  today: string,
): RuleViolation[] {
  if (review.kind !== 'normative_document' || !review.issuedAt)
    return r20PublicationViolations(review, null, filedOn, today);
  if (!record)
    return [
      violation(
        FILING_RULE,
        'r20filing.not_published',
        '请先登记规范性文件的文号和公布日期，再登记备案',
        'Record the document number and publication date before the filing',
      ),
    ];
  if (record.filedOn)
    return [
      violation(FILING_RULE, 'r20filing.already_filed', '该规范性文件已登记备案', 'The filing is already recorded'),
    ];
  if (filedOn < record.publishedOn)
    return [
      violation(
        FILING_RULE,
        'r20filing.filed_before_publication',
        '报送备案日期不得早于公布日期',
        'The filing date may not precede the publication',
        ['filedOn'],
      ),
    ];
  if (filedOn > today)
    return [
      violation(
        FILING_RULE,
        'r20filing.filed_in_future',
        '报送备案日期不得晚于今天',
        'The filing date may not be in the future',
        ['filedOn'],
      ),
    ];
  return [];
}
