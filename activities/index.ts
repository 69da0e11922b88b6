import type { PrismaClient } from '../generated/prisma/client.js';
import { DEFAULT_ESCALATION_CONFIG, type EscalationConfig } from '../domain/escalation-config.js';
import type { CalendarSource } from '../records/calendar-source.js';
import { createDeadlineActivities } from './deadlines.js';
import { DEFAULT_OFFICE, type SupervisingOffice } from '../records/documents/letters.js';
import { createEscalationActivities } from './escalation.js';
import { createMailActivities, type Mailer } from './mail.js';
import { createRecordActivities } from './records.js';
import { createTaskActivities } from './tasks.js';
import { createTransitionActivities } from './transitions.js';
import { createMeetingActivities } from './meeting-records.js';
import { createArchiveActivities } from './archive-dossier.js';
import { createEvaluationActivities } from './evaluation.js';
import { createReviewFlagActivities } from './review-flags.js';
import { createReviewOpinionActivities } from './review-opinion.js';
import { createReviewPoolActivities } from './review-pool.js';
import { createReviewRecordActivities } from './review-records.js';

export interface ActivityDeps {
  prisma: PrismaClient;
  calendar: CalendarSource;
  /** R35 ladders (default: the ladder for every task kind). */
  escalation?: EscalationConfig;
  /** The supervising office that issues letters (R37). */
  office?: SupervisingOffice;
  /** An SMTP mailer; none: mail waits in the outbox. */
  mailer?: Mailer & { from: string };
}

export { DEFAULT_OFFICE } from '../records/documents/letters.js';

/** Every activity the workflows call, built from their dependencies (only the worker reads configuration). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDeadlineActivities(deps.calendar),
    ...createRecordActivities(deps.prisma),
    ...createTaskActivities(deps.prisma),
    ...createTransitionActivities({
      prisma: deps.prisma,
      calendar: deps.calendar,
      config: deps.escalation ?? DEFAULT_ESCALATION_CONFIG,
    }),
    ...createEscalationActivities({
      prisma: deps.prisma,
      calendar: deps.calendar,
      config: deps.escalation ?? DEFAULT_ESCALATION_CONFIG,
      office: deps.office ?? DEFAULT_OFFICE,
    }),
    ...createMailActivities(deps.prisma, deps.mailer),
    ...createMeetingActivities(deps.prisma),
    ...createArchiveActivities(deps.prisma),
    ...createEvaluationActivities(deps.prisma),
    ...createReviewPoolActivities(deps.prisma),
    ...createReviewRecordActivities(deps.prisma),
    ...createReviewFlagActivities(deps.prisma),
    ...createReviewOpinionActivities(deps.prisma),
  };
}

export type YifaActivities = ReturnType<typeof createActivities>;
