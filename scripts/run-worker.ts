/**
 * `npm run worker`: a worker process for production (several may run against one Temporal cluster and one
 * PostgreSQL). Apply migrations first with `npm run db:migrate`.
 */
import { appConfig } from './lib/config.js';
import { openPlatform, startWorker } from './lib/platform.js';
import { registerSearchAttributes } from './lib/search-attributes.js';

const cfg = appConfig();
const platform = await openPlatform(cfg, { migrate: false });
await registerSearchAttributes(platform.connection, platform.temporal.namespace).catch((e) =>
  console.warn(`[yifa-worker] search attributes not registered: ${(e as Error).message}`),
);
const { worker, running } = await startWorker(platform, cfg);
console.log(
  `[yifa-worker] polling ${platform.temporal.address} namespace ${platform.temporal.namespace} queue ${platform.temporal.taskQueue}`,
);
const stop = () => worker.shutdown();
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await running;
await platform.close();
