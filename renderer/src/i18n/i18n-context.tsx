import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatBulanTahun, formatTanggal } from '@core/domain/format/tanggal';
import { formatRupiah } from '@core/domain/format/rupiah';
import { formatJam, formatTanggalDi, isoDateIn, type TimeZone } from '@core/domain/format/waktu';
import { createTranslate, type Catalog, type Language, type Translate } from './catalog';
import { id } from './id';
import { setErrorLanguage } from '../lib/errors';
import { en } from './en';

export const catalogs: Record<Language, Catalog> = { id, en };

interface I18n {
  language: Language;
  t: Translate;
  /** The workspace's clock (from its region profile; WIB until one is chosen). */
  timeZone: TimeZone;
  /**
   * "17 Juni 2021" (or "17 June 2021" in English). A calendar date
   * ("2021-06-17") as written; a moment (a Date, an ISO time) on the
   * workspace's clock, not the browser's.
   */
  date(value: string | Date): string;
  /** "08.43 WIB": a moment's time of day on the workspace's clock, zone named. */
  time(value: string | Date): string;
  /** "17 Juni 2021 pukul 08.43 WIB". */
  dateTime(value: string | Date): string;
  /** "2021-06-17": the day a moment falls on, on the workspace's clock. */
  isoDate(value: string | Date): string;
  /** "Januari 2010". */
  monthYear(value: string | Date): string;
  /** "Rp 186.000.000": the currency is written the Indonesian way in both languages. */
  rupiah(amount: number): string;
}

const I18nContext = createContext<I18n | null>(null);

/** A calendar date as stored ("2021-06-17"): no clock involved. */
const calendarDate = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

export function I18nProvider({ language, timeZone = 'WIB', children }: { language: Language; timeZone?: TimeZone; children: ReactNode }) {
  setErrorLanguage(language);
  const value = useMemo<I18n>(() => {
    const t = createTranslate(catalogs[language]);
    const months = Array.from({ length: 12 }, (_, i) => t(`month.${i + 1}` as 'month.1'));
    const date = (v: string | Date) => (typeof v === 'string' && calendarDate.test(v) ? formatTanggal(v, months) : formatTanggalDi(v, timeZone, months));
    const time = (v: string | Date) => formatJam(v, timeZone);
    return {
      language,
      t,
      timeZone,
      date,
      time,
      dateTime: (v) => t('time.dateTime', { date: date(v), time: time(v) }),
      isoDate: (v) => isoDateIn(v, timeZone),
      monthYear: (v) => formatBulanTahun(v, months),
      rupiah: formatRupiah,
    };
  }, [language, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n dipakai di luar I18nProvider');
  return value;
}

/** The `t(key, params)` of the active language. */
export function useT(): Translate {
  return useI18n().t;
}
