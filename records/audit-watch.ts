/**
 * Watches the audit chains: verification at start-up and once a day (a timer in the worker process: the check
 * reads the database and needs no durable state, and every write it makes is keyed, so several workers running
 * it do no harm). A clean run anchors every chain's head in the city chain (audit.checkpoint); a break is
 * recorded (audit.break_detected) and raises an in-app notice to the admins and the supervising office.
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { PrismaClient } from '../generated/prisma/client.js';
import { CITY_SCOPE } from '../domain/audit-events.js';
import { appendAudit, engineActor, HASH_SCHEME } from './audit.js';
import { checkpointHeads, verifyAuditChain, type ChainBreak, type VerifyResult } from './audit-verify.js';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Verifies every chain, then anchors the heads (clean) or raises the alarm (break). */
export async function runAuditWatch(prisma: PrismaClient): Promise<VerifyResult> {
  const result = await verifyAuditChain(prisma);
  if (result.firstBreak) await raiseBreak(prisma, result.firstBreak);
  else await writeCheckpoint(prisma, result);
  return result;
}

/** Records the heads that moved since the latest checkpoint; nothing when none moved. */
export async function writeCheckpoint(prisma: PrismaClient, result: VerifyResult): Promise<boolean> {
  const anchors = await checkpointHeads(prisma, null);
  const moved: Record<string, [number, string]> = {};
  for (const [scope, h] of result.heads)
    if (anchors.get(scope)?.scopeSeq !== h.scopeSeq) moved[scope] = [h.scopeSeq, h.hash];
  const cityOnlyCheckpoint =
    Object.keys(moved).length === 1 &&
    moved[CITY_SCOPE] &&
    result.head &&
    (await isCheckpoint(prisma, result.head.seq));
  if (Object.keys(moved).length === 0 || cityOnlyCheckpoint) return false;
  const digest = createHash('sha256')
    .update(canonicalize(moved) ?? '')
    .digest('hex');
  return prisma.$transaction((tx) =>
    appendAudit(tx, {
      idempotencyKey: `audit.checkpoint:${digest}`,
      at: new Date(),
      actor: engineActor,
      action: 'audit.checkpoint',
      subjectType: 'audit',
      subjectId: 'chain',
      data: { scheme: HASH_SCHEME, heads: moved },
    }),
  );
}

async function isCheckpoint(prisma: PrismaClient, seq: number): Promise<boolean> {
  const e = await prisma.auditEvent.findUnique({ where: { seq: BigInt(seq) }, select: { action: true } });
  return e?.action === 'audit.checkpoint';
}

/** The break is recorded once and notified once per admin and supervisor (keyed by the broken event). */
export async function raiseBreak(prisma: PrismaClient, b: ChainBreak): Promise<void> {
  const users = await prisma.user.findMany({
    where: { active: true, roles: { some: { role: { in: ['admin', 'supervisor'] } } } },
    select: { id: true },
  });
  const decisionId = b.scope.startsWith('decision:') ? b.scope.slice('decision:'.length) : null;
  const reviewId = b.scope.startsWith('review:') ? b.scope.slice('review:'.length) : null;
  const key = `audit.break:${b.seq}:${b.reason}`;
  const createdAt = new Date();
  const reason = BREAK_REASONS[b.reason];
  await prisma.$transaction(async (tx) => {
    const fresh = await appendAudit(tx, {
      idempotencyKey: key,
      at: createdAt,
      actor: engineActor,
      action: 'audit.break_detected',
      subjectType: 'audit',
      subjectId: 'chain',
      data: { ...b },
    });
    if (!fresh) return;
    await tx.notice.createMany({
      data: users.map((u) => ({
        id: `${key}:${u.id}`,
        userId: u.id,
        decisionId,
        reviewId,
        taskId: null,
        stepKey: key,
        action: 'audit.break_detected',
        titleZh: '审计记录哈希链校验失败',
        titleEn: 'The audit chain failed verification',
        bodyZh: `第 ${b.seq} 号审计记录（${b.action}，链 ${b.scope}）${reason.zh}。审计记录可能被直接改动，请立即核查数据库操作记录（《重大行政决策程序暂行条例》第三十三条：决策过程记录和材料应当完整归档；R38）。`,
        bodyEn: `Audit event #${b.seq} (${b.action}, chain ${b.scope}): ${reason.en}. The record may have been changed directly in the database; check the database's access log now.`,
        createdAt,
      })),
      skipDuplicates: true,
    });
  });
}

export const BREAK_REASONS: Record<ChainBreak['reason'], { zh: string; en: string }> = {
  hash_mismatch: { zh: '的内容与其哈希值不符', en: 'its content does not match its hash' },
  broken_link: { zh: '未链接到前一条记录', en: 'it does not link to the event before it' },
  missing_event: { zh: '之前有记录缺失', en: 'an event before it is missing' },
  missing_tail: {
    zh: '之后的记录缺失（检查点记录的链头已不存在）',
    en: 'events after it are missing (a checkpointed head is gone)',
  },
  not_migrated: { zh: '尚未迁移到新的哈希方案', en: 'it was not migrated to the canonical hashing scheme' },
};

/** Runs the watch now and then daily; returns a stop function. Failures are logged, never thrown. */
export function startAuditWatch(prisma: PrismaClient, log: (line: string) => void, intervalMs = DAY_MS): () => void {
  const run = () =>
    runAuditWatch(prisma).then(
      (r) =>
        log(
          r.ok
            ? `audit chain verified: ${r.events} events in ${r.chains} chains`
            : `AUDIT CHAIN BROKEN at event #${r.firstBreak!.seq} (${r.firstBreak!.action}, ${r.firstBreak!.reason}); ${r.breaks} finding(s)`,
        ),
      (err: unknown) => log(`audit chain verification failed: ${(err as Error).message}`),
    );
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
