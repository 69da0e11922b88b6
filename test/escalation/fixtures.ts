/**
 * A year's holiday notice as an admin loads it (PUT /api/calendar/2030), shaped like the State Council's usual
 * National Day arrangement: 1–7 Oct off, make-up working days on Sunday 29 Sep and Saturday 12 Oct. The
 * time-skipping tests move the clock to 2030 and load this notice, so the dates are fixed whatever day they run.
 */
export const NATIONAL_DAY_2030 = {
  year: 2030,
  holidays: ['2030-10-01', '2030-10-02', '2030-10-03', '2030-10-04', '2030-10-05', '2030-10-06', '2030-10-07'],
  workdays: ['2030-09-29', '2030-10-12'],
};
