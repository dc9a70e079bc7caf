/**
 * The rows of the rencana aksi chart, from the plan's schedule as the
 * rencana aksi domain derives it (planTimeline: every output from the 1st of its start month,
 * stages one after another by their durasi), so the PDF shows the same
 * schedule as the editor's Gantt chart.
 */
import type { RencanaAksiPlan } from '../../domain/rencana-aksi/model';
import { planTimeline } from '../../domain/rencana-aksi/timeline';
import { shortMonthName } from '../../domain/signing/indonesian-date';

export interface TimelineItem {
  label: string;
  isGroup: boolean;
  /** 0-based months of the plan year (0 = January). */
  months: number[];
  hasUnknownDuration: boolean;
}

export interface Timeline {
  periods: string[];
  periodsHeader: string;
  items: TimelineItem[];
  /** Stages that run past 31 December of the plan year. */
  pastYearEndCount: number;
  unscheduledCount: number;
}

/** Months from..to (1-12) as 0-based column indices. */
const span = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from - 1 + i);

export function buildTimeline(plan: RencanaAksiPlan): Timeline {
  const schedule = planTimeline(plan);
  const items: TimelineItem[] = [];
  for (const output of schedule.outputs) {
    const number = `${output.activity + 1}.${output.output + 1}`;
    const scheduled = output.bars.filter((b) => !b.isUnscheduled);
    items.push({
      label: `${number} ${output.name || '(output tanpa nama)'}`,
      isGroup: true,
      months: scheduled.length ? span(output.startMonth, output.endMonth) : [],
      hasUnknownDuration: output.bars.some((b) => b.isUnscheduled),
    });
    for (const bar of output.bars) {
      items.push({
        label: `${number}.${bar.stage + 1} ${bar.tahap || '(tahap tanpa nama)'}`,
        isGroup: false,
        months: bar.isUnscheduled ? [] : span(bar.startMonth, bar.endMonth),
        hasUnknownDuration: bar.isUnscheduled,
      });
    }
  }
  return {
    periods: span(1, 12).map((m) => shortMonthName(m + 1)),
    periodsHeader: `Tahun ${plan.year}`,
    items,
    pastYearEndCount: schedule.pastYearEndCount,
    unscheduledCount: schedule.unscheduledCount,
  };
}
