import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LaunchDecisionSchema } from '../../domain/decision/launch.js';
import { formJsonSchema } from '../../domain/form-schema.js';
import { codeLabels } from '../../domain/labels.js';
import { TASK_KINDS } from '../../domain/tasks/kinds.js';
import { FORMS } from '../../api/routes/forms.schema.js';
import { DecideFlagSchema, DismissFlagSchema } from '../../domain/review/submission.js';
import { LAW_LEVELS } from '../../domain/review/law-library.js';

type Node = {
  type?: string;
  label?: { zh: string; en: string };
  choiceLabels?: Record<string, { zh: string; en: string }>;
  properties?: Record<string, Node>;
  items?: Node;
  oneOf?: Node[];
  anyOf?: Node[];
};

/** Every property of a JSON Schema with its path, through arrays and unions. */
function properties(s: Node, at = ''): Array<[string, Node]> {
  const own = Object.entries(s.properties ?? {}).flatMap(([k, v]) => [
    [`${at}${k}`, v] as [string, Node],
    ...properties(v, `${at}${k}.`),
  ]);
  return [
    ...own,
    ...(s.items ? properties(s.items, at) : []),
    ...[...(s.oneOf ?? []), ...(s.anyOf ?? [])].flatMap((v) => properties(v, at)),
  ];
}

describe('forms from the server’s zod schemas (GET /api/forms/:name, a task’s payloadSchema)', () => {
  const forms: Array<[string, z.ZodType]> = [
    ...Object.entries(FORMS).map(([k, s]) => [k, s as z.ZodType] as [string, z.ZodType]),
    ...Object.entries(TASK_KINDS).map(([k, d]) => [k, d.schema as z.ZodType] as [string, z.ZodType]),
  ];

  it('labels every field of every form in Chinese and English', () => {
    const unlabelled = forms.flatMap(([name, schema]) =>
      properties(formJsonSchema(schema, name) as Node)
        .filter(([, v]) => !v.label?.zh || !v.label.en)
        .map(([p]) => `${name}: ${p}`),
    );
    expect(unlabelled).toEqual([]);
  });

  it('gives a field its form’s own label, and one sub-schema used under two names each name’s label', () => {
    const label = (form: string, path: string) => {
      const entry = forms.find(([n]) => n === form);
      return properties(formJsonSchema(entry![1], form) as Node).find(([p]) => p === path)?.[1].label?.zh;
    };
    // The public-comments label (once lost to a duplicate key in web/fields.js) and the review's own "comments".
    expect(label('conclude_public_participation', 'comments')).toBe('收到的意见');
    expect(label('second_check_review', 'comments')).toBe('意见');
    // draftDocumentId and explanationDocumentId share one zod schema.
    expect(label('submit_draft', 'draftDocumentId')).toBe('决策草案');
    expect(label('submit_draft', 'explanationDocumentId')).toBe('起草说明');
    expect(label('submit_risk_assessment', 'revisedDraftDocumentId')).toBe('调整后的决策草案');
    expect(label('meeting', 'kind')).toBe('会议类型');
    expect(label('meeting', 'attendees.member')).toBe('会议组成人员');
  });

  it('serves the review dialogs (reassign, decline, flag dismissal) with their required fields', () => {
    const required = (form: keyof typeof FORMS) =>
      (formJsonSchema(FORMS[form], form) as { required?: string[] }).required;
    expect(required('reassign')).toEqual(['reviewerUserId', 'reason']);
    expect(required('decline')).toEqual(['reason']);
    expect(required('flagDismissal')).toEqual(['reason']);
    const reassign = formJsonSchema(FORMS.reassign, 'reassign') as Node;
    expect(reassign.properties?.reviewerUserId.label?.zh).toBe('改派给');
    // The dismissal's form is the reason the flag decision requires when it dismisses; the API accepts the same.
    expect(DismissFlagSchema.safeParse({ reason: '' }).success).toBe(false);
    expect(DecideFlagSchema.safeParse({ decision: 'dismissed' }).success).toBe(false);
    expect(DecideFlagSchema.safeParse({ decision: 'dismissed', reason: '不适用' }).success).toBe(true);
    expect(DecideFlagSchema.safeParse({ decision: 'confirmed' }).success).toBe(true);
  });

  it('serves the extension, leave and evaluation-request dialogs with their fields labelled and chosen', () => {
    const schema = (form: keyof typeof FORMS) =>
      formJsonSchema(FORMS[form], form) as Node & {
        required?: string[];
        properties: Record<string, Node & { pattern?: string; default?: unknown }>;
      };
    expect(schema('extension').required).toEqual(['workingDays', 'reason']);
    expect(schema('leave').required).toEqual(['startsOn', 'endsOn', 'reason']);
    // The web renders a date input for this pattern (web/forms.js DATE_PATTERN).
    expect(schema('leave').properties.startsOn.pattern).toBe('^\\d{4}-\\d{2}-\\d{2}$');
    const evaluation = schema('evaluation');
    expect(evaluation.properties.trigger.label?.zh).toBe('提请原因');
    expect(evaluation.properties.trigger.default).toBe('requested');
    expect(evaluation.properties.trigger.choiceLabels?.public_objections?.zh).toBe('公众意见较大');
  });

  it('serves the pool’s conflict and per-kind settings dialogs from the schemas the API parses', () => {
    const conflict = formJsonSchema(FORMS.conflict, 'conflict') as Node & { required?: string[] };
    expect(conflict.required).toEqual(['reason']);
    expect(conflict.properties?.departmentId.label?.zh).toBe('回避单位');
    const setting = formJsonSchema(FORMS.kindSetting, 'kindSetting') as Node & { required?: string[] };
    expect(setting.required).toEqual(['weight', 'targetWorkingDays', 'secondCheck', 'directorSignOff', 'numberPrefix']);
  });

  it('serves the pool profile and the law entry dialogs from the schemas their routes parse, law fields labelled as law', () => {
    const profile = formJsonSchema(FORMS.profile, 'profile') as { properties: Record<string, Node> };
    // A nullable former department (null: none), labelled on the field itself; the web renders its non-null shape.
    expect(profile.properties.formerDepartmentId.label?.zh).toBe('原工作单位（回避）');
    expect(profile.properties.formerDepartmentId.anyOf?.map((v) => v.type)).toEqual(['string', 'null']);
    expect(FORMS.profile.safeParse({ formerDepartmentId: null, note: null }).success).toBe(true);
    const law = formJsonSchema(FORMS.law, 'law') as { required: string[]; properties: Record<string, Node> };
    expect(law.required).toEqual(['name', 'level', 'issuedBy', 'effectiveOn']);
    // `level` is the law's 效力层级 with its six levels, not the risk assessment's 风险等级.
    expect(law.properties.level.label).toEqual({ zh: '效力层级', en: 'Level' });
    expect(Object.keys(law.properties.level.choiceLabels ?? {})).toEqual([...LAW_LEVELS]);
    expect(law.properties.level.choiceLabels?.local_rule).toEqual({ zh: '地方政府规章', en: 'Local government rule' });
    expect(law.properties.issuedBy.label?.zh).toBe('制定机关');
    expect(law.properties.repealedOn.label?.zh).toBe('废止日期');
    expect(law.properties.replacedBy.label?.en).toBe('Replaced by');
    // The risk assessment's level keeps its own label and choices.
    const risk = formJsonSchema(TASK_KINDS.submit_risk_assessment.schema, 'submit_risk_assessment') as Node;
    const riskLevel = properties(risk).find(([p]) => p.endsWith('level'))?.[1];
    expect(riskLevel?.label?.zh).toBe('风险等级');
    expect(riskLevel?.choiceLabels?.high?.zh).toBe('高风险');
    // The same labels reach the web through GET /api/labels, scoped by the form.
    expect(codeLabels().choice['law.level.local_regulation'].zh).toBe('地方性法规');
  });

  it('keeps a label set on the zod schema with .meta(), and labels choices the label list names', () => {
    const s = formJsonSchema(
      z.strictObject({
        title: z.string().meta({ label: { zh: '自定', en: 'Own' } }),
        channel: z.enum(['gazette', 'website']),
      }),
    ) as Node;
    expect(s.properties?.title.label).toEqual({ zh: '自定', en: 'Own' });
    expect(s.properties?.channel.choiceLabels?.gazette).toEqual({ zh: '政府公报', en: 'Gazette' });
    expect(
      (formJsonSchema(LaunchDecisionSchema, 'launch') as { properties: Record<string, { examples?: string[] }> })
        .properties.plannedMeetingQuarter.examples,
    ).toEqual(['2027-Q1']);
  });

  it('serves the same labels to the web with the code labels (GET /api/labels)', () => {
    const labels = codeLabels();
    expect(labels.field.title).toEqual({ zh: '决策事项名称', en: 'Title' });
    expect(labels.field['second_check_review.comments'].zh).toBe('意见');
    expect(labels.choice['channel.gazette']).toEqual({ zh: '政府公报', en: 'Gazette' });
  });
});
