import { useId } from 'react';
import { fillMonthlyRows, type FieldDef, type Period, type ReportFinding, type TableRow } from '@core/domain/reports';
import { useI18n } from '../../i18n/i18n-context';
import { ScalarInput } from './field-input';
import { hintOf, labelOf } from './labels';

/** A row id the diff can follow (crypto.randomUUID where the page is a secure context, random hex otherwise). */
export function newRowId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface TableFieldProps {
  field: FieldDef;
  rows: TableRow[];
  findings: ReportFinding[];
  period: Period;
  /** Values of another table to fill a monthly table from (the applications monitored). */
  monthlySources: string[];
  onChange(rows: TableRow[]): void;
}

/**
 * A table field edited in place: one input per cell, a row added at the end
 * and removed by its own button. A monthly table can be filled with one row
 * per month of the period for every application named above it. Problems
 * are marked on their cells and listed under the table.
 */
export function TableField({ field, rows, findings, period, monthlySources, onChange }: TableFieldProps) {
  const { t, language } = useI18n();
  const base = useId();
  const columns = field.columns ?? [];
  const label = labelOf(field, language);
  const hint = hintOf(field, language);
  const invalid = new Set(findings.filter((f) => f.row !== undefined && f.column).map((f) => `${f.row}:${f.column}`));
  const setCell = (index: number, key: string, value: string) => {
    onChange(rows.map((r, i) => (i === index ? { ...r, cells: { ...r.cells, [key]: value } } : r)));
  };
  const isFull = field.maxRows !== undefined && rows.length >= field.maxRows;
  return (
    <fieldset className="lap-table-field" data-field={field.key}>
      <legend className="lap-legend">
        {label}
        {field.isRequired ? null : <span className="field-optional"> {t('field.optional')}</span>}
      </legend>
      {hint ? <p className="field-hint lap-hint">{hint}</p> : null}
      {rows.length === 0 ? (
        <p className="lap-empty">{t('lap.table.empty')}</p>
      ) : (
        <div className="lap-table-scroll">
          <table className="data-table lap-edit-table">
            <thead>
              <tr>
                <th scope="col" className="col-number">
                  {t('table.number')}
                </th>
                {columns.map((c) => (
                  <th scope="col" key={c.key}>
                    {labelOf(c, language)}
                  </th>
                ))}
                <th scope="col" className="lap-col-actions">
                  <span className="visually-hidden">{t('lap.table.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id || i}>
                  <td className="col-number">{i + 1}</td>
                  {columns.map((c) => (
                    <td key={c.key}>
                      <ScalarInput
                        id={`${base}-${i}-${c.key}`}
                        name={`${field.key}.${i}.${c.key}`}
                        kind={c.kind}
                        value={r.cells[c.key] ?? ''}
                        {...(c.options ? { options: c.options } : {})}
                        {...(c.suggestions ? { suggestions: c.suggestions } : {})}
                        {...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {})}
                        className="input lap-input-sm"
                        ariaLabel={t('lap.table.cellLabel', { column: labelOf(c, language), row: i + 1 })}
                        aria={invalid.has(`${i + 1}:${c.key}`) ? { 'aria-invalid': true } : {}}
                        onChange={(v) => setCell(i, c.key, v)}
                      />
                    </td>
                  ))}
                  <td className="lap-col-actions">
                    <button
                      type="button"
                      className="button button-secondary lap-button-sm"
                      onClick={() => onChange(rows.filter((_, k) => k !== i))}
                      aria-label={t('lap.table.removeRowNamed', { row: i + 1, table: label })}
                    >
                      {t('lap.table.removeRow')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="lap-table-actions">
        <button type="button" className="button button-secondary lap-button-sm" disabled={isFull} onClick={() => onChange([...rows, { id: newRowId(), cells: {} }])}>
          {t('lap.table.addRow')}
        </button>
        {field.carry === 'monthly' && period.kind !== 'insidental' ? (
          <button
            type="button"
            className="button button-secondary lap-button-sm"
            disabled={monthlySources.length === 0}
            onClick={() => onChange(fillMonthlyRows(field, rows, monthlySources, period, newRowId))}
          >
            {t('lap.table.fillMonths', { count: monthlySources.length })}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
