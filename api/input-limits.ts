import type { IncomingMessage } from 'node:http';
import express from 'express';
import { AppError } from './errors.js';

/** Deepest nesting of arrays and objects a JSON body may have; the procedure's own bodies stay well below 10. */
export const MAX_JSON_DEPTH = 32;
/** Body size of ordinary requests; uploads (base64 files in JSON) get UPLOAD_LIMIT. */
export const BODY_LIMIT = '1mb';
export const UPLOAD_LIMIT = '16mb';

/** Routes whose bodies carry files: a path ending in /documents, or a legality-review submission. */
const UPLOAD_PATH = /^\/api\/(?:.+\/documents|reviews)\/?$/;

const tooDeep = () =>
  new AppError(400, 'too_deep', 'error.too_deep', {
    zh: `请求体嵌套层级过深（最多${MAX_JSON_DEPTH}层）`,
    en: `The body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`,
  });

/**
 * Scans the raw bytes of a JSON body and fails at the first bracket deeper than the limit, before JSON.parse
 * runs: one pass, no recursion, constant memory. Brackets inside strings (with escapes) are skipped.
 */
export function checkJsonDepth(buf: Buffer, max = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) throw tooDeep();
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

const verify = (_req: IncomingMessage, _res: unknown, buf: Buffer) => checkJsonDepth(buf);
const ordinary = express.json({ limit: BODY_LIMIT, verify });
const upload = express.json({ limit: UPLOAD_LIMIT, verify });

/** JSON bodies parsed with their size and depth limits, before any route (and so before authentication) runs. */
export function jsonBody(req: express.Request, res: express.Response, next: express.NextFunction) {
  return (UPLOAD_PATH.test(req.path) ? upload : ordinary)(req, res, next);
}
