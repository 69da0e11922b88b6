/**
 * Assisted review (R18, R20): suggestions found in a draft's text and its cited legal bases. A normative
 * document may not set administrative licences, penalties, compulsory measures or fees, nor reduce rights or
 * add obligations without a legal basis; every kind's citations are checked against the law library. Flags are
 * suggestions: the reviewer confirms or dismisses each (with a reason), and confirmed ones go into the opinion.
 */
import type { ReviewKind } from './kinds.js';

export const FLAG_CODES = {
  sets_licence: { item: 'measures', zh: '涉嫌设定行政许可', en: 'Appears to set an administrative licence' },
  sets_penalty: {
    item: 'measures',
    zh: '涉嫌设定行政处罚（如罚款）',
    en: 'Appears to set an administrative penalty (e.g. a fine)',
  },
  sets_compulsory_measure: { item: 'measures', zh: '涉嫌设定行政强制措施', en: 'Appears to set a compulsory measure' },
  sets_fee: { item: 'measures', zh: '涉嫌设定收费事项', en: 'Appears to set a fee' },
  reduces_rights: {
    item: 'rights',
    zh: '涉嫌无法律依据减损权利或者增加义务',
    en: 'Appears to reduce rights or add obligations without a legal basis',
  },
  repealed_basis: { item: 'content', zh: '引用的法律依据已废止', en: 'Cites a repealed law or regulation' },
  not_yet_in_force: { item: 'content', zh: '引用的法律依据尚未施行', en: 'Cites a law or regulation not yet in force' },
  unknown_basis: {
    item: 'content',
    zh: '引用的法律依据未能在法规库中核实',
    en: 'Cites a law or regulation not found in the library',
  },
} as const;
export type FlagCode = keyof typeof FLAG_CODES;

export interface LawRecord {
  name: string;
  level: string;
  effectiveOn: string;
  repealedOn?: string | null;
  replacedBy?: string | null;
}

export interface FoundFlag {
  code: FlagCode;
  checklistItem: string;
  excerpt: string;
  message: { zh: string; en: string };
}

/** Provisions a normative document may not contain without a superior legal basis. */
const MEASURE_PATTERNS: Array<[FlagCode, RegExp]> = [
  ['sets_penalty', /罚款|处以?[^。；]{0,12}罚|没收[^。；]{0,10}(违法所得|财物)|吊销|责令停产停业|行政拘留/],
  [
    'sets_licence',
    /须经[^。；]{0,20}(批准|许可|审批)|未经[^。；]{0,16}(批准|许可|审批)[^。；]{0,6}不得|许可证|实行[^。；]{0,10}(审批|许可)制/,
  ],
  ['sets_compulsory_measure', /查封|扣押|冻结[^。；]{0,6}(存款|账户|资金)|强制拆除|强制执行|强制隔离/],
  ['sets_fee', /收取[^。；]{0,12}费|缴纳[^。；]{0,15}费|收费标准|保证金/],
  [
    'reduces_rights',
    /不予(办理|受理|登记|入学|发放)|限制[^。；]{0,8}(出行|经营|准入|入学|就业|权利)|禁止[^。；]{0,16}(经营|从事|进入|出行)|应当[^。；]{0,6}(提供担保|无偿)/,
  ],
];

const sentences = (text: string) =>
  text
    .split(/(?<=[。；;！!？?])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The normative-document provisions that appear to set measures or reduce rights. */
export function measureFlags(kind: ReviewKind, text: string): FoundFlag[] {
  if (kind !== 'normative_document') return [];
  const out: FoundFlag[] = [];
  for (const s of sentences(text))
    for (const [code, re] of MEASURE_PATTERNS)
      if (re.test(s))
        out.push({
          code,
          checklistItem: FLAG_CODES[code].item,
          excerpt: s.slice(0, 300),
          message: { zh: FLAG_CODES[code].zh, en: FLAG_CODES[code].en },
        });
  return out;
}

/** Titles cited as 《…》 in a text or a legal-basis list, without the brackets, in order of first mention. */
export function citedTitles(...texts: string[]): string[] {
  const seen = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/《([^《》]{2,80})》/g)) seen.add(m[1].trim());
  return [...seen];
}

const normalise = (name: string) => name.replace(/[《》\s]/g, '').replace(/^中华人民共和国/, '');

/** Finds a cited title in the library (with or without the 中华人民共和国 prefix). */
export function findLaw(library: LawRecord[], title: string): LawRecord | undefined {
  const key = normalise(title);
  return library.find((l) => normalise(l.name) === key);
}

/** Each cited legal basis checked against the library on a date: repealed, not yet in force, or unknown. */
export function citationFlags(library: LawRecord[], titles: string[], onDate: string): FoundFlag[] {
  const out: FoundFlag[] = [];
  const flag = (code: FlagCode, excerpt: string, zhExtra = '', enExtra = '') =>
    out.push({
      code,
      checklistItem: FLAG_CODES[code].item,
      excerpt,
      message: { zh: FLAG_CODES[code].zh + zhExtra, en: FLAG_CODES[code].en + enExtra },
    });
  for (const title of titles) {
    const law = findLaw(library, title);
    const cited = `《${title}》`;
    if (!law) flag('unknown_basis', cited);
    else if (law.repealedOn && law.repealedOn <= onDate)
      flag(
        'repealed_basis',
        cited,
        `：${cited}已于${law.repealedOn}废止${law.replacedBy ? `，现行为《${law.replacedBy}》` : ''}`,
        `: repealed on ${law.repealedOn}${law.replacedBy ? `, replaced by 《${law.replacedBy}》` : ''}`,
      );
    else if (law.effectiveOn > onDate)
      flag('not_yet_in_force', cited, `：${cited}自${law.effectiveOn}起施行`, `: in force from ${law.effectiveOn}`);
  }
  return out;
}

/** Every flag for a draft: measures in a normative document's text, and every cited basis checked. */
export function assistedReviewFlags(a: {
  kind: ReviewKind;
  text: string;
  legalBasis: string[];
  library: LawRecord[];
  onDate: string;
}): FoundFlag[] {
  return [
    ...measureFlags(a.kind, a.text),
    ...citationFlags(
      a.library,
      citedTitles(a.text, ...a.legalBasis.map((b) => (b.includes('《') ? b : `《${b}》`))),
      a.onDate,
    ),
  ];
}
