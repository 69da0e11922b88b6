import { describe, expect, it } from 'vitest';
import { needs } from '../support/tools.js';
import { renderMinutes } from '../../records/documents/minutes.js';
import { renderAgenda } from '../../records/documents/agenda.js';
import { renderDossierIndex } from '../../records/documents/dossier.js';
import { renderReviewOpinion, type ReviewOpinionContent } from '../../records/documents/review-opinion.js';
import type { LoadedMeeting } from '../../records/documents/meeting-data.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docxContent, sofficePath } from '../support/docx.js';

/** The text of the document's last page as LibreOffice lays it out, whitespace removed. */
function lastPageText(buffer: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-layout-'));
  try {
    writeFileSync(join(dir, 'd.docx'), buffer);
    execFileSync(
      sofficePath!,
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, 'd.docx'),
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'd.pdf')]).toString())![1]);
    execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), join(dir, 'd.pdf'), join(dir, 'out.txt')]);
    return readFileSync(join(dir, 'out.txt'), 'utf8').replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const at = new Date('2027-01-15T01:30:00Z');

function meeting(over: { confidential?: boolean; attendees?: number } = {}): LoadedMeeting {
  const attendees = Array.from({ length: over.attendees ?? 4 }, (_, i) => ({
    id: `a${i}`,
    meetingId: 'm1',
    position: i,
    name: `出席人${i + 1}`,
    title: i ? '副市长' : '市长',
    userId: i < 3 ? `user-${'abc'[i]}` : null,
    member: i < 3,
    legalAdviser: i === 3,
    present: true,
  }));
  return {
    meeting: {
      id: 'm1',
      number: '2027-executive-1',
      kind: 'executive',
      year: 2027,
      sessionNo: 1,
      startsAt: at,
      place: '市政府第一会议室',
      status: 'closed',
      workflowId: 'meeting-2027-executive-1',
      createdById: 'u',
      createdAt: at,
      closedAt: at,
    },
    attendees,
    roster: [{ userId: 'user-a' }, { userId: 'user-b' }, { userId: 'user-c' }],
    confidential: over.confidential ?? false,
    items: [
      {
        id: 'i1',
        meetingId: 'm1',
        decisionId: 'd1',
        position: 0,
        presentingDepartmentId: 'jt',
        addedAt: at,
        chiefDecision: 'approved',
        decidedAt: at,
        decidedById: 'u',
        decision: {
          id: 'd1',
          number: 'JC-2027-0001',
          title: '关于建设城市轨道交通应急调度中心的决定',
          status: 'active',
          stage: 'publication',
          workflowId: 'JC-2027-0001',
          confidential: over.confidential ?? false,
        },
        department: '市交通运输局',
        reviewOpinionNo: '法审〔2027〕1号',
        outcome: {
          presentation: '市交通运输局作说明',
          memberOpinions: [{ member: '出席人1', position: 'approve', opinion: '同意' }],
          chiefName: '出席人1',
          chiefDecision: 'approved',
        } as never,
      },
    ],
  } as unknown as LoadedMeeting;
}

const opinion = (over: Partial<ReviewOpinionContent> = {}): ReviewOpinionContent => ({
  kind: 'decision',
  opinionNo: '法审〔2027〕1号',
  subjectNumber: 'JC-2027-0001',
  title: '关于建设城市轨道交通应急调度中心的决定',
  addressee: '市交通运输局',
  opinion: {
    findings: {
      authority: { conforms: true, finding: '属于市政府职权' },
      procedure: { conforms: true, finding: '程序完备' },
      content: { conforms: true, finding: '经补充核实，法律依据现行有效' },
    },
    outcome: 'passed',
    attachedOpinions: [],
  },
  confirmedFlags: [{ checklistItem: 'content', excerpt: '《某某条例》', messageZh: '引用的法律依据未能核实' }],
  reviewerName: '审查员05',
  issuedAt: at,
  organ: '市司法局',
  ...over,
});

describe('GB/T 9704 documents say what happened, laid out as the standard places it', () => {
  it('minutes carry their name in the red 版头 only, not again as a title under it', async () => {
    const { text } = await docxContent(await renderMinutes(meeting(), at));
    expect(text.split('2027年第1次市政府常务会议纪要').length - 1).toBe(1);
    // R24: the count is the body's roster (3 seats), all three holders present.
    expect(text).toContain('应到会议组成人员3人，实到3人，超过半数');
  });

  it('minutes say an item whose decision was withdrawn before the meeting is not discussed, not that it is undecided', async () => {
    const m = meeting();
    const withdrawn = {
      ...m,
      items: [
        { ...m.items[0], outcome: null, decidedAt: null, decision: { ...m.items[0].decision, status: 'withdrawn' } },
      ],
    } as LoadedMeeting;
    const { text } = await docxContent(await renderMinutes(withdrawn, at));
    expect(text).toContain('承办单位依法撤回该决策事项，本议题不再审议');
    expect(text).not.toContain('未作出决定');
  });

  it('a confidential decision’s minutes, agenda, dossier index and opinion carry 份号 and 密级 at the top left, before the 版头', async () => {
    for (const buf of [
      await renderMinutes(meeting({ confidential: true }), at),
      await renderAgenda(meeting({ confidential: true }), at),
      await renderDossierIndex({
        number: 'JC-2027-0001',
        title: 't',
        department: 'd',
        reference: 'DA-1',
        sealedAt: at,
        entries: [],
        confidential: true,
      }),
      await renderReviewOpinion(opinion({ confidential: true })),
    ]) {
      const { text, xml } = await docxContent(buf);
      expect(text.startsWith('000001秘密')).toBe(true);
      expect(xml.indexOf('000001')).toBeLessThan(xml.indexOf('E60012'));
    }
    for (const buf of [await renderMinutes(meeting(), at), await renderReviewOpinion(opinion())])
      expect((await docxContent(buf)).text).not.toContain('秘密');
  });

  it('keeps the last lines of text with the signature (the closing block never stands alone)', async () => {
    const { xml } = await docxContent(await renderAgenda(meeting({ attendees: 14 }), at));
    const lastBody = xml.lastIndexOf('列席：');
    const para = xml.slice(
      xml.lastIndexOf('<w:p>', lastBody) === -1
        ? xml.lastIndexOf('<w:p ', lastBody)
        : xml.lastIndexOf('<w:p>', lastBody),
      lastBody,
    );
    expect(para).toContain('<w:keepNext/>');
  });

  it.runIf(needs('libreoffice', 'the agenda’s second page in LibreOffice'))(
    'an agenda that runs onto page 2 has text there besides the signature',
    async () => {
      for (const n of [4, 7, 13]) {
        const last = lastPageText(await renderAgenda(meeting({ attendees: n }), at));
        expect(last).toContain('2027年1月15日');
        expect(
          last
            .replace(/—\d+—/, '')
            .replace(/市人民政府办公室\d{4}年\d+月\d+日(印发)?/g, '')
            .replace(/市人民政府办公室/g, '').length,
          `${n} attendees: ${last}`,
        ).toBeGreaterThan(8);
      }
    },
    180_000,
  );

  it('an opinion names an attached opinion only when it includes it, as an attachment on its own page', async () => {
    const without = (await docxContent(await renderReviewOpinion(opinion()))).text;
    expect(without).not.toMatch(/附：|附件/);
    const withOne = await docxContent(
      await renderReviewOpinion(
        opinion({
          opinion: {
            ...opinion().opinion,
            attachedOpinions: [{ author: '张律师', kind: 'legal_adviser', text: '建议补充经费条款的法律依据。' }],
          },
        }),
      ),
    );
    expect(withOne.text).toContain('附件：法律顾问张律师的意见');
    expect(withOne.text).toContain('建议补充经费条款的法律依据。');
    expect(withOne.xml).toContain('<w:pageBreakBefore/>');
  });

  it('an opinion does not quote a flag under an item it finds conforming', async () => {
    const conforming = (await docxContent(await renderReviewOpinion(opinion()))).text;
    expect(conforming).toContain('符合规定。经补充核实');
    expect(conforming).not.toContain('引用的法律依据未能核实');
    const o = opinion();
    const failing = opinion({
      opinion: {
        ...o.opinion,
        outcome: 'returned_for_revision',
        reasons: '依据不明',
        findings: { ...o.opinion.findings, content: { conforms: false, finding: '依据不明' } },
      },
    });
    expect((await docxContent(await renderReviewOpinion(failing))).text).toContain('引用的法律依据未能核实');
  });

  it('the dossier index lists each entry at its Beijing time (an action at 02:43 on 1 December is not 30 November)', async () => {
    const { text } = await docxContent(
      await renderDossierIndex({
        number: 'JC-2027-0001',
        title: 't',
        department: 'd',
        reference: 'DA-1',
        sealedAt: at,
        entries: [
          {
            path: '001-x',
            kind: 'record',
            title: '提交决策草案',
            at: '2026-11-30T18:43:00.000Z',
            sha256: 'a'.repeat(64),
            size: 1,
          },
        ],
      }),
    );
    expect(text).toContain('2026年12月1日2时43分');
    expect(text).not.toContain('2026-11-30');
  });
});
