import { LIST_QUERIES } from '../../domain/lists.js';
import { listAnswer } from './list-answer.js';
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { idempotencyKey, parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { requireMeetingReader } from '../services/access.js';
import { createMeeting, getMeeting, listMeetings, orderItems, recordAttendance } from '../services/meetings.js';
import { addAgendaItem, closeMeetingService, recordOutcome } from '../services/agenda-items.js';
import { agendaDocument, materialsPack, minutesDocument } from '../services/meeting-documents.js';
import { pendingItems } from '../services/pending-items.js';
import { meetingFigures } from '../services/meeting-figures.js';
import { meetingRoster } from '../services/meeting-roster.js';
import { MEETING_BODIES } from '../../domain/meeting-bodies.js';
import {
  AddItemSchema,
  AttendanceSchema,
  CreateMeetingSchema,
  OrderItemsSchema,
  RecordOutcomeSchema,
} from './meetings.schema.js';

const IdParam = z.object({ id: z.string().min(1).max(100) });
const ItemParam = z.object({ id: z.string().min(1).max(100), itemId: z.string().min(1).max(300) });
const Meeting = registry.register(
  'Meeting',
  z
    .object({
      id: z.string(),
      number: z.string(),
      kind: z.string(),
      startsAt: z.string(),
      place: z.string(),
      status: z.string(),
      attendees: z.array(z.object({}).loose()),
      quorum: z.object({ members: z.number(), present: z.number(), reached: z.boolean() }),
      warnings: z.array(z.object({}).loose()),
      items: z.array(z.object({}).loose()),
    })
    .loose(),
);
const Create = registry.register('CreateMeeting', CreateMeetingSchema);
const Outcome = registry.register('MeetingItemOutcome', RecordOutcomeSchema);
const file = (description: string, type: string) => ({
  description,
  content: { [type]: { schema: z.string().meta({ format: 'binary' }) } },
});
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function sendFile(
  res: Response,
  f: { fileName: string; content: Buffer; mimeType?: string },
  extra: Record<string, string> = {},
) {
  res.setHeader('Content-Type', f.mimeType ?? 'application/octet-stream');
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
  res.send(f.content);
}

export function meetingRoutes(r: Router, ctx: ServiceContext) {
  const secretary = requireUser(ctx, 'secretary');
  // The meeting roles (domain/access-policy.ts canReadMeeting); attendees read their own meeting through meetingReader.
  const readers = requireUser(ctx, 'secretary', 'leader', 'supervisor', 'director');
  const meetingReader = [
    requireUser(ctx),
    async (req: Request, _res: Response, next: NextFunction) => {
      await requireMeetingReader(ctx, userOf(req), parse(IdParam.loose(), req.params).id);
      next();
    },
  ];

  registry.registerPath({
    method: 'get',
    path: '/api/meetings/pending',
    summary:
      'Secretaries’ pending items: ready for the agenda (R21), on an agenda awaiting the outcome, approved awaiting publication (R27), overdue; each section searched (decision number, title), sorted (due, number) and paged alike, with counts per section (`section` fills one only)',
    tags: ['meetings'],
    security,
    request: { query: LIST_QUERIES.meetingsPending },
    responses: {
      200: json(
        listAnswer(z.object({}).loose(), {
          readyForAgenda: z.array(z.object({}).loose()),
          awaitingOutcome: z.array(z.object({}).loose()),
          awaitingPublication: z.array(z.object({}).loose()),
          overdue: z.array(z.object({}).loose()),
        }),
      ),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/meetings/pending', readers, async (req, res) => {
    res.json(await pendingItems(ctx, userOf(req), parse(LIST_QUERIES.meetingsPending, req.query)));
  });

  const RosterQuery = z.strictObject({ kind: z.enum(MEETING_BODIES).default('executive') });
  registry.registerPath({
    method: 'get',
    path: '/api/meetings/roster',
    summary:
      'R24: the accounts a meeting’s attendees are picked from: the body’s roster (members) and the justice bureau’s head (legal adviser)',
    tags: ['meetings'],
    security,
    request: { query: RosterQuery },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({
              userId: z.string(),
              name: z.string(),
              title: z.string(),
              member: z.boolean(),
              legalAdviser: z.boolean(),
            }),
          ),
        }),
      ),
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/meetings/roster', secretary, async (req, res) => {
    res.json(await meetingRoster(ctx, parse(RosterQuery, req.query).kind));
  });

  const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
  registry.registerPath({
    method: 'get',
    path: '/api/meetings/figures',
    summary: 'R39: meetings held, items decided by outcome, and the legal adviser’s attendance in a year',
    tags: ['meetings'],
    security,
    request: { query: YearQuery },
    responses: {
      200: json(
        z.object({
          year: z.number(),
          meetingsHeld: z.object({}).loose(),
          itemsDecided: z.object({}).loose(),
          legalAdviserAttendance: z.object({ meetings: z.number(), attended: z.number() }),
        }),
      ),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/meetings/figures', readers, async (req, res) => {
    res.json(await meetingFigures(ctx, parse(YearQuery, req.query).year));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/meetings',
    summary: 'Create an executive or plenary meeting (R24) with its attendees, the legal adviser among them',
    tags: ['meetings'],
    security,
    request: { body: { content: { 'application/json': { schema: Create } } } },
    responses: { 201: json(Meeting), ...errors },
  });
  r.post('/api/meetings', secretary, async (req, res) => {
    res.status(201).json(await createMeeting(ctx, userOf(req), parse(CreateMeetingSchema, req.body)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/meetings',
    summary:
      'Meetings the caller may read, latest first: by body, status and year, searched over number and place, sorted by start or number; paged with counts per body and status',
    tags: ['meetings'],
    security,
    request: { query: LIST_QUERIES.meetings },
    responses: {
      200: json(listAnswer(z.object({}).loose())),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/meetings', requireUser(ctx), async (req, res) => {
    res.json(await listMeetings(ctx, userOf(req), parse(LIST_QUERIES.meetings, req.query)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/meetings/{id}',
    summary: 'A meeting: attendees, quorum (R24), legal-adviser warning, agenda items with outcomes',
    tags: ['meetings'],
    security,
    request: { params: IdParam },
    responses: { 200: json(Meeting), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/meetings/:id', ...meetingReader, async (req, res) => {
    res.json(await getMeeting(ctx, parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'put',
    path: '/api/meetings/{id}/attendees',
    summary: 'Record the attendance (R24: quorum; the legal adviser’s absence is a warning)',
    tags: ['meetings'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: AttendanceSchema } } } },
    responses: { 200: json(Meeting), ...errors },
  });
  r.put('/api/meetings/:id/attendees', secretary, async (req, res) => {
    res.json(
      await recordAttendance(
        ctx,
        userOf(req),
        parse(IdParam, req.params).id,
        parse(AttendanceSchema, req.body).attendees,
      ),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/meetings/{id}/items',
    summary: 'Place a ready decision on the agenda (409 naming the rule when it is not ready: R21, R15, R23, …)',
    tags: ['meetings'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: AddItemSchema } } } },
    responses: { 201: json(z.object({ item: z.object({}).loose(), meeting: Meeting })), ...errors },
  });
  r.post('/api/meetings/:id/items', secretary, async (req, res) => {
    res
      .status(201)
      .json(
        await addAgendaItem(
          ctx,
          userOf(req),
          parse(IdParam, req.params).id,
          parse(AddItemSchema, req.body).decisionId,
          idempotencyKey(req),
        ),
      );
  });

  registry.registerPath({
    method: 'put',
    path: '/api/meetings/{id}/items/order',
    summary: 'Order the agenda (every item once)',
    tags: ['meetings'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: OrderItemsSchema } } } },
    responses: { 200: json(Meeting), ...errors },
  });
  r.put('/api/meetings/:id/items/order', secretary, async (req, res) => {
    res.json(
      await orderItems(ctx, userOf(req), parse(IdParam, req.params).id, parse(OrderItemsSchema, req.body).itemIds),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/meetings/{id}/items/{itemId}/outcome',
    summary:
      'Record the discussion and the chief executive’s decision (R24 quorum; R25 a departure from the majority needs its reason; R26 substantive changes go back to review)',
    tags: ['meetings'],
    security,
    request: { params: ItemParam, body: { content: { 'application/json': { schema: Outcome } } } },
    responses: {
      200: json(z.object({ item: z.object({}).loose(), warnings: z.array(z.object({}).loose()) })),
      ...errors,
    },
  });
  r.post('/api/meetings/:id/items/:itemId/outcome', secretary, async (req, res) => {
    const { id, itemId } = parse(ItemParam, req.params);
    res.json(
      await recordOutcome(ctx, userOf(req), id, itemId, parse(RecordOutcomeSchema, req.body), idempotencyKey(req)),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/meetings/{id}/close',
    summary: 'Close the meeting once every item is decided',
    tags: ['meetings'],
    security,
    request: { params: IdParam },
    responses: { 200: json(Meeting), ...errors },
  });
  r.post('/api/meetings/:id/close', secretary, async (req, res) => {
    res.json(await closeMeetingService(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/meetings/{id}/agenda.docx',
    summary: 'The agenda (议题单), GB/T 9704 layout',
    tags: ['meetings'],
    security,
    request: { params: IdParam },
    responses: { 200: file('The agenda', DOCX), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/meetings/:id/agenda.docx', ...meetingReader, async (req, res) => {
    sendFile(res, await agendaDocument(ctx, parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/meetings/{id}/minutes.docx',
    summary: 'The minutes (会议纪要), GB/T 9704 layout',
    tags: ['meetings'],
    security,
    request: { params: IdParam },
    responses: { 200: file('The minutes', DOCX), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/meetings/:id/minutes.docx', ...meetingReader, async (req, res) => {
    sendFile(res, await minutesDocument(ctx, parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/meetings/{id}/items/{itemId}/materials',
    summary: 'The item’s materials pack (R22): draft, explanation, stage records, review opinion, checklist (zip)',
    tags: ['meetings'],
    security,
    request: { params: ItemParam },
    responses: { 200: file('The materials pack', 'application/zip'), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/meetings/:id/items/:itemId/materials', ...meetingReader, async (req, res) => {
    const { id, itemId } = parse(ItemParam, req.params);
    sendFile(res, await materialsPack(ctx, userOf(req), id, itemId));
  });
}
