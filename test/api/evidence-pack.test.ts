/**
 * The year's evidence pack (issue 15 §6) on the real platform: a checksummed zip whose manifest names every file's
 * SHA-256, with the catalog items' process records and a GB/T 9704 index document.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaYear } from '../../domain/china-time.js';
import { docxContent } from '../support/docx.js';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';

const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('the evidence pack', () => {
  let p: RunningPlatform;
  let number: string;
  const year = chinaYear(new Date());

  beforeAll(async () => {
    p = await startPlatform();
    const drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    number = (await drafter.ok('POST', '/api/decisions', baseLaunch())).number;
  }, 120_000);
  afterAll(async () => {
    await p?.close();
  });

  it('zips the catalog items’ process records, rates, public addresses and letters, each file checked against the manifest', async () => {
    const supervisor = await ApiClient.login(p.baseUrl, 'supervisor1');
    const res = await fetch(`${p.baseUrl}/api/evidence-pack?year=${year}`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('x-content-sha256')).toBe(sha(body));
    const zip = await JSZip.loadAsync(body);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      files: Array<{ path: string; sha256: string; size: number }>;
    };
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'index.docx',
        `process-records/${number}.json`,
        'rates.json',
        'public-pages.json',
        'letters-register.csv',
      ]),
    );
    for (const f of manifest.files) {
      const content = await zip.file(f.path)!.async('nodebuffer');
      expect([f.path, sha(content), content.length]).toEqual([f.path, f.sha256, f.size]);
    }
    const record = JSON.parse(await zip.file(`process-records/${number}.json`)!.async('string'));
    expect(record.decision.number).toBe(number);
    expect(record.auditTrail.map((e: { action: string }) => e.action)).toContain('decision.launched');
    const rates = JSON.parse(await zip.file('rates.json')!.async('string'));
    expect(rates).toMatchObject({ year, launched: 1, decided: 0, legalityReviewRate: null });
    expect(rates.catalogEntries).toBeGreaterThanOrEqual(1);
    const index = await docxContent(await zip.file('index.docx')!.async('nodebuffer'));
    expect(index.text).toContain(`${year}年度重大行政决策佐证材料目录`);
    expect(index.text).toContain(number);
    const pages = JSON.parse(await zip.file('public-pages.json')!.async('string'));
    expect(pages.catalog).toMatch(new RegExp(`^http://[^/]+/public/catalogs/${year}$`));
  });

  it('answers 404 for a year without a catalog and 403 to a drafter', async () => {
    const supervisor = await ApiClient.login(p.baseUrl, 'supervisor1');
    expect((await supervisor.call('GET', '/api/evidence-pack?year=2001')).status).toBe(404);
    const drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    expect((await drafter.call('GET', `/api/evidence-pack?year=${year}`)).status).toBe(403);
  });
});
