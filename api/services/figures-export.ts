/** R39/R40: the figures and the assessment ledger as CSV or XLSX (exceljs), one sheet per table. */
import ExcelJS from 'exceljs';
import type { FigureScope } from '../../domain/figures/compute.js';
import { figureSheets, sheetsCsv, type Sheet } from '../../domain/figures/sheets.js';
import type { ServiceContext } from './context.js';
import { cityFigures } from './figures.js';
import { assessmentLedger } from './supervision-ledger.js';

/** The figures' sheets, and the year's assessment ledger (考核台账) per department (R40). */
export async function exportSheets(ctx: ServiceContext, scope: FigureScope): Promise<Sheet[]> {
  const [figures, ledger] = await Promise.all([
    cityFigures(ctx, scope),
    assessmentLedger(ctx, { year: scope.year, departmentId: scope.departmentId }),
  ]);
  const name = (id: string) => figures.departments.find((d) => d.id === id)?.nameZh ?? id;
  const ledgerSheet: Sheet = {
    name: '考核台账',
    head: ['单位', '超期事项', '收到函件', '经审查不合法被退回'],
    rows: Object.entries(ledger.byDepartment).map(([id, b]) => [
      name(id),
      b.entries,
      b.lettersReceived,
      b.returnedAsUnlawful,
    ]),
  };
  return [...figureSheets(figures, name), ledgerSheet];
}

export { sheetsCsv };

export async function sheetsXlsx(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yifa';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.head).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
    ws.columns.forEach((c, i) => {
      c.width = Math.max(10, ...[s.head[i], ...s.rows.map((r) => r[i])].map((v) => String(v ?? '').length * 2 + 2));
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
