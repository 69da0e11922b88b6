import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { carryDecisionThroughHttp, saveHistories } from './procedure-over-http.js';
import { verifyAuditChain } from '../../records/audit-verify.js';

/** The real Temporal dev server, PGlite and the HTTP API, as `npm start` runs them. */
describe('the platform on the embedded default (dev server + PGlite)', () => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => p?.close());

  it('carries a decision from launch to archive through HTTP, each step by its user, every action audited in order', async () => {
    const { id, number } = await carryDecisionThroughHttp(p);
    await saveHistories(p, number, 'embedded-launch-to-archive');

    const drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    const audit = await drafter.ok('GET', `/api/decisions/${id}/audit`);
    const personal = audit.events.filter((e: { actor: { userId: string | null } }) => e.actor.userId);
    expect(personal.map((e: { action: string; actor: { role: string } }) => `${e.actor.role}:${e.action}`)).toEqual([
      'drafter:decision.launched',
      'drafter:document.uploaded',
      'drafter:document.uploaded',
      'drafter:task.completed.submit_draft',
      'drafter:task.completed.record_expert_opinions',
      'drafter:task.completed.submit_risk_assessment',
      'drafter:task.completed.submit_for_legality_review',
      'drafter:task.completed.supplement_materials',
      'director:review.reassigned',
      'reviewer:task.completed.review_legality',
      'drafter:task.completed.record_required_changes',
      'dept_head:task.completed.approve_submission',
      'secretary:task.completed.report_to_party_committee',
      'secretary:task.completed.place_on_agenda',
      'secretary:meeting.item_decided',
      'secretary:task.completed.publish_decision',
      'secretary:task.completed.name_implementing_unit',
      'secretary:task.completed.archive_decision',
    ]);
    for (const e of personal) expect(e.actor.departmentId).toBeTruthy();
    const seqs = audit.events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    // The decision's trail is one hash chain that recomputes from the rows as stored, and so is every other chain.
    const chain = await p.platform.db.prisma.auditEvent.findMany({
      where: { scope: `decision:${id}` },
      orderBy: { seq: 'asc' },
      select: { hash: true, prevHash: true },
    });
    chain.slice(1).forEach((e, i) => expect(e.prevHash).toBe(chain[i].hash));
    expect((await verifyAuditChain(p.platform.db.prisma)).firstBreak).toBeNull();
  });
});
