/**
 * The machine tools some tests need (Chromium, LibreOffice with pdftotext, a PostgreSQL server). Under CI=true
 * a missing tool fails the run (CI installs them all); on a developer's machine the tests that need it are
 * skipped, and the skip prints what is missing and how to provide it.
 */
import { existsSync } from 'node:fs';
import { sofficePath } from './docx.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pdftotextPath = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

export type Tool = 'chromium' | 'libreoffice' | 'libreoffice-calc' | 'postgresql';

export const TOOLS: Record<Tool, { available: () => boolean; how: string }> = {
  chromium: {
    available: () => existsSync(chromiumPath),
    how: `Chromium at ${chromiumPath} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`,
  },
  libreoffice: {
    available: () => Boolean(sofficePath && pdftotextPath),
    how: 'LibreOffice (soffice) and pdftotext (apt-get install libreoffice-writer-nogui poppler-utils)',
  },
  'libreoffice-calc': {
    available: () => Boolean(sofficePath && existsSync('/usr/lib/libreoffice/program/libsclo.so')),
    how: 'LibreOffice Calc (apt-get install libreoffice-calc-nogui)',
  },
  postgresql: {
    available: () => Boolean(process.env.TEST_DATABASE_URL),
    how: 'a PostgreSQL server named by TEST_DATABASE_URL (.ci/run starts one)',
  },
};

export const onCi = (env: NodeJS.ProcessEnv = process.env) => env.CI === 'true' || env.CI === '1';

/** The sentence a skip prints, or the error a CI run fails with. */
export function missingToolMessage(tool: Tool, what: string): string {
  return `${what}: needs ${TOOLS[tool].how}`;
}

/**
 * Whether the tests about `what` can run. A missing tool throws under CI (the file or test fails, the run exits
 * non-zero); locally it prints the reason and returns false, for `describe.runIf` / `it.runIf` / `ctx.skip`.
 */
export function needs(tool: Tool, what: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (TOOLS[tool].available()) return true;
  const message = missingToolMessage(tool, what);
  if (onCi(env)) throw new Error(`CI=true and a required tool is missing. ${message}`);
  console.warn(`[skipped] ${message}`);
  return false;
}
