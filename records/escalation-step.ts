/**
 * One fired escalation step (R35–R37, R40), done once, keyed by task, extension round and step: in-app notices,
 * the numbered letter (stored as a document and registered), the outbox rows (one per recipient), the
 * assessment-ledger entry, and the audit event. A retry or a restarted worker finds the step done and returns
 * what it wrote, so nothing is sent twice. The ladder's activity (activities/escalation.ts) and the office's
 * bulk 提示 (api/services/bulk-reminders.ts) both issue letters here: a task gets one 提示函 per due time,
 * whichever comes first.
 *
 * The task's subject is a decision (its tasks in Task, its documents in Document) or a legality review without
 * a decision — a normative document or a contract submitted through the legal center (its tasks in Task with its reviewId,
 * its documents in ReviewDocument; the caller passes the review's id as `decisionId`). Such a letter names the
 * submission's number and title and goes to the submitting department; its rows carry `reviewId` instead of
 * `decisionId`.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { AuditActor } from '../domain/audit-events.js';
import { storedYellowWorkingDays } from './app-settings.js';
import type {
  EscalationAction,
  EscalationConfig,
  EscalationStep as LadderStep,
  Recipient,
} from '../domain/escalation-config.js';
import {
  LETTER_LABELS,
  r37LetterNumber,
  r40WorkingDaysOverdue,
  type LetterKind,
  type PlannedStep,
} from '../domain/rules/escalation.js';
import { r33AddWorkingDays } from '../domain/rules/working-days.js';
import { taskWarning } from '../domain/tasks/early-warning.js';
import { REVIEW_KIND_LABELS, type ReviewKind } from '../domain/review/kinds.js';
import { TASK_KINDS, type TaskKind } from '../domain/tasks/kinds.js';
import { chineseDate } from './documents/official-document.js';
import { renderLetter, type SupervisingOffice } from './documents/letters.js';
import { appendAudit, engineActor } from './audit.js';
import { addDocumentVersion, decisionOwner, reviewOwner } from './document-versions.js';
import type { CalendarSource } from './calendar-source.js';
import { messageIdFor } from './mail-id.js';
import { nextSequence, shanghaiYear } from './sequence.js';

export interface EscalationStepDeps {
  prisma: PrismaClient;
  calendar: CalendarSource;
  config: EscalationConfig;
  office: SupervisingOffice;
}

export interface StepTask {
  id: string;
  kind: TaskKind;
  role: string;
  departmentId?: string;
  assigneeUserId?: string;
}

export interface RunStepInput {
  key: string;
  /** The workflow's subject: the decision's id, or the review's id for a review without a decision. */
  decisionId: string;
  task: StepTask;
  round: number;
  step: PlannedStep;
  dueAt: string;
  /** The workflow's clock when the step fired (the office's clock for a letter issued by hand). */
  firedAt: string;
  /** Who acts: the engine for the ladder, the supervisor for a 提示函 issued by hand. */
  actor?: AuditActor;
  /** A 提示函 the office issues by hand (issue 16 §5 b), with its optional note. */
  manual?: { note?: string; requestKey?: string };
}

export interface StepResult {
  mailIds: string[];
  letterId?: string;
  skipped: boolean;
  /** The 提示函 already issued for this task and due time, when this step found it (nothing was written). */
  alreadyIssued?: { id: string; number: string };
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ACTION_LABELS: Record<EscalationAction, { zh: string; en: string }> = {
  reminder: { zh: '到期提醒', en: 'Reminder' },
  reminder_letter: { zh: '提示函', en: 'Reminder letter' },
  supervision_letter: { zh: '督办函', en: 'Supervision letter' },
  assessment: { zh: '记入考核台账', en: 'Entered in the assessment ledger' },
};

type Person = { id: string; displayName: string; departmentId: string };
/** What a step is about: a decision, or a review without a decision (normative document, contract). */
interface Subject {
  decisionId: string | null;
  reviewId: string | null;
  number: string;
  title: string;
  /** The department answering for the subject when the task names none: the lead or the submitting department. */
  departmentId: string;
  /** The letter's "根据…督办工作安排". */
  procedure: string;
}
type MailTarget = { role: Recipient; type: 'user' | 'department'; id: string; name: string };

/** Runs one step of the ladder `cfgStep` (see the file's comment). Returns the outbox rows for delivery. */
export async function runEscalationStep(
  deps: EscalationStepDeps,
  cfgStep: LadderStep,
  a: RunStepInput,
): Promise<StepResult> {
  const { prisma } = deps;
  const actor = a.actor ?? engineActor;
  const manualData = a.manual
    ? { manual: true, note: a.manual.note ?? null, requestKey: a.manual.requestKey ?? null }
    : {};
  const done = await prisma.escalationStep.findUnique({ where: { id: a.key } });
  if (done)
    return {
      mailIds: (await prisma.mailMessage.findMany({ where: { stepKey: a.key }, select: { id: true } })).map(
        (m) => m.id,
      ),
      letterId: done.letterId ?? undefined,
      skipped: done.skipped,
    };
  const firedAt = new Date(a.firedAt);
  const dueAt = new Date(a.dueAt);
  const cal = await deps.calendar.calendar();
  // The task belongs to a decision or, for a review without a decision, to the review (its reviewId).
  const task = await prisma.task.findUnique({ where: { id: a.task.id }, select: { status: true, reviewId: true } });
  const status = task?.status;
  const reviewTask = task?.reviewId ? { reviewId: task.reviewId } : null;
  const ids = reviewTask
    ? { decisionId: null, reviewId: reviewTask.reviewId }
    : { decisionId: a.decisionId, reviewId: null };
  const stepBase = {
    id: a.key,
    taskId: a.task.id,
    ...ids,
    stepId: a.step.id,
    action: a.step.action,
    round: a.round,
    dueAt,
    plannedAt: new Date(a.step.fireAt),
    firedAt,
  };
  // Completed (or cancelled) in the meantime, or a task in neither table: recorded as not fired, nothing is sent.
  if (status !== 'open') {
    await prisma.escalationStep.createMany({ data: [{ ...stepBase, skipped: true }], skipDuplicates: true });
    return { mailIds: [], skipped: true };
  }
  const subject = reviewTask
    ? await reviewSubject(prisma, reviewTask.reviewId)
    : await decisionSubject(prisma, a.decisionId);
  const departmentId = reviewTask
    ? (a.task.departmentId ?? subject.departmentId)
    : await responsibleDepartment(prisma, a.task, subject.departmentId);
  const department = await prisma.department.findUniqueOrThrow({ where: { id: departmentId } });
  const stepRow = { ...stepBase, departmentId };

  const wanted = [...cfgStep.to, ...cfgStep.cc];
  const people = new Map<Recipient, Person[]>();
  for (const r of new Set(wanted)) people.set(r, await recipientsOf(prisma, r, a.task, department));
  const taskLabel = TASK_KINDS[a.task.kind].label;
  const letterKind: LetterKind | undefined =
    a.step.action === 'reminder_letter' || a.step.action === 'supervision_letter' ? a.step.action : undefined;
  const leader = department.principalLeaderId
    ? await prisma.user.findUnique({ where: { id: department.principalLeaderId } })
    : null;

  const reviewRef = subject.reviewId ? { reviewId: subject.reviewId } : {};

  return prisma.$transaction(
    async (tx): Promise<StepResult> => {
      // One 提示函 per task and due time, whoever issues it (the ladder's step or the office by hand): the second
      // finds the first under the task's lock and is recorded as not fired, naming the letter already issued.
      if (letterKind === 'reminder_letter') {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`letter:${letterKind}:${a.task.id}`})::bigint)`;
        const issued = await tx.escalationLetter.findFirst({
          where: { taskId: a.task.id, kind: letterKind, dueAt },
          select: { id: true, number: true },
        });
        if (issued) {
          await tx.escalationStep.createMany({
            data: [{ ...stepRow, skipped: true, letterId: issued.id }],
            skipDuplicates: true,
          });
          return { mailIds: [], letterId: issued.id, skipped: true, alreadyIssued: issued };
        }
      }
      const fresh = await appendAudit(tx, {
        idempotencyKey: `escalation:${a.key}`,
        at: firedAt,
        actor,
        action: `escalation.${a.step.action}`,
        decisionId: subject.decisionId,
        subjectType: 'task',
        subjectId: a.task.id,
        data: {
          rule: 'R35',
          step: a.step.id,
          round: a.round,
          dueAt: a.dueAt,
          departmentId,
          recipients: Object.fromEntries([...people].map(([r, ps]) => [r, ps.map((p) => p.id)])),
          ...reviewRef,
          ...manualData,
        },
      });
      // A concurrent attempt of this step committed first: hand back what it wrote.
      if (!fresh)
        return {
          mailIds: (await tx.mailMessage.findMany({ where: { stepKey: a.key }, select: { id: true } })).map(
            (m) => m.id,
          ),
          skipped: false,
        };

      let letter: { id: string; number: string; fileName: string } | undefined;
      if (letterKind) {
        const year = shanghaiYear(firedAt);
        const seq = await nextSequence(tx, letterKind, year);
        const number = r37LetterNumber(deps.office.abbr, letterKind, year, seq);
        const copyTo = wanted
          .filter((r) => cfgStep.cc.includes(r))
          .flatMap((r) => (r === 'supervisors' ? [deps.office.name] : (people.get(r) ?? []).map((p) => p.displayName)));
        const content = await renderLetter({
          kind: letterKind,
          number,
          office: deps.office,
          addressee:
            cfgStep.to.includes('principal_leader') && leader
              ? `${department.nameZh}、${leader.displayName}`
              : department.nameZh,
          subjectNo: subject.number,
          subjectTitle: subject.title,
          procedure: subject.procedure,
          taskLabel: taskLabel.zh,
          dueAt,
          replyBy: new Date(r33AddWorkingDays(firedAt, letterKind === 'reminder_letter' ? 3 : 5, cal, 'R35').dueAt),
          issuedAt: firedAt,
          copyTo: [...new Set(copyTo)],
        });
        const fileName = `${LETTER_LABELS[letterKind].zh}-${number}.docx`;
        const documentId = uuidOf(`doc:${a.key}`);
        const file = { id: documentId, kind: letterKind, fileName, mimeType: DOCX, createdAt: firedAt };
        // Stored with the subject's other documents: the decision's, or the review's (listed on the review).
        await addDocumentVersion(tx, subject.reviewId ? reviewOwner(subject.reviewId) : decisionOwner(a.decisionId), {
          ...file,
          content,
          uploadedById: null,
        });
        const letterId = `letter:${a.key}`;
        await tx.escalationLetter.create({
          data: {
            id: letterId,
            stepKey: a.key,
            kind: letterKind,
            number,
            year,
            seq,
            taskId: a.task.id,
            taskKind: a.task.kind,
            ...ids,
            documentId,
            departmentId,
            principalLeaderId: department.principalLeaderId,
            dueAt,
            issuedAt: firedAt,
          },
        });
        await appendAudit(tx, {
          idempotencyKey: `letter.issued:${a.key}`,
          at: firedAt,
          actor,
          action: `letter.issued.${letterKind}`,
          decisionId: subject.decisionId,
          subjectType: 'letter',
          subjectId: letterId,
          data: {
            rule: 'R37',
            number,
            departmentId,
            principalLeaderId: department.principalLeaderId,
            documentId,
            ...reviewRef,
            ...manualData,
          },
        });
        letter = { id: letterId, number, fileName };
      }

      if (a.step.action === 'assessment') {
        const lettersReceived = await tx.escalationLetter.count({ where: { taskId: a.task.id } });
        await tx.assessmentEntry.create({
          data: {
            id: `assess:${a.key}`,
            departmentId,
            year: shanghaiYear(dueAt),
            ...ids,
            taskId: a.task.id,
            taskKind: a.task.kind,
            dueAt,
            workingDaysOverdue: r40WorkingDaysOverdue(dueAt, firedAt, cal),
            lettersReceived,
            recordedAt: firedAt,
          },
        });
      }

      const label = ACTION_LABELS[a.step.action];
      // The early-warning words at the step's time (issue 16 §2), as the inbox and the boards show them.
      const n = (await storedYellowWorkingDays(tx)) ?? deps.config.yellowWorkingDays;
      const warning = taskWarning({ dueAt }, firedAt, cal, n);
      const subjectZh = `【${label.zh}${letter ? ` ${letter.number}` : ''}】${warning.labelZh} ${subject.number} ${subject.title}：${taskLabel.zh}（期限${chineseDate(dueAt)}）`;
      const bodyZh = `${subject.number}“${subject.title}”的“${taskLabel.zh}”办理期限为${chineseDate(dueAt)}，预警状态：${warning.labelZh}。${a.manual ? manualSentenceZh(a.manual.note) : stepSentenceZh(a.step.action)}${letter ? `附件：${letter.fileName}` : ''}`;
      const bodyEn = `"${taskLabel.en}" on ${subject.number} (${subject.title}) is due ${a.dueAt.slice(0, 10)}; warning: ${warning.labelEn}. ${a.manual ? 'The office issued a reminder letter.' : stepSentenceEn(a.step.action)}${letter ? ` Attached: ${letter.number}.` : ''}`;

      if (cfgStep.channels.includes('notice')) {
        const seen = new Set<string>();
        for (const r of wanted)
          for (const p of people.get(r) ?? []) {
            if (seen.has(p.id)) continue;
            seen.add(p.id);
            await tx.notice.create({
              data: {
                id: `notice:${a.key}:${p.id}`,
                userId: p.id,
                ...ids,
                taskId: a.task.id,
                stepKey: a.key,
                action: a.step.action,
                titleZh: subjectZh,
                titleEn: `[${label.en}] ${warning.labelEn} ${subject.number}: ${taskLabel.en}`,
                bodyZh,
                bodyEn,
                letterId: letter?.id ?? null,
                createdAt: firedAt,
              },
            });
          }
      }

      const mailIds: string[] = [];
      if (cfgStep.channels.includes('mail')) {
        const targets = mailTargets(wanted, people, department);
        const addresses = await tx.mailAddress.findMany({
          where: { OR: targets.map((t) => ({ ownerType: t.type, ownerId: t.id })) },
        });
        const seen = new Set<string>();
        for (const t of targets) {
          const address = addresses.find((x) => x.ownerType === t.type && x.ownerId === t.id)?.address;
          if (!address || seen.has(address)) continue;
          seen.add(address);
          const idempotencyKey = `${a.key}|${t.type}:${t.id}`;
          const id = `mail:${idempotencyKey}`;
          await tx.mailMessage.create({
            data: {
              id,
              idempotencyKey,
              stepKey: a.key,
              ...ids,
              letterId: letter?.id ?? null,
              recipientRole: t.role,
              recipientType: t.type,
              recipientId: t.id,
              toAddress: address,
              subject: subjectZh,
              text: `${t.name}：\n\n${bodyZh}\n\n${bodyEn}\n\n${deps.office.name}`,
              messageId: messageIdFor(idempotencyKey),
              createdAt: firedAt,
            },
          });
          mailIds.push(id);
        }
        if (letter) {
          const mailed = (role: Recipient) =>
            targets.some((t) => t.role === role && mailIds.includes(`mail:${a.key}|${t.type}:${t.id}`));
          await tx.escalationLetter.update({
            where: { id: letter.id },
            data: {
              departmentDelivery: mailed('department') ? 'queued' : 'no_address',
              leaderDelivery: !wanted.includes('principal_leader')
                ? 'not_required'
                : mailed('principal_leader')
                  ? 'queued'
                  : 'no_address',
            },
          });
        }
      }
      await tx.escalationStep.create({ data: { ...stepRow, letterId: letter?.id ?? null } });
      return { mailIds, letterId: letter?.id, skipped: false };
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

function manualSentenceZh(note: string | undefined): string {
  return `现已超期未办结，依法治市办发出提示函，请按函件要求办理并反馈。${note ? `${note}` : ''}`;
}

function stepSentenceZh(action: EscalationAction): string {
  switch (action) {
    case 'reminder':
      return '即将到期，请抓紧办理。';
    case 'reminder_letter':
      return '现已到期未办结，依法治市办发出提示函，请按函件要求办理并反馈。';
    case 'supervision_letter':
      return '已超期未办结，依法治市办发出督办函（双通报双推送），请主要负责人督促办理。';
    case 'assessment':
      return '超期未办结，已记入承办单位年度考核台账。';
  }
}

function stepSentenceEn(action: EscalationAction): string {
  switch (action) {
    case 'reminder':
      return 'It falls due soon.';
    case 'reminder_letter':
      return 'It is due and not done: the office issued a reminder letter.';
    case 'supervision_letter':
      return 'It is overdue: the office issued a supervision letter to the department and its principal leader.';
    case 'assessment':
      return 'It is overdue and entered in the department’s assessment ledger.';
  }
}

async function decisionSubject(prisma: PrismaClient, decisionId: string): Promise<Subject> {
  const d = await prisma.decision.findUniqueOrThrow({
    where: { id: decisionId },
    select: { id: true, number: true, title: true, leadDepartmentId: true },
  });
  return {
    decisionId: d.id,
    reviewId: null,
    number: d.number,
    title: d.title,
    departmentId: d.leadDepartmentId,
    procedure: '重大行政决策程序',
  };
}

/** A normative document's or contract's submission: its number and title; the submitting department answers. */
async function reviewSubject(prisma: PrismaClient, reviewId: string): Promise<Subject> {
  const r = await prisma.review.findUniqueOrThrow({
    where: { id: reviewId },
    select: { id: true, kind: true, subjectNumber: true, title: true, departmentId: true },
  });
  return {
    decisionId: null,
    reviewId: r.id,
    number: r.subjectNumber,
    title: r.title,
    departmentId: r.departmentId,
    procedure: `${REVIEW_KIND_LABELS[r.kind as ReviewKind]?.zh ?? ''}合法性审查`,
  };
}

/** Who answers for the task: its department, else the assignee's, else the role holders', else the lead department. */
async function responsibleDepartment(prisma: PrismaClient, t: StepTask, leadDepartmentId: string): Promise<string> {
  if (t.departmentId) return t.departmentId;
  if (t.assigneeUserId) {
    const u = await prisma.user.findUnique({ where: { id: t.assigneeUserId }, select: { departmentId: true } });
    if (u) return u.departmentId;
  }
  const holder = await prisma.user.findFirst({
    where: { active: true, roles: { some: { role: t.role as never } } },
    select: { departmentId: true },
    orderBy: { username: 'asc' },
  });
  return holder?.departmentId ?? leadDepartmentId;
}

const personSelect = { id: true, displayName: true, departmentId: true } as const;

async function recipientsOf(
  prisma: PrismaClient,
  r: Recipient,
  t: StepTask,
  dept: { id: string; principalLeaderId: string | null },
): Promise<Person[]> {
  const withRole = (role: string, departmentId?: string) =>
    prisma.user.findMany({
      where: { active: true, roles: { some: { role: role as never } }, ...(departmentId ? { departmentId } : {}) },
      select: personSelect,
      orderBy: { username: 'asc' },
    });
  switch (r) {
    case 'assignee':
      if (t.assigneeUserId) return prisma.user.findMany({ where: { id: t.assigneeUserId }, select: personSelect });
      return withRole(t.role, t.departmentId);
    case 'assignee_leader': {
      const heads = await withRole('dept_head', dept.id);
      return heads.length ? heads : withRole('director', dept.id);
    }
    case 'department': {
      const heads = await withRole('dept_head', dept.id);
      return heads.length ? heads : withRole('director', dept.id);
    }
    case 'principal_leader':
      return dept.principalLeaderId
        ? prisma.user.findMany({ where: { id: dept.principalLeaderId }, select: personSelect })
        : [];
    case 'supervisors':
      return withRole('supervisor');
  }
}

/** Mail goes to each person, except that "department" is the department's own mailbox (R36's first half). */
function mailTargets(
  wanted: Recipient[],
  people: Map<Recipient, Person[]>,
  dept: { id: string; nameZh: string },
): MailTarget[] {
  return wanted.flatMap((r): MailTarget[] =>
    r === 'department'
      ? [{ role: r, type: 'department', id: dept.id, name: dept.nameZh }]
      : (people.get(r) ?? []).map((p) => ({ role: r, type: 'user' as const, id: p.id, name: p.displayName })),
  );
}

/** A stable UUID for a key (documents are addressed by UUID): the same step always names the same document. */
function uuidOf(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
