import { describe, expect, it } from 'vitest';
import { ineligibility, pickReviewer, type PoolMember } from '../../domain/review/assignment.js';

const pool = (n = 20, over: (i: number) => Partial<PoolMember> = () => ({})): PoolMember[] =>
  Array.from({ length: n }, (_, i) => ({
    userId: `user-reviewer${String(i + 1).padStart(2, '0')}`,
    active: true,
    leave: [],
    conflicts: [],
    openLoad: 0,
    ...over(i + 1),
  }));
const subject = { departmentId: 'dept-jtysj', subjectNumber: 'JC-2026-0001', onDate: '2026-12-01' };

/** Assigns `count` reviews one after another, each adding its weight to the chosen reviewer's load. */
function assignAll(members: PoolMember[], weights: number[], s = subject) {
  const counts = new Map(members.map((m) => [m.userId, 0]));
  weights.forEach((w, i) => {
    const m = pickReviewer(members, { ...s, subjectNumber: `X-${i}` })!;
    m.openLoad += w;
    m.lastAssignedAt = new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString();
    counts.set(m.userId, counts.get(m.userId)! + 1);
  });
  return counts;
}

describe('R20 automatic assignment', () => {
  it('spreads 200 reviews over 20 reviewers within one of each other when nobody is on leave', () => {
    const counts = [...assignAll(pool(), Array(200).fill(3)).values()];
    expect(counts.reduce((a, b) => a + b)).toBe(200);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('balances weighted work: a reviewer with a decision (weight 3) gets contracts (weight 1) until the loads meet', () => {
    const members = pool(2);
    members[0].openLoad = 3;
    const counts = assignAll(members, [1, 1, 1, 1]);
    expect([...counts.values()]).toEqual([1, 3]);
    expect(members.map((m) => m.openLoad)).toEqual([4, 3]);
  });

  it('keeps loads within one weight of each other over a mixed year of 200 reviews', () => {
    const members = pool();
    const weights = Array.from({ length: 200 }, (_, i) => [3, 2, 1][i % 3]);
    assignAll(members, weights);
    const loads = members.map((m) => m.openLoad);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(3);
  });

  it('skips reviewers on leave, inactive ones, declared conflicts and the reviewer’s former department', () => {
    const members = pool(6, (i) =>
      i === 1
        ? { leave: [{ startsOn: '2026-11-20', endsOn: '2026-12-05' }] }
        : i === 2
          ? { active: false }
          : i === 3
            ? { conflicts: [{ departmentId: 'dept-jtysj' }] }
            : i === 4
              ? { formerDepartmentId: 'dept-jtysj' }
              : i === 5
                ? { conflicts: [{ subjectNumber: 'JC-2026-0001' }] }
                : {},
    );
    expect(members.map((m) => ineligibility(m, subject) ?? 'eligible')).toEqual([
      'on_leave',
      'inactive',
      'declared_conflict',
      'former_department',
      'declared_conflict',
      'eligible',
    ]);
    expect(pickReviewer(members, subject)?.userId).toBe('user-reviewer06');
    // Other subjects: the conflict declared for JC-2026-0001 alone no longer bars reviewer05.
    const counts = assignAll(members, Array(30).fill(1));
    expect([...counts.values()]).toEqual([0, 0, 0, 0, 15, 15]);
    expect(pickReviewer(members.slice(0, 5), subject)).toBeUndefined();
  });

  it('assigns a reviewer back from leave, and one whose leave starts later', () => {
    const [m] = pool(1, () => ({
      leave: [
        { startsOn: '2026-11-01', endsOn: '2026-11-30' },
        { startsOn: '2026-12-20', endsOn: '2026-12-31' },
      ],
    }));
    expect(ineligibility(m, subject)).toBeUndefined();
    expect(ineligibility(m, { ...subject, onDate: '2026-11-30' })).toBe('on_leave');
  });

  it('breaks ties deterministically: longest since the last assignment, then the lower user id', () => {
    const members = pool(3);
    expect(pickReviewer(members, subject)?.userId).toBe('user-reviewer01');
    members[0].lastAssignedAt = '2026-12-01T01:00:00.000Z';
    members[1].lastAssignedAt = '2026-12-01T00:00:00.000Z';
    expect(pickReviewer(members, subject)?.userId).toBe('user-reviewer03');
    members[2].lastAssignedAt = '2026-12-01T02:00:00.000Z';
    expect(pickReviewer(members, subject)?.userId).toBe('user-reviewer02');
    expect(pickReviewer(members, { ...subject, exclude: ['user-reviewer02'] })?.userId).toBe('user-reviewer01');
  });
});
