// @ts-check
// Yifa web: the entry module. The shell (web/shell.js) signs in and renders the page of the route table
// (web/routes.js) the location names; each page is a module under web/pages/.
// Plain ES modules, no build step, no third-party assets from elsewhere (government intranets are offline).

import { renderSignIn } from './pages/signin.js';
import { routes } from './routes.js';
import { start } from './shell.js';

start({ routes, signIn: renderSignIn });
