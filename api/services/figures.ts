/**
 * R39: the city's figures for a year (optionally a month and a department), from the records: decisions by stage
 * and result, on-time rates per step, reviews per kind and outcome with median turnaround in working days, letters,
 * overdue steps, participation and experts, with the year's meetings (meeting-figures.ts) alongside.
 */
import { computeFigures, type FigureRows, type FigureScope } from '../../domain/figures/compute.js';
import { distinctExperts } from '../../domain/rules/expert-argumentation.js';
import type { ServiceContext } from './context.js';
import { meetingFigures } from './meeting-figures.js';
import { serviceCalendar } from './supervision-calendar.js';

const count = (data: unknown, key: string): unknown[] => {
  const v = (data as Record<string, unknown> | null)?.[key];
  return Array.isArray(v) ? v : [];
};

/** The rows the figures are counted from (every year: a step due this year may belong to a decision of last year). */
export async function figureRows(ctx: ServiceContext): Promise<FigureRows> {
  const p = ctx.prisma;
  const [decisions, tasks, reviews, letters, records, filings] = await Promise.all([
    p.decision.findMany({
      select: { id: true, leadDepartmentId: true, createdAt: true, stage: true, status: true, launch: true },
    }),
    p.task.findMany({
      select: {
        kind: true,
        stage: true,
        departmentId: true,
        dueAt: true,
        completedAt: true,
        status: true,
        pausedAt: true,
        reviewId: true,
        decision: { select: { leadDepartmentId: true } },
      },
    }),
    p.review.findMany({
      select: {
        id: true,
        kind: true,
        departmentId: true,
        submittedAt: true,
        outcome: true,
        completeAt: true,
        issuedAt: true,
      },
    }),
    p.escalationLetter.findMany({ select: { kind: true, departmentId: true, issuedAt: true } }),
    p.stageRecord.findMany({
      where: { kind: { in: ['conclude_public_participation', 'record_expert_opinions'] } },
      select: { kind: true, data: true, createdAt: true, decision: { select: { leadDepartmentId: true } } },
    }),
    p.normativeFiling.findMany({ select: { departmentId: true, publishedOn: true, dueOn: true, filedOn: true } }),
  ]);
  const reviewDept = new Map(reviews.map((r) => [r.id, r.departmentId]));
  return {
    decisions: decisions.map((d) => ({
      id: d.id,
      leadDepartmentId: d.leadDepartmentId,
      createdAt: d.createdAt,
      stage: d.stage,
      status: d.status,
      inCatalog: (d.launch as { inCatalog?: boolean } | null)?.inCatalog === true,
    })),
    // A decision's task answers to its lead department, a review's to the submitting department, unless it names its own.
    tasks: tasks.map(({ decision, reviewId, ...t }) => ({
      ...t,
      departmentId: t.departmentId ?? decision?.leadDepartmentId ?? reviewDept.get(reviewId ?? '') ?? '',
    })),
    reviews,
    letters,
    participation: records
      .filter((r) => r.kind === 'conclude_public_participation')
      .map((r) => ({
        departmentId: r.decision.leadDepartmentId,
        at: r.createdAt,
        comments: count(r.data, 'comments').length,
      })),
    expertArgumentation: records
      .filter((r) => r.kind === 'record_expert_opinions')
      .map((r) => ({
        departmentId: r.decision.leadDepartmentId,
        at: r.createdAt,
        experts: distinctExperts(count(r.data, 'opinions') as Array<{ expertName: string; institution: string }>),
      })),
    filings,
  };
}

export async function cityFigures(ctx: ServiceContext, scope: FigureScope, now = new Date()) {
  const [rows, cal, meetings, departments] = await Promise.all([
    figureRows(ctx),
    serviceCalendar(ctx.prisma).calendar(),
    meetingFigures(ctx, scope.year),
    ctx.prisma.department.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: { code: 'asc' } }),
  ]);
  return { ...computeFigures(rows, scope, cal, now), meetings: scope.departmentId ? null : meetings, departments };
}

export type CityFigures = Awaited<ReturnType<typeof cityFigures>>;
