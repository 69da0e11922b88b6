import type { LaunchDecision } from '../../domain/decision/launch.js';
import { r22FairCompetitionReviewed, r22MeetingMaterials, type R22Item } from '../../domain/rules/meeting.js';
import type { ServiceContext } from './context.js';

/** R22: the materials list of a decision as its records and documents stand now (what placing it on an agenda checks). */
export async function agendaMaterialsChecklist(ctx: ServiceContext, decisionId: string): Promise<R22Item[]> {
  const [decision, documents, records] = await Promise.all([
    ctx.prisma.decision.findUniqueOrThrow({ where: { id: decisionId }, select: { launch: true, stageStates: true } }),
    ctx.prisma.document.findMany({ where: { decisionId }, select: { kind: true } }),
    ctx.prisma.stageRecord.findMany({ where: { decisionId }, select: { kind: true, data: true } }),
  ]);
  const documentKinds = [...new Set(documents.map((d) => d.kind))];
  return r22MeetingMaterials({
    documentKinds,
    recordKinds: records.map((r) => r.kind),
    stageStates: decision.stageStates as Record<string, { status: string; reason?: string }>,
    touchesMarketActors: (decision.launch as unknown as LaunchDecision).touchesMarketActors,
    hasFairCompetitionReview: r22FairCompetitionReviewed(records, documentKinds),
  });
}
