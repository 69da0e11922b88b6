import type { CatalogEntrySnapshot } from '../catalog/schemas.js';
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
  changed: Array<{ id: string; seq: number; title: string; changes: FieldChange[] }>;
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
    if (changes.length) changed.push({ id: e.id, seq: e.seq, title: e.title, changes });
  }
  return { added: after.filter((e) => !old.has(e.id)), removed: before.filter((e) => !now.has(e.id)), changed };
}
