import { describe, expect, it } from 'vitest';
import { loadCalendarYear } from '../../api/services/load-calendar.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { ProcedureDriver } from '../support/procedure-driver.js';

let h: Harness;
let drive: ProcedureDriver;
useTimeSkippingHarness((x) => {
  h = x;
  drive = new ProcedureDriver(h.ctx, h.user);
});

const localDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

describe('R32: a deadline in a year whose holiday notice is not loaded', () => {
  it('is provisional, and is recomputed with its timer moved when the admin loads that year', async () => {
    const d = await drive.launchWithDraft();
    const task = await drive.task(d.id, 'record_expert_opinions');
    // 30 working days from late 2026 or later reaches into a year chinese-days 1.5.7 does not carry.
    expect(task.dueProvisional).toBe(true);
    const due = task.dueAt!.toISOString();
    const year = Number(localDate(due).slice(0, 4));

    // The notice declares the five days before the provisional due date holidays: the due must move later.
    const extraHolidays = [1, 2, 3, 4, 5].map((n) => addDays(localDate(due), -n)).filter((x) => x.startsWith(String(year)));
    const admin = await h.user('admin');
    await expect(loadCalendarYear(h.ctx, await h.user('drafter.jtysj'), year, { holidays: extraHolidays, workdays: [], source: 'test' })).rejects.toMatchObject({ status: 403 });
    const loaded = await loadCalendarYear(h.ctx, admin, year, { holidays: extraHolidays, workdays: [], source: `国办发明电〔${year - 1}〕测试` });
    expect(loaded.workflowsSignalled).toBeGreaterThanOrEqual(1);

    const until = Date.now() + 20_000;
    let moved = await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    while (moved.dueAt!.getTime() === task.dueAt!.getTime() && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      moved = await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    }
    expect(moved.dueAt!.getTime()).toBeGreaterThan(task.dueAt!.getTime());
    expect(moved.dueProvisional).toBe(false);
    const events = await h.db.prisma.auditEvent.findMany({ where: { OR: [{ action: 'calendar.loaded' }, { action: 'task.due_moved', subjectId: task.id }] }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['calendar.loaded', 'task.due_moved']);
    expect(events[0].actorUserId).toBe(admin.id);

    // The moved timer is the one that fires: not overdue just after the old due time, overdue after the new one.
    await h.skipPast(due, 3600_000);
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).overdueAt).toBeNull();
    await h.skipPast(moved.dueAt!.toISOString(), 3600_000);
    const until2 = Date.now() + 10_000;
    let after = await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    while (!after.overdueAt && Date.now() < until2) {
      await new Promise((r) => setTimeout(r, 100));
      after = await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    }
    expect(after.overdueAt).not.toBeNull();
  });
});
