import type { Dispatch } from 'react';
import { FileButton } from '../../components/file-button';
import { useI18n } from '../../i18n/i18n-context';
import { SignPlanButton } from '../documents';
import type { GridCommands } from './grid-contract';
import { PLAN_FILE_ACCEPT } from './file-types';
import { insertActivity, insertOutput } from './row-edits';
import type { PlanFiles } from './use-plan-files';
import { cursorAt, type EditorAction } from './use-plan-history';

interface PlanToolbarProps {
  planId: string;
  gridId: string;
  canUndo: boolean;
  canRedo: boolean;
  hasRows: boolean;
  commands: GridCommands;
  dispatch: Dispatch<EditorAction>;
  endEditing(): void;
  requestFocus(): void;
  files: Pick<PlanFiles, 'busy' | 'importInto' | 'exportAs'>;
  /** Saves what is pending before the sign dialog reads the plan. */
  flush(): Promise<boolean>;
}

/** The editor's commands as buttons, in groups, each with its keyboard shortcut named. */
export function PlanToolbar({ planId, gridId, canUndo, canRedo, hasRows, commands, dispatch, endEditing, requestFocus, files, flush }: PlanToolbarProps) {
  const { t } = useI18n();
  const { busy } = files;
  /** An output or activity added after the cursor's row, the cursor moved to it and the grid focused for typing. */
  const insertAtCursor = (insert: typeof insertOutput) => {
    endEditing();
    dispatch({ type: 'edit', run: (p, c, rs) => cursorAt(insert(p, rs[c.row]), 0) });
    requestFocus();
  };
  return (
    <div className="ra-toolbar" role="toolbar" aria-label={t('ra.toolbar')} aria-controls={gridId}>
      <div className="ra-toolbar-group">
        <button type="button" className="button button-small button-secondary" onClick={() => dispatch({ type: 'undo' })} disabled={!canUndo} aria-keyshortcuts="Control+Z" title={t('ra.shortcut', { keys: 'Ctrl+Z' })}>
          {t('ra.undo')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={() => dispatch({ type: 'redo' })} disabled={!canRedo} aria-keyshortcuts="Control+Y Control+Shift+Z" title={t('ra.shortcut', { keys: 'Ctrl+Y' })}>
          {t('ra.redo')}
        </button>
      </div>
      <div className="ra-toolbar-group">
        <button type="button" className="button button-small button-secondary" onClick={commands.addRow} aria-keyshortcuts="Control+Enter" title={t('ra.shortcut', { keys: 'Ctrl+Enter' })}>
          {t('ra.addStage')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={() => insertAtCursor(insertOutput)}>
          {t('ra.addOutput')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={() => insertAtCursor(insertActivity)}>
          {t('ra.addActivity')}
        </button>
      </div>
      <div className="ra-toolbar-group">
        <button type="button" className="button button-small button-secondary" onClick={() => commands.moveRow(-1)} disabled={!hasRows} aria-keyshortcuts="Alt+ArrowUp" title={t('ra.shortcut', { keys: 'Alt+↑' })}>
          {t('ra.moveUp')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={() => commands.moveRow(1)} disabled={!hasRows} aria-keyshortcuts="Alt+ArrowDown" title={t('ra.shortcut', { keys: 'Alt+↓' })}>
          {t('ra.moveDown')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={commands.deleteRow} disabled={!hasRows} aria-keyshortcuts="Delete" title={t('ra.shortcut', { keys: 'Delete' })}>
          {t('ra.deleteRow')}
        </button>
      </div>
      <div className="ra-toolbar-group">
        <FileButton
          label={busy === 'import' ? t('ra.import.busy') : t('ra.import.into')}
          accept={PLAN_FILE_ACCEPT}
          isBusy={busy !== null}
          onFile={(f) => void files.importInto(f)}
          testId="ra-import-into"
          hint={t('ra.import.intoHint')}
        />
        <button type="button" className="button button-small button-secondary" onClick={() => void files.exportAs('xlsx')} disabled={busy !== null} data-testid="ra-export-xlsx">
          {t('ra.export.xlsx')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={() => void files.exportAs('csv')} disabled={busy !== null} data-testid="ra-export-csv">
          {t('ra.export.csv')}
        </button>
      </div>
      <div className="ra-toolbar-group">
        <SignPlanButton planId={planId} beforeOpen={flush} className="button button-small button-primary" />
      </div>
    </div>
  );
}
