import { violation, type RuleViolation } from '../violation.js';

/** The launch answers R1 and R23 look at (a subset of LaunchDecision, so the schema's refinement can call these). */
export interface LaunchAnswers {
  inCatalog: boolean;
  catalogEntryId?: string;
  outsideCatalogReason?: string;
  outsideCatalogApprovalId?: string;
  partyCommitteeReportRequired: boolean;
  partyCommitteeWaiverReason?: string;
  partyCommitteeWaiverApproval?: string;
}

/**
 * R1 (Art. 3 para. 3; DOMAIN.md says Art. 10, which is the proposal of a decision): a decision is in the catalog with the entry it picks, or outside it with the reason recorded and
 * the leader's approval of it (an approved outside-catalog request). The records behind both ids are checked by
 * r1EntryViolations and r1OutsideApprovalViolations (domain/rules/catalog.ts).
 */
export function r1CatalogViolations(v: LaunchAnswers): RuleViolation[] {
  if (v.inCatalog)
    return v.catalogEntryId?.trim()
      ? []
      : [
          violation(
            'R1',
            'r1.catalog_entry_required',
            '列入决策事项目录的，应当选择目录事项',
            'pick the catalog entry',
            ['catalogEntryId'],
          ),
        ];
  const out: RuleViolation[] = [];
  if (!v.outsideCatalogReason?.trim())
    out.push(
      violation(
        'R1',
        'r1.outside_catalog_reason_required',
        '目录外事项应当说明理由',
        'a decision outside the catalog records why',
        ['outsideCatalogReason'],
      ),
    );
  if (!v.outsideCatalogApprovalId?.trim())
    out.push(
      violation(
        'R1',
        'r1.outside_catalog_approval_required',
        '目录外事项应当经政府领导批准后启动',
        'a decision outside the catalog needs a leader’s approval first',
        ['outsideCatalogApprovalId'],
      ),
    );
  return out;
}

/**
 * R23 (Art. 31): a major decision is reported to the party committee before it is issued. Not reporting is a
 * decision recorded at launch with its reason and the leader's approval (who approved, and the reference), not
 * a free switch.
 */
export function r23PartyCommitteeWaiverViolations(v: LaunchAnswers): RuleViolation[] {
  if (v.partyCommitteeReportRequired) return [];
  const out: RuleViolation[] = [];
  if (!v.partyCommitteeWaiverReason?.trim())
    out.push(
      violation(
        'R23',
        'r23.waiver_reason_required',
        '不向同级党委请示报告的，应当说明理由',
        'Not reporting to the party committee needs a recorded reason',
        ['partyCommitteeWaiverReason'],
      ),
    );
  if (!v.partyCommitteeWaiverApproval?.trim())
    out.push(
      violation(
        'R23',
        'r23.waiver_approval_required',
        '不向同级党委请示报告的，应当经政府领导批准并载明批准情况',
        'Not reporting needs the leader’s approval, recorded',
        ['partyCommitteeWaiverApproval'],
      ),
    );
  return out;
}
