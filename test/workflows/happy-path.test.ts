import { describe, expect, it } from 'vitest';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { ProcedureDriver, payloads } from '../support/procedure-driver.js';

let h: Harness;
let drive: ProcedureDriver;
useTimeSkippingHarness((x) => {
  h = x;
  drive = new ProcedureDriver(h.ctx, h.user);
});

describe('a decision from launch to archive', () => {
  it('passes every stage in statutory order, each step by its role', async () => {
    const d = await drive.launchWithDraft();
    expect(d.number).toMatch(/^JC-\d{4}-0001$/);
    await drive.complete(d.id, 'open_comment_period', 'drafter.jtysj', payloads.open_comment_period());
    await drive.complete(d.id, 'record_expert_opinions', 'drafter.jtysj', payloads.record_expert_opinions());
    await drive.complete(d.id, 'submit_risk_assessment', 'drafter.jtysj', payloads.submit_risk_assessment());
    const conclude = await drive.task(d.id, 'conclude_public_participation');
    await h.skipPast((conclude.context as { commentPeriodEndsAt: string }).commentPeriodEndsAt);
    await drive.complete(
      d.id,
      'conclude_public_participation',
      'drafter.jtysj',
      payloads.conclude_public_participation(),
    );
    await drive.complete(d.id, 'submit_for_legality_review', 'drafter.jtysj', payloads.submit_for_legality_review());
    await drive.complete(d.id, 'review_legality', await drive.reviewerOf(d.id), payloads.review_legality());
    await drive.complete(d.id, 'approve_submission', 'head.jtysj', payloads.approve_submission());
    await drive.complete(d.id, 'report_to_party_committee', 'secretary1', payloads.report_to_party_committee());
    await drive.decideAtMeeting(d.id);
    await drive.complete(d.id, 'publish_decision', 'secretary1', payloads.publish_decision());
    await drive.complete(d.id, 'name_implementing_unit', 'secretary1', payloads.name_implementing_unit());
    const last = await drive.complete(d.id, 'archive_decision', 'secretary1', payloads.archive_decision());
    expect(last.status).toBe('closed');
    const row = await h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.stage).toBe('archived');
    expect(row.status).toBe('closed');
    const dossier = await h.db.prisma.dossier.findUniqueOrThrow({ where: { decisionId: d.id } });
    expect(dossier.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);
});
