import { z } from 'zod';

/** The procedure's stages in statutory order (DOMAIN.md, Stages 1-6). */
export const STAGES = [
  'launch',
  'public_participation',
  'expert_argumentation',
  'risk_assessment',
  'legality_review',
  'party_committee_report',
  'collective_discussion',
  'publication',
  'implementation',
  'archived',
] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

export const STAGE_STATUSES = ['pending', 'in_progress', 'done', 'skipped', 'not_applicable'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export interface StageState {
  status: StageStatus;
  /** Why a stage was skipped or is not applicable (R4, R9, R12), or a note on how it ended. */
  reason?: string;
  startedAt?: string;
  endedAt?: string;
}

export const DECISION_STATUSES = ['active', 'withdrawn', 'not_approved', 'closed', 'suspended', 'terminated'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  launch: { zh: '决策启动', en: 'Launch' },
  public_participation: { zh: '公众参与', en: 'Public participation' },
  expert_argumentation: { zh: '专家论证', en: 'Expert argumentation' },
  risk_assessment: { zh: '风险评估', en: 'Risk assessment' },
  legality_review: { zh: '合法性审查', en: 'Legality review' },
  party_committee_report: { zh: '向党委请示报告', en: 'Report to the party committee' },
  collective_discussion: { zh: '集体讨论决定', en: 'Collective discussion' },
  publication: { zh: '决策公布', en: 'Publication' },
  implementation: { zh: '决策执行', en: 'Implementation' },
  archived: { zh: '归档', en: 'Archived' },
};

export function initialStageStates(): Record<Stage, StageState> {
  return Object.fromEntries(STAGES.map((s) => [s, { status: 'pending' }])) as Record<Stage, StageState>;
}
