/**
 * A bounded multipart/form-data reader for the public site's one upload form (a signed expert opinion): the body
 * arrives whole (express.raw, size-limited), parts are split on the boundary, each with its name, file name and
 * type. Malformed input is a 400 naming the form, never a 500.
 */
import { invalid } from '../errors.js';

export interface FormPart {
  name: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

const malformed = () =>
  invalid([
    {
      path: 'form',
      messageKey: 'error.malformed_form',
      message: {
        zh: '表单格式不正确，请重新选择文件后提交',
        en: 'The form could not be read; choose the file and submit again',
      },
    },
  ]);

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The parts of a multipart body; at most `maxParts`. */
export function readMultipart(body: unknown, contentType: string | undefined, maxParts = 10): FormPart[] {
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary || !Buffer.isBuffer(body)) throw malformed();
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw malformed();
  for (;;) {
    const start = at + delimiter.length;
    // The closing delimiter ends with "--".
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (!body.subarray(start, start + 2).equals(CRLF)) throw malformed();
    const next = body.indexOf(delimiter, start + 2);
    if (next < 0) throw malformed();
    const raw = body.subarray(start + 2, next - 2);
    const headerEnd = raw.indexOf(HEADER_END);
    if (headerEnd < 0) throw malformed();
    const headers = raw.subarray(0, headerEnd).toString('utf8').split('\r\n');
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (!name) throw malformed();
    const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const type = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '');
    parts.push({
      name,
      ...(fileName !== undefined ? { fileName } : {}),
      ...(type ? { contentType: type.trim() } : {}),
      data: raw.subarray(headerEnd + HEADER_END.length),
    });
    if (parts.length > maxParts) throw malformed();
    at = next;
  }
  return parts;
}
