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
