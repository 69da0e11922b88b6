/**
 * `npm run api`: an API + web process for production (several may run behind a load balancer).
 */
import { createApp } from '../api/app.js';
import { startPendingProcedures } from '../api/services/launch-decision.js';
import { startPendingReviews } from '../api/services/review-submit.js';
import { appConfig } from './lib/config.js';
import { openPlatform } from './lib/platform.js';

const cfg = appConfig();
const platform = await openPlatform(cfg, { migrate: false });
await startPendingProcedures(platform.ctx);
await startPendingReviews(platform.ctx);
const server = createApp(platform.ctx, (l) => console.error(l)).listen(cfg.port, cfg.host, () => {
  console.log(`[yifa-api] listening on http://${cfg.host}:${cfg.port}`);
});
const stop = () => server.close(() => void platform.close().then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
