// @ts-check
// The route table: every page of the signed-in app, in the work navigation's order. To add a page, write its module
// under web/pages/ exporting `route` ({ path, page, nav? }) and list it here.

import * as account from './pages/account.js';
import * as calendar from './pages/calendar.js';
import * as catalogs from './pages/catalogs.js';
import * as decision from './pages/decision.js';
import * as experts from './pages/experts.js';
import * as figures from './pages/figures.js';
import * as home from './pages/home.js';
import * as launch from './pages/launch.js';
import * as legal from './pages/legal.js';
import * as meeting from './pages/meeting.js';
import * as meetings from './pages/meetings.js';
import * as review from './pages/review.js';
import * as submissions from './pages/submissions.js';
import * as submitReview from './pages/submit-review.js';
import * as supervision from './pages/supervision.js';
import * as task from './pages/task.js';
import * as users from './pages/users.js';

/** @type {import('./router.js').Route[]} */
export const routes = [
  home.route,
  meetings.route,
  supervision.route,
  catalogs.route,
  figures.route,
  submissions.route,
  legal.route,
  experts.route,
  users.route,
  calendar.route,
  decision.route,
  task.route,
  launch.route,
  meeting.route,
  review.route,
  submitReview.route,
  task.oldReviewTaskRoute,
  account.route,
];
