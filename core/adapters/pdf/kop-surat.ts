import type { PDFImage } from 'pdf-lib';
import { formatIndonesianDate } from '../../domain/signing/indonesian-date';
import { colors, type FlowLayout } from './layout';

/** Who the letterhead names: the government, the agency and its code. */
export interface KopSuratInput {
  government: string;
  opdName: string;
  opdCode?: string;
}

/**
 * The kop surat every official Berkas document opens with: logo at the left,
 * government and agency centred in capitals, the agency code, and the double
 * rule under it. One drawing for every document so they look like one office's.
 */
export function drawKopSurat(layout: FlowLayout, input: KopSuratInput, logo: PDFImage | null): void {
  const page = layout.currentPage;
  const top = layout.y;
  const logoSize = 56;
  if (logo) {
    const scale = logoSize / Math.max(logo.width, logo.height);
    page.drawImage(logo, { x: layout.left + 5, y: top - logoSize - 2, width: logo.width * scale, height: logo.height * scale });
  }
  const indent = logo ? logoSize + 11 : 0;
  const width = layout.contentWidth - 2 * indent;
  layout.text(input.government.toUpperCase(), { font: 'bold', size: 13, align: 'center', indent, width, leading: 1.25 });
  layout.text(input.opdName.toUpperCase(), { font: 'bold', size: 16, align: 'center', indent, width, leading: 1.25 });
  if (input.opdCode) layout.text(`Kode OPD: ${input.opdCode}`, { size: 8.5, align: 'center', indent, width, color: colors.muted });
  if (logo) layout.y = Math.min(layout.y, top - logoSize - 4);
  layout.space(4);
  layout.rule(2.2, colors.ink);
  layout.space(1.2);
  layout.rule(0.6, colors.ink);
}

/** Where and when a letter is dated, and its number: what the line under the kop says. */
export interface LetterDateInput {
  nomor: string;
  city: string;
  date: Date;
  offsetMinutes: number;
}

/** "Pontianak, 7 Desember 2026": the place and date of a letter, as under its signatures too. */
export function placeAndDate(input: Pick<LetterDateInput, 'city' | 'date' | 'offsetMinutes'>): string {
  return `${input.city}, ${formatIndonesianDate(input.date, input.offsetMinutes)}`;
}

/** The line under the kop surat: the letter's number at the left and its place and date at the right. */
export function drawNomorLine(layout: FlowLayout, input: LetterDateInput): void {
  layout.space(8);
  const nomorY = layout.y;
  layout.text(`Nomor : ${input.nomor}`, { size: 10 });
  layout.y = nomorY;
  layout.text(placeAndDate(input), { size: 10, align: 'right' });
  layout.space(10);
}
