import type { TableRow } from '@core/domain/reports';
import { useI18n } from '../../i18n/i18n-context';

/** Devices shown per page: a register holds up to 24,000. */
export const ASSET_PAGE_SIZE = 50;

interface AssetTableProps {
  label: string;
  /** The devices of this page, with their index in the whole register. */
  entries: { row: TableRow; index: number }[];
  /** Findings by 1-based row. */
  rowProblems: ReadonlyMap<number, string[]>;
  isDisabled: boolean;
  colLabel(key: string): string;
  kondisiLabel(value: string): string;
  onEdit(index: number, row: TableRow): void;
  onRemove(index: number): void;
}

/** One page of the register: code, device, serial, year, condition and place, a row with findings marked. */
export function AssetTable({ label, entries, rowProblems, isDisabled, colLabel, kondisiLabel, onEdit, onRemove }: AssetTableProps) {
  const { t } = useI18n();
  return (
    <div className="lap-table-scroll">
      <table className="data-table lap-asset-table" data-testid="asset-table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-number">
              {t('table.number')}
            </th>
            <th scope="col">{t('lap.assets.colCode')}</th>
            <th scope="col">{t('lap.assets.colDevice')}</th>
            <th scope="col">{colLabel('nomorSeri')}</th>
            <th scope="col">{t('lap.assets.colYear')}</th>
            <th scope="col">{colLabel('kondisi')}</th>
            <th scope="col">{t('lap.assets.colPlace')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('lap.table.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map(({ row, index }) => {
            const problems = rowProblems.get(index + 1);
            return (
              <tr key={row.id || index} className={problems ? 'lap-row-problem' : undefined} title={problems?.join('\n')}>
                <td className="col-number">{index + 1}</td>
                <td>
                  {row.cells.kodeBarang ?? ''}
                  {row.cells.register ? <span className="lap-sub">{t('lap.assets.register', { register: row.cells.register })}</span> : null}
                </td>
                <td>
                  <span className="lap-strong">{row.cells.merekTipe ?? ''}</span>
                  <span className="lap-sub">{row.cells.kategori ?? ''}</span>
                  {row.cells.keterangan ? <span className="lap-sub lap-note">{row.cells.keterangan}</span> : null}
                </td>
                <td className="lap-serial">{row.cells.nomorSeri ?? ''}</td>
                <td>{row.cells.tahunPerolehan ?? ''}</td>
                <td className={`lap-kondisi-cell lap-kondisi-${row.cells.kondisi ?? ''}`}>{kondisiLabel(row.cells.kondisi ?? '')}</td>
                <td>
                  {row.cells.lokasi ?? ''}
                  {row.cells.pengguna ? <span className="lap-sub">{row.cells.pengguna}</span> : null}
                </td>
                <td className="lap-row-actions">
                  <button
                    type="button"
                    className="button button-secondary lap-button-sm"
                    disabled={isDisabled}
                    onClick={() => onEdit(index, row)}
                    aria-label={t('lap.assets.editNamed', { row: index + 1 })}
                  >
                    {t('lap.assets.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary lap-button-sm"
                    disabled={isDisabled}
                    onClick={() => onRemove(index)}
                    aria-label={t('lap.assets.removeNamed', { row: index + 1 })}
                  >
                    {t('lap.assets.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Which page of the (filtered) register is shown, and the way to the others. */
export function AssetPager({ page, pages, total, onPage }: { page: number; pages: number; total: number; onPage(page: number): void }) {
  const { t } = useI18n();
  return (
    <nav className="lap-pager" aria-label={t('lap.assets.pages')}>
      <button type="button" className="button button-secondary lap-button-sm" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('lap.assets.prev')}
      </button>
      <span aria-live="polite">
        {t('lap.assets.pageOf', {
          page: page + 1,
          pages,
          from: total ? page * ASSET_PAGE_SIZE + 1 : 0,
          to: Math.min(total, (page + 1) * ASSET_PAGE_SIZE),
          total,
        })}
      </span>
      <button type="button" className="button button-secondary lap-button-sm" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t('lap.assets.next')}
      </button>
    </nav>
  );
}
