/**
 * R38: verification of the audit chain on request. The whole chain is for the admin and the supervising office;
 * one decision's chain also for those who may read the decision.
 */
import { verifyAuditChain, type VerifyResult } from '../../records/audit-verify.js';
import { BREAK_REASONS } from '../../records/audit-watch.js';
import { forbidden, notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { requireFullDecision } from './access.js';

const CHAIN_ROLES = new Set(['admin', 'supervisor']);

export async function verifyAudit(ctx: ServiceContext, user: SessionUser, q: { decisionId?: string }) {
  if (q.decisionId) {
    // Who verifies the whole chain verifies any decision's; anyone else follows the decision's audit-trail rule.
    const d = user.roles.some((r) => CHAIN_ROLES.has(r))
      ? await ctx.prisma.decision.findFirst({
          where: { OR: [{ id: q.decisionId }, { number: q.decisionId }] },
          select: { id: true },
        })
      : await requireFullDecision(ctx, user, q.decisionId);
    if (!d) throw notFound('决策');
    return verificationView(await verifyAuditChain(ctx.prisma, { scope: `decision:${d.id}` }));
  }
  if (!user.roles.some((r) => CHAIN_ROLES.has(r)))
    throw forbidden(
      '只有系统管理员和督查机构可以校验全部审计记录（R38）',
      'Only the admin and the supervising office verify the whole audit chain (R38)',
    );
  return verificationView(await verifyAuditChain(ctx.prisma));
}

/** The result as the API, the script and the decision page show it. */
export function verificationView(r: VerifyResult) {
  const b = r.firstBreak;
  return {
    ok: r.ok,
    rule: 'R38',
    checkedAt: r.checkedAt,
    scope: r.scope,
    events: r.events,
    chains: r.chains,
    breaks: r.breaks,
    firstBreak: b
      ? {
          ...b,
          message: {
            zh: `第 ${b.seq} 号审计记录（${b.action}）${BREAK_REASONS[b.reason].zh}`,
            en: `Audit event #${b.seq} (${b.action}): ${BREAK_REASONS[b.reason].en}`,
          },
        }
      : null,
    head: r.head,
    breakGlass: r.breakGlass,
  };
}
