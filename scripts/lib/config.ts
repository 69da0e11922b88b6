/**
 * The application's configuration, read from the environment in one place (only processes read env; workflows
 * receive what they need as input).
 */
import { readFileSync } from 'node:fs';
import { ProcedureConfigSchema, type ProcedureConfig } from '../../domain/config.js';
import { EscalationConfigSchema, type EscalationConfig } from '../../domain/escalation-config.js';
import type { SmtpSettings } from '../../activities/mail.js';
import type { SupervisingOffice } from '../../records/documents/letters.js';
import { temporalKeysFromEnv, type TemporalKeys } from './temporal-security/keys.js';

export interface AppConfig {
  port: number;
  host: string;
  /** undefined: the embedded PGlite folder under data/. */
  databaseUrl?: string;
  deadlineHour: number;
  procedure: ProcedureConfig;
  /** Start the Temporal dev server as a child process (npm start, unless TEMPORAL_ADDRESS points elsewhere). */
  embeddedTemporal: boolean;
  /** R35 ladders (YIFA_ESCALATION_CONFIG, a JSON file), validated at start-up. */
  escalation: EscalationConfig;
  /** The office that issues 提示函/督办函 (R37). */
  office: SupervisingOffice;
  /** SMTP (YIFA_SMTP_URL or YIFA_SMTP_HOST/PORT/USER/PASS/SECURE); undefined: mail waits in the outbox. */
  smtp?: SmtpSettings;
  /** How often the worker sends mail queued outside a workflow (progress notices, invitations): YIFA_OUTBOX_POLL_SECONDS. */
  outboxPollSeconds: number;
  /** Payload and message keys (YIFA_PAYLOAD_KEYS, YIFA_MESSAGE_KEYS); undefined: `npm start` uses data/temporal-keys.json. */
  temporalKeys?: TemporalKeys;
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
    escalation: escalationConfig(env.YIFA_ESCALATION_CONFIG),
    outboxPollSeconds: Math.max(1, Number(env.YIFA_OUTBOX_POLL_SECONDS ?? 30) || 30),
    temporalKeys: temporalKeysFromEnv(env),
    office: {
      name: env.YIFA_SUPERVISION_OFFICE ?? '市全面依法治市委员会办公室',
      abbr: env.YIFA_SUPERVISION_ORGAN_ABBR ?? '依法',
    },
    smtp:
      env.YIFA_SMTP_URL || env.YIFA_SMTP_HOST
        ? {
            url: env.YIFA_SMTP_URL || undefined,
            host: env.YIFA_SMTP_HOST || undefined,
            port: env.YIFA_SMTP_PORT ? Number(env.YIFA_SMTP_PORT) : undefined,
            secure: env.YIFA_SMTP_SECURE === 'true',
            user: env.YIFA_SMTP_USER || undefined,
            pass: env.YIFA_SMTP_PASS || undefined,
            from: env.YIFA_MAIL_FROM ?? 'yifa@localhost',
          }
        : undefined,
  };
}

/** R35: the ladders file, validated: a bad file stops start-up with the reasons. */
function escalationConfig(file: string | undefined): EscalationConfig {
  const r = EscalationConfigSchema.safeParse(file ? JSON.parse(readFileSync(file, 'utf8')) : {});
  if (!r.success)
    throw new Error(
      `YIFA_ESCALATION_CONFIG ${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}
