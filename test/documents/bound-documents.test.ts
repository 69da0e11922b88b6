import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { uploadDocument } from '../../api/services/upload-document.js';
import { materialsPack, minutesDocument } from '../../api/services/meeting-documents.js';
import { recordOutcome } from '../../api/services/agenda-items.js';
import { getReview } from '../../api/services/review-read.js';
import { addDocumentVersion, decisionOwner } from '../../records/document-versions.js';
import type { DocumentRef } from '../../domain/document-policy.js';
import type { UploadDocument } from '../../domain/documents.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { payloads } from '../support/procedure-driver.js';
import { docxContent } from '../support/docx.js';
import { Steps, expectRule, expectStatus } from '../workflows/steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

const file = (kind: UploadDocument['kind'], text = '伪造内容'): UploadDocument => ({
  kind,
  fileName: `${kind}.txt`,
  mimeType: 'text/plain',
  contentBase64: Buffer.from(text).toString('base64'),
});
const upload = async (username: string, decisionId: string, kind: UploadDocument['kind'], text?: string) =>
  uploadDocument(h.ctx, await h.user(username), decisionId, file(kind, text));
const recordOf = async (decisionId: string, kind: string) =>
  (await h.db.prisma.stageRecord.findFirstOrThrow({ where: { decisionId, kind }, orderBy: { createdAt: 'desc' } }))
    .documents as unknown as DocumentRef[];

describe('who may add which document, and when (issue 9 §1)', () => {
  it('refuses a drafter’s upload of a review opinion (403, R19, naming the article): only the legal center’s issuing step makes one', async () => {
    const d = await s.toReview();
    const err = await expectStatus(upload('drafter.jtysj', d.id, 'review_opinion'), 403);
    expect(err.extra.rule).toBe('R19');
    expect(err.localized.zh).toContain('《重大行政决策程序暂行条例》第二十八条');
    expect(await h.db.prisma.document.count({ where: { decisionId: d.id, kind: 'review_opinion' } })).toBe(0);
  });

  it('refuses uploads to a decision by its reviewer and the director (403), and by a secretary and another department’s drafter before the decision is theirs to see (404)', async () => {
    const d = await s.toReview();
    for (const who of [await s.drive.reviewerOf(d.id), 'director']) {
      const err = await expectStatus(upload(who, d.id, 'draft'), 403);
      expect(err.extra.rule, who).toBe('R3');
    }
    // Those who may not read the decision in progress (the access policy) do not learn it exists.
    for (const who of ['secretary1', 'drafter.fgw']) await expectStatus(upload(who, d.id, 'draft'), 404);
    expect(await h.db.prisma.document.count({ where: { decisionId: d.id, kind: 'draft' } })).toBe(1);
  });

  it('refuses a new draft while no drafting or revising step is open (409, R3)', async () => {
    const d = await s.toApproval();
    await expectRule(upload('drafter.jtysj', d.id, 'draft', '审查后偷换的草案'), 'R3');
    expect(await h.db.prisma.document.count({ where: { decisionId: d.id, kind: 'draft' } })).toBe(1);
  });

  it('refuses any upload once the dossier is sealed (409, R28)', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(d.id);
    await s.drive.complete(d.id, 'publish_decision', 'secretary1', payloads.publish_decision());
    await s.drive.complete(d.id, 'name_implementing_unit', 'secretary1', payloads.name_implementing_unit());
    await s.drive.complete(d.id, 'archive_decision', 'secretary1', payloads.archive_decision());
    await h.db.prisma.dossier.findUniqueOrThrow({ where: { decisionId: d.id } });
    for (const [who, kind] of [
      ['drafter.jtysj', 'draft'],
      ['drafter.jtysj', 'other'],
      ['secretary1', 'publication'],
    ] as const) {
      const err = await expectRule(upload(who, d.id, kind), 'R28');
      expect(err.localized.zh).toContain('第三十三条');
    }
  });
});

describe('steps record the exact versions they relied on, and the meeting gets those (R22)', () => {
  it('keeps the reviewed versions in the materials pack after a later draft version exists', async () => {
    const d = await s.toMeeting();
    const reviewed = await recordOf(d.id, 'review_legality');
    const reviewedDraft = reviewed.find((r) => r.kind === 'draft')!;
    expect(reviewedDraft.sha256).toMatch(/^[0-9a-f]{64}$/);
    const approved = await recordOf(d.id, 'approve_submission');
    expect(approved.map((r) => r.kind)).toEqual(expect.arrayContaining(['draft', 'explanation', 'review_opinion']));
    expect(approved.find((r) => r.kind === 'draft')).toEqual(reviewedDraft);

    const meeting = await s.drive.meeting();
    const item = await s.drive.placeOnAgenda(d.id, meeting.id);
    // A later version of the draft (here written past the upload policy, as a forger with database access or a
    // bug would): "the latest" is now unreviewed.
    const later = await h.db.prisma.$transaction((tx) =>
      addDocumentVersion(tx, decisionOwner(d.id), {
        kind: 'draft',
        fileName: 'draft.txt',
        mimeType: 'text/plain',
        content: Buffer.from('未经审查的草案'),
        uploadedById: 'user-drafter.jtysj',
      }),
    );
    expect(later.version).toBe(2);

    const pack = await materialsPack(h.ctx, await h.user('secretary1'), meeting.id, item.id);
    const zip = await JSZip.loadAsync(pack.content);
    const names = Object.keys(zip.files);
    const draftPath = pack.materials.find((m) => m.kind === 'draft')!.path;
    expect(pack.materials.find((m) => m.kind === 'draft')).toMatchObject({ version: 1, sha256: reviewedDraft.sha256 });
    expect((await zip.file(draftPath)!.async('nodebuffer')).toString()).toBe('正文');
    const opinion = approved.find((r) => r.kind === 'review_opinion')!;
    expect(pack.materials.find((m) => m.kind === 'review_opinion')).toMatchObject({ sha256: opinion.sha256 });
    expect(names.filter((n) => n.endsWith('.json'))).toEqual(['manifest.json']);
    expect(names.some((n) => n.startsWith('records/') || n === 'materials.json')).toBe(false);

    const docx = names.find((n) => n.endsWith('.docx') && n.startsWith('00-'))!;
    const { text, xml } = await docxContent(await zip.file(docx)!.async('nodebuffer'));
    expect(text).toContain('材料目录');
    expect(text).toContain(reviewedDraft.sha256);
    expect(text).toContain(opinion.sha256);
    expect(text).not.toContain(later.sha256);
    expect(text).toMatch(/第1版/);
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日\d{1,2}时\d{2}分/);
    expect(xml).toContain('仿宋_GB2312');

    // The meeting decided on those versions: its outcome record and the minutes name them, not the later one.
    await recordOutcome(h.ctx, await h.user('secretary1'), meeting.id, item.id, payloads.meeting_outcome());
    const decided = await recordOf(d.id, 'meeting_outcome');
    expect(decided.find((r) => r.kind === 'draft')).toEqual(reviewedDraft);
    expect(decided.map((r) => r.id)).not.toContain(later.id);
    const minutes = (await docxContent((await minutesDocument(h.ctx, meeting.id)).content)).text;
    expect(minutes).toContain(`决策草案（第1版，校验值${reviewedDraft.sha256.slice(0, 12)}）`);
    expect(minutes).not.toContain(later.sha256.slice(0, 12));
  });
});

describe('a revised draft is a new version of the draft (issue 14 item 3)', () => {
  it('refuses the unchanged file (R19) and a non-draft chosen as the draft (R3); the next round shows the version and the 修改情况说明', async () => {
    const d = await s.toReview();
    const reviewer = await s.drive.reviewerOf(d.id);
    await s.drive.complete(
      d.id,
      'review_legality',
      reviewer,
      payloads.review_legality('returned_for_revision', { reasons: '过渡期安排不明确' }),
    );
    await s.drive.task(d.id, 'revise_draft');
    const [reviewedDraft] = (await recordOf(d.id, 'review_legality')).filter((r) => r.kind === 'draft');

    // The same file again: a new row with the same SHA-256 is still the reviewed draft.
    const same = await upload('drafter.jtysj', d.id, 'draft', '正文');
    expect(same.sha256).toBe(reviewedDraft.sha256);
    const unchanged = await expectRule(
      s.drive.complete(d.id, 'revise_draft', 'drafter.jtysj', {
        revisedDraftDocumentId: same.id,
        changesSummary: '已修改',
      }),
      'R19',
    );
    expect(unchanged.extra.violations?.[0]?.path).toEqual(['revisedDraftDocumentId']);
    expect(unchanged.localized.zh).toContain('第二十八条');
    const explanation = await h.db.prisma.document.findFirstOrThrow({
      where: { decisionId: d.id, kind: 'explanation' },
    });
    const wrongKind = await expectRule(
      s.drive.complete(d.id, 'revise_draft', 'drafter.jtysj', {
        revisedDraftDocumentId: explanation.id,
        changesSummary: '已修改',
      }),
      'R3',
    );
    expect(wrongKind.localized.zh).toContain('不是决策草案');
    expect((await s.drive.task(d.id, 'revise_draft')).status).toBe('open');

    const revised = await upload('drafter.jtysj', d.id, 'draft', '修改稿：明确过渡期');
    await s.drive.complete(d.id, 'revise_draft', 'drafter.jtysj', {
      revisedDraftDocumentId: revised.id,
      changesSummary: '第五条增加六个月过渡期',
    });
    const second = await s.drive.task(d.id, 'review_legality');
    const seen = (second.context as { materials: { draftDocumentId: string } }).materials.draftDocumentId;
    expect(seen).toBe(revised.id);
    const review = await h.db.prisma.review.findFirstOrThrow({ where: { decisionId: d.id } });
    const view = await getReview(h.ctx, await h.user(reviewer), review.id);
    expect(view.revisions).toEqual([
      expect.objectContaining({
        round: 2,
        changesSummary: '第五条增加六个月过渡期',
        draft: expect.objectContaining({ id: revised.id, version: revised.version, sha256: revised.sha256 }),
      }),
    ]);
  });
});
