import { useId, useMemo, useState, type ChangeEvent } from 'react';
import type { AssetImportResponse } from '@core/api/contract-reports';
import { conditionCounts, type CarriedFrom, type FieldDef, type ReportFinding, type TableDiff, type TableRow } from '@core/domain/reports';
import { useI18n } from '../../i18n/i18n-context';
import { fileToBase64 } from '../../lib/files';
import { AssetChanges } from './asset-changes';
import { AssetRowForm } from './asset-row-form';
import { ASSET_PAGE_SIZE, AssetPager, AssetTable } from './asset-table';
import { hintOf, labelOf } from './labels';
import { messageOf } from '../../lib/errors';
import { newRowId } from './table-field';

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
  const pages = Math.max(1, Math.ceil(shown.length / ASSET_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * ASSET_PAGE_SIZE, (current + 1) * ASSET_PAGE_SIZE);
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
    if (editing.index < 0) setPage(Math.floor((next.length - 1) / ASSET_PAGE_SIZE));
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

      {carriedFrom ? <AssetChanges changes={changes} periodText={carriedFrom.periodText} field={field} /> : null}

      {editing ? (
        <AssetRowForm
          idBase={`${base}-edit`}
          columns={columns}
          isNew={editing.index < 0}
          rowNumber={editing.index + 1}
          draft={editing.draft}
          onDraft={(draft) => setEditing({ ...editing, draft })}
          onApply={saveRow}
          onCancel={() => setEditing(null)}
        />
      ) : null}

      {rows.length === 0 ? (
        <p className="lap-empty">{t('lap.assets.empty')}</p>
      ) : (
        <>
          <AssetTable
            label={label}
            entries={visible}
            rowProblems={rowProblems}
            isDisabled={isDisabled}
            colLabel={colLabel}
            kondisiLabel={kondisiLabel}
            onEdit={(index, row) => setEditing({ index, draft: { ...row, cells: { ...row.cells } } })}
            onRemove={(index) => onChange(rows.filter((_, k) => k !== index))}
          />
          <AssetPager page={current} pages={pages} total={shown.length} onPage={setPage} />
        </>
      )}
    </section>
  );
}
