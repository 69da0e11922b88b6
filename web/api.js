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
    this.issues = Array.isArray(body?.issues) ? body.issues : [];
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

export function clearSession() {
  try {
    localStorage.removeItem(SESSION_KEY);
  } catch {
    /* nothing stored */
  }
}

const token = () => loadSession()?.token;

async function send(method, path, { body, auth = true, raw = false } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const bearer = auth ? token() : undefined;
  if (auth && !bearer) {
    onUnauthorized();
    throw new ApiError(401, null);
  }
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
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
  me: () => send('GET', '/api/me'),
  tasks: () => send('GET', '/api/tasks'),
  decisions: (filter) => send('GET', `/api/decisions${query(filter)}`),
  decision: (id) => send('GET', `/api/decisions/${encodeURIComponent(id)}`),
  /** A document as a Blob (the download needs the bearer header, so no plain link). */
  async document(url) {
    const res = await send('GET', url, { raw: true });
    return res.blob();
  },
};
