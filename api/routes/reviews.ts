import { LIST_QUERIES } from '../../domain/lists.js';
import { listAnswer } from './list-answer.js';
import type { Router, Response } from 'express';
import { z } from 'zod';
import { REVIEW_KINDS } from '../../domain/review/kinds.js';
import { MIME_TYPE } from '../../domain/documents.js';
import {
  ReviewKindSettingSchema,
  ReviewerConflictSchema,
  ReviewerLeaveSchema,
  ReviewerProfileSchema,
} from '../../domain/review/pool-schemas.js';
import {
  DecideFlagSchema,
  DecideReviewTimeSchema,
  DeclineReviewSchema,
  ReassignReviewSchema,
  SubmitForReviewSchema,
  SubmittedFileSchema,
} from '../../domain/review/submission.js';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import {
  decideFlagService,
  decideReviewTimeService,
  declineReviewService,
  reassignReviewService,
  uploadReviewDocument,
} from '../services/review-actions.js';
import { getReview, listReviews, opinionDraft, opinionFile, reviewDocumentFile } from '../services/review-read.js';
import {
  addLeave,
  declareConflict,
  listPool,
  updateKindSetting,
  updateReviewerProfile,
} from '../services/review-pool.js';
import { reviewWorkload } from '../services/review-stats.js';
import { recordFiling, recordPublication } from '../services/review-filing.js';
import { FILING_BODIES, RecordFilingSchema, RecordPublicationSchema } from '../../domain/review/filing.js';
import { submitForReview } from '../services/review-submit.js';

const tags = ['legal center'];
const IdParam = z.object({ id: z.string().min(1).max(200) });
const FlagParam = IdParam.extend({ flagId: z.string().min(1).max(300) });
const DocParam = IdParam.extend({ documentId: z.string().uuid() });
const ListQuery = LIST_QUERIES.reviews;
const YearQuery = z.strictObject({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .default(() => new Date(Date.now() + 8 * 3600_000).getUTCFullYear()),
});
const UploadBody = SubmittedFileSchema.extend({ kind: z.enum(['draft', 'explanation', 'counterparty', 'other']) });
const UserParam = z.object({ userId: z.string().min(1).max(100) });
const KindParam = z.object({ kind: z.enum(REVIEW_KINDS) });

const Review = registry.register(
  'Review',
  z
    .object({
      id: z.string(),
      kind: z.enum(REVIEW_KINDS),
      subjectNumber: z.string(),
      title: z.string(),
      status: z.string(),
      reviewerUserId: z.string().nullable(),
      dueAt: z.string().nullable(),
      overdue: z.boolean(),
      outcome: z.string().nullable(),
      opinionNo: z.string().nullable(),
      opinionUrl: z.string().nullable(),
    })
    .loose(),
);
const NormativeFiling = registry.register(
  'NormativeFiling',
  z.object({
    documentNumber: z.string(),
    publishedOn: z.string().describe('China date, YYYY-MM-DD'),
    dueOn: z.string().describe('The last day to file: published on + the filing period (calendar days, default 30)'),
    dueOnZh: z.string(),
    publishedById: z.string(),
    publishedAt: z.string(),
    filedWith: z.array(z.enum(FILING_BODIES)),
    filedWithZh: z.array(z.string()),
    filedOn: z.string().nullable(),
    reference: z.string().nullable(),
    filedById: z.string().nullable(),
    filedAt: z.string().nullable(),
    state: z.enum(['filed_on_time', 'filed_late', 'overdue', 'pending']),
    overdue: z.boolean(),
  }),
);
const MayRecordFiling = registry.register(
  'MayRecordFiling',
  z
    .object({
      publication: z.boolean().describe('The caller may record the publication now (the POST would accept it)'),
      filing: z.boolean().describe('The caller may record the filing now'),
      onBehalfOf: z
        .union([z.object({ name: z.string() }), z.null()])
        .describe('Set when the caller records as the substitute (代办人) of this absent drafter'),
    })
    .describe('What the caller may record of a normative document’s publication and filing (R20-filing)'),
);
const SubmitBody = registry.register('SubmitForReview', SubmitForReviewSchema);

function sendFile(res: Response, f: { fileName: string; mimeType: string; sha256: string; content: Buffer }) {
  // Files stored before the MIME type was checked are sent as bytes rather than failing the header.
  res.setHeader('Content-Type', MIME_TYPE.test(f.mimeType) ? f.mimeType : 'application/octet-stream');
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
  res.setHeader('X-Content-SHA256', f.sha256);
  res.send(f.content);
}

/** The legal center (R15-R20): queue, submissions of normative documents and contracts, assignment, flags, opinions, figures. */
export function reviewRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/reviews',
    summary:
      'Reviews: the center’s queue (scope=center; director, supervisor), the caller’s own (reviewer) or the department’s submissions; open or closed (finished ones stay findable), by kind, due, year and reviewer, searched over number and title, sorted by due, submission, number or issue; paged with counts per filter',
    tags,
    security,
    request: { query: ListQuery },
    responses: {
      200: json(listAnswer(Review, { overdue: z.number() })),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/reviews', requireUser(ctx), async (req, res) => {
    res.json(await listReviews(ctx, userOf(req), parse(ListQuery, req.query)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews',
    summary:
      'Submit a normative document or a contract for legality review (drafter); returns its number, e.g. GF-2026-0001',
    tags,
    security,
    request: { body: { content: { 'application/json': { schema: SubmitBody } } } },
    responses: {
      201: json(z.object({ id: z.string(), number: z.string(), reviewWorkingDays: z.number() })),
      ...errors,
    },
  });
  r.post('/api/reviews', requireUser(ctx, 'drafter'), async (req, res) => {
    res.status(201).json(await submitForReview(ctx, userOf(req), parse(SubmitForReviewSchema, req.body)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/reviews/workload',
    summary:
      'Workload and throughput for a year: per reviewer open / overdue / done / median turnaround; center totals per kind and outcome',
    tags,
    security,
    request: { query: YearQuery },
    responses: {
      200: json(
        z.object({
          year: z.number(),
          reviewers: z.array(z.object({}).loose()),
          center: z.object({ reviewed: z.number() }).loose(),
        }),
      ),
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/reviews/workload', requireUser(ctx), async (req, res) => {
    res.json(await reviewWorkload(ctx, userOf(req), parse(YearQuery, req.query).year));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/reviews/pool',
    summary: 'The reviewer pool (active, former department, leave, conflicts, open load) and each kind’s settings',
    tags,
    security,
    responses: {
      200: json(z.object({ members: z.array(z.object({}).loose()), settings: z.array(z.object({}).loose()) })),
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/reviews/pool', requireUser(ctx), async (req, res) => {
    res.json(await listPool(ctx, userOf(req)));
  });

  registry.registerPath({
    method: 'put',
    path: '/api/reviews/pool/{userId}',
    summary: 'Set a reviewer active or not, and their former department (director, admin; audited)',
    tags,
    security,
    request: { params: UserParam, body: { content: { 'application/json': { schema: ReviewerProfileSchema } } } },
    responses: { 200: json(z.object({}).loose()), ...errors },
  });
  r.put('/api/reviews/pool/:userId', requireUser(ctx, 'director', 'admin'), async (req, res) => {
    res.json(
      await updateReviewerProfile(
        ctx,
        userOf(req),
        parse(UserParam, req.params).userId,
        parse(ReviewerProfileSchema, req.body),
      ),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews/pool/{userId}/leave',
    summary: 'Record a reviewer’s leave: no new assignment in the period (director, admin; audited)',
    tags,
    security,
    request: { params: UserParam, body: { content: { 'application/json': { schema: ReviewerLeaveSchema } } } },
    responses: { 201: json(z.object({}).loose()), ...errors },
  });
  r.post('/api/reviews/pool/:userId/leave', requireUser(ctx, 'director', 'admin'), async (req, res) => {
    res
      .status(201)
      .json(
        await addLeave(ctx, userOf(req), parse(UserParam, req.params).userId, parse(ReviewerLeaveSchema, req.body)),
      );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews/pool/{userId}/conflicts',
    summary:
      'Declare a conflict of interest with a department or a subject (the reviewer themself, or the director; audited)',
    tags,
    security,
    request: { params: UserParam, body: { content: { 'application/json': { schema: ReviewerConflictSchema } } } },
    responses: { 201: json(z.object({}).loose()), ...errors },
  });
  r.post('/api/reviews/pool/:userId/conflicts', requireUser(ctx, 'reviewer', 'director', 'admin'), async (req, res) => {
    res
      .status(201)
      .json(
        await declareConflict(
          ctx,
          userOf(req),
          parse(UserParam, req.params).userId,
          parse(ReviewerConflictSchema, req.body),
        ),
      );
  });

  registry.registerPath({
    method: 'put',
    path: '/api/reviews/settings/{kind}',
    summary:
      'A kind’s workload weight, target working days (R17), second check, director’s sign-off and number prefix; reviews opened afterwards use them (director, admin; audited)',
    tags,
    security,
    request: { params: KindParam, body: { content: { 'application/json': { schema: ReviewKindSettingSchema } } } },
    responses: { 200: json(z.object({}).loose()), ...errors },
  });
  r.put('/api/reviews/settings/:kind', requireUser(ctx, 'director', 'admin'), async (req, res) => {
    res.json(
      await updateKindSetting(
        ctx,
        userOf(req),
        parse(KindParam, req.params).kind,
        parse(ReviewKindSettingSchema, req.body),
      ),
    );
  });

  registry.registerPath({
    method: 'get',
    path: '/api/reviews/{id}',
    summary:
      'One review with its tasks, files and assisted-review flags, and a normative document’s publication and filing (filing: null until recorded) with what the caller may record of it now (mayRecordFiling: null for other kinds)',
    tags,
    security,
    request: { params: IdParam },
    responses: {
      200: json(
        Review.extend({
          filing: z.union([NormativeFiling, z.null()]),
          mayRecordFiling: z.union([MayRecordFiling, z.null()]),
        }),
      ),
      401: errors[401],
      404: errors[404],
    },
  });
  r.get('/api/reviews/:id', requireUser(ctx), async (req, res) => {
    res.json(await getReview(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews/{id}/reassign',
    summary: 'The director reassigns the review to another eligible reviewer, with a reason (R20)',
    tags,
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: ReassignReviewSchema } } } },
    responses: { 200: json(z.object({ reviewerUserId: z.string() })), ...errors },
  });
  r.post('/api/reviews/:id/reassign', requireUser(ctx, 'director'), async (req, res) => {
    res.json(
      await reassignReviewService(
        ctx,
        userOf(req),
        parse(IdParam, req.params).id,
        parse(ReassignReviewSchema, req.body),
      ),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews/{id}/decline',
    summary: 'The assigned reviewer declines with a reason; the pool assigns another reviewer (R20)',
    tags,
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: DeclineReviewSchema } } } },
    responses: { 200: json(z.object({ reviewerUserId: z.string() })), ...errors },
  });
  r.post('/api/reviews/:id/decline', requireUser(ctx, 'reviewer'), async (req, res) => {
    res.json(
      await declineReviewService(ctx, userOf(req), parse(IdParam, req.params).id, parse(DeclineReviewSchema, req.body)),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews/{id}/review-time',
    summary:
      'The director or the assigned reviewer grants or refuses a shortened review time (under 7 working days) a decision asked for; refusing states why (R17)',
    tags,
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: DecideReviewTimeSchema } } } },
    responses: {
      200: json(z.object({ granted: z.boolean(), workingDays: z.number(), dueAt: z.string().optional() })),
      ...errors,
    },
  });
  r.post('/api/reviews/:id/review-time', requireUser(ctx, 'director', 'reviewer'), async (req, res) => {
    res.json(
      await decideReviewTimeService(
        ctx,
        userOf(req),
        parse(IdParam, req.params).id,
        parse(DecideReviewTimeSchema, req.body),
      ),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews/{id}/flags/{flagId}',
    summary: 'The assigned reviewer confirms or dismisses an assisted-review flag (a dismissal needs a reason)',
    tags,
    security,
    request: { params: FlagParam, body: { content: { 'application/json': { schema: DecideFlagSchema } } } },
    responses: {
      200: json(z.object({ id: z.string(), status: z.string(), reason: z.string().nullable() })),
      ...errors,
    },
  });
  r.post('/api/reviews/:id/flags/:flagId', requireUser(ctx, 'reviewer'), async (req, res) => {
    const p = parse(FlagParam, req.params);
    res.json(await decideFlagService(ctx, userOf(req), p.id, p.flagId, parse(DecideFlagSchema, req.body)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/reviews/{id}/opinion-draft',
    summary: 'The checklist pre-filled from the confirmed flags, and the opinion’s draft text',
    tags,
    security,
    request: { params: IdParam },
    responses: {
      200: json(
        z.object({
          findings: z.array(
            z.object({ key: z.string(), question: z.string(), conforms: z.boolean(), finding: z.string() }),
          ),
          text: z.string(),
          openFlags: z.number(),
        }),
      ),
      401: errors[401],
      404: errors[404],
    },
  });
  r.get('/api/reviews/:id/opinion-draft', requireUser(ctx), async (req, res) => {
    res.json(await opinionDraft(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/reviews/{id}/opinion',
    summary: 'Download the review opinion (.docx, GB/T 9704 layout)',
    tags,
    security,
    request: { params: IdParam },
    responses: { 200: { description: 'The .docx file' }, 401: errors[401], 404: errors[404] },
  });
  r.get('/api/reviews/:id/opinion', requireUser(ctx), async (req, res) => {
    sendFile(res, await opinionFile(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews/{id}/documents',
    summary:
      'The submitting department adds a file (revised draft, missing material) to its normative-document or contract review',
    tags,
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: UploadBody } } } },
    responses: { 201: json(z.object({ id: z.string(), kind: z.string() })), ...errors },
  });
  r.post('/api/reviews/:id/documents', requireUser(ctx, 'drafter'), async (req, res) => {
    const { kind, ...file } = parse(UploadBody, req.body);
    res.status(201).json(await uploadReviewDocument(ctx, userOf(req), parse(IdParam, req.params).id, kind, file));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/reviews/{id}/documents/{documentId}',
    summary: 'Download a file of a normative-document or contract review',
    tags,
    security,
    request: { params: DocParam },
    responses: { 200: { description: 'The file' }, 401: errors[401], 404: errors[404] },
  });
  r.get('/api/reviews/:id/documents/:documentId', requireUser(ctx), async (req, res) => {
    const p = parse(DocParam, req.params);
    sendFile(res, await reviewDocumentFile(ctx, userOf(req), p.id, p.documentId));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews/{id}/publication',
    summary:
      'The submitting department records a normative document’s number and publication date after the review opinion; the filing falls due the filing period later (R20-filing; audited)',
    tags,
    security,
    request: {
      params: IdParam,
      body: {
        content: { 'application/json': { schema: registry.register('RecordPublication', RecordPublicationSchema) } },
      },
    },
    responses: { 201: json(NormativeFiling), ...errors },
  });
  r.post('/api/reviews/:id/publication', requireUser(ctx), async (req, res) => {
    res
      .status(201)
      .json(
        await recordPublication(
          ctx,
          userOf(req),
          parse(IdParam, req.params).id,
          parse(RecordPublicationSchema, req.body),
        ),
      );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/reviews/{id}/filing',
    summary:
      'The submitting department records the filing (备案) of a published normative document: the bodies filed with, the date and the filing reference; once (R20-filing; audited)',
    tags,
    security,
    request: {
      params: IdParam,
      body: { content: { 'application/json': { schema: registry.register('RecordFiling', RecordFilingSchema) } } },
    },
    responses: { 200: json(NormativeFiling), ...errors },
  });
  r.post('/api/reviews/:id/filing', requireUser(ctx), async (req, res) => {
    res.json(await recordFiling(ctx, userOf(req), parse(IdParam, req.params).id, parse(RecordFilingSchema, req.body)));
  });
}
