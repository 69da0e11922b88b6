/**
 * The application's configuration, read from the environment in one place (only processes read env; workflows
 * receive what they need as input).
 */
import { readFileSync } from 'node:fs';
import { ProcedureConfigSchema, type ProcedureConfig } from '../../domain/config.js';

export interface AppConfig {
  port: number;
  host: string;
  /** undefined: the embedded PGlite folder under data/. */
  databaseUrl?: string;
  deadlineHour: number;
  procedure: ProcedureConfig;
  /** Start the Temporal dev server as a child process (npm start, unless TEMPORAL_ADDRESS points elsewhere). */
  embeddedTemporal: boolean;
}

export function appConfig(env = process.env): AppConfig {
  const file = env.YIFA_PROCEDURE_CONFIG;
  const procedure = ProcedureConfigSchema.parse(file ? JSON.parse(readFileSync(file, 'utf8')) : {});
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    deadlineHour: Number(env.YIFA_DEADLINE_HOUR ?? 18),
    procedure,
    embeddedTemporal: !env.TEMPORAL_ADDRESS,
  };
}
