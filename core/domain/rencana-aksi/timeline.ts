/**
 * The schedule of a plan by month, for the editor's Gantt chart and the PDF.
 *
 * The Prabumulih form (Penjelasan Pasal 6 ayat (4)) gives each stage a Durasi
 * but no start date, so the schedule is derived: an output starts on the 1st
 * of its start month (set in the editor; January when not set) and its
 * stages run one after the other, in the order written. A stage lasts its days per occurrence times its occurrences
 * ("2 Hari, 5 Kali" = 10 days; 1 bulan = 30 days, see duration.ts) on the
 * calendar of the plan year (leap years included). A stage whose durasi is
 * empty or unreadable gets no length and is marked, never guessed at.
 */
import type { Durasi, RencanaAksiPlan } from './model';
import { readDurasi } from './duration';

export interface TimelineBar {
  activity: number;
  output: number;
  stage: number;
  tahap: string;
  /** Days since 1 January of the plan year: start inclusive, end exclusive (may be fractional, may pass the year's end). */
  startDay: number;
  endDay: number;
  /** The months (1–12) the stage touches, clamped to the plan year. */
  startMonth: number;
  endMonth: number;
  /** Total length in days (days per occurrence × occurrences); 0 when unscheduled. */
  days: number;
  /** The durasi is empty or unreadable: the bar has no length and does not move later stages. */
  isUnscheduled: boolean;
  /** The stage ends after 31 December: the output's stages do not fit in the plan year. */
  isPastYearEnd: boolean;
}

export interface TimelineOutput {
  activity: number;
  output: number;
  name: string;
  /** Span of the output's stages (the first starts on the 1st of the output's start month). */
  startDay: number;
  endDay: number;
  startMonth: number;
  endMonth: number;
  isPastYearEnd: boolean;
  bars: TimelineBar[];
}

export interface PlanTimeline {
  year: number;
  /** 365 or 366. */
  daysInYear: number;
  /** First day (0-based, since 1 January) of each month; index 0 is January, index 12 is daysInYear. */
  monthStarts: number[];
  outputs: TimelineOutput[];
  /** Every stage bar, in plan order. */
  bars: TimelineBar[];
  unscheduledCount: number;
  pastYearEndCount: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** First day of every month of `year` as days since 1 January, plus the year's length at index 12. */
export function monthStartsOf(year: number): number[] {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const starts = [0];
  for (const length of lengths) starts.push((starts[starts.length - 1] ?? 0) + length);
  return starts;
}

/** The month (1–12) holding day `day` (0-based since 1 January); days outside the year clamp to January or December. */
export function monthOfDay(monthStarts: readonly number[], day: number): number {
  for (let m = 1; m <= 12; m++) if (day < (monthStarts[m] ?? Infinity)) return m;
  return 12;
}

/**
 * Total days of a durasi: the model's derived numbers when present, else read
 * from the text (an edit in progress may not have derived them yet).
 */
export function durasiDays(durasi: Durasi): number | undefined {
  let days = durasi.days;
  let times = durasi.times;
  if (days === undefined && durasi.text.trim() !== '') {
    const reading = readDurasi(durasi.text);
    if (reading.status === 'ok') {
      days = reading.value.days;
      times = reading.value.times;
    }
  }
  if (days === undefined || !Number.isFinite(days) || days <= 0) return undefined;
  return days * (times ?? 1);
}

export function planTimeline(plan: RencanaAksiPlan): PlanTimeline {
  const monthStarts = monthStartsOf(plan.year);
  const daysInYear = monthStarts[12] ?? 365;
  const lastMonthOf = (start: number, end: number) => {
    // The last day occupied is the one before `end` (exclusive); a zero-length bar sits in its start month.
    const lastDay = end > start ? Math.ceil(end) - 1 : start;
    return monthOfDay(monthStarts, Math.max(lastDay, Math.floor(start)));
  };
  const outputs: TimelineOutput[] = [];
  const bars: TimelineBar[] = [];
  let unscheduledCount = 0;
  let pastYearEndCount = 0;

  plan.activities.forEach((activity, a) => {
    activity.outputs.forEach((output, o) => {
      const start = monthStarts[(output.startMonth ?? 1) - 1] ?? 0;
      let cursor = start;
      const outputBars: TimelineBar[] = [];
      output.stages.forEach((stage, s) => {
        const days = durasiDays(stage.durasi);
        const startDay = cursor;
        const endDay = days === undefined ? cursor : cursor + days;
        const isPastYearEnd = endDay > daysInYear;
        const bar: TimelineBar = {
          activity: a,
          output: o,
          stage: s,
          tahap: stage.tahap,
          startDay,
          endDay,
          startMonth: monthOfDay(monthStarts, Math.floor(startDay)),
          endMonth: lastMonthOf(startDay, endDay),
          days: days ?? 0,
          isUnscheduled: days === undefined,
          isPastYearEnd,
        };
        if (bar.isUnscheduled) unscheduledCount++;
        if (isPastYearEnd) pastYearEndCount++;
        cursor = endDay;
        outputBars.push(bar);
        bars.push(bar);
      });
      outputs.push({
        activity: a,
        output: o,
        name: output.name,
        startDay: start,
        endDay: cursor,
        startMonth: monthOfDay(monthStarts, start),
        endMonth: lastMonthOf(start, cursor),
        isPastYearEnd: cursor > daysInYear,
        bars: outputBars,
      });
    });
  });

  return { year: plan.year, daysInYear, monthStarts, outputs, bars, unscheduledCount, pastYearEndCount };
}
