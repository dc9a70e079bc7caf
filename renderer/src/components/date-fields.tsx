import { useState } from 'react';
import { formatDateTyped, formatTimeTyped, parseDateTyped, parseTimeTyped } from '@core/domain/format/date-input';
import { useI18n } from '../i18n/i18n-context';
import { CalendarPopup } from './calendar-popup';

type Aria = { 'aria-describedby'?: string; 'aria-invalid'?: true; 'aria-required'?: true };

interface Common {
  id: string;
  name: string;
  className?: string | undefined;
  /** The visible label lives elsewhere (a table header): name it for screen readers. */
  ariaLabel?: string;
  aria?: Aria;
  isDisabled?: boolean;
}

/**
 * Text shown in a field whose stored value is canonical (ISO): what the
 * officer typed stays on screen until it is a whole value, and a value that
 * arrives from outside (loaded, picked, reset) replaces it.
 */
function useTypedText(value: string, show: (stored: string) => string): [string, (text: string, stored: string) => void] {
  const [text, setText] = useState(() => show(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setText(show(value));
  }
  return [
    text,
    (next, stored) => {
      setText(next);
      setSeen(stored);
    },
  ];
}

/** What a date field stores: "YYYY-MM-DD" once the text is a date, else the text itself (so the form's checks can name it). */
function storedDate(text: string): string {
  return parseDateTyped(text) ?? text.trim();
}

export interface DateInputProps extends Common {
  /** "YYYY-MM-DD", '' or what was typed. */
  value: string;
  onChange(value: string): void;
  min?: string;
  max?: string;
  /** Today ("YYYY-MM-DD") on the workspace's clock: where the calendar opens for an empty field. */
  today?: string;
}

/**
 * A date typed day first ("17/06/2021") or picked from a calendar with
 * Indonesian month names, whatever the browser's locale; stored as
 * "2021-06-17". Replaces <input type="date">, which follows the OS locale.
 */
export function DateInput({ id, name, value, onChange, min, max, today, className, ariaLabel, aria, isDisabled }: DateInputProps) {
  const { t, isoDate } = useI18n();
  const [text, setTyped] = useTypedText(value, formatDateTyped);
  const [isOpen, setIsOpen] = useState(false);
  const emit = (next: string) => {
    const stored = storedDate(next);
    setTyped(next, stored);
    onChange(stored);
  };
  const close = () => {
    setIsOpen(false);
    document.getElementById(id)?.focus();
  };
  const start = parseDateTyped(text) ?? today ?? isoDate(new Date());
  return (
    <span className="date-input">
      <input
        id={id}
        name={name}
        type="text"
        className={className ?? 'input'}
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('date.placeholder')}
        maxLength={20}
        value={text}
        disabled={isDisabled}
        aria-label={ariaLabel}
        onChange={(e) => emit(e.target.value)}
        onBlur={() => {
          const parsed = parseDateTyped(text);
          if (parsed) setTyped(formatDateTyped(parsed), parsed);
        }}
        {...aria}
      />
      <button type="button" className="date-input-pick" aria-label={t('date.pick')} title={t('date.pick')} aria-expanded={isOpen} disabled={isDisabled} onClick={() => setIsOpen((o) => !o)}>
        <span aria-hidden="true">▦</span>
      </button>
      {isOpen ? (
        <CalendarPopup
          initial={start}
          {...(min ? { min } : {})}
          {...(max ? { max } : {})}
          onClose={close}
          onPick={(iso) => {
            setTyped(formatDateTyped(iso), iso);
            onChange(iso);
            close();
          }}
        />
      ) : null}
    </span>
  );
}

/** The stored "2026-11-21T07:30" (or "2026-11-21 07:30") as a date and the time as typed ("07.30"). */
function splitDateTime(value: string): { date: string; time: string } {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2})?$/.exec(value.trim());
  return m ? { date: m[1] as string, time: formatTimeTyped(m[2] as string) } : { date: value.trim(), time: '' };
}

/** "2026-11-21T07:30" once both parts are whole, else both texts (so the form's checks can name them). */
function combineDateTime(date: string, time: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
  const clock = parseTimeTyped(time);
  if (d && clock) return `${d}T${clock}`;
  return `${date} ${time}`.trim();
}

/**
 * A date and a 24-hour time ("21/11/2026", "07.30"), stored as
 * "2026-11-21T07:30". Replaces <input type="datetime-local">, which shows
 * AM/PM on an English-locale machine.
 */
export function DateTimeInput({ id, name, value, onChange, className, ariaLabel, aria, isDisabled, label, today }: Common & { value: string; onChange(value: string): void; label: string; today?: string }) {
  const t = useI18n().t;
  const [parts, setParts] = useState(() => splitDateTime(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setParts(splitDateTime(value));
  }
  const update = (next: { date: string; time: string }) => {
    const combined = combineDateTime(next.date, next.time);
    setParts(next);
    setSeen(combined);
    onChange(combined);
  };
  return (
    <span className="datetime-input">
      <DateInput
        id={id}
        name={name}
        value={parts.date}
        className={className}
        {...(ariaLabel ? { ariaLabel } : {})}
        {...(aria ? { aria } : {})}
        {...(isDisabled ? { isDisabled } : {})}
        {...(today ? { today } : {})}
        onChange={(date) => update({ ...parts, date })}
      />
      <input
        id={`${id}-time`}
        name={`${name}-time`}
        type="text"
        className={`${className ?? 'input'} time-input`}
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('time.placeholder')}
        maxLength={5}
        value={parts.time}
        disabled={isDisabled}
        aria-label={t('time.of', { field: label })}
        aria-invalid={aria?.['aria-invalid']}
        onChange={(e) => update({ ...parts, time: e.target.value })}
        onBlur={() => {
          const clock = parseTimeTyped(parts.time);
          if (clock) setParts({ ...parts, time: formatTimeTyped(clock) });
        }}
      />
    </span>
  );
}

/**
 * A month and a year ("Juli" "2026"), stored as "2026-07". Replaces
 * <input type="month">, whose look and month names follow the OS locale.
 */
export function MonthInput({ id, name, value, onChange, className, ariaLabel, aria, isDisabled, label }: Common & { value: string; onChange(value: string): void; label: string }) {
  const t = useI18n().t;
  const m = /^(\d{0,4})-(\d{0,2})$/.exec(value.trim());
  const year = m ? (m[1] as string) : '';
  const month = m ? (m[2] as string) : '';
  const emit = (y: string, mo: string) => onChange(y === '' && mo === '' ? '' : `${y}-${mo}`);
  return (
    <span className="month-input">
      <select id={id} name={name} className={className ?? 'input'} value={month} disabled={isDisabled} aria-label={ariaLabel} onChange={(e) => emit(year, e.target.value)} {...aria}>
        <option value="">{t('date.monthChoose')}</option>
        {Array.from({ length: 12 }, (_, i) => (
          <option key={i} value={String(i + 1).padStart(2, '0')}>
            {t(`month.${i + 1}` as 'month.1')}
          </option>
        ))}
      </select>
      <input
        id={`${id}-year`}
        name={`${name}-year`}
        type="text"
        className={`${className ?? 'input'} year-input`}
        inputMode="numeric"
        maxLength={4}
        autoComplete="off"
        placeholder={t('date.yearPlaceholder')}
        value={year}
        disabled={isDisabled}
        aria-label={t('date.yearOf', { field: label })}
        aria-invalid={aria?.['aria-invalid']}
        onChange={(e) => emit(e.target.value.replace(/\D/g, ''), month)}
      />
    </span>
  );
}
