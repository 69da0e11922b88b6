import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';

const run = promisify(execFile);

/** The document's XML (word/document.xml) and its plain text. */
export async function docxContent(buffer: Buffer): Promise<{ xml: string; text: string; footerXml: string }> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const footerName = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n));
  const footerXml = footerName ? await zip.file(footerName)!.async('string') : '';
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { xml, text, footerXml };
}

export const sofficePath = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

/**
 * Converts with LibreOffice headless to PDF, then the PDF's text with pdftotext (both from Debian's packages),
 * whitespace removed. Asynchronous on purpose: the tests that call it host the platform in their own process (HTTP
 * server, worker, keep-alive connections of `fetch`), and a conversion takes seconds under load. A synchronous call
 * froze that event loop past the server's keep-alive timeout (5 s), so the next request went out on a pooled
 * connection the server was closing at the same moment and failed with ECONNRESET.
 */
export async function pdfTextOf(buffer: Buffer, name = 'document.docx'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'yifa-docx-'));
  try {
    const file = join(dir, name);
    await writeFile(file, buffer);
    await run(
      sofficePath!,
      ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file],
      { timeout: 120_000 },
    );
    const pdf = file.replace(/\.docx$/, '.pdf');
    await run('pdftotext', ['-layout', pdf, join(dir, 'out.txt')]);
    return (await readFile(join(dir, 'out.txt'), 'utf8')).replace(/\s+/g, '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
