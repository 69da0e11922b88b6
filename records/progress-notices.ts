/**
 * Progress notices (issue 16 §3): written in the caller's transaction, beside the event that causes them (a task
 * opened, an opinion issued, an agenda item added, an item decided), so a retried activity that finds its event
 * written writes no second notice; each notice and mail row is keyed by the event and the person as well. The bell
 * is a Notice row; mail is an outbox row (MailMessage) the worker sends with the outbox's idempotency.
 */
import type { Prisma } from '../generated/prisma/client.js';
import { CHOICE_LABELS } from '../domain/field-labels.js';
import {
  noticePreferences,
  RETURN_TASK_KINDS,
  RETURNED_BY_LABELS,
  type ProgressEvent,
} from '../domain/notices/progress.js';
import { TASK_KINDS, isTaskKind } from '../domain/tasks/kinds.js';
import { chineseDate } from './documents/official-document.js';
import { messageIdFor } from './mail-id.js';

type Tx = Prisma.TransactionClient;
type Text = { zh: string; en: string };

export interface ProgressNotice {
  /** The event's own key (e.g. the task id): with the person's id it names the notice and the mail once. */
  key: string;
  event: ProgressEvent;
  userIds: string[];
  decisionId: string | null;
  reviewId: string | null;
  taskId: string | null;
  at: Date;
  title: Text;
  body: Text;
}

/** Writes the bell notices and queues the mail of one event, each person as they chose. Returns the mail ids. */
export function notifyProgress(tx: Tx, n: ProgressNotice): Promise<string[]> {
  return notifyProgressMany(tx, [n]);
}

/**
 * Writes the bell notices and queues the mail of several events, as `notifyProgress` one after the other would, in
 * three statements: the people's choices and addresses read together, the notices and the mail inserted together.
 * Returns the mail ids.
 */
export async function notifyProgressMany(tx: Tx, notices: ProgressNotice[]): Promise<string[]> {
  const told = notices.map((n) => ({ n, userIds: [...new Set(n.userIds)] })).filter((t) => t.userIds.length);
  if (!told.length) return [];
  const everyone = [...new Set(told.flatMap((t) => t.userIds))];
  const { prefs, addressOf } = await choicesAndAddresses(tx, everyone, [...new Set(told.map((t) => t.n.event))]);
  const channelOf = (userId: string, event: ProgressEvent) =>
    noticePreferences(prefs.filter((p) => p.userId === userId && p.event === event))[event];
  const bell = told.map(({ n, userIds }) => ({ n, userIds: userIds.filter((u) => channelOf(u, n.event) !== 'off') }));
  const notes = bell.flatMap(({ n, userIds }) =>
    userIds.map((userId) => ({
      id: `notice:${n.event}:${n.key}:${userId}`,
      userId,
      decisionId: n.decisionId,
      reviewId: n.reviewId,
      taskId: n.taskId,
      stepKey: `${n.event}:${n.key}`,
      action: `progress.${n.event}`,
      titleZh: n.title.zh,
      titleEn: n.title.en,
      bodyZh: n.body.zh,
      bodyEn: n.body.en,
      createdAt: n.at,
    })),
  );
  if (notes.length) await tx.notice.createMany({ data: notes, skipDuplicates: true });
  const mailed = bell.map(({ n, userIds }) => ({
    n,
    userIds: userIds.filter((u) => channelOf(u, n.event) === 'bell_mail'),
  }));
  const rows = mailed.flatMap(({ n, userIds }) =>
    userIds.flatMap((userId) => {
      const address = addressOf.get(userId);
      if (!address) return [];
      const idempotencyKey = `${n.event}:${n.key}|user:${userId}`;
      return [
        {
          id: `mail:${idempotencyKey}`,
          idempotencyKey,
          stepKey: `${n.event}:${n.key}`,
          decisionId: n.decisionId,
          reviewId: n.reviewId,
          recipientRole: n.event,
          recipientType: 'user',
          recipientId: userId,
          toAddress: address,
          subject: n.title.zh,
          text: `${n.body.zh}\n\n${n.body.en}`,
          messageId: messageIdFor(idempotencyKey),
          createdAt: n.at,
        },
      ];
    }),
  );
  if (rows.length) await tx.mailMessage.createMany({ data: rows, skipDuplicates: true });
  return rows.map((r) => r.id);
}

/**
 * The people's choices for these events and their mail addresses, in one statement (a notice's recipients are
 * told by bell and mail as each chose; a mail needs the address).
 */
async function choicesAndAddresses(tx: Tx, userIds: string[], events: string[]) {
  const rows = await tx.$queryRaw<
    Array<{ userId: string; event: string | null; channel: string | null; address: string | null }>
  >`
    SELECT "userId", "event", "channel", NULL::text AS "address"
      FROM "NoticePreference" WHERE "userId" = ANY(${userIds}::text[]) AND "event" = ANY(${events}::text[])
    UNION ALL
    SELECT "ownerId", NULL, NULL, "address"
      FROM "MailAddress" WHERE "ownerType" = 'user' AND "ownerId" = ANY(${userIds}::text[])`;
  const prefs = rows.flatMap((r) =>
    r.event !== null && r.channel !== null ? [{ userId: r.userId, event: r.event, channel: r.channel }] : [],
  );
  const addressOf = new Map(rows.flatMap((r) => (r.address !== null ? [[r.userId, r.address] as const] : [])));
  return { prefs, addressOf };
}

/** The people a task is for: its assignee, else the active holders of its role (in its department, if it names one). */
export async function taskRecipients(
  tx: Tx,
  t: { role: string; departmentId: string | null; assigneeUserId: string | null },
): Promise<string[]> {
  if (t.assigneeUserId) return [t.assigneeUserId];
  const holders = await tx.user.findMany({
    where: {
      active: true,
      roles: { some: { role: t.role as never } },
      ...(t.departmentId ? { departmentId: t.departmentId } : {}),
    },
    select: { id: true },
  });
  return holders.map((u) => u.id);
}

/** The people whose decision (or submission) it is: who launched it, else the lead department's drafters. */
async function ownersOf(tx: Tx, ref: { decisionId: string | null; reviewId: string | null }): Promise<string[]> {
  if (ref.decisionId) {
    const d = await tx.decision.findUnique({
      where: { id: ref.decisionId },
      select: { createdById: true, leadDepartmentId: true },
    });
    if (!d) return [];
    const creator = await tx.user.findFirst({ where: { id: d.createdById, active: true }, select: { id: true } });
    return creator
      ? [creator.id]
      : taskRecipients(tx, { role: 'drafter', departmentId: d.leadDepartmentId, assigneeUserId: null });
  }
  if (!ref.reviewId) return [];
  const r = await tx.review.findUnique({
    where: { id: ref.reviewId },
    select: { submittedById: true, departmentId: true },
  });
  if (!r) return [];
  const submitter = r.submittedById
    ? await tx.user.findFirst({ where: { id: r.submittedById, active: true }, select: { id: true } })
    : null;
  return submitter
    ? [submitter.id]
    : taskRecipients(tx, { role: 'drafter', departmentId: r.departmentId, assigneeUserId: null });
}

async function subjectOf(tx: Tx, ref: { decisionId: string | null; reviewId: string | null }) {
  return (await subjectsOf(tx, [ref]))(ref);
}

/** A task that opened (or moved to another person), as its row stands. */
export interface OpenedTaskNotice {
  id: string;
  kind: string;
  role: string;
  departmentId: string | null;
  assigneeUserId: string | null;
  decisionId: string | null;
  reviewId: string | null;
  openedAt: Date;
  dueAt: Date | null;
  context: unknown;
}

/** The numbers and titles of several tasks' decisions (or reviews), read once: as `subjectOf` for each. */
async function subjectsOf(tx: Tx, refs: Array<{ decisionId: string | null; reviewId: string | null }>) {
  const decisionIds = [...new Set(refs.flatMap((r) => (r.decisionId ? [r.decisionId] : [])))];
  const reviewIds = [...new Set(refs.flatMap((r) => (!r.decisionId && r.reviewId ? [r.reviewId] : [])))];
  const decisions = decisionIds.length
    ? await tx.decision.findMany({
        where: { id: { in: decisionIds } },
        select: { id: true, number: true, title: true },
      })
    : [];
  const reviews = reviewIds.length
    ? await tx.review.findMany({
        where: { id: { in: reviewIds } },
        select: { id: true, subjectNumber: true, title: true },
      })
    : [];
  return (ref: { decisionId: string | null; reviewId: string | null }) => {
    if (ref.decisionId) {
      const d = decisions.find((x) => x.id === ref.decisionId);
      return { number: d?.number ?? '', title: d?.title ?? '' };
    }
    const r = ref.reviewId ? reviews.find((x) => x.id === ref.reviewId) : undefined;
    return { number: r?.subjectNumber ?? '', title: r?.title ?? '' };
  };
}

/**
 * A task opened: its people are told it is theirs — or, for a revision after a return (R26, the legality review's
 * return), that their draft came back, and by whom.
 */
export function notifyTaskOpened(
  tx: Tx,
  t: OpenedTaskNotice,
  /** The event's key: the task's id when it opens; the task and its new assignee when it is reassigned. */
  key = t.id,
): Promise<void> {
  return notifyTasksOpened(tx, [{ ...t, key }]);
}

/**
 * Several tasks opened (one transition's): as `notifyTaskOpened` for each, with their decisions' (or reviews')
 * numbers and titles, the holders of each role and the people's choices read once for all of them.
 */
export async function notifyTasksOpened(tx: Tx, tasks: Array<OpenedTaskNotice & { key?: string }>): Promise<void> {
  if (!tasks.length) return;
  const subjects = await subjectsOf(tx, tasks);
  // One read per role and department among the tasks without an assignee (one transition's tasks share a few).
  const holders = new Map<string, string[]>();
  const recipients: string[][] = [];
  for (const t of tasks) {
    if (t.assigneeUserId) {
      recipients.push([t.assigneeUserId]);
      continue;
    }
    const group = `${t.role}|${t.departmentId ?? ''}`;
    const users = holders.get(group) ?? (await taskRecipients(tx, t));
    holders.set(group, users);
    recipients.push(users);
  }
  await notifyProgressMany(
    tx,
    tasks.map((t, i) => taskOpenedNotice(t, t.key ?? t.id, subjects(t), recipients[i] ?? [])),
  );
}

function taskOpenedNotice(
  t: OpenedTaskNotice,
  key: string,
  s: { number: string; title: string },
  userIds: string[],
): ProgressNotice {
  const label = isTaskKind(t.kind) ? TASK_KINDS[t.kind].label : { zh: t.kind, en: t.kind };
  const due: Text = t.dueAt
    ? { zh: `办理期限：${chineseDate(t.dueAt)}。`, en: `Due ${t.dueAt.toISOString().slice(0, 10)}.` }
    : { zh: '办理期限待定。', en: 'No due time yet.' };
  const ref = { key, userIds, decisionId: t.decisionId, reviewId: t.reviewId, taskId: t.id, at: t.openedAt };
  if (RETURN_TASK_KINDS.has(t.kind)) {
    const ctx = (t.context ?? {}) as { returnedBy?: string; outcome?: string };
    const by = RETURNED_BY_LABELS[ctx.returnedBy ?? (ctx.outcome ? 'legality_review' : '')] ?? {
      zh: '审核环节',
      en: 'a reviewing step',
    };
    return {
      ...ref,
      event: 'draft_returned',
      title: { zh: `【退回修改】${s.number} ${s.title}`, en: `[Returned for revision] ${s.number}` },
      body: {
        zh: `${s.number}“${s.title}”的草案被${by.zh}退回修改，请修改后重新报送。${due.zh}`,
        en: `The draft of ${s.number} (${s.title}) was returned for revision by ${by.en}. ${due.en}`,
      },
    };
  }
  return {
    ...ref,
    event: 'task_assigned',
    title: { zh: `【新任务】${label.zh}：${s.number} ${s.title}`, en: `[New task] ${label.en}: ${s.number}` },
    body: {
      zh: `${s.number}“${s.title}”有一项待您办理的任务：${label.zh}。${due.zh}`,
      en: `${s.number} (${s.title}) has a task for you: ${label.en}. ${due.en}`,
    },
  };
}

/** R19: the legality-review opinion was issued; the decision's (or submission's) owners are told its number and outcome. */
export async function notifyOpinionIssued(
  tx: Tx,
  r: { reviewId: string; decisionId: string | null; opinionNo: string; outcome: string; at: Date },
): Promise<void> {
  const ref = r.decisionId ? { decisionId: r.decisionId, reviewId: null } : { decisionId: null, reviewId: r.reviewId };
  const s = await subjectOf(tx, ref);
  const outcome = CHOICE_LABELS.outcome?.[r.outcome] ?? { zh: r.outcome, en: r.outcome };
  await notifyProgress(tx, {
    key: r.reviewId,
    event: 'opinion_issued',
    userIds: await ownersOf(tx, ref),
    ...ref,
    taskId: null,
    at: r.at,
    title: {
      zh: `【审查意见】${r.opinionNo} ${s.number} ${s.title}`,
      en: `[Review opinion] ${r.opinionNo} on ${s.number}`,
    },
    body: {
      zh: `${s.number}“${s.title}”的合法性审查意见书（${r.opinionNo}）已出具，审查结论：${outcome.zh}。`,
      en: `The legality-review opinion ${r.opinionNo} on ${s.number} (${s.title}) was issued: ${outcome.en}.`,
    },
  });
}

/** R21: the decision was placed on a meeting's agenda. */
export async function notifyPlacedOnAgenda(
  tx: Tx,
  a: { itemId: string; decisionId: string; meetingId: string; at: Date },
): Promise<void> {
  const ref = { decisionId: a.decisionId, reviewId: null };
  const s = await subjectOf(tx, ref);
  const when = await meetingWords(tx, a.meetingId);
  await notifyProgress(tx, {
    key: a.itemId,
    event: 'placed_on_agenda',
    userIds: await ownersOf(tx, ref),
    ...ref,
    taskId: null,
    at: a.at,
    title: { zh: `【列入议题】${s.number} ${s.title}`, en: `[On the agenda] ${s.number}` },
    body: {
      zh: `${s.number}“${s.title}”已列入${when.zh}议题，请做好汇报准备。`,
      en: `${s.number} (${s.title}) was placed on the agenda of ${when.en}.`,
    },
  });
}

/** R25: the chief executive decided the item at the meeting. */
export async function notifyDecided(
  tx: Tx,
  a: { itemId: string; decisionId: string; chiefDecision: string; meetingId: string; at: Date },
): Promise<void> {
  const ref = { decisionId: a.decisionId, reviewId: null };
  const s = await subjectOf(tx, ref);
  const words = CHOICE_LABELS.chiefDecision?.[a.chiefDecision] ?? { zh: a.chiefDecision, en: a.chiefDecision };
  const when = await meetingWords(tx, a.meetingId);
  await notifyProgress(tx, {
    key: a.itemId,
    event: 'decided',
    userIds: await ownersOf(tx, ref),
    ...ref,
    taskId: null,
    at: a.at,
    title: { zh: `【会议决定】${words.zh}：${s.number} ${s.title}`, en: `[Decided] ${words.en}: ${s.number}` },
    body: {
      zh: `${when.zh}对${s.number}“${s.title}”作出决定：${words.zh}。`,
      en: `${when.en} decided on ${s.number} (${s.title}): ${words.en}.`,
    },
  });
}

/** A meeting in words: 2026年第3次政府常务会议（2026年12月3日）. */
async function meetingWords(tx: Tx, meetingId: string): Promise<Text> {
  const m = await tx.meeting.findUnique({
    where: { id: meetingId },
    select: { kind: true, year: true, sessionNo: true, startsAt: true },
  });
  if (!m) return { zh: '会议', en: 'the meeting' };
  const body =
    m.kind === 'plenary'
      ? { zh: '政府全体会议', en: 'plenary meeting' }
      : { zh: '政府常务会议', en: 'executive meeting' };
  return {
    zh: `${m.year}年第${m.sessionNo}次${body.zh}（${chineseDate(m.startsAt)}）`,
    en: `the ${m.year} ${body.en} no. ${m.sessionNo} (${m.startsAt.toISOString().slice(0, 10)})`,
  };
}

/** R20: a review task moved to another reviewer (reassignment, decline): the new one is told it is theirs now. */
export async function notifyTaskReassigned(tx: Tx, taskId: string, to: string, at: Date): Promise<void> {
  const t = await tx.task.findFirst({ where: { id: taskId, status: 'open' } });
  if (!t) return;
  await notifyTaskOpened(tx, { ...t, assigneeUserId: to, openedAt: at }, `${taskId}:to:${to}`);
}
