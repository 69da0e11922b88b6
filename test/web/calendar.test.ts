import { describe, expect, it } from 'vitest';
import { provisionalCalendarYear } from '../../records/calendar-source.js';
import { chinaYear } from '../../domain/china-time.js';
import { hasChromium, shot, useBrowserPlatform } from '../support/browser.js';

describe.runIf(hasChromium)('the working-day calendar page (R32) in the browser', () => {
  const env = useBrowserPlatform();

  it('the admin is refused a far year, previews and loads next year’s notice, then withdraws it with a reason', async () => {
    const next = chinaYear(new Date()) + 1;
    // The flow, not the dates: next year's fixed statutory holidays plus National Day 4–7 Oct.
    const holidays = [...provisionalCalendarYear(next).holidays, ...[4, 5, 6, 7].map((d) => `${next}-10-0${d}`)];
    const admin = await env.signIn('admin');
    await admin.getByRole('link', { name: '工作日历' }).click();
    await admin.locator('#cal-load').waitFor();
    const form = admin.locator('section[aria-labelledby="cal-load"]');
    await form.getByLabel('年份').fill('2097');
    await form.getByLabel('通知文号').fill('国办发明电〔2096〕1号');
    await form.getByLabel(/休息日/).fill(holidays.join('\n'));
    await admin.getByRole('button', { name: '载入', exact: true }).click();
    await expect.poll(() => form.locator('.cal-preview').innerText()).toContain('只能载入');
    expect(await env.p.platform.db.prisma.calendarYear.count({ where: { year: 2097 } })).toBe(0);

    await form.getByLabel('年份').fill(String(next));
    await admin.getByRole('button', { name: '预览调整' }).click();
    await expect.poll(() => form.locator('.cal-preview').innerText()).toContain('将调整的办理期限');
    await admin.getByRole('button', { name: '载入', exact: true }).click();
    await expect.poll(() => admin.locator('.flash').innerText()).toContain('已完成');
    expect(await env.p.platform.db.prisma.calendarYear.count({ where: { year: next } })).toBe(1);
    await shot(admin, 'calendar-admin');

    admin.once('dialog', (d) => void d.accept('通知文号录入错误'));
    await admin
      .locator('section[aria-labelledby="cal-loaded"] tr', { hasText: String(next) })
      .getByRole('button', { name: '撤回' })
      .click();
    await expect.poll(() => env.p.platform.db.prisma.calendarYear.count({ where: { year: next } })).toBe(0);
    const trail = await env.p.platform.db.prisma.auditEvent.findMany({
      where: { action: { in: ['calendar.loaded', 'calendar.withdrawn'] }, subjectId: String(next) },
      orderBy: { seq: 'asc' },
      select: { action: true },
    });
    expect(trail.map((e) => e.action)).toEqual(['calendar.loaded', 'calendar.withdrawn']);
    expect(env.pageErrors).toEqual([]);
  });
});
