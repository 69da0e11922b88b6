// R39/R40: the figures as labelled tables (Chinese headings), one per sheet of the XLSX and section of the CSV.
import { DECISION_STATUS_LABELS } from '../labels.js';
import { REVIEW_KIND_LABELS, REVIEW_OUTCOME_LABELS } from '../review/kinds.js';
import { STAGE_LABELS, type Stage } from '../stages.js';
import { TASK_KINDS } from '../tasks/kinds.js';
import type { Figures } from './compute.js';

export type Cell = string | number | null;
export interface Sheet {
  name: string;
  head: string[];
  rows: Cell[][];
}

const zh = (labels: Record<string, { zh: string }>, key: string) => labels[key]?.zh ?? key;
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

export function figureSheets(f: Figures, departmentName: (id: string) => string): Sheet[] {
  const scope = `${f.scope.year}年${f.scope.month ? `${f.scope.month}月` : ''}${f.scope.departmentId ? ` ${departmentName(f.scope.departmentId)}` : ''}`;
  return [
    {
      name: '总览',
      head: ['项目', '数量'],
      rows: [
        ['统计范围', scope],
        ['启动决策', f.decisions.launched],
        ['其中列入目录', f.decisions.inCatalog],
        ['其中目录外', f.decisions.outsideCatalog],
        ['提示函', f.letters.reminder_letter],
        ['督办函', f.letters.supervision_letter],
        ['超期事项', f.overdue],
        ['完成公众参与的决策', f.participation.decisions],
        ['收到公众意见（条）', f.participation.comments],
        ['完成专家论证的决策', f.experts.decisions],
        ['参与论证专家（人次）', f.experts.experts],
        ['公布行政规范性文件', f.filings.published],
        ['已报送备案', f.filings.filed],
        ['其中按期备案', f.filings.filedOnTime],
        ['逾期未备案', f.filings.overdue],
        ['备案率（%）', pct(f.filings.filingRate)],
        ['按期备案率（%）', pct(f.filings.onTimeFilingRate)],
        ...Object.entries(f.decisions.byStage).map(([k, n]): Cell[] => [
          `所处阶段：${zh(STAGE_LABELS as Record<Stage, { zh: string }>, k)}`,
          n,
        ]),
        ...Object.entries(f.decisions.byResult).map(([k, n]): Cell[] => [`状态：${zh(DECISION_STATUS_LABELS, k)}`, n]),
      ],
    },
    {
      name: '按月',
      head: ['月份', '启动决策', '出具审查意见', '函件', '超期事项'],
      rows: f.byMonth.map((m) => [`${m.month}月`, m.decisionsLaunched, m.reviewsIssued, m.letters, m.overdue]),
    },
    {
      name: '按单位',
      head: ['单位', '启动决策', '出具审查意见', '函件', '超期事项', '按时办结率（%）'],
      rows: f.byDepartment.map((d) => [
        departmentName(d.departmentId),
        d.decisionsLaunched,
        d.reviewsIssued,
        d.letters,
        d.overdue,
        pct(d.onTimeRate),
      ]),
    },
    {
      name: '环节按时率',
      head: ['环节', '到期', '按时', '超期', '按时率（%）'],
      rows: f.steps.map((s) => [
        (TASK_KINDS as Record<string, { label: { zh: string } }>)[s.kind]?.label.zh ?? s.kind,
        s.due,
        s.onTime,
        s.late,
        pct(s.onTimeRate),
      ]),
    },
    {
      name: '合法性审查',
      head: ['类别', '受理', '出具意见', '审查结论', '办理时长中位数（工作日）'],
      rows: f.reviews.map((r) => [
        zh(REVIEW_KIND_LABELS, r.kind),
        r.submitted,
        r.issued,
        Object.entries(r.outcomes)
          .map(([o, n]) => `${zh(REVIEW_OUTCOME_LABELS, o)} ${n}`)
          .join('；'),
        r.medianWorkingDays,
      ]),
    },
  ];
}

/** CSV (UTF-8 with BOM for spreadsheet programs): each sheet under its name, separated by an empty line. */
export function sheetsCsv(sheets: Sheet[]): string {
  const cell = (v: Cell) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const blocks = sheets.map((s) => [[s.name], s.head, ...s.rows].map((r) => r.map(cell).join(',')).join('\r\n'));
  return `\ufeff${blocks.join('\r\n\r\n')}\r\n`;
}
