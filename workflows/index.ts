export { decisionProcedure } from './decision-procedure.js';
export { legalityReview } from './legality-review/workflow.js';
