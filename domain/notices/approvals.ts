// Approvals waiting for a government leader (R1, Art. 3 para. 3): a catalog draft, a catalog amendment, an
// outside-catalog request. Each tells the leaders in the bell (progress event `approval_waiting`) when it starts
// waiting, and its notices are marked read for everyone once one leader decides it. Pure: keys, links and words.

export const APPROVAL_KINDS = ['catalog', 'amendment', 'outside'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** What waits: the catalog of a year, an amendment of a year's catalog, an outside-catalog request. */
export type ApprovalItem =
  | { kind: 'catalog'; year: number }
  | { kind: 'amendment'; year: number; id: string }
  | { kind: 'outside'; id: string };

/** The notice's event key (with the person's id it names the notice once): catalog:2027, amendment:2027:<id>, outside:<id>. */
export function approvalKey(a: ApprovalItem): string {
  if (a.kind === 'catalog') return `catalog:${a.year}`;
  if (a.kind === 'amendment') return `amendment:${a.year}:${a.id}`;
  return `outside:${a.id}`;
}

/** Where the leader decides it: the year's catalog page, or the pending outside-catalog requests. */
export function approvalHref(a: ApprovalItem): string {
  if (a.kind === 'outside') return '#/catalogs?o.status=pending';
  return `#/catalogs?year=${a.year}`;
}

/** A stored notice's link, from its step key (`approval_waiting:<key>`); null for any other notice. */
export function approvalNoticeHref(stepKey: string): string | null {
  const [event, kind, a, b] = stepKey.split(':');
  if (event !== 'approval_waiting') return null;
  if (kind === 'catalog' && a) return approvalHref({ kind, year: Number(a) });
  if (kind === 'amendment' && a && b) return approvalHref({ kind, year: Number(a), id: b });
  if (kind === 'outside' && a) return approvalHref({ kind, id: a });
  return null;
}
