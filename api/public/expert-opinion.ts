/**
 * The one-time link of an expert's invitation (R11, Decree 713 Art. 19): /public/expert-opinions/<token>, no sign-in,
 * served with the public site (before the session parser, on the public port too). The page names the decision and
 * takes the signed written opinion as a plain multipart form (no script); nothing personal is shown back. Each
 * address may try a few times per quarter hour, so tokens cannot be found by guessing.
 */
import express, { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { ExpertOpinionUploadSchema } from '../routes/experts.schema.js';
import { fieldIssue, invalid, zodIssues } from '../errors.js';
import type { ServiceContext } from '../services/context.js';
import { opinionLinkState, uploadOpinionByLink } from '../services/expert-opinions.js';
import { beijing, html, page } from './html.js';
import { readMultipart } from './multipart.js';

const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
/** The signed copy's size limit (the API's base64 limit is 14 000 000 characters, about 10 MB). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

const limited = (limit: number) =>
  rateLimit({
    windowMs: 15 * 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req: Request, res: Response) => {
      res
        .status(429)
        .type('html')
        .send(page('请求过于频繁', html`<h1>请求过于频繁</h1><p class="error">尝试次数过多，请稍后再试。</p>`));
    },
  });

function token(req: Request): string {
  const r = TokenParam.safeParse(req.params);
  if (!r.success) throw invalid([fieldIssue('token', '链接不正确', 'Not a valid link', 'error.invalid_link')]);
  return r.data.token;
}

export function expertOpinionRouter(ctx: ServiceContext): express.Router {
  const r = express.Router();

  r.get('/:token', limited(30), async (req, res) => {
    const t = token(req);
    const link = await opinionLinkState(ctx, t);
    const head = html`<h1>专家论证书面意见上传</h1>
      <p>决策事项：${link.decision.title}（${link.decision.number}）</p>`;
    if (link.state !== 'open') {
      res
        .status(410)
        .type('html')
        .send(
          page(
            '链接已失效',
            html`${head}<p class="error" id="link-state">${link.state === 'used' ? '该链接已使用过，书面意见已收到。' : '该链接已过期或已停止使用。'}如需补充材料，请与决策承办单位联系。</p>`,
          ),
        );
      return;
    }
    res.type('html').send(
      page(
        '专家论证意见上传',
        html`${head}
      <p class="meta">依据《重大行政决策程序暂行条例》第十九条，提供书面论证意见的，应当署名。请上传签名（盖章）后的书面意见扫描件或签名的电子文件（PDF、JPG、PNG或DOCX，10MB以内）。本链接仅可使用一次，${beijing(link.expiresAt.toISOString())}前有效。</p>
      <form method="post" action="/public/expert-opinions/${t}" enctype="multipart/form-data">
        <label for="signedBy">署名</label><input type="text" id="signedBy" name="signedBy" maxlength="100" required>
        <label for="signedOn">签署日期</label><input type="date" id="signedOn" name="signedOn" required>
        <label for="file">签名的书面意见</label><input type="file" id="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.docx" required>
        <button type="submit">提交书面意见</button>
      </form>`,
      ),
    );
  });

  r.post(
    '/:token',
    limited(10),
    express.raw({ type: 'multipart/form-data', limit: MAX_FILE_BYTES + 64 * 1024 }),
    async (req, res) => {
      const t = token(req);
      const parts = readMultipart(req.body, req.header('content-type'));
      const text = (name: string) => parts.find((p) => p.name === name && p.fileName === undefined)?.data.toString();
      const file = parts.find((p) => p.name === 'file' && p.fileName);
      if (!file?.data.length)
        throw invalid([
          fieldIssue('file', '请选择签名的书面意见文件', 'Choose the signed opinion', 'error.file_required'),
        ]);
      const ext = /\.([A-Za-z0-9]{1,5})$/.exec(file.fileName ?? '')?.[1]?.toLowerCase() ?? '';
      const mimeType = ACCEPTED[ext];
      if (!mimeType)
        throw invalid([
          fieldIssue(
            'file',
            '文件应为PDF、JPG、PNG或DOCX格式',
            'The file must be a PDF, JPG, PNG or DOCX',
            'error.file_type',
          ),
        ]);
      const parsed = ExpertOpinionUploadSchema.safeParse({
        signedBy: text('signedBy') ?? '',
        signedOn: text('signedOn') ?? '',
        fileName: file.fileName?.split(/[\\/]/).pop() ?? '',
        mimeType,
        contentBase64: file.data.toString('base64'),
      });
      if (!parsed.success) throw invalid(zodIssues(parsed.error.issues));
      const receipt = await uploadOpinionByLink(ctx, t, parsed.data);
      res
        .status(201)
        .type('html')
        .send(
          page(
            '书面意见已收到',
            html`<h1>书面论证意见已收到</h1>
      <p id="opinion-received">收到时间：${beijing(receipt.receivedAt.toISOString())}</p>
      <p>文件校验值（SHA-256）：<span class="receipt">${receipt.sha256.slice(0, 16)}</span>…</p>
      <p>感谢您参加专家论证。决策承办单位将对您的意见逐项研究并作出采纳与否的答复。本链接已失效。</p>`,
          ),
        );
    },
  );
  return r;
}
