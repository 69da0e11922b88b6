// @ts-check
// UI strings and formatting in Simplified Chinese (default) and English.
// The chosen locale is kept in localStorage so it survives reloads and sign-outs.

import en from './locales/en.js';
import zh from './locales/zh.js';

const LOCALE_KEY = 'yifa.locale';
export const TIME_ZONE = 'Asia/Shanghai';

/** @type {Record<'zh' | 'en', Record<string, string>>} */
const MESSAGES = { zh, en };

/**
 * Labels of codes the API sends as-is and of form fields and their choices, from the server's one list
 * (domain/labels.ts and domain/field-labels.ts via /api/labels).
 * @type {Record<string, Record<string, { zh: string, en: string }>>}
 */
const LABELS = {};
export const STAGES = [];
export const STATUSES = [];

/** Loads the code labels once, before the first render. */
export async function loadLabels() {
  if (STAGES.length) return;
  const res = await fetch('/api/labels');
  if (!res.ok) throw new Error(`labels: ${res.status}`);
  Object.assign(LABELS, await res.json());
  STAGES.push(...Object.keys(LABELS.stage));
  STATUSES.push(...Object.keys(LABELS.status));
  // A choice's label by its value alone ('*.gazette'), for a field the list does not name.
  const choice = LABELS.choice ?? {};
  for (const [key, pair] of Object.entries(choice)) {
    const any = `*.${key.slice(key.indexOf('.') + 1)}`;
    choice[any] ??= pair;
  }
}

/**
 * One entry of the server's label list: `labelPair('field', 'title')`, `labelPair('choice', 'channel.gazette')`.
 * @param {string} kind
 * @param {string} code
 * @returns {{ zh: string, en: string } | undefined}
 */
export const labelPair = (kind, code) => LABELS[kind]?.[code];

function initialLocale() {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    /* storage unavailable: use the default */
  }
  return 'zh';
}

let locale = initialLocale();

export const getLocale = () => locale;

export function setLocale(next) {
  locale = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    /* not persisted; still switched for this page */
  }
  applyDocumentLocale();
}

export function applyDocumentLocale() {
  document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
}

/** A UI string with {placeholders} filled in. */
export function t(key, vars = {}) {
  const s = articlesFor(MESSAGES[locale][key] ?? MESSAGES.zh[key] ?? key);
  return s.replace(/\{(\w+)\}/g, (m, k) =>
    k in vars ? String(k === 'rule' && /^R\d+$/.test(vars[k]) ? ruleText(vars[k]) : vars[k]) : m,
  );
}

const RULE_ID = /(?<![A-Za-z0-9])R(\d{1,2})(?:[–-]R(\d{1,2}))?(?!\d)/g;

/** A UI text's (or a text the server wrote for people: a stage's reason) rule ids ("（R16、R17）", "R4：") as the articles they rest on, each named once. */
export function articlesFor(text) {
  if (!text.includes('R')) return text;
  const names = (ids) => [...new Set(ids.map((id) => ruleText(id)))].join(getLocale() === 'zh' ? '、' : '; ');
  const idsIn = (part) => [...part.matchAll(RULE_ID)].flatMap((m) => (m[2] ? [`R${m[1]}`, `R${m[2]}`] : [`R${m[1]}`]));
  // A bracket of ids becomes one bracket of names; the names are set aside until the remaining ids are replaced,
  // so that a name holding its id ("rule R4" in English) is not replaced again.
  /** @type {string[]} */
  const named = [];
  return text
    .replace(/[（(]([^（）()]*)[）)]/g, (whole, inner) =>
      /^[\sR\d、,–-]+$/.test(inner) && /R\d/.test(inner)
        ? `\uE000${named.push(whole[0] + names(idsIn(inner)) + whole[whole.length - 1]) - 1}\uE000`
        : whole,
    )
    .replace(RULE_ID, (m) => names(idsIn(m)))
    .replace(/\uE000(\d+)\uE000/g, (_m, i) => named[Number(i)]);
}

/** The locale's text of a {zh, en} pair the API sends. */
export const pick = (pair) => (pair ? (pair[locale] ?? pair.zh ?? '') : '');

/** The article of the law or local rule a rule id rests on, as people read it (the id itself stays for a tooltip). */
export function ruleText(rule) {
  const pair = LABELS.rule?.[rule];
  return pair ? pair[locale] : String(rule ?? '');
}

/** A refusal's source as a chip: the article to read, the rule id on hover. */
export function ruleTitle(rule) {
  return rule ? `${t('error.ruleId')}${t('colon')}${rule}` : '';
}

/** The label of a code (role, status, stage, matterType, documentKind); unknown codes show as-is. */
export function label(kind, code) {
  const pair = LABELS[kind]?.[code];
  if (pair) return pair[locale];
  return String(code ?? '');
}

const dateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function beijingParts(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(dateTimeParts.formatToParts(d).map((x) => [x.type, x.value]));
}

/** Beijing time, whatever the browser's own zone: "2026年12月24日 18:00" (zh) or "2026-12-24 18:00" (en). */
export function formatDateTime(iso) {
  if (!iso) return '';
  const p = beijingParts(iso);
  if (!p) return String(iso);
  return `${formatDate(iso)} ${p.hour}:${p.minute}`;
}

/** Today's date in Beijing, YYYY-MM-DD. */
/** Today in Beijing as YYYY-MM-DD. */
export function beijingToday() {
  const p = beijingParts(new Date().toISOString()) ?? {};
  return `${p.year}-${p.month}-${p.day}`;
}

/** A Beijing date: "2026年12月24日" (zh) or "2026-12-24" (en). */
export function formatDate(iso) {
  if (!iso) return '';
  const p = beijingParts(iso);
  if (!p) return String(iso);
  return locale === 'zh'
    ? `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日`
    : `${p.year}-${p.month}-${p.day}`;
}

/** "20 working_days" → "20 个工作日" / "20 working days". */
export function formatBasis(basis) {
  const m = /^(\d+)\s+(working_days|calendar_days)$/.exec(basis ?? '');
  return m ? t(`due.${m[2]}`, { n: m[1] }) : (basis ?? '');
}

export function formatSize(bytes) {
  if (!Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
