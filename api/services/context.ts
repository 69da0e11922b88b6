import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { ProcedureConfig } from '../../domain/config.js';
import type { Role } from '../../domain/roles.js';
import type { EscalationConfig } from '../../domain/escalation-config.js';
import type { SupervisingOffice } from '../../records/documents/letters.js';

/** What services need: the records, the Temporal client, and the configuration new procedures start with. */
export interface ServiceContext {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  procedureConfig: ProcedureConfig;
  webUiUrl: string;
  namespace: string;
  /** The payload codec, served to operators' Temporal tools at /api/temporal-codec (absent: endpoint answers 503). */
  payloadCodec?: PayloadCodec;
  /** The clock of checks made outside the procedure (comment period open, hearing held); tests align it with the time-skipping server's. */
  now?: () => Date;
  /** Early warning: tasks turn yellow this many working days before their due (YIFA_ESCALATION_CONFIG; default 3). */
  yellowWorkingDays?: number;
  /** R35 ladders and the office issuing letters: the office's bulk 提示 issues its 提示函 as the ladder would (default: the ladder and office). */
  escalation?: { config: EscalationConfig; office: SupervisingOffice };
}

/** The service clock: the context's, else the system's. */
export const nowOf = (ctx: Pick<ServiceContext, 'now'>): Date => ctx.now?.() ?? new Date();

/** The signed-in person. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  roles: Role[];
}
