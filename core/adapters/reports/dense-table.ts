/**
 * A table for thousands of rows (the asset register: up to 24,000 devices,
 * some 1,000 pages), drawn on the flow layout's pages with the same look as
 * FlowLayout.table: a header repeated on every page, cells wrapped, rows
 * never split. Instead of a rectangle and a text object per cell (a dozen
 * pdf-lib operator objects each, gigabytes at this size), each page gets
 * one content stream written as text: one path for all its rules, one text
 * object for all its cells. The fonts are the document's embedded subsets
 * (their encodeText records each glyph), the colours DeviceRGB: PDF/A holds.
 */
import type { PDFFont, PDFPage } from 'pdf-lib';
import { colors, wrapText, type FlowLayout } from '../pdf/layout';

export interface DenseColumn {
  header: string;
  weight: number;
  align?: 'left' | 'right';
}

export interface DenseTableSpec {
  columns: DenseColumn[];
  rows: string[][];
  size?: number;
  /** Lines a cell may take; longer text ends with "…" (the full value stays in the data JSON). */
  maxLines?: number;
}

const n = (v: number) => (Math.round(v * 100) / 100).toString();

interface PageBlock {
  page: PDFPage;
  top: number;
  bottom: number;
  text: string[];
  rules: string[];
  fontKeys: { regular: string; bold: string };
}

function fontKey(page: PDFPage, font: PDFFont): string {
  return page.node.newFontDictionary(font.name, font.ref).asString();
}

/** Cuts wrapped lines to `max`, ending the last with an ellipsis that fits. */
function limitLines(lines: string[], max: number, font: PDFFont, size: number, width: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = `${kept[max - 1] ?? ''}…`;
  while (last.length > 1 && font.widthOfTextAtSize(last, size) > width) last = `${last.slice(0, -2)}…`;
  kept[max - 1] = last;
  return kept;
}

export function denseTable(layout: FlowLayout, spec: DenseTableSpec): void {
  const size = spec.size ?? 7;
  const headerSize = size;
  const pad = 2.4;
  const leading = size * 1.25;
  const maxLines = spec.maxLines ?? 6;
  const total = spec.columns.reduce((s, c) => s + c.weight, 0);
  const widths = spec.columns.map((c) => (c.weight / total) * layout.contentWidth);
  const lefts = widths.map((_, i) => layout.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const regular = layout.font('regular');
  const bold = layout.font('bold');
  const headerLines = spec.columns.map((c, i) => wrapText(c.header, bold, headerSize, (widths[i] as number) - 2 * pad));
  const headerHeight = Math.max(...headerLines.map((l) => l.length)) * headerSize * 1.25 + 2 * pad;
  const ink = colors.ink as unknown as { red: number; green: number; blue: number };
  const rule = colors.rule as unknown as { red: number; green: number; blue: number };
  const fill = colors.headerFill as unknown as { red: number; green: number; blue: number };
  let block: PageBlock | null = null;

  const text = (b: PageBlock, font: 'regular' | 'bold', value: string, x: number, y: number) => {
    const f = font === 'bold' ? bold : regular;
    b.text.push(
      `${font === 'bold' ? b.fontKeys.bold : b.fontKeys.regular} ${n(font === 'bold' ? headerSize : size)} Tf 1 0 0 1 ${n(x)} ${n(y)} Tm ${f.encodeText(value).toString()} Tj`,
    );
  };

  const start = () => {
    const page = layout.currentPage;
    const b: PageBlock = { page, top: layout.y, bottom: layout.y, text: [], rules: [], fontKeys: { regular: fontKey(page, regular), bold: fontKey(page, bold) } };
    // Header: a filled band with the column names, centred.
    b.rules.push(`${n(layout.left)} ${n(layout.y - headerHeight)} ${n(layout.contentWidth)} ${n(headerHeight)} re`);
    spec.columns.forEach((_, i) => {
      (headerLines[i] as string[]).forEach((line, k) => {
        const w = bold.widthOfTextAtSize(line, headerSize);
        const x = (lefts[i] as number) + ((widths[i] as number) - w) / 2;
        text(b, 'bold', line, x, layout.y - pad - (k + 1) * headerSize * 1.25 + headerSize * 0.3);
      });
    });
    layout.y -= headerHeight;
    b.bottom = layout.y;
    block = b;
  };

  const finish = () => {
    const b = block;
    if (!b) return;
    const x0 = layout.left;
    const x1 = layout.left + layout.contentWidth;
    const lines: string[] = [];
    // Header fill first (the "re" recorded at start), then every rule of the page in one stroked path.
    const [headerRect, ...rows] = b.rules;
    lines.push('q', `${n(fill.red)} ${n(fill.green)} ${n(fill.blue)} rg`, headerRect as string, 'f');
    lines.push(`${n(rule.red)} ${n(rule.green)} ${n(rule.blue)} RG 0.5 w`);
    lines.push(`${n(x0)} ${n(b.top)} m ${n(x1)} ${n(b.top)} l`);
    lines.push(...rows);
    for (const x of [...lefts, x1]) lines.push(`${n(x)} ${n(b.top)} m ${n(x)} ${n(b.bottom)} l`);
    lines.push('S', 'BT', `${n(ink.red)} ${n(ink.green)} ${n(ink.blue)} rg`, ...b.text, 'ET', 'Q');
    const doc = layout.doc;
    const stream = doc.context.flateStream(lines.join('\n'));
    b.page.node.addContentStream(doc.context.register(stream));
    block = null;
  };

  layout.ensure(headerHeight + leading + 2 * pad);
  start();
  for (const row of spec.rows) {
    const cells = spec.columns.map((_, i) =>
      limitLines(wrapText(row[i] ?? '', regular, size, (widths[i] as number) - 2 * pad), maxLines, regular, size, (widths[i] as number) - 2 * pad),
    );
    const height = Math.max(1, ...cells.map((c) => c.length)) * leading + 2 * pad;
    if (height > layout.remaining) {
      finish();
      layout.addPage();
      start();
    }
    const b = block as unknown as PageBlock;
    const top = layout.y;
    cells.forEach((lines, i) => {
      const align = spec.columns[i]?.align ?? 'left';
      lines.forEach((line, k) => {
        if (!line) return;
        const x = align === 'right' ? (lefts[i] as number) + (widths[i] as number) - pad - regular.widthOfTextAtSize(line, size) : (lefts[i] as number) + pad;
        text(b, 'regular', line, x, top - pad - (k + 1) * leading + size * 0.3);
      });
    });
    layout.y -= height;
    b.bottom = layout.y;
    b.rules.push(`${n(layout.left)} ${n(layout.y)} m ${n(layout.left + layout.contentWidth)} ${n(layout.y)} l`);
  }
  finish();
}
