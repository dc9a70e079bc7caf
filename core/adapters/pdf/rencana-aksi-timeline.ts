/**
 * The schedule the rencana aksi chart shows. A plan gives each stage a
 * duration but no dates, so stages are laid end to end within their output,
 * every output starting in January of the plan's year, in 30-day months (the
 * same conversion as the durasi reading: 1 bulan = 30 hari). The chart says
 * so in its caption.
 */
import type { RencanaAksiPlan } from '../../domain/rencana-aksi/model';
import { totalDays } from '../../domain/rencana-aksi/duration';
import { shortMonthName } from '../../domain/signing/indonesian-date';

export interface TimelineItem {
  label: string;
  isGroup: boolean;
  /** 0-based months from January of the plan year. */
  months: number[];
  hasUnknownDuration: boolean;
}

export interface Timeline {
  periods: string[];
  periodsHeader: string;
  items: TimelineItem[];
  /** Months beyond the last column (work that runs past the chart). */
  overflowMonths: number;
}

export const maxTimelineMonths = 24;

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

export function buildTimeline(plan: RencanaAksiPlan): Timeline {
  const items: TimelineItem[] = [];
  let lastMonth = 11;
  plan.activities.forEach((activity, a) => {
    activity.outputs.forEach((output, o) => {
      const group: TimelineItem = { label: `${a + 1}.${o + 1} ${output.name || '(output tanpa nama)'}`, isGroup: true, months: [], hasUnknownDuration: false };
      items.push(group);
      let day = 0;
      output.stages.forEach((stage, s) => {
        const days = totalDays(stage.durasi);
        const label = `${a + 1}.${o + 1}.${s + 1} ${stage.tahap || '(tahap tanpa nama)'}`;
        if (days === undefined || days <= 0) {
          items.push({ label, isGroup: false, months: [], hasUnknownDuration: true });
          group.hasUnknownDuration = true;
          return;
        }
        const first = Math.floor(day / 30);
        const last = Math.floor((day + days - 1) / 30);
        day += days;
        lastMonth = Math.max(lastMonth, last);
        const months = range(first, last);
        items.push({ label, isGroup: false, months, hasUnknownDuration: false });
        for (const m of months) if (!group.months.includes(m)) group.months.push(m);
      });
    });
  });
  const shown = Math.min(lastMonth + 1, maxTimelineMonths);
  const periods = range(0, shown - 1).map((m) => {
    const name = shortMonthName((m % 12) + 1);
    return shown > 12 ? `${name} ${String((plan.year + Math.floor(m / 12)) % 100).padStart(2, '0')}` : name;
  });
  for (const item of items) item.months = item.months.filter((m) => m < shown).sort((x, y) => x - y);
  const endYear = plan.year + Math.floor((shown - 1) / 12);
  return {
    periods,
    periodsHeader: endYear === plan.year ? `Tahun ${plan.year}` : `Tahun ${plan.year}–${endYear}`,
    items,
    overflowMonths: Math.max(0, lastMonth + 1 - shown),
  };
}
