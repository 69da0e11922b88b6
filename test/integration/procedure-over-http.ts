import { createHash } from 'node:crypto';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { ApiClient, type RunningPlatform } from '../support/platform.js';
import { projectRoot, temporalCliPath } from '../../scripts/lib/tools.js';
import { beijingDaysAgo } from '../support/dates.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const launchBody = {
  title: '关于建设城市轨道交通应急调度中心的决定',
  matterType: 'public_construction_project',
  legalBasis: ['《中华人民共和国突发事件应对法》', '《重大行政决策程序暂行条例》'],
  summary: '建设全市轨道交通应急调度中心，统一指挥调度。',
  plannedMeetingQuarter: '2027-Q1',
  inCatalog: true,
  catalogEntryId: demoCatalogEntryId('jtysj'),
  confidential: true,
  confidentialReason: '涉及城市安全关键设施布局，依法不予公开征求意见',
  touchesMarketActors: true,
  expertArgumentation: { required: true },
  riskAssessment: { mode: 'required' },
};

/**
 * One decision from launch to archive through HTTP, each step by the seeded user whose job it is, with a
 * return for supplement (R16), required changes (R19) and a refused meeting record (R25) on the way.
 * Returns the decision id.
 */
export async function carryDecisionThroughHttp(p: RunningPlatform): Promise<{ id: string; number: string }> {
  const url = p.baseUrl;
  const [drafter, head, director, reviewer, secretary, otherDrafter] = await Promise.all(
    ['drafter.jtysj', 'head.jtysj', 'director', 'reviewer05', 'secretary1', 'drafter.fgw'].map((u) =>
      ApiClient.login(url, u),
    ),
  );

  const unauth = await fetch(`${url}/api/decisions`);
  expect(unauth.status).toBe(401);
  const notDrafter = await secretary.call('POST', '/api/decisions', launchBody);
  expect(notDrafter.status).toBe(403);
  const bad = await drafter.call('POST', '/api/decisions', {
    ...launchBody,
    legalBasis: [],
    plannedMeetingQuarter: '2027Q1',
  });
  expect(bad.status).toBe(400);
  expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(
    expect.arrayContaining(['legalBasis', 'plannedMeetingQuarter']),
  );

  const launched = await drafter.call('POST', '/api/decisions', launchBody);
  expect(launched.status).toBe(201);
  const { id, number } = launched.body as { id: string; number: string };
  expect(number).toMatch(/^JC-\d{4}-\d{4}$/);

  const draft = await drafter.ok('POST', `/api/decisions/${id}/documents`, {
    kind: 'draft',
    fileName: '决策草案.txt',
    mimeType: 'text/plain',
    contentBase64: b64('决策草案正文'),
  });
  const explanation = await drafter.ok('POST', `/api/decisions/${id}/documents`, {
    kind: 'explanation',
    fileName: '起草说明.txt',
    mimeType: 'text/plain',
    contentBase64: b64('起草说明正文'),
  });
  expect(
    (
      await otherDrafter.call('POST', `/api/decisions/${id}/documents`, {
        kind: 'draft',
        fileName: 'x.txt',
        contentBase64: b64('x'),
      })
    ).status,
  ).toBe(404); // another department's decision in progress does not exist for them (access policy)

  const stepOk = async (client: ApiClient, kind: string, payload: unknown) => {
    const r = await client.complete(id, kind, payload, `${id}:${kind}:${Math.random()}`);
    expect(r.status, `${kind}: ${JSON.stringify(r.body)}`).toBe(200);
    return r.body;
  };

  await stepOk(drafter, 'submit_draft', { draftDocumentId: draft.id, explanationDocumentId: explanation.id });
  await stepOk(drafter, 'record_expert_opinions', {
    opinions: ['甲', '乙', '丙'].map((n, i) => ({
      expertName: `专家${n}`,
      institution: '市交通研究院',
      date: '2026-12-01',
      opinion: '选址合理',
      signature: { kind: 'e_signature', reference: `ES-${i}` },
      response: 'adopted',
    })),
    adoptionSummary: '三位专家意见均已采纳',
  });
  await stepOk(drafter, 'submit_risk_assessment', {
    riskPoints: ['施工期间交通拥堵'],
    level: 'medium',
    preventionMeasures: '分段施工',
    responsePlan: '应急疏导预案',
    departmentsConsulted: ['市公安局交警支队'],
  });

  // R16: a market matter without its fair-competition review is returned for supplement before any reviewer sees it.
  await stepOk(drafter, 'submit_for_legality_review', { legalBasis: ['《中华人民共和国突发事件应对法》'] });
  const supplement = await drafter.taskOf(id, 'supplement_materials');
  expect(JSON.stringify(supplement.context)).toContain('fair_competition_review');
  await stepOk(drafter, 'supplement_materials', {
    fairCompetitionReview: { conclusion: '不涉及排除、限制竞争' },
    note: '补充公平竞争审查结论',
  });

  // R20: the pool assigns a reviewer; the director reassigns the review to reviewer05 with a reason.
  const reviewId = `${number}.legality-review-1`;
  const pooled = await (async () => {
    for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      const r = await director.call('GET', `/api/reviews/${encodeURIComponent(reviewId)}`);
      if (
        r.status === 200 &&
        r.body.tasks.some((t: { kind: string; status: string }) => t.kind === 'review_legality' && t.status === 'open')
      )
        return r.body;
    }
    throw new Error('no review task');
  })();
  expect(pooled.reviewerUserId).toMatch(/^user-reviewer\d\d$/);
  expect(
    (
      await director.call('POST', `/api/reviews/${encodeURIComponent(reviewId)}/reassign`, {
        reviewerUserId: 'user-secretary1',
        reason: '工作调整',
      })
    ).status,
  ).toBe(400);
  expect(
    (
      await director.call('POST', `/api/reviews/${encodeURIComponent(reviewId)}/reassign`, {
        reviewerUserId: reviewer.user.id,
      })
    ).status,
  ).toBe(400);
  if (pooled.reviewerUserId !== reviewer.user.id)
    await director.ok('POST', `/api/reviews/${encodeURIComponent(reviewId)}/reassign`, {
      reviewerUserId: reviewer.user.id,
      reason: '该审查员熟悉轨道交通领域',
    });

  const review = await reviewer.taskOf(id, 'review_legality');
  expect(review.due?.rule).toBe('R17');
  const findings = {
    authority: { conforms: true, finding: '属于市政府职权' },
    procedure: { conforms: true, finding: '程序完备' },
    content: { conforms: true, finding: '内容合法' },
  };
  const refused = await reviewer.complete(id, 'review_legality', { findings, outcome: 'passed_with_changes' });
  expect(refused.status).toBe(409);
  expect(refused.body.rule).toBe('R19');
  await stepOk(reviewer, 'review_legality', {
    findings,
    outcome: 'passed_with_changes',
    requiredChanges: ['明确资金来源'],
  });
  await stepOk(drafter, 'record_required_changes', {
    changes: [{ requirement: '明确资金来源', howMade: '草案第五条增加资金来源' }],
  });

  await stepOk(head, 'approve_submission', { approve: true, comment: '同意报送' });
  await stepOk(secretary, 'report_to_party_committee', {
    reportedOn: beijingDaysAgo(6),
    reportReference: '市府请〔2027〕3号',
    replyOn: beijingDaysAgo(3),
    replySummary: '同意提交市政府常务会议研究',
    agreed: true,
  });

  // R21, R24, R25: ready for the agenda; an executive meeting with the justice-bureau head; the chief's decision.
  await secretary.taskOf(id, 'place_on_agenda');
  const pending = await secretary.ok('GET', '/api/meetings/pending');
  expect(pending.readyForAgenda.map((t: { decisionId: string }) => t.decisionId)).toContain(id);
  const created = await secretary.call('POST', '/api/meetings', {
    kind: 'executive',
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    place: '市政府第一会议室',
    attendees: [
      { name: '市长', title: '市长', userId: 'user-mayor', member: true },
      { name: '常务副市长', title: '常务副市长', userId: 'user-vicemayor1', member: true },
      { name: '副市长', title: '副市长', userId: 'user-vicemayor2', member: true },
      { name: '副市长甲', title: '副市长', userId: 'user-vicemayor3', member: true },
      { name: '司法局局长', title: '市司法局局长', member: false, legalAdviser: true },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const meetingId = created.body.id as string;
  const placed = await secretary.call('POST', `/api/meetings/${meetingId}/items`, { decisionId: id });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const itemUrl = `/api/meetings/${meetingId}/items/${encodeURIComponent(placed.body.item.id)}/outcome`;
  const outcome = {
    presentation: '市交通运输局作说明',
    memberOpinions: [
      { member: '常务副市长', position: 'defer', opinion: '建议暂缓' },
      { member: '副市长', position: 'defer', opinion: '建议暂缓' },
      { member: '副市长甲', position: 'approve', opinion: '同意' },
    ],
    chiefName: '市长',
    chiefDecision: 'approved',
  };
  const departs = await secretary.call('POST', itemUrl, outcome);
  expect(departs.status).toBe(409);
  expect(departs.body.rule).toBe('R25');
  const decided = await secretary.call('POST', itemUrl, {
    ...outcome,
    departureReason: '应急调度中心建设紧迫，汛期前须建成',
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  expect((await secretary.call('POST', `/api/meetings/${meetingId}/close`)).status).toBe(200);

  const publish = await secretary.taskOf(id, 'publish_decision');
  expect(publish.due?.rule).toBe('R27');
  await stepOk(secretary, 'publish_decision', {
    published: true,
    channels: [{ channel: 'gazette', reference: '市政府公报2027年第2期', publishedOn: '2027-01-20' }],
  });

  const published = await drafter.ok('GET', `/api/decisions/${id}`);
  expect(published.stages.find((s: { stage: string }) => s.stage === 'publication').status).toBe('done');
  expect(published.stages.find((s: { stage: string }) => s.stage === 'public_participation')).toMatchObject({
    status: 'skipped',
  });
  // R19: the review opinion (.docx) is listed on the decision and downloadable.
  const opinionDoc = published.documents.find((d: { kind: string }) => d.kind === 'review_opinion');
  expect(opinionDoc.fileName).toMatch(/^法审〔\d{4}〕\d+号合法性审查意见书\.docx$/);
  expect(
    (await fetch(`${url}${opinionDoc.downloadUrl}`, { headers: { authorization: `Bearer ${drafter.token}` } })).status,
  ).toBe(200);

  await stepOk(secretary, 'name_implementing_unit', { implementingDepartmentId: 'dept-jtysj' });
  await stepOk(secretary, 'archive_decision', { archiveReference: 'DA-2027-0007' });
  const closed = await drafter.ok('GET', `/api/decisions/${id}`);
  expect(closed).toMatchObject({ status: 'closed', stage: 'archived' });
  // R28: the sealed dossier downloads as one zip whose SHA-256 is the one sealed.
  const dossier = await drafter.ok('GET', `/api/decisions/${id}/dossier`);
  expect(dossier).toMatchObject({ reference: 'DA-2027-0007', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  const zip = await fetch(`${url}/api/decisions/${id}/dossier/download`, {
    headers: { authorization: `Bearer ${drafter.token}` },
  });
  expect(zip.status).toBe(200);
  expect(zip.headers.get('x-checksum-sha256')).toBe(dossier.sha256);
  expect(
    createHash('sha256')
      .update(Buffer.from(await zip.arrayBuffer()))
      .digest('hex'),
  ).toBe(dossier.sha256);

  const withdraw = await drafter.call('POST', `/api/decisions/${id}/withdraw`, { reason: '改变主意' });
  expect(withdraw.status).toBe(409);
  expect(withdraw.body.rule).toBe('R31');
  return { id, number };
}

/** Saves the decision's workflow histories (and its reviews') for the replay test. */
export async function saveHistories(p: RunningPlatform, number: string, name: string): Promise<void> {
  const client = p.platform.ctx.temporal;
  const ids = [number];
  for await (const wf of client.workflow.list({
    query: `WorkflowId STARTS_WITH "${number}." OR WorkflowType = "executiveMeeting"`,
  }))
    ids.push(wf.workflowId);
  const folders = [join(projectRoot, 'test-results', 'histories')];
  if (process.env.RECORD_HISTORIES === '1') folders.push(join(projectRoot, 'test', 'histories'));
  for (const wid of ids) {
    // The CLI writes the standard JSON history format that Worker.runReplayHistory reads.
    const history = execFileSync(
      temporalCliPath(),
      ['workflow', 'show', '--workflow-id', wid, '--address', p.dev.address, '--output', 'json'],
      { maxBuffer: 64 * 1024 * 1024 },
    ).toString();
    for (const folder of folders) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${name}__${wid}.json`), history);
    }
  }
}
