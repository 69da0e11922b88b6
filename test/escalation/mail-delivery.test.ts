import type { AddressInfo } from 'node:net';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingToolMessage, needs } from '../support/tools.js';
import { chineseDate } from '../../records/documents/official-document.js';
import type { Ladder } from '../../domain/escalation-config.js';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { docxContent, pdfTextOf } from '../support/docx.js';
import { eventually } from '../workflows/steps.js';

/**
 * The real platform (dev server, PGlite, worker, HTTP) with an SMTP server in-process. The draft's ladder is
 * configured with every step already past its time, so it climbs at once: the test is about delivery, restarts
 * and letters, not timing (the time-skipping tests assert the times).
 */
const PAST_LADDER: Ladder = [
  {
    id: 'reminder',
    action: 'reminder',
    offset: { days: -40, basis: 'calendar_days' },
    to: ['assignee'],
    cc: [],
    channels: ['notice', 'mail'],
  },
  {
    id: 'reminder-letter',
    action: 'reminder_letter',
    offset: { days: -39, basis: 'calendar_days' },
    to: ['department', 'principal_leader'],
    cc: ['assignee_leader'],
    channels: ['notice', 'mail'],
  },
  {
    id: 'supervision-letter',
    action: 'supervision_letter',
    offset: { days: -38, basis: 'calendar_days' },
    to: ['department', 'principal_leader'],
    cc: ['supervisors'],
    channels: ['notice', 'mail'],
  },
  {
    id: 'assessment',
    action: 'assessment',
    offset: { days: -37, basis: 'calendar_days' },
    to: ['supervisors'],
    cc: [],
    channels: ['notice'],
  },
];

const received: Array<{ envelopeTo: string[]; mail: ParsedMail }> = [];
let rejecting = true;
let rejected = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        if (rejecting) {
          rejected++;
          return callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
        }
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      },
      (err: Error) => callback(err),
    );
  },
});

let p: RunningPlatform;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  p = await startPlatform({
    config: {
      smtp: { url: `smtp://127.0.0.1:${port}`, from: '依法治市办 <yifa@yifa.example>' },
      escalation: {
        yellowWorkingDays: 3,
        defaultLadder: PAST_LADDER.slice(0, 1).map((s) => ({ ...s, offset: { days: 60, basis: 'calendar_days' } })),
        ladders: { submit_draft: PAST_LADDER },
      },
    },
  });
}, 120_000);
afterAll(async () => {
  await p?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('escalation mail through a real SMTP server', () => {
  it('sends each step once with its letter attached, even when the worker is killed and restarted mid-ladder', async (ctx) => {
    const drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    // This test counts the ladder's mail: the drafter's new-task notice stays in the bell (progress-notices.test.ts
    // covers its mail).
    await drafter.ok('PUT', '/api/account/notice-preferences', {
      task_assigned: 'bell',
      draft_returned: 'bell_mail',
      opinion_issued: 'bell_mail',
      placed_on_agenda: 'bell_mail',
      decided: 'bell_mail',
    });
    const { id } = await drafter.ok('POST', '/api/decisions', {
      title: '关于调整公共交通票价的决定',
      matterType: 'public_services',
      legalBasis: ['《中华人民共和国价格法》'],
      summary: '调整公共交通票价。',
      plannedMeetingQuarter: '2027-Q1',
      inCatalog: true,
      catalogEntryId: demoCatalogEntryId('jtysj'),
      confidential: false,
      touchesMarketActors: false,
      expertArgumentation: { required: false, reason: '事项专业性不强' },
      riskAssessment: { mode: 'skipped', reason: '不涉及社会稳定风险' },
    });
    const task = await drafter.taskOf(id, 'submit_draft');
    const prisma = p.platform.db.prisma;

    // The server refuses mail: the first step's mail fails and Temporal retries it. Kill the worker meanwhile.
    await eventually(
      () => prisma.mailMessage.findFirst({ where: { decisionId: id, state: 'failed' } }),
      'a failed delivery',
      30_000,
    );
    await p.restartWorker();
    rejecting = false;

    const supervisor = await ApiClient.login(p.baseUrl, 'supervisor1');
    await eventually(
      async () =>
        (await prisma.escalationStep.count({ where: { taskId: task.id } })) === 4 &&
        (await prisma.mailMessage.count({ where: { decisionId: id, state: { not: 'sent' } } })) === 0,
      'the whole ladder sent',
      90_000,
    );
    // Killed again after the ladder: a replay on a new worker repeats nothing.
    await p.restartWorker();
    await new Promise((r) => setTimeout(r, 3000));

    expect(rejected).toBeGreaterThanOrEqual(1);
    const bySubject = (word: string) => received.filter((r) => r.mail.subject?.includes(word));
    // 1 reminder (assignee); 提示函: department + principal leader + its head (R36); 督办函: department + principal leader + 2 supervisors.
    expect(received).toHaveLength(8);
    expect(new Set(received.map((r) => r.mail.messageId)).size).toBe(8);
    expect(bySubject('到期提醒').flatMap((r) => r.envelopeTo)).toEqual(['drafter.jtysj@yifa.example']);
    const dept = await prisma.department.findUniqueOrThrow({ where: { id: 'dept-jtysj' } });
    const leader = await prisma.user.findUniqueOrThrow({ where: { id: dept.principalLeaderId! } });
    expect(
      bySubject('提示函')
        .flatMap((r) => r.envelopeTo)
        .sort(),
    ).toEqual(['dept.jtysj@yifa.example', 'head.jtysj@yifa.example', `${leader.username}@yifa.example`].sort());
    expect(
      bySubject('督办函')
        .flatMap((r) => r.envelopeTo)
        .sort(),
    ).toEqual(
      [
        'dept.jtysj@yifa.example',
        `${leader.username}@yifa.example`,
        'supervisor1@yifa.example',
        'supervisor2@yifa.example',
      ].sort(),
    );
    for (const r of [...bySubject('提示函'), ...bySubject('督办函')]) {
      expect(r.mail.to && !Array.isArray(r.mail.to) ? r.mail.to.text : '').toBe(r.envelopeTo[0]);
      expect(r.mail.attachments).toHaveLength(1);
      expect(r.mail.attachments[0].filename).toMatch(/\.docx$/);
      expect((await docxContent(r.mail.attachments[0].content)).text).toContain('关于调整公共交通票价的决定');
    }

    // Exactly one letter per letter step, registered with the double notification recorded as sent (R36, R37).
    const register = await supervisor.ok('GET', `/api/supervision/letters?decisionId=${id}`);
    expect(register.totals).toEqual({ reminder_letter: 1, supervision_letter: 1 });
    expect(register.items.map((l: any) => l.doubleNotification)).toEqual([
      { state: 'sent', department: 'sent', principalLeader: 'sent' },
      { state: 'sent', department: 'sent', principalLeader: 'sent' },
    ]);
    const year = new Date(Date.parse(register.items[0].issuedAt) + 8 * 3600_000).getUTCFullYear();
    expect(register.items.map((l: any) => l.number)).toEqual([`依法提〔${year}〕1号`, `依法督〔${year}〕1号`]);
    for (const l of register.items) expect(bySubject(l.number)).toHaveLength(l.kind === 'reminder_letter' ? 3 : 4);

    // Listed on the decision, downloadable, counted; the outbox and ledger are visible through the API.
    const outbox = await supervisor.ok('GET', '/api/supervision/outbox');
    expect(outbox.counts).toMatchObject({ sent: 8, queued: 0 });
    expect(outbox.items.every((m: any) => m.attempts >= 1)).toBe(true);
    const ledger = await supervisor.ok('GET', '/api/supervision/ledger');
    expect(ledger.items).toMatchObject([{ decisionId: id, departmentId: 'dept-jtysj', lettersReceived: 2 }]);
    const notices = await (await ApiClient.login(p.baseUrl, leader.username)).ok('GET', '/api/notices');
    expect(notices.items.map((n: any) => n.action).sort()).toEqual(['reminder_letter', 'supervision_letter']);
    expect((await drafter.call('GET', '/api/supervision/ledger')).status).toBe(403);
    const extensionPath = `/api/supervision/tasks/${encodeURIComponent(task.id)}/extensions`;
    expect((await drafter.call('POST', extensionPath, { workingDays: 5, reason: '需要更多时间' })).status).toBe(403);
    const noReason = await supervisor.call('POST', extensionPath, { workingDays: 5 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toBe('reason');

    // Letters open in LibreOffice and carry number, addressee, matter, due date and date.
    const what = 'the letters in LibreOffice';
    if (!needs('libreoffice', what)) ctx.skip(missingToolMessage('libreoffice', what));
    for (const l of register.items) {
      const res = await fetch(`${p.baseUrl}${l.downloadUrl}`, {
        headers: { authorization: `Bearer ${supervisor.token}` },
      });
      expect(res.status).toBe(200);
      const text = await pdfTextOf(Buffer.from(await res.arrayBuffer()), 'letter.docx');
      expect(text).toContain(l.number);
      expect(text).toContain(`${dept.nameZh}`);
      expect(text).toContain('关于调整公共交通票价的决定');
      expect(text).toContain(chineseDate(new Date(task.due!.dueAt)));
      expect(text).toContain(chineseDate(new Date(l.issuedAt)));
      // R36: both letters name the principal leader among their addressees.
      expect(text).toContain(leader.displayName.replace(/\s/g, ''));
    }
  }, 240_000);
});
