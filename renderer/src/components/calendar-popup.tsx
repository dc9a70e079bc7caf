import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/i18n-context';

const two = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number) => isoOf(new Date(dateOf(iso).getTime() + days * 86_400_000));

function addMonths(iso: string, months: number): string {
  const d = dateOf(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return isoOf(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay))));
}

/** Monday = 0 … Sunday = 6: the week as Indonesian office calendars print it, Senin first. */
const weekdayOf = (iso: string) => (dateOf(iso).getUTCDay() + 6) % 7;

interface CalendarProps {
  /** The day shown first: the field's date, else today. */
  initial: string;
  min?: string;
  max?: string;
  onPick(iso: string): void;
  onClose(): void;
}

/**
 * A month of days with Indonesian names, for our own date fields (the
 * browser's picker follows the OS locale: mm/dd/yyyy, English months).
 * Keyboard as in the WAI-ARIA date picker: arrows move by day and week,
 * Page Up/Down by month, Home/End to the week's ends, Enter picks, Escape
 * closes; focus returns to the field.
 */
export function CalendarPopup({ initial, min, max, onPick, onClose }: CalendarProps) {
  const t = useT();
  const titleId = useId();
  const [focused, setFocused] = useState(initial);
  const grid = useRef<HTMLTableElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const isAllowed = (iso: string) => (!min || iso >= min) && (!max || iso <= max);

  useEffect(() => {
    grid.current?.querySelector<HTMLButtonElement>(`[data-day="${focused}"]`)?.focus();
  }, [focused]);

  useEffect(() => {
    const outside = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [onClose]);

  const d = dateOf(focused);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const first = `${year}-${two(month)}-01`;
  const start = addDays(first, -weekdayOf(first));
  const weeks: string[][] = [];
  for (let w = 0; w < 6; w++) {
    const week = Array.from({ length: 7 }, (_, i) => addDays(start, w * 7 + i));
    if (w > 0 && !week.some((day) => day.slice(0, 7) === first.slice(0, 7))) break;
    weeks.push(week);
  }

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focused, -1),
      ArrowRight: () => addDays(focused, 1),
      ArrowUp: () => addDays(focused, -7),
      ArrowDown: () => addDays(focused, 7),
      PageUp: () => addMonths(focused, -1),
      PageDown: () => addMonths(focused, 1),
      Home: () => addDays(focused, -weekdayOf(focused)),
      End: () => addDays(focused, 6 - weekdayOf(focused)),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setFocused(move());
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="calendar" role="dialog" aria-modal="false" aria-labelledby={titleId} ref={box} onKeyDown={onKey} data-testid="calendar">
      <div className="calendar-head">
        <button type="button" className="calendar-nav" aria-label={t('date.prevMonth')} onClick={() => setFocused(addMonths(focused, -1))}>
          ‹
        </button>
        <span id={titleId} className="calendar-title" aria-live="polite">
          {t(`month.${month}` as 'month.1')} {year}
        </span>
        <button type="button" className="calendar-nav" aria-label={t('date.nextMonth')} onClick={() => setFocused(addMonths(focused, 1))}>
          ›
        </button>
      </div>
      <table className="calendar-grid" role="grid" aria-labelledby={titleId} ref={grid}>
        <thead>
          <tr>
            {[1, 2, 3, 4, 5, 6, 7].map((n) => (
              <th key={n} scope="col" abbr={t(`date.weekday.${n}` as 'date.weekday.1')}>
                {t(`date.weekdayShort.${n}` as 'date.weekdayShort.1')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const isOther = day.slice(0, 7) !== first.slice(0, 7);
                return (
                  <td key={day}>
                    <button
                      type="button"
                      className={isOther ? 'calendar-day calendar-day-other' : 'calendar-day'}
                      data-day={day}
                      tabIndex={day === focused ? 0 : -1}
                      aria-selected={day === initial}
                      aria-label={`${Number(day.slice(8))} ${t(`month.${Number(day.slice(5, 7))}` as 'month.1')} ${day.slice(0, 4)}`}
                      disabled={!isAllowed(day)}
                      onClick={() => onPick(day)}
                      onFocus={() => day !== focused && setFocused(day)}
                    >
                      {Number(day.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
