import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

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

/** Converts with LibreOffice headless to PDF, then the PDF's text with pdftotext (both from Debian's packages), whitespace removed. */
export function pdfTextOf(buffer: Buffer, name = 'document.docx'): string {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-docx-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, buffer);
    execFileSync(
      sofficePath!,
      ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file],
      { timeout: 120_000, stdio: 'ignore' },
    );
    const pdf = file.replace(/\.docx$/, '.pdf');
    execFileSync('pdftotext', ['-layout', pdf, join(dir, 'out.txt')]);
    return readFileSync(join(dir, 'out.txt'), 'utf8').replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
