import { useId, useMemo, useState, type ChangeEvent } from 'react';
import type { AssetImportResponse } from '@core/api/contract-reports';
import { conditionCounts, type CarriedFrom, type FieldDef, type ReportFinding, type TableDiff, type TableRow } from '@core/domain/reports';
import { useI18n } from '../../i18n/i18n-context';
import { fileToBase64 } from '../../lib/files';
import { ScalarInput } from './field-input';
import { hintOf, labelOf } from './labels';
import { messageOf } from '../../lib/errors';
import { newRowId } from './table-field';

const PAGE_SIZE = 50;
const MAX_CHANGES_SHOWN = 100;
const ASSET_FILE_ACCEPT = '.xlsx,.csv,.tsv';
const MAX_ASSET_FILE_BYTES = 20 * 1024 * 1024;

interface AssetRegisterProps {
  field: FieldDef;
  rows: TableRow[];
  findings: ReportFinding[];
  changes: TableDiff | null;
  carriedFrom: { from: CarriedFrom; periodText: string } | null;
  isDisabled: boolean;
  onChange(rows: TableRow[]): void;
  onImport(fileName: string, contentBase64: string): Promise<AssetImportResponse['import']>;
  onExport(): Promise<void>;
}

function matches(row: TableRow, needle: string): boolean {
  if (!needle) return true;
  return Object.values(row.cells).some((v) => v.toLowerCase().includes(needle));
}

/**
 * The asset register (inventaris perangkat TIK): a page of devices at a time
 * (a register holds up to 24,000), a filter over every column, a device
 * edited in a small form, .xlsx in and out, and what changed since the
 * period it was carried from, field by field.
 */
export function AssetRegister({ field, rows, findings, changes, carriedFrom, isDisabled, onChange, onImport, onExport }: AssetRegisterProps) {
  const { t, language } = useI18n();
  const base = useId();
  const columns = field.columns ?? [];
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<{ index: number; draft: TableRow } | null>(null);
  const [busy, setBusy] = useState<'import' | 'export' | null>(null);
  const [message, setMessage] = useState<{ isError: boolean; text: string; details?: string[] } | null>(null);

  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => rows.map((row, index) => ({ row, index })).filter((x) => matches(x.row, needle)), [rows, needle]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const counts = useMemo(() => conditionCounts(rows), [rows]);
  const rowProblems = useMemo(() => {
    const map = new Map<number, string[]>();
    for (const f of findings) {
      if (f.row === undefined) continue;
      const list = map.get(f.row) ?? [];
      list.push(f.message);
      map.set(f.row, list);
    }
    return map;
  }, [findings]);
  const kondisi = columns.find((c) => c.key === 'kondisi');
  const colLabel = (key: string) => {
    const c = columns.find((x) => x.key === key);
    return c ? labelOf(c, language) : key;
  };
  const kondisiLabel = (value: string) => {
    const option = kondisi?.options?.find((o) => o.value === value);
    return option ? labelOf(option, language) : value;
  };

  const startImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_ASSET_FILE_BYTES) {
      setMessage({ isError: true, text: t('lap.assets.tooLarge', { file: file.name }) });
      return;
    }
    setBusy('import');
    setMessage(null);
    try {
      const result = await onImport(file.name, await fileToBase64(file));
      setEditing(null);
      setPage(0);
      setMessage({
        isError: false,
        text: t('lap.assets.imported', { file: result.fileName, count: result.rowCount, matched: result.matchedCount }),
        details: [...result.findings.map((f) => f.message), ...(result.ignoredColumns.length ? [t('lap.assets.ignored', { columns: result.ignoredColumns.join(', ') })] : [])],
      });
    } catch (err) {
      setMessage({ isError: true, text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const exportFile = async () => {
    setBusy('export');
    try {
      await onExport();
    } catch (err) {
      setMessage({ isError: true, text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const saveRow = () => {
    if (!editing) return;
    const next = editing.index < 0 ? [...rows, editing.draft] : rows.map((r, i) => (i === editing.index ? editing.draft : r));
    onChange(next);
    if (editing.index < 0) setPage(Math.floor((next.length - 1) / PAGE_SIZE));
    setEditing(null);
  };

  const label = labelOf(field, language);
  return (
    <section className="lap-assets" aria-labelledby={`${base}-title`} data-field={field.key}>
      <h3 id={`${base}-title`}>
        {label} <span className="caption-count">{t('lap.assets.count', { count: rows.length })}</span>
      </h3>
      {hintOf(field, language) ? <p className="field-hint lap-hint">{hintOf(field, language)}</p> : null}
      <p className="lap-condition-summary" data-testid="asset-condition-summary">
        {counts.map((c) => (
          <span key={c.key} className={`lap-kondisi lap-kondisi-${c.key}`}>
            {c.key === 'lainnya' ? t('lap.assets.unknownCondition') : labelOf(kondisi?.options?.find((o) => o.value === c.key) ?? { label: c.label, labelEn: c.label }, language)}:{' '}
            {c.count}
          </span>
        ))}
      </p>

      <div className="lap-asset-toolbar">
        <span className="lap-file">
          <input
            id={`${base}-import`}
            type="file"
            className="lap-file-input"
            accept={ASSET_FILE_ACCEPT}
            onChange={(e) => void startImport(e)}
            disabled={isDisabled || busy !== null}
            data-testid="asset-import-input"
          />
          <label htmlFor={`${base}-import`} className="button button-secondary lap-button-sm">
            {busy === 'import' ? t('lap.assets.importing') : t('lap.assets.import')}
          </label>
        </span>
        <button type="button" className="button button-secondary lap-button-sm" onClick={() => void exportFile()} disabled={isDisabled || busy !== null || rows.length === 0}>
          {busy === 'export' ? t('lap.assets.exporting') : t('lap.assets.export')}
        </button>
        <button
          type="button"
          className="button button-secondary lap-button-sm"
          disabled={isDisabled}
          onClick={() => setEditing({ index: -1, draft: { id: newRowId(), cells: {} } })}
        >
          {t('lap.assets.add')}
        </button>
        <label className="lap-filter" htmlFor={`${base}-filter`}>
          <span>{t('lap.assets.filter')}</span>
          <input
            id={`${base}-filter`}
            className="input lap-input-sm"
            type="search"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(0);
            }}
          />
        </label>
      </div>
      <p className="field-hint">{t('lap.assets.importHint')}</p>

      <div role="status" aria-live="polite">
        {message ? (
          <div className={message.isError ? 'callout callout-error' : 'callout callout-info'} data-testid="asset-import-result">
            <p>{message.text}</p>
            {message.details?.length ? (
              <details>
                <summary>{t('lap.assets.findings', { count: message.details.length })}</summary>
                <ul>
                  {message.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ) : null}
      </div>

      {carriedFrom ? <ChangesView changes={changes} periodText={carriedFrom.periodText} field={field} /> : null}

      {editing ? (
        <fieldset className="form-section lap-row-form" data-testid="asset-row-form">
          <legend>{editing.index < 0 ? t('lap.assets.newDevice') : t('lap.assets.editDevice', { row: editing.index + 1 })}</legend>
          <div className="lap-row-grid">
            {columns.map((c) => (
              <div className="field" key={c.key}>
                <label className="field-label" htmlFor={`${base}-edit-${c.key}`}>
                  {labelOf(c, language)}
                </label>
                <ScalarInput
                  id={`${base}-edit-${c.key}`}
                  name={`asset.${c.key}`}
                  kind={c.kind}
                  value={editing.draft.cells[c.key] ?? ''}
                  {...(c.options ? { options: c.options } : {})}
                  {...(c.suggestions ? { suggestions: c.suggestions } : {})}
                  {...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {})}
                  onChange={(v) => setEditing({ ...editing, draft: { ...editing.draft, cells: { ...editing.draft.cells, [c.key]: v } } })}
                />
              </div>
            ))}
          </div>
          <div className="form-actions">
            <button type="button" className="button button-primary lap-button-sm" onClick={saveRow}>
              {t('lap.assets.applyRow')}
            </button>
            <button type="button" className="button button-secondary lap-button-sm" onClick={() => setEditing(null)}>
              {t('lap.assets.cancelRow')}
            </button>
          </div>
        </fieldset>
      ) : null}

      {rows.length === 0 ? (
        <p className="lap-empty">{t('lap.assets.empty')}</p>
      ) : (
        <>
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
                {visible.map(({ row, index }) => {
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
                          onClick={() => setEditing({ index, draft: { ...row, cells: { ...row.cells } } })}
                          aria-label={t('lap.assets.editNamed', { row: index + 1 })}
                        >
                          {t('lap.assets.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button-secondary lap-button-sm"
                          disabled={isDisabled}
                          onClick={() => onChange(rows.filter((_, k) => k !== index))}
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
          <nav className="lap-pager" aria-label={t('lap.assets.pages')}>
            <button type="button" className="button button-secondary lap-button-sm" disabled={current === 0} onClick={() => setPage(current - 1)}>
              {t('lap.assets.prev')}
            </button>
            <span aria-live="polite">
              {t('lap.assets.pageOf', {
                page: current + 1,
                pages,
                from: shown.length ? current * PAGE_SIZE + 1 : 0,
                to: Math.min(shown.length, (current + 1) * PAGE_SIZE),
                total: shown.length,
              })}
            </span>
            <button type="button" className="button button-secondary lap-button-sm" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              {t('lap.assets.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function ChangesView({ changes, periodText, field }: { changes: TableDiff | null; periodText: string; field: FieldDef }) {
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
      ) : null}
      {items.length > MAX_CHANGES_SHOWN ? <p className="field-hint">{t('lap.changes.more', { count: items.length - MAX_CHANGES_SHOWN })}</p> : null}
    </section>
  );
}
