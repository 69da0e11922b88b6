import { describe, expect, it } from 'vitest';
import type { CatalogEntrySnapshot } from '../../domain/catalog/schemas.js';
import {
  applyAmendment,
  catalogDiff,
  r1AgreementDateViolations,
  r1DecideAmendmentViolations,
  r1ProposeAmendmentViolations,
} from '../../domain/rules/catalog.js';

const entry = (seq: number, title: string, over: Partial<CatalogEntrySnapshot> = {}): CatalogEntrySnapshot => ({
  id: `e${seq}`,
  seq,
  title,
  matterType: 'public_services',
  leadDepartmentId: 'dept-jtysj',
  plannedQuarter: '2027-Q2',
  legalBasis: ['《重大行政决策程序暂行条例》'],
  ...over,
});

describe('R1 amendments of the published catalog (Decree 713 Art. 3 para. 3)', () => {
  it('are proposed only for a published catalog, one at a time', () => {
    expect(r1ProposeAmendmentViolations({ catalogStatus: 'published', catalogVersion: 1, pendingId: null })).toEqual(
      [],
    );
    expect(
      r1ProposeAmendmentViolations({ catalogStatus: 'approved', catalogVersion: 0, pendingId: null })[0],
    ).toMatchObject({ rule: 'R1', messageKey: 'r1.catalog_status' });
    const pending = r1ProposeAmendmentViolations({ catalogStatus: 'published', catalogVersion: 2, pendingId: 'a1' });
    expect(pending[0]).toMatchObject({ rule: 'R1', messageKey: 'r1.amendment_pending' });
    expect(pending[0].message.zh).toContain('《重大行政决策程序暂行条例》第三条第三款');
  });

  it('are decided once, on the version they were proposed against', () => {
    expect(r1DecideAmendmentViolations({ status: 'pending', baseVersion: 2 }, 2)).toEqual([]);
    expect(r1DecideAmendmentViolations({ status: 'approved', baseVersion: 2 }, 3)[0].messageKey).toBe(
      'r1.amendment_decided',
    );
    expect(r1DecideAmendmentViolations({ status: 'refused', baseVersion: 2 }, 2)[0].messageKey).toBe(
      'r1.amendment_decided',
    );
    expect(r1DecideAmendmentViolations({ status: 'pending', baseVersion: 1 }, 2)[0].messageKey).toBe(
      'r1.amendment_outdated',
    );
  });

  it('rest on a party committee agreement dated today or before, in Beijing time', () => {
    // 1 Dec 2026, 23:30 Beijing = 15:30 UTC: "today" is the 1st there, whatever the server's zone.
    const now = new Date('2026-12-01T15:30:00Z');
    expect(r1AgreementDateViolations('2026-12-01', now)).toEqual([]);
    expect(r1AgreementDateViolations('2026-11-20', now)).toEqual([]);
    const [v] = r1AgreementDateViolations('2026-12-02', now);
    expect(v).toMatchObject({ rule: 'R1', messageKey: 'r1.agreement_date_future', path: ['partyCommitteeAgreedOn'] });
    expect(v.message.zh).toContain('党委同意日期（2026年12月2日）不得晚于今天（2026年12月1日）');
    expect(r1AgreementDateViolations('2026-12-02', new Date('2026-12-01T16:30:00Z'))).toEqual([]);
  });

  it('change the entries as proposed, keeping item numbers, and their diff names each field', () => {
    const before = [entry(1, '轨道交通线网规划'), entry(2, '停车收费方案'), entry(4, '公交场站建设')];
    const after = applyAmendment(before, {
      add: [entry(5, '共享单车管理办法', { id: 'new' })],
      change: [{ id: 'e1', plannedQuarter: '2027-Q4', title: undefined }],
      remove: ['e2'],
    });
    expect(after.map((e) => [e.seq, e.title, e.plannedQuarter])).toEqual([
      [1, '轨道交通线网规划', '2027-Q4'],
      [4, '公交场站建设', '2027-Q2'],
      [5, '共享单车管理办法', '2027-Q2'],
    ]);
    const diff = catalogDiff(before, after);
    expect(diff.added.map((e) => e.id)).toEqual(['new']);
    expect(diff.removed.map((e) => e.id)).toEqual(['e2']);
    expect(diff.changed).toEqual([
      {
        id: 'e1',
        seq: 1,
        title: '轨道交通线网规划',
        leadDepartmentId: 'dept-jtysj',
        changes: [{ field: 'plannedQuarter', before: '2027-Q2', after: '2027-Q4' }],
      },
    ]);
  });
});
