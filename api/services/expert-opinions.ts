/**
 * Expert argumentation after the choice (R10, R11; Decree 713 Art. 19–20): who may still be chosen (each conflict
 * named), the signed opinion received through the one-time link or uploaded by the lead department, the response
 * to each opinion, a selection recorded as declined, and the stage's conclusion built from the selections.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { r10SelectionViolations } from '../../domain/rules/expert-pool.js';
import { chinaDate } from '../../domain/china-time.js';
import { violation } from '../../domain/violation.js';
import type { AuditActor } from '../../domain/audit-events.js';
import { appendAudit, auditActor, type Tx } from '../../records/audit.js';
import { addDocumentVersion, decisionOwner } from '../../records/document-versions.js';
import type {
  ConcludeArgumentationSchema,
  DeclineSelectionSchema,
  ExpertOpinionUploadSchema,
  OpinionResponseSchema,
} from '../routes/experts.schema.js';
import { AppError, notFound, ruleRefusal } from '../errors.js';
import { completeTaskService } from './complete-task.js';
import type { ServiceContext, SessionUser } from './context.js';
import { assertArgumentationOpen, leadDepartmentChooser, tokenHash } from './expert-pool.js';
import { argumentationSelectionViolations } from './expert-selections-check.js';

type Upload = z.infer<typeof ExpertOpinionUploadSchema>;

/** The pool as candidates for one decision: the conflicted ones carry their R10 refusal, the chosen ones their selection. */
export async function expertCandidates(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  f: { field?: string },
) {
  const { decision } = await leadDepartmentChooser(ctx, user, decisionId);
  const [experts, interests, chosen] = await Promise.all([
    ctx.prisma.expert.findMany({
      where: f.field ? { fields: { has: f.field } } : {},
      orderBy: [{ active: 'desc' }, { createdAt: 'asc' }],
    }),
    ctx.prisma.expertInterest.findMany(),
    ctx.prisma.expertSelection.findMany({ where: { decisionId }, select: { id: true, expertId: true } }),
  ]);
  return {
    items: experts.map((e) => {
      const refusals = r10SelectionViolations(
        { ...e, interests: interests.filter((i) => i.expertId === e.id) },
        decision,
      );
      const selection = chosen.find((c) => c.expertId === e.id);
      return {
        id: e.id,
        name: e.name,
        institution: e.institution,
        kind: e.kind,
        title: e.title,
        fields: e.fields,
        hasEmail: Boolean(e.email),
        active: e.active,
        selectionId: selection?.id ?? null,
        selectable: !refusals.length && !selection,
        refusals,
      };
    }),
  };
}

const gone = (key: string, zh: string, en: string) => new AppError(409, 'link_gone', key, { zh, en });

/** What the one-time link page may show: whether it still works, and which decision it is about (no personal data). */
export async function opinionLinkState(ctx: ServiceContext, token: string, now = new Date()) {
  const link = await ctx.prisma.expertOpinionLink.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!link) throw notFound('链接');
  const selection = await ctx.prisma.expertSelection.findUniqueOrThrow({ where: { id: link.selectionId } });
  const decision = await ctx.prisma.decision.findUniqueOrThrow({
    where: { id: selection.decisionId },
    select: { number: true, title: true },
  });
  const state = link.usedAt || selection.opinionReceivedAt ? 'used' : link.expiresAt <= now ? 'expired' : 'open';
  return {
    state: selection.declinedAt && state === 'open' ? ('expired' as const) : state,
    expiresAt: link.expiresAt,
    usedAt: link.usedAt,
    decision,
  };
}

/** The signed copy becomes an `expert_opinion_signed` version of the decision's documents; audited (R11). */
async function storeSignedOpinion(
  tx: Tx,
  selection: { id: string; decisionId: string; expertId: string },
  u: Upload,
  actor: AuditActor,
  uploadedById: string | null,
  now: Date,
) {
  const doc = await addDocumentVersion(tx, decisionOwner(selection.decisionId), {
    kind: 'expert_opinion_signed',
    fileName: u.fileName,
    mimeType: u.mimeType,
    content: Buffer.from(u.contentBase64, 'base64'),
    uploadedById,
    createdAt: now,
  });
  await tx.expertSelection.update({
    where: { id: selection.id },
    data: {
      opinionDocumentId: doc.id,
      opinionSignedBy: u.signedBy,
      opinionSignedOn: u.signedOn,
      opinionReceivedAt: now,
    },
  });
  await appendAudit(tx, {
    idempotencyKey: `expert.opinion_received:${selection.id}`,
    at: now,
    actor,
    action: 'expert.opinion_received',
    decisionId: selection.decisionId,
    subjectType: 'expert_selection',
    subjectId: selection.id,
    data: {
      rule: 'R11',
      expertId: selection.expertId,
      signedBy: u.signedBy,
      signedOn: u.signedOn,
      documentId: doc.id,
      sha256: doc.sha256,
    },
  });
  return doc;
}

/** The expert uploads the signed opinion through the one-time link: no sign-in; the link works once and expires (R11). */
export async function uploadOpinionByLink(ctx: ServiceContext, token: string, u: Upload, now = new Date()) {
  const link = await ctx.prisma.expertOpinionLink.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!link) throw notFound('链接');
  if (link.usedAt) throw gone('error.link_used', '该链接已使用过', 'This link has been used');
  if (link.expiresAt <= now) throw gone('error.link_expired', '该链接已过期', 'This link has expired');
  const selection = await ctx.prisma.expertSelection.findUniqueOrThrow({ where: { id: link.selectionId } });
  if (selection.opinionReceivedAt) throw gone('error.link_used', '该链接已使用过', 'This link has been used');
  if (selection.declinedAt) throw gone('error.link_expired', '该链接已过期', 'This link has expired');
  const expert = await ctx.prisma.expert.findUniqueOrThrow({ where: { id: selection.expertId } });
  return ctx.prisma.$transaction(async (tx) => {
    // Claim the link: a second upload racing this one finds it used.
    const claimed = await tx.expertOpinionLink.updateMany({
      where: { tokenHash: link.tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw gone('error.link_used', '该链接已使用过', 'This link has been used');
    const actor = {
      userId: null,
      name: `${expert.name}（${expert.institution}）`,
      role: 'none' as const,
      departmentId: null,
    };
    const doc = await storeSignedOpinion(tx, selection, u, actor, null, now);
    return { received: true, sha256: doc.sha256, receivedAt: now };
  });
}

/** A selection of this decision, for the lead department's actions on it. */
async function selectionOf(ctx: ServiceContext, decisionId: string, selectionId: string) {
  const selection = await ctx.prisma.expertSelection.findUnique({ where: { id: selectionId } });
  if (!selection || selection.decisionId !== decisionId) throw notFound('专家选择');
  return selection;
}

const declinedRefusal = (name: string) =>
  ruleRefusal([
    violation('R11', 'r11.selection_declined', `已记录专家${name}谢绝论证`, `Expert ${name} is recorded as declined`, [
      'selectionId',
    ]),
  ]);

/** The lead department uploads the signed opinion it received on paper or by mail (R11); the link then stops working. */
export async function uploadOpinionByDrafter(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  selectionId: string,
  u: Upload,
) {
  const { decision, role } = await leadDepartmentChooser(ctx, user, decisionId);
  assertArgumentationOpen(decision);
  const selection = await selectionOf(ctx, decisionId, selectionId);
  const expert = await ctx.prisma.expert.findUniqueOrThrow({ where: { id: selection.expertId } });
  if (selection.declinedAt) throw declinedRefusal(expert.name);
  if (selection.opinionReceivedAt)
    throw ruleRefusal([
      violation(
        'R11',
        'r11.opinion_already_received',
        `已收到专家${expert.name}签名的书面意见`,
        `Expert ${expert.name}'s signed opinion is already recorded`,
        ['selectionId'],
      ),
    ]);
  const now = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    await tx.expertOpinionLink.updateMany({ where: { selectionId, usedAt: null }, data: { usedAt: now } });
    const doc = await storeSignedOpinion(tx, selection, u, auditActor(user, role), user.id, now);
    return { received: true, sha256: doc.sha256, receivedAt: now };
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
  const { decision, role } = await leadDepartmentChooser(ctx, user, decisionId);
  assertArgumentationOpen(decision);
  const selection = await selectionOf(ctx, decisionId, selectionId);
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
  const at = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    const row = await tx.expertSelection.update({
      where: { id: selectionId },
      data: { response: r.response, responseReason: r.reason ?? null, respondedById: user.id, respondedAt: at },
    });
    await appendAudit(tx, {
      idempotencyKey: `expert.opinion_answered:${randomUUID()}`,
      at,
      actor: auditActor(user, role),
      action: 'expert.opinion_answered',
      decisionId,
      subjectType: 'expert_selection',
      subjectId: selectionId,
      data: { rule: 'R11', response: r.response, reason: r.reason ?? null },
    });
    return row;
  });
}

/** R11: an expert who gives no opinion (declined, unreachable) is recorded with the reason; the link stops working. */
export async function declineSelection(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  selectionId: string,
  d: z.infer<typeof DeclineSelectionSchema>,
) {
  const { decision, role } = await leadDepartmentChooser(ctx, user, decisionId);
  assertArgumentationOpen(decision);
  const selection = await selectionOf(ctx, decisionId, selectionId);
  const expert = await ctx.prisma.expert.findUniqueOrThrow({ where: { id: selection.expertId } });
  if (selection.declinedAt) throw declinedRefusal(expert.name);
  if (selection.opinionReceivedAt)
    throw ruleRefusal([
      violation(
        'R11',
        'r11.opinion_already_received',
        `已收到专家${expert.name}签名的书面意见，应答复其意见`,
        `Expert ${expert.name}'s signed opinion is recorded: answer it instead`,
        ['selectionId'],
      ),
    ]);
  const at = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    await tx.expertOpinionLink.updateMany({ where: { selectionId, usedAt: null }, data: { expiresAt: at } });
    const row = await tx.expertSelection.update({
      where: { id: selectionId },
      data: { declinedAt: at, declineReason: d.reason, declinedById: user.id },
    });
    await appendAudit(tx, {
      idempotencyKey: `expert.declined:${selectionId}`,
      at,
      actor: auditActor(user, role),
      action: 'expert.declined',
      decisionId,
      subjectType: 'expert_selection',
      subjectId: selectionId,
      data: { rule: 'R11', selectionId, expertName: expert.name, reason: d.reason },
    });
    return row;
  });
}

/**
 * The lead department concludes the argumentation from the selections: the opinions of the `record_expert_opinions`
 * step are the answered selections (signed copies attached), so the step's R11 checks apply to them as recorded.
 */
export async function concludeArgumentation(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  c: z.infer<typeof ConcludeArgumentationSchema>,
  idempotencyKey?: string,
) {
  await leadDepartmentChooser(ctx, user, decisionId);
  const task = await ctx.prisma.task.findFirst({
    where: { decisionId, kind: 'record_expert_opinions', status: 'open' },
    orderBy: { openedAt: 'desc' },
    select: { id: true },
  });
  if (!task)
    throw ruleRefusal([
      violation(
        'R9',
        'r9.argumentation_not_open',
        '本决策的专家论证环节未在进行',
        'This decision’s expert argumentation is not open',
        ['decisionId'],
      ),
    ]);
  const pending = await argumentationSelectionViolations(ctx, decisionId);
  if (pending.length) throw ruleRefusal(pending);
  const rows = await ctx.prisma.expertSelection.findMany({
    where: { decisionId, declinedAt: null, response: { not: null } },
    orderBy: { selectedAt: 'asc' },
  });
  const [experts, docs] = await Promise.all([
    ctx.prisma.expert.findMany({ where: { id: { in: rows.map((r) => r.expertId) } } }),
    ctx.prisma.document.findMany({
      where: { id: { in: rows.flatMap((r) => (r.opinionDocumentId ? [r.opinionDocumentId] : [])) } },
      select: { id: true, fileName: true },
    }),
  ]);
  const opinions = rows.map((r) => {
    const e = experts.find((x) => x.id === r.expertId);
    const doc = docs.find((d) => d.id === r.opinionDocumentId);
    return {
      expertName: e?.name ?? r.expertId,
      institution: e?.institution ?? '',
      ...(e?.title ? { credentials: e.title } : {}),
      date: r.opinionSignedOn ?? chinaDate(r.opinionReceivedAt ?? new Date()),
      opinion: `见${r.opinionSignedBy ?? e?.name ?? ''}署名的书面论证意见《${doc?.fileName ?? ''}》`,
      signature: { kind: 'signed_copy' as const, signedCopyDocumentId: r.opinionDocumentId ?? '' },
      response: r.response as 'adopted' | 'not_adopted',
      ...(r.responseReason ? { reason: r.responseReason } : {}),
    };
  });
  return completeTaskService(ctx, user, task.id, { opinions, adoptionSummary: c.adoptionSummary }, idempotencyKey);
}
