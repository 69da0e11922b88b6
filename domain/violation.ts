import { ruleArticle } from './rules/articles.js';

/**
 * A refusal by a statutory rule: the API answers 409 with the rule id and a message in both locales.
 * Pure data so that workflow validators, services and pages share it.
 */
export interface RuleViolation {
  rule: string;
  messageKey: string;
  message: { zh: string; en: string };
  /** Where in the payload the problem is, when there is one place. */
  path?: string[];
}

/** A refusal; the Chinese message names the article of the law or local rule the rule enforces. */
export function violation(rule: string, messageKey: string, zh: string, en: string, path?: string[]): RuleViolation {
  const article = ruleArticle(rule);
  const zhWithArticle = article && !zh.includes('依据') ? `${zh}（依据${article}）` : zh;
  return { rule, messageKey, message: { zh: zhWithArticle, en }, ...(path ? { path } : {}) };
}

/** The ApplicationFailure type that carries a RuleViolation out of a workflow validator. */
export const RULE_VIOLATION_FAILURE = 'RuleViolation';
