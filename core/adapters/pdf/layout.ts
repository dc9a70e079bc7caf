/**
 * A small flow layout engine over pdf-lib for official documents: text that
 * wraps and flows onto new pages, tables whose rows split across pages and
 * whose header repeats on every page, blocks kept together, and a footer
 * "Halaman i dari N" written once the page count is known.
 */
import { rgb, type Color, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { EmbeddedFonts } from './fonts';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PageSetup {
  width: number;
  height: number;
  margins: Margins;
}

const mm = (v: number) => (v * 72) / 25.4;

/** A4 landscape with the margins of Indonesian official documents (2 cm, 2.5 cm binding side). */
export const a4Landscape: PageSetup = {
  width: 841.89,
  height: 595.28,
  margins: { top: mm(18), right: mm(18), bottom: mm(20), left: mm(22) },
};

export const colors = {
  ink: rgb(0.1, 0.1, 0.1),
  muted: rgb(0.35, 0.35, 0.35),
  rule: rgb(0.55, 0.55, 0.55),
  headerFill: rgb(0.86, 0.9, 0.95),
  groupFill: rgb(0.94, 0.95, 0.97),
  totalFill: rgb(0.97, 0.97, 0.93),
  accent: rgb(0.13, 0.33, 0.55),
  bar: rgb(0.2, 0.45, 0.7),
  white: rgb(1, 1, 1),
};

export type Align = 'left' | 'center' | 'right';

/** Breaks text into lines no wider than `width`: on spaces, at explicit newlines, and inside words too long for a line. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const words = paragraph.split(/[ \t]+/).filter((w) => w.length > 0);
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      if (font.widthOfTextAtSize(word, size) <= width) {
        line = word;
        continue;
      }
      // A word wider than the line (a URL, a long code): cut it where it must be cut.
      let piece = '';
      for (const ch of word) {
        if (font.widthOfTextAtSize(piece + ch, size) > width && piece) {
          lines.push(piece);
          piece = ch;
        } else {
          piece += ch;
        }
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}

export interface TextStyle {
  font?: 'regular' | 'bold';
  size?: number;
  color?: Color;
  align?: Align;
  /** Line height as a multiple of size. */
  leading?: number;
  /** Indent from the left content edge. */
  indent?: number;
  /** Width of the text box; the content width minus indent by default. */
  width?: number;
}

export interface TableColumn {
  header: string;
  /** Relative width; the table fills the content width. */
  weight: number;
  align?: Align;
}

export interface TableRow {
  cells: string[];
  /** One cell across all columns (a group heading inside the table). */
  isSpanning?: boolean;
  isBold?: boolean;
  fill?: Color;
}

export interface TableSpec {
  columns: TableColumn[];
  rows: TableRow[];
  size?: number;
  headerSize?: number;
  padding?: number;
}

export interface TimelineRow {
  label: string;
  /** Indices of the filled period columns. */
  filled: number[];
  isGroup?: boolean;
  note?: string;
}

export interface TimelineSpec {
  labelHeader: string;
  labelWeight: number;
  periods: string[];
  /** A label above the period columns (e.g. the year). */
  periodsHeader: string;
  rows: TimelineRow[];
}

export class FlowLayout {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  /** Baseline cursor: the top of the next block, in PDF coordinates. */
  y = 0;
  /** Called after each new page is added (running headers). */
  onNewPage: ((page: PDFPage, index: number) => void) | null = null;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: EmbeddedFonts,
    readonly setup: PageSetup,
  ) {
    this.addPage();
  }

  get left(): number {
    return this.setup.margins.left;
  }

  get contentWidth(): number {
    return this.setup.width - this.setup.margins.left - this.setup.margins.right;
  }

  get bottom(): number {
    return this.setup.margins.bottom;
  }

  get currentPage(): PDFPage {
    return this.page;
  }

  get pageIndex(): number {
    return this.pages.length - 1;
  }

  font(kind: 'regular' | 'bold' = 'regular'): PDFFont {
    return kind === 'bold' ? this.fonts.bold : this.fonts.regular;
  }

  addPage(): PDFPage {
    this.page = this.doc.addPage([this.setup.width, this.setup.height]);
    this.pages.push(this.page);
    this.y = this.setup.height - this.setup.margins.top;
    this.onNewPage?.(this.page, this.pages.length - 1);
    return this.page;
  }

  /** Space left above the bottom margin. */
  get remaining(): number {
    return this.y - this.bottom;
  }

  /** Starts a new page unless `height` still fits. */
  ensure(height: number): void {
    if (height > this.remaining) this.addPage();
  }

  space(height: number): void {
    this.y -= height;
  }

  drawLine(page: PDFPage, text: string, x: number, baseline: number, width: number, style: TextStyle): void {
    const font = this.font(style.font);
    const size = style.size ?? 10;
    const w = font.widthOfTextAtSize(text, size);
    const dx = style.align === 'center' ? (width - w) / 2 : style.align === 'right' ? width - w : 0;
    if (text) page.drawText(text, { x: x + dx, y: baseline, size, font, color: style.color ?? colors.ink });
  }

  /** Wrapped text flowing across pages. */
  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const leading = (style.leading ?? 1.3) * size;
    const indent = style.indent ?? 0;
    const width = style.width ?? this.contentWidth - indent;
    for (const line of wrapText(text, this.font(style.font), size, width)) {
      this.ensure(leading);
      this.y -= leading;
      this.drawLine(this.page, line, this.left + indent, this.y + (leading - size) / 2 + size * 0.22, width, style);
    }
  }

  /** Height `text` would take, for keeping blocks together. */
  measure(text: string, style: TextStyle = {}): number {
    const size = style.size ?? 10;
    const width = style.width ?? this.contentWidth - (style.indent ?? 0);
    return wrapText(text, this.font(style.font), size, width).length * (style.leading ?? 1.3) * size;
  }

  rule(thickness = 0.75, color: Color = colors.rule, gap = 0): void {
    this.ensure(thickness + gap);
    this.y -= gap;
    this.page.drawLine({
      start: { x: this.left, y: this.y },
      end: { x: this.left + this.contentWidth, y: this.y },
      thickness,
      color,
    });
    this.y -= thickness;
  }

  private columnWidths(columns: { weight: number }[]): number[] {
    const total = columns.reduce((n, c) => n + c.weight, 0);
    return columns.map((c) => (c.weight / total) * this.contentWidth);
  }

  /**
   * A table: rows keep their cells side by side; a row that does not fit
   * goes to the next page, where the header is drawn again; a row taller
   * than a whole page is split between lines.
   */
  table(spec: TableSpec): void {
    const size = spec.size ?? 8.5;
    const headerSize = spec.headerSize ?? size;
    const pad = spec.padding ?? 3.5;
    const leading = size * 1.3;
    const widths = this.columnWidths(spec.columns);
    const regular = this.font('regular');
    const bold = this.font('bold');

    const headerLines = spec.columns.map((c, i) => wrapText(c.header, bold, headerSize, (widths[i] as number) - 2 * pad));
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * headerSize * 1.3 + 2 * pad;

    const drawHeader = () => {
      let x = this.left;
      const top = this.y;
      spec.columns.forEach((_, i) => {
        const w = widths[i] as number;
        this.page.drawRectangle({ x, y: top - headerHeight, width: w, height: headerHeight, color: colors.headerFill, borderColor: colors.rule, borderWidth: 0.5 });
        (headerLines[i] as string[]).forEach((line, k) => {
          const baseline = top - pad - (k + 1) * headerSize * 1.3 + headerSize * 0.3;
          this.drawLine(this.page, line, x + pad, baseline, w - 2 * pad, { font: 'bold', size: headerSize, align: 'center' });
        });
        x += w;
      });
      this.y -= headerHeight;
    };

    // A header never sits alone at the bottom of a page.
    this.ensure(headerHeight + leading + 2 * pad);
    drawHeader();

    for (const row of spec.rows) {
      const font = row.isBold ? bold : regular;
      const cellWidths = row.isSpanning ? [this.contentWidth] : widths;
      const cellTexts = row.isSpanning ? [row.cells.join(' ')] : row.cells;
      let lines = cellTexts.map((text, i) => wrapText(text ?? '', font, size, (cellWidths[i] as number) - 2 * pad));
      while (lines.some((l) => l.length > 0)) {
        const rowLines = Math.max(1, ...lines.map((l) => l.length));
        const fitLines = Math.floor((this.remaining - 2 * pad) / leading);
        const needed = rowLines * leading + 2 * pad;
        if (needed > this.remaining) {
          const pageCapacity = Math.floor((this.setup.height - this.setup.margins.top - this.bottom - headerHeight - 2 * pad) / leading);
          // Split only a row that cannot fit on any page; otherwise move it whole.
          if (rowLines <= pageCapacity || fitLines < 2) {
            this.addPage();
            drawHeader();
            continue;
          }
        }
        const take = Math.min(rowLines, Math.max(1, Math.floor((this.remaining - 2 * pad) / leading)));
        const height = take * leading + 2 * pad;
        let x = this.left;
        const top = this.y;
        cellTexts.forEach((_, i) => {
          const w = cellWidths[i] as number;
          this.page.drawRectangle({ x, y: top - height, width: w, height, color: row.fill ?? colors.white, borderColor: colors.rule, borderWidth: 0.5 });
          const align = row.isSpanning ? 'left' : (spec.columns[i]?.align ?? 'left');
          (lines[i] as string[]).slice(0, take).forEach((line, k) => {
            const baseline = top - pad - (k + 1) * leading + size * 0.3;
            this.drawLine(this.page, line, x + pad, baseline, w - 2 * pad, { font: row.isBold ? 'bold' : 'regular', size, align });
          });
          x += w;
        });
        this.y -= height;
        lines = lines.map((l) => l.slice(take));
        if (lines.some((l) => l.length > 0)) {
          this.addPage();
          drawHeader();
        }
      }
    }
  }

  /** A Gantt-style chart: one row per stage, filled cells for the periods it runs in. */
  timeline(spec: TimelineSpec): void {
    const size = 7.5;
    const pad = 3;
    const rowHeight = 14;
    const headerHeight = 26;
    const labelWidth = (this.contentWidth * spec.labelWeight) / (spec.labelWeight + spec.periods.length);
    const periodWidth = (this.contentWidth - labelWidth) / spec.periods.length;
    const regular = this.font('regular');

    const drawHeader = () => {
      const top = this.y;
      const page = this.page;
      page.drawRectangle({ x: this.left, y: top - headerHeight, width: labelWidth, height: headerHeight, color: colors.headerFill, borderColor: colors.rule, borderWidth: 0.5 });
      this.drawLine(page, spec.labelHeader, this.left + pad, top - headerHeight / 2 - size * 0.35, labelWidth - 2 * pad, { font: 'bold', size });
      const px = this.left + labelWidth;
      page.drawRectangle({ x: px, y: top - headerHeight / 2, width: this.contentWidth - labelWidth, height: headerHeight / 2, color: colors.headerFill, borderColor: colors.rule, borderWidth: 0.5 });
      this.drawLine(page, spec.periodsHeader, px, top - headerHeight / 2 + 3.5, this.contentWidth - labelWidth, { font: 'bold', size, align: 'center' });
      spec.periods.forEach((p, i) => {
        const x = px + i * periodWidth;
        page.drawRectangle({ x, y: top - headerHeight, width: periodWidth, height: headerHeight / 2, color: colors.headerFill, borderColor: colors.rule, borderWidth: 0.5 });
        this.drawLine(page, p, x, top - headerHeight + 4, periodWidth, { font: 'bold', size: size - 0.5, align: 'center' });
      });
      this.y -= headerHeight;
    };

    this.ensure(headerHeight + rowHeight);
    drawHeader();
    for (const row of spec.rows) {
      if (rowHeight > this.remaining) {
        this.addPage();
        drawHeader();
      }
      const top = this.y;
      const page = this.page;
      const fill = row.isGroup ? colors.groupFill : colors.white;
      page.drawRectangle({ x: this.left, y: top - rowHeight, width: labelWidth, height: rowHeight, color: fill, borderColor: colors.rule, borderWidth: 0.5 });
      let label = row.label;
      const labelFont = row.isGroup ? this.font('bold') : regular;
      while (label.length > 1 && labelFont.widthOfTextAtSize(label, size) > labelWidth - 2 * pad) label = label.slice(0, -2) + '…';
      this.drawLine(page, label, this.left + pad, top - rowHeight + 4.2, labelWidth - 2 * pad, { font: row.isGroup ? 'bold' : 'regular', size });
      spec.periods.forEach((_, i) => {
        const x = this.left + labelWidth + i * periodWidth;
        page.drawRectangle({ x, y: top - rowHeight, width: periodWidth, height: rowHeight, color: fill, borderColor: colors.rule, borderWidth: 0.5 });
        if (row.filled.includes(i)) {
          page.drawRectangle({ x: x + 1.5, y: top - rowHeight + 3, width: periodWidth - 3, height: rowHeight - 6, color: colors.bar });
        }
      });
      if (row.note) {
        this.drawLine(page, row.note, this.left + labelWidth + pad, top - rowHeight + 4.2, this.contentWidth - labelWidth - 2 * pad, { size: size - 0.5, color: colors.muted });
      }
      this.y -= rowHeight;
    }
  }

  /** Writes "Halaman i dari N" (and an optional left text) at the bottom of every page. */
  finish(footerLeft: string): void {
    const total = this.pages.length;
    const baseline = this.bottom / 2 - 2;
    this.pages.forEach((page, i) => {
      page.drawLine({
        start: { x: this.left, y: this.bottom - 8 },
        end: { x: this.left + this.contentWidth, y: this.bottom - 8 },
        thickness: 0.5,
        color: colors.rule,
      });
      const right = `Halaman ${i + 1} dari ${total}`;
      const size = 7.5;
      const rightWidth = this.font().widthOfTextAtSize(right, size);
      let left = footerLeft;
      const maxLeft = this.contentWidth - rightWidth - 20;
      while (left.length > 1 && this.font().widthOfTextAtSize(left, size) > maxLeft) left = left.slice(0, -2) + '…';
      this.drawLine(page, left, this.left, baseline, maxLeft, { size, color: colors.muted });
      this.drawLine(page, right, this.left, baseline, this.contentWidth, { size, color: colors.muted, align: 'right' });
    });
  }
}
