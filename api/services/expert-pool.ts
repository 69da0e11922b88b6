/**
 * The expert pool (专家库, R10): the office and the administrator maintain experts with fields, declared interests
 * and former employment; the lead department chooses experts for a decision's argumentation with a reason, refused
 * when the expert is conflicted (R10), and the invitation is queued in the outbox.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AuditAction } from '../../domain/audit-events.js';
import { r10SelectionViolations } from '../../domain/rules/expert-pool.js';
import { violation } from '../../domain/violation.js';
import { appendAudit, auditActor, type Tx } from '../../records/audit.js';
import { messageIdFor } from '../../records/mail-id.js';
import type {
  CreateExpertSchema,
  InterestSchema,
  SelectExpertSchema,
  UpdateExpertSchema,
} from '../routes/experts.schema.js';
import { fieldIssue, invalid, notFound, ruleRefusal } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { deliveryStates, startMailDelivery } from './outbox-mail.js';

const POOL_KEEPERS = ['supervisor', 'admin'] as const;
const keeperRole = (user: SessionUser) => POOL_KEEPERS.find((r) => user.roles.includes(r)) ?? 'admin';

async function audited<T>(
  ctx: ServiceContext,
  user: SessionUser,
  role: string,
  action: AuditAction,
  subject: { type: string; id: string; decisionId?: string },
  data: Record<string, unknown>,
  write: (tx: Tx) => Promise<T>,
): Promise<T> {
  return ctx.prisma.$transaction(async (tx) => {
    const result = await write(tx);
    await appendAudit(tx, {
      idempotencyKey: `${action}:${randomUUID()}`,
      at: new Date(),
      actor: auditActor(user, role),
      action,
      decisionId: subject.decisionId ?? null,
      subjectType: subject.type,
      subjectId: subject.id,
      data: { rule: 'R10', ...data },
    });
    return result;
  });
}

async function knownDepartments(ctx: ServiceContext, ids: string[], path: string) {
  const found = await ctx.prisma.department.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const missing = ids.findIndex((id) => !found.some((d) => d.id === id));
  if (missing >= 0)
    throw invalid([fieldIssue(`${path}.${missing}`, '未知的单位', 'Unknown department', 'error.unknown_department')]);
}

/** An interest's decision given by its number (JC-2026-0001) or id: the stored id; unknown is a 400 naming the field. */
async function resolveDecisionIds<T extends { decisionId?: string }>(
  ctx: ServiceContext,
  items: T[],
  path: (i: number) => string,
) {
  return Promise.all(
    items.map(async (item, i) => {
      if (!item.decisionId) return item;
      const ref = item.decisionId;
      const found = await ctx.prisma.decision.findFirst({
        where: /^JC-\d{4}-\d{4}$/.test(ref) ? { number: ref } : { id: ref },
        select: { id: true },
      });
      if (!found)
        throw invalid([fieldIssue(path(i), '未知的决策编号', 'Unknown decision number', 'error.unknown_decision')]);
      return { ...item, decisionId: found.id };
    }),
  );
}

export async function listExperts(ctx: ServiceContext, f: { field?: string }) {
  const [experts, interests] = await Promise.all([
    ctx.prisma.expert.findMany({ where: f.field ? { fields: { has: f.field } } : {}, orderBy: { createdAt: 'asc' } }),
    ctx.prisma.expertInterest.findMany({ orderBy: { declaredAt: 'asc' } }),
  ]);
  const decisions = await ctx.prisma.decision.findMany({
    where: { id: { in: interests.flatMap((i) => (i.decisionId ? [i.decisionId] : [])) } },
    select: { id: true, number: true },
  });
  const numberOf = (id: string | null) => decisions.find((d) => d.id === id)?.number ?? null;
  return {
    items: experts.map((e) => ({
      ...e,
      interests: interests
        .filter((i) => i.expertId === e.id)
        .map((i) => ({ ...i, decisionNumber: numberOf(i.decisionId) })),
    })),
  };
}

export async function createExpert(ctx: ServiceContext, user: SessionUser, input: z.infer<typeof CreateExpertSchema>) {
  await knownDepartments(ctx, input.formerDepartmentIds, 'formerDepartmentIds');
  await knownDepartments(
    ctx,
    input.interests.flatMap((i) => (i.departmentId ? [i.departmentId] : [])),
    'interests',
  );
  const id = `expert-${randomUUID()}`;
  const { interests: given, ...expert } = input;
  const interests = await resolveDecisionIds(ctx, given, (i) => `interests.${i}.decisionId`);
  return audited(
    ctx,
    user,
    keeperRole(user),
    'expert.created',
    { type: 'expert', id },
    {
      name: input.name,
      institution: input.institution,
      fields: input.fields,
      formerDepartmentIds: input.formerDepartmentIds,
      interests,
    },
    async (tx) => {
      const row = await tx.expert.create({
        data: { id, ...expert, title: expert.title ?? null, email: expert.email ?? null, createdById: user.id },
      });
      for (const i of interests)
        await tx.expertInterest.create({
          data: {
            id: randomUUID(),
            expertId: id,
            departmentId: i.departmentId ?? null,
            decisionId: i.decisionId ?? null,
            description: i.description,
            declaredById: user.id,
          },
        });
      return { ...row, interests };
    },
  );
}

/** The office or the admin corrects an expert's entry, or takes the expert out of the pool (`active: false`). */
export async function updateExpert(
  ctx: ServiceContext,
  user: SessionUser,
  expertId: string,
  u: z.infer<typeof UpdateExpertSchema>,
) {
  const before = await ctx.prisma.expert.findUnique({ where: { id: expertId } });
  if (!before) throw notFound('专家');
  if (u.formerDepartmentIds) await knownDepartments(ctx, u.formerDepartmentIds, 'formerDepartmentIds');
  const changed = Object.keys(u).filter(
    (k) => JSON.stringify(before[k as keyof typeof before] ?? null) !== JSON.stringify(u[k as keyof typeof u] ?? null),
  );
  return audited(
    ctx,
    user,
    keeperRole(user),
    'expert.updated',
    { type: 'expert', id: expertId },
    { name: u.name ?? before.name, changed },
    (tx) => tx.expert.update({ where: { id: expertId }, data: { ...u, updatedAt: new Date() } }),
  );
}

export async function declareInterest(
  ctx: ServiceContext,
  user: SessionUser,
  expertId: string,
  given: z.infer<typeof InterestSchema>,
) {
  if (!(await ctx.prisma.expert.findUnique({ where: { id: expertId } }))) throw notFound('专家');
  if (given.departmentId) await knownDepartments(ctx, [given.departmentId], 'departmentId');
  const [i] = await resolveDecisionIds(ctx, [given], () => 'decisionId');
  if (!i) throw notFound('专家');
  const id = randomUUID();
  return audited(
    ctx,
    user,
    keeperRole(user),
    'expert.interest_declared',
    { type: 'expert', id: expertId },
    { interestId: id, ...i },
    (tx) =>
      tx.expertInterest.create({
        data: {
          id,
          expertId,
          departmentId: i.departmentId ?? null,
          decisionId: i.decisionId ?? null,
          description: i.description,
          declaredById: user.id,
        },
      }),
  );
}

/** The lead department's drafter or head chooses an expert for the decision's argumentation (R10); others see no decision. */
export async function leadDepartmentChooser(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const decision = await ctx.prisma.decision.findUnique({
    where: { id: decisionId },
    select: { id: true, number: true, title: true, leadDepartmentId: true, stageStates: true },
  });
  const role = user.roles.find((r) => r === 'drafter' || r === 'dept_head');
  if (!decision || !role || user.departmentId !== decision.leadDepartmentId) throw notFound('决策');
  return { decision, role };
}

/** R9: choosing, answering and declining happen while the decision's argumentation is not skipped or done. */
export function assertArgumentationOpen(decision: { stageStates: unknown }) {
  const stage = (decision.stageStates as Record<string, { status?: string }> | null)?.expert_argumentation?.status;
  if (stage === 'skipped' || stage === 'not_applicable' || stage === 'done')
    throw ruleRefusal([
      violation(
        'R9',
        'r9.argumentation_not_open',
        '本决策的专家论证环节未在进行',
        'This decision’s expert argumentation is not open',
        ['decisionId'],
      ),
    ]);
}

/** How long the one-time opinion link works (R11: the expert uploads the signed opinion without signing in). */
export const OPINION_LINK_DAYS = 14;
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function selectExpert(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  s: z.infer<typeof SelectExpertSchema>,
  origin: string,
) {
  const row = await recordSelection(ctx, user, decisionId, s, origin);
  // The invitation goes out through the outbox's delivery once the choice is committed.
  if (row.mailId) await startMailDelivery(ctx, row.mailId);
  return row;
}

async function recordSelection(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  s: z.infer<typeof SelectExpertSchema>,
  origin: string,
) {
  const { decision, role } = await leadDepartmentChooser(ctx, user, decisionId);
  assertArgumentationOpen(decision);
  const expert = await ctx.prisma.expert.findUnique({ where: { id: s.expertId } });
  if (!expert)
    throw invalid([fieldIssue('expertId', '专家库中没有该专家', 'No such expert in the pool', 'error.unknown_expert')]);
  const interests = await ctx.prisma.expertInterest.findMany({ where: { expertId: expert.id } });
  const violations = r10SelectionViolations({ ...expert, interests }, decision);
  if (violations.length) throw ruleRefusal(violations);
  if (
    await ctx.prisma.expertSelection.findUnique({ where: { decisionId_expertId: { decisionId, expertId: expert.id } } })
  )
    throw ruleRefusal([
      violation(
        'R11',
        'r11.expert_already_chosen',
        `专家${expert.name}已被选择参与本决策论证`,
        `Expert ${expert.name} is already chosen for this decision`,
        ['expertId'],
      ),
    ]);
  const id = randomUUID();
  const at = new Date();
  return audited(
    ctx,
    user,
    role,
    'expert.selected',
    { type: 'decision', id: decisionId, decisionId },
    {
      selectionId: id,
      expertId: expert.id,
      expertName: expert.name,
      institution: expert.institution,
      reason: s.reason,
    },
    async (tx) => {
      let mailId: string | null = null;
      const token = randomBytes(32).toString('base64url');
      const link = `${origin}/public/expert-opinions/${token}`;
      if (expert.email) {
        const idempotencyKey = `expert-invitation:${id}`;
        mailId = `mail:${idempotencyKey}`;
        await tx.mailMessage.create({
          data: {
            id: mailId,
            idempotencyKey,
            stepKey: idempotencyKey,
            decisionId,
            recipientRole: 'expert',
            recipientType: 'expert',
            recipientId: expert.id,
            toAddress: expert.email,
            subject: `专家论证邀请：${decision.title}（${decision.number}）`,
            text: `${expert.name}：\n\n诚邀您参加“${decision.title}”（${decision.number}）的专家论证。请对决策草案提出书面论证意见并签名，通过以下一次性链接上传签名的意见（${OPINION_LINK_DAYS}日内有效，仅可使用一次）：\n${link}\n\nYou are invited to give a signed written opinion on “${decision.title}” (${decision.number}); upload it once, within ${OPINION_LINK_DAYS} days, at the link above.`,
            messageId: messageIdFor(idempotencyKey),
            createdAt: at,
          },
        });
      }
      const row = await tx.expertSelection.create({
        data: { id, decisionId, expertId: expert.id, reason: s.reason, selectedById: user.id, selectedAt: at, mailId },
      });
      await tx.expertOpinionLink.create({
        data: {
          tokenHash: tokenHash(token),
          selectionId: id,
          expiresAt: new Date(at.getTime() + OPINION_LINK_DAYS * 86_400_000),
          createdAt: at,
        },
      });
      return row;
    },
  );
}

/** The experts chosen for the decision, each with its invitation's delivery, its signed opinion and its response. */
export async function listSelections(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const decision = await ctx.prisma.decision.findUnique({
    where: { id: decisionId },
    select: { leadDepartmentId: true },
  });
  if (!decision || user.departmentId !== decision.leadDepartmentId) throw notFound('决策');
  const rows = await ctx.prisma.expertSelection.findMany({ where: { decisionId }, orderBy: { selectedAt: 'asc' } });
  const [experts, mails, docs, links] = await Promise.all([
    ctx.prisma.expert.findMany({ where: { id: { in: rows.map((r) => r.expertId) } } }),
    deliveryStates(
      ctx,
      rows.flatMap((r) => (r.mailId ? [r.mailId] : [])),
    ),
    ctx.prisma.document.findMany({
      where: { id: { in: rows.flatMap((r) => (r.opinionDocumentId ? [r.opinionDocumentId] : [])) } },
      select: {
        id: true,
        kind: true,
        fileName: true,
        mimeType: true,
        size: true,
        sha256: true,
        version: true,
        createdAt: true,
      },
    }),
    ctx.prisma.expertOpinionLink.findMany({
      where: { selectionId: { in: rows.map((r) => r.id) } },
      select: { selectionId: true, expiresAt: true, usedAt: true },
    }),
  ]);
  return {
    items: rows.map((r) => {
      const mail = r.mailId ? mails.get(r.mailId) : undefined;
      const doc = docs.find((d) => d.id === r.opinionDocumentId);
      const link = links.find((l) => l.selectionId === r.id);
      return {
        ...r,
        expert: experts.find((e) => e.id === r.expertId),
        invitation: mail
          ? { state: mail.state, sentAt: mail.sentAt, attempts: mail.attempts, lastAttemptAt: mail.lastAttemptAt }
          : null,
        link: link ? { expiresAt: link.expiresAt, usedAt: link.usedAt } : null,
        opinionDocument: doc ? { ...doc, downloadUrl: `/api/documents/${encodeURIComponent(doc.id)}` } : null,
        status: r.declinedAt ? 'declined' : r.response ? 'answered' : r.opinionReceivedAt ? 'received' : 'invited',
      };
    }),
  };
}
