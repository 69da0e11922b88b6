import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../prisma/database.js';
import { applyMigrations, migrationsFolder, readMigrations } from '../../prisma/migrate.js';

const SLOW = { timeout: 120_000 };
/** What the database answered: its error message (Prisma keeps the driver's in `meta`), or "accepted". */
async function answer(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'accepted';
  } catch (e) {
    return `${(e as Error).message} ${JSON.stringify((e as { meta?: unknown }).meta ?? {})}`;
  }
}
const all = readMigrations().map((m) => m.name);
const before = all.filter((n) => n < '0008');

describe('the one document table (migration 0008)', SLOW, () => {
  let folder: string;
  let db: Database;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'yifa-0008-'));
    for (const name of before) cpSync(join(migrationsFolder, name), join(folder, name), { recursive: true });
    db = await openDatabase('pglite:memory');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('carries the decisions’ and the reviews’ documents over with their ids, then refuses UPDATE, DELETE and TRUNCATE', async () => {
    expect(await applyMigrations(db, { folder })).toEqual(before);
    const p = db.prisma;
    // Rows as the two old tables held them (the department and author the decision refers to, written as the
    // schema before 0008 held them: today's seed writes tables that did not exist yet).
    await p.$executeRawUnsafe(
      `INSERT INTO "Department" ("id","code","nameZh","nameEn","kind") VALUES ('dept-jtysj','jtysj','市交通运输局','Transport Bureau','drafting')`,
    );
    await p.$executeRawUnsafe(
      `INSERT INTO "User" ("id","username","displayName","passwordHash","departmentId") VALUES ('user-drafter.jtysj','drafter.jtysj','起草人','x','dept-jtysj')`,
    );
    await p.$executeRawUnsafe(
      `INSERT INTO "Decision" ("id","number","year","seq","title","matterType","summary","launch","leadDepartmentId","confidential","stage","status","workflowId","createdById","updatedAt") VALUES ('dec-1','JC-2026-0001',2026,1,'公交票价调整','public_services','概述','{}','dept-jtysj',false,'launch','active','decision-JC-2026-0001','user-drafter.jtysj',now())`,
    );
    await p.$executeRawUnsafe(
      `INSERT INTO "Document" ("id","decisionId","kind","fileName","mimeType","size","sha256","contentBase64","version") VALUES ('doc-d1','dec-1','draft','草案.txt','text/plain',2,'${'a'.repeat(64)}','YWE=',1)`,
    );
    await p.$executeRawUnsafe(
      `INSERT INTO "ReviewDocument" ("id","reviewId","kind","fileName","mimeType","size","sha256","contentBase64","version") VALUES ('doc-r1','GF-1','review_opinion','意见书.docx','application/octet-stream',2,'${'b'.repeat(64)}','YmI=',1)`,
    );
    for (const name of all.filter((n) => n >= '0008'))
      cpSync(join(migrationsFolder, name), join(folder, name), { recursive: true });
    expect(await applyMigrations(db, { folder })).toEqual(all.filter((n) => n >= '0008'));

    const rows = await p.document.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, ownerType: true, ownerId: true, decisionId: true, sha256: true, version: true },
    });
    expect(rows).toEqual([
      {
        id: 'doc-d1',
        ownerType: 'decision',
        ownerId: 'dec-1',
        decisionId: 'dec-1',
        sha256: 'a'.repeat(64),
        version: 1,
      },
      { id: 'doc-r1', ownerType: 'review', ownerId: 'GF-1', decisionId: null, sha256: 'b'.repeat(64), version: 1 },
    ]);
    await expect(p.$executeRawUnsafe(`SELECT 1 FROM "ReviewDocument"`)).rejects.toThrow();

    expect(
      await answer(p.$executeRawUnsafe(`UPDATE "Document" SET "sha256" = '${'c'.repeat(64)}' WHERE "id" = 'doc-d1'`)),
    ).toMatch(/cannot be changed/);
    expect(await answer(p.document.update({ where: { id: 'doc-r1' }, data: { fileName: '改.docx' } }))).toMatch(
      /cannot be changed/,
    );
    expect(await answer(p.$executeRawUnsafe(`DELETE FROM "Document" WHERE "id" = 'doc-r1'`))).toMatch(
      /cannot be changed/,
    );
    expect(await answer(p.$executeRawUnsafe(`TRUNCATE "Document"`))).toMatch(/cannot be changed/);
    // A review's document may not claim a decision, nor a decision's document another decision.
    expect(
      await answer(
        p.$executeRawUnsafe(
          `INSERT INTO "Document" ("id","ownerType","ownerId","decisionId","kind","fileName","mimeType","size","sha256","contentBase64","version") VALUES ('doc-x','review','GF-2','dec-1','draft','x','text/plain',1,'${'d'.repeat(64)}','eA==',1)`,
        ),
      ),
    ).toMatch(/Document_owner_check/);
    expect(await p.document.count()).toBe(2);
  });
});
