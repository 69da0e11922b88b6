import { describe, expect, it } from 'vitest';
import { needs } from './support/tools.js';
import { renderOfficialDocument } from '../records/documents/official-document.js';
import { docxContent, pdfTextOf } from './support/docx.js';

const spec = {
  organMark: '××市司法局文件',
  documentNumber: '法审〔2026〕12号',
  title: '关于《××市公共交通票价调整方案》的合法性审查意见书',
  addressee: '市交通运输局',
  body: [
    { kind: 'paragraph' as const, text: '你局报送的决策草案收悉。经审查，意见如下：' },
    { kind: 'heading1' as const, text: '一、审查结论' },
    { kind: 'heading2' as const, text: '（一）制定主体' },
    { kind: 'table' as const, headers: ['序号', '事项'], rows: [['1', '公共交通票价调整']] },
  ],
  signature: { organ: '××市司法局', date: new Date('2026-11-25T04:00:00Z') },
  record: { copyTo: ['市人民政府办公室'], printer: '××市司法局办公室', printedOn: new Date('2026-11-25T04:00:00Z') },
};

describe('official documents in the GB/T 9704 layout', () => {
  it('carries the number, title, addressee, body and date, with the layout’s page, margins and fonts', async () => {
    const { xml, text, footerXml } = await docxContent(await renderOfficialDocument(spec));
    for (const s of [
      '××市司法局文件',
      '法审〔2026〕12号',
      spec.title,
      '市交通运输局：',
      '一、审查结论',
      '2026年11月25日',
      '抄送：市人民政府办公室。',
      '印发',
    ])
      expect(text).toContain(s);
    expect(xml).toContain('w:w="11906"'); // A4 width in twips
    expect(xml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"|w:top="2098"/); // 37/26/35/28 mm
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('黑体');
    expect(xml).toContain('楷体_GB2312');
    expect(xml).toContain('w:color w:val="E60012"');
    expect(footerXml).toContain('— ');
  });

  it.runIf(needs('libreoffice', 'the official document in LibreOffice'))(
    'opens in LibreOffice',
    async () => {
      const pdf = await pdfTextOf(await renderOfficialDocument(spec));
      expect(pdf).toContain('法审〔2026〕12号');
      expect(pdf).toContain('2026年11月25日');
    },
    120_000,
  );
});
