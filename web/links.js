// @ts-check
// Hashes of the pages, built in one place (the route table in web/routes.js matches them).

export function homeHash(filter) {
  const p = new URLSearchParams();
  if (filter.stage) p.set('stage', filter.stage);
  if (filter.status) p.set('status', filter.status);
  if (filter.q) p.set('q', filter.q);
  if (filter.page > 1) p.set('page', String(filter.page));
  const s = p.toString();
  return `#/${s ? `?${s}` : ''}`;
}

export const decisionHash = (id) => `#/decisions/${encodeURIComponent(id)}`;

export const taskHash = (id) => `#/tasks/${encodeURIComponent(id)}`;

export const reviewHash = (id) => `#/reviews/${encodeURIComponent(id)}`;

/** The supervision page with its parameters (the letters' year, the due-soon page, the boards' views o.* and l.*). */
export function supervisionHash(/** @type {URLSearchParams} */ q) {
  const s = q.toString();
  return `#/supervision${s ? `?${s}` : ''}`;
}
