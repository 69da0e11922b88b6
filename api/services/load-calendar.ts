import { recomputeDeadlines } from '../../domain/messages.js';
import { appendAudit, auditActor } from '../../activities/audit.js';
import { WorkingCalendar, type CalendarYearData } from '../../domain/rules/working-days.js';
import { forbidden, invalid, fieldIssue } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

/**
 * R32: an admin loads a year's State Council holiday notice. The year is stored (audited with before/after),
 * and every procedure with a provisional deadline is told to recompute it, moving its timers.
 */
export async function loadCalendarYear(ctx: ServiceContext, user: SessionUser, year: number, data: { holidays: string[]; workdays: string[]; source: string }) {
  if (!user.roles.includes('admin')) throw forbidden('只有系统管理员可以载入工作日历', 'Only an administrator can load a calendar');
  try {
    new WorkingCalendar([{ year, holidays: data.holidays, workdays: data.workdays, provisional: false }]);
  } catch (err) {
    throw invalid([fieldIssue('holidays', `日历数据有误：${(err as Error).message}`, `Calendar data rejected: ${(err as Error).message}`)]);
  }
  const before = await ctx.prisma.calendarYear.findUnique({ where: { year } });
  const loadedAt = new Date();
  await ctx.prisma.$transaction(async (tx) => {
    await tx.calendarYear.upsert({
      where: { year },
      create: { year, holidays: data.holidays, workdays: data.workdays, source: data.source, loadedAt, loadedById: user.id },
      update: { holidays: data.holidays, workdays: data.workdays, source: data.source, loadedAt, loadedById: user.id },
    });
    await appendAudit(tx, {
      idempotencyKey: `calendar.loaded:${year}:${loadedAt.toISOString()}`,
      at: loadedAt,
      actor: auditActor(user, 'admin'),
      action: 'calendar.loaded',
      subjectType: 'calendar_year',
      subjectId: String(year),
      data: { before: before ? { holidays: before.holidays, workdays: before.workdays, source: before.source } : null, after: data },
    });
  });
  const affected = await ctx.prisma.task.findMany({ where: { status: 'open', dueProvisional: true }, distinct: ['workflowId'], select: { workflowId: true } });
  const signalled = await Promise.allSettled(affected.map((t) => ctx.temporal.workflow.getHandle(t.workflowId).signal(recomputeDeadlines)));
  return { year, loadedAt: loadedAt.toISOString(), workflowsSignalled: signalled.filter((s) => s.status === 'fulfilled').length };
}

export async function listCalendarYears(ctx: ServiceContext) {
  const rows = await ctx.prisma.calendarYear.findMany({ orderBy: { year: 'asc' }, select: { year: true, source: true, loadedAt: true, holidays: true, workdays: true } });
  return rows.map((r) => ({ year: r.year, source: r.source, loadedAt: r.loadedAt.toISOString(), holidays: r.holidays as string[], workdays: r.workdays as string[] } satisfies Omit<CalendarYearData, 'provisional'> & { source: string; loadedAt: string }));
}
