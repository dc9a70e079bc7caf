import type { FieldDef, TableDiff, TableRow } from '@core/domain/reports';
import { useI18n } from '../../i18n/i18n-context';
import { labelOf } from './labels';
import { TableFrame } from '../../components/table-frame';

const MAX_CHANGES_SHOWN = 100;

/** What changed in the register since the period it was carried from: devices added, removed, and changed field by field. */
export function AssetChanges({ changes, periodText, field }: { changes: TableDiff | null; periodText: string; field: FieldDef }) {
  const { t, language } = useI18n();
  const columns = new Map((field.columns ?? []).map((c) => [c.key, c]));
  if (!changes) return <p className="callout callout-info">{t('lap.changes.unavailable', { period: periodText })}</p>;
  const total = changes.added.length + changes.removed.length + changes.changed.length;
  const show = (column: string, value: string) => {
    const c = columns.get(column);
    const option = c?.options?.find((o) => o.value === value);
    return option ? labelOf(option, language) : value || t('lap.changes.empty');
  };
  const describe = (r: TableRow) => [r.cells.kodeBarang, r.cells.merekTipe, r.cells.nomorSeri].filter(Boolean).join(' · ');
  const items = [
    ...changes.added.map((a) => ({ key: `a${a.value.id}`, kind: t('lap.changes.added'), where: t('lap.changes.row', { row: a.row }), what: describe(a.value), detail: '' })),
    ...changes.removed.map((r) => ({ key: `r${r.value.id}`, kind: t('lap.changes.removed'), where: t('lap.changes.wasRow', { row: r.row }), what: describe(r.value), detail: '' })),
    ...changes.changed.map((c) => ({
      key: `c${c.id}`,
      kind: t('lap.changes.changed'),
      where: t('lap.changes.row', { row: c.row }),
      what: describe(c.after),
      detail: c.changes
        .map((x) =>
          t('lap.changes.field', {
            field: labelOf(columns.get(x.column) ?? { label: x.label, labelEn: x.label }, language),
            before: show(x.column, x.before),
            after: show(x.column, x.after),
          }),
        )
        .join('; '),
    })),
  ];
  return (
    <section className="lap-changes" data-testid="asset-changes" aria-label={t('lap.changes.title', { period: periodText })}>
      <h3>{t('lap.changes.title', { period: periodText })}</h3>
      <p data-testid="asset-changes-summary">
        {total === 0
          ? t('lap.changes.none', { unchanged: changes.unchangedCount })
          : t('lap.changes.summary', { added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length, unchanged: changes.unchangedCount })}
      </p>
      {items.length > 0 ? (
        <TableFrame label={t('lap.changes.title', { period: periodText })}>
          <table className="data-table lap-changes-table">
            <thead>
              <tr>
                <th scope="col">{t('lap.changes.kind')}</th>
                <th scope="col">{t('lap.changes.where')}</th>
                <th scope="col">{t('lap.changes.device')}</th>
                <th scope="col">{t('lap.changes.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, MAX_CHANGES_SHOWN).map((i) => (
                <tr key={i.key}>
                  <td>{i.kind}</td>
                  <td className="col-nowrap">{i.where}</td>
                  <td>{i.what}</td>
                  <td>{i.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}
      {items.length > MAX_CHANGES_SHOWN ? <p className="field-hint">{t('lap.changes.more', { count: items.length - MAX_CHANGES_SHOWN })}</p> : null}
    </section>
  );
}
