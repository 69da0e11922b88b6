/** The agenda (议题单) and minutes (会议纪要) as Word documents, and each item's materials pack (R22) as a zip. */
import JSZip from 'jszip';
import { renderAgenda } from '../../records/documents/agenda.js';
import { renderMinutes } from '../../records/documents/minutes.js';
import { loadMeeting, meetingTitle } from '../../records/documents/meeting-data.js';
import { r22FairCompetitionReviewed, r22MeetingMaterials } from '../../domain/rules/meeting.js';
import type { LaunchDecision } from '../../domain/decision/launch.js';
import { currentMaterials, type DocumentRef } from '../../domain/document-policy.js';
import { referencedDocumentIds } from '../../domain/tasks/fields.js';
import { documentRefs } from '../../records/document-versions.js';
import { packFileName, renderMaterialsContents } from '../../records/documents/materials-pack.js';
import { notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { requireFullDecision } from './access.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function agendaDocument(ctx: ServiceContext, meetingId: string) {
  const m = await loadMeeting(ctx.prisma, meetingId);
  if (!m) throw notFound('会议');
  return { fileName: `${meetingTitle(m.meeting)}议题单.docx`, mimeType: DOCX, content: await renderAgenda(m) };
}

export async function minutesDocument(ctx: ServiceContext, meetingId: string) {
  const m = await loadMeeting(ctx.prisma, meetingId);
  if (!m) throw notFound('会议');
  return { fileName: `${meetingTitle(m.meeting)}纪要.docx`, mimeType: DOCX, content: await renderMinutes(m) };
}

/**
 * R22: an item's materials pack: one readable GB/T 9704 document (contents page with each material's version,
 * SHA-256 and time, and the summaries the meeting receives) plus the original files of the exact versions placed
 * on the agenda, never the latest upload. A machine manifest (manifest.json) names the same files and hashes.
 */
export async function materialsPack(ctx: ServiceContext, user: SessionUser, meetingId: string, itemId: string) {
  const item = await ctx.prisma.meetingItem.findFirst({ where: { id: itemId, meetingId } });
  if (!item) throw notFound('议题');
  // Attendees read their meeting's materials; anyone else only a decision they read in full (the access policy).
  const attendee = await ctx.prisma.meetingAttendee.findFirst({
    where: { meetingId, userId: user.id },
    select: { id: true },
  });
  if (!attendee) await requireFullDecision(ctx, user, item.decisionId);
  const [decision, meeting] = await Promise.all([
    ctx.prisma.decision.findUniqueOrThrow({
      where: { id: item.decisionId },
      include: { leadDepartment: { select: { nameZh: true } } },
    }),
    ctx.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } }),
  ]);
  const records = await ctx.prisma.stageRecord.findMany({
    where: { decisionId: decision.id, createdAt: { lte: item.addedAt } },
    orderBy: { createdAt: 'asc' },
  });
  const refs = await placedMaterials(ctx, item.materials as unknown as DocumentRef[], records);
  const rows = await ctx.prisma.document.findMany({
    where: { id: { in: refs.map((r) => r.id) }, decisionId: decision.id },
  });
  const materials = refs.flatMap((r) => rows.filter((d) => d.id === r.id && d.sha256 === r.sha256));
  const launch = decision.launch as unknown as LaunchDecision;
  const latestOf = (kind: string) => records.filter((r) => r.kind === kind).at(-1);
  const fairCompetition = records
    .map(
      (r) => (r.data as { fairCompetitionReview?: { conclusion?: string } } | null)?.fairCompetitionReview?.conclusion,
    )
    .filter(Boolean)
    .at(-1);
  const checklist = r22MeetingMaterials({
    documentKinds: materials.map((d) => d.kind),
    recordKinds: records.map((r) => r.kind),
    stageStates: decision.stageStates as Record<string, { status: string; reason?: string }>,
    touchesMarketActors: launch.touchesMarketActors,
    hasFairCompetitionReview: r22FairCompetitionReviewed(
      records,
      materials.map((d) => d.kind),
    ),
  });
  const title = meetingTitle(meeting);
  const contents = await renderMaterialsContents({
    decision: {
      number: decision.number,
      title: decision.title,
      department: decision.leadDepartment.nameZh,
      confidential: decision.confidential,
    },
    meeting: { title, number: meeting.number },
    position: item.position,
    materials: materials.map((d) => ({
      id: d.id,
      kind: d.kind,
      version: d.version,
      sha256: d.sha256,
      fileName: d.fileName,
      createdAt: d.createdAt,
    })),
    checklist,
    records: Object.fromEntries(
      (
        ['conclude_public_participation', 'record_expert_opinions', 'submit_risk_assessment', 'review_opinion'] as const
      ).flatMap((k) => {
        const r = latestOf(k);
        return r ? [[k, { data: r.data, reference: r.reference }]] : [];
      }),
    ),
    fairCompetition,
    madeAt: item.addedAt,
  });
  const zip = new JSZip();
  zip.file(`00-上会材料目录（议题${item.position}）.docx`, contents);
  const files = materials.map((d, i) => ({
    path: packFileName(d, i),
    kind: d.kind,
    version: d.version,
    sha256: d.sha256,
    documentId: d.id,
  }));
  materials.forEach((d, i) => zip.file(files[i].path, Buffer.from(d.contentBase64, 'base64')));
  zip.file(
    'manifest.json',
    JSON.stringify({ rule: 'R22', decision: decision.number, meeting: meeting.number, item: item.id, files }, null, 2),
  );
  return {
    fileName: `${decision.number}-上会材料.zip`,
    mimeType: 'application/zip',
    content: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    checklist,
    materials: files,
  };
}

/** The versions recorded when the item was placed; for items placed before they were recorded, those the steps up to then named. */
async function placedMaterials(
  ctx: ServiceContext,
  recorded: DocumentRef[],
  records: Array<{ kind: string; data: unknown; documents: unknown }>,
): Promise<DocumentRef[]> {
  if (recorded.length) return recorded;
  const steps = await Promise.all(
    records.map(async (r) => {
      const own = r.documents as DocumentRef[];
      if (own.length) return { documents: own };
      const ids = [
        ...referencedDocumentIds(r.data),
        ...(r.kind === 'review_opinion' ? [String((r.data as { documentId?: string }).documentId)] : []),
      ];
      return { documents: await documentRefs(ctx.prisma, ids) };
    }),
  );
  return currentMaterials(steps);
}
