import type { CatalogEntrySnapshot } from '../catalog/schemas.js';
import { chinaDate, zhCalendarDate } from '../china-time.js';
import { violation, type RuleViolation } from '../violation.js';

/** What a launch's catalog answer refers to, as the records show it. */
export interface CatalogEntryFacts {
  catalogStatus: string;
  entryStatus: string;
  leadDepartmentId: string;
}

/** R1 (Art. 3 para. 3): a decision in the catalog picks an entry of a published catalog, active, led by the launching department. */
export function r1EntryViolations(entry: CatalogEntryFacts | undefined, departmentId: string): RuleViolation[] {
  const path = ['catalogEntryId'];
  if (!entry)
    return [violation('R1', 'r1.entry_unknown', '所选目录事项不存在', 'The catalog entry does not exist', path)];
  if (entry.catalogStatus !== 'published')
    return [
      violation(
        'R1',
        'r1.catalog_not_published',
        '该年度决策事项目录尚未公布',
        'The catalog of that year is not published',
        path,
      ),
    ];
  if (entry.entryStatus !== 'active')
    return [
      violation(
        'R1',
        'r1.entry_removed',
        '该目录事项已在调整中移出目录',
        'The entry was removed from the catalog by an amendment',
        path,
      ),
    ];
  if (entry.leadDepartmentId !== departmentId)
    return [
      violation(
        'R1',
        'r1.entry_other_department',
        '该目录事项的承办单位不是本单位',
        'The entry is led by another department',
        path,
      ),
    ];
  return [];
}

/** What a launch's outside-catalog approval refers to. */
export interface OutsideApprovalFacts {
  status: string;
  departmentId: string;
  decisionId: string | null;
}

/** R1 (Art. 3 para. 3): a decision outside the catalog proceeds only on a leader's approval of its stated reason, used once. */
export function r1OutsideApprovalViolations(
  req: OutsideApprovalFacts | undefined,
  departmentId: string,
): RuleViolation[] {
  const path = ['outsideCatalogApprovalId'];
  if (!req || req.departmentId !== departmentId)
    return [
      violation(
        'R1',
        'r1.outside_approval_unknown',
        '未找到本单位的目录外事项审批',
        'No outside-catalog approval of your department with that id',
        path,
      ),
    ];
  if (req.status !== 'approved')
    return [
      violation(
        'R1',
        'r1.outside_not_approved',
        '目录外事项尚未经政府领导批准',
        'The outside-catalog request is not approved by a leader',
        path,
      ),
    ];
  if (req.decisionId)
    return [
      violation(
        'R1',
        'r1.outside_approval_used',
        '该目录外事项审批已用于另一项决策',
        'That approval was already used for another decision',
        path,
      ),
    ];
  return [];
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface CatalogDiff {
  added: CatalogEntrySnapshot[];
  removed: CatalogEntrySnapshot[];
  changed: Array<{ id: string; seq: number; title: string; leadDepartmentId: string; changes: FieldChange[] }>;
}

const FIELDS = ['title', 'matterType', 'leadDepartmentId', 'plannedQuarter', 'legalBasis'] as const;

/** R1: what an amendment changed between two published versions, entry by entry and field by field. */
export function catalogDiff(before: CatalogEntrySnapshot[], after: CatalogEntrySnapshot[]): CatalogDiff {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  const changed: CatalogDiff['changed'] = [];
  for (const e of after) {
    const o = old.get(e.id);
    if (!o) continue;
    const changes = FIELDS.filter((f) => JSON.stringify(o[f]) !== JSON.stringify(e[f])).map((f) => ({
      field: f,
      before: o[f],
      after: e[f],
    }));
    if (changes.length)
      changed.push({ id: e.id, seq: e.seq, title: e.title, leadDepartmentId: e.leadDepartmentId, changes });
  }
  return { added: after.filter((e) => !old.has(e.id)), removed: before.filter((e) => !now.has(e.id)), changed };
}

/** What a proposed amendment changes, with the ids and item numbers its added entries will have. */
export interface AmendmentChanges {
  add: CatalogEntrySnapshot[];
  change: Array<{ id: string } & Partial<Omit<CatalogEntrySnapshot, 'id' | 'seq'>>>;
  remove: string[];
}

/** The active entries as they will stand once the amendment takes effect (item numbers never reused). */
export function applyAmendment(active: CatalogEntrySnapshot[], a: AmendmentChanges): CatalogEntrySnapshot[] {
  const changes = new Map(a.change.map((c) => [c.id, c]));
  const removed = new Set(a.remove);
  const kept = active
    .filter((e) => !removed.has(e.id))
    .map((e) => {
      const c = changes.get(e.id);
      if (!c) return e;
      const { id: _id, ...fields } = c;
      return { ...e, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    });
  return [...kept, ...a.add].sort((x, y) => x.seq - y.seq);
}

/** Where an amendment stands, and where its catalog stands, for the R1 checks of proposing and deciding it. */
export interface AmendmentFacts {
  catalogStatus: string;
  catalogVersion: number;
  pendingId: string | null;
}

/**
 * R1 (Art. 3 para. 3): an amendment is proposed for a published catalog, one at a time: it is decided (approved with
 * the party committee's agreement, or refused) before the next is proposed.
 */
export function r1ProposeAmendmentViolations(f: AmendmentFacts): RuleViolation[] {
  if (f.catalogStatus !== 'published')
    return [violation('R1', 'r1.catalog_status', '目录公布后方可提出调整', 'Only a published catalog is amended')];
  if (f.pendingId)
    return [
      violation(
        'R1',
        'r1.amendment_pending',
        '已有一项目录调整待批准，批准或不予批准后方可再提出调整',
        'An amendment is awaiting approval: it is decided before another is proposed',
      ),
    ];
  return [];
}

/**
 * R1 (Art. 3 para. 3): a proposed amendment takes effect only when a leader approves it (recording the party
 * committee's agreement, as for the catalog itself), and only on the version it was proposed against.
 */
export function r1DecideAmendmentViolations(
  a: { status: string; baseVersion: number },
  catalogVersion: number,
): RuleViolation[] {
  if (a.status !== 'pending')
    return [violation('R1', 'r1.amendment_decided', '该目录调整已经审批', 'The amendment is already decided')];
  if (a.baseVersion !== catalogVersion)
    return [
      violation(
        'R1',
        'r1.amendment_outdated',
        '目录已有新的公布版本，该调整应当重新提出',
        'The catalog has a newer published version: propose the amendment again',
      ),
    ];
  return [];
}

/**
 * R1 (Art. 3 para. 3): the party committee's agreement a catalog or an amendment is approved on is recorded as it
 * happened — not dated after today (Beijing).
 */
export function r1AgreementDateViolations(agreedOn: string, now: Date): RuleViolation[] {
  const today = chinaDate(now);
  if (agreedOn <= today) return [];
  return [
    violation(
      'R1',
      'r1.agreement_date_future',
      `党委同意日期（${zhCalendarDate(agreedOn)}）不得晚于今天（${zhCalendarDate(today)}）`,
      `The party committee's agreement (${agreedOn}) cannot be dated after today (${today})`,
      ['partyCommitteeAgreedOn'],
    ),
  ];
}
