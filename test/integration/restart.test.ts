import { mkdtempSync, rmSync } from 'node:fs';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform } from '../support/platform.js';

/** What a second `npm start` must do: find every decision and every running workflow where it left them. */
describe('restarting the embedded platform', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yifa-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps decisions, open tasks and running procedures across a full stop and start', async () => {
    let p = await startPlatform({ dataDir });
    let drafter = await ApiClient.login(p.baseUrl, 'drafter.zjj');
    const { id } = await drafter.ok('POST', '/api/decisions', {
      title: '关于老旧小区改造的实施意见',
      matterType: 'public_services',
      legalBasis: ['《城市房地产管理法》'],
      summary: '改造2000年前建成的老旧小区。',
      plannedMeetingQuarter: '2027-Q2',
      inCatalog: true,
      catalogEntryId: demoCatalogEntryId('zjj'),
      confidential: false,
      touchesMarketActors: false,
      expertArgumentation: { required: false, reason: '技术上成熟，无须专家论证' },
      riskAssessment: { mode: 'covered', reference: '市住建局〔2026〕风评12号' },
    });
    const before = await drafter.taskOf(id, 'submit_draft');
    await p.close();

    p = await startPlatform({ dataDir });
    try {
      drafter = await ApiClient.login(p.baseUrl, 'drafter.zjj');
      const after = await drafter.taskOf(id, 'submit_draft');
      expect(after).toMatchObject({ id: before.id, due: before.due });
      const doc = (kind: string) =>
        drafter.ok('POST', `/api/decisions/${id}/documents`, {
          kind,
          fileName: `${kind}.txt`,
          contentBase64: Buffer.from(kind).toString('base64'),
        });
      const [draft, explanation] = [await doc('draft'), await doc('explanation')];
      const r = await drafter.complete(id, 'submit_draft', {
        draftDocumentId: draft.id,
        explanationDocumentId: explanation.id,
      });
      expect(r.status).toBe(200);
      await drafter.taskOf(id, 'open_comment_period');
      const d = await drafter.ok('GET', `/api/decisions/${id}`);
      expect(d.stages.find((s: { stage: string }) => s.stage === 'expert_argumentation')).toMatchObject({
        status: 'skipped',
      });
      expect(d.stages.find((s: { stage: string }) => s.stage === 'risk_assessment').reason).toContain(
        '市住建局〔2026〕风评12号',
      );
    } finally {
      await p.close();
    }
  });
});
