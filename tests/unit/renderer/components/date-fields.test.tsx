import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CalendarPopup } from '../../../../renderer/src/components/calendar-popup';
import { DateInput, DateTimeInput, MonthInput } from '../../../../renderer/src/components/date-fields';
import { FileInput } from '../../../../renderer/src/components/file-input';
import { TechnicalDetails } from '../../../../renderer/src/components/technical-details';
import { I18nProvider } from '../../../../renderer/src/i18n/i18n-context';

const ignore = () => undefined;
const html = (node: ReactNode, language: 'id' | 'en' = 'id') => renderToStaticMarkup(<I18nProvider language={language}>{node}</I18nProvider>);
const valueOf = (markup: string, id: string) => new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(markup)?.[1];

describe('our own date fields', () => {
  it('shows a stored date day first, as text (never the browser\'s date picker)', () => {
    const markup = html(<DateInput id="d" name="d" value="2021-06-17" onChange={ignore} />);
    expect(valueOf(markup, 'd')).toBe('17/06/2021');
    expect(markup).toContain('placeholder="hh/bb/tttt"');
    expect(markup).toContain('aria-label="Pilih tanggal dari kalender"');
    expect(markup).not.toMatch(/type="date/);
  });

  it('keeps what does not read as a date on screen as it was typed', () => {
    expect(valueOf(html(<DateInput id="d" name="d" value="31/02/2026" onChange={ignore} />), 'd')).toBe('31/02/2026');
  });

  it('splits a stored date and time into a day-first date and a 24-hour time with a dot, named after the field', () => {
    const markup = html(<DateTimeInput id="w" name="w" value="2026-11-21T19:05" label="Waktu kejadian" onChange={ignore} />);
    expect(valueOf(markup, 'w')).toBe('21/11/2026');
    expect(valueOf(markup, 'w-time')).toBe('19.05');
    expect(markup).toContain('aria-label="Jam (24 jam), Waktu kejadian"');
    expect(markup).not.toMatch(/datetime-local|AM|PM/);
  });

  it('offers months by their Indonesian names and the year apart', () => {
    const markup = html(<MonthInput id="m" name="m" value="2026-07" label="Bulan" onChange={ignore} />);
    expect(markup).toMatch(/<option value="07" selected="">Juli<\/option>/);
    expect(valueOf(markup, 'm-year')).toBe('2026');
    expect(markup).not.toContain('type="month"');
  });
});

describe('the calendar', () => {
  it('names the month in Indonesian, starts the week on Senin, and closes days past the limit', () => {
    const markup = html(<CalendarPopup initial="2026-11-21" max="2026-11-22" onPick={ignore} onClose={ignore} />);
    expect(markup).toContain('November 2026');
    expect([...markup.matchAll(/<th scope="col"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1])).toEqual(['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min']);
    // 1 November 2026 is a Sunday: the grid opens on Monday 26 October.
    expect(markup.indexOf('data-day="2026-10-26"')).toBeGreaterThan(-1);
    expect(markup).toMatch(/data-day="2026-11-23"[^>]*disabled=""/);
    expect(markup).not.toMatch(/data-day="2026-11-22"[^>]*disabled=""/);
    expect(markup).toMatch(/data-day="2026-11-21"[^>]*tabindex="0"/);
    expect(markup).toContain('aria-label="21 November 2026"');
  });
});

describe('file field and technical details', () => {
  it('says "Pilih berkas…" and that nothing is chosen yet, in the active language', () => {
    const markup = html(<FileInput id="f" name="f" accept=".p12" onChange={ignore} />);
    expect(markup).toContain('Pilih berkas…');
    expect(markup).toContain('Belum ada berkas dipilih.');
    expect(html(<FileInput id="f" name="f" accept=".p12" onChange={ignore} />, 'en')).toContain('Choose file…');
  });

  it('folds technical words under a closed "Rincian teknis"', () => {
    const markup = html(<TechnicalDetails>INDIKATOR_KOSONG</TechnicalDetails>);
    expect(markup).toMatch(/^<details class="tech-details"><summary>Rincian teknis<\/summary>/);
    expect(markup).not.toContain('open');
  });
});
