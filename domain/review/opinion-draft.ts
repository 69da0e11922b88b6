/**
 * The review form pre-filled from the assisted review: each checklist item with the confirmed flags as its
 * finding (a confirmed flag means the item does not conform), and a draft of the opinion's text.
 */
import { CHECKLISTS, type ReviewKind } from './kinds.js';

export interface DecidedFlag {
  checklistItem: string;
  excerpt: string;
  messageZh: string;
  status: string;
}

export interface DraftFinding {
  key: string;
  question: string;
  conforms: boolean;
  finding: string;
}

export function assembleOpinionDraft(
  kind: ReviewKind,
  flags: DecidedFlag[],
): { findings: DraftFinding[]; text: string } {
  const findings = CHECKLISTS[kind].map((item) => {
    const confirmed = flags.filter((f) => f.status === 'confirmed' && f.checklistItem === item.key);
    return {
      key: item.key,
      question: item.zh,
      conforms: confirmed.length === 0,
      finding: confirmed.length
        ? `${confirmed.map((f) => `${f.messageZh}：“${f.excerpt}”`).join('；')}。`
        : '经审查，未发现不符合规定的情形。',
    };
  });
  const text = findings.map((f, i) => `${i + 1}. ${f.question}：${f.finding}`).join('\n');
  return { findings, text };
}
