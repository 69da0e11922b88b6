/** R28: the dossier (决策档案) of a decision: every record and document of the procedure, in order. */

export interface DossierEntry {
  /** Where it sits in the archive (zip path). */
  path: string;
  kind: 'audit_trail' | 'record' | 'document';
  title: string;
  at: string;
  sha256: string;
  size: number;
}

/** R28: entries in the order they came into being; equal instants keep the order they were given (records before documents). */
export function r28DossierOrder<T extends { at: string }>(entries: T[]): T[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
    .map((x) => x.e);
}
