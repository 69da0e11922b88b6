/**
 * The access policy (domain/access-policy.ts) as a route × actor × relationship matrix on the real platform:
 * every route of the OpenAPI document has an entry, every entry is called by every actor, and the status must be
 * the table's. A route without an entry fails the test.
 *
 * Statuses: a number is exact, a list any of its members; 'pass' means the access policy let the call through (anything but 401/403/404: the
 * call then succeeds or is refused by its body or a rule). Writes send a body the schema refuses where the role
 * check comes first, so a permitted caller gets 400 and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { ProcedureDriver, baseLaunch, payloads } from '../support/procedure-driver.js';
import { sessionUser } from '../support/temporal.js';
import { workflowIdle } from '../support/workflow-idle.js';
// After the platform (which extends zod for OpenAPI before any schema is built).
import { chinaYear } from '../../domain/china-time.js';
import { requestOutsideCatalog } from '../../api/services/outside-catalog.js';

type Expect = number | number[] | 'pass';
type Fixtures = Record<string, string>;
interface Case {
  /** What the call is about (a fixture's relationship), for the failure message. */
  on: string;
  path: (f: Fixtures) => string;
  body?: (f: Fixtures) => unknown;
  /** Actor → status; everyone else gets `others`. */
  expect: Record<string, Expect>;
  others: Expect;
  /** Call with a fresh session (signing out ends the one used). */
  fresh?: boolean;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const txt = (fileName: string, text: string) => ({ fileName, mimeType: 'text/plain', contentBase64: b64(text) });

/** The actors: each a role and a relationship to the fixtures below. */
const ACTORS = {
  own: 'drafter.jtysj', // lead department of D1, D2, D4
  ownHead: 'head.jtysj', // lead department's head; attendee of M1
  otherDept: 'drafter.fgw', // another department; lead of D3 (published), submitter of HT1, HT2
  principal: 'vicemayor3', // principal leader over jtysj
  otherLeader: 'vicemayor1', // principal leader over fgw
  mayor: 'mayor',
  assigned: '', // the reviewer the pool assigned to HT1 (filled in)
  conflicted: '', // the reviewer assigned to HT2, who then declared a conflict with it (filled in)
  unassigned: '', // a reviewer with neither (filled in)
  director: 'director',
  secretary: 'secretary1',
  supervisor: 'supervisor1',
  admin: 'admin',
} as Record<string, string>;

const only = (actors: string[], s: Expect): Record<string, Expect> => Object.fromEntries(actors.map((a) => [a, s]));
const merge = (...m: Array<Record<string, Expect>>) => Object.assign({}, ...m);

const FULL_D1 = ['own', 'ownHead', 'principal', 'supervisor'];
const FULL_D2 = ['own', 'ownHead', 'principal']; // confidential: no supervisor
const FULL_D3 = ['otherDept', 'otherLeader', 'supervisor'];
const READ_HT1 = ['assigned', 'director', 'supervisor', 'otherDept'];
const READ_HT2 = ['director', 'supervisor', 'otherDept']; // its reviewer declared a conflict
const MEETING_ROLES = ['principal', 'otherLeader', 'mayor', 'director', 'secretary', 'supervisor'];
const DRAFTERS = ['own', 'otherDept'];
const LEADERS = ['principal', 'otherLeader', 'mayor'];

/** Reads of a decision: full readers get `full`; readers of the published parts get `published`; the rest 404. */
const decisionRead = (
  on: string,
  id: string,
  suffix: string,
  full: string[],
  fullStatus: Expect,
  published?: Expect,
): Case => ({
  on,
  path: (f) => `/api/decisions/${f[id]}${suffix}`,
  expect: only(full, fullStatus),
  others: published ?? 404,
});

const TABLE: Record<string, Case[]> = {
  'POST /api/auth/login': [
    {
      on: 'anyone',
      path: () => '/api/auth/login',
      body: () => ({ username: 'admin', password: 'yifa-demo' }),
      expect: {},
      others: 200,
    },
  ],
  'POST /api/auth/logout': [
    { on: 'own session', path: () => '/api/auth/logout', expect: {}, others: 204, fresh: true },
  ],
  'POST /api/auth/logout-everywhere': [
    { on: 'own sessions', path: () => '/api/auth/logout-everywhere', expect: {}, others: 204, fresh: true },
  ],
  'POST /api/auth/password': [
    { on: 'invalid body', path: () => '/api/auth/password', body: () => ({}), expect: {}, others: 400 },
  ],
  'GET /api/admin/users': [{ on: 'users', path: () => '/api/admin/users', expect: only(['admin'], 200), others: 403 }],
  'POST /api/admin/users': [
    { on: 'invalid body', path: () => '/api/admin/users', body: () => ({}), expect: only(['admin'], 400), others: 403 },
  ],
  'PATCH /api/admin/users/{id}': [
    {
      on: 'invalid body',
      path: () => '/api/admin/users/user-reviewer01',
      body: () => ({ active: 'no' }),
      expect: only(['admin'], 400),
      others: 403,
    },
  ],
  'POST /api/admin/users/{id}/password': [
    {
      on: 'invalid body',
      path: () => '/api/admin/users/user-reviewer01/password',
      body: () => ({}),
      expect: only(['admin'], 400),
      others: 403,
    },
  ],
  'GET /api/me': [{ on: 'self', path: () => '/api/me', expect: {}, others: 200 }],
  'POST /api/decisions': [
    {
      on: 'launch (invalid body)',
      path: () => '/api/decisions',
      body: () => ({}),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  'GET /api/decisions': [{ on: 'list', path: () => '/api/decisions', expect: {}, others: 200 }],
  'GET /api/decisions/{id}': [
    decisionRead('D1 in progress', 'D1', '', FULL_D1, 200),
    decisionRead('D2 confidential', 'D2', '', FULL_D2, 200),
    decisionRead('D3 published', 'D3', '', FULL_D3, 200, 200),
  ],
  'GET /api/decisions/{id}/audit': [
    decisionRead('D1 in progress', 'D1', '/audit', FULL_D1, 200),
    decisionRead('D2 confidential', 'D2', '/audit', FULL_D2, 200),
    decisionRead('D3 published', 'D3', '/audit', FULL_D3, 200, 403),
  ],
  'POST /api/decisions/{id}/withdraw': [
    {
      on: 'D4 own department',
      path: (f) => `/api/decisions/${f.D4}/withdraw`,
      body: () => ({ reason: '情况变化' }),
      expect: merge(only(['own', 'ownHead'], 'pass'), only(['otherDept'], 404)),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/procedure-flags': [
    {
      on: 'D1 in progress (R9/R12)',
      path: (f) => `/api/decisions/${f.D1}/procedure-flags`,
      body: () => ({ expertArgumentation: true, reason: '事项专业性较强' }),
      expect: merge(only(['own', 'ownHead'], 'pass'), only(['otherDept'], 404)),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/documents': [
    {
      on: 'D1',
      path: (f) => `/api/decisions/${f.D1}/documents`,
      body: () => ({ kind: 'other', ...txt('补充.txt', '补充材料') }),
      expect: merge(only(['own'], 201), only(['ownHead', 'principal', 'supervisor'], 403)),
      others: 404,
    }, // the head's kinds: domain/document-policy.ts
  ],
  'GET /api/tasks': [{ on: 'inbox', path: () => '/api/tasks', expect: {}, others: 200 }],
  'GET /api/tasks/{id}': [
    { on: 'D1 task', path: (f) => `/api/tasks/${encodeURIComponent(f.T1)}`, expect: only(FULL_D1, 200), others: 404 },
    { on: 'D2 task', path: (f) => `/api/tasks/${encodeURIComponent(f.T2)}`, expect: only(FULL_D2, 200), others: 404 },
    {
      on: 'HT1 review task',
      path: (f) => `/api/tasks/${encodeURIComponent(f.RT1)}`,
      expect: only(READ_HT1, 200),
      others: 404,
    },
  ],
  'POST /api/tasks/{id}/complete': [
    {
      on: 'D1 task (empty payload)',
      path: (f) => `/api/tasks/${encodeURIComponent(f.T1)}/complete`,
      body: () => ({ payload: {} }),
      expect: merge(only(FULL_D1, 403), only(['own'], 400)),
      others: 404,
    },
    {
      on: 'HT1 review task (empty payload)',
      path: (f) => `/api/tasks/${encodeURIComponent(f.RT1)}/complete`,
      body: () => ({ payload: {} }),
      expect: merge(only(READ_HT1, 403), only(['assigned'], 400)),
      others: 404,
    },
  ],
  'GET /api/documents/{id}': [
    { on: 'D1 document', path: (f) => `/api/documents/${f.DOC1}`, expect: only(FULL_D1, 200), others: 404 },
    {
      on: 'D3 document (published decision)',
      path: (f) => `/api/documents/${f.DOC3}`,
      expect: only(FULL_D3, 200),
      others: 403,
    },
  ],
  'GET /api/calendar': [{ on: 'years', path: () => '/api/calendar', expect: {}, others: 200 }],
  'PUT /api/calendar/{year}': [
    {
      on: 'invalid body',
      path: () => '/api/calendar/2030',
      body: () => ({}),
      expect: only(['admin'], 400),
      others: 403,
    },
  ],
  'POST /api/calendar/{year}/preview': [
    {
      on: 'invalid body',
      path: () => '/api/calendar/2030/preview',
      body: () => ({}),
      expect: only(['admin'], 400),
      others: 403,
    },
  ],
  'POST /api/calendar/{year}/withdraw-preview': [
    {
      on: 'a preview writes nothing',
      path: () => '/api/calendar/2030/withdraw-preview',
      expect: only(['admin'], 'pass'),
      others: 403,
    },
  ],
  'POST /api/calendar/{year}/withdraw': [
    {
      on: 'invalid body',
      path: () => '/api/calendar/2030/withdraw',
      body: () => ({}),
      expect: only(['admin'], 400),
      others: 403,
    },
  ],
  'GET /api/audit/verify': [
    { on: 'the whole chain', path: () => '/api/audit/verify', expect: only(['admin', 'supervisor'], 200), others: 403 },
    {
      on: 'D2 confidential chain',
      path: (f) => `/api/audit/verify?decisionId=${f.D2}`,
      expect: only([...FULL_D2, 'admin', 'supervisor'], 200),
      others: 404,
    },
    {
      on: 'D3 published chain',
      path: (f) => `/api/audit/verify?decisionId=${f.D3}`,
      expect: only([...FULL_D3, 'admin'], 200),
      others: 403,
    },
  ],
  'POST /api/temporal-codec/encode': [
    {
      on: 'invalid body',
      path: () => '/api/temporal-codec/encode',
      body: () => ({}),
      expect: only(['admin'], [400, 503]),
      others: 403,
    },
  ],
  'POST /api/temporal-codec/decode': [
    {
      on: 'invalid body',
      path: () => '/api/temporal-codec/decode',
      body: () => ({}),
      expect: only(['admin'], [400, 503]),
      others: 403,
    },
  ],
  'GET /api/laws': [
    {
      on: 'law library',
      path: () => '/api/laws',
      expect: only(['assigned', 'conflicted', 'unassigned', 'director', 'admin'], 200),
      others: 403,
    },
  ],
  'POST /api/laws': [
    {
      on: 'invalid body',
      path: () => '/api/laws',
      body: () => ({}),
      expect: only(['director', 'admin'], 400),
      others: 403,
    },
  ],
  'PUT /api/laws/{id}': [
    {
      on: 'invalid body',
      path: () => '/api/laws/none',
      body: () => ({}),
      expect: only(['director', 'admin'], 400),
      others: 403,
    },
  ],
  'GET /api/auth/oidc': [{ on: 'public', path: () => '/api/auth/oidc', expect: {}, others: 200 }],
  'POST /api/temporal-codec/session': [
    { on: 'codec cookie', path: () => '/api/temporal-codec/session', expect: only(['admin'], 204), others: 403 },
  ],
  'GET /api/health': [{ on: 'public', path: () => '/api/health', expect: {}, others: 200 }],
  'GET /api/labels': [{ on: 'public', path: () => '/api/labels', expect: {}, others: 200 }],
  'GET /api/forms/{name}': [
    { on: 'public', path: () => '/api/forms/launch', expect: {}, others: 200 },
    { on: 'unknown form', path: () => '/api/forms/nope', expect: {}, others: 400 },
  ],
  'GET /api/departments': [{ on: 'public', path: () => '/api/departments', expect: {}, others: 200 }],
  'GET /api/users': [{ on: 'pickers', path: () => '/api/users', expect: {}, others: 200 }],
  'GET /api/meetings/pending': [
    { on: 'secretaries’ list', path: () => '/api/meetings/pending', expect: only(MEETING_ROLES, 200), others: 403 },
  ],
  'GET /api/meetings/figures': [
    { on: 'R39 figures', path: () => '/api/meetings/figures?year=2027', expect: only(MEETING_ROLES, 200), others: 403 },
  ],
  'GET /api/meetings/roster': [
    { on: 'R24 attendees to pick', path: () => '/api/meetings/roster', expect: only(['secretary'], 200), others: 403 },
  ],
  'POST /api/meetings': [
    {
      on: 'invalid body',
      path: () => '/api/meetings',
      body: () => ({}),
      expect: only(['secretary'], 400),
      others: 403,
    },
  ],
  'GET /api/meetings': [{ on: 'list', path: () => '/api/meetings', expect: {}, others: 200 }],
  'GET /api/meetings/{id}': [
    {
      on: 'M1 (head.jtysj attends)',
      path: (f) => `/api/meetings/${f.M1}`,
      expect: only([...MEETING_ROLES, 'ownHead'], 200),
      others: 403,
    },
  ],
  'PUT /api/meetings/{id}/attendees': [
    {
      on: 'M1 invalid body',
      path: (f) => `/api/meetings/${f.M1}/attendees`,
      body: () => ({}),
      expect: only(['secretary'], 400),
      others: 403,
    },
  ],
  'POST /api/meetings/{id}/items': [
    {
      on: 'M1 invalid body',
      path: (f) => `/api/meetings/${f.M1}/items`,
      body: () => ({}),
      expect: only(['secretary'], 400),
      others: 403,
    },
  ],
  'POST /api/meetings/{id}/items/bulk/preview': [
    {
      on: 'M1 invalid body',
      path: (f) => `/api/meetings/${f.M1}/items/bulk/preview`,
      body: () => ({}),
      expect: only(['secretary'], 400),
      others: 403,
    },
  ],
  'POST /api/reviews/bulk/preview': [
    {
      on: 'invalid body',
      path: () => '/api/reviews/bulk/preview',
      body: () => ({}),
      expect: only(['director'], 400),
      others: 403,
    },
  ],
  'POST /api/meetings/{id}/items/bulk': [
    {
      on: 'M1 invalid body',
      path: (f) => `/api/meetings/${f.M1}/items/bulk`,
      body: () => ({}),
      expect: only(['secretary'], 400),
      others: 403,
    },
  ],
  'POST /api/reviews/bulk': [
    {
      on: 'invalid body',
      path: () => '/api/reviews/bulk',
      body: () => ({}),
      expect: only(['director'], 400),
      others: 403,
    },
  ],
  'POST /api/supervision/reminders/bulk/preview': [
    {
      on: 'invalid body',
      path: () => '/api/supervision/reminders/bulk/preview',
      body: () => ({}),
      expect: only(['supervisor'], 400),
      others: 403,
    },
  ],
  'POST /api/supervision/reminders/bulk': [
    {
      on: 'invalid body',
      path: () => '/api/supervision/reminders/bulk',
      body: () => ({}),
      expect: only(['supervisor'], 400),
      others: 403,
    },
  ],
  'PUT /api/meetings/{id}/items/order': [
    {
      on: 'M1 invalid body',
      path: (f) => `/api/meetings/${f.M1}/items/order`,
      body: () => ({}),
      expect: only(['secretary'], 400),
      others: 403,
    },
  ],
  'POST /api/meetings/{id}/items/{itemId}/outcome': [
    {
      on: 'M1 invalid body',
      path: (f) => `/api/meetings/${f.M1}/items/none/outcome`,
      body: () => ({}),
      expect: only(['secretary'], 400),
      others: 403,
    },
  ],
  'POST /api/meetings/{id}/close': [
    { on: 'M2', path: (f) => `/api/meetings/${f.M2}/close`, expect: only(['secretary'], 'pass'), others: 403 },
  ],
  'GET /api/meetings/{id}/agenda.docx': [
    {
      on: 'M1',
      path: (f) => `/api/meetings/${f.M1}/agenda.docx`,
      expect: only([...MEETING_ROLES, 'ownHead'], 200),
      others: 403,
    },
  ],
  'GET /api/meetings/{id}/minutes.docx': [
    {
      on: 'M1',
      path: (f) => `/api/meetings/${f.M1}/minutes.docx`,
      expect: only([...MEETING_ROLES, 'ownHead'], 200),
      others: 403,
    },
  ],
  'GET /api/meetings/{id}/items/{itemId}/materials': [
    {
      on: 'M1 unknown item',
      path: (f) => `/api/meetings/${f.M1}/items/none/materials`,
      expect: only([...MEETING_ROLES, 'ownHead'], 404),
      others: 403,
    },
  ],
  'GET /api/decisions/{id}/dossier': [
    decisionRead('D1 (not sealed)', 'D1', '/dossier', FULL_D1, 404),
    decisionRead('D3 published', 'D3', '/dossier', FULL_D3, 404, 403),
  ],
  'GET /api/decisions/{id}/dossier/download': [
    decisionRead('D3 published', 'D3', '/dossier/download', FULL_D3, 404, 403),
  ],
  'GET /api/decisions/{id}/dossier/index.docx': [
    decisionRead('D3 published', 'D3', '/dossier/index.docx', FULL_D3, 404, 403),
  ],
  'GET /api/decisions/{id}/implementation': [
    decisionRead('D1', 'D1', '/implementation', FULL_D1, 200),
    decisionRead('D2 confidential', 'D2', '/implementation', FULL_D2, 200),
    decisionRead('D3 published', 'D3', '/implementation', FULL_D3, 200, 403),
  ],
  'POST /api/decisions/{id}/implementation-reports': [
    {
      on: 'D1 invalid body',
      path: (f) => `/api/decisions/${f.D1}/implementation-reports`,
      body: () => ({}),
      expect: only(['own', 'ownHead', 'otherDept'], 400),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/evaluation-requests': [
    {
      on: 'D2 confidential',
      path: (f) => `/api/decisions/${f.D2}/evaluation-requests`,
      body: () => ({ reason: '群众反映强烈' }),
      expect: merge(only([...LEADERS, 'secretary', 'supervisor'], 404), only(['principal'], 'pass')),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/emergency-suspension': [
    {
      on: 'D1 invalid body',
      path: (f) => `/api/decisions/${f.D1}/emergency-suspension`,
      body: () => ({}),
      expect: only(LEADERS, 400),
      others: 403,
    },
  ],
  'GET /api/supervision/overdue': [
    {
      on: 'oversight',
      path: () => '/api/supervision/overdue',
      expect: only([...LEADERS, 'supervisor', 'admin'], 200),
      others: 403,
    },
  ],
  'GET /api/supervision/due-soon': [
    {
      on: 'every department',
      path: () => '/api/supervision/due-soon',
      expect: only([...LEADERS, 'supervisor', 'admin', ...DRAFTERS, 'ownHead'], 200),
      others: 403,
    },
    {
      on: 'another department',
      path: () => '/api/supervision/due-soon?departmentId=dept-fgw',
      expect: merge(only([...LEADERS, 'supervisor', 'admin', 'otherDept'], 200), only(['own', 'ownHead'], 403)),
      others: 403,
    },
  ],
  'GET /api/supervision/letters': [{ on: 'register', path: () => '/api/supervision/letters', expect: {}, others: 200 }],
  'GET /api/supervision/letters/{id}/document': [
    { on: 'unknown letter', path: () => '/api/supervision/letters/none/document', expect: {}, others: 404 },
  ],
  'POST /api/supervision/tasks/{taskId}/extensions': [
    {
      on: 'D1 task invalid body',
      path: (f) => `/api/supervision/tasks/${encodeURIComponent(f.T1)}/extensions`,
      body: () => ({}),
      expect: only(['supervisor'], 400),
      others: 403,
    },
  ],
  'GET /api/supervision/ledger': [
    {
      on: 'oversight',
      path: () => '/api/supervision/ledger',
      expect: only([...LEADERS, 'supervisor', 'admin'], 200),
      others: 403,
    },
  ],
  'GET /api/supervision/outbox': [
    { on: 'outbox', path: () => '/api/supervision/outbox', expect: only(['supervisor', 'admin'], 200), others: 403 },
  ],
  'GET /api/notices': [{ on: 'mine', path: () => '/api/notices', expect: {}, others: 200 }],
  'GET /api/absences': [{ on: 'mine', path: () => '/api/absences', expect: {}, others: 200 }],
  'POST /api/absences': [
    // Anyone records their own absence: the schema refuses the empty body first.
    { on: 'invalid body', path: () => '/api/absences', body: () => ({}), expect: {}, others: 400 },
  ],
  'DELETE /api/absences/{id}': [{ on: 'unknown absence', path: () => '/api/absences/none', expect: {}, others: 404 }],
  'GET /api/account/notice-preferences': [
    { on: 'mine', path: () => '/api/account/notice-preferences', expect: {}, others: 200 },
  ],
  'PUT /api/account/notice-preferences': [
    { on: 'invalid body', path: () => '/api/account/notice-preferences', body: () => ({}), expect: {}, others: 400 },
  ],
  'GET /api/settings/early-warning': [
    { on: 'the setting', path: () => '/api/settings/early-warning', expect: {}, others: 200 },
  ],
  'PUT /api/settings/early-warning': [
    {
      on: 'invalid body',
      path: () => '/api/settings/early-warning',
      body: () => ({}),
      expect: only(['supervisor', 'admin'], 400),
      others: 403,
    },
  ],
  'GET /api/approvals/waiting': [{ on: 'mine', path: () => '/api/approvals/waiting', expect: {}, others: 200 }],
  'GET /api/lists/{name}': [{ on: 'the inbox', path: () => '/api/lists/inbox', expect: {}, others: 200 }],
  'GET /api/views': [{ on: 'mine', path: () => '/api/views', expect: {}, others: 200 }],
  'POST /api/views': [{ on: 'invalid body', path: () => '/api/views', body: () => ({}), expect: {}, others: 400 }],
  'GET /api/views/{id}': [{ on: 'unknown view', path: () => '/api/views/none', expect: {}, others: 404 }],
  'PUT /api/views/{id}': [
    { on: 'unknown view', path: () => '/api/views/none', body: () => ({ title: 'x' }), expect: {}, others: 404 },
  ],
  'DELETE /api/views/{id}': [{ on: 'unknown view', path: () => '/api/views/none', expect: {}, others: 404 }],
  'GET /api/audit/events': [
    { on: 'the city trail', path: () => '/api/audit/events', expect: only(['admin', 'supervisor'], 200), others: 403 },
  ],
  'POST /api/notices/{id}/read': [
    { on: 'unknown notice', path: () => '/api/notices/none/read', expect: {}, others: 404 },
  ],
  'GET /api/reviews': [
    { on: 'mine', path: () => '/api/reviews', expect: {}, others: 200 },
    {
      on: 'center queue',
      path: () => '/api/reviews?scope=center',
      expect: only(['director', 'supervisor'], 200),
      others: 403,
    },
  ],
  'POST /api/reviews': [
    { on: 'invalid body', path: () => '/api/reviews', body: () => ({}), expect: only(DRAFTERS, 400), others: 403 },
  ],
  'GET /api/experts': [
    {
      on: 'the expert pool',
      path: () => '/api/experts',
      expect: only(['supervisor', 'admin', 'director'], 200),
      others: 403,
    },
  ],
  'POST /api/experts': [
    {
      on: 'invalid body',
      path: () => '/api/experts',
      body: () => ({}),
      expect: only(['supervisor', 'admin'], 400),
      others: 403,
    },
  ],
  'POST /api/experts/{id}/interests': [
    {
      on: 'invalid body',
      path: () => '/api/experts/none/interests',
      body: () => ({}),
      expect: only(['supervisor', 'admin'], 400),
      others: 403,
    },
  ],
  'GET /api/decisions/{id}/experts': [
    { on: 'D1', path: (f) => `/api/decisions/${f.D1}/experts`, expect: only(['own', 'ownHead'], 200), others: 404 },
  ],
  'POST /api/decisions/{id}/experts': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/experts`,
      body: () => ({}),
      expect: merge(only(['own', 'ownHead'], 400), only(['otherDept'], 404)),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/experts/{selectionId}/response': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/experts/none/response`,
      body: () => ({}),
      expect: merge(only(['own', 'ownHead'], 400), only(['otherDept'], 404)),
      others: 403,
    },
  ],
  'PUT /api/experts/{id}': [
    {
      on: 'invalid body',
      path: () => '/api/experts/none',
      body: () => ({}),
      expect: only(['supervisor', 'admin'], 400),
      others: 403,
    },
  ],
  'GET /api/decisions/{id}/experts/candidates': [
    {
      on: 'D1',
      path: (f) => `/api/decisions/${f.D1}/experts/candidates`,
      expect: merge(only(['own', 'ownHead'], 200), only(['otherDept'], 404)),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/experts/{selectionId}/opinion': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/experts/none/opinion`,
      body: () => ({}),
      expect: merge(only(['own', 'ownHead'], 400), only(['otherDept'], 404)),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/experts/{selectionId}/decline': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/experts/none/decline`,
      body: () => ({}),
      expect: merge(only(['own', 'ownHead'], 400), only(['otherDept'], 404)),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/experts/conclude': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/experts/conclude`,
      body: () => ({}),
      expect: merge(only(['own', 'ownHead'], 400), only(['otherDept'], 404)),
      others: 403,
    },
  ],
  // No sign-in (the token is the credential); attempts per address are limited, so later callers may meet 429.
  'POST /api/expert-opinions/{token}': [
    {
      on: 'unknown link (invalid body)',
      path: () => `/api/expert-opinions/${'x'.repeat(43)}`,
      body: () => ({}),
      expect: {},
      others: [400, 429],
    },
  ],
  'GET /api/evidence-pack': [
    {
      on: 'this year’s evidence pack',
      path: () => `/api/evidence-pack?year=${new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()}`,
      expect: only([...LEADERS, 'supervisor', 'admin'], 200),
      others: 403,
    },
  ],
  'GET /api/figures': [
    {
      on: 'the city’s figures',
      path: () => '/api/figures?year=2026',
      expect: only([...LEADERS, 'director', 'supervisor', 'admin'], 200),
      others: 403,
    },
    {
      on: 'invalid month',
      path: () => '/api/figures?year=2026&month=13',
      expect: only([...LEADERS, 'director', 'supervisor', 'admin'], 400),
      others: 403,
    },
  ],
  'GET /api/figures/export': [
    {
      on: 'the figures as XLSX',
      path: () => '/api/figures/export?year=2026&format=xlsx',
      expect: only([...LEADERS, 'director', 'supervisor', 'admin'], 200),
      others: 403,
    },
  ],
  'GET /api/reviews/workload': [
    {
      on: 'figures',
      path: () => '/api/reviews/workload',
      expect: only(['director', 'supervisor', 'admin'], 200),
      others: 403,
    },
  ],
  'GET /api/reviews/pool': [
    {
      on: 'pool',
      path: () => '/api/reviews/pool',
      expect: only(['director', 'supervisor', 'admin'], 200),
      others: 403,
    },
  ],
  'PUT /api/reviews/pool/{userId}': [
    {
      on: 'invalid body',
      path: () => '/api/reviews/pool/user-reviewer01',
      body: () => ({ active: 'yes' }),
      expect: only(['director', 'admin'], 400),
      others: 403,
    },
  ],
  'POST /api/reviews/pool/{userId}/leave': [
    {
      on: 'invalid body',
      path: () => '/api/reviews/pool/user-reviewer01/leave',
      body: () => ({}),
      expect: only(['director', 'admin'], 400),
      others: 403,
    },
  ],
  'POST /api/reviews/pool/{userId}/conflicts': [
    {
      on: 'invalid body',
      path: () => '/api/reviews/pool/user-reviewer01/conflicts',
      body: () => ({}),
      expect: only(['assigned', 'conflicted', 'unassigned', 'director', 'admin'], 400),
      others: 403,
    },
  ],
  'PUT /api/reviews/settings/{kind}': [
    {
      on: 'invalid body',
      path: () => '/api/reviews/settings/contract',
      body: () => ({ weight: 'heavy' }),
      expect: only(['director', 'admin'], 400),
      others: 403,
    },
  ],
  'GET /api/reviews/{id}': [
    { on: 'HT1 assigned', path: (f) => `/api/reviews/${f.HT1}`, expect: only(READ_HT1, 200), others: 404 },
    { on: 'HT2 conflicted', path: (f) => `/api/reviews/${f.HT2}`, expect: only(READ_HT2, 200), others: 404 },
  ],
  'POST /api/reviews/{id}/reassign': [
    {
      on: 'HT1 invalid body',
      path: (f) => `/api/reviews/${f.HT1}/reassign`,
      body: () => ({}),
      expect: only(['director'], 400),
      others: 403,
    },
  ],
  'POST /api/reviews/{id}/decline': [
    // On HT2 nobody may decline (its reviewer declared a conflict), so the call writes nothing.
    {
      on: 'HT2 conflicted',
      path: (f) => `/api/reviews/${f.HT2}/decline`,
      body: () => ({ reason: '工作量饱和' }),
      expect: only(['assigned', 'conflicted', 'unassigned'], 404),
      others: 403,
    },
  ],
  'POST /api/reviews/{id}/review-time': [
    // HT2 is a contract: whoever gets through the access policy is refused by R17 (409), so nothing is written.
    {
      on: 'HT2 conflicted',
      path: (f) => `/api/reviews/${f.HT2}/review-time`,
      body: () => ({ grant: false, reason: '无须缩短' }),
      expect: merge(only(['assigned', 'conflicted', 'unassigned'], 404), only(['director'], 409)),
      others: 403,
    },
  ],
  'POST /api/reviews/{id}/flags/{flagId}': [
    {
      on: 'HT2 conflicted',
      path: (f) => `/api/reviews/${f.HT2}/flags/none`,
      body: () => ({ decision: 'confirmed' }),
      expect: only(['assigned', 'conflicted', 'unassigned'], 404),
      others: 403,
    },
  ],
  'GET /api/reviews/{id}/opinion-draft': [
    { on: 'HT1', path: (f) => `/api/reviews/${f.HT1}/opinion-draft`, expect: only(READ_HT1, 200), others: 404 },
    {
      on: 'HT2 conflicted',
      path: (f) => `/api/reviews/${f.HT2}/opinion-draft`,
      expect: only(READ_HT2, 200),
      others: 404,
    },
  ],
  'GET /api/reviews/{id}/opinion': [
    { on: 'HT1 (none issued yet)', path: (f) => `/api/reviews/${f.HT1}/opinion`, expect: {}, others: 404 },
  ],
  'POST /api/reviews/{id}/publication': [
    // HT1 is a contract: its submitting department is refused by R20-filing (409), so nothing is written.
    {
      on: 'HT1 (a contract)',
      path: (f) => `/api/reviews/${f.HT1}/publication`,
      body: () => ({ documentNumber: '市发改规〔2026〕1号', publishedOn: '2026-01-05' }),
      expect: merge(only(['otherDept'], 409), only(['own'], 404)),
      others: 403,
    },
  ],
  'POST /api/reviews/{id}/filing': [
    {
      on: 'HT1 (a contract)',
      path: (f) => `/api/reviews/${f.HT1}/filing`,
      body: () => ({ filedWith: ['same_level_government'], filedOn: '2026-01-06', reference: '备2026001' }),
      expect: merge(only(['otherDept'], 409), only(['own'], 404)),
      others: 403,
    },
  ],
  'POST /api/reviews/{id}/documents': [
    {
      on: 'HT1',
      path: (f) => `/api/reviews/${f.HT1}/documents`,
      body: () => ({ kind: 'other', ...txt('补充.txt', '补充') }),
      expect: merge(only(['otherDept'], 201), only(['own'], 404)),
      others: 403,
    },
  ],
  'GET /api/reviews/{id}/documents/{documentId}': [
    {
      on: 'HT1 draft',
      path: (f) => `/api/reviews/${f.HT1}/documents/${f.RDOC1}`,
      expect: only(READ_HT1, 200),
      others: 404,
    },
    {
      on: 'HT2 draft (conflicted)',
      path: (f) => `/api/reviews/${f.HT2}/documents/${f.RDOC2}`,
      expect: only(READ_HT2, 200),
      others: 404,
    },
  ],
  // R1: the annual catalog (everyone signed in reads it; the office drafts, publishes, proposes amendments; a leader approves).
  'GET /api/catalogs': [{ on: 'catalogs', path: () => '/api/catalogs', expect: {}, others: 200 }],
  'POST /api/catalogs': [
    {
      on: 'invalid body',
      path: () => '/api/catalogs',
      body: () => ({}),
      expect: only(['supervisor'], 400),
      others: 403,
    },
  ],
  'GET /api/catalogs/{year}': [{ on: 'this year’s', path: (f) => `/api/catalogs/${f.YEAR}`, expect: {}, others: 200 }],
  'PUT /api/catalogs/{year}/draft': [
    {
      on: 'invalid body',
      path: (f) => `/api/catalogs/${f.YEAR}/draft`,
      body: () => ({}),
      expect: only(['supervisor'], 400),
      others: 403,
    },
  ],
  'POST /api/catalogs/{year}/approve': [
    {
      on: 'invalid body',
      path: (f) => `/api/catalogs/${f.YEAR}/approve`,
      body: () => ({}),
      expect: only(LEADERS, 400),
      others: 403,
    },
  ],
  'POST /api/catalogs/{year}/publish': [
    {
      on: 'already published',
      path: (f) => `/api/catalogs/${f.YEAR}/publish`,
      expect: only(['supervisor'], 409),
      others: 403,
    },
  ],
  'POST /api/catalogs/{year}/amendments': [
    {
      on: 'invalid body',
      path: (f) => `/api/catalogs/${f.YEAR}/amendments`,
      body: () => ({}),
      expect: only(['supervisor'], 400),
      others: 403,
    },
  ],
  'GET /api/catalogs/{year}/amendments': [
    { on: 'this year’s', path: (f) => `/api/catalogs/${f.YEAR}/amendments`, expect: {}, others: 200 },
  ],
  'POST /api/catalogs/{year}/amendments/{id}/approve': [
    {
      on: 'invalid body',
      path: (f) => `/api/catalogs/${f.YEAR}/amendments/no-such-amendment/approve`,
      body: () => ({}),
      expect: only(LEADERS, 400),
      others: 403,
    },
  ],
  'POST /api/catalogs/{year}/amendments/{id}/refuse': [
    {
      on: 'invalid body',
      path: (f) => `/api/catalogs/${f.YEAR}/amendments/no-such-amendment/refuse`,
      body: () => ({}),
      expect: only(LEADERS, 400),
      others: 403,
    },
  ],
  'POST /api/catalogs/{year}/amendments/{id}/withdraw': [
    {
      on: 'invalid body',
      path: (f) => `/api/catalogs/${f.YEAR}/amendments/no-such-amendment/withdraw`,
      body: () => ({}),
      expect: only(['supervisor'], 400),
      others: 403,
    },
  ],
  'GET /api/catalogs/{year}/versions': [
    { on: 'this year’s', path: (f) => `/api/catalogs/${f.YEAR}/versions`, expect: {}, others: 200 },
  ],
  'GET /api/catalogs/{year}/catalog.docx': [
    { on: 'this year’s', path: (f) => `/api/catalogs/${f.YEAR}/catalog.docx`, expect: {}, others: 200 },
  ],
  'GET /api/outside-catalog-requests': [
    {
      on: 'requests',
      path: () => '/api/outside-catalog-requests',
      expect: only([...DRAFTERS, 'ownHead', ...LEADERS, 'supervisor'], 200),
      others: 403,
    },
  ],
  'POST /api/outside-catalog-requests': [
    {
      on: 'invalid body',
      path: () => '/api/outside-catalog-requests',
      body: () => ({}),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  // R7: hearings of D1's participation (the lead department's drafter runs them; full readers read them).
  'GET /api/decisions/{id}/hearings': [decisionRead('D1', 'D1', '/hearings', FULL_D1, 200)],
  'POST /api/decisions/{id}/hearings': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/hearings`,
      body: () => ({}),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/hearings/{hearingId}/materials': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/hearings/h1/materials`,
      body: () => ({}),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/hearings/{hearingId}/record': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/hearings/h1/record`,
      body: () => ({}),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/hearings/{hearingId}/cancel': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/hearings/h1/cancel`,
      body: () => ({}),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  // R6: the staff's list of D1's comments, groups and answers (the lead department's drafter writes; full readers read).
  'GET /api/decisions/{id}/comments': [decisionRead('D1', 'D1', '/comments', FULL_D1, 200)],
  'POST /api/decisions/{id}/comments': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/comments`,
      body: () => ({ extra: 1 }),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/comment-groups': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/comment-groups`,
      body: () => ({ extra: 1 }),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/comment-groups/{groupId}/comments': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/comment-groups/g1/comments`,
      body: () => ({ extra: 1 }),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/comment-groups/{groupId}/answer': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/comment-groups/g1/answer`,
      body: () => ({ extra: 1 }),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  'POST /api/decisions/{id}/participation/conclude': [
    {
      on: 'D1 (invalid body)',
      path: (f) => `/api/decisions/${f.D1}/participation/conclude`,
      body: () => ({ extra: 1 }),
      expect: only(DRAFTERS, 400),
      others: 403,
    },
  ],
  'GET /api/decisions/{id}/participation/summary.docx': [
    decisionRead('D1', 'D1', '/participation/summary.docx', FULL_D1, 200),
  ],
  'POST /api/outside-catalog-requests/{id}/decision': [
    {
      on: 'invalid body',
      path: (f) => `/api/outside-catalog-requests/${f.OCR1}/decision`,
      body: () => ({}),
      expect: only(LEADERS, 400),
      others: 403,
    },
  ],
};

async function waitFor<T>(probe: () => Promise<T | undefined | null>, what: string): Promise<T> {
  for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const v = await probe();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('access matrix: every route × every role and relationship', () => {
  let p: RunningPlatform;
  const f: Fixtures = {};
  const clients: Record<string, ApiClient> = {};

  beforeAll(async () => {
    p = await startPlatform();
    const prisma = p.platform.db.prisma;
    const drive = new ProcedureDriver(p.platform.ctx, (u) => sessionUser(prisma, u));

    f.YEAR = String(chinaYear(new Date()));
    f.OCR1 = (
      await requestOutsideCatalog(p.platform.ctx, await sessionUser(prisma, 'drafter.jtysj'), {
        title: '目录外事项',
        reason: '年中新增',
      })
    ).id;
    const d1 = await drive.launchWithDraft('drafter.jtysj');
    const d2 = await drive.launch('drafter.jtysj', { confidential: true, confidentialReason: '涉及国家秘密' });
    const d3 = await drive.launch('drafter.fgw', { title: '关于优化营商环境的若干措施' });
    const d4 = await drive.launch('drafter.jtysj', { title: '关于调整出租汽车运价的决定' });
    Object.assign(f, { D1: d1.id, D2: d2.id, D3: d3.id, D4: d4.id });
    f.T1 = (await drive.task(d1.id, 'open_comment_period')).id;
    f.T2 = (await drive.task(d2.id, 'submit_draft')).id;
    f.DOC1 = (await prisma.document.findFirstOrThrow({ where: { decisionId: d1.id } })).id;
    f.DOC3 = (await drive.upload('drafter.fgw', d3.id, 'draft')).id;
    // D3 as published (R27): the read model's publication stage done, as the workflow records it — written once
    // the workflow has recorded its first task and settled, so its own read-model write cannot land afterwards.
    await drive.task(d3.id, 'submit_draft');
    const d3row = await prisma.decision.findUniqueOrThrow({ where: { id: d3.id } });
    await workflowIdle(p.platform.ctx.temporal, d3row.workflowId);
    await prisma.decision.update({
      where: { id: d3.id },
      data: { stageStates: { ...(d3row.stageStates as object), publication: { status: 'done' } } },
    });

    const m1 = await drive.meeting({
      attendees: [
        ...payloads.meeting().attendees,
        {
          name: '交通局负责人',
          title: '列席',
          member: false,
          legalAdviser: false,
          present: true,
          userId: 'user-head.jtysj',
        },
      ],
    });
    const m2 = await drive.meeting();
    Object.assign(f, { M1: m1.id, M2: m2.id });

    const fgw = await ApiClient.login(p.baseUrl, 'drafter.fgw');
    const contract = (title: string) =>
      fgw.ok('POST', '/api/reviews', {
        kind: 'contract',
        title,
        draft: txt('协议.txt', '协议正文'),
        counterparty: txt('资质.txt', '资质'),
        legalBasis: ['《中华人民共和国民法典》'],
      });
    f.HT1 = (await contract('土地储备委托协议')).id;
    f.HT2 = (await contract('公交场站租赁协议')).id;
    const assignedTo = (id: string) =>
      waitFor(async () => (await prisma.review.findUnique({ where: { id } }))?.reviewerUserId, `assignment of ${id}`);
    const [x, y] = [await assignedTo(f.HT1), await assignedTo(f.HT2)];
    f.RT1 = (
      await waitFor(
        () => prisma.task.findFirst({ where: { reviewId: f.HT1, kind: 'review_legality', status: 'open' } }),
        'HT1 review task',
      )
    ).id;
    f.RDOC1 = (await prisma.document.findFirstOrThrow({ where: { ownerType: 'review', ownerId: f.HT1 } })).id;
    f.RDOC2 = (await prisma.document.findFirstOrThrow({ where: { ownerType: 'review', ownerId: f.HT2 } })).id;
    const ht2 = await prisma.review.findUniqueOrThrow({ where: { id: f.HT2 } });
    await prisma.reviewerConflict.create({
      data: { id: 'conflict-matrix', userId: y, subjectNumber: ht2.subjectNumber, reason: '近亲属在合同相对方任职' },
    });
    ACTORS.assigned = x.replace(/^user-/, '');
    ACTORS.conflicted = y === x ? '' : y.replace(/^user-/, '');
    if (!ACTORS.conflicted) throw new Error('the pool gave HT1 and HT2 to the same reviewer');
    ACTORS.unassigned = ['reviewer01', 'reviewer02', 'reviewer03'].find(
      (u) => u !== ACTORS.assigned && u !== ACTORS.conflicted,
    )!;

    for (const [actor, username] of Object.entries(ACTORS)) clients[actor] = await ApiClient.login(p.baseUrl, username);
  }, 120_000);
  afterAll(async () => p?.close());

  it('has an entry for every route of the OpenAPI document, and no entry for a route it lacks', async () => {
    const doc = (await (await fetch(`${p.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(
      routes.filter((r) => !TABLE[r]),
      'routes without an entry in the access matrix',
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((r) => !routes.includes(r)),
      'entries for routes the API does not have',
    ).toEqual([]);
  });

  it('answers every route for every actor as the access policy says', async () => {
    const wrong: string[] = [];
    for (const [route, cases] of Object.entries(TABLE)) {
      const method = route.split(' ')[0]!;
      for (const c of cases)
        for (const actor of Object.keys(ACTORS)) {
          const want = c.expect[actor] ?? c.others;
          const client = c.fresh ? await ApiClient.login(p.baseUrl, ACTORS[actor]!) : clients[actor]!;
          const res = await fetch(`${p.baseUrl}${c.path(f)}`, {
            method,
            headers: {
              authorization: `Bearer ${client.token}`,
              ...(c.body ? { 'content-type': 'application/json' } : {}),
            },
            body: c.body ? JSON.stringify(c.body(f)) : undefined,
          });
          await res.arrayBuffer();
          // Signing out (everywhere) ended the actor's sessions: sign in again for the rest of the table.
          if (c.fresh) clients[actor] = await ApiClient.login(p.baseUrl, ACTORS[actor]!);
          const ok =
            want === 'pass'
              ? ![401, 403, 404].includes(res.status) && res.status < 500
              : Array.isArray(want)
                ? want.includes(res.status)
                : res.status === want;
          if (!ok) wrong.push(`${route} [${c.on}] as ${actor} (${ACTORS[actor]}): ${res.status}, expected ${want}`);
        }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('lists only what the detail would show: decisions, reviews, meetings', async () => {
    const ids = async (actor: string, path: string) =>
      ((await clients[actor]!.ok<{ items: Array<{ id: string }> }>('GET', path)).items ?? []).map((i) => i.id);
    for (const actor of Object.keys(ACTORS)) {
      const decisions = await ids(actor, '/api/decisions?pageSize=100');
      for (const d of ['D1', 'D2', 'D3'] as const) {
        const detail = await clients[actor]!.call('GET', `/api/decisions/${f[d]}`);
        expect(decisions.includes(f[d]!), `${actor} lists ${d} iff the detail answers`).toBe(detail.status === 200);
      }
      const listed = (await clients[actor]!.ok<{ total: number }>('GET', '/api/decisions?pageSize=1')).total;
      expect(listed, `${actor}: the count follows the filter`).toBe(decisions.length);
    }
    expect(await ids('conflicted', '/api/reviews?scope=mine')).not.toContain(f.HT2);
    expect(await ids('assigned', '/api/reviews?scope=mine')).toContain(f.HT1);
    expect(await ids('ownHead', '/api/meetings')).toEqual([f.M1]);
    expect(await ids('own', '/api/meetings')).toEqual([]);
    const published = await clients.own!.ok('GET', `/api/decisions/${f.D3}`);
    expect(published).toMatchObject({ access: 'published', tasks: [], documents: [], timeline: [] });
  });

  it('R9/R12 procedure flags: a missing reason is 400 naming the field; another department gets 404, writing nothing', async () => {
    const noReason = await clients.own!.call('POST', `/api/decisions/${f.D1}/procedure-flags`, {
      riskAssessment: false,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues).toEqual([expect.objectContaining({ path: 'reason' })]);
    const noFlag = await clients.own!.call('POST', `/api/decisions/${f.D1}/procedure-flags`, { reason: '理由' });
    expect(noFlag.status).toBe(400);
    expect(noFlag.body.issues[0].path).toBe('expertArgumentation');
    const other = await clients.otherDept!.call('POST', `/api/decisions/${f.D1}/procedure-flags`, {
      riskAssessment: false,
      reason: '不涉及社会稳定',
    });
    expect(other.status).toBe(404);
    expect(
      await p.platform.db.prisma.auditEvent.count({
        where: {
          decisionId: f.D1,
          action: 'decision.procedure_flags_changed',
          actorDepartmentId: { not: 'dept-jtysj' },
        },
      }),
    ).toBe(0);
  });

  it('refuses an unknown field with 400 naming its path, and says so in the OpenAPI document', async () => {
    const r = await clients.own!.call('POST', `/api/decisions/${f.D4}/withdraw`, { reason: '理由', extra: 1 });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([expect.objectContaining({ path: 'extra', messageKey: 'zod.unrecognized_keys' })]);
    const q = await clients.own!.call('GET', '/api/decisions?stage=launch&colour=red');
    expect(q.status).toBe(400);
    expect(q.body.issues[0].path).toBe('colour');
    const nested = await clients.own!.call('POST', '/api/decisions', {
      ...baseLaunch(),
      expertArgumentation: { required: true, extra: true },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.issues.map((i: { path: string }) => i.path)).toContain('expertArgumentation.extra');
    const doc = (await (await fetch(`${p.baseUrl}/api/openapi.json`)).json()) as any;
    for (const name of ['LaunchDecision', 'WithdrawRequest', 'CompleteTaskRequest', 'CreateMeeting', 'SubmitForReview'])
      expect(doc.components.schemas[name].additionalProperties, name).toBe(false);
  });
});
