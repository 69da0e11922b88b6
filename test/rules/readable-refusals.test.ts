import { describe, expect, it } from 'vitest';
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
