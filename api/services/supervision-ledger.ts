import type { ServiceContext } from './context.js';
import { subjectKey, supervisedSubjects } from './supervision-subjects.js';
import { unlawfulReturns } from './supervision-unlawful.js';

/**
 * R40: the assessment ledger (考核台账) per department and year: overdue items with days overdue and letters
 * received, on decisions and on reviews without a decision (normative documents, contracts: the submitting
 * department's entry); and the drafts the legal center found not lawful (R40: "decisions returned as unlawful").
 */
export async function assessmentLedger(ctx: ServiceContext, f: { year?: number; departmentId?: string }) {
  const rows = await ctx.prisma.assessmentEntry.findMany({
    where: { ...(f.year ? { year: f.year } : {}), ...(f.departmentId ? { departmentId: f.departmentId } : {}) },
    orderBy: [{ departmentId: 'asc' }, { recordedAt: 'asc' }],
  });
  const unlawfulRows = await unlawfulReturns(ctx, f);
  const subjects = await supervisedSubjects(ctx, [...rows, ...unlawfulRows]);
  const departments = await ctx.prisma.department.findMany({ select: { id: true, nameZh: true, nameEn: true } });
  const items = rows.map((r) => ({
    id: r.id,
    year: r.year,
    departmentId: r.departmentId,
    departmentName: departments.find((d) => d.id === r.departmentId)?.nameZh ?? r.departmentId,
    subject: subjects.get(subjectKey(r)),
    decisionId: r.decisionId,
    decisionNo: r.decisionId ? subjects.get(subjectKey(r))?.number : undefined,
    decisionTitle: r.decisionId ? subjects.get(subjectKey(r))?.title : undefined,
    reviewId: r.reviewId,
    taskId: r.taskId,
    taskKind: r.taskKind,
    dueAt: r.dueAt.toISOString(),
    workingDaysOverdue: r.workingDaysOverdue,
    lettersReceived: r.lettersReceived,
    recordedAt: r.recordedAt.toISOString(),
  }));
  const deptName = (id: string) => departments.find((d) => d.id === id)?.nameZh ?? id;
  const unlawful = unlawfulRows.map((r) => ({
    ...r,
    departmentName: deptName(r.departmentId),
    subject: subjects.get(subjectKey(r)),
  }));
  const byDepartment: Record<string, { entries: number; lettersReceived: number; returnedAsUnlawful: number }> = {};
  const bucket = (id: string) => (byDepartment[id] ??= { entries: 0, lettersReceived: 0, returnedAsUnlawful: 0 });
  for (const i of items) {
    const b = bucket(i.departmentId);
    b.entries++;
    b.lettersReceived += i.lettersReceived;
  }
  for (const u of unlawful) bucket(u.departmentId).returnedAsUnlawful++;
  return { byDepartment, items, unlawful };
}

const CSV_HEAD = [
  '年度',
  '单位',
  '编号',
  '名称',
  '类别',
  '事项',
  '期限',
  '超期工作日',
  '收到函件数',
  '记录时间',
  '台账事项',
];

type Ledger = Awaited<ReturnType<typeof assessmentLedger>>;

/** The ledger as CSV (UTF-8 with BOM, for spreadsheet programs): overdue items, then drafts returned as unlawful (R40). */
export function ledgerCsv(items: Ledger['items'], unlawful: Ledger['unlawful'] = []): string {
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const lines = [
    ...items.map((i) => [
      i.year,
      i.departmentName,
      i.subject?.number,
      i.subject?.title,
      i.subject?.kindLabel.zh,
      i.taskKind,
      i.dueAt,
      i.workingDaysOverdue,
      i.lettersReceived,
      i.recordedAt,
      '逾期',
    ]),
    ...unlawful.map((u) => [
      u.year,
      u.departmentName,
      u.subject?.number,
      u.subject?.title,
      u.subject?.kindLabel.zh,
      'review_legality',
      '',
      '',
      '',
      u.returnedAt,
      '经合法性审查认定不合法被退回',
    ]),
  ].map((row) => row.map(cell).join(','));
  return `\ufeff${[CSV_HEAD.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}

/** The mail outbox: every message with its delivery state, attempts and last error. */
export async function listOutbox(ctx: ServiceContext, f: { state?: string }) {
  const rows = await ctx.prisma.mailMessage.findMany({
    where: f.state ? { state: f.state } : {},
    orderBy: { createdAt: 'asc' },
    take: 500,
  });
  return {
    counts: Object.fromEntries(
      ['queued', 'sending', 'sent', 'failed'].map((s) => [s, rows.filter((r) => r.state === s).length]),
    ),
    items: rows.map((r) => ({
      id: r.id,
      idempotencyKey: r.idempotencyKey,
      decisionId: r.decisionId,
      reviewId: r.reviewId,
      letterId: r.letterId,
      recipientRole: r.recipientRole,
      to: r.toAddress,
      subject: r.subject,
      state: r.state,
      attempts: r.attempts,
      lastError: r.lastError,
      lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
      sentAt: r.sentAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
