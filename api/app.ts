import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppError, invalid, fieldIssue } from './errors.js';
import { openApiDocument } from './openapi.js';
import { rejectUnstorableText } from './http.js';
import { jsonBody } from './input-limits.js';
import { securityHeaders } from './security-headers.js';
import type { ServiceContext } from './services/context.js';
import { authRoutes } from './routes/auth.js';
import { decisionRoutes } from './routes/decisions.js';
import { taskRoutes } from './routes/tasks.js';
import { documentRoutes } from './routes/documents.js';
import { calendarRoutes } from './routes/calendar.js';
import { systemRoutes } from './routes/system.js';
import { meetingRoutes } from './routes/meetings.js';
import { archiveRoutes } from './routes/archive.js';
import { supervisionRoutes } from './routes/supervision.js';
import { noticeRoutes } from './routes/notices.js';
import { settingRoutes } from './routes/settings.js';
import { reviewRoutes } from './routes/reviews.js';
import { lawRoutes } from './routes/laws.js';
import { userRoutes } from './routes/users.js';
import { auditRoutes } from './routes/audit.js';
import { temporalCodecRoutes } from './routes/temporal-codec.js';
import { oidcRoutes } from './routes/oidc.js';
import { catalogRoutes } from './routes/catalog.js';
import { hearingRoutes } from './routes/hearings.js';
import { evidencePackRoutes, figureRoutes } from './routes/figures.js';
import { expertRoutes } from './routes/experts.js';
import { commentRoutes } from './routes/comments.js';
import { absenceRoutes } from './routes/absences.js';
import { bulkRoutes } from './routes/bulk.js';
import { viewRoutes } from './routes/views.js';
import { publicRouter } from './public/site.js';

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = join(here, '..', 'web');
const swaggerUiRoot = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
// lit-html's browser build (web/lit.js imports it from /vendor/lit-html/); its Node entry point sits in node/.
const litHtmlRoot = join(dirname(createRequire(import.meta.url).resolve('lit-html')), '..');
// Apache ECharts' browser builds (web/pages/figures.js imports the ES module build): no CDN.
const echartsDist = join(dirname(createRequire(import.meta.url).resolve('echarts/package.json')), 'dist');

/** The API and the web pages on one Express app. Every asset is served from here (no CDN: intranets are offline). */
export function createApp(ctx: ServiceContext, log: (line: string) => void = () => {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer the client's address (sign-in lock-out per address) comes from X-Forwarded-For.
  if (process.env.YIFA_TRUST_PROXY)
    app.set(
      'trust proxy',
      /^\d+$/.test(process.env.YIFA_TRUST_PROXY) ? Number(process.env.YIFA_TRUST_PROXY) : process.env.YIFA_TRUST_PROXY,
    );
  app.use(securityHeaders);
  // The public site (no sign-in, its own body parsing and rate limits): before the API's body parser.
  app.use('/public', publicRouter(ctx));
  app.use(jsonBody);
  app.use(rejectUnstorableText);

  const api = express.Router();
  authRoutes(api, ctx);
  decisionRoutes(api, ctx);
  taskRoutes(api, ctx);
  documentRoutes(api, ctx);
  calendarRoutes(api, ctx);
  systemRoutes(api, ctx);
  meetingRoutes(api, ctx);
  archiveRoutes(api, ctx);
  supervisionRoutes(api, ctx);
  noticeRoutes(api, ctx);
  settingRoutes(api, ctx);
  reviewRoutes(api, ctx);
  lawRoutes(api, ctx);
  userRoutes(api, ctx);
  auditRoutes(api, ctx);
  temporalCodecRoutes(api, ctx);
  oidcRoutes(api, ctx);
  catalogRoutes(api, ctx);
  hearingRoutes(api, ctx);
  figureRoutes(api, ctx);
  evidencePackRoutes(api, ctx);
  expertRoutes(api, ctx);
  commentRoutes(api, ctx);
  absenceRoutes(api, ctx);
  bulkRoutes(api, ctx);
  viewRoutes(api, ctx);
  app.use(api);

  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.get(['/api/docs', '/api/docs/'], (_req, res) => {
    res.sendFile(join(webRoot, 'api-docs.html'));
  });
  app.use('/api/docs/assets', express.static(swaggerUiRoot, { index: false }));
  app.use('/vendor/lit-html', express.static(litHtmlRoot, { index: false }));
  app.use('/vendor/echarts', express.static(echartsDist, { index: false }));
  app.use('/api', (_req, _res, next) =>
    next(new AppError(404, 'not_found', 'error.not_found', { zh: '接口不存在', en: 'No such endpoint' })),
  );
  app.use(express.static(webRoot, { index: 'index.html' }));

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = toAppError(err);
    if (!e) {
      log(`500 ${req.method} ${req.path}: ${(err as Error)?.stack ?? String(err)}`);
      res.status(500).json({
        error: 'internal',
        messageKey: 'error.internal',
        message: { zh: '系统内部错误，请稍后再试', en: 'Internal error; please try again later' },
      });
      return;
    }
    if (e.extra.retryAfterSeconds) res.setHeader('Retry-After', String(e.extra.retryAfterSeconds));
    res.status(e.status).json(e.toJSON());
  });
  return app;
}

/** Errors from Express itself (a malformed or oversized body) become the API's 4xx answers. */
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed')
    return invalid([fieldIssue('(body)', '请求体不是合法的JSON', 'The body is not valid JSON', 'error.bad_json')]);
  if (e?.type === 'entity.too.large')
    return new AppError(413, 'too_large', 'error.too_large', { zh: '请求体过大', en: 'Request body too large' });
  if (e?.status === 404)
    return new AppError(404, 'not_found', 'error.not_found', { zh: '资源不存在', en: 'Not found' });
  if (e?.status && e.status >= 400 && e.status < 500)
    return new AppError(400, 'bad_request', 'error.bad_request', { zh: '请求有误', en: 'Bad request' });
  return undefined;
}
