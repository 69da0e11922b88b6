/**
 * Mail through nodemailer (R36): every message sits in the outbox (MailMessage, one row per step and recipient),
 * and `deliverMail` sends it. Temporal retries a failed send; a row already sent is never sent again. With no
 * SMTP server configured the row stays queued (visible through the API) and is sent by `flushOutbox` when a
 * worker starts with one.
 */
import nodemailer from 'nodemailer';
import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { DeliveryState } from '../domain/rules/escalation.js';
import { appendAudit, engineActor } from '../records/audit.js';
import { letterDocument } from '../records/documents/letters.js';

/** How long a send may take before another sender takes the row over. */
const SEND_CLAIM_MS = 120_000;

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

export interface SmtpSettings {
  /** `smtp://user:pass@host:port` (nodemailer URL), or the parts. */
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from: string;
}

/** A nodemailer SMTP transport; undefined when no server is configured (mail waits in the outbox). */
export function smtpMailer(s: SmtpSettings | undefined): (Mailer & { from: string }) | undefined {
  if (!s || (!s.url && !s.host)) return undefined;
  const transport = s.url
    ? nodemailer.createTransport(s.url)
    : nodemailer.createTransport({
        host: s.host,
        port: s.port ?? 25,
        secure: s.secure ?? false,
        auth: s.user ? { user: s.user, pass: s.pass ?? '' } : undefined,
      });
  return {
    from: s.from,
    async send(m) {
      await transport.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
        attachments: m.attachments,
      });
    },
  };
}

/** The Message-ID derived from the idempotency key (records/mail-id.ts: services queue mail too). */
export { messageIdFor } from '../records/mail-id.js';

export function createMailActivities(prisma: PrismaClient, mailer: (Mailer & { from: string }) | undefined) {
  return {
    /** Sends one outbox row; a no-op when already sent; queued when no SMTP server is configured. */
    async deliverMail(a: { mailId: string }): Promise<DeliveryState> {
      return sendOne(prisma, mailer, a.mailId, true);
    },
  };
}

/** Sends every queued row (called when a worker starts with an SMTP server configured). Returns how many were sent. */
export async function flushOutbox(
  prisma: PrismaClient,
  mailer: (Mailer & { from: string }) | undefined,
): Promise<number> {
  if (!mailer) return 0;
  const queued = await prisma.mailMessage.findMany({
    where: { state: 'queued' },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  let sent = 0;
  for (const q of queued) if ((await sendOne(prisma, mailer, q.id, false).catch(() => 'failed')) === 'sent') sent++;
  return sent;
}

/**
 * Sends what services and records queue outside a workflow (progress notices, expert invitations) every
 * `intervalMs` while the worker runs; one pass at a time. Returns the stop function.
 */
export function startOutboxPoller(
  prisma: PrismaClient,
  mailer: (Mailer & { from: string }) | undefined,
  intervalMs: number,
  log: (line: string) => void = console.error,
): () => void {
  if (!mailer) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    flushOutbox(prisma, mailer)
      .catch((err: unknown) => log(`outbox: ${(err as Error).message}`))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function sendOne(
  prisma: PrismaClient,
  mailer: (Mailer & { from: string }) | undefined,
  mailId: string,
  throwOnError: boolean,
): Promise<DeliveryState> {
  const row = await prisma.mailMessage.findUnique({ where: { id: mailId } });
  if (!row) throw ApplicationFailure.nonRetryable(`no mail ${mailId}`, 'NonRetryable');
  if (row.state === 'sent') return 'sent';
  if (!mailer) return 'queued';
  const attachments: OutgoingMail['attachments'] = [];
  if (row.letterId) {
    const letter = await prisma.escalationLetter.findUniqueOrThrow({ where: { id: row.letterId } });
    const doc = await letterDocument(prisma, letter);
    attachments.push({
      filename: doc.fileName,
      content: Buffer.from(doc.contentBase64, 'base64'),
      contentType: doc.mimeType,
    });
  }
  const at = new Date();
  // Claim the row: a concurrent sender (the start-up flush, another attempt) backs off; a claim older than the
  // send timeout is a crashed sender's and is taken over.
  const stale = new Date(at.getTime() - SEND_CLAIM_MS);
  const claimed = await prisma.mailMessage.updateMany({
    where: {
      id: mailId,
      OR: [{ state: { in: ['queued', 'failed'] } }, { state: 'sending', lastAttemptAt: { lt: stale } }],
    },
    data: { state: 'sending', lastAttemptAt: at },
  });
  if (claimed.count !== 1) {
    if (throwOnError) throw new Error(`mail ${mailId} is being sent by another worker`);
    return 'queued';
  }
  try {
    await mailer.send({
      from: mailer.from,
      to: row.toAddress,
      subject: row.subject,
      text: row.text,
      messageId: row.messageId,
      attachments,
    });
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    await prisma.mailMessage.update({
      where: { id: mailId },
      data: { state: 'failed', attempts: { increment: 1 }, lastError: message.slice(0, 1000), lastAttemptAt: at },
    });
    await recordPair(prisma, row.letterId, row.recipientRole, 'failed');
    if (throwOnError) throw err;
    return 'failed';
  }
  await prisma.$transaction(async (tx) => {
    await tx.mailMessage.update({
      where: { id: mailId },
      data: { state: 'sent', attempts: { increment: 1 }, lastError: null, lastAttemptAt: at, sentAt: at },
    });
    await appendAudit(tx, {
      idempotencyKey: `mail.sent:${row.idempotencyKey}`,
      at,
      actor: engineActor,
      action: 'mail.sent',
      decisionId: row.decisionId,
      subjectType: 'mail',
      subjectId: row.id,
      data: { to: row.toAddress, subject: row.subject, recipientRole: row.recipientRole, letterId: row.letterId },
    });
  });
  await recordPair(prisma, row.letterId, row.recipientRole, 'sent');
  return 'sent';
}

/** R36: the letter's department / principal-leader delivery state follows its mails. */
async function recordPair(
  prisma: PrismaClient,
  letterId: string | null,
  role: string,
  state: DeliveryState,
): Promise<void> {
  if (!letterId) return;
  if (role === 'department')
    await prisma.escalationLetter.update({ where: { id: letterId }, data: { departmentDelivery: state } });
  if (role === 'principal_leader')
    await prisma.escalationLetter.update({ where: { id: letterId }, data: { leaderDelivery: state } });
}
