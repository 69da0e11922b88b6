/**
 * The year's evidence pack (issue 15 §6) on the real platform: a checksummed zip whose manifest names every file's
 * SHA-256, with the catalog items' process records and a GB/T 9704 index document.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, chinaYear } from '../../domain/china-time.js';
import { docxContent } from '../support/docx.js';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';

const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');
const dayOffset = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

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

  it('carries the normative documents’ filing rate beside the review rate, counted by hand (R20-filing)', async () => {
    const today = chinaDate(new Date());
    const row = (reviewId: string, publishedOn: string, dueOn: string, filedOn: string | null) => ({
      reviewId,
      departmentId: 'dept-scjgj',
      documentNumber: `市市场监管规〔${year}〕${reviewId.slice(-1)}号`,
      publishedOn,
      dueOn,
      publishedById: 'user-drafter.scjgj',
      ...(filedOn ? { filedOn, filedWith: ['same_level_government'], reference: `备${reviewId.slice(-1)}` } : {}),
    });
    // The dues are stored as recorded; the pack reads each state from them on today's China date.
    await p.platform.db.prisma.normativeFiling.createMany({
      data: [
        row('GF-T-1', `${year}-01-01`, `${year}-01-31`, `${year}-01-31`), // filed on its due day: on time
        row('GF-T-2', `${year}-01-02`, `${year}-02-01`, `${year}-02-03`), // filed late
        row('GF-T-3', `${year}-01-03`, dayOffset(today, -1), null), // due yesterday, not filed: overdue
        row('GF-T-4', `${year}-01-04`, dayOffset(today, 30), null), // within its period: pending
        row('GF-T-5', `${year - 1}-12-20`, `${year}-01-19`, `${year}-01-05`), // published last year
      ],
    });
    const supervisor = await ApiClient.login(p.baseUrl, 'supervisor1');
    const res = await fetch(`${p.baseUrl}/api/evidence-pack?year=${year}`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const rates = JSON.parse(await zip.file('rates.json')!.async('string'));
    expect(rates.normativeDocuments).toMatchObject({
      published: 4,
      filed: 2,
      filedOnTime: 1,
      overdue: 1,
      pending: 1,
      filingRate: 66.7,
      onTimeFilingRate: 33.3,
    });
    expect(rates.normativeDocuments.items.map((i: { state: string }) => i.state)).toEqual([
      'filed_on_time',
      'filed_late',
      'overdue',
      'pending',
    ]);
    const index = await docxContent(await zip.file('index.docx')!.async('nodebuffer'));
    for (const s of [
      '合法性审查率',
      '本年度公布行政规范性文件4件，已报送备案2件（按期1件），逾期未备案1件',
      '备案率66.7%，按期备案率33.3%',
      '二、规范性文件公布与备案',
      `市市场监管规〔${year}〕3号`,
      '逾期未备案',
      `逾期备案（${year}年2月3日，备2）`,
    ])
      expect(index.text).toContain(s);
    expect(index.text).not.toContain(`市市场监管规〔${year}〕5号`);
  });

  it('answers 404 for a year without a catalog and 403 to a drafter', async () => {
    const supervisor = await ApiClient.login(p.baseUrl, 'supervisor1');
    expect((await supervisor.call('GET', '/api/evidence-pack?year=2001')).status).toBe(404);
    const drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    expect((await drafter.call('GET', `/api/evidence-pack?year=${year}`)).status).toBe(403);
  });
});
