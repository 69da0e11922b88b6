// @ts-check
// The launch form's JSON Schema: LaunchDecisionSchema (domain/decision/launch.ts) as the API checks it.
// The cross-field checks of its superRefine (R1, R4, R23) are in launchChecks below.

const text = (max) => ({ type: 'string', minLength: 1, maxLength: max });

export const MATTER_TYPE_CODES = [
  'public_services',
  'market_regulation',
  'social_management',
  'environmental_protection',
  'development_plan',
  'natural_cultural_resources',
  'public_construction_project',
  'other_public_interest',
];

export const launchSchema = {
  type: 'object',
  properties: {
    title: text(200),
    matterType: { type: 'string', enum: MATTER_TYPE_CODES },
    summary: text(5000),
    legalBasis: { type: 'array', minItems: 1, maxItems: 50, items: text(300) },
    plannedMeetingQuarter: { type: 'string', pattern: '^\\d{4}-Q[1-4]$', examples: ['2027-Q1'] },
    coDepartmentIds: { type: 'array', maxItems: 20, default: [], items: { type: 'string', minLength: 1 } },
    inCatalog: { type: 'boolean' },
    catalogEntry: text(200),
    outsideCatalogReason: text(500),
    confidential: { type: 'boolean' },
    confidentialReason: text(500),
    touchesMarketActors: { type: 'boolean' },
    widePublicConcern: { type: 'boolean', default: false },
    specificGroups: { type: 'array', maxItems: 20, default: [], items: text(100) },
    expertArgumentation: {
      oneOf: [
        { type: 'object', properties: { required: { type: 'boolean', const: true } }, required: ['required'] },
        { type: 'object', properties: { required: { type: 'boolean', const: false }, reason: text(500) }, required: ['required', 'reason'] },
      ],
    },
    riskAssessment: {
      oneOf: [
        { type: 'object', properties: { mode: { type: 'string', const: 'required' } }, required: ['mode'] },
        { type: 'object', properties: { mode: { type: 'string', const: 'skipped' }, reason: text(500) }, required: ['mode', 'reason'] },
        { type: 'object', properties: { mode: { type: 'string', const: 'covered' }, reference: text(200), reason: text(500) }, required: ['mode', 'reference'] },
      ],
    },
    partyCommitteeReportRequired: { type: 'boolean', default: true },
    partyCommitteeWaiverReason: text(500),
    partyCommitteeWaiverApproval: text(300),
  },
  required: ['title', 'matterType', 'legalBasis', 'summary', 'plannedMeetingQuarter', 'inCatalog', 'confidential', 'touchesMarketActors', 'expertArgumentation', 'riskAssessment'],
};

/** R1, R4 as the API's superRefine applies them: [{path, key}] of the message keys to show. */
export function launchChecks(v) {
  const out = [];
  if (v.confidential === true && !v.confidentialReason) out.push({ path: 'confidentialReason', key: 'launch.need.confidentialReason' });
  if (v.inCatalog === true && !v.catalogEntry) out.push({ path: 'catalogEntry', key: 'launch.need.catalogEntry' });
  if (v.inCatalog === false && !v.outsideCatalogReason) out.push({ path: 'outsideCatalogReason', key: 'launch.need.outsideCatalogReason' });
  if (v.partyCommitteeReportRequired === false && !v.partyCommitteeWaiverReason) out.push({ path: 'partyCommitteeWaiverReason', key: 'launch.need.partyCommitteeWaiverReason' });
  if (v.partyCommitteeReportRequired === false && !v.partyCommitteeWaiverApproval) out.push({ path: 'partyCommitteeWaiverApproval', key: 'launch.need.partyCommitteeWaiverApproval' });
  return out;
}
