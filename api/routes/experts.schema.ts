import { z } from 'zod';
import { registry } from '../openapi.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const InterestSchema = registry.register(
  'ExpertInterest',
  z
    .strictObject({
      departmentId: z
        .string()
        .min(1)
        .max(100)
        .optional()
        .describe('A department whose matters the expert has an interest in'),
      decisionId: z
        .string()
        .min(1)
        .max(100)
        .optional()
        .describe('One decision the expert has an interest in: its number (JC-2026-0001) or id'),
      description: text(500).describe('What the interest is (利害关系)'),
    })
    .refine((i) => i.departmentId || i.decisionId, {
      path: ['departmentId'],
      message: '请填写有利害关系的单位或决策 / name the department or the decision',
    }),
);

export const CreateExpertSchema = registry.register(
  'Expert',
  z.strictObject({
    name: text(100),
    institution: text(200),
    kind: z
      .enum(['expert', 'institution'])
      .default('expert')
      .describe('A person or a professional institution (专业机构)'),
    title: text(100).optional(),
    fields: z.array(text(100)).min(1).max(20).describe('Fields of expertise'),
    email: z.email().max(200).optional().describe('Where invitations are mailed'),
    formerDepartmentIds: z
      .array(z.string().min(1).max(100))
      .max(20)
      .default([])
      .describe('Departments the expert formerly worked for (R10)'),
    interests: z.array(InterestSchema).max(50).default([]).describe('Declared interests (R10)'),
  }),
);

export const SelectExpertSchema = registry.register(
  'ExpertSelection',
  z.strictObject({
    expertId: z.string().min(1).max(100),
    reason: text(1000).describe('Why this expert: expertise, representativeness, a differing view (R10)'),
  }),
);

export const ExpertOpinionUploadSchema = registry.register(
  'ExpertOpinionUpload',
  z.strictObject({
    signedBy: text(100).describe('The name signed under the opinion'),
    signedOn: z.iso.date().describe('The date of signature'),
    fileName: text(200),
    mimeType: z.enum([
      'application/pdf',
      'image/jpeg',
      'image/png',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]),
    contentBase64: z.base64().min(4).max(14_000_000).describe('The signed copy (scan or signed PDF)'),
  }),
);

export const OpinionResponseSchema = registry.register(
  'ExpertOpinionResponse',
  z
    .strictObject({ response: z.enum(['adopted', 'not_adopted']), reason: text(2000).optional() })
    .refine((r) => r.response === 'adopted' || r.reason, {
      path: ['reason'],
      message: '未采纳的应当说明理由 / say why it was not adopted',
    }),
);

/** Editing an expert in the pool: the fields given change; `active: false` takes the expert out of selection (R10). */
export const UpdateExpertSchema = registry.register(
  'ExpertUpdate',
  z
    .strictObject({
      name: text(100).optional(),
      institution: text(200).optional(),
      kind: z.enum(['expert', 'institution']).optional().describe('A person or a professional institution (专业机构)'),
      title: text(100).nullable().optional(),
      fields: z.array(text(100)).min(1).max(20).optional().describe('Fields of expertise'),
      email: z.email().max(200).nullable().optional().describe('Where invitations are mailed'),
      formerDepartmentIds: z
        .array(z.string().min(1).max(100))
        .max(20)
        .optional()
        .describe('Departments the expert formerly worked for (R10)'),
      active: z.boolean().optional().describe('In the pool (an expert who left is not selectable)'),
    })
    .refine((u) => Object.keys(u).length > 0, { path: ['name'], message: '没有要修改的内容 / nothing to change' }),
);

export const DeclineSelectionSchema = registry.register(
  'ExpertSelectionDecline',
  z.strictObject({
    reason: text(1000).describe('Why this expert gives no opinion (declined, unreachable, withdrew) (R11)'),
  }),
);

export const ConcludeArgumentationSchema = registry.register(
  'ExpertArgumentationConclusion',
  z.strictObject({
    adoptionSummary: text(5000).describe('How the experts’ opinions were taken into the draft (R11)'),
  }),
);
