import type { ChoiceOption, ScalarKind } from '@core/domain/reports';
import { DateInput, DateTimeInput, MonthInput } from '../../components/date-fields';
import { useI18n } from '../../i18n/i18n-context';
import { labelOf } from './labels';

interface ScalarInputProps {
  id: string;
  name: string;
  kind: ScalarKind;
  value: string;
  options?: ChoiceOption[];
  suggestions?: string[];
  maxLength?: number;
  onChange(value: string): void;
  className?: string;
  /** The visible label lives elsewhere (a table header): name it for screen readers. */
  ariaLabel?: string;
  /** The field's own label, to name the time and year parts of date fields. */
  label?: string;
  aria?: { 'aria-describedby'?: string; 'aria-invalid'?: true; 'aria-required'?: true };
}

/**
 * One value of a report field or table cell, with the control that suits its
 * kind: dates, times and months with our own fields (day first, 24-hour,
 * Indonesian month names, whatever the browser's locale), numbers as text (so
 * "99,5" and "1.250" are typed the Indonesian way), choices as a list that
 * keeps an unknown imported value visible instead of dropping it.
 */
export function ScalarInput({ id, name, kind, value, options, suggestions, maxLength, onChange, className, ariaLabel, label, aria }: ScalarInputProps) {
  const { t, language } = useI18n();
  const common = { id, name, className: className ?? 'input', 'aria-label': ariaLabel, ...aria };
  switch (kind) {
    case 'textarea':
      return <textarea {...common} rows={4} value={value} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />;
    case 'date':
    case 'datetime':
    case 'month': {
      const props = { id, name, value, onChange, className: className ?? 'input', ...(ariaLabel ? { ariaLabel } : {}), ...(aria ? { aria } : {}) };
      const named = label ?? ariaLabel ?? '';
      if (kind === 'date') return <DateInput {...props} />;
      if (kind === 'datetime') return <DateTimeInput {...props} label={named} />;
      return <MonthInput {...props} label={named} />;
    }
    case 'year':
      return <input {...common} type="text" inputMode="numeric" maxLength={4} value={value} onChange={(e) => onChange(e.target.value)} />;
    case 'integer':
    case 'decimal':
    case 'percent':
      return <input {...common} type="text" inputMode="decimal" maxLength={32} value={value} onChange={(e) => onChange(e.target.value)} />;
    case 'choice': {
      const list = options ?? [];
      const isKnown = value === '' || list.some((o) => o.value === value);
      return (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('lap.field.choose')}</option>
          {list.map((o) => (
            <option key={o.value} value={o.value}>
              {labelOf(o, language)}
            </option>
          ))}
          {isKnown ? null : <option value={value}>{t('lap.field.unknownOption', { value })}</option>}
        </select>
      );
    }
    default: {
      const listId = suggestions?.length ? `${id}-suggestions` : undefined;
      return (
        <>
          <input {...common} type="text" value={value} maxLength={maxLength} list={listId} onChange={(e) => onChange(e.target.value)} />
          {listId ? (
            <datalist id={listId}>
              {suggestions?.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          ) : null}
        </>
      );
    }
  }
}
