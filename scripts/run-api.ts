/**
 * `npm run api`: an API + web process for production (several may run behind a load balancer).
 */
import { createApp } from '../api/app.js';
import { createPublicApp } from '../api/public/site.js';
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
// The public site alone on its own port, for an intranet that exposes only it (also served under /public/ above).
const publicServer = process.env.YIFA_PUBLIC_PORT
  ? createPublicApp(platform.ctx).listen(
      Number(process.env.YIFA_PUBLIC_PORT),
      process.env.YIFA_PUBLIC_HOST ?? cfg.host,
      () => {
        console.log(
          `[yifa-api] public site on http://${process.env.YIFA_PUBLIC_HOST ?? cfg.host}:${process.env.YIFA_PUBLIC_PORT}/public/`,
        );
      },
    )
  : undefined;
const stop = () => {
  publicServer?.close();
  server.close(() => void platform.close().then(() => process.exit(0)));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
