/**
 * `npm run audit:verify [database URL]`: verifies every audit chain (or `--decision <id>` one decision's) from the
 * rows as stored, prints the result and names the first broken event. Exit code 0 when intact, 1 on a break,
 * 2 when verification could not run. DATABASE_URL, else the PGlite folder data/pglite (see prisma/database.ts).
 */
import { openDatabase, redactUrl } from '../prisma/database.js';
import { verifyAuditChain } from '../records/audit-verify.js';
import { verificationView } from '../api/services/verify-audit.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--decision');
  const decisionId = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const db = await openDatabase(args[0]);
  try {
    const view = verificationView(
      await verifyAuditChain(db.prisma, decisionId ? { scope: `decision:${decisionId}` } : {}),
    );
    console.log(`Database: ${db.kind} ${redactUrl(db.url)}`);
    console.log(JSON.stringify(view, null, 2));
    if (view.firstBreak) {
      const b = view.firstBreak;
      console.error(
        `BROKEN: first broken event seq=${b.seq} action=${b.action} chain=${b.scope}#${b.scopeSeq ?? '-'} reason=${b.reason} expected=${b.expectedHash ?? '-'} actual=${b.actualHash ?? '-'}`,
      );
      console.error(`${b.message.zh} / ${b.message.en}`);
      return 1;
    }
    console.log(`OK: ${view.events} events in ${view.chains} chains verified.`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
