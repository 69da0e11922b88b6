import { r4ParticipationApplies } from '../../domain/rules/public-participation.js';
import { acts } from '../shared/activities.js';
import type { ProcedureContext } from '../shared/procedure-context.js';

/** R4-R6: the comment period (at least 30 days unless shortened with a reason), then every comment group answered. */
export async function publicParticipationStage(p: ProcedureContext): Promise<void> {
  const applies = r4ParticipationApplies(p.state.facts);
  if (!applies.applies) return p.setStage('public_participation', 'skipped', applies.reason);

  await p.setStage('public_participation', 'in_progress');
  const opening = await p.engine.run({
    kind: 'open_comment_period',
    step: 'open-comment-period',
    departmentId: p.lead,
    due: p.stepDue('open_comment_period'),
  });
  const openedAt = new Date().toISOString();
  const period = await acts.computeDeadline({
    from: openedAt,
    days: opening.periodDays,
    basis: 'calendar_days',
    rule: 'R5',
  });
  p.state.commentPeriod = {
    openedAt,
    endsAt: period.dueAt,
    days: opening.periodDays,
    shortenedReason: opening.shortenedReason,
    provisional: period.provisional,
  };
  await p.sync('comment_period_opened', { ...p.state.commentPeriod });

  const responseDays = p.config.stepWorkingDays.conclude_public_participation;
  await p.engine.run({
    kind: 'conclude_public_participation',
    step: 'conclude-public-participation',
    departmentId: p.lead,
    due: {
      from: period.dueAt,
      days: responseDays,
      basis: 'working_days',
      rule: 'config:conclude_public_participation',
    },
    context: { commentPeriodEndsAt: period.dueAt },
  });
  await p.setStage('public_participation', 'done');
}
