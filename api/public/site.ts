/**
 * The public site (R5, R6, R7, R1), under /public/: no sign-in, no session read, no staff route. Comment periods
 * open to the public with the draft and explanation, the comment form (rate-limited per address, strict zod,
 * bounded size, captcha-free), the receipt, the feedback after the period, hearing announcements with their
 * participant lists, and the published annual catalogs. `createPublicApp` serves it alone (own port).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { MATTER_TYPE_LABELS } from '../../domain/labels.js';
import { PublicCommentSchema } from '../../domain/participation/schemas.js';
import { AppError, invalid, zodIssues } from '../errors.js';
import { securityHeaders } from '../security-headers.js';
import { unstorablePath } from '../http.js';
import { readCatalog, listCatalogs } from '../services/catalog-read.js';
import {
  consultation,
  consultationDocument,
  consultationFeedback,
  openConsultations,
  submitPublicComment,
} from '../services/consultations.js';
import type { ServiceContext } from '../services/context.js';
import { beijing, html, page } from './html.js';
import { expertOpinionRouter } from './expert-opinion.js';

const here = dirname(fileURLToPath(import.meta.url));
const KINDS: Array<[string, string]> = [
  ['citizen', '公民'],
  ['enterprise', '企业'],
  ['trade_association', '行业协会商会'],
  ['organisation', '社会组织'],
  ['expert', '专家学者'],
  ['other', '其他'],
];
const RESPONSE_ZH: Record<string, string> = { adopted: '采纳', partly_adopted: '部分采纳', not_adopted: '未采纳' };
const NumberParam = z.object({ number: z.string().regex(/^JC-\d{4}-\d{4}$/) });

export interface PublicSiteLimits {
  /** Comments one address may submit per window. */
  commentsPerWindow: number;
  /** Page requests one address may make per window. */
  pagesPerWindow: number;
  windowMs: number;
}

export const publicSiteLimits = (env: NodeJS.ProcessEnv = process.env): PublicSiteLimits => ({
  commentsPerWindow: Number(env.YIFA_PUBLIC_COMMENTS_PER_HOUR ?? 10),
  pagesPerWindow: Number(env.YIFA_PUBLIC_PAGES_PER_HOUR ?? 1200),
  windowMs: 3_600_000,
});

const tooMany = (_req: Request, res: Response) => {
  res
    .status(429)
    .type('html')
    .send(page('请求过于频繁', html`<h1>请求过于频繁</h1><p class="error">同一地址提交次数已达上限，请稍后再试。</p>`));
};

export function publicRouter(ctx: ServiceContext, limits: PublicSiteLimits = publicSiteLimits()): express.Router {
  const r = express.Router();
  r.use(
    rateLimit({
      windowMs: limits.windowMs,
      limit: limits.pagesPerWindow,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: tooMany,
    }),
  );
  r.get('/public.css', (_req, res) => res.sendFile(join(here, '..', '..', 'web', 'public', 'public.css')));

  r.get('/', async (_req, res) => {
    const [{ open, closed }, catalogs] = await Promise.all([openConsultations(ctx), listCatalogs(ctx)]);
    res.type('html').send(
      page(
        '公众参与',
        html`
      <h1>正在公开征求意见的重大行政决策事项</h1>
      ${open.length ? html`<ul class="list">${open.map((c) => html`<li><a href="/public/consultations/${c.number}">${c.title}</a> <span class="meta">（${c.department}，征求意见截止：${beijing(c.endsAt)}）</span></li>`)}</ul>` : html`<p>目前没有正在征求意见的事项。</p>`}
      <h2>意见采纳情况反馈</h2>
      ${closed.length ? html`<ul class="list">${closed.map((c) => html`<li><a href="/public/consultations/${c.number}/feedback">${c.title}</a></li>`)}</ul>` : html`<p>暂无。</p>`}
      <h2>年度重大行政决策事项目录</h2>
      <ul class="list">${catalogs.items.filter((c) => c.status === 'published').map((c) => html`<li><a href="/public/catalogs/${c.year}">${c.year}年度重大行政决策事项目录</a></li>`)}</ul>`,
      ),
    );
  });

  r.get('/consultations/:number', async (req, res) => {
    const c = await consultation(ctx, parse(NumberParam, req.params).number);
    res.type('html').send(
      page(
        c.title,
        html`
      <h1>${c.title}</h1>
      <p class="meta">承办单位：${c.department}　决策编号：${c.number}</p>
      <p>${c.summary}</p>
      <h2>征求意见稿及起草说明</h2>
      <ul class="list">${c.documents.map((d) => html`<li><a href="/public/consultations/${c.number}/documents/${d.id}">${d.kind === 'draft' ? '征求意见稿' : '起草说明'}：${d.fileName}</a></li>`)}</ul>
      <h2>征求意见期限和方式</h2>
      <p>${beijing(c.openedAt)} 至 ${beijing(c.endsAt)}（${c.days}日）。</p>
      <p>发布渠道：${c.publishedWhere}</p><p>提出意见的方式：${c.howToComment}；也可通过本页面在线提交。</p>
      ${c.hearings.length ? html`<h2>听证会</h2>${c.hearings.map((h) => html`<p>${beijing(h.startsAt)}，${h.place}。${h.cancelReason !== null ? html`<strong>本次听证会已取消：${h.cancelReason}</strong>` : h.announcement}</p><p>参加人产生方式：${h.selectionMethod}</p><p>听证参加人：${h.participants.map((p) => `${p.name}（${p.affiliation}）`).join('、')}</p>`)}` : ''}
      ${c.open ? commentForm(c.number) : html`<p class="error">征求意见期限已届满。</p><p><a href="/public/consultations/${c.number}/feedback">查看意见采纳情况</a></p>`}`,
      ),
    );
  });

  r.get('/consultations/:number/documents/:documentId', async (req, res) => {
    const p = parse(NumberParam.extend({ documentId: z.string().min(1).max(100) }), req.params);
    const f = await consultationDocument(ctx, p.number, p.documentId);
    res.setHeader('Content-Type', f.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    res.send(f.content);
  });

  const commentLimit = rateLimit({
    windowMs: limits.windowMs,
    limit: limits.commentsPerWindow,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: tooMany,
  });
  r.post(
    '/consultations/:number/comments',
    commentLimit,
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 }),
    async (req, res) => {
      const number = parse(NumberParam, req.params).number;
      // Empty optional fields of an HTML form arrive as ''.
      const body = Object.fromEntries(
        Object.entries((req.body ?? {}) as Record<string, string>).filter(([, v]) => v !== ''),
      );
      const bad = unstorablePath(body);
      if (bad)
        throw invalid([
          {
            path: bad.join('.'),
            messageKey: 'error.unstorable_text',
            message: { zh: '包含无法保存的字符', en: 'Contains characters that cannot be stored' },
          },
        ]);
      const receipt = await submitPublicComment(ctx, number, parse(PublicCommentSchema, body));
      res
        .status(201)
        .type('html')
        .send(
          page(
            '意见已提交',
            html`
      <h1>您的意见已提交</h1>
      <p>事项：${receipt.title}</p>
      <p>回执编号：<span class="receipt" id="receipt">${receipt.receipt}</span></p>
      <p>提交时间：${beijing(receipt.receivedAt)}。请保存回执编号；征求意见期限届满后，可在本平台查看意见采纳情况。</p>
      <p><a href="/public/consultations/${number}">返回</a></p>`,
          ),
        );
    },
  );

  r.get('/consultations/:number/feedback', async (req, res) => {
    const f = await consultationFeedback(ctx, parse(NumberParam, req.params).number);
    res.type('html').send(
      page(
        `${f.title}意见采纳情况`,
        html`
      <h1>关于《${f.title}》公开征求意见采纳情况</h1>
      <p class="meta">承办单位：${f.department}　征求意见期间：${beijing(f.openedAt)} 至 ${beijing(f.endsAt)}　共收到意见${f.total}条</p>
      <table><thead><tr><th>序号</th><th>意见归类</th><th>条数</th><th>采纳情况</th><th>理由</th></tr></thead>
      <tbody>${f.groups.map((g) => html`<tr><td>${g.seq}</td><td>${g.summary}</td><td>${g.comments}</td><td>${g.response ? RESPONSE_ZH[g.response] : '待答复'}</td><td>${g.reason ?? ''}</td></tr>`)}</tbody></table>
      ${f.hearings.length ? html`<h2>听证会</h2><ul class="list">${f.hearings.map((h) => html`<li>${beijing(h.startsAt)}在${h.place}召开听证会，听证参加人${h.participants}名，听证笔录经参加人确认签字。</li>`)}</ul>` : ''}`,
      ),
    );
  });

  r.get('/catalogs/:year', async (req, res) => {
    const c = await readCatalog(
      ctx,
      parse(z.object({ year: z.coerce.number().int().min(2000).max(2100) }), req.params).year,
      'public',
    );
    res.type('html').send(
      page(
        `${c.year}年度重大行政决策事项目录`,
        html`
      <h1>${c.year}年度重大行政决策事项目录</h1>
      <p class="meta">经市委同意${c.partyCommitteeRef ? `（${c.partyCommitteeRef}）` : ''}后公布${c.version > 1 ? `，第${c.version}版` : ''}</p>
      <table><thead><tr><th>序号</th><th>决策事项</th><th>类型</th><th>承办单位</th><th>计划提请审议</th><th>法律依据</th><th>办理进度</th></tr></thead>
      <tbody>${c.entries.map((e) => html`<tr><td>${e.seq}</td><td>${e.title}</td><td>${MATTER_TYPE_LABELS[e.matterType as keyof typeof MATTER_TYPE_LABELS]?.zh ?? e.matterType}</td><td>${e.leadDepartment?.zh ?? ''}</td><td>${e.plannedQuarter}</td><td>${e.legalBasis.join('；')}</td><td>${e.progress.map((p) => (p.number ? `${p.number} ${p.stageLabel.zh}` : p.stageLabel.zh)).join('；')}</td></tr>`)}</tbody></table>`,
      ),
    );
  });

  r.use('/expert-opinions', expertOpinionRouter(ctx));

  r.use((_req, res) => {
    res
      .status(404)
      .type('html')
      .send(page('页面不存在', html`<h1>页面不存在</h1><p><a href="/public/">返回首页</a></p>`));
  });
  r.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e =
      err instanceof AppError
        ? err
        : (err as { type?: string })?.type === 'entity.too.large'
          ? new AppError(413, 'too_large', 'error.too_large', { zh: '提交内容过长', en: 'Too large' })
          : null;
    if (!e) {
      res.status(500).type('html').send(page('系统错误', html`<h1>系统错误</h1><p>请稍后再试。</p>`));
      return;
    }
    const detail = e.extra.issues?.map((i) => `${i.path}：${i.message.zh}`) ?? [];
    res
      .status(e.status)
      .type('html')
      .send(
        page(
          '无法处理',
          html`<h1>无法处理您的请求</h1><p class="error" data-rule="${e.extra.rule ?? ''}">${e.localized.zh}</p>${detail.length ? html`<ul>${detail.map((d) => html`<li>${d}</li>`)}</ul>` : ''}<p><a href="/public/">返回首页</a></p>`,
        ),
      );
  });
  return r;
}

function commentForm(number: string) {
  return html`<h2>在线提交意见</h2>
    <form method="post" action="/public/consultations/${number}/comments">
      <label for="text">意见内容（3000字以内）</label><textarea id="text" name="text" rows="8" maxlength="3000" required></textarea>
      <label for="commenterKind">身份类别</label><select id="commenterKind" name="commenterKind">${KINDS.map(([v, l]) => html`<option value="${v}">${l}</option>`)}</select>
      <label for="contactName">姓名（选填，不公开）</label><input type="text" id="contactName" name="contactName" maxlength="50">
      <label for="contact">联系方式（选填，不公开）</label><input type="text" id="contact" name="contact" maxlength="100">
      <button type="submit">提交意见</button>
    </form>`;
}

function parse<S extends z.ZodType>(schema: S, v: unknown): z.infer<S> {
  const r = schema.safeParse(v);
  if (!r.success) throw invalid(zodIssues(r.error.issues));
  return r.data;
}

/** The public site alone (e.g. on YIFA_PUBLIC_PORT, for an intranet that exposes only it): nothing else is served. */
export function createPublicApp(ctx: ServiceContext, limits?: PublicSiteLimits): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (process.env.YIFA_TRUST_PROXY)
    app.set(
      'trust proxy',
      /^\d+$/.test(process.env.YIFA_TRUST_PROXY) ? Number(process.env.YIFA_TRUST_PROXY) : process.env.YIFA_TRUST_PROXY,
    );
  app.use(securityHeaders);
  app.use('/public', publicRouter(ctx, limits));
  app.get('/', (_req, res) => res.redirect('/public/'));
  app.use((_req, res) => {
    res.status(404).type('text').send('Not found');
  });
  return app;
}
