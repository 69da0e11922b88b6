// @ts-check
// The early-warning badge (issue 16 §2): the server's level with its icon and words, never colour alone —
// ● 正常 / ▲ 临期（剩2个工作日） / ■ 逾期（逾期3个工作日） / ◆ 需关注（期限未定）.

import { h } from './dom.js';
import { getLocale } from './i18n.js';

/**
 * @param {{ level: string, icon: string, labelZh: string, labelEn: string } | null | undefined} w
 * @returns {HTMLSpanElement | null}
 */
export function warningBadge(w) {
  if (!w) return null;
  const text = getLocale() === 'en' ? w.labelEn : w.labelZh;
  const words = text.startsWith(w.icon) ? text.slice(w.icon.length).trim() : text;
  return h(
    'span',
    { class: ['warning', `warning--${w.level}`], 'data-level': w.level },
    h('span', { class: 'warning-icon', 'aria-hidden': 'true' }, w.icon),
    h('span', { class: 'warning-text' }, words),
  );
}
