/**
 * The early-warning N (issue 16 §2) as the office or the administrator sets it in the app: read with its source
 * (stored, else YIFA_ESCALATION_CONFIG's `yellowWorkingDays`, else 3), changed with an audit event naming the old
 * and new value. The boards, the inbox and the task pages classify with `yellowWorkingDaysOf`; the ladder's
 * letters read the stored value in their own transaction (records/escalation-step.ts).
 */
import type { PrismaClient } from '../../generated/prisma/client.js';
import {
  EARLY_WARNING_SETTERS,
  YELLOW_WORKING_DAYS_KEY,
  YELLOW_WORKING_DAYS_MAX,
  YELLOW_WORKING_DAYS_MIN,
  type EarlyWarningSetting,
} from '../../domain/settings/early-warning.js';
import { DEFAULT_YELLOW_WORKING_DAYS } from '../../domain/tasks/early-warning.js';
import { storedYellowWorkingDays } from '../../records/app-settings.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { forbidden } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

/**
 * How long an API process trusts the stored N it read: every list response classifies tasks, so the row is read
 * at most once per this many milliseconds per process (a change made through this process is seen at once).
 */
const CACHE_MS = 10_000;
const cache = new WeakMap<PrismaClient, { value: number | null; at: number }>();

const configured = (ctx: ServiceContext) => ctx.yellowWorkingDays ?? DEFAULT_YELLOW_WORKING_DAYS;

async function stored(ctx: ServiceContext): Promise<number | null> {
  const hit = cache.get(ctx.prisma);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await storedYellowWorkingDays(ctx.prisma);
  cache.set(ctx.prisma, { value, at: Date.now() });
  return value;
}

/** N in force: the office's stored choice, else the configured one. */
export async function yellowWorkingDaysOf(ctx: ServiceContext): Promise<number> {
  return (await stored(ctx)) ?? configured(ctx);
}

/** GET /api/settings/early-warning: N, where it comes from, its bounds, and who last changed it. */
export async function readEarlyWarningSetting(ctx: ServiceContext) {
  const row = await ctx.prisma.appSetting.findUnique({ where: { key: YELLOW_WORKING_DAYS_KEY } });
  const value = await storedYellowWorkingDays(ctx.prisma);
  cache.set(ctx.prisma, { value, at: Date.now() });
  const by = row
    ? await ctx.prisma.user.findUnique({ where: { id: row.updatedById }, select: { displayName: true } })
    : null;
  return {
    yellowWorkingDays: value ?? configured(ctx),
    source: value === null ? ('config' as const) : ('stored' as const),
    configured: configured(ctx),
    min: YELLOW_WORKING_DAYS_MIN,
    max: YELLOW_WORKING_DAYS_MAX,
    updatedAt: value === null ? null : (row?.updatedAt.toISOString() ?? null),
    updatedBy: value === null ? null : (by?.displayName ?? null),
  };
}

/** PUT /api/settings/early-warning: the office or the administrator sets N; audited with the old and new value. */
export async function setEarlyWarningSetting(ctx: ServiceContext, user: SessionUser, s: EarlyWarningSetting) {
  const role = user.roles.find((r) => (EARLY_WARNING_SETTERS as readonly string[]).includes(r));
  if (!role)
    throw forbidden(
      '预警天数由依法治市办或系统管理员设置',
      'The office or the administrator sets the early-warning days',
    );
  const at = new Date();
  await ctx.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${YELLOW_WORKING_DAYS_KEY})::bigint)`;
    const before = (await storedYellowWorkingDays(tx)) ?? configured(ctx);
    await tx.appSetting.upsert({
      where: { key: YELLOW_WORKING_DAYS_KEY },
      create: { key: YELLOW_WORKING_DAYS_KEY, value: s.yellowWorkingDays, updatedAt: at, updatedById: user.id },
      update: { value: s.yellowWorkingDays, updatedAt: at, updatedById: user.id },
    });
    await appendAudit(tx, {
      idempotencyKey: `setting.changed:${YELLOW_WORKING_DAYS_KEY}:${at.toISOString()}:${user.id}`,
      at,
      actor: auditActor(user, role),
      action: 'setting.changed',
      subjectType: 'setting',
      subjectId: YELLOW_WORKING_DAYS_KEY,
      data: { key: YELLOW_WORKING_DAYS_KEY, before, after: s.yellowWorkingDays },
    });
  });
  cache.delete(ctx.prisma);
  return readEarlyWarningSetting(ctx);
}
