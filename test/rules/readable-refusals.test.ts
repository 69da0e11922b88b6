import { describe, expect, it } from 'vitest';
import { decisionStatusAfterEvaluation } from '../../activities/records.js';
import { r23ReportDateViolations } from '../../domain/rules/party-committee.js';
import { r5PeriodStillOpen } from '../../domain/rules/public-participation.js';
import { r18ChecklistViolations } from '../../domain/rules/legality-review.js';
import { chinaDateTimeZh, chinaDateZh } from '../../domain/china-time.js';

describe('what a person reads in a refusal', () => {
  it('gives the end of a comment period in Beijing time in Chinese form, not UTC ISO', () => {
    const v = r5PeriodStillOpen(new Date('2026-12-01T00:00:00Z'), '2026-12-31T10:00:00.000Z')!;
    expect(v.message.zh).toMatch(/^征求意见期限至2026年12月31日18时届满，不得提前结束/);
    expect(v.message.zh).not.toMatch(/\d{4}-\d{2}-\d{2}T|Z/);
    expect(v.message.en).toContain('2026-12-31 18:00 Beijing time');
  });

  it('names a missing checklist item by its Chinese name, not its key', () => {
    const [v] = r18ChecklistViolations({ findings: { authority: { conforms: true, finding: '职权内' } } });
    expect(v.message.zh).toContain('是否履行决策法定程序');
    expect(v.message.zh).not.toMatch(/procedure|content/);
  });

  it('formats Beijing dates and times across midnight UTC', () => {
    expect(chinaDateZh(new Date('2026-11-30T18:43:00Z'))).toBe('2026年12月1日');
    expect(chinaDateTimeZh(new Date('2026-11-30T18:43:00Z'))).toBe('2026年12月1日2时43分');
    expect(chinaDateTimeZh(new Date('2026-12-31T10:00:00Z'))).toBe('2026年12月31日18时');
  });
});

describe('R23 the party-committee report is dated as it happened', () => {
  const now = new Date('2026-11-30T20:00:00Z'); // 1 December in Beijing
  it('refuses a report dated after today (Beijing) and a reply before its report', () => {
    expect(r23ReportDateViolations({ reportedOn: '2026-12-01', replyOn: '2026-12-01' }, now)).toEqual([]);
    const future = r23ReportDateViolations({ reportedOn: '2026-12-02', replyOn: '2026-12-02' }, now);
    expect(future.map((v) => v.path?.join('.'))).toEqual(['reportedOn', 'replyOn']);
    expect(future[0].message.zh).toMatch(/^请示日期（2026年12月2日）不得晚于今天（2026年12月1日）/);
    const backwards = r23ReportDateViolations({ reportedOn: '2026-11-20', replyOn: '2026-11-19' }, now);
    expect(backwards.map((v) => [v.rule, v.messageKey])).toEqual([['R23', 'r23.reply_before_report']]);
    expect(backwards[0].message.zh).toContain('《重大行政决策程序暂行条例》第三十一条');
  });
});

describe('R31 the decision’s status after an evaluation', () => {
  it('is suspended or terminated as the evaluation concludes, and closed again when a suspended decision continues', () => {
    expect(decisionStatusAfterEvaluation('suspended', 'closed')).toBe('suspended');
    expect(decisionStatusAfterEvaluation('terminated', 'suspended')).toBe('terminated');
    expect(decisionStatusAfterEvaluation('implementing', 'suspended')).toBe('closed');
    expect(decisionStatusAfterEvaluation('implementing', 'closed')).toBeUndefined();
  });
});
