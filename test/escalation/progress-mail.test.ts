/**
 * Progress notices through a real SMTP server (issue 16 §3): the platform as `npm start` runs it, an in-process SMTP
 * server, the worker's outbox poller every second. A new task reaches its drafter in the bell and by mail, once;
 * after the drafter turns new-task notices off (audited), the next one reaches neither.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { eventually } from '../workflows/steps.js';

const received: Array<{ envelopeTo: string[]; mail: ParsedMail }> = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      },
      (err: Error) => callback(err),
    );
  },
});

let p: RunningPlatform;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const port = (smtp.server.address() as AddressInfo).port;
  p = await startPlatform({
    config: { smtp: { url: `smtp://127.0.0.1:${port}`, from: '依法 <yifa@yifa.example>' }, outboxPollSeconds: 1 },
  });
}, 120_000);
afterAll(async () => {
  await p?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('progress notices by mail through a real SMTP server', () => {
  it('mails the drafter their new task once; an "off" choice, audited, stops both the bell and the mail', async () => {
    const drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    expect((await drafter.ok('GET', '/api/account/notice-preferences')).preferences.task_assigned).toBe('bell_mail');
    const first = await drafter.ok('POST', '/api/decisions', baseLaunch({ title: '关于调整公交票价的决定' }));
    const forFirst = () => received.filter((r) => r.mail.subject?.includes(first.number));
    await eventually(async () => forFirst().length > 0, 'the new-task mail', 30_000);
    // Two more poller passes: still one.
    await new Promise((r) => setTimeout(r, 2500));
    expect(forFirst()).toHaveLength(1);
    const [mail] = forFirst();
    expect(mail.envelopeTo).toEqual(['drafter.jtysj@yifa.example']);
    expect(mail.mail.subject).toBe(`【新任务】提交决策草案及起草说明：${first.number} 关于调整公交票价的决定`);
    expect(mail.mail.text).toContain('办理期限：');
    const bell = await drafter.ok('GET', '/api/notices');
    expect(bell.items.filter((n: any) => n.decisionId === first.id)).toMatchObject([
      { action: 'progress.task_assigned', title: { zh: mail.mail.subject } },
    ]);
    const outbox = await p.platform.db.prisma.mailMessage.findMany({ where: { decisionId: first.id } });
    expect(outbox).toMatchObject([{ state: 'sent', recipientRole: 'task_assigned' }]);

    const off = await drafter.ok('PUT', '/api/account/notice-preferences', {
      task_assigned: 'off',
      draft_returned: 'bell_mail',
      opinion_issued: 'bell',
      placed_on_agenda: 'bell_mail',
      decided: 'bell_mail',
    });
    expect(off.preferences).toMatchObject({ task_assigned: 'off', opinion_issued: 'bell' });
    expect(off.mailAddress).toBe('drafter.jtysj@yifa.example');
    const audit = await p.platform.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'notice.preferences_changed', actorUserId: drafter.user.id },
    });
    expect(audit.data).toMatchObject({ before: { task_assigned: 'bell_mail' }, after: { task_assigned: 'off' } });
    const bad = await drafter.call('PUT', '/api/account/notice-preferences', { task_assigned: 'sms' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: any) => i.path)).toContain('task_assigned');

    const second = await drafter.ok('POST', '/api/decisions', baseLaunch({ title: '关于优化公交线网的决定' }));
    await drafter.taskOf(second.id, 'submit_draft');
    await new Promise((r) => setTimeout(r, 2500));
    expect(received.filter((r) => r.mail.subject?.includes(second.number))).toEqual([]);
    expect((await drafter.ok('GET', '/api/notices')).items.filter((n: any) => n.decisionId === second.id)).toEqual([]);
  }, 120_000);
});
