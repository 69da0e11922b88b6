import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../prisma/database.js';
import { applyMigrations, migrationsFolder } from '../../prisma/migrate.js';
import { getTask } from '../../api/services/read-decisions.js';
import { listInbox } from '../../api/services/inbox.js';
import { departmentId } from '../../prisma/seed.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { ProcedureDriver } from '../support/procedure-driver.js';

describe('issue 12 §1: one Task table', () => {
  it('migration 0016 carries the tasks of reviews without a decision into Task with their ids, and drops ReviewTask', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'yifa-0016-'));
    const db = await openDatabase('pglite:memory');
    try {
      const all = readdirSync(migrationsFolder).sort();
      for (const m of all.filter((m) => m < '0016'))
        cpSync(join(migrationsFolder, m), join(folder, m), { recursive: true });
      await applyMigrations(db, { folder });
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "ReviewTask" ("id", "workflowId", "reviewId", "kind", "stage", "role", "departmentId", "assigneeUserId", "status", "openedAt", "dueAt", "dueRule", "dueBasis", "dueAttention", "completedAt", "completedById", "context", "result")
         VALUES ('GF-2026-0001:review-1', 'GF-2026-0001', 'GF-2026-0001', 'review_legality', 'legality_review', 'reviewer', NULL, 'u-reviewer', 'done', '2026-03-02T01:00:00Z', '2026-03-11T10:00:00Z', 'R17', '7 working_days', NULL, '2026-03-05T02:00:00Z', 'u-reviewer', '{"materials":{}}', '{"outcome":"lawful"}'),
                ('HT-2026-0001:supplement-1', 'HT-2026-0001', 'HT-2026-0001', 'supplement_materials', 'legality_review', 'drafter', 'd-1', NULL, 'open', '2026-03-03T01:00:00Z', NULL, NULL, NULL, 'no calendar', NULL, NULL, '{}', NULL)`,
      );
      for (const m of all.filter((m) => m >= '0016'))
        cpSync(join(migrationsFolder, m), join(folder, m), { recursive: true });
      expect(await applyMigrations(db, { folder })).toContain('0016_one_task_table');

      const rows = await db.prisma.task.findMany({ orderBy: { id: 'asc' } });
      expect(
        rows.map((t) => [
          t.id,
          t.decisionId,
          t.reviewId,
          t.kind,
          t.status,
          t.assigneeUserId,
          t.dueAt?.toISOString() ?? null,
          t.dueAttention,
        ]),
      ).toEqual([
        [
          'GF-2026-0001:review-1',
          null,
          'GF-2026-0001',
          'review_legality',
          'done',
          'u-reviewer',
          '2026-03-11T10:00:00.000Z',
          null,
        ],
        ['HT-2026-0001:supplement-1', null, 'HT-2026-0001', 'supplement_materials', 'open', null, null, 'no calendar'],
      ]);
      expect(rows[0].result).toEqual({ outcome: 'lawful' });
      const [{ old }] = await db.prisma.$queryRawUnsafe<Array<{ old: string | null }>>(
        `SELECT to_regclass('"ReviewTask"')::text AS old`,
      );
      expect(old).toBeNull();
      // A task belongs to exactly one of a decision or a review: a row with neither is refused, one with a review is not.
      const [{ n }] = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pg_constraint WHERE conname = 'Task_one_owner'`,
      );
      expect(n).toBe(1);
      const insert = (id: string, reviewId: string | null) =>
        db.prisma.$executeRawUnsafe(
          `INSERT INTO "Task" ("id", "workflowId", "reviewId", "kind", "stage", "role", "openedAt") VALUES ($1, 'x', $2, 'submit_draft', 'launch', 'drafter', now())`,
          id,
          reviewId,
        );
      await expect(insert('no-owner', null)).rejects.toThrow();
      await expect(insert('a-review', 'GF-2026-0002')).resolves.toBe(1);
    } finally {
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('issue 12 §1: one inbox', () => {
  let h: Harness;
  let drive: ProcedureDriver;
  useTimeSkippingHarness((x) => {
    h = x;
    drive = new ProcedureDriver(h.ctx, h.user);
  });

  it('GET /api/tasks answers the tasks of decisions and of reviews together, soonest due first, paged with the true total', async () => {
    const drafter = await h.user('drafter.jtysj');
    const d = await drive.launch('drafter.jtysj');
    const decisionTask = await drive.task(d.id, 'submit_draft');
    // A normative document's review asks the submitting department's drafters for materials (its task in the same table).
    const reviewId = 'GF-2030-0900';
    await h.db.prisma.review.create({
      data: {
        id: reviewId,
        kind: 'normative_document',
        subjectNumber: reviewId,
        title: '某规范性文件',
        departmentId: departmentId('jtysj'),
        year: 2030,
        status: 'intake',
        weight: 1,
      },
    });
    const soon = new Date((decisionTask.dueAt ?? new Date()).getTime() - 86_400_000);
    await h.db.prisma.task.create({
      data: {
        id: `${reviewId}:supplement-1`,
        workflowId: reviewId,
        reviewId,
        kind: 'supplement_materials',
        stage: 'legality_review',
        role: 'drafter',
        departmentId: departmentId('jtysj'),
        openedAt: new Date(),
        dueAt: soon,
        dueRule: 'config:supplement_materials',
        dueBasis: '5 working_days',
      },
    });

    const all = await listInbox(h.ctx, drafter, { status: 'open', page: 1, pageSize: 100 });
    const mine = all.items.filter((t) => t.id === decisionTask.id || t.reviewId === reviewId);
    expect(mine.map((t) => [t.id, t.subject?.type, t.subject?.number])).toEqual([
      [`${reviewId}:supplement-1`, 'review', reviewId],
      [decisionTask.id, 'decision', d.number],
    ]);
    expect(mine[0].review).toMatchObject({ id: reviewId, subjectNumber: reviewId, title: '某规范性文件' });
    expect(mine[1].decision).toMatchObject({ number: d.number });
    expect(all.total).toBe(all.items.length);

    // Paged: one item a page, the total is still every task.
    const first = await listInbox(h.ctx, drafter, { status: 'open', page: 1, pageSize: 1 });
    const second = await listInbox(h.ctx, drafter, { status: 'open', page: 2, pageSize: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(all.total);
    expect(second.items[0]?.id).not.toBe(first.items[0].id);

    // The one task page reads either kind: the review's task names its review.
    const page = await getTask(h.ctx, drafter, `${reviewId}:supplement-1`);
    expect(page).toMatchObject({ reviewId, decisionId: null, subject: { type: 'review', id: reviewId } });
    // Another department's drafter neither sees it in the inbox nor reads it (404).
    const other = await h.user('drafter.fgw');
    expect(
      (await listInbox(h.ctx, other, { status: 'open', page: 1, pageSize: 100 })).items.map((t) => t.id),
    ).not.toContain(`${reviewId}:supplement-1`);
    await expect(getTask(h.ctx, other, `${reviewId}:supplement-1`)).rejects.toMatchObject({ status: 404 });
  });
});
