import { describe, expect, it } from 'vitest';
import { renderMaterialsContents, type PackInput } from '../../records/documents/materials-pack.js';
import { docxContent } from '../support/docx.js';

const at = new Date('2026-11-30T18:43:00Z');
const input = (confidential: boolean): PackInput => ({
  decision: { number: 'JC-2026-0001', title: '关于调整市区公交票价的决定', department: '市交通运输局', confidential },
  meeting: { title: '2026年第1次市政府常务会议', number: '2026-executive-1' },
  position: 1,
  materials: [{ id: 'd1', kind: 'draft', version: 2, sha256: 'ab'.repeat(32), fileName: '方案.docx', createdAt: at }],
  checklist: [{ key: 'draft', zh: '决策草案', en: 'Draft decision', status: 'present' }],
  records: {},
  madeAt: at,
});

describe('the materials pack’s contents document (issue 14 item 8)', () => {
  it('lists each material with its name, version, full SHA-256 and Beijing time in Chinese form', async () => {
    const { text } = await docxContent(await renderMaterialsContents(input(false)));
    expect(text).toContain('《关于调整市区公交票价的决定》上会材料');
    expect(text).toContain('决策草案：方案.docx');
    expect(text).toContain('第2版');
    expect(text).toContain('ab'.repeat(32));
    // 18:43 UTC on 30 November is 02:43 on 1 December in Beijing.
    expect(text).toContain('2026年12月1日2时43分');
    expect(text).not.toContain('秘密');
  });

  it('marks a decision not to be disclosed with 份号 and 密级', async () => {
    const { text } = await docxContent(await renderMaterialsContents(input(true)));
    expect(text).toContain('000001');
    expect(text).toContain('秘密');
  });
});
