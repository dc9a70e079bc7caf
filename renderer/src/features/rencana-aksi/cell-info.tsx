import type { EditorRow, Finding } from '@core/domain/rencana-aksi';
import { useI18n } from '../../i18n/i18n-context';
import { COLUMN_LABELS } from './grid-contract';
import { messageBody } from './findings-panel';
import { effectiveCol, findingsOfCell, type Cursor } from './grid-model';
import { GRID_FIELDS } from './plan-edits';

/** Under the grid: which cell the cursor is on, and what is wrong with it (the grid's cells point here with aria-describedby). */
export function CellInfo({ id, rows, cursor, findings }: { id: string; rows: EditorRow[]; cursor: Cursor; findings: readonly Finding[] }) {
  const { t } = useI18n();
  const activeRow = rows[cursor.row];
  const activeCol = effectiveCol(activeRow, cursor.col);
  const cellFindings = rows.length > 0 ? findingsOfCell(findings, cursor.row, activeCol) : [];
  const activeLabel =
    activeRow?.kind === 'activity'
      ? t('ra.cellLabel.activity', { row: cursor.row + 1 })
      : t('ra.cellLabel', { column: t(COLUMN_LABELS[GRID_FIELDS[activeCol] ?? 'output']), row: cursor.row + 1 });
  return (
    <div className="ra-cell-info" id={id} data-testid="ra-cell-info">
      <span className="ra-cell-info-where">{activeRow ? activeLabel : ''}</span>
      {cellFindings.map((f, i) => (
        <span key={i} className={`ra-cell-info-finding ra-severity-${f.severity}`}>
          <span className={`ra-severity ra-severity-${f.severity}`}>{t(f.severity === 'error' ? 'ra.severity.error' : 'ra.severity.warning')}</span>{' '}
          {messageBody(f.message)}
        </span>
      ))}
    </div>
  );
}

/** The keyboard of the grid, folded (the grid names it as its description). */
export function EditorHelp({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <details className="ra-help" id={id}>
      <summary>{t('ra.help.title')}</summary>
      <ul>
        <li>{t('ra.help.move')}</li>
        <li>{t('ra.help.edit')}</li>
        <li>{t('ra.help.newline')}</li>
        <li>{t('ra.help.rows')}</li>
        <li>{t('ra.help.undo')}</li>
        <li>{t('ra.help.leave')}</li>
      </ul>
    </details>
  );
}
