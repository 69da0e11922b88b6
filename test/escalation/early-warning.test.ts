import { describe, expect, it } from 'vitest';
import { taskView } from '../../api/services/read-decisions.js';
import { listDueSoon } from '../../api/services/supervision-due-soon.js';
import { listOverdue } from '../../api/services/supervision-overdue.js';
import { warningClassifier } from '../../api/services/task-warnings.js';
import { departmentId } from '../../prisma/seed.js';
import type { Harness } from '../support/temporal.js';
import { useEscalationHarness } from '../support/escalation-harness.js';
import type { ProcedureDriver } from '../support/procedure-driver.js';
import { eventually, skipStages1to3 } from '../workflows/steps.js';

let h: Harness;
let drive: ProcedureDriver;
// The draft is due 5 working days after launch: launched Friday 27 Sep 2030, counted Sun 29 Sep (make-up working
// day), Mon 30 Sep, then (1–7 Oct off) Tue 8, Wed 9, Thu 10 Oct → due Thursday 10 Oct 18:00 Beijing.
useEscalationHarness({ submitDraftWorkingDays: 5 }, (e) => ({ h, drive } = e));

const warningNow = async (taskId: string) => {
  const now = await h.now();
  const row = await h.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
  return (await warningClassifier(h.ctx, now))(taskView(row, now));
};
const dueSoon = async (username: string) =>
  listDueSoon(h.ctx, await h.user(username), { page: 1, pageSize: 50 }, await h.now());
const noticeTitle = (taskId: string, action: string) =>
  eventually(
    async () => (await h.db.prisma.notice.findFirst({ where: { taskId, action } }))?.titleZh,
    `the ${action} notice`,
  );

describe('early warning on the time-skipping server (N = 3 working days)', () => {
  it('turns green → yellow 3 working days before the due across National Day and a make-up Sunday, → red after it; the ladder speaks the same words', async () => {
    await h.skipPast('2030-09-27T02:00:00Z', 0); // Friday 10:00 Beijing
    const d = await drive.launch('drafter.jtysj', skipStages1to3);
    const task = await drive.task(d.id, 'submit_draft');
    expect(task.dueAt!.toISOString()).toBe('2030-10-10T10:00:00.000Z');

    // Sunday 29 Sep is a make-up working day; after it come 30 Sep, 8, 9, 10 Oct: four working days, green.
    await h.skipPast('2030-09-29T15:59:00Z', 0);
    expect(await warningNow(task.id)).toMatchObject({ level: 'green', labelZh: '● 正常', workingDaysLeft: 4 });
    expect((await dueSoon('supervisor1')).items.map((i) => i.taskId)).not.toContain(task.id);

    // Midnight starting Monday 30 Sep, 3 working days before the due's day: yellow (a weekday count would say 8).
    await h.skipPast('2030-09-29T16:00:00Z', 0);
    expect(await warningNow(task.id)).toMatchObject({
      level: 'yellow',
      labelZh: '▲ 临期（剩3个工作日）',
      workingDaysLeft: 3,
    });
    const board = await dueSoon('supervisor1');
    expect(board.items.find((i) => i.taskId === task.id)).toMatchObject({
      departmentId: departmentId('jtysj'),
      subject: { number: d.number },
      warning: { level: 'yellow', workingDaysLeft: 3 },
    });
    expect(board.byDepartment[departmentId('jtysj')]).toBeGreaterThanOrEqual(1);
    // The department sees its own task; another department's board does not list it.
    expect((await dueSoon('head.jtysj')).items.map((i) => i.taskId)).toContain(task.id);
    expect((await dueSoon('drafter.fgw')).items.map((i) => i.taskId)).not.toContain(task.id);

    // The reminder 2 working days before the due (Tue 8 Oct 18:00) carries the yellow words.
    await h.skipPast('2030-10-08T10:00:00Z');
    expect(await noticeTitle(task.id, 'reminder')).toContain('▲ 临期（剩2个工作日）');

    // At the due instant: red; the 提示函's notice says so.
    await h.skipPast('2030-10-10T10:00:00Z');
    expect(await noticeTitle(task.id, 'reminder_letter')).toContain('■ 逾期（已过办理期限）');
    expect((await warningNow(task.id))?.level).toBe('red');
    expect((await dueSoon('supervisor1')).items.map((i) => i.taskId)).not.toContain(task.id);

    // 3 working days overdue (11 Oct, make-up Saturday 12 Oct, 14 Oct): the 督办函 and the overdue board agree.
    await h.skipPast('2030-10-14T10:00:00Z');
    expect(await noticeTitle(task.id, 'supervision_letter')).toContain('■ 逾期（逾期3个工作日）');
    const overdue = await listOverdue(h.ctx, {}, await h.now());
    expect(overdue.items.find((i) => i.taskId === task.id)?.warning).toMatchObject({
      level: 'red',
      labelZh: '■ 逾期（逾期3个工作日）',
      workingDaysLeft: -3,
    });
  }, 120_000);
});
