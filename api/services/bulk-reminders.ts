/**
 * Issue 16 §5 (b): the supervising office sends 提示 to several overdue tasks at once — one 提示函 each, issued
 * by records/escalation-step.ts exactly as the ladder's step issues it (number, GB/T 9704 document, letter row,
 * notices, outbox mail, audit event), under the supervisor's name. A task gets one 提示函 per due time: the
 * ladder's own step later finds this letter and does not fire, and its 督办函 still comes on its own schedule.
 * Only open overdue tasks (R35); a task that already has its 提示函 is refused with the letter's number (R37).
 */
import { DEFAULT_ESCALATION_CONFIG, DEFAULT_LADDER, ladderFor } from '../../domain/escalation-config.js';
import { auditActor } from '../../domain/audit-events.js';
import { TASK_KINDS, isTaskKind, type TaskKind } from '../../domain/tasks/kinds.js';
import { violation } from '../../domain/violation.js';
import { chineseDate } from '../../records/documents/official-document.js';
import { DEFAULT_OFFICE } from '../../records/documents/letters.js';
import { runEscalationStep } from '../../records/escalation-step.js';
import { notFound, ruleRefusal } from '../errors.js';
import { runBulk, type BulkAnswer } from './bulk.js';
import { nowOf, type ServiceContext, type SessionUser } from './context.js';
import { startMailDelivery } from './outbox-mail.js';
import { serviceCalendar } from './supervision-calendar.js';

interface ReminderPlan {
  task: {
    id: string;
    kind: TaskKind;
    role: string;
    departmentId: string | null;
    assigneeUserId: string | null;
    decisionId: string | null;
    reviewId: string | null;
    dueAt: Date;
  };
  subject: { number: string; title: string };
  /** Set once issued (or when this request's retry finds its own letter). */
  letter?: { id: string; number: string };
}

export async function bulkReminders(
  ctx: ServiceContext,
  user: SessionUser,
  body: { taskIds: string[]; note?: string },
  execute: boolean,
  idempotencyKey?: string,
): Promise<BulkAnswer> {
  const now = nowOf(ctx);
  const itemKey = (id: string) => (idempotencyKey ? `${idempotencyKey}:${id}` : undefined);
  return runBulk(
    body.taskIds,
    {
      plan: (id) => planReminder(ctx, id, now, itemKey(id)),
      effect: (p) => ({
        taskKind: p.task.kind,
        taskLabel: TASK_KINDS[p.task.kind].label,
        subjectNo: p.subject.number,
        subjectTitle: p.subject.title,
        dueAt: p.task.dueAt.toISOString(),
        letterNumber: p.letter?.number ?? null,
      }),
      run: async (id, p) => {
        if (p.letter) return;
        const config = ctx.escalation?.config;
        const cfgStep =
          (config ? ladderFor(config, p.task.kind) : []).find((s) => s.action === 'reminder_letter') ??
          DEFAULT_LADDER.find((s) => s.action === 'reminder_letter')!;
        const last = await ctx.prisma.escalationStep.findFirst({
          where: { taskId: id },
          orderBy: { round: 'desc' },
          select: { round: true },
        });
        const r = await runEscalationStep(
          {
            prisma: ctx.prisma,
            calendar: serviceCalendar(ctx.prisma),
            config: config ?? {
              ...DEFAULT_ESCALATION_CONFIG,
              yellowWorkingDays: ctx.yellowWorkingDays ?? DEFAULT_ESCALATION_CONFIG.yellowWorkingDays,
            },
            office: ctx.escalation?.office ?? DEFAULT_OFFICE,
          },
          cfgStep,
          {
            key: manualStepKey(id, p.task.dueAt),
            decisionId: p.task.decisionId ?? p.task.reviewId ?? '',
            task: {
              id,
              kind: p.task.kind,
              role: p.task.role,
              departmentId: p.task.departmentId ?? undefined,
              assigneeUserId: p.task.assigneeUserId ?? undefined,
            },
            round: last?.round ?? 0,
            step: { id: cfgStep.id, action: 'reminder_letter', fireAt: now.toISOString() },
            dueAt: p.task.dueAt.toISOString(),
            firedAt: now.toISOString(),
            actor: auditActor(user, 'supervisor'),
            manual: { note: body.note, requestKey: itemKey(id) },
          },
        );
        if (r.alreadyIssued) throw alreadyReminded(r.alreadyIssued.number);
        for (const mailId of r.mailIds) await startMailDelivery(ctx, mailId);
        const letter = r.letterId
          ? await ctx.prisma.escalationLetter.findUnique({ where: { id: r.letterId }, select: { number: true } })
          : null;
        if (r.letterId && letter) p.letter = { id: r.letterId, number: letter.number };
      },
    },
    execute,
    idempotencyKey,
  );
}

/** The office's own 提示函 for a task and due time (the ladder's steps are keyed `<task>#<round>:<step>`). */
export function manualStepKey(taskId: string, dueAt: Date): string {
  return `${taskId}#manual@${dueAt.toISOString()}:reminder_letter`;
}

async function planReminder(
  ctx: ServiceContext,
  taskId: string,
  now: Date,
  requestKey: string | undefined,
): Promise<ReminderPlan> {
  const t = await ctx.prisma.task.findUnique({
    where: { id: taskId },
    select: {
      id: true,
      kind: true,
      role: true,
      status: true,
      departmentId: true,
      assigneeUserId: true,
      decisionId: true,
      reviewId: true,
      dueAt: true,
      pausedAt: true,
    },
  });
  if (!t || !isTaskKind(t.kind)) throw notFound('任务');
  if (t.status !== 'open')
    throw ruleRefusal([
      violation('R35', 'r35.reminder_task_closed', '该任务已办结，无需发出提示函', 'The task is no longer open'),
    ]);
  if (!t.dueAt || t.pausedAt || t.dueAt >= now)
    throw ruleRefusal([
      violation(
        'R35',
        'r35.reminder_not_overdue',
        t.dueAt && !t.pausedAt
          ? `该任务办理期限为${chineseDate(t.dueAt)}，尚未超期；依照本市督办规则，到期未办结的任务方可发出提示函`
          : '该任务无办理期限或已中止计时，尚未超期；依照本市督办规则，到期未办结的任务方可发出提示函',
        'Only an overdue open task gets a reminder letter',
      ),
    ]);
  const issued = await ctx.prisma.escalationLetter.findFirst({
    where: { taskId, kind: 'reminder_letter', dueAt: t.dueAt },
    select: { id: true, number: true, stepKey: true },
  });
  if (issued) {
    // This request's retry: the letter it issued is its answer.
    const own =
      requestKey &&
      issued.stepKey === manualStepKey(taskId, t.dueAt) &&
      (await ctx.prisma.auditEvent.findFirst({
        where: {
          idempotencyKey: `letter.issued:${issued.stepKey}`,
          data: { path: ['requestKey'], equals: requestKey },
        },
        select: { seq: true },
      }));
    if (!own) throw alreadyReminded(issued.number);
  }
  const subject = t.decisionId
    ? await ctx.prisma.decision.findUniqueOrThrow({
        where: { id: t.decisionId },
        select: { number: true, title: true },
      })
    : await ctx.prisma.review
        .findUniqueOrThrow({ where: { id: t.reviewId ?? '' }, select: { subjectNumber: true, title: true } })
        .then((r) => ({ number: r.subjectNumber, title: r.title }));
  return {
    task: { ...t, kind: t.kind, dueAt: t.dueAt },
    subject,
    letter: issued ? { id: issued.id, number: issued.number } : undefined,
  };
}

function alreadyReminded(number: string) {
  return ruleRefusal([
    violation(
      'R37',
      'r37.reminder_already_issued',
      `该任务已发出提示函${number}，同一期限不重复发函`,
      `A reminder letter was already issued for this task: ${number}`,
    ),
  ]);
}
