// @ts-check
// R1 on the launch form: the department's entries of this year's published catalog, and its approved
// outside-catalog requests not yet used, as the choices of the two select fields of the server's launch schema.
import { api, ApiError } from '../api.js';

/** The year in Beijing time. */
const beijingYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/**
 * @param {any} schema the launch form's JSON Schema (GET /api/forms/launch)
 * @param {string} departmentId
 */
export async function withCatalogPicks(schema, departmentId) {
  return (await catalogPicks(schema, departmentId)).schema;
}

/**
 * The launch schema with the two choice lists, and the approved outside-catalog requests offered (title, reason).
 * @param {any} schema
 * @param {string} departmentId
 */
export async function catalogPicks(schema, departmentId) {
  const year = beijingYear();
  const [catalog, requests] = await Promise.all([
    api.catalog(year).catch((e) => {
      if (e instanceof ApiError && e.status === 404) return { status: 'none', entries: [] };
      throw e;
    }),
    // The department's approved requests not launched on yet (a department rarely holds more than a page).
    api.outsideCatalogRequests({ status: 'approved', departmentId, pageSize: '100' }),
  ]);
  /** @type {Array<{id: string, seq: number, title: string, status: string, leadDepartmentId: string}>} */
  const entries = (catalog.status === 'published' ? catalog.entries : []).filter(
    (/** @type {any} */ e) => e.status === 'active' && e.leadDepartmentId === departmentId,
  );
  /** @type {Array<{id: string, title: string, reason: string, status: string, decisionId: string | null, departmentId: string}>} */
  const approvals = requests.items.filter(
    (/** @type {any} */ r) => r.status === 'approved' && !r.decisionId && r.departmentId === departmentId,
  );
  const both = (/** @type {string} */ s) => ({ zh: s, en: s });
  const props = schema.properties ?? {};
  const picked = {
    ...schema,
    properties: {
      ...props,
      catalogEntryId: {
        ...props.catalogEntryId,
        enum: entries.map((e) => e.id),
        choiceLabels: Object.fromEntries(entries.map((e) => [e.id, both(`${year}年度第${e.seq}项 ${e.title}`)])),
      },
      outsideCatalogApprovalId: {
        ...props.outsideCatalogApprovalId,
        enum: approvals.map((r) => r.id),
        choiceLabels: Object.fromEntries(approvals.map((r) => [r.id, both(r.title)])),
      },
    },
  };
  return { schema: picked, approvals };
}
