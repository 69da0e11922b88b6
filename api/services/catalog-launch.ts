/** R1 at launch: the picked catalog entry or the leader's outside-catalog approval, checked and linked in the launch's transaction. */
import type { Prisma } from '../../generated/prisma/client.js';
import type { LaunchDecision } from '../../domain/decision/launch.js';
import { r1EntryViolations, r1OutsideApprovalViolations } from '../../domain/rules/catalog.js';
import { ruleRefusal } from '../errors.js';

/** Refuses (409 R1) a launch whose entry or approval does not hold; the caller then records the decision. */
export async function checkCatalogAnswer(
  tx: Prisma.TransactionClient,
  launch: LaunchDecision,
  departmentId: string,
): Promise<void> {
  if (launch.inCatalog) {
    const entry = launch.catalogEntryId
      ? await tx.catalogEntry.findUnique({ where: { id: launch.catalogEntryId } })
      : null;
    const catalog = entry ? await tx.catalog.findUnique({ where: { id: entry.catalogId } }) : null;
    const v = r1EntryViolations(
      entry && catalog
        ? { catalogStatus: catalog.status, entryStatus: entry.status, leadDepartmentId: entry.leadDepartmentId }
        : undefined,
      departmentId,
    );
    if (v.length) throw ruleRefusal(v);
    return;
  }
  // Locks the approval row so two launches cannot both use it.
  const rows = launch.outsideCatalogApprovalId
    ? await tx.$queryRaw<Array<{ status: string; departmentId: string; decisionId: string | null }>>`
        SELECT "status", "departmentId", "decisionId" FROM "OutsideCatalogRequest" WHERE "id" = ${launch.outsideCatalogApprovalId} FOR UPDATE`
    : [];
  const v = r1OutsideApprovalViolations(rows[0], departmentId);
  if (v.length) throw ruleRefusal(v);
}

/** Links the recorded decision to its entry, or marks the approval used by it. */
export async function linkCatalogAnswer(
  tx: Prisma.TransactionClient,
  launch: LaunchDecision,
  decisionId: string,
): Promise<void> {
  if (launch.inCatalog && launch.catalogEntryId)
    await tx.catalogLink.create({ data: { decisionId, entryId: launch.catalogEntryId } });
  else if (!launch.inCatalog && launch.outsideCatalogApprovalId)
    await tx.outsideCatalogRequest.update({ where: { id: launch.outsideCatalogApprovalId }, data: { decisionId } });
}
