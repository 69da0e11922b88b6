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
  ExpertOpinionUploadSchema,
  InterestSchema,
  OpinionResponseSchema,
  SelectExpertSchema,
} from '../routes/experts.schema.js';
import { AppError, fieldIssue, invalid, notFound, ruleRefusal } from '../errors.js';
import { addDocumentVersion, decisionOwner } from '../../records/document-versions.js';
import type { ServiceContext, SessionUser } from './context.js';

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

export async function listExperts(ctx: ServiceContext, f: { field?: string }) {
  const [experts, interests] = await Promise.all([
    ctx.prisma.expert.findMany({ where: f.field ? { fields: { has: f.field } } : {}, orderBy: { createdAt: 'asc' } }),
    ctx.prisma.expertInterest.findMany({ orderBy: { declaredAt: 'asc' } }),
  ]);
  return { items: experts.map((e) => ({ ...e, interests: interests.filter((i) => i.expertId === e.id) })) };
}

export async function createExpert(ctx: ServiceContext, user: SessionUser, input: z.infer<typeof CreateExpertSchema>) {
  await knownDepartments(ctx, input.formerDepartmentIds, 'formerDepartmentIds');
  await knownDepartments(
    ctx,
    input.interests.flatMap((i) => (i.departmentId ? [i.departmentId] : [])),
    'interests',
  );
  const id = `expert-${randomUUID()}`;
  const { interests, ...expert } = input;
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

export async function declareInterest(
  ctx: ServiceContext,
  user: SessionUser,
  expertId: string,
  i: z.infer<typeof InterestSchema>,
) {
  if (!(await ctx.prisma.expert.findUnique({ where: { id: expertId } }))) throw notFound('专家');
  if (i.departmentId) await knownDepartments(ctx, [i.departmentId], 'departmentId');
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

/** How long the one-time opinion link works (R11: the expert uploads the signed opinion without signing in). */
export const OPINION_LINK_DAYS = 14;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function selectExpert(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  s: z.infer<typeof SelectExpertSchema>,
  origin: string,
) {
  const { decision, role } = await leadDepartmentChooser(ctx, user, decisionId);
  const stage = (decision.stageStates as Record<string, { status?: string }> | null)?.expert_argumentation?.status;
  if (stage === 'skipped' || stage === 'not_applicable' || stage === 'done')
    throw ruleRefusal([
      violation(
        'R9',
        'r9.argumentation_not_open',
        '本决策的专家论证环节未在进行，不能选择专家',
        'This decision’s expert argumentation is not open',
        ['decisionId'],
      ),
    ]);
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
      const link = `${origin}/api/expert-opinions/${token}`;
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

export async function listSelections(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const decision = await ctx.prisma.decision.findUnique({
    where: { id: decisionId },
    select: { leadDepartmentId: true },
  });
  if (!decision || user.departmentId !== decision.leadDepartmentId) throw notFound('决策');
  const rows = await ctx.prisma.expertSelection.findMany({ where: { decisionId }, orderBy: { selectedAt: 'asc' } });
  const experts = await ctx.prisma.expert.findMany({ where: { id: { in: rows.map((r) => r.expertId) } } });
  return { items: rows.map((r) => ({ ...r, expert: experts.find((e) => e.id === r.expertId) })) };
}

const gone = (key: string, zh: string, en: string) => new AppError(409, 'link_gone', key, { zh, en });

/** The expert uploads the signed opinion through the one-time link: no sign-in; the link works once and expires (R11). */
export async function uploadOpinionByLink(
  ctx: ServiceContext,
  token: string,
  u: z.infer<typeof ExpertOpinionUploadSchema>,
  now = new Date(),
) {
  const link = await ctx.prisma.expertOpinionLink.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!link) throw notFound('链接');
  if (link.usedAt) throw gone('error.link_used', '该链接已使用过', 'This link has been used');
  if (link.expiresAt <= now) throw gone('error.link_expired', '该链接已过期', 'This link has expired');
  const selection = await ctx.prisma.expertSelection.findUniqueOrThrow({ where: { id: link.selectionId } });
  const expert = await ctx.prisma.expert.findUniqueOrThrow({ where: { id: selection.expertId } });
  const content = Buffer.from(u.contentBase64, 'base64');
  return ctx.prisma.$transaction(async (tx) => {
    // Claim the link: a second upload racing this one finds it used.
    const claimed = await tx.expertOpinionLink.updateMany({
      where: { tokenHash: link.tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw gone('error.link_used', '该链接已使用过', 'This link has been used');
    const doc = await addDocumentVersion(tx, decisionOwner(selection.decisionId), {
      kind: 'expert_opinion_signed',
      fileName: u.fileName,
      mimeType: u.mimeType,
      content,
      uploadedById: null,
      createdAt: now,
    });
    await tx.expertSelection.update({
      where: { id: selection.id },
      data: { opinionDocumentId: doc.id, opinionSignedBy: u.signedBy, opinionReceivedAt: now },
    });
    await appendAudit(tx, {
      idempotencyKey: `expert.opinion_received:${selection.id}`,
      at: now,
      actor: { userId: null, name: `${expert.name}（${expert.institution}）`, role: 'none', departmentId: null },
      action: 'expert.opinion_received',
      decisionId: selection.decisionId,
      subjectType: 'expert_selection',
      subjectId: selection.id,
      data: {
        rule: 'R11',
        expertId: expert.id,
        signedBy: u.signedBy,
        signedOn: u.signedOn,
        documentId: doc.id,
        sha256: doc.sha256,
      },
    });
    return { received: true, sha256: doc.sha256 };
  });
}

/** R11: the lead department answers each signed opinion: adopted, or not adopted with the reason. */
export async function respondToOpinion(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  selectionId: string,
  r: z.infer<typeof OpinionResponseSchema>,
) {
  const { role } = await leadDepartmentChooser(ctx, user, decisionId);
  const selection = await ctx.prisma.expertSelection.findUnique({ where: { id: selectionId } });
  if (!selection || selection.decisionId !== decisionId) throw notFound('专家选择');
  if (!selection.opinionDocumentId)
    throw ruleRefusal([
      violation(
        'R11',
        'r11.no_signed_opinion',
        '尚未收到该专家签名的书面意见',
        'No signed opinion from this expert yet',
        ['selectionId'],
      ),
    ]);
  return audited(
    ctx,
    user,
    role,
    'expert.opinion_answered',
    { type: 'expert_selection', id: selectionId, decisionId },
    { response: r.response, reason: r.reason ?? null },
    (tx) =>
      tx.expertSelection.update({
        where: { id: selectionId },
        data: { response: r.response, responseReason: r.reason ?? null, respondedById: user.id },
      }),
  );
}
