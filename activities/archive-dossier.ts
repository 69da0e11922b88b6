/**
 * R28: seals a decision's dossier (决策档案): every stage record, every document (each version), the minutes of
 * the meetings that decided it and its audit trail, in order, with an index (.docx and manifest.json), as one
 * zip whose SHA-256 is stored with it. Sealing is once per decision; the row can no longer change (trigger).
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { describeAuditAction } from '../domain/audit-actions.js';
import { r28DossierOrder, type DossierEntry } from '../domain/rules/archive.js';
import { TASK_KINDS, isTaskKind } from '../domain/tasks/kinds.js';
import { appendAudit, engineActor, HASH_SCHEME } from '../records/audit.js';
import { verifyAuditChain } from '../records/audit-verify.js';
import { renderDossierIndex } from '../records/documents/dossier.js';
import { renderMinutes } from '../records/documents/minutes.js';
import { loadMeeting, meetingTitle } from '../records/documents/meeting-data.js';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);

export function createArchiveActivities(prisma: PrismaClient) {
  return {
    async sealDossier(a: { decisionId: string; reference: string }): Promise<{ sha256: string }> {
      const existing = await prisma.dossier.findUnique({
        where: { decisionId: a.decisionId },
        select: { sha256: true },
      });
      if (existing) return existing;
      const sealedAt = new Date();
      const built = await buildDossier(prisma, a.decisionId, a.reference, sealedAt);
      return prisma.$transaction(async (tx) => {
        const again = await tx.dossier.findUnique({ where: { decisionId: a.decisionId }, select: { sha256: true } });
        if (again) return again;
        await tx.dossier.create({
          data: {
            decisionId: a.decisionId,
            reference: a.reference,
            fileName: built.fileName,
            size: built.zip.length,
            sha256: built.sha256,
            contentBase64: built.zip.toString('base64'),
            index: built.entries as unknown as Prisma.InputJsonValue,
            sealedAt,
          },
        });
        await appendAudit(tx, {
          idempotencyKey: `dossier.sealed:${a.decisionId}`,
          at: sealedAt,
          actor: engineActor,
          action: 'dossier.sealed',
          decisionId: a.decisionId,
          subjectType: 'dossier',
          subjectId: a.decisionId,
          data: {
            rule: 'R28',
            reference: a.reference,
            sha256: built.sha256,
            entries: built.entries.length,
            ...(built.auditChain
              ? {
                  chainHead: {
                    scope: `decision:${a.decisionId}`,
                    scopeSeq: built.auditChain.scopeSeq,
                    hash: built.auditChain.hash,
                  },
                }
              : {}),
          },
        });
        return { sha256: built.sha256 };
      });
    },
  };
}

/** Builds the zip; file times are the seal time, so the bytes (and checksum) depend only on the content. */
export async function buildDossier(prisma: PrismaClient, decisionId: string, reference: string, sealedAt: Date) {
  const decision = await prisma.decision.findUniqueOrThrow({ where: { id: decisionId } });
  const [records, documents, audit, items, dept] = await Promise.all([
    prisma.stageRecord.findMany({ where: { decisionId }, orderBy: { createdAt: 'asc' } }),
    prisma.document.findMany({ where: { decisionId }, orderBy: { createdAt: 'asc' } }),
    prisma.auditEvent.findMany({ where: { decisionId }, orderBy: { seq: 'asc' } }),
    prisma.meetingItem.findMany({ where: { decisionId, decidedAt: { not: null } }, orderBy: { decidedAt: 'asc' } }),
    prisma.department.findUnique({ where: { id: decision.leadDepartmentId }, select: { nameZh: true } }),
  ]);
  // The decision's audit chain as sealed: its head and whether it verified (shown in the index and manifest).
  const chain = await verifyAuditChain(prisma, { scope: `decision:${decisionId}` });
  const auditChain = chain.head
    ? { scheme: HASH_SCHEME, scopeSeq: chain.head.scopeSeq, hash: chain.head.hash, verified: chain.ok }
    : null;
  const files: Array<{ entry: Omit<DossierEntry, 'path'>; name: string; content: Buffer }> = [];
  for (const r of records) {
    const label = isTaskKind(r.kind)
      ? TASK_KINDS[r.kind].label.zh
      : describeAuditAction(r.kind, r.data as Record<string, unknown>).zh;
    const content = Buffer.from(
      JSON.stringify(
        {
          id: r.id,
          stage: r.stage,
          kind: r.kind,
          reference: r.reference,
          recordedById: r.recordedById,
          taskId: r.taskId,
          createdAt: r.createdAt,
          data: r.data,
          documents: r.documents,
        },
        null,
        2,
      ),
    );
    files.push({
      entry: {
        kind: 'record',
        title: `${label}${r.reference ? `（${r.reference}）` : ''}`,
        at: r.createdAt.toISOString(),
        sha256: sha256(content),
        size: content.length,
      },
      name: `${safe(r.kind)}.json`,
      content,
    });
  }
  for (const d of documents) {
    const content = Buffer.from(d.contentBase64, 'base64');
    files.push({
      entry: {
        kind: 'document',
        title: `${d.fileName}（第${d.version}版）`,
        at: d.createdAt.toISOString(),
        sha256: d.sha256,
        size: content.length,
      },
      name: safe(d.fileName),
      content,
    });
  }
  for (const i of items) {
    const m = await loadMeeting(prisma, i.meetingId);
    if (!m) continue;
    const content = await renderMinutes(m, i.decidedAt!);
    files.push({
      entry: {
        kind: 'document',
        title: `${meetingTitle(m.meeting)}纪要`,
        at: i.decidedAt!.toISOString(),
        sha256: sha256(content),
        size: content.length,
      },
      name: `meeting-minutes-${safe(m.meeting.number)}.docx`,
      content,
    });
  }
  const auditJson = Buffer.from(
    JSON.stringify(
      audit.map((e) => ({ ...e, seq: Number(e.seq) })),
      null,
      2,
    ),
  );
  const ordered = r28DossierOrder(files.map((f) => ({ ...f, at: f.entry.at })));
  const entries: DossierEntry[] = ordered.map((f, i) => ({
    ...f.entry,
    path: `${String(i + 1).padStart(3, '0')}-${f.name}`,
  }));
  entries.push({
    path: 'audit-trail.json',
    kind: 'audit_trail',
    title: '审计记录（哈希链）',
    at: sealedAt.toISOString(),
    sha256: sha256(auditJson),
    size: auditJson.length,
  });

  const zip = new JSZip();
  const opts = { date: sealedAt, binary: true as const };
  ordered.forEach((f, i) => zip.file(entries[i].path, f.content, opts));
  zip.file('audit-trail.json', auditJson, opts);
  const indexDocx = await renderDossierIndex({
    number: decision.number,
    title: decision.title,
    department: dept?.nameZh ?? decision.leadDepartmentId,
    reference,
    sealedAt,
    entries,
    confidential: decision.confidential,
    auditChain,
  });
  zip.file('index.docx', indexDocx, opts);
  zip.file(
    'manifest.json',
    Buffer.from(
      JSON.stringify(
        {
          decision: { id: decision.id, number: decision.number, title: decision.title },
          reference,
          sealedAt: sealedAt.toISOString(),
          auditChain,
          entries,
        },
        null,
        2,
      ),
    ),
    opts,
  );
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
  return { zip: buf, sha256: sha256(buf), entries, auditChain, fileName: `${decision.number}-决策档案.zip` };
}
