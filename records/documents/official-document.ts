/**
 * Official documents in the national layout GB/T 9704-2012 (DOMAIN.md "Official documents"): A4, margins
 * top 37 / bottom 35 / left 28 / right 26 mm, 22 lines of 28 characters; the issuing-organ mark in red 小标宋;
 * the number as `<abbr>〔2026〕12号`; the title in 2号 (22 pt) 小标宋 centred; the addressee flush left; the body
 * in 3号 (16 pt) 仿宋 with 黑体 first-level and 楷体 second-level headings; the date in Arabic numerals under the
 * seal position; the record block (版记) at the end; page numbers "— 1 —" in 4号 (14 pt) 宋体.
 * Fonts are named, not shipped. One builder for opinions, letters, agendas, minutes and dossier indexes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { chinaClock } from '../../domain/china-time.js';

export type Block =
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; headers: string[]; rows: string[][]; widths?: number[] };

export interface OfficialDocumentSpec {
  /** 发文机关标志, e.g. "××市司法局文件" or, for a letter, "××市依法治市办". */
  organMark: string;
  /** 发文字号, e.g. "法审〔2026〕12号". */
  documentNumber: string;
  /** The title; a 纪要, whose 版头 already names it, has none. */
  title?: string;
  /** 份号 and 密级 at the top left (GB/T 9704 7.2.1–7.2.2), for documents of a decision not to be disclosed. */
  classification?: { copyNo: string; level: string };
  /** 主送机关. */
  addressee?: string;
  body: Block[];
  /** 附件说明: names of attachments, numbered; each is included after the signature, on its own page. */
  attachments?: Array<{ name: string; paragraphs: string[] }>;
  /** 发文机关署名 and 成文日期. */
  signature: { organ: string; date: Date };
  /** 附注, e.g. "（此件依申请公开）". */
  note?: string;
  /** 版记. */
  record: { copyTo?: string[]; printer: string; printedOn: Date };
}

const FONT = {
  xiaoBiaoSong: { ascii: 'FZXiaoBiaoSong-B05S', eastAsia: '方正小标宋简体', hAnsi: 'FZXiaoBiaoSong-B05S' },
  fangSong: { ascii: 'FangSong_GB2312', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong_GB2312' },
  heiTi: { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' },
  kaiTi: { ascii: 'KaiTi_GB2312', eastAsia: '楷体_GB2312', hAnsi: 'KaiTi_GB2312' },
  songTi: { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' },
} as const;

const PT = (pt: number) => pt * 2; // docx sizes are half-points
const MM = (mm: number) => Math.round((mm / 25.4) * 1440); // twips
/** 22 lines in the 225 mm text block: a fixed line pitch of 225/22 mm. */
const LINE = { line: MM(225 / 22), lineRule: LineRuleType.EXACT } as const;
const RED = 'E60012';

const run = (text: string, font: keyof typeof FONT, pt: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: FONT[font], size: PT(pt), ...extra });

/** 2026年11月25日 in Asia/Shanghai. */
export function chineseDate(d: Date): string {
  const local = chinaClock(d);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

function bodyParagraph(text: string, font: keyof typeof FONT = 'fangSong', keepNext = false): Paragraph {
  return new Paragraph({
    children: [run(text, font, 16)],
    indent: { firstLine: MM(11.3) },
    spacing: LINE,
    alignment: AlignmentType.JUSTIFIED,
    keepNext,
    keepLines: keepNext,
  });
}

function block(b: Block): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'heading1':
      return [bodyParagraph(b.text, 'heiTi')];
    case 'heading2':
      return [bodyParagraph(b.text, 'kaiTi')];
    case 'paragraph':
      return b.text.split('\n').map((line) => bodyParagraph(line));
    case 'table': {
      const cell = (text: string, header: boolean, width?: number) =>
        new TableCell({
          width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
          children: [
            new Paragraph({
              alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
              children: [run(text, header ? 'heiTi' : 'fangSong', 12)],
            }),
          ],
        });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.headers.map((h, i) => cell(h, true, b.widths?.[i])) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, b.widths?.[i])) })),
          ],
        }),
        new Paragraph({ spacing: LINE, children: [] }),
      ];
    }
  }
}

const rule = (color: string, size: number) => ({ bottom: { style: BorderStyle.SINGLE, size, color, space: 1 } });

/** Renders the document to a .docx buffer. */
export async function renderOfficialDocument(spec: OfficialDocumentSpec): Promise<Buffer> {
  const body = spec.body.flatMap(block);
  // The closing block (attachment note, signature, date) never stands alone on a page: the last lines of text go with it.
  const lastText = body.length - 1 - [...body].reverse().findIndex((b) => b instanceof Paragraph);
  if (lastText < body.length && body[lastText] instanceof Paragraph) {
    const last = spec.body[spec.body.length - 1];
    if (last?.kind === 'paragraph') body[lastText] = bodyParagraph(last.text.split('\n').at(-1)!, 'fangSong', true);
  }
  const children: Array<Paragraph | Table> = [
    // 份号 (6 digits) and 密级 in 3号黑体 at the top left, above the 版头.
    ...(spec.classification
      ? [
          new Paragraph({ spacing: LINE, children: [run(spec.classification.copyNo, 'heiTi', 16)] }),
          new Paragraph({ spacing: LINE, children: [run(spec.classification.level, 'heiTi', 16)] }),
        ]
      : []),
    // 版头: the organ mark in red, the number, and the red separator line.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: MM(10), after: MM(8) },
      children: [run(spec.organMark, 'xiaoBiaoSong', 36, { color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: LINE,
      border: rule(RED, 12),
      children: [run(spec.documentNumber, 'fangSong', 16)],
    }),
    new Paragraph({ spacing: LINE, children: [] }),
    // 主体
    ...(spec.title
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: MM(12), lineRule: LineRuleType.EXACT, after: MM(10) },
            children: [run(spec.title, 'xiaoBiaoSong', 22)],
          }),
        ]
      : []),
    ...(spec.addressee
      ? [new Paragraph({ spacing: LINE, children: [run(`${spec.addressee}：`, 'fangSong', 16)] })]
      : []),
    ...body,
  ];
  const attachments = spec.attachments ?? [];
  if (attachments.length) {
    children.push(new Paragraph({ spacing: LINE, keepNext: true, children: [] }));
    attachments.forEach((a, i) =>
      children.push(
        new Paragraph({
          spacing: LINE,
          keepNext: true,
          indent: { left: i ? MM(11.3 + 16 * 0.3528 * 3) : 0, firstLine: i ? 0 : MM(11.3) },
          children: [run(`${i ? '' : '附件：'}${attachments.length > 1 ? `${i + 1}.` : ''}${a.name}`, 'fangSong', 16)],
        }),
      ),
    );
  }
  // 署名 and 成文日期 under the seal position, right-indented by four characters, kept together.
  children.push(
    new Paragraph({ spacing: LINE, keepNext: true, children: [] }),
    new Paragraph({ spacing: LINE, keepNext: true, children: [] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: MM(22.6) },
      spacing: LINE,
      keepNext: true,
      children: [run(spec.signature.organ, 'fangSong', 16)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: MM(22.6) },
      spacing: LINE,
      children: [run(chineseDate(spec.signature.date), 'fangSong', 16)],
    }),
  );
  if (spec.note)
    children.push(
      new Paragraph({ spacing: LINE, indent: { firstLine: MM(11.3) }, children: [run(spec.note, 'fangSong', 16)] }),
    );
  // 附件: each on a new page, "附件1" in 3号黑体 at the top left, its name as a title, then its text.
  attachments.forEach((a, i) =>
    children.push(
      new Paragraph({
        pageBreakBefore: true,
        spacing: LINE,
        children: [run(attachments.length > 1 ? `附件${i + 1}` : '附件', 'heiTi', 16)],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: MM(12), lineRule: LineRuleType.EXACT, after: MM(10) },
        children: [run(a.name, 'xiaoBiaoSong', 22)],
      }),
      ...a.paragraphs.flatMap((p) => p.split('\n').map((line) => bodyParagraph(line))),
    ),
  );
  // 版记: copy-to, then printer and printing date, between black rules.
  children.push(
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({ border: rule('000000', 8), children: [] }),
  );
  if (spec.record.copyTo?.length)
    children.push(
      new Paragraph({
        border: rule('000000', 4),
        indent: { left: MM(5.6), right: MM(5.6) },
        children: [run(`抄送：${spec.record.copyTo.join('，')}。`, 'fangSong', 14)],
      }),
    );
  children.push(
    new Paragraph({
      border: rule('000000', 8),
      indent: { left: MM(5.6), right: MM(5.6) },
      tabStops: [{ type: 'right', position: MM(156 - 11.2) }],
      children: [
        run(spec.record.printer, 'fangSong', 14),
        run(`\t${chineseDate(spec.record.printedOn)}印发`, 'fangSong', 14),
      ],
    }),
  );

  const doc = new Document({
    creator: 'Yifa',
    title: spec.title ?? spec.organMark,
    styles: { default: { document: { run: { font: FONT.fangSong, size: PT(16) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: MM(210), height: MM(297) },
            margin: { top: MM(37), bottom: MM(35), left: MM(28), right: MM(26), footer: MM(28 - 7) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  run('— ', 'songTi', 14),
                  new TextRun({ children: [PageNumber.CURRENT], font: FONT.songTi, size: PT(14) }),
                  run(' —', 'songTi', 14),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * The marking of a document of a decision not to be disclosed (依法不予公开): 份号 as six digits and the 密级 (one of
 * GB/T 9704's 绝密/机密/秘密) set by YIFA_CONFIDENTIAL_MARKING, default 秘密; the organ that classified the matter sets it.
 */
export function confidentialMarking(copy = 1): { copyNo: string; level: string } {
  return { copyNo: String(copy).padStart(6, '0'), level: process.env.YIFA_CONFIDENTIAL_MARKING ?? '秘密' };
}
