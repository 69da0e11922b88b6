import { describe, expect, it } from 'vitest';
import { r32LoadableYears } from '../../domain/rules/working-days.js';

// R32: the State Council publishes a year's holiday notice late in the year before, so an administrator may load
// the years current − 1 … current + 2, the current year taken in Beijing time (UTC+8).
describe('R32: the years whose notice may be loaded', () => {
  it('are the current Beijing year − 1 to + 2', () => {
    expect(r32LoadableYears(new Date('2027-09-24T02:00:00Z'))).toEqual({ first: 2026, last: 2029 });
  });

  it('turn over at midnight in Beijing, not in UTC', () => {
    // 31 Dec 2026 23:59 Beijing time: still 2026.
    expect(r32LoadableYears(new Date('2026-12-31T15:59:00Z'))).toEqual({ first: 2025, last: 2028 });
    // 1 Jan 2027 00:00 Beijing time (31 Dec in UTC): 2027.
    expect(r32LoadableYears(new Date('2026-12-31T16:00:00Z'))).toEqual({ first: 2026, last: 2029 });
  });
});
