/**
 * Layer boundaries (issue 12 item 2), read from the source with the TypeScript compiler API:
 *   api/ ──▶ records/ ◀── activities/      both ──▶ domain/ ; workflows/ ──▶ domain/
 * - api/ never imports activities/, and activities/ never imports api/: what both need lives in records/
 *   (Prisma queries and transactions by concept) or domain/ (rules).
 * - records/ imports neither api/ nor activities/.
 * - domain/ and workflows/ stay pure: only zod, @temporalio/workflow and their own files. No Node built-in, no
 *   Prisma, no generated/, no records/, api/ or activities/ — except `import type` of activities/ in
 *   workflows/, the Temporal pattern for typing `proxyActivities` (erased at compile time: no code is loaded).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LAYERS = ['api', 'activities', 'records', 'domain', 'workflows'] as const;
type Layer = (typeof LAYERS)[number];
const PURE_PACKAGES = new Set(['zod', '@temporalio/workflow']);

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

/** Every module a file names: import/export declarations, `import x = require()`, dynamic `import()` and `require()`. */
function importsOf(fileName: string, source: string): ImportRef[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteralLike(spec))
      out.push({ specifier: spec.text, typeOnly, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const allTypes =
        !!c &&
        !c.name &&
        !!c.namedBindings &&
        ts.isNamedImports(c.namedBindings) &&
        c.namedBindings.elements.length > 0 &&
        c.namedBindings.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, !!c && (c.isTypeOnly || allTypes));
    } else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression, node.isTypeOnly);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    )
      add(node, node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node, node.argument.literal as ts.Expression, true);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The top-level folder a relative specifier lands in (from a file given relative to the repository), else undefined. */
function targetFolder(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const rel = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return rel.startsWith('..') ? '..' : rel.split('/')[0];
}

/** Why one import from `file` (repository-relative, posix) crosses a boundary; undefined when it is allowed. */
function boundaryViolation(file: string, ref: ImportRef): string | undefined {
  const from = file.split('/')[0] as Layer;
  const to = targetFolder(file, ref.specifier);
  const spec = ref.specifier;
  if (from === 'api' && to === 'activities') return 'api/ must not import activities/ (use records/ or domain/)';
  if (from === 'activities' && to === 'api') return 'activities/ must not import api/ (use records/ or domain/)';
  if (from === 'records' && (to === 'api' || to === 'activities')) return `records/ must not import ${to}/`;
  if (from === 'domain' || from === 'workflows') {
    if (to === undefined)
      return PURE_PACKAGES.has(spec)
        ? undefined
        : `${from}/ must stay pure: package "${spec}" (only ${[...PURE_PACKAGES].join(', ')})`;
    if (to === 'domain' || to === from) return undefined;
    if (from === 'workflows' && to === 'activities' && ref.typeOnly) return undefined;
    return `${from}/ must stay pure: no import of ${to}/`;
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(m|c)?[tj]s$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

describe('layer boundaries', () => {
  it('hold in the tree: api ↛ activities, activities ↛ api, records ↛ either, domain/ and workflows/ without I/O', () => {
    const found: string[] = [];
    let files = 0;
    for (const layer of LAYERS)
      for (const file of sourceFiles(layer)) {
        files++;
        for (const ref of importsOf(file, readFileSync(path.join(ROOT, file), 'utf8'))) {
          const why = boundaryViolation(file, ref);
          if (why) found.push(`${file}:${ref.line} imports '${ref.specifier}': ${why}`);
        }
      }
    expect(files).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });

  it('the check catches each forbidden kind of import (and the records/ layer exists for what both sides need)', () => {
    const check = (file: string, src: string) =>
      importsOf(file, src)
        .map((r) => boundaryViolation(file, r))
        .filter(Boolean);
    expect(check('api/services/x.ts', "import { appendAudit } from '../../activities/audit.js';")).toHaveLength(1);
    expect(check('api/routes/x.ts', "const m = await import('../../activities/index.js');")).toHaveLength(1);
    expect(
      check('activities/x.ts', "export { launchDecision } from '../api/services/launch-decision.js';"),
    ).toHaveLength(1);
    expect(check('records/x.ts', "import type { YifaActivities } from '../activities/index.js';")).toHaveLength(1);
    expect(check('domain/rules/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(check('domain/x.ts', "import net from 'net';")).toHaveLength(1);
    expect(check('workflows/x.ts', "import { PrismaClient } from '../generated/prisma/client.js';")).toHaveLength(1);
    expect(check('workflows/shared/x.ts', "import { appendAudit } from '../../records/audit.js';")).toHaveLength(1);
    expect(
      check('workflows/shared/x.ts', "import { createActivities } from '../../activities/index.js';"),
    ).toHaveLength(1);
    expect(check('domain/x.ts', "import type { Tx } from '../records/audit.js';")).toHaveLength(1);
    expect(check('domain/x.ts', "import { startPlatform } from '../api/app.js';")).toHaveLength(1);
    // Allowed: the proxyActivities typing, domain from anywhere, records from api and activities.
    expect(check('workflows/shared/x.ts', "import type { YifaActivities } from '../../activities/index.js';")).toEqual(
      [],
    );
    expect(check('workflows/shared/x.ts', "import { type YifaActivities } from '../../activities/index.js';")).toEqual(
      [],
    );
    expect(
      check('api/services/x.ts', "import { appendAudit } from '../../records/audit.js';\nimport { z } from 'zod';"),
    ).toEqual([]);
    expect(check('activities/x.ts', "import { reviewSettings } from '../records/review-settings.js';")).toEqual([]);
  });
});
