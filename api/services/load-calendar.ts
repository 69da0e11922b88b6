import { recomputeDeadlines } from '../../domain/messages.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { CalendarSource, provisionalCalendarYear, type CalendarRow } from '../../records/calendar-source.js';
import {
  r32LoadableYears,
  r33AddCalendarDays,
  r33AddWorkingDays,
  WorkingCalendar,
  type CalendarYearData,
} from '../../domain/rules/working-days.js';
import { forbidden, invalid, fieldIssue, notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

export interface CalendarNotice {
  holidays: string[];
  workdays: string[];
  source: string;
  /** Why an already loaded year is replaced (required then). */
  reason?: string;
}

/** Options for tests: the clock that decides which years may be loaded. */
export interface CalendarServiceOptions {
  now?: Date;
}

function requireAdmin(user: SessionUser) {
  if (!user.roles.includes('admin'))
    throw forbidden('只有系统管理员可以管理工作日历', 'Only an administrator can manage the calendar');
}

/** R32: only the years whose notice can have been published. */
function checkYear(year: number, now: Date) {
  const { first, last } = r32LoadableYears(now);
  if (year < first || year > last)
    throw invalid([
      fieldIssue(
        'year',
        `只能载入 ${first}—${last} 年的放假安排（国务院办公厅通知按年发布）`,
        `Only the years ${first}–${last} can be loaded (the State Council publishes one notice a year)`,
        'error.calendar_year_out_of_range',
      ),
    ]);
}

/**
 * R32: the notice must keep every fixed statutory holiday of 全国年节及纪念日放假办法 (2024) a day off: New Year's
 * Day, Spring Festival eve and the first three days, Qingming, 1–2 May, Dragon Boat, Mid-Autumn, 1–3 October.
 */
function checkNotice(year: number, data: CalendarNotice) {
  try {
    new WorkingCalendar([{ year, holidays: data.holidays, workdays: data.workdays, provisional: false }]);
  } catch (err) {
    throw invalid([
      fieldIssue(
        'holidays',
        `日历数据有误：${(err as Error).message}`,
        `Calendar data rejected: ${(err as Error).message}`,
      ),
    ]);
  }
  const off = new Set(data.holidays);
  const missing = provisionalCalendarYear(year).holidays.filter((d) => !off.has(d));
  if (missing.length)
    throw invalid([
      fieldIssue(
        'holidays',
        `缺少法定节假日 ${missing.join('、')}（《全国年节及纪念日放假办法》第二条）`,
        `Statutory holidays missing: ${missing.join(', ')} (national holiday regulation, art. 2)`,
        'error.calendar_missing_statutory_holiday',
      ),
    ]);
}

interface DueRow {
  id: string;
  kind: string;
  workflowId: string;
  dueAt: Date | null;
  dueRule: string | null;
  dueBasis: string | null;
  dueFrom: Date | null;
  dueAttention: string | null;
}

async function openDues(ctx: ServiceContext) {
  const select = {
    id: true,
    kind: true,
    workflowId: true,
    dueAt: true,
    dueRule: true,
    dueBasis: true,
    dueFrom: true,
    dueAttention: true,
  } as const;
  return ctx.prisma.task.findMany({
    where: { status: 'open' },
    select: { ...select, decisionId: true, reviewId: true },
  });
}

function recount(t: DueRow, cal: WorkingCalendar): { dueAt?: string; error?: string } {
  const m = /^(\d+) (working_days|calendar_days)$/.exec(t.dueBasis ?? '');
  if (!t.dueFrom || !m || Number(m[1]) === 0) return {};
  try {
    const add = m[2] === 'working_days' ? r33AddWorkingDays : r33AddCalendarDays;
    return { dueAt: add(t.dueFrom, Number(m[1]), cal, t.dueRule ?? '').dueAt };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/**
 * R32: what loading (or withdrawing) a year would do: every open task — a decision's or a standalone review's —
 * whose due is counted from a known instant is counted again on the changed calendar; the ones that move are listed.
 */
export async function previewCalendarChange(
  ctx: ServiceContext,
  year: number,
  data: CalendarNotice | null,
  opts: CalendarServiceOptions = {},
) {
  checkYear(year, opts.now ?? new Date());
  if (data) checkNotice(year, data);
  const rows: CalendarRow[] = (await ctx.prisma.calendarYear.findMany()).filter((r) => r.year !== year);
  if (data) rows.push({ year, holidays: data.holidays, workdays: data.workdays });
  const cal = await new CalendarSource(async () => rows).calendar();
  const moves = [];
  for (const t of await openDues(ctx)) {
    const next = recount(t, cal);
    const old = t.dueAt?.toISOString() ?? null;
    if (next.error)
      moves.push({
        taskId: t.id,
        kind: t.kind,
        decisionId: t.decisionId,
        reviewId: t.reviewId,
        oldDueAt: old,
        newDueAt: null,
        error: next.error,
      });
    else if (next.dueAt && next.dueAt !== old)
      moves.push({
        taskId: t.id,
        kind: t.kind,
        decisionId: t.decisionId,
        reviewId: t.reviewId,
        oldDueAt: old,
        newDueAt: next.dueAt,
      });
  }
  return { year, action: data ? ('load' as const) : ('withdraw' as const), moves };
}

/** Every workflow with an open task — decision procedures and standalone reviews alike — recounts its dues. */
async function signalRecompute(ctx: ServiceContext): Promise<number> {
  const ids = [...new Set((await openDues(ctx)).map((t) => t.workflowId))];
  const signalled = await Promise.allSettled(
    ids.map((id) => ctx.temporal.workflow.getHandle(id).signal(recomputeDeadlines)),
  );
  return signalled.filter((s) => s.status === 'fulfilled').length;
}

const actorOf = (user: SessionUser) => auditActor(user, 'admin');

/**
 * R32: an admin loads (or, with a reason, replaces) a year's State Council holiday notice. The year is checked,
 * stored and audited with before/after, and every procedure with an open task recomputes its dues and ladders.
 */
export async function loadCalendarYear(
  ctx: ServiceContext,
  user: SessionUser,
  year: number,
  data: CalendarNotice,
  opts: CalendarServiceOptions = {},
) {
  requireAdmin(user);
  checkYear(year, opts.now ?? new Date());
  checkNotice(year, data);
  const before = await ctx.prisma.calendarYear.findUnique({ where: { year } });
  const reason = data.reason?.trim() || undefined;
  if (before && !reason)
    throw invalid([
      fieldIssue(
        'reason',
        `${year} 年的日历已载入，替换须说明理由`,
        `${year} is loaded already: replacing it needs a reason`,
        'error.calendar_replace_needs_reason',
      ),
    ]);
  const loadedAt = new Date();
  await ctx.prisma.$transaction(async (tx) => {
    const fields = {
      holidays: data.holidays,
      workdays: data.workdays,
      source: data.source,
      loadedAt,
      loadedById: user.id,
      reason: reason ?? null,
    };
    await tx.calendarYear.upsert({ where: { year }, create: { year, ...fields }, update: fields });
    await appendAudit(tx, {
      idempotencyKey: `calendar.loaded:${year}:${loadedAt.toISOString()}`,
      at: loadedAt,
      actor: actorOf(user),
      action: 'calendar.loaded',
      subjectType: 'calendar_year',
      subjectId: String(year),
      data: {
        rule: 'R32',
        before: before ? { holidays: before.holidays, workdays: before.workdays, source: before.source } : null,
        after: { holidays: data.holidays, workdays: data.workdays, source: data.source },
        ...(reason ? { reason } : {}),
      },
    });
  });
  return { year, loadedAt: loadedAt.toISOString(), workflowsSignalled: await signalRecompute(ctx) };
}

/** R32: an admin withdraws a loaded year with a reason: it is provisional again and the dues move back. */
export async function withdrawCalendarYear(
  ctx: ServiceContext,
  user: SessionUser,
  year: number,
  reason: string,
  opts: CalendarServiceOptions = {},
) {
  requireAdmin(user);
  checkYear(year, opts.now ?? new Date());
  const before = await ctx.prisma.calendarYear.findUnique({ where: { year } });
  if (!before) throw notFound('工作日历年份');
  if (!reason.trim()) throw invalid([fieldIssue('reason', '撤回须说明理由', 'Withdrawing needs a reason')]);
  const at = new Date();
  await ctx.prisma.$transaction(async (tx) => {
    await tx.calendarYear.delete({ where: { year } });
    await appendAudit(tx, {
      idempotencyKey: `calendar.withdrawn:${year}:${at.toISOString()}`,
      at,
      actor: actorOf(user),
      action: 'calendar.withdrawn',
      subjectType: 'calendar_year',
      subjectId: String(year),
      data: {
        rule: 'R32',
        reason: reason.trim(),
        before: { holidays: before.holidays, workdays: before.workdays, source: before.source },
      },
    });
  });
  return { year, withdrawnAt: at.toISOString(), workflowsSignalled: await signalRecompute(ctx) };
}

export async function listCalendarYears(ctx: ServiceContext) {
  const rows = await ctx.prisma.calendarYear.findMany({
    orderBy: { year: 'asc' },
    select: { year: true, source: true, loadedAt: true, holidays: true, workdays: true, reason: true },
  });
  return rows.map(
    (r) =>
      ({
        year: r.year,
        source: r.source,
        loadedAt: r.loadedAt.toISOString(),
        reason: r.reason,
        holidays: r.holidays as string[],
        workdays: r.workdays as string[],
      }) satisfies Omit<CalendarYearData, 'provisional'> & { source: string; loadedAt: string; reason: string | null },
  );
}
