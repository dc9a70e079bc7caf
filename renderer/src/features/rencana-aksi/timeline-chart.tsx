import { memo, useState } from 'react';
import type { PlanTimeline } from '@core/domain/rencana-aksi/timeline';
import { useT } from '../../i18n/i18n-context';
import type { Translate } from '../../i18n/catalog';
import { shortLabel } from './totals-view';

const WIDTH = 1000;
const LABEL_WIDTH = 260;
const ROW = 20;
const HEAD = 24;
/** Above this many stages the chart shows one bar per output (the table below has every stage). */
export const STAGE_ROWS_LIMIT = 120;

function monthShort(t: Translate, month: number): string {
  return t(`ra.monthShort.${month}` as 'ra.monthShort.1');
}

function monthLong(t: Translate, month: number): string {
  return t(`month.${month}` as 'month.1');
}

/**
 * The stages by month over the plan year (January to December), from
 * timeline.ts: an SVG Gantt drawn by React. Stages without a readable durasi
 * are a hollow diamond; a stage past 31 December ends in an arrow.
 */
export const TimelineChart = memo(function TimelineChart({ timeline }: { timeline: PlanTimeline }) {
  const t = useT();
  const [isTableOpen, setIsTableOpen] = useState(false);
  const isByStage = timeline.bars.length <= STAGE_ROWS_LIMIT;
  const span = WIDTH - LABEL_WIDTH;
  const x = (day: number) => LABEL_WIDTH + (Math.min(day, timeline.daysInYear) / timeline.daysInYear) * span;

  type Line = { key: string; label: string; isOutput: boolean; start: number; end: number; isUnscheduled: boolean; isPast: boolean; title: string };
  const lines: Line[] = [];
  for (const o of timeline.outputs) {
    const name = o.name || t('ra.output.unnamed');
    lines.push({
      key: `o-${o.activity}-${o.output}`,
      label: name,
      isOutput: true,
      start: o.startDay,
      end: o.endDay,
      isUnscheduled: o.bars.length > 0 && o.bars.every((b) => b.isUnscheduled),
      isPast: o.isPastYearEnd,
      title: t('ra.timeline.barTitle', { name, from: monthLong(t, o.startMonth), to: monthLong(t, o.endMonth) }),
    });
    if (!isByStage) continue;
    for (const b of o.bars) {
      const tahap = b.tahap || t('ra.timeline.unnamedStage');
      lines.push({
        key: `s-${b.activity}-${b.output}-${b.stage}`,
        label: tahap,
        isOutput: false,
        start: b.startDay,
        end: b.endDay,
        isUnscheduled: b.isUnscheduled,
        isPast: b.isPastYearEnd,
        title: b.isUnscheduled
          ? t('ra.timeline.unscheduledTitle', { name: tahap })
          : t('ra.timeline.barTitle', { name: tahap, from: monthLong(t, b.startMonth), to: monthLong(t, b.endMonth) }),
      });
    }
  }
  const height = HEAD + lines.length * ROW + 6;

  return (
    <div className="ra-timeline">
      {timeline.unscheduledCount > 0 || timeline.pastYearEndCount > 0 ? (
        <p className="ra-panel-lead">
          {t('ra.timeline.notes', { unscheduled: timeline.unscheduledCount, pastYearEnd: timeline.pastYearEndCount })}
        </p>
      ) : null}
      {!isByStage ? <p className="ra-panel-lead">{t('ra.timeline.byOutputOnly', { count: timeline.bars.length })}</p> : null}
      <div className="ra-chart-scroll">
        <svg className="ra-chart ra-gantt" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-label={t('ra.timeline.label', { year: timeline.year })} data-testid="ra-gantt">
          {Array.from({ length: 12 }, (_, i) => {
            const start = timeline.monthStarts[i] ?? 0;
            const end = timeline.monthStarts[i + 1] ?? timeline.daysInYear;
            return (
              <g key={i}>
                <rect x={x(start)} y={0} width={x(end) - x(start)} height={height} className={i % 2 === 0 ? 'ra-gantt-month' : 'ra-gantt-month ra-gantt-month-alt'} />
                <text x={(x(start) + x(end)) / 2} y={HEAD / 2 + 1} className="ra-gantt-head" textAnchor="middle" dominantBaseline="middle">
                  {monthShort(t, i + 1)}
                </text>
              </g>
            );
          })}
          {lines.map((line, i) => {
            const y = HEAD + i * ROW;
            const x1 = x(line.start);
            const x2 = x(line.end);
            return (
              <g key={line.key}>
                <title>{line.title}</title>
                <text x={line.isOutput ? 6 : 18} y={y + ROW / 2} className={line.isOutput ? 'ra-gantt-label ra-gantt-label-output' : 'ra-gantt-label'} dominantBaseline="middle">
                  {shortLabel(line.label, line.isOutput ? 38 : 36)}
                </text>
                {line.isUnscheduled || x2 - x1 < 0.5 ? (
                  <path d={`M ${x1} ${y + 4} l 6 6 l -6 6 l -6 -6 z`} className="ra-gantt-unscheduled" />
                ) : (
                  <rect x={x1} y={y + (line.isOutput ? 5 : 4)} width={Math.max(2, x2 - x1)} height={line.isOutput ? ROW - 10 : ROW - 8} rx={2} className={line.isOutput ? 'ra-gantt-bar ra-gantt-bar-output' : 'ra-gantt-bar'} />
                )}
                {line.isPast ? <path d={`M ${WIDTH - 10} ${y + 4} l 8 6 l -8 6 z`} className="ra-gantt-past" /> : null}
              </g>
            );
          })}
        </svg>
      </div>
      <details className="ra-timeline-table" onToggle={(e) => setIsTableOpen(e.currentTarget.open)}>
        <summary>{t('ra.timeline.asTable')}</summary>
        {isTableOpen ? (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('ra.col.output')}</th>
                <th scope="col">{t('ra.col.tahap')}</th>
                <th scope="col">{t('ra.timeline.days')}</th>
                <th scope="col">{t('ra.timeline.from')}</th>
                <th scope="col">{t('ra.timeline.to')}</th>
              </tr>
            </thead>
            <tbody>
              {timeline.outputs.flatMap((o) =>
                o.bars.map((b) => (
                  <tr key={`${b.activity}-${b.output}-${b.stage}`}>
                    <td>{o.name}</td>
                    <td>{b.tahap}</td>
                    <td>{b.isUnscheduled ? t('ra.timeline.unscheduled') : b.days}</td>
                    <td>{b.isUnscheduled ? '–' : monthLong(t, b.startMonth)}</td>
                    <td>{b.isUnscheduled ? '–' : `${monthLong(t, b.endMonth)}${b.isPastYearEnd ? ` ${t('ra.timeline.pastYearEnd')}` : ''}`}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        ) : null}
      </details>
    </div>
  );
});
