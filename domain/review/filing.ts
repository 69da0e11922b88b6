/**
 * Publication and filing (公布与备案) of a normative document after its legality review: the drafting department
 * records the document number and the publication date, then the filing with the bodies it is filed with
 * (国办发〔2018〕37号: within the filing period of publication, 30 calendar days by default). Pure.
 */
import { z } from 'zod';
import { isoDate, text } from '../tasks/fields.js';

export const FILING_BODIES = ['higher_government', 'same_level_government', 'npc_standing_committee'] as const;
export type FilingBody = (typeof FILING_BODIES)[number];

export const FILING_BODY_LABELS: Record<FilingBody, { zh: string; en: string }> = {
  higher_government: { zh: '上一级人民政府', en: 'The higher-level people’s government' },
  same_level_government: { zh: '本级人民政府', en: 'The people’s government at the same level' },
  npc_standing_committee: { zh: '本级人大常委会', en: 'The same-level people’s congress standing committee' },
};

/** A calendar date that exists (2026-02-30 does not). */
const calendarDate = isoDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'not a calendar date');

export const RecordPublicationSchema = z.strictObject({
  documentNumber: text(100).meta({ label: { zh: '文号', en: 'Document number' } }),
  publishedOn: calendarDate.meta({ label: { zh: '公布日期', en: 'Published on' } }),
});
export type RecordPublication = z.infer<typeof RecordPublicationSchema>;

export const RecordFilingSchema = z.strictObject({
  filedWith: z
    .array(z.enum(FILING_BODIES))
    .min(1)
    .max(FILING_BODIES.length)
    .refine((xs) => new Set(xs).size === xs.length, 'each body once')
    .meta({ label: { zh: '报送备案机关', en: 'Filed with' } }),
  filedOn: calendarDate.meta({ label: { zh: '报送备案日期', en: 'Filed on' } }),
  reference: text(100).meta({ label: { zh: '备案号', en: 'Filing reference' } }),
});
export type RecordFiling = z.infer<typeof RecordFilingSchema>;
