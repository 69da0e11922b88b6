/** The index (目录) of a decision's dossier (决策档案, R28), in the GB/T 9704 layout. */
import type { DossierEntry } from '../../domain/rules/archive.js';
import { chinaDateTimeZh } from '../../domain/china-time.js';
import { confidentialMarking, renderOfficialDocument } from './official-document.js';
import { GENERAL_OFFICE } from './meeting-data.js';

export async function renderDossierIndex(a: {
  number: string;
  title: string;
  department: string;
  reference: string;
  sealedAt: Date;
  entries: DossierEntry[];
  confidential?: boolean;
  auditChain?: { scopeSeq: number; hash: string; verified: boolean } | null;
}): Promise<Buffer> {
  const kindZh = { audit_trail: '审计记录', record: '程序记录', document: '文件' } as const;
  return renderOfficialDocument({
    organMark: `${GENERAL_OFFICE()}`,
    documentNumber: a.reference,
    title: `《${a.title}》决策档案目录`,
    body: [
      {
        kind: 'paragraph',
        text: `决策编号：${a.number}。承办单位：${a.department}。本档案收录该决策程序的全部记录和文件，按形成时间（北京时间）排序，共${a.entries.length}件；每件附SHA-256校验值，档案封存后不得更改。`,
      },
      ...(a.auditChain
        ? [
            {
              kind: 'paragraph' as const,
              text: `审计记录哈希链：封存时链头为第${a.auditChain.scopeSeq}条，哈希值${a.auditChain.hash}；封存前校验${a.auditChain.verified ? '通过' : '未通过，请核查'}。`,
            },
          ]
        : []),
      { kind: 'heading1', text: '一、档案目录' },
      {
        kind: 'table',
        headers: ['序号', '形成时间', '类别', '名称', '校验值（前12位）'],
        widths: [8, 20, 12, 42, 18],
        rows: a.entries.map((e, i) => [
          String(i + 1),
          chinaDateTimeZh(new Date(e.at)),
          kindZh[e.kind],
          e.title,
          e.sha256.slice(0, 12),
        ]),
      },
    ],
    ...(a.confidential ? { classification: confidentialMarking() } : {}),
    signature: { organ: GENERAL_OFFICE(), date: a.sealedAt },
    record: { printer: GENERAL_OFFICE(), printedOn: a.sealedAt },
  });
}
