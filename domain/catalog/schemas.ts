import { z } from 'zod';
import { MATTER_TYPES } from '../decision/launch.js';
import { isoDate, text } from '../tasks/fields.js';

/** R1: one entry of the annual catalog (Art. 3 para. 3): title, Art. 3 type, lead department, planned quarter, legal basis. */
export const CatalogEntryInputSchema = z.strictObject({
  title: text(200),
  matterType: z.enum(MATTER_TYPES),
  leadDepartmentId: z.string().min(1).max(100),
  plannedQuarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'expected YYYY-Qn'),
  legalBasis: z.array(text(300)).min(1).max(20),
});
export type CatalogEntryInput = z.infer<typeof CatalogEntryInputSchema>;

export const CatalogYearSchema = z.coerce.number().int().min(2000).max(2100);

export const CreateCatalogSchema = z.strictObject({ year: z.number().int().min(2000).max(2100) });

/** The office's draft: the whole list as it should stand (an entry with an id is updated, without one added). */
export const SaveCatalogDraftSchema = z.strictObject({
  entries: z.array(CatalogEntryInputSchema.extend({ id: z.string().min(1).max(100).optional() })).max(300),
});

/** Approval records the party committee's agreement (党委同意) with its reference and date. */
export const ApproveCatalogSchema = z.strictObject({
  partyCommitteeRef: text(200),
  partyCommitteeAgreedOn: isoDate,
});

/**
 * An amendment proposed during the year: what changes, and why. It becomes a new published version only once a leader
 * approves it recording the party committee's agreement (ApproveCatalogSchema), as the original catalog did.
 */
export const AmendCatalogSchema = z
  .strictObject({
    reason: text(1000),
    add: z.array(CatalogEntryInputSchema).max(100).default([]),
    change: z
      .array(
        CatalogEntryInputSchema.partial()
          .extend({ id: z.string().min(1).max(100) })
          .strict(),
      )
      .max(100)
      .default([]),
    remove: z.array(z.string().min(1).max(100)).max(100).default([]),
  })
  .refine((v) => v.add.length + v.change.length + v.remove.length > 0, {
    path: ['add'],
    message: 'an amendment adds, changes or removes at least one entry',
  });
export type AmendCatalog = z.infer<typeof AmendCatalogSchema>;

/** A leader's refusal of a proposed amendment, with the reason. */
export const RefuseCatalogAmendmentSchema = z.strictObject({ reason: text(1000) });

/** R1: a drafter asks to launch a decision outside the catalog, with the reason. */
export const OutsideCatalogRequestSchema = z.strictObject({ title: text(200), reason: text(1000) });
/** R1: the leader's answer; a refusal says why. */
export const OutsideCatalogDecisionSchema = z
  .strictObject({ approve: z.boolean(), note: text(1000).optional() })
  .refine((v) => v.approve || v.note, { path: ['note'], message: '不予同意的，应当说明理由' });

/** An entry as a published version keeps it. */
export interface CatalogEntrySnapshot {
  id: string;
  seq: number;
  title: string;
  matterType: string;
  leadDepartmentId: string;
  plannedQuarter: string;
  legalBasis: string[];
}
