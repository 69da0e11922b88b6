/**
 * Local time in China (Asia/Shanghai, UTC+8, no daylight saving): the one place that knows the offset.
 * Pure, so workflows, activities, services and pages share it.
 */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The instant shifted so that its UTC fields read as China local time. */
export const chinaClock = (d: Date): Date => new Date(d.getTime() + CHINA_OFFSET_MS);

/** YYYY-MM-DD in China. */
export const chinaDate = (d: Date): string => chinaClock(d).toISOString().slice(0, 10);

/** The calendar year in China. */
export const chinaYear = (d: Date): number => chinaClock(d).getUTCFullYear();

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026年12月31日" in China: how a date reads in messages and documents. */
export function chinaDateZh(d: Date): string {
  const c = chinaClock(d);
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
}

/** "2026年12月31日18时" (or "…18时30分") in China: how a time reads in messages and documents. */
export function chinaDateTimeZh(d: Date): string {
  const c = chinaClock(d);
  return `${chinaDateZh(d)}${c.getUTCHours()}时${c.getUTCMinutes() ? `${c.getUTCMinutes()}分` : ''}`;
}

/** "2026-12-31 18:00 Beijing time" for the English text of the same message. */
export function chinaDateTimeEn(d: Date): string {
  const c = chinaClock(d);
  return `${chinaDate(d)} ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())} Beijing time`;
}

/** A calendar date as entered (YYYY-MM-DD) in Chinese form: "2026年12月3日". */
export function zhCalendarDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
