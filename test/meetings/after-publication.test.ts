import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { createArchiveActivities } from '../../activities/archive-dossier.js';
import {
  dossierIndexDocx,
  dossierZip,
  implementationOverview,
  reportImplementationNow,
  requestEvaluationService,
} from '../../api/services/archive.js';
import { evaluationState, evaluationWorkflowId } from '../../domain/messages.js';
import type { TaskKind } from '../../domain/tasks/kinds.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { payloads } from '../support/procedure-driver.js';
import { docxContent } from '../support/docx.js';
import { Steps, eventually, expectRule, expectStatus } from '../workflows/steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const report = {
  period: '2027年上半年',
  progress: '票价调整已实施，运行平稳',
  majorChange: false,
  requestEvaluation: false,
  citizenFeedback: [{ channel: '12345热线', summary: '老年人优惠落实到位' }],
};

/** A decision approved, published, its implementing unit named and archived: the evaluation workflow runs. */
async function archived() {
  const d = await s.toMeeting();
  await s.drive.decideAtMeeting(d.id);
  await s.drive.complete(d.id, 'publish_decision', 'secretary1', payloads.publish_decision());
  await s.drive.complete(d.id, 'name_implementing_unit', 'secretary1', payloads.name_implementing_unit());
  const last = await s.drive.complete(d.id, 'archive_decision', 'secretary1', payloads.archive_decision());
  expect(last.status).toBe('closed');
  return d;
}

const evaluation = (number: string) => h.ctx.temporal.workflow.getHandle(evaluationWorkflowId(number));

/** Waits for the next open task of one of the kinds on the decision. */
async function nextTask(decisionId: string, kinds: TaskKind[]) {
  return eventually(
    () => h.db.prisma.task.findFirst({ where: { decisionId, kind: { in: kinds }, status: 'open' } }),
    kinds.join(' or '),
  );
}

describe('R28 the dossier', () => {
  it('falls due 30 calendar days after publication at 18:00, on the next working day if that one is not', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(d.id);
    await s.drive.complete(d.id, 'publish_decision', 'secretary1', payloads.publish_decision());
    await s.drive.complete(d.id, 'name_implementing_unit', 'secretary1', payloads.name_implementing_unit());
    const task = await s.drive.task(d.id, 'archive_decision');
    const publishedAt = (await s.workflowState(d.id)).publication.publishedAt!;
    // Counted here, not by the product: the local (UTC+8) date of publication plus 30 days, then the stored holiday data.
    const cal = await h.db.calendar.calendar();
    const local = new Date(Date.parse(publishedAt) + 8 * 3_600_000);
    let last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 30));
    while (!cal.isWorkingDay(last.toISOString().slice(0, 10))) last = new Date(last.getTime() + 86_400_000);
    expect({ rule: task.dueRule, basis: task.dueBasis, dueAt: task.dueAt?.toISOString() }).toEqual({
      rule: 'R28',
      basis: '30 calendar_days',
      dueAt: `${last.toISOString().slice(0, 10)}T10:00:00.000Z`,
    });
  });

  it('seals every record and document of the procedure, in order, with an index and its SHA-256, once and for good', async () => {
    const d = await archived();
    const user = await h.user('drafter.jtysj');
    const dossier = await h.db.prisma.dossier.findUniqueOrThrow({ where: { decisionId: d.id } });
    const file = await dossierZip(h.ctx, user, d.id);
    expect(sha(file.content)).toBe(dossier.sha256);
    expect(file.sha256).toBe(dossier.sha256);

    const zip = await JSZip.loadAsync(file.content);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      entries: Array<{ path: string; kind: string; title: string; at: string; sha256: string }>;
    };
    const entries = manifest.entries;
    for (const e of entries) expect(sha(await zip.file(e.path)!.async('nodebuffer')), e.path).toBe(e.sha256);
    const dated = entries.filter((e) => e.kind !== 'audit_trail').map((e) => Date.parse(e.at));
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
    const paths = entries.map((e) => e.path).join('\n');
    for (const part of [
      'submit_draft.json',
      'review_legality.json',
      'review_opinion.json',
      'meeting_outcome.json',
      'publish_decision.json',
      'archive_decision.json',
      'draft.txt',
      'explanation.txt',
      'meeting-minutes-',
      'audit-trail.json',
    ])
      expect(paths).toContain(part);
    const records = await h.db.prisma.stageRecord.count({ where: { decisionId: d.id } });
    const documents = await h.db.prisma.document.count({ where: { decisionId: d.id } });
    expect(entries.filter((e) => e.kind === 'record')).toHaveLength(records);
    expect(entries.filter((e) => e.kind === 'document')).toHaveLength(documents + 1);
    const audit = JSON.parse(await zip.file('audit-trail.json')!.async('string')) as Array<{ action: string }>;
    expect(audit.map((e) => e.action)).toContain('task.completed.archive_decision');

    const index = await docxContent((await dossierIndexDocx(h.ctx, user, d.id)).content);
    expect(index.text).toContain('决策档案目录');
    expect(index.text).toContain(`共${entries.length}件`);
    expect(index.text).toContain('DA-2027-001');

    // Sealed: sealing again returns the first seal; the row refuses any change.
    expect(await createArchiveActivities(h.db.prisma).sealDossier({ decisionId: d.id, reference: 'DA-OTHER' })).toEqual(
      { sha256: dossier.sha256 },
    );
    await expect(h.db.prisma.dossier.update({ where: { decisionId: d.id }, data: { reference: 'X' } })).rejects.toThrow(
      /R28/,
    );
    await expect(h.db.prisma.dossier.delete({ where: { decisionId: d.id } })).rejects.toThrow(/R28/);
    expect((await h.db.prisma.dossier.findUniqueOrThrow({ where: { decisionId: d.id } })).sha256).toBe(dossier.sha256);
  });
});

describe('R29-R31 implementation and post-decision evaluation', () => {
  it('asks for reports every six months and evaluates after a year; a substantive adjustment starts a new linked procedure', async () => {
    const d = await archived();
    const wf = evaluation(d.number);
    const first = await wf.query(evaluationState);
    const runBefore = (await wf.describe()).runId;

    // R29: the implementing unit's report falls due six months after publication.
    await h.skipPast(first.nextReportAt);
    const reportTask = await nextTask(d.id, ['report_implementation']);
    expect(reportTask).toMatchObject({ departmentId: 'dept-jtysj', role: 'drafter', dueRule: 'R29' });
    await s.drive.complete(d.id, 'report_implementation', 'drafter.jtysj', report);
    const afterReport = await eventually(async () => {
      const st = await wf.query(evaluationState);
      return st.reportNo === 1 && st;
    }, 'the report counted');
    expect(Date.parse(afterReport.nextReportAt)).toBeGreaterThan(Date.parse(first.nextReportAt));
    expect((await wf.describe()).runId).not.toBe(runBefore); // continue-as-new: the history starts afresh

    // R30: a year after publication the evaluation falls due (reports due meanwhile are answered).
    await h.skipPast(first.evaluationDueAt);
    let task = await nextTask(d.id, ['report_implementation', 'evaluate_decision']);
    while (task.kind === 'report_implementation') {
      await s.drive.complete(d.id, 'report_implementation', 'drafter.jtysj', report);
      task = await nextTask(d.id, ['report_implementation', 'evaluate_decision']);
    }
    expect(task.context).toMatchObject({ trigger: 'scheduled' });
    const adjust = {
      evaluator: { name: '市决策咨询研究中心', thirdParty: true },
      publicHeard: '问卷调查1200份，座谈会2场',
      findings: '票价结构总体合理，但换乘优惠覆盖不足',
      result: 'adjust' as const,
      adjustment: { substantive: true, description: '扩大换乘优惠范围至所有线路' },
    };
    // R30: the unit that did the main argumentation may not evaluate.
    await expectRule(
      s.drive.complete(d.id, 'evaluate_decision', 'secretary1', {
        ...adjust,
        evaluator: { name: '市交通运输局', departmentId: 'dept-jtysj', thirdParty: false },
      }),
      'R30',
    );
    await s.drive.complete(d.id, 'evaluate_decision', 'secretary1', adjust);

    // R31: the adjustment runs the procedure again as a new decision linked to the old one.
    const link = await eventually(
      () => h.db.prisma.decisionLink.findFirst({ where: { previousDecisionId: d.id } }),
      'the linked decision',
    );
    const linked = await h.db.prisma.decision.findUniqueOrThrow({ where: { id: link.decisionId } });
    expect(linked.number).toMatch(/^JC-\d{4}-\d{4}$/);
    expect(linked.number).not.toBe(d.number);
    expect(linked.title).toContain('（调整）');
    expect(linked.leadDepartmentId).toBe('dept-jtysj');
    await s.drive.task(linked.id, 'submit_draft');
    const result = await wf.result();
    expect(result).toMatchObject({ status: 'adjusted', linkedDecisionNo: linked.number, evaluationNo: 1 });
    const overview = await implementationOverview(h.ctx, await h.user('secretary1'), d.id);
    expect(overview.reports.length).toBeGreaterThanOrEqual(1);
    expect(overview.evaluations).toHaveLength(1);
    expect(overview.adjustedBy.map((l) => l.decision?.number)).toEqual([linked.number]);
    expect(
      await h.db.prisma.auditEvent.count({ where: { decisionId: d.id, action: 'decision.adjustment_started' } }),
    ).toBe(1);
  });

  it('evaluates at once on request, and ends when the evaluation terminates the decision', async () => {
    const d = await archived();
    await requestEvaluationService(h.ctx, await h.user('secretary1'), d.id, 'public_objections', '群众反映强烈');
    const task = await nextTask(d.id, ['evaluate_decision']);
    expect(task.context).toMatchObject({ trigger: 'public_objections', reason: '群众反映强烈' });
    const terminate = {
      evaluator: { name: '市发展研究中心', departmentId: 'dept-fgw', thirdParty: false },
      publicHeard: '网上征求意见',
      findings: '目标已无法实现',
      result: 'terminate' as const,
    };
    await expectRule(s.drive.complete(d.id, 'evaluate_decision', 'secretary1', terminate), 'R31');
    await s.drive.complete(d.id, 'evaluate_decision', 'secretary1', { ...terminate, reason: '情况发生重大变化' });
    expect(await evaluation(d.number).result()).toMatchObject({ status: 'terminated' });
    // The decision's own status says so (R31): no longer 已办结 but 停止执行.
    expect((await h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('terminated');
    expect(await h.db.prisma.auditEvent.count({ where: { decisionId: d.id, action: 'evaluation.requested' } })).toBe(1);
  });

  it('records a report made at once; a major change asks for an evaluation, which may continue the decision', async () => {
    const d = await archived();
    const before = await evaluation(d.number).query(evaluationState);
    const urgent = { ...report, period: '2027年3月', problems: '上级出台新规，票价政策需衔接', majorChange: true };
    await expectStatus(reportImplementationNow(h.ctx, await h.user('drafter.fgw'), d.id, urgent), 403); // published: known to every department, but only its published parts (access policy)
    await expectStatus(reportImplementationNow(h.ctx, await h.user('secretary1'), d.id, urgent), 403);
    expect(await reportImplementationNow(h.ctx, await h.user('drafter.jtysj'), d.id, urgent)).toEqual({
      recorded: true,
      evaluationRequested: true,
    });
    const task = await nextTask(d.id, ['evaluate_decision']);
    expect(task.context).toMatchObject({ trigger: 'reported_problem', reason: '上级出台新规，票价政策需衔接' });
    await s.drive.complete(d.id, 'evaluate_decision', 'secretary1', {
      evaluator: { name: '市法学会', thirdParty: true },
      publicHeard: '座谈会',
      findings: '可继续执行',
      result: 'continue',
    });
    const after = await eventually(async () => {
      const st = await evaluation(d.number).query(evaluationState);
      return st.evaluationNo === 1 && st;
    }, 'the evaluation concluded');
    expect(after.status).toBe('implementing');
    expect((await h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('closed');
    expect(Date.parse(after.evaluationDueAt)).toBeGreaterThan(Date.parse(before.evaluationDueAt) - 1);
    const overview = await implementationOverview(h.ctx, await h.user('secretary1'), d.id);
    expect(overview.reports.map((r) => (r.data as { period: string }).period)).toEqual(['2027年3月']);
    expect(
      await h.db.prisma.auditEvent.count({
        where: { decisionId: d.id, action: 'implementation.reported', actorUserId: 'user-drafter.jtysj' },
      }),
    ).toBe(1);
  });
});
