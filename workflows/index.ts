export { decisionProcedure } from './decision-procedure.js';
export { legalityReview } from './legality-review/workflow.js';
export { executiveMeeting } from './executive-meeting/workflow.js';
export { decisionEvaluation } from './evaluation/workflow.js';
export { deliverOutboxMail } from './outbox/workflow.js';
