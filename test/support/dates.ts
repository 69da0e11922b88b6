import { chinaDate } from '../../domain/china-time.js';

/** A Beijing date n days before now (YYYY-MM-DD): report and reply dates are not in the future (R23). */
export const beijingDaysAgo = (n: number): string => chinaDate(new Date(Date.now() - n * 86_400_000));
