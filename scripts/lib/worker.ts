/**
 * The Yifa worker: workflow code bundled from workflows/, activities built from their dependencies.
 */
import { createRequire } from 'node:module';
import {
  DefaultLogger,
  type NativeConnection,
  Runtime,
  Worker,
  bundleWorkflowCode,
  type LogLevel,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createActivities, type ActivityDeps } from '../../activities/index.js';
import { NO_MESSAGE_KEYS, type MessageKeys } from '../../domain/seal/seal.js';

const require = createRequire(import.meta.url);
export const workflowsPath = require.resolve('../../workflows/index.ts');
const sealInterceptorsPath = require.resolve('../../workflows/seal-interceptors.ts');
/** Observes the procedure's activities for the task engine's "settled" state (workflows/shared/settled.ts). */
const settledInterceptorsPath = require.resolve('../../workflows/shared/settled.ts');
/** The webpack the SDK bundles with (its DefinePlugin compiles the message keys into the bundle). */
const webpack = createRequire(require.resolve('@temporalio/worker'))('webpack') as {
  DefinePlugin: new (defs: Record<string, string>) => object;
};

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();
/**
 * Bundles workflow code once per process and message keys. The keys that verify sealed messages are compiled
 * into the bundle (workflow code cannot read configuration, and they must never travel through history).
 */
export function workflowBundle(messageKeys: MessageKeys = NO_MESSAGE_KEYS): Promise<WorkflowBundleWithSourceMap> {
  const id = JSON.stringify(messageKeys);
  let b = bundles.get(id);
  if (!b) {
    b = bundleWorkflowCode({
      workflowsPath,
      workflowInterceptorModules: [sealInterceptorsPath, settledInterceptorsPath],
      logger: quietBundlerLogger,
      webpackConfigHook: (config) => ({
        ...config,
        plugins: [
          ...(config.plugins ?? []),
          new webpack.DefinePlugin({ __YIFA_MESSAGE_KEYS__: JSON.stringify(messageKeys) }) as never,
        ],
      }),
    });
    bundles.set(id, b);
  }
  return b;
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

export async function createYifaWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  security: { dataConverter: DataConverter; messageKeys: MessageKeys };
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    dataConverter: opts.security.dataConverter,
    workflowBundle: await workflowBundle(opts.security.messageKeys),
    activities: createActivities(opts.deps),
    // Issue 13: the SDK's default cache grows with open decisions (~1.7 MB per cached workflow); a bounded cache keeps
    // memory flat and replays an evicted workflow from its history on its next task.
    maxCachedWorkflows: workflowCacheSize(),
  });
}

/** How many workflows the worker keeps in memory (YIFA_MAX_CACHED_WORKFLOWS, default 250). */
export function workflowCacheSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.YIFA_MAX_CACHED_WORKFLOWS ?? 250);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`YIFA_MAX_CACHED_WORKFLOWS must be a whole number ≥ 0, not '${env.YIFA_MAX_CACHED_WORKFLOWS}'`);
  return n;
}
