import type { Router } from 'express';
import { z } from 'zod';
import { AbsenceSchema } from '../../domain/absences.js';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import { listAbsences, recordAbsence, withdrawAbsence } from '../services/absences.js';
import type { ServiceContext } from '../services/context.js';

const IdParam = z.object({ id: z.string().min(1).max(100) });
const Absence = registry.register('AbsenceRequest', AbsenceSchema);
const AbsenceView = z
  .object({
    id: z.string(),
    user: z.object({ id: z.string(), name: z.string() }),
    startsOn: z.string(),
    endsOn: z.string(),
    reason: z.string(),
    substitute: z.object({ id: z.string(), name: z.string() }).nullable(),
    current: z.boolean(),
  })
  .loose();

/** Absences and substitutes (issue 16 §4): the account page's section, the pool's leave. */
export function absenceRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/absences',
    summary:
      'My absences, the periods I substitute for someone (代办), the absences of the people I manage (director: reviewers; head: the department), and who may be named',
    tags: ['absences'],
    security,
    responses: {
      200: json(
        z
          .object({ mine: z.array(AbsenceView), substituting: z.array(AbsenceView), managed: z.array(AbsenceView) })
          .loose(),
      ),
      401: errors[401],
    },
  });
  r.get('/api/absences', requireUser(ctx), async (req, res) => {
    res.json(await listAbsences(ctx, userOf(req)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/absences',
    summary:
      'Record an absence (China dates, inclusive), optionally with a substitute of the same department who holds the absent person’s task rights in the period; by the person, the director for a reviewer, a head for their staff. No substitute: the head is told which open tasks nobody can act on. Audited.',
    tags: ['absences'],
    security,
    request: { body: { content: { 'application/json': { schema: Absence } } } },
    responses: { 201: json(AbsenceView), ...errors },
  });
  r.post('/api/absences', requireUser(ctx), async (req, res) => {
    res.status(201).json(await recordAbsence(ctx, userOf(req), parse(AbsenceSchema, req.body)));
  });

  registry.registerPath({
    method: 'delete',
    path: '/api/absences/{id}',
    summary: 'Withdraw an absence (whoever may record it); the substitute’s rights end with it. Audited.',
    tags: ['absences'],
    security,
    request: { params: IdParam },
    responses: { 200: json(z.object({ withdrawn: z.string() })), 401: errors[401], 404: errors[404] },
  });
  r.delete('/api/absences/:id', requireUser(ctx), async (req, res) => {
    res.json(await withdrawAbsence(ctx, userOf(req), parse(IdParam, req.params).id));
  });
}
