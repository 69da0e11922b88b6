import type { z } from 'zod';
import type { ProcedureConfig } from '../config.js';
import type { DecisionFacts } from '../procedure.js';
import { violation, type RuleViolation } from '../violation.js';
import { r3DraftViolations } from '../rules/drafting.js';
import {
  r5CommentPeriodViolation,
  r5PeriodStillOpen,
  r6CommentResponseViolations,
  r8MarketActorOpinionViolations,
} from '../rules/public-participation.js';
import { r11ExpertOpinionViolations } from '../rules/expert-argumentation.js';
import { r14ReassessmentViolation } from '../rules/risk-assessment.js';
import { r17ReviewWorkingDays, r19OpinionViolations, r19RequiredChangesViolations } from '../rules/legality-review.js';
import { r27PublicationViolations } from '../rules/publication.js';
import { r30EvaluationViolations } from '../rules/evaluation.js';
import type { ReviewKind } from '../review/kinds.js';
import { TASK_KINDS, type TaskKind, type TaskPayload } from './kinds.js';

export interface CompletionContext {
  facts: DecisionFacts;
  config: ProcedureConfig;
  now: Date;
  /** The task's context as opened by the workflow. */
  context: Record<string, unknown>;
}

export type CompletionCheck<K extends TaskKind = TaskKind> =
  | { ok: true; payload: TaskPayload<K> }
  | { ok: false; kind: 'invalid'; issues: z.core.$ZodIssue[] }
  | { ok: false; kind: 'rule'; violations: RuleViolation[] };

/** Parses a task's completion payload with its kind's schema, then applies every rule that kind is subject to. */
export function checkCompletion<K extends TaskKind>(
  kind: K,
  payload: unknown,
  ctx: CompletionContext,
): CompletionCheck<K> {
  const parsed = TASK_KINDS[kind].schema.safeParse(payload);
  if (!parsed.success) return { ok: false, kind: 'invalid', issues: parsed.error.issues };
  const data = parsed.data as TaskPayload<K>;
  const violations = ruleViolations(kind, data, ctx);
  return violations.length ? { ok: false, kind: 'rule', violations } : { ok: true, payload: data };
}

function ruleViolations(kind: TaskKind, data: unknown, ctx: CompletionContext): RuleViolation[] {
  const opt = (v: RuleViolation | undefined) => (v ? [v] : []);
  switch (kind) {
    case 'submit_draft':
      return r3DraftViolations(data as TaskPayload<'submit_draft'>, ctx.facts);
    case 'open_comment_period':
      return opt(r5CommentPeriodViolation(data as TaskPayload<'open_comment_period'>, ctx.config));
    case 'conclude_public_participation':
      return [
        ...opt(
          typeof ctx.context.commentPeriodEndsAt === 'string'
            ? r5PeriodStillOpen(ctx.now, ctx.context.commentPeriodEndsAt)
            : undefined,
        ),
        ...r6CommentResponseViolations(data as TaskPayload<'conclude_public_participation'>),
        ...r8MarketActorOpinionViolations(data as TaskPayload<'conclude_public_participation'>, ctx.facts),
      ];
    case 'record_expert_opinions':
      return r11ExpertOpinionViolations(data as TaskPayload<'record_expert_opinions'>, ctx.config);
    case 'submit_risk_assessment':
      return opt(
        r14ReassessmentViolation(data as TaskPayload<'submit_risk_assessment'>, {
          afterHighRisk: ctx.context.afterHighRisk === true,
        }),
      );
    case 'submit_for_legality_review': {
      const r = r17ReviewWorkingDays(data as TaskPayload<'submit_for_legality_review'>, ctx.config);
      return 'violation' in r ? [r.violation] : [];
    }
    case 'review_legality':
      return r19OpinionViolations(
        data as TaskPayload<'review_legality'>,
        (ctx.context.reviewKind as ReviewKind | undefined) ?? 'decision',
      );
    case 'record_required_changes':
      return r19RequiredChangesViolations(
        data as TaskPayload<'record_required_changes'>,
        (ctx.context.requiredChanges as string[]) ?? [],
      );
    case 'evaluate_decision':
      return r30EvaluationViolations(data as TaskPayload<'evaluate_decision'>, ctx.facts);
    case 'publish_decision':
      return r27PublicationViolations(data as TaskPayload<'publish_decision'>, ctx.facts);
    default:
      // approve_submission, report_to_party_committee, supplement_materials, second_check_review,
      // sign_off_review_opinion, revise_draft, name_implementing_unit, archive_decision, place_on_agenda,
      // report_implementation: no rule beyond the kind's schema (a new kind starts here too).
      return [];
  }
}

export const taskClosedViolation = (taskId: string) =>
  violation('TASK_CLOSED', 'task.closed', `任务${taskId}已办结或不存在`, `Task ${taskId} is closed or unknown`);
