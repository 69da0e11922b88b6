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

export function supervisionHash(f) {
  const p = new URLSearchParams();
  if (f.departmentId) p.set('departmentId', f.departmentId);
  if (f.stage) p.set('stage', f.stage);
  if (f.minDays) p.set('minDays', String(f.minDays));
  if (f.year) p.set('year', String(f.year));
  if (f.soonPage > 1) p.set('soonPage', String(f.soonPage));
  const s = p.toString();
  return `#/supervision${s ? `?${s}` : ''}`;
}
