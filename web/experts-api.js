// @ts-check
// The expert pool's and a decision's argumentation calls (R10, R11): the pool for the office, the candidates,
// selections, responses, declines and the conclusion for the lead department.

import { send } from './api.js';

const enc = encodeURIComponent;
const dec = (id) => `/api/decisions/${enc(id)}/experts`;

export const expertsApi = {
  /** @param {string} [field] */
  pool: (field) => send('GET', `/api/experts${field ? `?field=${enc(field)}` : ''}`),
  create: (body) => send('POST', '/api/experts', { body }),
  update: (id, body) => send('PUT', `/api/experts/${enc(id)}`, { body }),
  declareInterest: (id, body) => send('POST', `/api/experts/${enc(id)}/interests`, { body }),
  /** @param {string} decisionId @param {string} [field] */
  candidates: (decisionId, field) => send('GET', `${dec(decisionId)}/candidates${field ? `?field=${enc(field)}` : ''}`),
  selections: (decisionId) => send('GET', dec(decisionId)),
  select: (decisionId, body) => send('POST', dec(decisionId), { body }),
  respond: (decisionId, selectionId, body) => send('POST', `${dec(decisionId)}/${enc(selectionId)}/response`, { body }),
  uploadOpinion: (decisionId, selectionId, body) =>
    send('POST', `${dec(decisionId)}/${enc(selectionId)}/opinion`, { body }),
  decline: (decisionId, selectionId, body) => send('POST', `${dec(decisionId)}/${enc(selectionId)}/decline`, { body }),
  conclude: (decisionId, body, key) =>
    send('POST', `${dec(decisionId)}/conclude`, { body, headers: { 'Idempotency-Key': key } }),
};
