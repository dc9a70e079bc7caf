/**
 * Charts drawn with the flow layout's page and cursor, for the report PDFs
 * (issue 6 item 5: where people would rather look than read): a pie with a
 * legend (asset condition), horizontal bars (devices per category), and a
 * line chart per month (availability). Vector only, DeviceRGB colours, the
 * document's embedded fonts: nothing here breaks PDF/A. Every chart also has
 * its numbers printed beside it, so nothing depends on telling colours apart.
 */
import { rgb, type Color } from 'pdf-lib';
import { colors, type FlowLayout } from '../pdf/layout';

const gridColor = rgb(0.8, 0.8, 0.8);

export const palette: Color[] = [
  rgb(0.2, 0.45, 0.7),
  rgb(0.85, 0.45, 0.1),
  rgb(0.25, 0.6, 0.3),
  rgb(0.6, 0.3, 0.65),
  rgb(0.75, 0.2, 0.25),
  rgb(0.45, 0.45, 0.45),
  rgb(0.1, 0.6, 0.65),
  rgb(0.7, 0.6, 0.1),
];

export const conditionColors: Record<string, Color> = {
  baik: rgb(0.22, 0.6, 0.3),
  'rusak-ringan': rgb(0.9, 0.62, 0.1),
  'rusak-berat': rgb(0.78, 0.18, 0.18),
  lainnya: rgb(0.6, 0.6, 0.6),
};

export interface ChartEntry {
  label: string;
  value: number;
  color: Color;
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

function percentText(value: number, total: number): string {
  if (total === 0) return '0%';
  const p = (value / total) * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1).replace('.', ',')}%`;
}

function groupDigits(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function chartTitle(layout: FlowLayout, title: string): void {
  layout.text(title, { font: 'bold', size: 9.5 });
  layout.space(4);
}

/** Points a chart takes with its title, so a heading can be kept on the same page as its chart. */
export const chartHeights = {
  pie: (entries: number, size = 130) => Math.max(size, entries * 14) + 10 + 24,
  bar: (entries: number) => entries * 15 + 6 + 24,
  line: (series: number, hasNote: boolean) => 125 + 30 + Math.ceil(series / 3) * 13 + (hasNote ? 12 : 0) + 24,
};

/** A pie (or a ring when every value is zero) with a legend: label, count, share. */
export function pieChart(layout: FlowLayout, spec: { title: string; entries: ChartEntry[]; unit: string; size?: number }): void {
  const diameter = spec.size ?? 130;
  const legendLine = 14;
  const height = Math.max(diameter, spec.entries.length * legendLine) + 10;
  layout.ensure(height + 24);
  chartTitle(layout, spec.title);
  const page = layout.currentPage;
  const r = diameter / 2;
  const cx = layout.left + r + 4;
  const cy = layout.y - r - 2;
  const total = spec.entries.reduce((n, e) => n + Math.max(0, e.value), 0);
  if (total === 0) {
    page.drawCircle({ x: cx, y: cy, size: r, borderColor: colors.rule, borderWidth: 1 });
  } else {
    let angle = Math.PI / 2; // from twelve o'clock, clockwise
    for (const e of spec.entries) {
      if (e.value <= 0) continue;
      const sweep = (e.value / total) * Math.PI * 2;
      if (sweep >= Math.PI * 2 - 1e-9) {
        page.drawCircle({ x: cx, y: cy, size: r, color: e.color, borderColor: colors.white, borderWidth: 0.8 });
        break;
      }
      // An SVG path in page units around the centre; pdf-lib flips SVG's y axis, hence -sin.
      const steps = Math.max(2, Math.ceil(sweep / (Math.PI / 36)));
      let d = 'M 0 0';
      for (let i = 0; i <= steps; i++) {
        const a = angle - (sweep * i) / steps;
        d += ` L ${fmt(r * Math.cos(a))} ${fmt(-r * Math.sin(a))}`;
      }
      d += ' Z';
      page.drawSvgPath(d, { x: cx, y: cy, color: e.color, borderColor: colors.white, borderWidth: 0.8 });
      angle -= sweep;
    }
  }
  // Legend to the right.
  const lx = cx + r + 24;
  let ly = layout.y - 12;
  for (const e of spec.entries) {
    page.drawRectangle({ x: lx, y: ly - 1, width: 9, height: 9, color: e.color });
    layout.drawLine(page, e.label, lx + 14, ly, 150, { size: 8.5 });
    layout.drawLine(page, `${groupDigits(e.value)} ${spec.unit}`, lx + 164, ly, 70, { size: 8.5, align: 'right' });
    layout.drawLine(page, percentText(e.value, total), lx + 238, ly, 40, { size: 8.5, align: 'right', color: colors.muted });
    ly -= legendLine;
  }
  layout.drawLine(page, `Jumlah`, lx + 14, ly - 2, 150, { size: 8.5, font: 'bold' });
  layout.drawLine(page, `${groupDigits(total)} ${spec.unit}`, lx + 164, ly - 2, 70, { size: 8.5, align: 'right', font: 'bold' });
  layout.y -= height;
}

/** Horizontal bars, one per entry, with the count at the end of each bar. */
export function barChart(layout: FlowLayout, spec: { title: string; entries: ChartEntry[]; unit: string; width?: number }): void {
  const barHeight = 11;
  const gap = 4;
  const height = spec.entries.length * (barHeight + gap) + 6;
  layout.ensure(height + 24);
  chartTitle(layout, spec.title);
  const page = layout.currentPage;
  const labelWidth = 150;
  const width = Math.min(spec.width ?? layout.contentWidth, layout.contentWidth) - labelWidth - 70;
  const max = Math.max(1, ...spec.entries.map((e) => e.value));
  let y = layout.y;
  const x0 = layout.left + labelWidth;
  for (const e of spec.entries) {
    y -= barHeight + gap;
    let label = e.label;
    const font = layout.font('regular');
    while (label.length > 1 && font.widthOfTextAtSize(label, 8) > labelWidth - 8) label = label.slice(0, -2) + '…';
    layout.drawLine(page, label, layout.left, y + 2.5, labelWidth - 8, { size: 8, align: 'right' });
    const w = (Math.max(0, e.value) / max) * width;
    if (w > 0) page.drawRectangle({ x: x0, y, width: w, height: barHeight, color: e.color });
    layout.drawLine(page, `${groupDigits(e.value)} ${spec.unit}`, x0 + w + 4, y + 2.5, 66, { size: 8 });
  }
  page.drawLine({ start: { x: x0, y: layout.y }, end: { x: x0, y: y - 2 }, thickness: 0.6, color: colors.rule });
  layout.y -= height;
}

export interface LineSeries {
  name: string;
  values: (number | null)[];
  color: Color;
}

/**
 * Lines per month on a 0–100 (percent) axis that starts below the lowest
 * value in steps of 5, so 97% and 99,9% do not both look like the top edge;
 * the axis labels say where it starts. A dashed line marks a target.
 */
export function lineChart(
  layout: FlowLayout,
  spec: { title: string; categories: string[]; series: LineSeries[]; targets?: { value: number; color: Color }[]; note?: string },
): void {
  const plotHeight = 125;
  const legendRows = Math.ceil(spec.series.length / 3);
  const height = plotHeight + 30 + legendRows * 13 + (spec.note ? 12 : 0);
  layout.ensure(height + 24);
  chartTitle(layout, spec.title);
  const page = layout.currentPage;
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const low = Math.min(100, ...values, ...(spec.targets ?? []).map((t) => t.value));
  const yMin = Math.max(0, Math.floor((low - 0.5) / 5) * 5);
  const yMax = 100;
  const axisX = layout.left + 34;
  const plotWidth = Math.min(layout.contentWidth - 40, 560);
  const top = layout.y - 4;
  const bottom = top - plotHeight;
  const yOf = (v: number) => bottom + ((Math.min(yMax, Math.max(yMin, v)) - yMin) / (yMax - yMin)) * plotHeight;
  const step = plotWidth / Math.max(1, spec.categories.length);
  const xOf = (i: number) => axisX + step * (i + 0.5);
  // yMin is a multiple of 5 and yMax is 100, so each step lands on 100.
  const ticks = yMax - yMin <= 5 ? 1 : yMax - yMin <= 10 ? 2 : yMax - yMin <= 30 ? 5 : 10;
  for (let v = yMin; v <= yMax; v += ticks) {
    const y = yOf(v);
    page.drawLine({ start: { x: axisX, y }, end: { x: axisX + plotWidth, y }, thickness: 0.3, color: gridColor });
    layout.drawLine(page, `${v}%`, layout.left, y - 2.5, 30, { size: 7, align: 'right', color: colors.muted });
  }
  page.drawLine({ start: { x: axisX, y: bottom }, end: { x: axisX, y: top }, thickness: 0.6, color: colors.ink });
  page.drawLine({ start: { x: axisX, y: bottom }, end: { x: axisX + plotWidth, y: bottom }, thickness: 0.6, color: colors.ink });
  spec.categories.forEach((c, i) => layout.drawLine(page, c, xOf(i) - step / 2, bottom - 11, step, { size: 7, align: 'center' }));
  for (const t of spec.targets ?? []) {
    const y = yOf(t.value);
    page.drawLine({ start: { x: axisX, y }, end: { x: axisX + plotWidth, y }, thickness: 0.8, color: t.color, dashArray: [3, 2] });
  }
  for (const s of spec.series) {
    let previous: { x: number; y: number } | null = null;
    s.values.forEach((v, i) => {
      if (v === null) {
        previous = null;
        return;
      }
      const point = { x: xOf(i), y: yOf(v) };
      if (previous) page.drawLine({ start: previous, end: point, thickness: 1.4, color: s.color });
      page.drawCircle({ x: point.x, y: point.y, size: 2.2, color: s.color });
      previous = point;
    });
  }
  let ly = bottom - 26;
  spec.series.forEach((s, i) => {
    const col = i % 3;
    if (i > 0 && col === 0) ly -= 13;
    const x = axisX + col * (plotWidth / 3);
    page.drawLine({ start: { x, y: ly + 3 }, end: { x: x + 14, y: ly + 3 }, thickness: 1.6, color: s.color });
    layout.drawLine(page, s.name, x + 18, ly, plotWidth / 3 - 22, { size: 7.5 });
  });
  if (spec.note) layout.drawLine(page, spec.note, axisX, ly - 13, plotWidth, { size: 7, color: colors.muted });
  layout.y -= height;
}
