import type { Router } from 'express';
import { z } from 'zod';
import {
  AnswerCommentGroupSchema,
  AssignCommentsSchema,
  CreateCommentGroupSchema,
  RecordCommentSchema,
} from '../../domain/participation/schemas.js';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import {
  answerCommentGroup,
  concludeFromList,
  createCommentGroup,
  groupComments,
  listComments,
  participationSummaryDocument,
  recordComment,
} from '../services/comments.js';
import { sendFile } from './meetings.js';

const IdParam = z.object({ id: z.string().min(1).max(100) });
const GroupParam = z.object({ id: z.string().min(1).max(100), groupId: z.string().min(1).max(100) });
const Conclude = z.strictObject({ adoptionSummary: z.string().trim().min(1).max(5000).optional() });
const Any = json(z.object({}).loose());
const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** R6: the staff's list of a decision's comments, their topic groups and answers, and the conclusion from the list. */
export function commentRoutes(r: Router, ctx: ServiceContext) {
  const tags = ['participation'];
  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/comments',
    summary: 'Every comment (public site and other channels) with its group; the groups and answers (R6)',
    tags,
    security,
    request: { params: IdParam },
    responses: { 200: Any, 401: errors[401], 403: errors[403], 404: errors[404] },
  });
  r.get('/api/decisions/:id/comments', requireUser(ctx), async (req, res) => {
    res.json(await listComments(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/comments',
    summary: 'Record a comment received through another channel (R6; lead department’s drafter)',
    tags,
    security,
    request: { params: IdParam, ...body(registry.register('RecordComment', RecordCommentSchema)) },
    responses: { 201: Any, ...errors },
  });
  r.post('/api/decisions/:id/comments', requireUser(ctx, 'drafter'), async (req, res) => {
    res
      .status(201)
      .json(await recordComment(ctx, userOf(req), parse(IdParam, req.params).id, parse(RecordCommentSchema, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/comment-groups',
    summary: 'A topic group, with the comments (by id) it holds (R6)',
    tags,
    security,
    request: { params: IdParam, ...body(registry.register('CreateCommentGroup', CreateCommentGroupSchema)) },
    responses: { 201: Any, ...errors },
  });
  r.post('/api/decisions/:id/comment-groups', requireUser(ctx, 'drafter'), async (req, res) => {
    res
      .status(201)
      .json(
        await createCommentGroup(
          ctx,
          userOf(req),
          parse(IdParam, req.params).id,
          parse(CreateCommentGroupSchema, req.body),
        ),
      );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/comment-groups/{groupId}/comments',
    summary: 'Put comments (by id) into a group (R6)',
    tags,
    security,
    request: { params: GroupParam, ...body(registry.register('AssignComments', AssignCommentsSchema)) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/decisions/:id/comment-groups/:groupId/comments', requireUser(ctx, 'drafter'), async (req, res) => {
    const p = parse(GroupParam, req.params);
    res.json(await groupComments(ctx, userOf(req), p.id, p.groupId, parse(AssignCommentsSchema, req.body).commentIds));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/comment-groups/{groupId}/answer',
    summary: 'Answer a group: adopted / partly / not adopted with the reason (R6)',
    tags,
    security,
    request: { params: GroupParam, ...body(registry.register('AnswerCommentGroup', AnswerCommentGroupSchema)) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/decisions/:id/comment-groups/:groupId/answer', requireUser(ctx, 'drafter'), async (req, res) => {
    const p = parse(GroupParam, req.params);
    res.json(await answerCommentGroup(ctx, userOf(req), p.id, p.groupId, parse(AnswerCommentGroupSchema, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/participation/conclude',
    summary:
      'Conclude the participation step from the list (R5, R6: after the period, every comment grouped and answered)',
    tags,
    security,
    request: { params: IdParam, ...body(registry.register('ConcludeFromList', Conclude)) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/decisions/:id/participation/conclude', requireUser(ctx, 'drafter'), async (req, res) => {
    res.json(
      await concludeFromList(
        ctx,
        userOf(req),
        parse(IdParam, req.params).id,
        parse(Conclude, req.body ?? {}).adoptionSummary,
      ),
    );
  });

  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/participation/summary.docx',
    summary: 'The adoption summary of public comments, GB/T 9704 layout (R6)',
    tags,
    security,
    request: { params: IdParam },
    responses: {
      200: { description: 'The summary', content: { [DOCX]: { schema: z.string().meta({ format: 'binary' }) } } },
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  });
  r.get('/api/decisions/:id/participation/summary.docx', requireUser(ctx), async (req, res) => {
    sendFile(res, {
      ...(await participationSummaryDocument(ctx, userOf(req), parse(IdParam, req.params).id)),
      mimeType: DOCX,
    });
  });
}
