/**
 * Words for reports in the active language: field labels (the definitions
 * carry Indonesian and English), periods, due statuses. The regulation's own
 * words (report names, articles, bases) come from the region profile as they
 * are written there.
 */
import type { ColumnDef, FieldDef, ChoiceOption, DueStatus, Period, PeriodKind } from '@core/domain/reports';
import type { Language } from '@core/domain/settings/settings';
import type { MessageKey, Translate } from '../../i18n/catalog';

export function labelOf(item: Pick<FieldDef | ColumnDef | ChoiceOption, 'label' | 'labelEn'>, language: Language): string {
  return language === 'en' ? item.labelEn : item.label;
}

export function hintOf(field: FieldDef, language: Language): string | undefined {
  return language === 'en' ? (field.hintEn ?? field.hint) : field.hint;
}

export const periodKindKeys = {
  triwulan: 'period.triwulan',
  semester: 'period.semester',
  tahunan: 'period.tahunan',
  insidental: 'period.insidental',
} as const satisfies Record<PeriodKind, MessageKey>;

export const dueStatusKeys = {
  belum: 'lap.status.belum',
  terlambat: 'lap.status.terlambat',
  selesai: 'lap.status.selesai',
} as const satisfies Record<DueStatus, MessageKey>;

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Triwulan III 2026" / "Q3 2026", "Semester I 2026", "Tahun 2026", or the event's date. */
export function periodText(t: Translate, period: Pick<Period, 'kind' | 'code' | 'year'>, date: (value: string) => string): string {
  const n = Number(/[QS](\d)$/.exec(period.code)?.[1] ?? 0);
  switch (period.kind) {
    case 'triwulan':
      return t('lap.period.triwulan', { n: ROMAN[n - 1] ?? String(n), year: period.year });
    case 'semester':
      return t('lap.period.semester', { n: ROMAN[n - 1] ?? String(n), year: period.year });
    case 'tahunan':
      return t('lap.period.tahunan', { year: period.year });
    default:
      return date(period.code);
  }
}

