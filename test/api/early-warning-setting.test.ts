/**
 * The early-warning N set in the app (issue 16 §2): GET/PUT /api/settings/early-warning — the office or the
 * administrator only, 1–10 working days (strict body; 400 naming the field), audited with the old and new value —
 * and what uses it: a task five working days from its due is green under the default 3 and yellow under 5 on the
 * task, the inbox and the due-soon board, and the ladder's reminder says so in its words. On the real platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { DEFAULT_ESCALATION_CONFIG, DEFAULT_LADDER } from '../../domain/escalation-config.js';
import { serviceCalendar } from '../../api/services/supervision-calendar.js';
import { DEFAULT_OFFICE } from '../../records/documents/letters.js';
import { runEscalationStep } from '../../records/escalation-step.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { placeDue } from '../support/warning-fixtures.js';

describe('the early-warning N set by the office', () => {
  let p: RunningPlatform;
  let office: ApiClient;
  let drafter: ApiClient;
  let task: { id: string; decisionId: string; dueAt: Date };

  /** The ladder's reminder for the task, fired now under key `key`: the words of its notice. */
  const reminderWords = async (key: string) => {
    const prisma = p.platform.db.prisma;
    const step = DEFAULT_LADDER.find((s) => s.action === 'reminder')!;
    const t = await prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    await runEscalationStep(
      { prisma, calendar: serviceCalendar(prisma), config: DEFAULT_ESCALATION_CONFIG, office: DEFAULT_OFFICE },
      step,
      {
        key,
        decisionId: task.decisionId,
        task: { id: t.id, kind: t.kind as never, role: t.role, departmentId: t.departmentId ?? undefined },
        round: 0,
        step: { id: step.id, action: 'reminder', fireAt: new Date().toISOString() },
        dueAt: task.dueAt.toISOString(),
        firedAt: new Date().toISOString(),
      },
    );
    return (await prisma.notice.findFirstOrThrow({ where: { stepKey: key } })).titleZh;
  };

  beforeAll(async () => {
    p = await startPlatform();
    office = await ApiClient.login(p.baseUrl, 'supervisor1');
    drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    const d = await drafter.ok('POST', '/api/decisions', baseLaunch({ title: '预警天数测试' }));
    const id = (await drafter.taskOf(d.id, 'submit_draft')).id;
    const dueAt = await placeDue(p.platform.db.prisma, id, { workingDaysAhead: 5 });
    task = { id, decisionId: d.id, dueAt: dueAt! };
  }, 180_000);
  afterAll(async () => {
    await p?.close();
  });

  it('answers the configured default until the office sets one', async () => {
    expect(await drafter.ok('GET', '/api/settings/early-warning')).toEqual({
      yellowWorkingDays: 3,
      source: 'config',
      configured: 3,
      min: 1,
      max: 10,
      updatedAt: null,
      updatedBy: null,
    });
    expect((await drafter.ok('GET', `/api/tasks/${task.id}`)).warning).toMatchObject({ level: 'green' });
    expect((await office.ok('GET', '/api/supervision/due-soon')).items.map((i: any) => i.taskId)).not.toContain(
      task.id,
    );
    expect(await reminderWords(`test-ew:${task.id}:before`)).toContain('● 正常');
  });

  it('refuses other roles (403) and a value outside 1–10, a fraction or an unknown field, naming it (400)', async () => {
    expect((await drafter.call('PUT', '/api/settings/early-warning', { yellowWorkingDays: 5 })).status).toBe(403);
    const leader = await ApiClient.login(p.baseUrl, 'mayor');
    expect((await leader.call('PUT', '/api/settings/early-warning', { yellowWorkingDays: 5 })).status).toBe(403);
    for (const body of [
      { yellowWorkingDays: 0 },
      { yellowWorkingDays: 11 },
      { yellowWorkingDays: 2.5 },
      { yellowWorkingDays: '5' },
      {},
      { yellowWorkingDays: 5, colour: 'red' },
    ]) {
      const r = await office.call('PUT', '/api/settings/early-warning', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.issues[0].path, JSON.stringify(body)).toBe('colour' in body ? 'colour' : 'yellowWorkingDays');
      expect(r.body.issues[0].message.zh.length).toBeGreaterThan(0);
    }
    expect((await drafter.ok('GET', '/api/settings/early-warning')).source).toBe('config');
    expect(await p.platform.db.prisma.auditEvent.count({ where: { action: 'setting.changed' } })).toBe(0);
  });

  it('the office sets 5: audited with the old and new value; the task, inbox, board and ladder use it', async () => {
    const set = await office.ok('PUT', '/api/settings/early-warning', { yellowWorkingDays: 5 });
    expect(set).toMatchObject({ yellowWorkingDays: 5, source: 'stored', configured: 3, updatedBy: expect.any(String) });
    const events = await p.platform.db.prisma.auditEvent.findMany({ where: { action: 'setting.changed' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      subjectType: 'setting',
      subjectId: 'early_warning.yellow_working_days',
      data: { key: 'early_warning.yellow_working_days', before: 3, after: 5 },
    });

    expect((await drafter.ok('GET', `/api/tasks/${task.id}`)).warning).toMatchObject({
      level: 'yellow',
      labelZh: '▲ 临期（剩5个工作日）',
    });
    const inbox = await drafter.ok('GET', '/api/tasks');
    expect(inbox.items.find((i: any) => i.id === task.id).warning).toMatchObject({ level: 'yellow' });
    const board = await office.ok('GET', '/api/supervision/due-soon');
    expect(board.yellowWorkingDays).toBe(5);
    expect(board.items.map((i: any) => i.taskId)).toContain(task.id);
    expect(await reminderWords(`test-ew:${task.id}:after`)).toContain('▲ 临期（剩5个工作日）');

    // The administrator sets it back; the audit says from what.
    await (await ApiClient.login(p.baseUrl, 'admin')).ok('PUT', '/api/settings/early-warning', {
      yellowWorkingDays: 3,
    });
    const last = await p.platform.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'setting.changed' },
      orderBy: { seq: 'desc' },
    });
    expect(last.data).toMatchObject({ before: 5, after: 3 });
    expect((await drafter.ok('GET', `/api/tasks/${task.id}`)).warning).toMatchObject({ level: 'green' });
  });
});
