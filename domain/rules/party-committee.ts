import { chinaDate, zhCalendarDate as zh } from '../china-time.js';
import type { ReportToPartyCommittee } from '../tasks/collective-discussion.js';
import { violation, type RuleViolation } from '../violation.js';

/** R23: the report and its reply are recorded as they happened: a report is not dated in the future, a reply not before its report. */
export function r23ReportDateViolations(
  p: Pick<ReportToPartyCommittee, 'reportedOn' | 'replyOn'>,
  now: Date,
): RuleViolation[] {
  const today = chinaDate(now);
  const out: RuleViolation[] = [];
  if (p.reportedOn > today)
    out.push(
      violation(
        'R23',
        'r23.report_date_future',
        `请示日期（${zh(p.reportedOn)}）不得晚于今天（${zh(today)}）`,
        `The report date (${p.reportedOn}) cannot be after today (${today})`,
        ['reportedOn'],
      ),
    );
  if (p.replyOn < p.reportedOn)
    out.push(
      violation(
        'R23',
        'r23.reply_before_report',
        `批复日期（${zh(p.replyOn)}）不得早于请示日期（${zh(p.reportedOn)}）`,
        `The reply (${p.replyOn}) cannot predate the report (${p.reportedOn})`,
        ['replyOn'],
      ),
    );
  else if (p.replyOn > today)
    out.push(
      violation(
        'R23',
        'r23.reply_date_future',
        `批复日期（${zh(p.replyOn)}）不得晚于今天（${zh(today)}）`,
        `The reply date (${p.replyOn}) cannot be after today (${today})`,
        ['replyOn'],
      ),
    );
  return out;
}
