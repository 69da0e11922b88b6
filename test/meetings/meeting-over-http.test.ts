import { createHash } from 'node:crypto';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingToolMessage, needs } from '../support/tools.js';
import { beijingDaysAgo } from '../support/dates.js';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { pdfTextOf } from '../support/docx.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const launchBody = {
  title: '关于实施城区停车收费差异化管理的决定',
  matterType: 'social_management',
  legalBasis: ['《中华人民共和国价格法》'],
  summary: '城区核心区停车收费实行差异化管理。',
  plannedMeetingQuarter: '2027-Q1',
  inCatalog: true,
  catalogEntryId: demoCatalogEntryId('zjj'),
  confidential: true,
  confidentialReason: '涉及尚未公开的价格方案',
  touchesMarketActors: false,
  expertArgumentation: { required: false, reason: '事项专业性不强' },
  riskAssessment: { mode: 'skipped', reason: '不涉及社会稳定风险' },
};
const attendees = (adviserPresent: boolean) => [
  { name: '市长', title: '市长', userId: 'user-mayor', member: true },
  { name: '常务副市长', title: '常务副市长', userId: 'user-vicemayor1', member: true },
  { name: '副市长', title: '副市长', userId: 'user-vicemayor2', member: true },
  { name: '秘书长', title: '秘书长', member: true, present: false },
  { name: '司法局局长', title: '市司法局局长', member: false, legalAdviser: true, present: adviserPresent },
];
const opinions = (position: string) =>
  ['常务副市长', '副市长'].map((member) => ({ member, position, opinion: '发言要点' }));

describe('the executive meeting, publication and archive through the API', () => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('takes a decision from legality review through two meetings, publication and the sealed dossier; agenda, minutes and index open in LibreOffice', async (ctx) => {
    const url = p.baseUrl;
    const prisma = p.platform.db.prisma;
    const [drafter, head, secretary] = await Promise.all(
      ['drafter.zjj', 'head.zjj', 'secretary2'].map((u) => ApiClient.login(url, u)),
    );
    const step = async (client: ApiClient, decisionId: string, kind: string, payload: unknown) => {
      const r = await client.complete(decisionId, kind, payload);
      expect(r.status, `${kind}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    const launch = async () => {
      const { id, number } = await drafter.ok('POST', '/api/decisions', launchBody);
      const draft = await drafter.ok('POST', `/api/decisions/${id}/documents`, {
        kind: 'draft',
        fileName: '决策草案.txt',
        mimeType: 'text/plain',
        contentBase64: b64('草案正文'),
      });
      const explanation = await drafter.ok('POST', `/api/decisions/${id}/documents`, {
        kind: 'explanation',
        fileName: '起草说明.txt',
        mimeType: 'text/plain',
        contentBase64: b64('起草说明'),
      });
      await step(drafter, id, 'submit_draft', { draftDocumentId: draft.id, explanationDocumentId: explanation.id });
      await step(drafter, id, 'submit_for_legality_review', { legalBasis: ['《中华人民共和国价格法》'] });
      return { id: id as string, number: number as string };
    };
    const d = await launch();
    const notReady = await launch();

    // Legality review by whichever reviewer holds the task.
    const reviewTask = await (async () => {
      for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
        const t = await prisma.task.findFirst({ where: { decisionId: d.id, kind: 'review_legality', status: 'open' } });
        if (t?.assigneeUserId) return t;
      }
      throw new Error('no review task');
    })();
    const reviewerName = (await prisma.user.findUniqueOrThrow({ where: { id: reviewTask.assigneeUserId! } })).username;
    const reviewer = await ApiClient.login(url, reviewerName);
    const findings = {
      authority: { conforms: true, finding: '属于市政府职权' },
      procedure: { conforms: true, finding: '程序完备' },
      content: { conforms: true, finding: '内容合法' },
    };
    await step(reviewer, d.id, 'review_legality', { findings, outcome: 'passed' });
    await step(head, d.id, 'approve_submission', { approve: true });
    await step(secretary, d.id, 'report_to_party_committee', {
      reportedOn: beijingDaysAgo(6),
      reportReference: '市府请〔2027〕5号',
      replyOn: beijingDaysAgo(3),
      replySummary: '同意',
      agreed: true,
    });
    await secretary.taskOf(d.id, 'place_on_agenda');

    // First meeting: the legal adviser is absent (a warning); a decision still in review is refused naming R15.
    const m1 = await secretary.ok('POST', '/api/meetings', {
      kind: 'executive',
      startsAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      place: '市政府第一会议室',
      attendees: attendees(false),
    });
    expect(m1.warnings.map((w: { rule: string }) => w.rule)).toEqual(['R24']);
    // People name it 2026年第1次市政府常务会议; it began two days ago, so it is in progress.
    expect(m1.title).toMatch(/^\d{4}年第\d+次市政府常务会议$/);
    expect(m1.phase).toBe('in_progress');
    // A meeting that has not begun: no outcome and no closing, with the reason and its start in Beijing time.
    const later = await secretary.ok('POST', '/api/meetings', {
      kind: 'executive',
      startsAt: '2099-01-15T01:30:00.000Z',
      place: '市政府第一会议室',
      attendees: attendees(true),
    });
    expect(later.phase).toBe('preparing');
    for (const path of [`/api/meetings/${later.id}/close`, `/api/meetings/${later.id}/items/none/outcome`]) {
      const early = await secretary.call('POST', path, {
        presentation: '说明',
        memberOpinions: opinions('approve'),
        chiefName: '市长',
        chiefDecision: 'approved',
      });
      expect(early.status, path).toBe(409);
      expect(early.body).toMatchObject({ rule: 'R25', messageKey: 'r25.meeting_not_started' });
      expect(early.body.message.zh).toContain('会议定于2099年1月15日9时30分召开');
    }
    const refused = await secretary.call('POST', `/api/meetings/${m1.id}/items`, { decisionId: notReady.id });
    expect(refused.status).toBe(409);
    expect(refused.body.rule).toBe('R15');
    expect((await drafter.call('POST', `/api/meetings/${m1.id}/items`, { decisionId: d.id })).status).toBe(403);
    const placed = await secretary.call('POST', `/api/meetings/${m1.id}/items`, { decisionId: d.id });
    expect(placed.status).toBe(201);
    const pending = await secretary.ok('GET', '/api/meetings/pending');
    expect(pending.awaitingOutcome.map((i: { decisionId: string }) => i.decisionId)).toContain(d.id);

    const agenda = await fetch(`${url}/api/meetings/${m1.id}/agenda.docx`, {
      headers: { authorization: `Bearer ${secretary.token}` },
    });
    expect(agenda.status).toBe(200);
    expect(agenda.headers.get('content-type')).toContain('wordprocessingml');
    const agendaBuf = Buffer.from(await agenda.arrayBuffer());

    const item1 = `/api/meetings/${m1.id}/items/${encodeURIComponent(placed.body.item.id)}/outcome`;
    const deferred = await secretary.call('POST', item1, {
      presentation: '市住建局作说明',
      memberOpinions: opinions('defer'),
      chiefName: '市长',
      chiefDecision: 'deferred',
    });
    expect(deferred.status, JSON.stringify(deferred.body)).toBe(200);
    expect(deferred.body.warnings.map((w: { messageKey: string }) => w.messageKey)).toEqual([
      'r24.legal_adviser_absent',
    ]);
    const closed = await secretary.call('POST', `/api/meetings/${m1.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.phase).toBe('closed');

    // Second meeting: back on the agenda after deferral, approved.
    const again = await secretary.taskOf(d.id, 'place_on_agenda');
    expect(again.context).toMatchObject({ round: 2, previousDecision: 'deferred' });
    const m2 = await secretary.ok('POST', '/api/meetings', {
      kind: 'executive',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      place: '市政府第一会议室',
      attendees: attendees(true),
    });
    const placed2 = await secretary.ok('POST', `/api/meetings/${m2.id}/items`, { decisionId: d.id });
    const item2 = `/api/meetings/${m2.id}/items/${encodeURIComponent(placed2.item.id)}/outcome`;
    const departs = await secretary.call('POST', item2, {
      presentation: '市住建局作说明',
      memberOpinions: opinions('defer'),
      chiefName: '市长',
      chiefDecision: 'approved',
    });
    expect(departs.status).toBe(409);
    expect(departs.body.rule).toBe('R25');
    // R24: the absent secretary-general's opinion is not recorded; the refusal points at it.
    const absent = await secretary.call('POST', item2, {
      presentation: '市住建局作说明',
      memberOpinions: [...opinions('approve'), { member: '秘书长', position: 'approve', opinion: '同意' }],
      chiefName: '市长',
      chiefDecision: 'approved',
    });
    expect({ status: absent.status, rule: absent.body.rule, path: absent.body.violations?.[0]?.path }).toEqual({
      status: 409,
      rule: 'R24',
      path: ['memberOpinions', '2', 'member'],
    });
    expect(
      (
        await secretary.call('POST', item2, {
          presentation: '市住建局作说明',
          memberOpinions: opinions('approve'),
          chiefName: '市长',
          chiefDecision: 'approved',
        })
      ).status,
    ).toBe(200);
    expect((await secretary.call('POST', `/api/meetings/${m2.id}/close`)).status).toBe(200);
    const minutes = await fetch(`${url}/api/meetings/${m2.id}/minutes.docx`, {
      headers: { authorization: `Bearer ${secretary.token}` },
    });
    const minutesBuf = Buffer.from(await minutes.arrayBuffer());

    // Publication (R27), the implementing unit (R29) and the archive (R28).
    const publish = await secretary.taskOf(d.id, 'publish_decision');
    expect(publish.due?.rule).toBe('R27');
    await step(secretary, d.id, 'publish_decision', {
      published: false,
      reason: '涉及尚未公开的价格方案，依法不予公开',
    });
    await step(secretary, d.id, 'name_implementing_unit', { implementingDepartmentId: 'dept-zjj' });
    await step(secretary, d.id, 'archive_decision', { archiveReference: 'DA-2027-0009' });
    expect(await drafter.ok('GET', `/api/decisions/${d.id}`)).toMatchObject({ status: 'closed', stage: 'archived' });

    const info = await drafter.ok('GET', `/api/decisions/${d.id}/dossier`);
    const zipRes = await fetch(`${url}/api/decisions/${d.id}/dossier/download`, {
      headers: { authorization: `Bearer ${drafter.token}` },
    });
    const zipBuf = Buffer.from(await zipRes.arrayBuffer());
    expect(createHash('sha256').update(zipBuf).digest('hex')).toBe(info.sha256);
    const zip = await JSZip.loadAsync(zipBuf);
    expect(Object.keys(zip.files).filter((n) => n.includes('meeting-minutes-'))).toHaveLength(2);
    const indexRes = await fetch(`${url}/api/decisions/${d.id}/dossier/index.docx`, {
      headers: { authorization: `Bearer ${drafter.token}` },
    });
    const indexBuf = Buffer.from(await indexRes.arrayBuffer());

    // R29, R30: the implementation overview, and an evaluation on request lands in the secretaries' inbox.
    const impl = await secretary.ok('GET', `/api/decisions/${d.id}/implementation`);
    expect(impl.implementingUnit).toMatchObject({ implementingDepartmentId: 'dept-zjj' });
    expect(
      (
        await secretary.call('POST', `/api/decisions/${d.id}/evaluation-requests`, {
          trigger: 'public_objections',
          reason: '群众反映强烈',
        })
      ).status,
    ).toBe(202);
    const evaluate = await secretary.taskOf(d.id, 'evaluate_decision');
    expect(evaluate.context).toMatchObject({ trigger: 'public_objections' });

    const what = 'the agenda, minutes and dossier index in LibreOffice';
    if (!needs('libreoffice', what)) ctx.skip(missingToolMessage('libreoffice', what));
    const agendaText = await pdfTextOf(agendaBuf, 'agenda.docx');
    expect(agendaText).toMatch(/\d{4}年第\d+次市政府常务会议议题单/);
    expect(agendaText).toContain('差异化管理的决定');
    expect(agendaText).toContain('司法局负责人（法律顾问）未列席会议');
    const minutesText = await pdfTextOf(minutesBuf, 'minutes.docx');
    expect(minutesText).toContain('纪要');
    expect(minutesText).toContain('决定：通过');
    const indexText = await pdfTextOf(indexBuf, 'index.docx');
    expect(indexText).toContain('决策档案目录');
    expect(indexText).toContain('DA-2027-0009');
  }, 300_000);
});
