/**
 * Where the Temporal cluster is and how workflows are queued. Every value can be overridden by env, so a
 * production deployment changes configuration, not code.
 */
import { readFileSync } from 'node:fs';

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** mTLS for a production cluster; undefined on the embedded dev server. */
  tls?: { serverNameOverride?: string; serverRootCACertificate?: Buffer; clientCert?: Buffer; clientKey?: Buffer };
  /** Base URL of the Temporal Web UI, for operators' links. */
  webUiUrl: string;
  /** Search attributes the workflows upsert; the dev server registers them at start. */
  searchAttributes: Record<string, 'Keyword' | 'Bool' | 'Datetime'>;
}

const env = process.env;

function readOptional(path: string | undefined): Buffer | undefined {
  return path ? readFileSync(path) : undefined;
}

export function temporalConfig(): TemporalConfig {
  const tlsOn = env.TEMPORAL_TLS === 'true' || Boolean(env.TEMPORAL_TLS_CERT);
  return {
    address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'yifa-decisions',
    tls: tlsOn
      ? {
          serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME,
          serverRootCACertificate: readOptional(env.TEMPORAL_TLS_CA),
          clientCert: readOptional(env.TEMPORAL_TLS_CERT),
          clientKey: readOptional(env.TEMPORAL_TLS_KEY),
        }
      : undefined,
    webUiUrl: env.TEMPORAL_WEB_UI_URL ?? 'http://127.0.0.1:8233',
    searchAttributes: { YifaStage: 'Keyword', YifaDepartment: 'Keyword', YifaOverdue: 'Bool' },
  };
}

/** Activity timeouts and retry limits used by every workflow. */
export const activityDefaults = {
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10, initialInterval: '1 second', maximumInterval: '30 seconds' },
} as const;
