import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingToolMessage, needs } from '../support/tools.js';
import { createReviewOpinionActivities } from '../../activities/review-opinion.js';
import { createReviewPoolActivities } from '../../activities/review-pool.js';
import type { ServiceContext } from '../../api/services/context.js';
import { reviewWorkload } from '../../api/services/review-stats.js';
import { sessionUser } from '../support/temporal.js';
import type { ReviewLegality } from '../../domain/tasks/legality-review.js';
import { testDatabase } from '../support/database.js';
import { docxContent, pdfTextOf } from '../support/docx.js';
import { freshPostgresDatabase } from '../support/postgres.js';

type Db = Awaited<ReturnType<typeof testDatabase>>;
const targets: Array<[string, () => Promise<{ db: Db; drop?: () => Promise<void> }>]> = [
  ['PGlite', async () => ({ db: await testDatabase() })],
  ...(needs('postgresql', 'pool and numbering on PostgreSQL')
    ? [
        [
          'PostgreSQL',
          async () => {
            const pg = await freshPostgresDatabase(process.env.TEST_DATABASE_URL!);
            return { db: await testDatabase(pg.url), drop: pg.drop };
          },
        ] as [string, () => Promise<{ db: Db; drop?: () => Promise<void> }>],
      ]
    : []),
];

const at = '2026-12-01T02:00:00.000Z';
const opinion = (outcome: ReviewLegality['outcome'] = 'passed'): ReviewLegality => ({
  findings: {
    authority: { conforms: true, finding: '市政府依法享有该事项的决定权。' },
    procedure: { conforms: true, finding: '已履行公众参与、专家论证和风险评估程序。' },
    content: { conforms: true, finding: '草案内容与《中华人民共和国价格法》相符。' },
  },
  outcome,
  attachedOpinions: [],
});

describe.each(targets)('the legal center on %s', (_name, open) => {
  let db: Db;
  let drop: (() => Promise<void>) | undefined;
  let pool: ReturnType<typeof createReviewPoolActivities>;
  let opinions: ReturnType<typeof createReviewOpinionActivities>;
  beforeAll(async () => {
    ({ db, drop } = await open());
    pool = createReviewPoolActivities(db.prisma);
    opinions = createReviewOpinionActivities(db.prisma);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const makeReviews = (
    prefix: string,
    n: number,
    over: { kind?: string; departmentId?: string; weight?: number } = {},
  ) =>
    db.prisma.review.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        id: `${prefix}-${i + 1}`,
        kind: over.kind ?? 'decision',
        subjectNumber: `${prefix}-${i + 1}`,
        title: `测试事项${i + 1}`,
        departmentId: over.departmentId ?? 'dept-jtysj',
        year: 2026,
        status: 'intake',
        weight: over.weight ?? 3,
      })),
    });
  const assign = (id: string) =>
    pool.assignReviewer({ reviewId: id, key: `${id}:assign-1`, at, purpose: 'primary', exclude: [] });

  it('respects leave, declared conflicts and former departments from the seeded pool', async () => {
    await makeReviews('CZJ', 20, { departmentId: 'dept-czj' });
    await makeReviews('ZJJ', 20, { departmentId: 'dept-zjj' });
    const czj = await Promise.all(Array.from({ length: 20 }, (_, i) => assign(`CZJ-${i + 1}`)));
    const zjj = await Promise.all(Array.from({ length: 20 }, (_, i) => assign(`ZJJ-${i + 1}`)));
    expect(czj).not.toContain('user-reviewer18'); // declared conflict with 财政局
    expect(zjj).not.toContain('user-reviewer20'); // came from 住建局
    expect([...czj, ...zjj]).not.toContain('user-reviewer19'); // on leave
    expect(czj).toContain('user-reviewer20');
    expect(zjj).toContain('user-reviewer18');
    // A retried assignment returns the first answer.
    expect(await assign('CZJ-1')).toBe(czj[0]);
    const audit = await db.prisma.auditEvent.findUniqueOrThrow({ where: { idempotencyKey: 'CZJ-1:assign-1' } });
    expect(audit).toMatchObject({ action: 'review.assigned', data: { rule: 'R20', reviewerUserId: czj[0] } });
    await db.prisma.review.updateMany({
      where: { id: { startsWith: 'CZJ-' } },
      data: { issuedAt: new Date(), status: 'issued' },
    });
    await db.prisma.review.updateMany({
      where: { id: { startsWith: 'ZJJ-' } },
      data: { issuedAt: new Date(), status: 'issued' },
    });
  });

  it('spreads 200 reviews arriving together over the 20 reviewers within one of each other when nobody is on leave', async () => {
    await db.prisma.absence.deleteMany();
    await db.prisma.reviewerConflict.deleteMany();
    await db.prisma.reviewerProfile.updateMany({ data: { formerDepartmentId: null } });
    await makeReviews('LOAD', 200);
    const chosen = await Promise.all(Array.from({ length: 200 }, (_, i) => assign(`LOAD-${i + 1}`)));
    const counts = new Map<string, number>();
    for (const c of chosen) counts.set(c!, (counts.get(c!) ?? 0) + 1);
    expect(counts.size).toBe(20);
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
    await db.prisma.review.updateMany({ where: { id: { startsWith: 'LOAD-' } }, data: { status: 'cancelled' } });
  }, 120_000);

  it('numbers opinions issued concurrently uniquely and in sequence, per kind, once per review', async () => {
    await makeReviews('GF', 30, { kind: 'normative_document', weight: 2 });
    await db.prisma.review.updateMany({
      where: { id: { startsWith: 'GF-' } },
      data: { reviewerUserId: 'user-reviewer03', completeAt: new Date() },
    });
    const issued = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        opinions.issueReviewOpinion({
          reviewId: `GF-${i + 1}`,
          kind: 'normative_document',
          reviewerUserId: 'user-reviewer03',
          opinion: opinion(),
        }),
      ),
    );
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const seqs = issued.map((o) => {
      const m = new RegExp(`^法规审〔${year}〕(\\d+)号$`).exec(o.opinionNo);
      expect(m, o.opinionNo).toBeTruthy();
      return Number(m![1]);
    });
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const again = await opinions.issueReviewOpinion({
      reviewId: 'GF-7',
      kind: 'normative_document',
      reviewerUserId: 'user-reviewer03',
      opinion: opinion(),
    });
    expect(again).toEqual(issued[6]);
    expect(
      await db.prisma.document.count({
        where: { kind: 'review_opinion', ownerType: 'review', ownerId: { startsWith: 'GF-' } },
      }),
    ).toBe(30);
    // Contracts have their own sequence.
    await makeReviews('HT', 1, { kind: 'contract', weight: 1 });
    expect(
      (
        await opinions.issueReviewOpinion({
          reviewId: 'HT-1',
          kind: 'contract',
          reviewerUserId: 'user-reviewer03',
          opinion: opinion(),
        })
      ).opinionNo,
    ).toBe(`法合审〔${year}〕1号`);
  }, 120_000);

  it('counts each reviewer’s open, overdue and done reviews, the median turnaround and the center’s totals per kind and outcome', async () => {
    const day = (n: number) => new Date(Date.UTC(2031, 2, n, 2));
    const rows = [
      { id: 'W-1', kind: 'contract', status: 'in_review', dueAt: day(5) },
      { id: 'W-2', kind: 'contract', status: 'supplement', dueAt: day(5) },
      { id: 'W-3', kind: 'decision', status: 'in_review', dueAt: day(20) },
      {
        id: 'W-4',
        kind: 'normative_document',
        status: 'done',
        completeAt: day(1),
        issuedAt: day(3),
        outcome: 'passed',
      },
      {
        id: 'W-5',
        kind: 'normative_document',
        status: 'done',
        completeAt: day(1),
        issuedAt: day(5),
        outcome: 'not_lawful',
      },
    ];
    await db.prisma.review.createMany({
      data: rows.map((r) => ({
        subjectNumber: r.id,
        title: r.id,
        departmentId: 'dept-jyj',
        year: 2031,
        weight: 1,
        reviewerUserId: 'user-reviewer17',
        ...r,
      })),
    });
    const ctx = { prisma: db.prisma } as ServiceContext;
    await expect(reviewWorkload(ctx, await sessionUser(db.prisma, 'reviewer17'), 2031, day(10))).rejects.toMatchObject({
      status: 403,
    });
    const figures = await reviewWorkload(ctx, await sessionUser(db.prisma, 'director'), 2031, day(10));
    expect(figures.reviewers.find((r) => r.userId === 'user-reviewer17')).toMatchObject({
      open: 3,
      overdue: 1,
      done: 2,
      medianTurnaroundDays: 3,
    });
    expect(figures.center.reviewed).toBe(2);
    expect(figures.center.byKind.find((k) => k.kind === 'normative_document')).toEqual({
      kind: 'normative_document',
      submitted: 2,
      reviewed: 2,
      open: 0,
      outcomes: { passed: 1, not_lawful: 1 },
    });
    await db.prisma.review.updateMany({ where: { id: { startsWith: 'W-' } }, data: { status: 'cancelled' } });
  });

  it('issues the opinion as a GB/T 9704 document with its number, title, findings and outcome', async (ctx) => {
    await makeReviews('DOC', 1, { kind: 'normative_document' });
    await db.prisma.reviewFlag.create({
      data: {
        id: 'DOC-1:flag',
        reviewId: 'DOC-1',
        code: 'sets_penalty',
        checklistItem: 'measures',
        excerpt: '处以五千元以上一万元以下罚款',
        messageZh: '涉嫌设定行政处罚（如罚款）',
        messageEn: 'Appears to set a penalty',
        status: 'confirmed',
        decidedById: 'user-reviewer03',
        decidedAt: new Date(),
      },
    });
    const o: ReviewLegality = {
      findings: {
        authority: { conforms: true, finding: '制定主体适格。' },
        procedure: { conforms: true, finding: '已征求意见。' },
        content: { conforms: true, finding: '其余内容合法。' },
        measures: { conforms: false, finding: '第五条设定罚款，规范性文件不得设定行政处罚。' },
        rights: { conforms: true, finding: '未发现减损权利的规定。' },
      },
      outcome: 'passed_with_changes',
      requiredChanges: ['删除第五条关于罚款的规定'],
      attachedOpinions: [],
    };
    const { opinionNo, documentId } = await opinions.issueReviewOpinion({
      reviewId: 'DOC-1',
      kind: 'normative_document',
      reviewerUserId: 'user-reviewer03',
      opinion: o,
    });
    const doc = await db.prisma.document.findUniqueOrThrow({ where: { id: documentId } });
    expect(doc.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const buffer = Buffer.from(doc.contentBase64, 'base64');
    const { xml, text, footerXml } = await docxContent(buffer);
    for (const s of [
      '市司法局文件',
      opinionNo,
      '关于《测试事项1》的合法性审查意见书',
      '市交通运输局：',
      '一、审查事项',
      '（四）是否违法设定行政许可、行政处罚、行政强制、收费等事项',
      '不符合规定。第五条设定罚款',
      '处以五千元以上一万元以下罚款',
      '二、审查结论',
      '审查结论：修改后通过。',
      '删除第五条关于罚款的规定',
      '审查人：法务中心审查员03',
      '抄送：市人民政府办公室。',
    ])
      expect(text).toContain(s);
    expect(xml).toContain('w:w="11906"');
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:bottom="1984"/);
    expect(xml).toMatch(/w:left="1587"/);
    expect(xml).toMatch(/w:right="1474"/);
    for (const font of ['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312']) expect(xml).toContain(font);
    expect(xml).toContain('w:sz w:val="44"'); // title 22 pt
    expect(xml).toContain('w:sz w:val="32"'); // body 16 pt
    expect(footerXml).toContain('— ');
    const what = 'the review opinion in LibreOffice';
    if (!needs('libreoffice', what)) ctx.skip(missingToolMessage('libreoffice', what));
    {
      const pdf = await pdfTextOf(buffer, 'opinion.docx');
      expect(pdf).toContain(opinionNo);
      expect(pdf).toContain('审查结论：修改后通过。');
    }
  }, 180_000);
});
