/**
 * Issue 16 §1: every list's query — its sorts (allow-list), default order, filters and search. One entry per list;
 * the routes parse with `LIST_QUERIES[name]`, GET /api/lists/:name describes it for the web's filter bar, and a
 * saved view names one of these lists.
 */
import { z } from 'zod';
import { idFilter, listQuery, yearFilter, type ListQueryOf, type ListSpec } from './list-query.js';
import { MEETING_BODIES } from './meeting-bodies.js';
import { REVIEW_KINDS } from './review/kinds.js';
import { STAGES } from './stages.js';
import { TASK_KIND_NAMES } from './tasks/kinds.js';
import { ROLES } from './roles.js';

const stages = STAGES as unknown as [string, ...string[]];

export const LIST_SPECS = {
  /** GET /api/tasks: the one inbox. */
  inbox: {
    sorts: ['due', 'opened', 'number', 'completed'],
    defaultSort: 'due',
    defaultDir: 'asc',
    defaultPageSize: 20,
    enums: {
      status: { values: ['open', 'done'], default: 'open', counted: true },
      kind: { values: TASK_KIND_NAMES, counted: true },
      stage: { values: stages, counted: true },
      due: { values: ['overdue', 'on_time'], counted: true },
      subject: { values: ['decision', 'review'], counted: true },
    },
    search: 'the decision or submission number and title, and the task kind (name or label)',
  },
  /** GET /api/decisions. */
  decisions: {
    sorts: ['number', 'created', 'title'],
    defaultSort: 'number',
    defaultDir: 'desc',
    defaultPageSize: 20,
    enums: {
      stage: { values: stages, counted: true },
      status: { values: ['active', 'withdrawn', 'not_approved', 'closed'], counted: true },
    },
    free: { departmentId: idFilter },
    search: 'the decision number and title',
  },
  /** GET /api/reviews: the director's queue (scope=center), a reviewer's own, a department's submissions. */
  reviews: {
    sorts: ['due', 'submitted', 'number', 'issued'],
    defaultSort: 'due',
    defaultDir: 'asc',
    defaultPageSize: 20,
    enums: {
      scope: { values: ['center', 'mine', 'department'], default: 'mine' },
      status: { values: ['open', 'closed'], counted: true },
      kind: { values: REVIEW_KINDS, counted: true },
      due: { values: ['overdue', 'on_time'], counted: true },
    },
    free: { year: yearFilter, reviewerUserId: idFilter },
    search: 'the submission number and title',
  },
  /** GET /api/meetings. */
  meetings: {
    sorts: ['starts', 'number'],
    defaultSort: 'starts',
    defaultDir: 'desc',
    defaultPageSize: 20,
    enums: {
      kind: { values: MEETING_BODIES, counted: true },
      status: { values: ['scheduled', 'closed'], counted: true },
    },
    free: { year: yearFilter },
    search: 'the meeting number and place',
  },
  /** GET /api/meetings/pending: the secretaries' board, one section at a time or all four. */
  meetingsPending: {
    sorts: ['due', 'number'],
    defaultSort: 'due',
    defaultDir: 'asc',
    defaultPageSize: 50,
    enums: {
      section: { values: ['readyForAgenda', 'awaitingOutcome', 'awaitingPublication', 'overdue'], counted: true },
    },
    search: 'the decision number and title',
  },
  /** GET /api/supervision/letters: the register of 提示函 and 督办函. */
  letters: {
    sorts: ['issued', 'number', 'due'],
    defaultSort: 'issued',
    defaultDir: 'asc',
    defaultPageSize: 50,
    enums: {
      kind: { values: ['reminder_letter', 'supervision_letter'], counted: true },
    },
    free: { year: yearFilter, departmentId: idFilter, decisionId: idFilter, reviewId: idFilter },
    search: 'the letter number',
  },
  /** GET /api/supervision/overdue: overdue steps across the government. */
  overdue: {
    sorts: ['due', 'number', 'opened'],
    defaultSort: 'due',
    defaultDir: 'asc',
    defaultPageSize: 50,
    enums: {
      stage: { values: stages, counted: true },
      subject: { values: ['decision', 'review'], counted: true },
    },
    free: {
      departmentId: idFilter,
      minWorkingDaysOverdue: z.coerce.number().int().min(0).max(10_000),
    },
    search: 'the decision or submission number and title',
  },
  /** GET /api/decisions/:id/audit: one decision's trail. */
  audit: {
    sorts: ['seq'],
    defaultSort: 'seq',
    defaultDir: 'asc',
    defaultPageSize: 100,
    enums: {
      actor: { values: ['person', 'engine'], counted: true },
      role: { values: ROLES as unknown as [string, ...string[]], counted: true },
    },
    free: { action: z.string().trim().min(1).max(100).describe('An action or its prefix, e.g. task.completed') },
    search: 'the action and the actor’s name',
  },
  /** GET /api/audit/events: the city-wide trail (admin, supervisor). */
  cityAudit: {
    sorts: ['seq'],
    defaultSort: 'seq',
    defaultDir: 'desc',
    defaultPageSize: 50,
    enums: {
      actor: { values: ['person', 'engine'], counted: true },
      chain: { values: ['decision', 'review', 'meeting', 'city'], counted: true },
    },
    free: {
      action: z.string().trim().min(1).max(100).describe('An action or its prefix, e.g. auth.login'),
      actorUserId: idFilter,
      from: z.iso.date().describe('From this day (Beijing), inclusive'),
      to: z.iso.date().describe('To this day (Beijing), inclusive'),
    },
    search: 'the action, the actor’s name and the subject id',
  },
  /** GET /api/outside-catalog-requests: requests to launch outside the annual catalog (R1). */
  outsideCatalog: {
    sorts: ['asked', 'decided', 'title'],
    defaultSort: 'asked',
    defaultDir: 'desc',
    defaultPageSize: 20,
    enums: {
      /** approved = approved and not yet launched; used = launched on it. */
      status: { values: ['pending', 'approved', 'used', 'refused'], counted: true },
    },
    free: { departmentId: idFilter, year: yearFilter },
    search: 'the title and the reason',
  },
} as const satisfies Record<string, ListSpec>;

export type ListName = keyof typeof LIST_SPECS;
export const LIST_NAMES = Object.keys(LIST_SPECS) as [ListName, ...ListName[]];

export const LIST_QUERIES = Object.fromEntries(
  Object.entries(LIST_SPECS).map(([name, spec]) => [name, listQuery(spec)]),
) as unknown as { [K in ListName]: z.ZodObject & z.ZodType<ListQuery<K>> };

/** A list's parsed query: page, pageSize, sort, dir, q and its own filters. */
export type ListQuery<K extends ListName> = ListQueryOf<(typeof LIST_SPECS)[K]>;

/** What a service accepts: the query as the route parsed it, or a part of it (defaults filled by the schema). */
export type ListInput<K extends ListName> = Partial<ListQuery<K>>;

/** Parses a list's query with its defaults (a service called from a test or a bench passes only what it sets). */
export function listQueryOf<K extends ListName>(name: K, input: ListInput<K> | ListQuery<K>): ListQuery<K> {
  return LIST_QUERIES[name].parse(input) as ListQuery<K>;
}
