/** A normative document passed by the legal center over HTTP, for the tests of what follows its opinion (R20-filing). */
import { ApiClient } from './platform.js';

const textFile = (fileName: string, text: string) => ({
  fileName,
  mimeType: 'text/plain',
  contentBase64: Buffer.from(text).toString('base64'),
});

/**
 * Over HTTP on a running platform: the drafter submits a clean normative document, the reviewer the pool assigned
 * dismisses any assisted-review flag and passes it; returns the review's id once its opinion is issued.
 */
export async function passedNormativeDocumentOverHttp(baseUrl: string, drafterName = 'drafter.scjgj') {
  const until = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const v = await probe();
      if (v) return v;
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const [drafter, director] = await Promise.all([
    ApiClient.login(baseUrl, drafterName),
    ApiClient.login(baseUrl, 'director'),
  ]);
  const id = (
    await drafter.ok('POST', '/api/reviews', {
      kind: 'normative_document',
      title: '某市户外广告设置管理办法',
      draft: textFile('办法.txt', '第一条 为规范户外广告设置，制定本办法。'),
      explanation: textFile('起草说明.txt', '起草说明'),
      legalBasis: ['《中华人民共和国广告法》'],
      consultationSummary: '已在政府网站公开征求意见30日，收到意见12条，采纳8条。',
    })
  ).id as string;
  const withTask = await until(async () => {
    const r = await director.ok('GET', `/api/reviews/${id}`);
    return r.tasks.some((t: { kind: string; status: string }) => t.kind === 'review_legality' && t.status === 'open')
      ? r
      : undefined;
  }, 'the review task');
  const reviewer = await ApiClient.login(baseUrl, withTask.reviewerUserId.replace(/^user-/, ''));
  const enc = encodeURIComponent;
  for (const f of (await reviewer.ok('GET', `/api/reviews/${id}`)).flags)
    await reviewer.ok('POST', `/api/reviews/${id}/flags/${enc(f.id)}`, {
      decision: 'dismissed',
      reason: '经核实不影响合法性',
    });
  const draft = await reviewer.ok('GET', `/api/reviews/${id}/opinion-draft`);
  const findings = Object.fromEntries(
    draft.findings.map((f: { key: string }) => [f.key, { conforms: true, finding: '经审查符合规定。' }]),
  );
  const task = withTask.tasks.find((t: { kind: string; status: string }) => t.kind === 'review_legality');
  await reviewer.ok('POST', `/api/tasks/${enc(task.id)}/complete`, { payload: { findings, outcome: 'passed' } });
  await until(async () => ((await drafter.ok('GET', `/api/reviews/${id}`)).issuedAt ? true : undefined), 'the opinion');
  return id;
}
