import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatBulanTahun, formatTanggal } from '@core/domain/format/tanggal';
import { formatRupiah } from '@core/domain/format/rupiah';
import { createTranslate, type Catalog, type Language, type Translate } from './catalog';
import { id } from './id';
import { en } from './en';

export const catalogs: Record<Language, Catalog> = { id, en };

interface I18n {
  language: Language;
  t: Translate;
  /** "17 Juni 2021" (or "17 June 2021" in English). */
  date(value: string | Date): string;
  /** "Januari 2010". */
  monthYear(value: string | Date): string;
  /** "Rp 186.000.000": the currency is written the Indonesian way in both languages. */
  rupiah(amount: number): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const t = createTranslate(catalogs[language]);
    const months = Array.from({ length: 12 }, (_, i) => t(`month.${i + 1}` as 'month.1'));
    return {
      language,
      t,
      date: (v) => formatTanggal(v, months),
      monthYear: (v) => formatBulanTahun(v, months),
      rupiah: formatRupiah,
    };
  }, [language]);
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
