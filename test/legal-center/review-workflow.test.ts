import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideFlagService,
  completeReviewTaskService,
  declineReviewService,
  reassignReviewService,
  uploadReviewDocument,
} from '../../api/services/review-actions.js';
import { getReview, opinionDraft } from '../../api/services/review-read.js';
import { submitForReview } from '../../api/services/review-submit.js';
import { chinaDate } from '../../domain/china-time.js';
import { loadCalendarYear } from '../../api/services/load-calendar.js';
import { NATIONAL_DAY_2030, NOW_2030 } from '../escalation/fixtures.js';
import type { SubmitForReview } from '../../domain/review/submission.js';
import { timeSkippingHarness, type Harness } from '../support/temporal.js';
import { eventually, expectRule, expectStatus } from '../workflows/steps.js';

let h: Harness;
beforeAll(async () => {
  h = await timeSkippingHarness();
  await h.db.prisma.reviewKindSetting.update({
    where: { kind: 'contract' },
    data: { secondCheck: true, directorSignOff: true },
  });
}, 120_000);
afterAll(async () => h?.close());

const DAY = 86_400_000;
const file = (name: string, text: string) => ({
  fileName: name,
  mimeType: 'text/plain',
  contentBase64: Buffer.from(text).toString('base64'),
});
const normativeDraft =
  '第五条 违反本办法设置户外广告的，由城管部门处以五千元以上一万元以下罚款。\n第九条 依据《城市房屋拆迁管理条例》对广告设施予以拆除。';

const openTask = (reviewId: string, kind: string) =>
  eventually(
    () => h.db.prisma.task.findFirst({ where: { reviewId, kind, status: 'open' }, orderBy: { openedAt: 'desc' } }),
    `${kind} on ${reviewId}`,
  );
const complete = async (taskId: string, username: string, payload: unknown) =>
  completeReviewTaskService(h.ctx, await h.user(username), taskId, payload);
const submit = async (username: string, body: Partial<SubmitForReview> & Pick<SubmitForReview, 'kind' | 'title'>) =>
  submitForReview(h.ctx, await h.user(username), { legalBasis: [], ...body } as SubmitForReview);
const usernameOf = async (userId: string) =>
  (await h.db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).username;
const ok = { conforms: true, finding: '经审查符合规定。' };
const contractFindings = { parties: ok, authority: ok, content: ok, terms: ok };

describe('a normative document’s review', () => {
  it('returns an incomplete submission for supplement, starts the clock only when complete, flags the fine and the repealed basis, and issues a numbered opinion', async () => {
    // The clock pinned to Monday 4 Nov 2030 10:00 Beijing time with the test 2030 notice loaded (escalation/fixtures.ts:
    // no holiday in November), so the expected due below is a hand-counted constant whatever day the test runs.
    await loadCalendarYear(
      h.ctx,
      await h.user('admin'),
      2030,
      { ...NATIONAL_DAY_2030, source: '国办发明电〔2029〕测试' },
      { now: NOW_2030 },
    );
    await h.skipPast('2030-11-04T02:00:00Z', 0);
    const { id } = await submit('drafter.scjgj', {
      kind: 'normative_document',
      title: '某市户外广告设置管理办法',
      draft: file('办法.txt', normativeDraft),
      explanation: file('起草说明.txt', '起草说明'),
      legalBasis: ['《中华人民共和国行政许可法》'],
    });
    expect(id).toMatch(/^GF-\d{4}-0001$/);
    const supplement = await openTask(id, 'supplement_materials');
    expect(supplement.departmentId).toBe('dept-scjgj');
    expect(supplement.context).toMatchObject({ missingItems: [expect.stringContaining('consultation')] });
    expect((await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).reviewerUserId).toBeNull();

    await h.skipPast(new Date((await h.now()).getTime() + 7 * DAY).toISOString());
    await complete(supplement.id, 'drafter.scjgj', {
      consultationSummary: '已在政府网站公开征求意见30日，收到意见12条，采纳8条。',
      note: '补充征求意见情况',
    });
    const review = await openTask(id, 'review_legality');
    const resumed = (await h.db.prisma.task.findUniqueOrThrow({ where: { id: supplement.id } })).completedAt!;
    expect(review.dueRule).toBe('R17');
    expect(review.dueBasis).toBe('5 working_days');
    // Resubmitted seven days later, Monday 11 Nov 2030. R17: 5 working days from the next day, counted by hand:
    // Tue 12 (1), Wed 13 (2), Thu 14 (3), Fri 15 (4), [weekend 16/17], Mon 18 (5); due at 18:00 Beijing time.
    expect(chinaDate(resumed)).toBe('2030-11-11');
    expect(review.dueAt!.toISOString()).toBe('2030-11-18T10:00:00.000Z');
    const audit = await h.db.prisma.auditEvent.findMany({
      where: { subjectId: id, action: { in: ['review.returned_for_supplement', 'review.resubmitted'] } },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual(['review.returned_for_supplement', 'review.resubmitted']);

    const reviewer = await usernameOf(review.assigneeUserId!);
    const flags = (await getReview(h.ctx, await h.user('director'), id)).flags;
    expect(flags.map((f) => f.code)).toEqual(['sets_penalty', 'repealed_basis']);
    const [fine, repealed] = flags;
    await expectStatus(
      decideFlagService(h.ctx, await h.user(reviewer === 'reviewer01' ? 'reviewer02' : 'reviewer01'), id, fine.id, {
        decision: 'confirmed',
      }),
      404,
    ); // not their review: it does not exist for them (access policy)
    await decideFlagService(h.ctx, await h.user(reviewer), id, fine.id, { decision: 'confirmed' });
    await decideFlagService(h.ctx, await h.user(reviewer), id, repealed.id, {
      decision: 'dismissed',
      reason: '第九条拟删除，不作为制定依据',
    });
    const decided = await h.db.prisma.reviewFlag.findUniqueOrThrow({ where: { id: repealed.id } });
    expect(decided).toMatchObject({
      status: 'dismissed',
      reason: '第九条拟删除，不作为制定依据',
      decidedById: review.assigneeUserId,
    });
    expect(
      await h.db.prisma.auditEvent.count({ where: { subjectId: repealed.id, action: 'review.flag_dismissed' } }),
    ).toBe(1);

    const draft = await opinionDraft(h.ctx, await h.user(reviewer), id);
    const findings = Object.fromEntries(
      draft.findings.map((f) => [f.key, { conforms: f.conforms, finding: f.finding }]),
    );
    expect(findings.measures.conforms).toBe(false);
    const incomplete = {
      findings: { authority: ok, procedure: ok, content: ok },
      outcome: 'passed',
      attachedOpinions: [],
    };
    await expectRule(complete(review.id, reviewer, incomplete), 'R18');
    await expectRule(complete(review.id, reviewer, { findings, outcome: 'passed', attachedOpinions: [] }), 'R15');
    await expectRule(
      complete(review.id, reviewer, {
        findings,
        outcome: 'passed_with_changes',
        requiredChanges: ['删除第五条'],
        attachedOpinions: [],
      }),
      'R15',
    );
    await complete(review.id, reviewer, {
      findings,
      outcome: 'returned_for_revision',
      reasons: draft.text,
      attachedOpinions: [],
    });

    // R19: the revised draft comes back to the same reviewer, and the assisted review reads it afresh.
    const revise = await openTask(id, 'revise_draft');
    expect(revise.context).toMatchObject({ outcome: 'returned_for_revision', reviewerUserId: review.assigneeUserId });
    const revised = await uploadReviewDocument(
      h.ctx,
      await h.user('drafter.scjgj'),
      id,
      'draft',
      file('办法修改稿.txt', '第五条 违反本办法设置户外广告的，依照《中华人民共和国行政许可法》处理。'),
    );
    await complete(revise.id, 'drafter.scjgj', {
      revisedDraftDocumentId: revised.id,
      changesSummary: '删除罚款和拆除条款',
    });
    const again = await openTask(id, 'review_legality');
    expect(again.assigneeUserId).toBe(review.assigneeUserId);
    expect((await getReview(h.ctx, await h.user(reviewer), id)).flags.filter((f) => f.status === 'open')).toEqual([]);
    const clean = { authority: ok, procedure: ok, content: ok, measures: ok, rights: ok };
    await complete(again.id, reviewer, {
      findings: clean,
      outcome: 'passed_with_changes',
      requiredChanges: ['第五条表述改为“依照有关法律法规处理”'],
      attachedOpinions: [],
    });

    const changes = await openTask(id, 'record_required_changes');
    const row = await h.db.prisma.review.findUniqueOrThrow({ where: { id } });
    expect(row.opinionNo).toMatch(/^法规审〔\d{4}〕1号$/);
    expect(changes.context).toMatchObject({
      requiredChanges: ['第五条表述改为“依照有关法律法规处理”'],
      opinionNo: row.opinionNo,
    });
    await complete(changes.id, 'drafter.scjgj', {
      changes: [{ requirement: '第五条表述改为“依照有关法律法规处理”', howMade: '已修改' }],
    });
    await eventually(
      async () => (await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).status === 'done',
      'review done',
    );
  });
});

describe('a contract’s review with a second check and the director’s sign-off', () => {
  it('does not issue the opinion until a second reviewer agrees and the director signs off; a disagreement goes back to the reviewer', async () => {
    const { id } = await submit('drafter.jtysj', {
      kind: 'contract',
      title: '公交场站委托运营协议',
      draft: file('协议.txt', '甲乙双方依据《中华人民共和国民法典》签订本协议。'),
      counterparty: file('营业执照.txt', '营业执照'),
      legalBasis: ['《中华人民共和国民法典》'],
    });
    expect(id).toMatch(/^HT-\d{4}-0001$/);
    const first = await openTask(id, 'review_legality');
    const reviewer = await usernameOf(first.assigneeUserId!);
    await complete(first.id, reviewer, { findings: contractFindings, outcome: 'passed', attachedOpinions: [] });

    const check = await openTask(id, 'second_check_review');
    expect(check.assigneeUserId).not.toBe(first.assigneeUserId);
    expect(check.assigneeUserId).toMatch(/^user-reviewer/);
    expect((await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).opinionNo).toBeNull();
    const checker = await usernameOf(check.assigneeUserId!);
    await expectStatus(complete(check.id, checker, { agrees: false }), 400);
    await complete(check.id, checker, { agrees: false, comments: '违约责任条款不完整' });

    const second = await openTask(id, 'review_legality');
    expect(second.id).not.toBe(first.id);
    expect(second.assigneeUserId).toBe(first.assigneeUserId);
    expect(second.context).toMatchObject({ sentBack: { by: 'second_check', comments: '违约责任条款不完整' } });
    expect((await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).opinionNo).toBeNull();
    await complete(second.id, reviewer, { findings: contractFindings, outcome: 'passed', attachedOpinions: [] });

    const check2 = await openTask(id, 'second_check_review');
    await complete(check2.id, await usernameOf(check2.assigneeUserId!), { agrees: true });
    const signOff = await openTask(id, 'sign_off_review_opinion');
    expect(signOff.role).toBe('director');
    expect((await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).opinionNo).toBeNull();
    await expectStatus(complete(signOff.id, reviewer, { approved: true }), 403);
    await complete(signOff.id, 'director', { approved: true });

    const issued = await eventually(
      async () => (await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).opinionNo,
      'opinion number',
    );
    expect(issued).toMatch(/^法合审〔\d{4}〕1号$/);
  });
});

describe('R20 decline and reassignment', () => {
  it('passes a declined review to another reviewer, lets the director reassign it with a reason, and refuses an ineligible reviewer', async () => {
    const { id } = await submit('drafter.jyj', {
      kind: 'contract',
      title: '校车服务采购合同',
      draft: file('合同.txt', '合同正文'),
      counterparty: file('资质.txt', '资质'),
      legalBasis: ['《中华人民共和国政府采购法》'],
    });
    const task = await openTask(id, 'review_legality');
    const first = task.assigneeUserId!;
    const firstName = await usernameOf(first);
    await expectStatus(
      declineReviewService(h.ctx, await h.user(firstName === 'reviewer01' ? 'reviewer02' : 'reviewer01'), id, {
        reason: '工作繁忙',
      }),
      404,
    ); // not their review: it does not exist for them (access policy)
    const declined = await declineReviewService(h.ctx, await h.user(firstName), id, {
      reason: '本人曾参与该合同的前期谈判',
    });
    expect(declined.reviewerUserId).not.toBe(first);
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).assigneeUserId).toBe(
      declined.reviewerUserId,
    );
    expect((await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).reviewerUserId).toBe(
      declined.reviewerUserId,
    );
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { subjectId: id, action: 'review.declined' },
    });
    expect(event).toMatchObject({
      actorUserId: first,
      actorRole: 'reviewer',
      data: { reason: '本人曾参与该合同的前期谈判', reviewerUserId: declined.reviewerUserId },
    });

    const director = await h.user('director');
    await expectRule(
      reassignReviewService(h.ctx, director, id, { reviewerUserId: 'user-reviewer19', reason: '均衡工作量' }),
      'R20',
    ); // on leave
    await expectStatus(
      reassignReviewService(h.ctx, await h.user('reviewer05'), id, {
        reviewerUserId: 'user-reviewer07',
        reason: '均衡工作量',
      }),
      404,
    ); // not their review: it does not exist for them (access policy)
    const target = declined.reviewerUserId === 'user-reviewer07' ? 'user-reviewer08' : 'user-reviewer07';
    await reassignReviewService(h.ctx, director, id, { reviewerUserId: target, reason: '该审查员熟悉政府采购' });
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).assigneeUserId).toBe(target);
    const reassigned = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { subjectId: id, action: 'review.reassigned' },
    });
    expect(reassigned).toMatchObject({
      actorUserId: 'user-director',
      actorRole: 'director',
      data: { from: declined.reviewerUserId, reviewerUserId: target, reason: '该审查员熟悉政府采购' },
    });
    await expectStatus(
      complete(task.id, await usernameOf(declined.reviewerUserId), {
        findings: contractFindings,
        outcome: 'passed',
        attachedOpinions: [],
      }),
      404,
    ); // declined: no longer theirs to see (access policy)
  });
});
