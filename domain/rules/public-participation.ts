import type { ProcedureConfig } from '../config.js';
import type { DecisionFacts } from '../procedure.js';
import type { ConcludePublicParticipation, OpenCommentPeriod } from '../tasks/public-participation.js';
import { violation, type RuleViolation } from '../violation.js';
import { chinaDateTimeEn, chinaDateTimeZh } from '../china-time.js';

/** R4: public participation is required unless the decision is confidential, which skips it with the reason recorded. */
export function r4ParticipationApplies(facts: DecisionFacts): { applies: true } | { applies: false; reason: string } {
  return facts.confidential
    ? { applies: false, reason: `依法不予公开（R4）：${facts.confidentialReason ?? ''}` }
    : { applies: true };
}

/** R5: the comment period lasts at least the configured 30 calendar days unless a reason is stated when it opens. */
export function r5CommentPeriodViolation(
  payload: OpenCommentPeriod,
  config: ProcedureConfig,
): RuleViolation | undefined {
  if (payload.periodDays < config.minCommentPeriodDays && !payload.shortenedReason)
    return violation(
      'R5',
      'r5.period_too_short',
      `公开征求意见期限不得少于${config.minCommentPeriodDays}日，缩短的应当说明理由`,
      `The comment period must be at least ${config.minCommentPeriodDays} days unless a reason for shortening is stated`,
      ['shortenedReason'],
    );
  return undefined;
}

/** R5: the period cannot be closed early: participation concludes only after the period has ended. */
export function r5PeriodStillOpen(now: Date, endsAt: string): RuleViolation | undefined {
  if (now.getTime() < Date.parse(endsAt))
    return violation(
      'R5',
      'r5.period_still_open',
      `征求意见期限至${chinaDateTimeZh(new Date(endsAt))}届满，不得提前结束`,
      `The comment period runs until ${chinaDateTimeEn(new Date(endsAt))} and cannot be closed early`,
    );
  return undefined;
}

/** R6: every comment belongs to a group, every group gets a response, and a partial or non-adoption gives its reason. */
export function r6CommentResponseViolations(payload: ConcludePublicParticipation): RuleViolation[] {
  const out: RuleViolation[] = [];
  const groups = new Map(payload.groups.map((g) => [g.key, g]));
  const orphan = [...new Set(payload.comments.map((c) => c.groupKey).filter((k) => !groups.has(k)))];
  if (orphan.length)
    out.push(
      violation(
        'R6',
        'r6.comment_without_group',
        `意见未归类：${orphan.join('、')}`,
        `Comments belong to no group: ${orphan.join(', ')}`,
        ['comments'],
      ),
    );
  payload.groups.forEach((g, i) => {
    if (!g.response)
      out.push(
        violation(
          'R6',
          'r6.group_without_response',
          `意见组“${g.summary}”尚未答复`,
          `Comment group "${g.summary}" has no response`,
          ['groups', String(i), 'response'],
        ),
      );
    else if (g.response !== 'adopted' && !g.reason)
      out.push(
        violation(
          'R6',
          'r6.reason_required',
          `意见组“${g.summary}”未采纳或部分采纳的，应当说明理由`,
          `Comment group "${g.summary}": say why it was not (fully) adopted`,
          ['groups', String(i), 'reason'],
        ),
      );
  });
  return out;
}

/**
 * R8 (Art. 18): a decision touching market actors hears the enterprises and the trade associations concerned:
 * its participation records opinions of both kinds.
 */
export function r8MarketActorOpinionViolations(
  payload: ConcludePublicParticipation,
  facts: DecisionFacts,
): RuleViolation[] {
  if (!facts.touchesMarketActors) return [];
  const kinds = new Set(payload.comments.map((c) => c.commenterKind));
  const missing = (['enterprise', 'trade_association'] as const).filter((k) => !kinds.has(k));
  if (!missing.length) return [];
  const zh = missing.map((k) => (k === 'enterprise' ? '有关企业' : '行业协会商会')).join('和');
  return [
    violation(
      'R8',
      'r8.market_actor_opinions_missing',
      `决策事项涉及市场主体切身利益的，应当充分听取${zh}的意见`,
      `A matter touching market actors records the opinions of: ${missing.join(', ')}`,
      ['comments'],
    ),
  ];
}
