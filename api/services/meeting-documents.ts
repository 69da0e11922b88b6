/** The agenda (议题单) and minutes (会议纪要) as Word documents, and each item's materials pack (R22) as a zip. */
import JSZip from 'jszip';
import { renderAgenda } from '../../activities/documents/agenda.js';
import { renderMinutes } from '../../activities/documents/minutes.js';
import { loadMeeting, meetingTitle } from '../../activities/documents/meeting-data.js';
import { r22FairCompetitionReviewed, r22MeetingMaterials } from '../../domain/rules/meeting.js';
import type { LaunchDecision } from '../../domain/decision/launch.js';
import { TASK_KINDS, isTaskKind } from '../../domain/tasks/kinds.js';
import { notFound } from '../errors.js';
import type { ServiceContext } from './context.js';

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

/** R22: the draft and explanation (latest versions), the stage records with the adoption summaries, risk report and review opinion, and the materials checklist. */
export async function materialsPack(ctx: ServiceContext, meetingId: string, itemId: string) {
  const item = await ctx.prisma.meetingItem.findFirst({ where: { id: itemId, meetingId } });
  if (!item) throw notFound('议题');
  const decision = await ctx.prisma.decision.findUniqueOrThrow({ where: { id: item.decisionId } });
  const [documents, records] = await Promise.all([
    ctx.prisma.document.findMany({ where: { decisionId: decision.id }, orderBy: [{ kind: 'asc' }, { version: 'desc' }] }),
    ctx.prisma.stageRecord.findMany({ where: { decisionId: decision.id }, orderBy: { createdAt: 'asc' } }),
  ]);
  const latest = documents.filter((d, i) => documents.findIndex((x) => x.kind === d.kind) === i);
  const launch = decision.launch as unknown as LaunchDecision;
  const checklist = r22MeetingMaterials({
    documentKinds: latest.map((d) => d.kind),
    recordKinds: records.map((r) => r.kind),
    stageStates: decision.stageStates as Record<string, { status: string; reason?: string }>,
    touchesMarketActors: launch.touchesMarketActors,
    hasFairCompetitionReview: r22FairCompetitionReviewed(records, latest.map((d) => d.kind)),
  });
  const zip = new JSZip();
  latest.forEach((d) => zip.file(`documents/${d.kind}-v${d.version}-${d.fileName}`, Buffer.from(d.contentBase64, 'base64')));
  records.forEach((r, i) => {
    const label = isTaskKind(r.kind) ? TASK_KINDS[r.kind].label.zh : r.kind;
    zip.file(`records/${String(i + 1).padStart(3, '0')}-${r.kind}.json`, JSON.stringify({ label, stage: r.stage, reference: r.reference, createdAt: r.createdAt, data: r.data }, null, 2));
  });
  zip.file('materials.json', JSON.stringify({ decision: { number: decision.number, title: decision.title }, rule: 'R22', checklist }, null, 2));
  return { fileName: `${decision.number}-上会材料.zip`, mimeType: 'application/zip', content: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), checklist };
}
