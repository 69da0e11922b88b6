/**
 * A year's holiday notice as an admin loads it (PUT /api/calendar/2030), shaped like the State Council's usual
 * National Day arrangement: 1–7 Oct off, make-up working days on Sunday 29 Sep and Saturday 12 Oct. The
 * time-skipping tests move the clock to 2030 and load this notice, so the dates are fixed whatever day they run.
 * Like every notice it keeps the fixed holidays of 全国年节及纪念日放假办法 (2024) off (R32 refuses it otherwise):
 * 1 Jan; Spring Festival eve 2 Feb and 3–5 Feb; Qingming 5 Apr; 1–2 May; Dragon Boat 5 Jun; Mid-Autumn 12 Sep.
 */
export const NATIONAL_DAY_2030 = {
  year: 2030,
  holidays: [
    '2030-01-01',
    '2030-02-02',
    '2030-02-03',
    '2030-02-04',
    '2030-02-05',
    '2030-04-05',
    '2030-05-01',
    '2030-05-02',
    '2030-06-05',
    '2030-09-12',
    '2030-10-01',
    '2030-10-02',
    '2030-10-03',
    '2030-10-04',
    '2030-10-05',
    '2030-10-06',
    '2030-10-07',
  ],
  workdays: ['2030-09-29', '2030-10-12'],
};

/** The clock the calendar service checks the loadable years against (R32): the tests run in 2030. */
export const NOW_2030 = new Date('2030-09-01T00:00:00Z');
