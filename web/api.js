// @ts-check
// The API client: the bearer token, JSON calls and the API's localized errors.

const SESSION_KEY = 'yifa.session';

/** An error the API answered (or a network failure, status 0), carrying the API's {zh, en} message. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message?.en ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error ?? (status === 0 ? 'network' : 'unknown');
    this.messageKey = body?.messageKey;
    this.localized = body?.message && typeof body.message === 'object' ? body.message : null;
    this.rule = body?.rule;
    this.article = body?.article;
    this.issues = Array.isArray(body?.issues) ? body.issues : [];
    this.violations = Array.isArray(body?.violations) ? body.violations : [];
  }
}

let onUnauthorized = () => {};

/** Called when the server answers 401 to a signed-in call (expired or revoked session). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export function loadSession() {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
    if (s?.token && (!s.expiresAt || Date.parse(s.expiresAt) > Date.now())) return s;
  } catch {
    /* no usable session */
  }
  clearSession();
  return null;
}

export function saveSession(session) {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

/** Ends the session on this page too (after a password change or signing out everywhere): back to sign-in. */
export function endLocalSession() {
  clearSession();
  onUnauthorized();
}

export function clearSession() {
  try {
    localStorage.removeItem(SESSION_KEY);
  } catch {
    /* nothing stored */
  }
}

const token = () => loadSession()?.token;

/**
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, auth?: boolean, raw?: boolean, headers?: Record<string, string> }} [options]
 */
export async function send(method, path, { body, auth = true, raw = false, headers: extra = {} } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: raw ? '*/*' : 'application/json', ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const bearer = auth ? token() : undefined;
  if (auth && !bearer) {
    onUnauthorized();
    throw new ApiError(401, null);
  }
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    let payload = null;
    try {
      payload = await res.json();
    } catch {
      /* not JSON: keep the status only */
    }
    if (res.status === 401 && auth) {
      clearSession();
      onUnauthorized();
    }
    throw new ApiError(res.status, payload);
  }
  if (raw) return res;
  if (res.status === 204) return null;
  return res.json();
}

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const api = {
  login: (username, password) => send('POST', '/api/auth/login', { body: { username, password }, auth: false }),
  logout: () => send('POST', '/api/auth/logout'),
  temporalCodecSession: () => send('POST', '/api/temporal-codec/session'),
  me: () => send('GET', '/api/me'),
  tasks: (params = {}) => send('GET', `/api/tasks${query(params)}`),
  // lists (issue 16 §1): what each accepts, and the person's saved views
  listDescription: (name) => send('GET', `/api/lists/${encodeURIComponent(name)}`),
  views: (list) => send('GET', `/api/views${query({ list })}`),
  saveView: (body) => send('POST', '/api/views', { body }),
  deleteView: (id) => send('DELETE', `/api/views/${encodeURIComponent(id)}`),
  cityAudit: (params) => send('GET', `/api/audit/events${query(params)}`),
  decisions: (filter) => send('GET', `/api/decisions${query(filter)}`),
  decision: (id) => send('GET', `/api/decisions/${encodeURIComponent(id)}`),
  audit: (id, params = {}) => send('GET', `/api/decisions/${encodeURIComponent(id)}/audit${query(params)}`),
  launch: (body) => send('POST', '/api/decisions', { body }),
  withdraw: (id, reason, key) =>
    send('POST', `/api/decisions/${encodeURIComponent(id)}/withdraw`, {
      body: { reason },
      headers: { 'Idempotency-Key': key },
    }),
  upload: (decisionId, body) => send('POST', `/api/decisions/${encodeURIComponent(decisionId)}/documents`, { body }),
  task: (id) => send('GET', `/api/tasks/${encodeURIComponent(id)}`),
  completeTask: (id, payload, key) =>
    send('POST', `/api/tasks/${encodeURIComponent(id)}/complete`, {
      body: { payload },
      headers: { 'Idempotency-Key': key },
    }),
  departments: () => send('GET', '/api/departments', { auth: false }),
  // R1: the annual catalog and outside-catalog approvals
  catalog: (year) => send('GET', `/api/catalogs/${encodeURIComponent(year)}`),
  catalogs: () => send('GET', '/api/catalogs'),
  createCatalog: (year) => send('POST', '/api/catalogs', { body: { year } }),
  saveCatalogDraft: (year, entries) =>
    send('PUT', `/api/catalogs/${encodeURIComponent(year)}/draft`, { body: { entries } }),
  approveCatalog: (year, body) => send('POST', `/api/catalogs/${encodeURIComponent(year)}/approve`, { body }),
  publishCatalog: (year) => send('POST', `/api/catalogs/${encodeURIComponent(year)}/publish`),
  catalogVersions: (year) => send('GET', `/api/catalogs/${encodeURIComponent(year)}/versions`),
  catalogAmendments: (year) => send('GET', `/api/catalogs/${encodeURIComponent(year)}/amendments`),
  proposeAmendment: (year, body) => send('POST', `/api/catalogs/${encodeURIComponent(year)}/amendments`, { body }),
  approveAmendment: (year, id, body) =>
    send('POST', `/api/catalogs/${encodeURIComponent(year)}/amendments/${encodeURIComponent(id)}/approve`, { body }),
  refuseAmendment: (year, id, body) =>
    send('POST', `/api/catalogs/${encodeURIComponent(year)}/amendments/${encodeURIComponent(id)}/refuse`, { body }),
  withdrawAmendment: (year, id, body) =>
    send('POST', `/api/catalogs/${encodeURIComponent(year)}/amendments/${encodeURIComponent(id)}/withdraw`, { body }),
  outsideCatalogRequests: (params = {}) => send('GET', `/api/outside-catalog-requests${query(params)}`),
  waitingApprovals: () => send('GET', '/api/approvals/waiting'),
  requestOutsideCatalog: (body) => send('POST', '/api/outside-catalog-requests', { body }),
  decideOutsideCatalog: (id, body) =>
    send('POST', `/api/outside-catalog-requests/${encodeURIComponent(id)}/decision`, { body }),
  /** The JSON Schema of a form's input with its labels (launch, meeting, outcome). */
  formSchema: (name) => send('GET', `/api/forms/${encodeURIComponent(name)}`, { auth: false }),
  users: (role) => send('GET', `/api/users${query({ role })}`),
  // meetings (secretaries)
  pendingItems: (params = {}) => send('GET', `/api/meetings/pending${query(params)}`),
  meetings: (params = {}) => send('GET', `/api/meetings${query(params)}`),
  meeting: (id) => send('GET', `/api/meetings/${encodeURIComponent(id)}`),
  createMeeting: (body) => send('POST', '/api/meetings', { body }),
  setAttendees: (id, attendees) =>
    send('PUT', `/api/meetings/${encodeURIComponent(id)}/attendees`, { body: { attendees } }),
  addItem: (id, decisionId, key) =>
    send('POST', `/api/meetings/${encodeURIComponent(id)}/items`, {
      body: { decisionId },
      headers: { 'Idempotency-Key': key },
    }),
  orderItems: (id, itemIds) =>
    send('PUT', `/api/meetings/${encodeURIComponent(id)}/items/order`, { body: { itemIds } }),
  recordOutcome: (id, itemId, body, key) =>
    send('POST', `/api/meetings/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/outcome`, {
      body,
      headers: { 'Idempotency-Key': key },
    }),
  closeMeeting: (id) => send('POST', `/api/meetings/${encodeURIComponent(id)}/close`),
  meetingRoster: (kind) => send('GET', `/api/meetings/roster${query({ kind })}`),
  meetingFigures: (year) => send('GET', `/api/meetings/figures${query({ year })}`),
  // implementation, evaluation, archive
  implementation: (id) => send('GET', `/api/decisions/${encodeURIComponent(id)}/implementation`),
  dossier: (id) => send('GET', `/api/decisions/${encodeURIComponent(id)}/dossier`),
  requestEvaluation: (id, body) =>
    send('POST', `/api/decisions/${encodeURIComponent(id)}/evaluation-requests`, { body }),
  // public participation of a decision (R5-R7): comments, groups, answers, conclusion; hearings
  comments: (id) => send('GET', `/api/decisions/${encodeURIComponent(id)}/comments`),
  recordComment: (id, body) => send('POST', `/api/decisions/${encodeURIComponent(id)}/comments`, { body }),
  createCommentGroup: (id, body) => send('POST', `/api/decisions/${encodeURIComponent(id)}/comment-groups`, { body }),
  groupComments: (id, groupId, commentIds) =>
    send('POST', `/api/decisions/${encodeURIComponent(id)}/comment-groups/${encodeURIComponent(groupId)}/comments`, {
      body: { commentIds },
    }),
  answerCommentGroup: (id, groupId, body) =>
    send('POST', `/api/decisions/${encodeURIComponent(id)}/comment-groups/${encodeURIComponent(groupId)}/answer`, {
      body,
    }),
  concludeParticipation: (id, key) =>
    send('POST', `/api/decisions/${encodeURIComponent(id)}/participation/conclude`, {
      body: {},
      headers: { 'Idempotency-Key': key },
    }),
  hearings: (id) => send('GET', `/api/decisions/${encodeURIComponent(id)}/hearings`),
  announceHearing: (id, body) => send('POST', `/api/decisions/${encodeURIComponent(id)}/hearings`, { body }),
  hearingMaterials: (id, hearingId, body) =>
    send('POST', `/api/decisions/${encodeURIComponent(id)}/hearings/${encodeURIComponent(hearingId)}/materials`, {
      body,
    }),
  cancelHearing: (id, hearingId, body) =>
    send('POST', `/api/decisions/${encodeURIComponent(id)}/hearings/${encodeURIComponent(hearingId)}/cancel`, {
      body,
    }),
  hearingRecord: (id, hearingId, body) =>
    send('POST', `/api/decisions/${encodeURIComponent(id)}/hearings/${encodeURIComponent(hearingId)}/record`, {
      body,
    }),
  // working-day calendar (admin, R32)
  calendarYears: () => send('GET', '/api/calendar'),
  calendarPreview: (year, body) => send('POST', `/api/calendar/${year}/preview`, { body }),
  calendarLoad: (year, body) => send('PUT', `/api/calendar/${year}`, { body }),
  calendarWithdrawPreview: (year) => send('POST', `/api/calendar/${year}/withdraw-preview`),
  calendarWithdraw: (year, reason) => send('POST', `/api/calendar/${year}/withdraw`, { body: { reason } }),
  // supervision
  overdue: (filter) => send('GET', `/api/supervision/overdue${query(filter)}`),
  dueSoon: (filter) => send('GET', `/api/supervision/due-soon${query(filter)}`),
  letters: (filter) => send('GET', `/api/supervision/letters${query(filter)}`),
  extend: (taskId, body, key) =>
    send('POST', `/api/supervision/tasks/${encodeURIComponent(taskId)}/extensions`, {
      body,
      headers: { 'Idempotency-Key': key },
    }),
  ledger: (filter) => send('GET', `/api/supervision/ledger${query(filter)}`),
  figures: (scope) => send('GET', `/api/figures${query(scope)}`),
  notices: () => send('GET', '/api/notices'),
  readNotice: (id) => send('POST', `/api/notices/${encodeURIComponent(id)}/read`),
  noticePreferences: () => send('GET', '/api/account/notice-preferences'),
  setNoticePreferences: (body) => send('PUT', '/api/account/notice-preferences', { body }),
  earlyWarningSetting: () => send('GET', '/api/settings/early-warning'),
  setEarlyWarningSetting: (body) => send('PUT', '/api/settings/early-warning', { body }),
  // legal center
  reviews: (filter) => send('GET', `/api/reviews${query(filter)}`),
  review: (id) => send('GET', `/api/reviews/${encodeURIComponent(id)}`),
  opinionDraft: (id) => send('GET', `/api/reviews/${encodeURIComponent(id)}/opinion-draft`),
  decideFlag: (id, flagId, body) =>
    send('POST', `/api/reviews/${encodeURIComponent(id)}/flags/${encodeURIComponent(flagId)}`, { body }),
  reassign: (id, body) => send('POST', `/api/reviews/${encodeURIComponent(id)}/reassign`, { body }),
  bulkAgenda: (meetingId, body, execute, key) =>
    send('POST', `/api/meetings/${encodeURIComponent(meetingId)}/items/bulk${execute ? '' : '/preview'}`, {
      body,
      headers: key ? { 'Idempotency-Key': key } : {},
    }),
  bulkReminders: (body, execute, key) =>
    send('POST', execute ? '/api/supervision/reminders/bulk' : '/api/supervision/reminders/bulk/preview', {
      body,
      headers: key ? { 'Idempotency-Key': key } : {},
    }),
  bulkReassign: (body, execute, key) =>
    send('POST', execute ? '/api/reviews/bulk' : '/api/reviews/bulk/preview', {
      body,
      headers: key ? { 'Idempotency-Key': key } : {},
    }),
  decline: (id, body) => send('POST', `/api/reviews/${encodeURIComponent(id)}/decline`, { body }),
  recordPublication: (id, body) => send('POST', `/api/reviews/${encodeURIComponent(id)}/publication`, { body }),
  recordFiling: (id, body) => send('POST', `/api/reviews/${encodeURIComponent(id)}/filing`, { body }),
  laws: () => send('GET', '/api/laws'),
  addLaw: (body) => send('POST', '/api/laws', { body }),
  updateLaw: (id, body) => send('PUT', `/api/laws/${encodeURIComponent(id)}`, { body }),
  workload: (year) => send('GET', `/api/reviews/workload${query({ year })}`),
  pool: () => send('GET', '/api/reviews/pool'),
  addLeave: (userId, body) => send('POST', `/api/reviews/pool/${encodeURIComponent(userId)}/leave`, { body }),
  updateReviewer: (userId, body) => send('PUT', `/api/reviews/pool/${encodeURIComponent(userId)}`, { body }),
  declareConflict: (userId, body) =>
    send('POST', `/api/reviews/pool/${encodeURIComponent(userId)}/conflicts`, { body }),
  updateKindSetting: (kind, body) => send('PUT', `/api/reviews/settings/${encodeURIComponent(kind)}`, { body }),
  // normative documents and contracts submitted by a department, and their tasks
  submitReview: (body) => send('POST', '/api/reviews', { body }),
  uploadReviewDocument: (id, body) => send('POST', `/api/reviews/${encodeURIComponent(id)}/documents`, { body }),
  // own account and user administration (web/account.js)
  singleSignOn: () => send('GET', '/api/auth/oidc', { auth: false }),
  changePassword: (body) => send('POST', '/api/auth/password', { body }),
  logoutEverywhere: () => send('POST', '/api/auth/logout-everywhere'),
  absences: () => send('GET', '/api/absences'),
  recordAbsence: (body) => send('POST', '/api/absences', { body }),
  withdrawAbsence: (id) => send('DELETE', `/api/absences/${encodeURIComponent(id)}`),
  adminUsers: () => send('GET', '/api/admin/users'),
  createUser: (body, key) => send('POST', '/api/admin/users', { body, headers: { 'Idempotency-Key': key } }),
  updateUser: (id, body) => send('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { body }),
  resetPassword: (id, password) =>
    send('POST', `/api/admin/users/${encodeURIComponent(id)}/password`, { body: { password } }),
  /** A file as a Blob (the download needs the bearer header, so no plain link). */
  async blob(url) {
    const res = await send('GET', url, { raw: true });
    const cd = res.headers.get('Content-Disposition') ?? '';
    const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    return { blob: await res.blob(), fileName: m ? decodeURIComponent(m[1]) : null };
  },
  /** A document as a Blob (the download needs the bearer header, so no plain link). */
  async document(url) {
    const res = await send('GET', url, { raw: true });
    return res.blob();
  },
};

/** A fresh key for one attempt of a state-changing call (retries of the same attempt reuse it). */
export function newIdempotencyKey() {
  if (typeof globalThis.crypto?.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** A File as base64 (the API takes documents as base64 JSON). */
export function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}
