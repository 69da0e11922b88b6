/**
 * The due-soon board 临期预警 over HTTP on the real platform (issue 16 §2): yellow tasks only, earliest due first,
 * paged with the true total and counts per department; the office sees every department, a department only its
 * own (another department's board is 403), other roles 403; the inbox, the task and the decision carry the same
 * warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { placeDue } from '../support/warning-fixtures.js';

describe('GET /api/supervision/due-soon', () => {
  let p: RunningPlatform;
  let jtysj: ApiClient;
  let fgw: ApiClient;
  const tasks: Record<string, { id: string; decisionId: string }> = {};

  beforeAll(async () => {
    p = await startPlatform();
    jtysj = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    fgw = await ApiClient.login(p.baseUrl, 'drafter.fgw');
    const open = async (key: string, who: ApiClient, over = {}) => {
      const d = await who.ok('POST', '/api/decisions', baseLaunch({ title: `预警测试${key}`, ...over }));
      tasks[key] = { id: (await who.taskOf(d.id, 'submit_draft')).id, decisionId: d.id };
    };
    await open('soon1', jtysj);
    await open('soon2', jtysj);
    await open('green', jtysj);
    await open('late', jtysj);
    await open('grey', jtysj);
    await open('fgwSoon', fgw, { catalogEntryId: demoCatalogEntryId('fgw') });
    const prisma = p.platform.db.prisma;
    await placeDue(prisma, tasks.soon1.id, { workingDaysAhead: 2 });
    await placeDue(prisma, tasks.soon2.id, { workingDaysAhead: 1 });
    await placeDue(prisma, tasks.fgwSoon.id, { workingDaysAhead: 3 });
    await placeDue(prisma, tasks.green.id, { workingDaysAhead: 12 });
    await placeDue(prisma, tasks.late.id, { daysAgo: 6 });
    await placeDue(prisma, tasks.grey.id, 'unknown');
  }, 180_000);
  afterAll(async () => {
    await p?.close();
  });

  it('lists the yellow tasks of every department for the office, earliest due first, a page at a time', async () => {
    const office = await ApiClient.login(p.baseUrl, 'supervisor1');
    const all = await office.ok('GET', '/api/supervision/due-soon');
    expect(all.items.map((i: any) => i.taskId)).toEqual([tasks.soon2.id, tasks.soon1.id, tasks.fgwSoon.id]);
    expect(all).toMatchObject({ total: 3, yellowWorkingDays: 3, byDepartment: { 'dept-jtysj': 2, 'dept-fgw': 1 } });
    expect(all.items[0]).toMatchObject({
      departmentId: 'dept-jtysj',
      subject: { type: 'decision', id: tasks.soon2.decisionId },
      warning: { level: 'yellow', icon: '▲', labelZh: '▲ 临期（剩1个工作日）', workingDaysLeft: 1 },
    });
    const page2 = await office.ok('GET', '/api/supervision/due-soon?pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((i: any) => i.taskId)).toEqual([tasks.fgwSoon.id]);
    const fgwOnly = await office.ok('GET', '/api/supervision/due-soon?departmentId=dept-fgw');
    expect(fgwOnly.items.map((i: any) => i.taskId)).toEqual([tasks.fgwSoon.id]);
    expect((await office.call('GET', '/api/supervision/due-soon?pageSize=0')).status).toBe(400);
  });

  it('shows a department only its own, refuses another department’s board and roles outside it', async () => {
    const own = await ApiClient.login(p.baseUrl, 'head.jtysj');
    const mine = await own.ok('GET', '/api/supervision/due-soon');
    expect(mine.items.map((i: any) => i.taskId)).toEqual([tasks.soon2.id, tasks.soon1.id]);
    expect(mine.byDepartment).toEqual({ 'dept-jtysj': 2 });
    expect((await fgw.ok('GET', '/api/supervision/due-soon')).items.map((i: any) => i.taskId)).toEqual([
      tasks.fgwSoon.id,
    ]);
    const other = await fgw.call('GET', '/api/supervision/due-soon?departmentId=dept-jtysj');
    expect(other.status).toBe(403);
    expect(other.body.message.zh).toContain('本单位');
    const secretary = await ApiClient.login(p.baseUrl, 'secretary1');
    expect((await secretary.call('GET', '/api/supervision/due-soon')).status).toBe(403);
  });

  it('gives the inbox, the task and the decision the same warning, and the overdue board its red one', async () => {
    const inbox = await jtysj.ok('GET', '/api/tasks?pageSize=100');
    const level = (key: string) => inbox.items.find((i: any) => i.id === tasks[key].id)?.warning;
    expect(level('soon1')).toMatchObject({ level: 'yellow', labelZh: '▲ 临期（剩2个工作日）' });
    expect(level('green')).toMatchObject({ level: 'green', labelZh: '● 正常', workingDaysLeft: 12 });
    expect(level('late')).toMatchObject({ level: 'red' });
    expect(level('late').labelZh).toMatch(/^■ 逾期（逾期\d+个工作日）$/);
    expect(level('grey')).toMatchObject({ level: 'grey', labelZh: '◆ 需关注（期限未定）', workingDaysLeft: null });
    const task = await jtysj.ok('GET', `/api/tasks/${encodeURIComponent(tasks.soon1.id)}`);
    expect(task.warning).toEqual(level('soon1'));
    const decision = await jtysj.ok('GET', `/api/decisions/${tasks.late.decisionId}`);
    expect(decision.openTasks[0].warning).toEqual(level('late'));
    const office = await ApiClient.login(p.baseUrl, 'supervisor1');
    const overdue = await office.ok('GET', '/api/supervision/overdue');
    expect(overdue.items.find((i: any) => i.taskId === tasks.late.id)?.warning).toEqual(level('late'));
  });
});
