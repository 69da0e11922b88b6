import { WorkflowUpdateFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { RULE_VIOLATION_FAILURE, type RuleViolation } from '../domain/violation.js';

export interface FieldIssue {
  path: string;
  messageKey: string;
  message: { zh: string; en: string };
}

/** The one error class of the API; its status and code become the HTTP answer. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    readonly code: string,
    readonly messageKey: string,
    readonly localized: { zh: string; en: string },
    readonly extra: {
      rule?: string;
      violations?: RuleViolation[];
      issues?: FieldIssue[];
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(localized.en);
  }

  toJSON() {
    return { error: this.code, messageKey: this.messageKey, message: this.localized, ...this.extra };
  }
}

export const notFound = (what: string) =>
  new AppError(404, 'not_found', 'error.not_found', { zh: `${what}不存在`, en: `${what} not found` });
export const forbidden = (zh: string, en: string) => new AppError(403, 'forbidden', 'error.forbidden', { zh, en });
export const unauthorized = () =>
  new AppError(401, 'unauthorized', 'error.unauthorized', { zh: '请先登录', en: 'Sign in first' });

export function ruleRefusal(violations: RuleViolation[]): AppError {
  const first = violations[0];
  return new AppError(409, 'rule_violation', first.messageKey, first.message, { rule: first.rule, violations });
}

/** A 400 naming each field and why, in both locales. */
export function invalid(issues: FieldIssue[]): AppError {
  const first = issues[0];
  return new AppError(
    400,
    'invalid_request',
    'error.invalid_request',
    { zh: `请求参数有误：${first.path}`, en: `Invalid request: ${first.path}` },
    { issues },
  );
}

export function fieldIssue(path: string, zh: string, en: string, messageKey = 'error.field'): FieldIssue {
  return { path, messageKey, message: { zh, en } };
}

/** zod issues as field issues, with the message in both locales. */
export function zodIssues(issues: readonly z.core.$ZodIssue[], prefix: string[] = []): FieldIssue[] {
  return issues.flatMap((i) => {
    const at = [...prefix, ...i.path.map(String)];
    // An unknown field is named by its own path (strict schemas refuse what they would otherwise drop silently).
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({
        path: [...at, k].join('.'),
        messageKey: 'zod.unrecognized_keys',
        message: { zh: `不允许的字段：${k}`, en: `Unknown field: ${k}` },
      }));
    return [
      { path: at.join('.') || '(body)', messageKey: `zod.${i.code}`, message: { zh: zhMessage(i), en: i.message } },
    ];
  });
}

function zhMessage(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? '必填' : `类型错误，应为${i.expected}`;
    case 'too_small':
      return `不得少于${String(i.minimum)}${i.origin === 'string' ? '个字符' : i.origin === 'array' ? '项' : ''}`;
    case 'too_big':
      return `不得多于${String(i.maximum)}${i.origin === 'string' ? '个字符' : i.origin === 'array' ? '项' : ''}`;
    case 'invalid_value':
      return `取值无效，可选：${i.values.map(String).join('、')}`;
    case 'invalid_format': {
      // A pattern's own message names what it expects ("expected YYYY-Qn"); people read it too.
      const expected = /^expected (.+)$/.exec(i.message)?.[1];
      return expected ? `格式不正确，应为 ${expected}` : '格式不正确';
    }
    case 'invalid_union':
      return '不符合任何允许的格式';
    case 'unrecognized_keys':
      return `不允许的字段：${i.keys.join('、')}`;
    case 'custom':
      return i.message;
    default:
      return '取值无效';
  }
}

/** Maps what a workflow update refused to the API's answer: rule refusals are 409 naming the rule. */
export function fromTemporal(err: unknown): unknown {
  if (err instanceof WorkflowNotFoundError)
    return new AppError(409, 'workflow_not_running', 'error.workflow_not_running', {
      zh: '决策程序未在运行',
      en: 'The procedure is not running',
    });
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const f = err.cause;
    if (f.type === RULE_VIOLATION_FAILURE) return ruleRefusal(f.details as RuleViolation[]);
    if (f.type === 'InvalidPayload')
      return invalid(zodIssues((f.details?.[0] ?? []) as z.core.$ZodIssue[], ['payload']));
  }
  return err;
}
