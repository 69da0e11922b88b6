/**
 * The Yifa worker: workflow code bundled from workflows/, activities built from their dependencies.
 */
import { createRequire } from 'node:module';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type LogLevel, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities/index.js';

const require = createRequire(import.meta.url);
export const workflowsPath = require.resolve('../../workflows/index.ts');

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundles workflow code once per process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
  return bundle;
}

const quietBundlerLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn(message: string, meta?: unknown) {
    console.warn(message, meta ?? '');
  },
  error(message: string, meta?: unknown) {
    console.error(message, meta ?? '');
  },
};

let runtimeInstalled = false;
/** Installs the SDK runtime with a quieter logger (YIFA_TEMPORAL_LOG_LEVEL, default WARN); call before any connection. */
export function installRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger((process.env.YIFA_TEMPORAL_LOG_LEVEL ?? 'WARN') as LogLevel) });
  } catch {
    // Already installed by this process (e.g. a test environment): keep it.
  }
}

export async function createYifaWorker(opts: { connection: NativeConnection; namespace: string; taskQueue: string; deps: ActivityDeps }): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(opts.deps),
  });
}
