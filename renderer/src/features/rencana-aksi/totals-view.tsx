import { memo } from 'react';
import { FUNDING_SOURCES, FUNDING_SOURCE_LABELS, type PlanTotals, type RencanaAksiPlan } from '@core/domain/rencana-aksi';
import { useI18n } from '../../i18n/i18n-context';
import { TableFrame } from '../../components/table-frame';

/** Overall total and the five funding sources (Prabumulih 6(3), Pontianak 14): always all five, in order. */
export const TotalsStrip = memo(function TotalsStrip({ totals, stageCount }: { totals: PlanTotals; stageCount: number }) {
  const { t, rupiah } = useI18n();
  return (
    <dl className="ra-totals" data-testid="ra-totals">
      <div className="ra-total-main">
        <dt>{t('ra.totals.total')}</dt>
        <dd data-testid="ra-total">{rupiah(totals.total)}</dd>
      </div>
      {FUNDING_SOURCES.map((source) => (
        <div key={source} data-source={source}>
          <dt>{FUNDING_SOURCE_LABELS[source]}</dt>
          <dd>{rupiah(totals.bySource[source] ?? 0)}</dd>
        </div>
      ))}
      {totals.unattributed > 0 ? (
        <div>
          <dt>{t('ra.totals.unattributed')}</dt>
          <dd>{rupiah(totals.unattributed)}</dd>
        </div>
      ) : null}
      <div className="ra-total-note">
        <dt>{t('ra.totals.stages')}</dt>
        <dd>{stageCount}</dd>
      </div>
      {totals.unreadableCount + totals.missingCount > 0 ? (
        <div className="ra-total-note">
          <dt>{t('ra.totals.notCounted')}</dt>
          <dd>{t('ra.totals.notCountedValue', { unreadable: totals.unreadableCount, missing: totals.missingCount })}</dd>
        </div>
      ) : null}
    </dl>
  );
});

/** Short label for a chart row: the output's name, cut with an ellipsis. */
export function shortLabel(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

const BAR_ROW = 24;
const LABEL_WIDTH = 230;
const CHART_WIDTH = 760;
const AMOUNT_SPACE = 130;

/**
 * Budget per output as horizontal bars with Rupiah labels, drawn by React (no
 * chart library). Decorative for assistive technology: the table beside it
 * holds the same numbers.
 */
export const BudgetChart = memo(function BudgetChart({ totals, plan }: { totals: PlanTotals; plan: RencanaAksiPlan }) {
  const { t, rupiah } = useI18n();
  const rows = totals.byOutput;
  const max = Math.max(1, ...rows.map((r) => r.subtotal));
  const barSpace = CHART_WIDTH - LABEL_WIDTH - AMOUNT_SPACE;
  const height = rows.length * BAR_ROW + 8;
  return (
    <svg
      className="ra-chart ra-budget-chart"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width={CHART_WIDTH}
      height={height}
      role="img"
      aria-label={t('ra.chart.budgetLabel')}
      data-testid="ra-budget-chart"
    >
      {rows.map((r, i) => {
        const y = 4 + i * BAR_ROW;
        const width = r.subtotal > 0 ? Math.max(2, (r.subtotal / max) * barSpace) : 0;
        const name = r.name || t('ra.output.unnamed');
        const activityName = plan.activities[r.activity]?.name ?? '';
        return (
          <g key={`${r.activity}-${r.output}`} data-output={i}>
            <title>{`${activityName ? `${activityName} — ` : ''}${name}: ${rupiah(r.subtotal)}`}</title>
            <text x={LABEL_WIDTH - 8} y={y + BAR_ROW / 2} className="ra-chart-label" textAnchor="end" dominantBaseline="middle">
              {shortLabel(name, 32)}
            </text>
            <rect x={LABEL_WIDTH} y={y + 4} width={width} height={BAR_ROW - 8} className="ra-chart-bar" rx={2} />
            <text x={LABEL_WIDTH + width + 6} y={y + BAR_ROW / 2} className="ra-chart-amount" dominantBaseline="middle">
              {rupiah(r.subtotal)}
            </text>
          </g>
        );
      })}
    </svg>
  );
});

/** The same numbers as the chart, per output and funding source, with the plan total at the foot. */
export const OutputTotalsTable = memo(function OutputTotalsTable({ totals, plan }: { totals: PlanTotals; plan: RencanaAksiPlan }) {
  const { t, rupiah } = useI18n();
  return (
    <TableFrame label={t('ra.totals.byOutputCaption')}>
      <table className="data-table ra-output-totals">
        <caption>{t('ra.totals.byOutputCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ra.col.output')}</th>
            {FUNDING_SOURCES.map((s) => (
              <th scope="col" key={s} className="ra-num">
                {FUNDING_SOURCE_LABELS[s]}
              </th>
            ))}
            <th scope="col" className="ra-num">
              {t('ra.totals.subtotal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {totals.byOutput.map((r) => (
            <tr key={`${r.activity}-${r.output}`}>
              <th scope="row">
                <span className="ra-output-name">{r.name || t('ra.output.unnamed')}</span>
                <span className="ra-output-activity">{plan.activities[r.activity]?.name ?? ''}</span>
              </th>
              {FUNDING_SOURCES.map((s) => (
                <td key={s} className="ra-num">
                  {r.bySource[s] ? rupiah(r.bySource[s]) : '–'}
                </td>
              ))}
              <td className="ra-num">{rupiah(r.subtotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('ra.totals.total')}</th>
            {FUNDING_SOURCES.map((s) => (
              <td key={s} className="ra-num">
                {rupiah(totals.bySource[s] ?? 0)}
              </td>
            ))}
            <td className="ra-num">{rupiah(totals.total)}</td>
          </tr>
        </tfoot>
      </table>
    </TableFrame>
  );
});
