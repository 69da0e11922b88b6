/**
 * The law library the assisted review checks citations against (R18, R20), kept as data by the legal center's
 * director: an entry names a law or regulation, its level, its issuer and when it came into force; retiring it
 * records when it was repealed and what replaced it. Shared by the API and the page.
 */
import { z } from 'zod';
import { isoDate } from '../tasks/fields.js';

export const LAW_LEVELS = [
  'constitution',
  'law',
  'administrative_regulation',
  'local_regulation',
  'department_rule',
  'local_rule',
] as const;

export const LAW_LEVEL_LABELS: Record<(typeof LAW_LEVELS)[number], { zh: string; en: string }> = {
  constitution: { zh: '宪法', en: 'Constitution' },
  law: { zh: '法律', en: 'Law' },
  administrative_regulation: { zh: '行政法规', en: 'Administrative regulation' },
  local_regulation: { zh: '地方性法规', en: 'Local regulation' },
  department_rule: { zh: '部门规章', en: 'Departmental rule' },
  local_rule: { zh: '地方政府规章', en: 'Local government rule' },
};

const name = z
  .string()
  .trim()
  .min(2)
  .max(120)
  .regex(/^[^《》]+$/, 'expected the title without 《》');

export const LawEntrySchema = z
  .object({
    name,
    level: z.enum(LAW_LEVELS),
    issuedBy: z.string().trim().min(2).max(120),
    effectiveOn: isoDate,
    repealedOn: isoDate.nullish(),
    replacedBy: name.nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.repealedOn && v.repealedOn < v.effectiveOn)
      ctx.addIssue({ code: 'custom', path: ['repealedOn'], message: '废止日期不得早于施行日期' });
    if (v.replacedBy && !v.repealedOn)
      ctx.addIssue({ code: 'custom', path: ['repealedOn'], message: '载明替代法规的，应当填写废止日期' });
  });
export type LawEntryInput = z.infer<typeof LawEntrySchema>;
