import { z } from 'zod';
import { r1CatalogViolations, r23PartyCommitteeWaiverViolations } from '../rules/launch.js';

/** Art. 3 matters a major decision may concern. */
export const MATTER_TYPES = [
  'public_services',
  'market_regulation',
  'social_management',
  'environmental_protection',
  'development_plan',
  'natural_cultural_resources',
  'public_construction_project',
  'other_public_interest',
] as const;

const text = (max = 2000) => z.string().trim().min(1).max(max);

/** R9: expert argumentation applies to highly specialised or technical matters; otherwise the reason is recorded. */
export const ExpertApplicabilitySchema = z.discriminatedUnion('required', [
  z.strictObject({ required: z.literal(true) }),
  z.strictObject({ required: z.literal(false), reason: text(500) }),
]);

/** R12: risk assessment applies, is skipped with a reason, or is covered by an existing assessment. */
export const RiskApplicabilitySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('required') }),
  z.strictObject({ mode: z.literal('skipped'), reason: text(500) }),
  z.strictObject({ mode: z.literal('covered'), reference: text(200), reason: text(500).optional() }),
]);

/**
 * R2: what launching a decision names (Art. 11-12). The lead department is the launching drafter's; the
 * confidential flag decides R4; the expert and risk answers decide R9 and R12.
 */
export const LaunchDecisionSchema = z
  .strictObject({
    title: text(200),
    matterType: z.enum(MATTER_TYPES),
    legalBasis: z.array(text(300)).min(1).max(50),
    summary: text(5000),
    coDepartmentIds: z.array(z.string().min(1)).max(20).default([]),
    plannedMeetingQuarter: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, 'expected YYYY-Qn')
      .meta({ examples: ['2027-Q1'] }),
    inCatalog: z.boolean(),
    /** R1: the catalog entry this decision carries out (replaces the free-text entry of earlier launches). */
    catalogEntryId: z.string().min(1).max(100).optional(),
    outsideCatalogReason: text(500).optional(),
    /** R1: the leader's approval of launching outside the catalog (an approved outside-catalog request). */
    outsideCatalogApprovalId: z.string().min(1).max(100).optional(),
    confidential: z.boolean(),
    confidentialReason: text(500).optional(),
    touchesMarketActors: z.boolean(),
    specificGroups: z.array(text(100)).max(20).default([]),
    widePublicConcern: z.boolean().default(false),
    expertArgumentation: ExpertApplicabilitySchema,
    riskAssessment: RiskApplicabilitySchema,
    partyCommitteeReportRequired: z.boolean().default(true),
    /** R23: why the decision is not reported to the party committee, and the leader's approval of that. */
    partyCommitteeWaiverReason: text(500).optional(),
    partyCommitteeWaiverApproval: text(300).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.confidential && !v.confidentialReason)
      ctx.addIssue({
        code: 'custom',
        path: ['confidentialReason'],
        message: 'R4: a confidential decision records why it is not disclosed',
      });
    for (const r of [...r1CatalogViolations(v), ...r23PartyCommitteeWaiverViolations(v)])
      ctx.addIssue({ code: 'custom', path: r.path ?? [], message: `${r.rule}: ${r.message.en}` });
  });
export type LaunchDecision = z.infer<typeof LaunchDecisionSchema>;
/** A launch as stored: launches before the catalog model named their entry as free text (`catalogEntry`). */
export type StoredLaunch = LaunchDecision & { catalogEntry?: string };
