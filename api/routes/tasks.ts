import type { Router } from 'express';
import { z } from 'zod';
import { TASK_KINDS, TASK_KIND_NAMES } from '../../domain/tasks/kinds.js';
import { TaskWarningSchema } from '../../domain/tasks/early-warning.js';
import { idempotencyKey, parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import { completeTaskService } from '../services/complete-task.js';
import type { ServiceContext } from '../services/context.js';
import { getTask } from '../services/read-decisions.js';
import { listInbox } from '../services/inbox.js';
import { LIST_QUERIES } from '../../domain/lists.js';
import { listAnswer } from './list-answer.js';
import { formJsonSchema } from '../../domain/form-schema.js';
import { notFound } from '../errors.js';

const InboxQuery = LIST_QUERIES.inbox;
const IdParam = z.object({ id: z.string().min(1).max(300) });
const payloadSchemas = TASK_KIND_NAMES.map((k) =>
  registry.register(`TaskPayload_${k}`, TASK_KINDS[k].schema.describe(`${k}: ${TASK_KINDS[k].label.en}`)),
);
const Complete = registry.register(
  'CompleteTaskRequest',
  z.strictObject({
    payload: z
      .union(payloadSchemas as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])
      .describe('The payload of the task’s kind'),
  }),
);
const CompleteBody = z.strictObject({ payload: z.unknown() });
const Task = registry.register(
  'Task',
  z
    .object({
      id: z.string(),
      kind: z.string(),
      stage: z.string(),
      role: z.string(),
      due: z.object({ dueAt: z.string(), rule: z.string().nullable() }).loose().nullable(),
      overdue: z.boolean(),
      warning: TaskWarningSchema.nullable()
        .optional()
        .describe('Early warning of an open task: green 正常 / yellow 临期 / red 逾期 / grey 需关注; null once closed'),
    })
    .loose(),
);

/** The JSON Schema of a task kind's completion payload, for forms: labels in both locales, scoped by the kind. */
export const payloadSchemaOf = (kind: { schema: z.ZodType }, scope?: string) => formJsonSchema(kind.schema, scope);

export function taskRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/tasks',
    summary:
      'The caller’s one inbox: tasks of decisions and of reviews without a decision, named to them or to a role they hold — open ones, or those they finished (status=done). Filtered by kind, stage, due and subject, searched over the number, title and task kind, sorted by due, opened, decision number or completion; paged, with the true total, the overdue count and the counts per filter. Each item names its subject (decision or review).',
    tags: ['tasks'],
    security,
    request: { query: InboxQuery },
    responses: {
      200: json(listAnswer(Task, { overdue: z.number() })),
      400: errors[400],
      401: errors[401],
    },
  });
  r.get('/api/tasks', requireUser(ctx), async (req, res) => {
    res.json(await listInbox(ctx, userOf(req), parse(InboxQuery, req.query)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/tasks/{id}',
    summary: 'One task, with the JSON Schema of its completion payload',
    tags: ['tasks'],
    security,
    request: { params: IdParam },
    responses: { 200: json(Task), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/tasks/:id', requireUser(ctx), async (req, res) => {
    const task = await getTask(ctx, userOf(req), parse(IdParam, req.params).id);
    const kind = TASK_KINDS[task.kind as keyof typeof TASK_KINDS];
    if (!kind) throw notFound('任务');
    res.json({ ...task, payloadSchema: payloadSchemaOf(kind, task.kind) });
  });

  registry.registerPath({
    method: 'post',
    path: '/api/tasks/{id}/complete',
    summary:
      'Complete a task (a Temporal update; rule refusals are 409 with the rule id). Send an Idempotency-Key header to make retries safe.',
    tags: ['tasks'],
    security,
    request: {
      params: IdParam,
      headers: z.object({ 'Idempotency-Key': z.string().max(200).optional() }),
      body: { content: { 'application/json': { schema: Complete } } },
    },
    responses: {
      200: json(z.object({ task: Task, openTasks: z.array(Task), stage: z.string(), status: z.string() })),
      ...errors,
    },
  });
  r.post('/api/tasks/:id/complete', requireUser(ctx), async (req, res) => {
    const { payload } = parse(CompleteBody, req.body);
    res.json(await completeTaskService(ctx, userOf(req), parse(IdParam, req.params).id, payload, idempotencyKey(req)));
  });
}
