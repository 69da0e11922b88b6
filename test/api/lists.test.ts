/**
 * Issue 16 §1 on the real platform: every list filters, searches, sorts and pages on the server, with the true
 * total across pages and counts per filter equal to hand counts of rows seeded for the purpose; a bad query is a
 * 400 naming the parameter.
 *
 * Seeded (numbers JC-2025-9001…9025, lead department 交通运输局, so `q=JC-2025-90` isolates them): decision i (0–24)
 * is at stage legality_review when i%3=0 (9), public_participation when i%3=1 (8), launch when i%3=2 (8); withdrawn
 * when i%5=4 (4, 9, 14, 19, 24). Each has one open drafter task of kind submit_draft (i%3=0: 9),
 * record_expert_opinions (8) or submit_risk_assessment (8), due i−6 days from now (i<6 overdue: 6), and when i%4=0
 * (7) a done task completed by drafter.jtysj.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';

const N = 25;
const DAY = 86_400_000;
const KINDS = ['submit_draft', 'record_expert_opinions', 'submit_risk_assessment'];
const STAGE = (i: number) => (i % 3 === 0 ? 'legality_review' : i % 3 === 1 ? 'public_participation' : 'launch');
const number = (i: number) => `JC-2025-${9001 + i}`;
const Q = 'q=JC-2025-90';

type Page = {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  counts: Record<string, Record<string, number>>;
  items: Array<Record<string, any>>;
};

describe('lists filter, search, sort and page on the server (issue 16 §1)', () => {
  let p: RunningPlatform;
  let drafter: ApiClient;
  let other: ApiClient;
  let supervisor: ApiClient;
  let secretary: ApiClient;
  let director: ApiClient;
  const now = Date.now();

  beforeAll(async () => {
    p = await startPlatform();
    const prisma = p.platform.db.prisma;
    await prisma.decision.createMany({
      data: Array.from({ length: N }, (_, i) => ({
        id: `list-d${i}`,
        number: number(i),
        year: 2025,
        seq: 9001 + i,
        title: `列表测试决策${i}`,
        matterType: 'public_services',
        summary: '列表测试',
        launch: {},
        leadDepartmentId: 'dept-jtysj',
        stage: STAGE(i),
        status: i % 5 === 4 ? 'withdrawn' : 'active',
        workflowId: `list-wf-${i}`,
        workflowStarted: true,
        confidential: false,
        createdById: 'user-drafter.jtysj',
        createdAt: new Date(now - (N - i) * DAY),
      })),
    });
    await prisma.task.createMany({
      data: Array.from({ length: N }, (_, i) => [
        {
          id: `list-wf-${i}:open`,
          workflowId: `list-wf-${i}`,
          decisionId: `list-d${i}`,
          kind: KINDS[i % 3]!,
          stage: STAGE(i),
          role: 'drafter' as const,
          departmentId: 'dept-jtysj',
          status: 'open' as const,
          openedAt: new Date(now - (40 - i) * DAY),
          dueAt: new Date(now + (i - 6) * DAY + 3_600_000),
          dueRule: 'test',
        },
        ...(i % 4 === 0
          ? [
              {
                id: `list-wf-${i}:done`,
                workflowId: `list-wf-${i}`,
                decisionId: `list-d${i}`,
                kind: 'submit_draft',
                stage: 'launch',
                role: 'drafter' as const,
                departmentId: 'dept-jtysj',
                status: 'done' as const,
                openedAt: new Date(now - 50 * DAY),
                dueAt: new Date(now - 45 * DAY),
                completedAt: new Date(now - (30 - i) * DAY),
                completedById: 'user-drafter.jtysj',
              },
            ]
          : []),
      ]).flat(),
    });
    await prisma.review.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        id: `GF-2025-${8001 + i}`,
        kind: i % 2 ? 'contract' : 'normative_document',
        subjectNumber: `GF-2025-${8001 + i}`,
        title: `列表测试审查${i}`,
        departmentId: 'dept-jtysj',
        year: 2025,
        // 0–3 issued (closed), 4 cancelled (closed), 5–11 in review (open); 5–7 past their due (overdue).
        status: i < 4 ? 'done' : i === 4 ? 'cancelled' : 'in_review',
        issuedAt: i < 4 ? new Date(now - (10 - i) * DAY) : null,
        weight: 1,
        submittedAt: new Date(now - (20 - i) * DAY),
        dueAt: new Date(now + (i - 8) * DAY + 3_600_000),
      })),
    });
    await prisma.meeting.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        id: `list-m${i}`,
        number: `2025-${i % 3 === 0 ? 'plenary' : 'executive'}-${90 + i}`,
        kind: i % 3 === 0 ? 'plenary' : 'executive',
        year: 2025,
        sessionNo: 90 + i,
        startsAt: new Date(now - (10 - i) * DAY),
        place: `列表测试会议室${i}`,
        status: i < 2 ? 'closed' : 'scheduled',
        workflowId: `list-meeting-${i}`,
        createdById: 'user-secretary1',
      })),
    });
    await prisma.escalationLetter.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        id: `list-letter-${i}`,
        stepKey: `list-step-${i}`,
        kind: i < 3 ? 'reminder_letter' : 'supervision_letter',
        number: `${i < 3 ? '依法提' : '依法督'}〔2025〕${900 + i}号`,
        year: 2025,
        seq: 900 + i,
        taskId: `list-wf-${i}:open`,
        taskKind: KINDS[i % 3]!,
        decisionId: `list-d${i}`,
        documentId: `list-doc-${i}`,
        departmentId: 'dept-jtysj',
        dueAt: new Date(now + (i - 6) * DAY),
        issuedAt: new Date(now - (5 - i) * DAY),
      })),
    });
    drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    other = await ApiClient.login(p.baseUrl, 'drafter.fgw');
    supervisor = await ApiClient.login(p.baseUrl, 'supervisor1');
    secretary = await ApiClient.login(p.baseUrl, 'secretary1');
    director = await ApiClient.login(p.baseUrl, 'director');
  }, 120_000);
  afterAll(async () => {
    await p?.close();
  });

  const get = (c: ApiClient, path: string) => c.ok<Page>('GET', path);

  /** Every page of a list, checking that the pages tile the total. */
  async function allPages(c: ApiClient, path: string, pageSize: number) {
    const first = await get(c, `${path}&pageSize=${pageSize}&page=1`);
    const items = [...first.items];
    for (let page = 2; page <= first.pages; page++) {
      const next = await get(c, `${path}&pageSize=${pageSize}&page=${page}`);
      expect(next.total).toBe(first.total);
      items.push(...next.items);
    }
    expect(first.pages).toBe(Math.max(1, Math.ceil(first.total / pageSize)));
    return { first, items };
  }

  it('inbox: open by default, counts per status, kind, stage and due equal the hand counts, pages tile the total', async () => {
    const { first, items } = await allPages(drafter, `/api/tasks?${Q}`, 10);
    expect(first.total).toBe(25);
    expect(first.pages).toBe(3);
    expect(items).toHaveLength(25);
    expect(new Set(items.map((t) => t.id)).size).toBe(25);
    expect(first.counts.status).toEqual({ open: 25, done: 7 });
    expect(first.counts.kind).toEqual({ submit_draft: 9, record_expert_opinions: 8, submit_risk_assessment: 8 });
    expect(first.counts.stage).toEqual({ legality_review: 9, public_participation: 8, launch: 8 });
    expect(first.counts.due).toEqual({ overdue: 6, on_time: 19 });
    expect(first).toMatchObject({ overdue: 6 });
    // Earliest due first: decision 0's task, then 1's …
    expect(items.slice(0, 3).map((t) => t.subject.number)).toEqual([number(0), number(1), number(2)]);
  });

  it('inbox: filters combine, and each filter is counted within the others', async () => {
    const r = await get(drafter, `/api/tasks?${Q}&kind=submit_draft&due=overdue`);
    // submit_draft is i%3=0; overdue is i<6: decisions 0 and 3.
    expect(r.items.map((t) => t.subject.number)).toEqual([number(0), number(3)]);
    expect(r.counts.kind).toMatchObject({ submit_draft: 2, record_expert_opinions: 2, submit_risk_assessment: 2 });
    expect(r.counts.due).toEqual({ overdue: 2, on_time: 7 });
  });

  it('inbox: finished tasks stay findable (status=done), only the finisher’s, sorted by completion', async () => {
    const done = await get(drafter, `/api/tasks?${Q}&status=done&sort=completed&dir=desc`);
    expect(done.total).toBe(7);
    expect(done.items.map((t) => t.subject.number)).toEqual([24, 20, 16, 12, 8, 4, 0].map(number));
    expect(done.items.every((t) => t.status === 'done' && t.completedAt)).toBe(true);
    expect((await get(other, `/api/tasks?${Q}&status=done`)).total).toBe(0);
  });

  it('inbox: counts=false answers the same page, total and overdue figure without the counts (issue 13)', async () => {
    for (const query of [`${Q}&pageSize=10&page=2`, `${Q}&pageSize=10&page=2&due=overdue`, `${Q}&status=done`]) {
      const full = await get(drafter, `/api/tasks?${query}`);
      const lean = await get(drafter, `/api/tasks?${query}&counts=false`);
      expect(lean.counts).toEqual({});
      expect(lean.items.map((t) => t.id)).toEqual(full.items.map((t) => t.id));
      expect(lean).toMatchObject({ total: full.total, pages: full.pages, overdue: (full as any).overdue });
    }
    // A page past the end still knows the total.
    const past = await get(drafter, `/api/tasks?${Q}&pageSize=10&page=9&counts=false`);
    expect(past).toMatchObject({ total: 25, pages: 3, overdue: 6, items: [] });
  });

  it('inbox: the search matches `_` and `%` as themselves', async () => {
    expect((await get(drafter, '/api/tasks?q=JC_2025_90')).total).toBe(0);
    expect((await get(drafter, `/api/tasks?q=${encodeURIComponent('JC%9012')}`)).total).toBe(0);
  });

  it('inbox: searches the number, the title and the task kind; sorts by decision number and opening', async () => {
    expect((await get(drafter, '/api/tasks?q=JC-2025-9012')).items.map((t) => t.id)).toEqual(['list-wf-11:open']);
    expect((await get(drafter, '/api/tasks?q=列表测试决策12')).items.map((t) => t.id)).toEqual(['list-wf-12:open']);
    // 风险评估 is the label of submit_risk_assessment: the 8 seeded plus any of the demo's.
    const byLabel = await get(drafter, `/api/tasks?q=${encodeURIComponent('风险评估')}&pageSize=100`);
    expect(byLabel.items.filter((t) => t.id.startsWith('list-')).length).toBe(8);
    expect(byLabel.items.every((t) => t.kind === 'submit_risk_assessment')).toBe(true);
    const byNumber = await get(drafter, `/api/tasks?${Q}&sort=number&dir=desc&pageSize=3`);
    expect(byNumber.items.map((t) => t.subject.number)).toEqual([number(24), number(23), number(22)]);
    const opened = await get(drafter, `/api/tasks?${Q}&sort=opened&dir=asc&pageSize=2`);
    expect(opened.items.map((t) => t.id)).toEqual(['list-wf-0:open', 'list-wf-1:open']);
  });

  it('refuses an unknown sort, an unknown parameter, a page size over 100 and a bad value, naming each (400)', async () => {
    for (const [path, field] of [
      ['/api/tasks?sort=title', 'sort'],
      ['/api/tasks?colour=red', 'colour'],
      ['/api/tasks?pageSize=101', 'pageSize'],
      ['/api/tasks?status=archived', 'status'],
      ['/api/decisions?sort=due', 'sort'],
      ['/api/reviews?dir=up', 'dir'],
      ['/api/meetings?year=1999', 'year'],
      ['/api/supervision/letters?sort=subject', 'sort'],
      ['/api/supervision/overdue?page=0', 'page'],
      ['/api/meetings/pending?section=all', 'section'],
      ['/api/audit/events?from=yesterday', 'from'],
    ] as const) {
      const c =
        path.startsWith('/api/supervision') || path.startsWith('/api/audit')
          ? supervisor
          : path.startsWith('/api/meetings/pending')
            ? secretary
            : drafter;
      const r = await c.call('GET', path);
      expect(r.status, path).toBe(400);
      expect(
        r.body.issues.map((i: { path: string }) => i.path),
        path,
      ).toContain(field);
      expect(r.body.message.zh).toContain(field);
    }
  });

  it('decisions: counts per stage and status, combined filters, sorts by number, creation and title', async () => {
    const all = await get(drafter, `/api/decisions?${Q}&pageSize=10`);
    expect(all.total).toBe(25);
    expect(all.pages).toBe(3);
    expect(all.counts.stage).toEqual({ legality_review: 9, public_participation: 8, launch: 8 });
    expect(all.counts.status).toEqual({ active: 20, withdrawn: 5 });
    expect(all.items[0]!.number).toBe(number(24));
    const launch = await get(drafter, `/api/decisions?${Q}&stage=launch&status=active`);
    // launch is i%3=2 (2,5,8,11,14,17,20,23); 14 is withdrawn.
    expect(launch.total).toBe(7);
    expect(launch.counts.status).toEqual({ active: 7, withdrawn: 1 });
    expect(launch.counts.stage).toEqual({ launch: 7, legality_review: 7, public_participation: 6 });
    // Without counts (a page turn): the same total and rows.
    const lean = await get(drafter, `/api/decisions?${Q}&stage=launch&status=active&counts=false`);
    expect(lean).toMatchObject({ total: 7, counts: {} });
    expect(lean.items.map((d) => d.number)).toEqual(launch.items.map((d) => d.number));
    const created = await get(drafter, `/api/decisions?${Q}&sort=created&dir=asc&pageSize=2`);
    expect(created.items.map((d) => d.number)).toEqual([number(0), number(1)]);
    const titled = await get(drafter, `/api/decisions?${Q}&sort=title&dir=asc&pageSize=3`);
    expect(titled.items.map((d) => d.title)).toEqual(['列表测试决策0', '列表测试决策1', '列表测试决策10']);
    // Another department's drafter does not list them (the access policy holds under every filter).
    expect((await get(other, `/api/decisions?${Q}`)).total).toBe(0);
  });

  it('reviews: the director finds finished reviews (status=closed), counts per status, kind and due', async () => {
    const q = 'scope=center&q=列表测试审查';
    const all = await get(director, `/api/reviews?${q}`);
    expect(all.total).toBe(12);
    expect(all.counts.status).toEqual({ open: 7, closed: 5 });
    expect(all.counts.kind).toEqual({ normative_document: 6, contract: 6 });
    expect(all.counts.due).toEqual({ overdue: 3, on_time: 9 });
    const closed = await get(director, `/api/reviews?${q}&status=closed&sort=issued&dir=desc`);
    expect(closed.items.map((r) => r.id)).toEqual([
      'GF-2025-8004',
      'GF-2025-8003',
      'GF-2025-8002',
      'GF-2025-8001',
      'GF-2025-8005',
    ]);
    const overdue = await get(director, `/api/reviews?${q}&due=overdue&kind=contract`);
    expect(overdue.items.map((r) => r.id)).toEqual(['GF-2025-8006', 'GF-2025-8008']);
    expect(overdue).toMatchObject({ overdue: 2 });
    const paged = await allPages(director, `/api/reviews?${q}&sort=number&dir=asc`, 5);
    expect(paged.items.map((r) => r.id)).toEqual(Array.from({ length: 12 }, (_, i) => `GF-2025-${8001 + i}`));
  });

  it('meetings: counts per body and status, search over the place, latest first, paged', async () => {
    const all = await get(secretary, '/api/meetings?q=列表测试会议室');
    expect(all.total).toBe(7);
    expect(all.counts.kind).toEqual({ plenary: 3, executive: 4 });
    expect(all.counts.status).toEqual({ closed: 2, scheduled: 5 });
    expect(all.items[0]!.id).toBe('list-m6');
    const plenary = await get(secretary, '/api/meetings?q=列表测试会议室&kind=plenary&sort=starts&dir=asc');
    expect(plenary.items.map((m) => m.id)).toEqual(['list-m0', 'list-m3', 'list-m6']);
    const { items } = await allPages(secretary, '/api/meetings?q=列表测试会议室', 3);
    expect(items.map((m) => m.id)).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `list-m${i}`));
  });

  it('letters: counts per kind, the register’s totals and breakdown, sorted and paged', async () => {
    const all = await get(supervisor, '/api/supervision/letters?year=2025&q=〔2025〕9');
    expect(all.total).toBe(5);
    expect(all.counts.kind).toEqual({ reminder_letter: 3, supervision_letter: 2 });
    expect(all).toMatchObject({ totals: { reminder_letter: 3, supervision_letter: 2 } });
    const reminders = await get(
      supervisor,
      '/api/supervision/letters?year=2025&q=〔2025〕9&kind=reminder_letter&sort=issued&dir=desc',
    );
    expect(reminders.items.map((l) => l.id)).toEqual(['list-letter-2', 'list-letter-1', 'list-letter-0']);
    expect(reminders.counts.kind).toEqual({ reminder_letter: 3, supervision_letter: 2 });
    const { items } = await allPages(supervisor, '/api/supervision/letters?year=2025&q=〔2025〕9&sort=number', 2);
    expect(items.map((l) => l.id)).toEqual([0, 1, 2, 3, 4].map((i) => `list-letter-${i}`));
    // The department's own drafter sees its letters; another department's sees none of them.
    expect((await get(drafter, '/api/supervision/letters?q=〔2025〕9')).total).toBe(5);
    expect((await get(other, '/api/supervision/letters?q=〔2025〕9')).total).toBe(0);
  });

  it('overdue board: a paged SQL query with counts per department, stage and subject', async () => {
    const all = await get(supervisor, `/api/supervision/overdue?${Q}`);
    expect(all.total).toBe(6);
    expect(all.counts.stage).toEqual({ legality_review: 2, public_participation: 2, launch: 2 });
    expect(all.counts.departmentId).toEqual({ 'dept-jtysj': 6 });
    expect(all.counts.subject).toEqual({ decision: 6 });
    expect(all.items.map((i) => i.taskId)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `list-wf-${i}:open`));
    expect(all.items[0]).toMatchObject({ letters: { reminder_letter: 1, supervision_letter: 0 } });
    const launch = await get(supervisor, `/api/supervision/overdue?${Q}&stage=launch&sort=number&dir=desc`);
    expect(launch.items.map((i) => i.decisionNo)).toEqual([number(5), number(2)]);
    expect(launch.counts.stage).toEqual({ legality_review: 2, public_participation: 2, launch: 2 });
    const { items } = await allPages(supervisor, `/api/supervision/overdue?${Q}`, 4);
    expect(items).toHaveLength(6);
    expect((await get(supervisor, `/api/supervision/overdue?${Q}&departmentId=dept-fgw`)).total).toBe(0);
    // The oldest seeded due is 6 days ago: at least 30 working days overdue holds none of them.
    expect((await get(supervisor, `/api/supervision/overdue?${Q}&minWorkingDaysOverdue=30`)).total).toBe(0);
  });

  it('meetings pending: each section searched and counted', async () => {
    const r = await secretary.ok<Page & Record<string, unknown[]>>('GET', '/api/meetings/pending?q=JC-2025-90');
    expect(r.counts.section).toEqual({ readyForAgenda: 0, awaitingOutcome: 0, awaitingPublication: 0, overdue: 0 });
    expect(r.readyForAgenda).toEqual([]);
  });

  it('audit trails: a decision’s trail paged in chain order with counts; the city trail for the office', async () => {
    await drafter.ok('POST', '/api/views', { list: 'inbox', title: '审计测试视图', query: { status: 'open' } });
    const city = await get(supervisor, '/api/audit/events?action=view.&pageSize=5');
    expect(city.items[0]).toMatchObject({ action: 'view.saved', actor: { userId: 'user-drafter.jtysj' } });
    expect(city.counts.actor.person).toBeGreaterThanOrEqual(1);
    expect((await drafter.call('GET', '/api/audit/events')).status).toBe(403);
    const mine = await get(supervisor, '/api/audit/events?actorUserId=user-drafter.jtysj&pageSize=100&dir=asc');
    const seqs = mine.items.map((e) => e.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(mine.items.every((e) => e.actor.userId === 'user-drafter.jtysj')).toBe(true);

    // A launched decision's trail: the engine's and the person's events, paged.
    const { id } = await drafter.ok('POST', '/api/decisions', baseLaunch());
    await drafter.taskOf(id, 'submit_draft');
    const trail = await drafter.ok<Page & { events: unknown[]; chain: { ok: boolean } }>(
      'GET',
      `/api/decisions/${id}/audit?pageSize=1`,
    );
    expect(trail.total).toBeGreaterThanOrEqual(2);
    expect(trail.pages).toBe(trail.total);
    expect(trail.events).toEqual(trail.items);
    expect(trail.chain.ok).toBe(true);
    expect(trail.counts.actor.person + trail.counts.actor.engine).toBe(trail.total);
    const person = await get(drafter, `/api/decisions/${id}/audit?actor=person`);
    expect(person.items.map((e) => e.action)).toContain('decision.launched');
    expect(person.total).toBe(trail.counts.actor.person);
  });

  it('describes each list for the filter bars (GET /api/lists/:name)', async () => {
    const d = await drafter.ok('GET', '/api/lists/inbox');
    expect(d).toMatchObject({ name: 'inbox', defaultSort: 'due', maxPageSize: 100, search: true });
    expect(d.filters.find((f: { name: string }) => f.name === 'status')).toMatchObject({
      values: ['open', 'done'],
      default: 'open',
      counted: true,
    });
    expect((await drafter.call('GET', '/api/lists/nothing')).status).toBe(400);
  });
});
