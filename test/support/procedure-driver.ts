import type { LaunchDecision } from '../../domain/decision/launch.js';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { LaunchDecisionSchema } from '../../domain/decision/launch.js';
import type { TaskKind, TaskPayload } from '../../domain/tasks/kinds.js';
import type { ServiceContext, SessionUser } from '../../api/services/context.js';
import { launchDecision } from '../../api/services/launch-decision.js';
import { completeTaskService } from '../../api/services/complete-task.js';
import { uploadDocument } from '../../api/services/upload-document.js';
import { withdrawDecisionService } from '../../api/services/withdraw-decision.js';
import { createMeeting } from '../../api/services/meetings.js';
import { addAgendaItem, recordOutcome } from '../../api/services/agenda-items.js';
import type { CreateMeeting } from '../../api/routes/meetings.schema.js';
import type { ItemOutcome } from '../../domain/tasks/collective-discussion.js';
import { beijingDaysAgo } from './dates.js';

export const baseLaunch = (over: Partial<LaunchDecision> = {}): LaunchDecision =>
  LaunchDecisionSchema.parse({
    title: '关于调整城市公共交通票价的决定',
    matterType: 'public_services',
    legalBasis: ['《中华人民共和国价格法》', '《重大行政决策程序暂行条例》'],
    summary: '调整公交票价结构，实行阶梯优惠。',
    plannedMeetingQuarter: '2027-Q1',
    inCatalog: true,
    catalogEntryId: demoCatalogEntryId('jtysj'),
    confidential: false,
    touchesMarketActors: false,
    expertArgumentation: { required: true },
    riskAssessment: { mode: 'required' },
    ...over,
  });

/** Valid payloads for every step; a test overrides what it is about. */
export const payloads = {
  submit_draft: (ids: { draft: string; explanation: string }): TaskPayload<'submit_draft'> => ({
    draftDocumentId: ids.draft,
    explanationDocumentId: ids.explanation,
    contested: false,
    alternativeDocumentIds: [],
    departmentOpinions: [],
  }),
  open_comment_period: (
    over: Partial<TaskPayload<'open_comment_period'>> = {},
  ): TaskPayload<'open_comment_period'> => ({
    methods: ['online_comment', 'forum'],
    publishedWhere: '市政府门户网站',
    howToComment: '电子邮件或来信',
    periodDays: 30,
    ...over,
  }),
  conclude_public_participation: (): TaskPayload<'conclude_public_participation'> => ({
    comments: [
      {
        channel: '网站',
        receivedOn: '2026-12-01',
        text: '建议增加老年人优惠',
        commenterKind: 'citizen',
        groupKey: 'g1',
      },
      { channel: '来信', receivedOn: '2026-12-03', text: '反对涨价', commenterKind: 'citizen', groupKey: 'g2' },
    ],
    groups: [
      { key: 'g1', summary: '老年人优惠', response: 'adopted' },
      { key: 'g2', summary: '反对涨价', response: 'not_adopted', reason: '票价低于成本，财政补贴难以为继' },
    ],
    adoptionSummary: '共收到意见2条，采纳1条。',
  }),
  record_expert_opinions: (n = 3): TaskPayload<'record_expert_opinions'> => ({
    opinions: Array.from({ length: n }, (_, i) => ({
      expertName: `专家${i + 1}`,
      institution: '市社科院',
      date: '2026-12-10',
      opinion: '方案可行',
      signature: { kind: 'e_signature' as const, reference: `ES-${i}` },
      response: 'adopted' as const,
    })),
    adoptionSummary: '专家意见均已采纳。',
  }),
  submit_risk_assessment: (
    level: 'low' | 'medium' | 'high' = 'low',
    over: Partial<TaskPayload<'submit_risk_assessment'>> = {},
  ): TaskPayload<'submit_risk_assessment'> => ({
    riskPoints: ['票价调整引发群众不满'],
    level,
    preventionMeasures: '分步实施',
    responsePlan: '设立投诉热线',
    departmentsConsulted: ['市信访局'],
    ...over,
  }),
  submit_for_legality_review: (
    over: Partial<TaskPayload<'submit_for_legality_review'>> = {},
  ): TaskPayload<'submit_for_legality_review'> => ({ legalBasis: ['《中华人民共和国价格法》'], ...over }),
  review_legality: (
    outcome: TaskPayload<'review_legality'>['outcome'] = 'passed',
    over: Partial<TaskPayload<'review_legality'>> = {},
  ): TaskPayload<'review_legality'> => ({
    findings: {
      authority: { conforms: true, finding: '属于市政府职权' },
      procedure: { conforms: true, finding: '履行了法定程序' },
      content: { conforms: true, finding: '内容合法' },
    },
    outcome,
    attachedOpinions: [],
    ...over,
  }),
  approve_submission: (approve = true): TaskPayload<'approve_submission'> => ({ approve }),
  report_to_party_committee: (agreed = true): TaskPayload<'report_to_party_committee'> => ({
    reportedOn: beijingDaysAgo(6),
    reportReference: '市府请〔2027〕1号',
    replyOn: beijingDaysAgo(3),
    replySummary: '同意',
    agreed,
  }),
  /** R25: one agenda item's discussion and the chief's decision (recorded through the meeting). */
  meeting_outcome: (over: Partial<ItemOutcome> = {}): ItemOutcome => ({
    presentation: '市交通运输局作说明',
    memberOpinions: [
      { member: '副市长甲', position: 'approve', opinion: '同意' },
      { member: '副市长乙', position: 'approve', opinion: '同意' },
      { member: '副市长丙', position: 'approve', opinion: '同意' },
    ],
    chiefName: '市长',
    chiefDecision: 'approved',
    ...over,
  }),
  /** R24: an executive meeting: the mayor and the three vice mayors of the seeded roster (4 seats) present, the secretary-general (not on the roster) absent, the justice-bureau head attending. */
  meeting: (over: Partial<CreateMeeting> = {}): CreateMeeting => ({
    kind: 'executive',
    // Outcomes are recorded once the meeting has begun: it began an hour ago.
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    place: '市政府第一会议室',
    attendees: [
      { name: '市长', title: '市长', userId: 'user-mayor', member: true, legalAdviser: false, present: true },
      {
        name: '副市长甲',
        title: '常务副市长',
        userId: 'user-vicemayor1',
        member: true,
        legalAdviser: false,
        present: true,
      },
      {
        name: '副市长乙',
        title: '副市长',
        userId: 'user-vicemayor2',
        member: true,
        legalAdviser: false,
        present: true,
      },
      {
        name: '副市长丙',
        title: '副市长',
        userId: 'user-vicemayor3',
        member: true,
        legalAdviser: false,
        present: true,
      },
      { name: '秘书长', title: '秘书长', member: true, legalAdviser: false, present: false },
      { name: '司法局局长', title: '市司法局局长', member: false, legalAdviser: true, present: true },
    ],
    ...over,
  }),
  publish_decision: (): TaskPayload<'publish_decision'> => ({
    published: true,
    channels: [{ channel: 'website', reference: 'https://www.example.gov.cn/jc/1', publishedOn: '2027-01-20' }],
  }),
  name_implementing_unit: (dept = 'dept-jtysj'): TaskPayload<'name_implementing_unit'> => ({
    implementingDepartmentId: dept,
  }),
  archive_decision: (): TaskPayload<'archive_decision'> => ({ archiveReference: 'DA-2027-001' }),
};

/** Drives a decision through the services as its users would. */
export class ProcedureDriver {
  constructor(
    readonly ctx: ServiceContext,
    readonly user: (username: string) => Promise<SessionUser>,
  ) {}

  async launch(username = 'drafter.jtysj', over: Partial<LaunchDecision> = {}) {
    const drafter = await this.user(username);
    // R1: the demo catalog's entry of the drafter's department, unless the test picks its own answer.
    const entry = { catalogEntryId: demoCatalogEntryId(drafter.departmentId.replace(/^dept-/, '')) };
    const d = await launchDecision(this.ctx, drafter, baseLaunch({ ...entry, ...over }));
    return { ...d, drafter };
  }

  async upload(
    username: string,
    decisionId: string,
    kind: 'draft' | 'explanation' | 'alternative_draft' | 'other',
    text = '正文',
  ) {
    return uploadDocument(this.ctx, await this.user(username), decisionId, {
      kind,
      fileName: `${kind}.txt`,
      mimeType: 'text/plain',
      contentBase64: Buffer.from(text).toString('base64'),
    });
  }

  /** Waits for the open task of this kind on the decision (the workflow opens tasks asynchronously). */
  async task(decisionId: string, kind: TaskKind, timeoutMs = 20_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const t = await this.ctx.prisma.task.findFirst({
        where: { decisionId, kind, status: 'open' },
        orderBy: { openedAt: 'desc' },
      });
      if (t) return t;
      if (Date.now() > until) throw new Error(`no open ${kind} task on ${decisionId}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async complete<K extends TaskKind>(decisionId: string, kind: K, username: string, payload: TaskPayload<K>) {
    const t = await this.task(decisionId, kind);
    return completeTaskService(this.ctx, await this.user(username), t.id, payload);
  }

  /** The username of the reviewer the pool assigned to the decision's open review task. */
  async reviewerOf(decisionId: string): Promise<string> {
    const t = await this.task(decisionId, 'review_legality');
    const u = await this.ctx.prisma.user.findUniqueOrThrow({
      where: { id: t.assigneeUserId! },
      select: { username: true },
    });
    return u.username;
  }

  /** A secretary creates a meeting (R24). */
  async meeting(over: Partial<CreateMeeting> = {}, username = 'secretary1') {
    return createMeeting(this.ctx, await this.user(username), payloads.meeting(over));
  }

  /** Places the decision on the meeting's agenda once it is ready (R21): returns the agenda item. */
  async placeOnAgenda(decisionId: string, meetingId: string, username = 'secretary1') {
    await this.task(decisionId, 'place_on_agenda');
    const { item } = await addAgendaItem(this.ctx, await this.user(username), meetingId, decisionId);
    return item!;
  }

  /** A new meeting with the decision on its agenda, and the chief's decision recorded on it (R25). */
  async decideAtMeeting(
    decisionId: string,
    outcome: ItemOutcome = payloads.meeting_outcome(),
    username = 'secretary1',
  ) {
    const meeting = await this.meeting({}, username);
    const item = await this.placeOnAgenda(decisionId, meeting.id, username);
    await recordOutcome(this.ctx, await this.user(username), meeting.id, item.id, outcome);
    return { meeting, item };
  }

  async withdraw(decisionId: string, username: string, reason: string) {
    return withdrawDecisionService(this.ctx, await this.user(username), decisionId, reason);
  }

  /** Launch and submit the draft, leaving stages 1-3 open. */
  async launchWithDraft(username = 'drafter.jtysj', over: Partial<LaunchDecision> = {}) {
    const d = await this.launch(username, over);
    const draft = await this.upload(username, d.id, 'draft');
    const explanation = await this.upload(username, d.id, 'explanation');
    await this.complete(
      d.id,
      'submit_draft',
      username,
      payloads.submit_draft({ draft: draft.id, explanation: explanation.id }),
    );
    return d;
  }
}
