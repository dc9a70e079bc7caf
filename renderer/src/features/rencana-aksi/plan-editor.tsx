import { useCallback, useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import {
  LIMITS,
  analyzePlan,
  type CatalogIndex,
  type EditorRow,
  type Finding,
  type PlanAnalysis,
  type RencanaAksiDocument,
  type RencanaAksiPlan,
} from '@core/domain/rencana-aksi';
import { planTimeline } from '@core/domain/rencana-aksi/timeline';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import type { Translate } from '../../i18n/catalog';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EditorGrid, COLUMN_LABELS, type CellEditing, type GridCommands } from './editor-grid';
import { FileButton } from '../../components/file-button';
import { base64ToBytes, downloadBytes, fileToBase64 } from '../../lib/files';
import { PLAN_FILE_ACCEPT } from './file-types';
import { FindingsPanel, messageBody } from './findings-panel';
import { cellOfFinding, clampCursor, effectiveCol, fieldAt, findingsOfCell, rowMarks, tabCursor, type Cursor } from './grid-model';
import { historyReducer, initialHistory, type HistoryAction, type HistoryState } from './history';
import { OutputPanel } from './output-panel';
import {
  GRID_FIELDS,
  deleteRow,
  describeDeletion,
  insertActivity,
  insertOutput,
  insertStage,
  moveRow,
  replaceContent,
  rowOfTarget,
  rowsOf,
  setCell,
  setOutputDetail,
  setPlanField,
  setYear,
  type Deletion,
  type EditResult,
  type OutputDetailField,
} from './plan-edits';
import type { SaveStatus } from './plan-saver';
import { TimelineChart } from './timeline-chart';
import type { ToastState } from './toast';
import { BudgetChart, OutputTotalsTable, TotalsStrip } from './totals-view';
import { useAutosave } from './use-autosave';
import { SignPlanButton } from '../signing';
import { messageOf } from '../../lib/errors';

type PlanHistory = HistoryState<RencanaAksiPlan, Cursor>;
type EditorAction =
  | HistoryAction<RencanaAksiPlan, Cursor>
  /** An edit computed from the current plan (so callbacks need not hold it): null changes nothing. */
  | { type: 'edit'; run(plan: RencanaAksiPlan, cursor: Cursor, rows: EditorRow[]): { plan: RencanaAksiPlan; cursor?: Cursor } | null; session?: string };

function editorReducer(state: PlanHistory, action: EditorAction): PlanHistory {
  if (action.type !== 'edit') return historyReducer(state, action);
  const rows = rowsOf(state.present);
  const result = action.run(state.present, clampCursor(rows, state.cursor), rows);
  if (!result) return state;
  return historyReducer(state, { type: 'apply', next: result.plan, cursor: result.cursor, session: action.session });
}

function cursorAt(result: EditResult, col: number): { plan: RencanaAksiPlan; cursor: Cursor } {
  return { plan: result.plan, cursor: { row: Math.max(0, rowOfTarget(result.plan, result.target)), col } };
}

/** "14.32": the time of day the Indonesian way. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getHours()).padStart(2, '0')}.${String(d.getMinutes()).padStart(2, '0')}`;
}

function deletionText(t: Translate, rowNumber: number, d: Deletion): string {
  const none = t('ra.unnamed');
  switch (d.kind) {
    case 'activity':
      return t('ra.delete.activity', { row: rowNumber, name: d.name || none, outputs: d.outputCount, stages: d.stageCount });
    case 'output':
      return t('ra.delete.output', { row: rowNumber, name: d.name || none });
    case 'stage':
      return d.isLastOfOutput
        ? t('ra.delete.lastStage', { row: rowNumber, tahap: d.tahap || none, output: d.outputName || none })
        : t('ra.delete.stage', { row: rowNumber, tahap: d.tahap || none, output: d.outputName || none });
  }
}

function SaveStatusView({ status, onRetry }: { status: SaveStatus; onRetry(overwrite: boolean): void }) {
  const { t } = useI18n();
  let text: string;
  switch (status.kind) {
    case 'saved':
      text = t('ra.save.saved', { time: clockTime(status.at) });
      break;
    case 'pending':
    case 'saving':
      text = t('ra.save.saving');
      break;
    case 'invalid':
      text = t('ra.save.needsTitle');
      break;
    case 'error':
      text = t('ra.save.failed', { message: status.message });
      break;
  }
  const isProblem = status.kind === 'error' || status.kind === 'invalid';
  return (
    <div className={isProblem ? 'ra-save ra-save-problem' : 'ra-save'} data-testid="ra-save-status" data-state={status.kind}>
      <p role="status" aria-live="polite" className="ra-save-text">
        {isProblem ? (
          <span className="ra-mark ra-mark-error" aria-hidden="true">
            !
          </span>
        ) : null}
        {text}
      </p>
      {status.kind === 'error' ? (
        <span className="ra-save-actions">
          <button type="button" className="button button-small button-secondary" onClick={() => onRetry(false)}>
            {t('ra.save.retry')}
          </button>
          {status.isConflict ? (
            <button type="button" className="button button-small button-secondary" onClick={() => onRetry(true)}>
              {t('ra.save.overwrite')}
            </button>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

export interface ImportReport {
  fileName: string;
  analysis: PlanAnalysis;
}

function ImportReportView({ report, onClose }: { report: ImportReport; onClose(): void }) {
  const { t } = useI18n();
  const { findings } = report.analysis;
  return (
    <section className="callout callout-info ra-import-report" aria-label={t('ra.import.reportLabel')} data-testid="ra-import-report">
      <div className="ra-import-report-head">
        <p>
          <strong>{t('ra.import.done', { file: report.fileName })}</strong>{' '}
          {findings.length === 0 ? t('ra.import.noFindings') : t('ra.import.findings', { count: findings.length })}
        </p>
        <button type="button" className="button button-small button-secondary" onClick={onClose}>
          {t('ra.import.close')}
        </button>
      </div>
      {findings.length > 0 ? (
        <details>
          <summary>{t('ra.import.showFindings')}</summary>
          <ul className="ra-import-findings">
            {findings.map((f, i) => (
              <li key={`${f.code}-${i}`} data-code={f.code}>
                <code>{f.code}</code> {f.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

interface PlanEditorProps {
  doc: RencanaAksiDocument;
  catalog: CatalogIndex | undefined;
  initialReport: ImportReport | null;
  onClose(): void;
  onToast(toast: Omit<ToastState, 'id'> | null): void;
}

let sessionCounter = 0;
const nextSession = (prefix: string) => `${prefix}-${++sessionCounter}`;

/**
 * One plan: the table in the Prabumulih layout edited by keyboard, live totals
 * and findings from the same analyzePlan the CLI runs, indikator and KAK of the
 * current output, a schedule by month and the budget per output; undo/redo
 * over every edit, autosave, import and export.
 */
export function PlanEditor({ doc, catalog, initialReport, onClose, onToast }: PlanEditorProps) {
  const { api, profile } = useWorkspace();
  const { t } = useI18n();
  const [state, dispatch] = useReducer(editorReducer, undefined, (): PlanHistory => initialHistory(doc.plan, { row: 0, col: 1 }));
  const plan = state.present;
  const rows = useMemo(() => rowsOf(plan), [plan]);
  const cursor = clampCursor(rows, state.cursor);
  const analysis = useMemo(() => analyzePlan(plan, { ...(catalog ? { catalog } : {}), positions: 'editor' }), [plan, catalog]);
  const marks = useMemo(() => rowMarks(analysis.findings), [analysis]);
  // Charts, the findings list and the per-output table follow at lower priority: typing stays quick.
  const deferredPlan = useDeferredValue(plan);
  const deferredAnalysis = useDeferredValue(analysis);
  const timeline = useMemo(() => planTimeline(deferredPlan), [deferredPlan]);
  const { status, saver } = useAutosave(api, plan, { plan: doc.plan, revision: doc.revision, updatedAt: doc.updatedAt });

  const [editing, setEditing] = useState<CellEditing | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [pendingDelete, setPendingDelete] = useState<{ row: number; text: string } | null>(null);
  const [isLeaving, setIsLeaving] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(initialReport);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState<'import' | 'xlsx' | 'csv' | null>(null);
  const [panelFocus, setPanelFocus] = useState(0);
  const [yearDraft, setYearDraft] = useState(String(plan.year));

  const ids = {
    grid: useId(),
    cellInfo: useId(),
    findings: useId(),
    findingsHeading: useId(),
    outputHeading: useId(),
    title: useId(),
    year: useId(),
    program: useId(),
    help: useId(),
  };

  // What event handlers read: the latest render's values, without re-creating the callbacks.
  const latest = useRef({ plan, rows, cursor, editing });
  useLayoutEffect(() => {
    latest.current = { plan, rows, cursor, editing };
  });

  const requestFocus = useCallback(() => setFocusRequest((n) => n + 1), []);

  const endEditing = useCallback(() => {
    if (!latest.current.editing) return;
    dispatch({ type: 'endSession' });
    setEditing(null);
  }, []);

  const commands = useMemo<GridCommands>(
    () => ({
      setCursor(next, shouldFocus) {
        endEditing();
        dispatch({ type: 'cursor', cursor: next });
        if (shouldFocus) requestFocus();
      },
      startEdit(at, text) {
        const row = latest.current.rows[at.row];
        if (!row) return;
        const col = effectiveCol(row, at.col);
        const session = nextSession('cell');
        dispatch({ type: 'cursor', cursor: { row: at.row, col: at.col } });
        if (text !== undefined) {
          dispatch({ type: 'edit', session, run: (p, _c, rs) => (rs[at.row] ? { plan: setCell(p, rs[at.row] as EditorRow, fieldAt(row, col), text) } : null) });
        }
        setEditing({ session, row: at.row, col });
      },
      editText(rowIndex, col, text, session) {
        dispatch({ type: 'edit', session, run: (p, _c, rs) => (rs[rowIndex] ? { plan: setCell(p, rs[rowIndex] as EditorRow, fieldAt(rs[rowIndex], col), text) } : null) });
      },
      commitEdit(session, then) {
        const current = latest.current;
        if (current.editing?.session !== session) return;
        dispatch({ type: 'endSession' });
        setEditing(null);
        if (then === null) return;
        const from = { row: current.editing.row, col: current.editing.col };
        const next = then === 'next' || then === 'previous' ? (tabCursor(current.rows, from, then === 'previous') ?? from) : clampCursor(current.rows, then);
        dispatch({ type: 'cursor', cursor: next });
        requestFocus();
      },
      cancelEdit(session) {
        dispatch({ type: 'cancelSession', session });
        setEditing(null);
        requestFocus();
      },
      addRow() {
        endEditing();
        dispatch({
          type: 'edit',
          run: (p, c, rs) => {
            const row = rs[c.row];
            return cursorAt(insertStage(p, row), row?.kind === 'activity' || !row ? 0 : 1);
          },
        });
        requestFocus();
      },
      moveRow(dir) {
        endEditing();
        const { plan: p, rows: rs, cursor: c } = latest.current;
        const row = rs[c.row];
        const moved = row ? moveRow(p, row, fieldAt(row, c.col), dir) : null;
        if (!moved) {
          setAnnouncement(t(dir < 0 ? 'ra.move.top' : 'ra.move.bottom'));
          return;
        }
        dispatch({ type: 'apply', next: moved.plan, cursor: { row: Math.max(0, rowOfTarget(moved.plan, moved.target)), col: c.col } });
        setAnnouncement(t(dir < 0 ? 'ra.move.up' : 'ra.move.down', { row: rowOfTarget(moved.plan, moved.target) + 1 }));
        requestFocus();
      },
      deleteRow() {
        endEditing();
        const { plan: p, rows: rs, cursor: c } = latest.current;
        const row = rs[c.row];
        const deletion = row ? describeDeletion(p, row) : null;
        if (deletion) setPendingDelete({ row: c.row, text: deletionText(t, c.row + 1, deletion) });
      },
      undo() {
        endEditing();
        dispatch({ type: 'undo' });
        requestFocus();
      },
      redo() {
        endEditing();
        dispatch({ type: 'redo' });
        requestFocus();
      },
    }),
    [endEditing, requestFocus, t],
  );

  const confirmDelete = useCallback(() => {
    const pending = pendingDelete;
    setPendingDelete(null);
    if (!pending) return;
    dispatch({
      type: 'edit',
      run: (p, c, rs) => {
        const row = rs[pending.row];
        if (!row) return null;
        const next = deleteRow(p, row);
        return { plan: next, cursor: clampCursor(rowsOf(next), { row: pending.row, col: c.col }) };
      },
    });
    requestFocus();
    onToast({
      message: t('ra.delete.done', { row: pending.row + 1 }),
      actionLabel: t('ra.undo'),
      onAction: () => {
        dispatch({ type: 'undo' });
        onToast(null);
        requestFocus();
      },
    });
  }, [pendingDelete, onToast, requestFocus, t]);

  const cancelDelete = useCallback(() => setPendingDelete(null), []);

  const onOutputChange = useCallback((a: number, o: number, field: OutputDetailField, text: string, session: string) => {
    dispatch({ type: 'edit', session, run: (p) => ({ plan: setOutputDetail(p, a, o, field, text) }) });
  }, []);
  const onSessionEnd = useCallback(() => dispatch({ type: 'endSession' }), []);

  const onSelectFinding = useCallback(
    (f: Finding) => {
      const cell = cellOfFinding(f);
      if (!cell) return;
      endEditing();
      dispatch({ type: 'cursor', cursor: { row: cell.row, col: cell.col } });
      if (f.field && (f.field.startsWith('indikator') || f.field.startsWith('kak'))) setPanelFocus((n) => n + 1);
      else requestFocus();
    },
    [endEditing, requestFocus],
  );

  // Opening a plan starts at its top, with the heading focused (as after a navigation).
  useEffect(() => {
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('.ra-editor-title')?.focus({ preventScroll: true });
  }, []);

  // A finding on indikator or KAK: its field is in the output panel, not in the grid.
  useEffect(() => {
    if (panelFocus === 0) return;
    const target = document.querySelector<HTMLElement>('.ra-output-panel [name="output.indikatorTarget"]');
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [panelFocus]);

  // A new plan (undo, import) may bring another year: the field follows.
  useEffect(() => {
    setYearDraft((draft) => (Number(draft) === plan.year ? draft : String(plan.year)));
  }, [plan.year]);

  const planFieldSession = useRef('');
  const onPlanField = (field: 'title' | 'programCode', text: string) => {
    dispatch({ type: 'edit', session: planFieldSession.current, run: (p) => ({ plan: setPlanField(p, field, text) }) });
  };
  const startPlanFieldSession = () => {
    planFieldSession.current = nextSession('plan');
  };
  const onYear = (text: string) => {
    setYearDraft(text);
    const year = Number(text);
    if (/^\d{4}$/.test(text) && year >= 2000 && year <= 2100) {
      dispatch({ type: 'edit', session: planFieldSession.current, run: (p) => ({ plan: setYear(p, year) }) });
    }
  };
  const yearNumber = Number(yearDraft);
  const isYearValid = /^\d{4}$/.test(yearDraft) && yearNumber >= 2000 && yearNumber <= 2100;

  const onRootKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    // The open cell editor keeps the browser's own undo for its text.
    if (e.target instanceof HTMLElement && e.target.classList.contains('ra-cell-editor')) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) {
      e.preventDefault();
      dispatch({ type: 'undo' });
    } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
      e.preventDefault();
      dispatch({ type: 'redo' });
    }
  };

  const importInto = async (file: File) => {
    setProblem(null);
    if (file.size > LIMITS.maxFileBytes) {
      setProblem(t('ra.import.tooLarge', { file: file.name, limit: Math.round(LIMITS.maxFileBytes / (1024 * 1024)) }));
      return;
    }
    setBusy('import');
    try {
      const contentBase64 = await fileToBase64(file);
      const current = latest.current.plan;
      const result = await api.rencanaAksiImport({
        fileName: file.name,
        contentBase64,
        year: current.year,
        ...(current.opdCode ? { opdCode: current.opdCode } : {}),
      });
      endEditing();
      dispatch({ type: 'edit', run: (p) => ({ plan: replaceContent(p, result.plan), cursor: { row: 0, col: 1 } }) });
      setReport({ fileName: file.name, analysis: result.analysis });
      setAnnouncement(t('ra.import.replaced', { file: file.name }));
    } catch (err) {
      // The plan on screen stays exactly as it was: nothing was dispatched.
      setProblem(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setProblem(null);
    setBusy(format);
    try {
      const file = await api.rencanaAksiExport({ format, plan: latest.current.plan });
      downloadBytes(base64ToBytes(file.contentBase64), file.fileName, file.mimeType);
      setAnnouncement(t('ra.export.done', { file: file.fileName }));
    } catch (err) {
      setProblem(t('ra.export.failed', { message: messageOf(err) }));
    } finally {
      setBusy(null);
    }
  };

  const leave = async () => {
    endEditing();
    if (await saver.flush()) onClose();
    else setIsLeaving(true);
  };

  const activeRow = rows[cursor.row];
  const activeCol = effectiveCol(activeRow, cursor.col);
  const cellFindings = rows.length > 0 ? findingsOfCell(analysis.findings, cursor.row, activeCol) : [];
  const outputAt = activeRow?.kind === 'stage' ? { a: activeRow.activity, o: activeRow.output } : null;
  const output = outputAt ? (plan.activities[outputAt.a]?.outputs[outputAt.o] ?? null) : null;
  const indikatorFinding = outputAt
    ? analysis.findings.find((f) => f.at?.activity === outputAt.a && f.at.output === outputAt.o && f.at.stage === undefined && f.field === 'indikatorTarget')
    : undefined;
  const activeLabel =
    activeRow?.kind === 'activity'
      ? t('ra.cellLabel.activity', { row: cursor.row + 1 })
      : t('ra.cellLabel', { column: t(COLUMN_LABELS[GRID_FIELDS[activeCol] ?? 'output']), row: cursor.row + 1 });

  return (
    <div className="ra-editor" onKeyDown={onRootKeyDown}>
      <div className="ra-editor-head">
        <button type="button" className="button button-small button-secondary" onClick={() => void leave()}>
          {t('ra.backToList')}
        </button>
        <h1 tabIndex={-1} className="ra-editor-title">
          {profile.terms.actionPlan}
        </h1>
        <button
          type="button"
          className={analysis.errorCount > 0 ? 'button button-small ra-findings-link has-errors' : 'button button-small ra-findings-link'}
          onClick={() => document.getElementById(ids.findingsHeading)?.focus()}
          data-testid="ra-findings-count"
        >
          {t('ra.findings.count', { count: analysis.findings.length })}
        </button>
        <SaveStatusView status={status} onRetry={(overwrite) => void saver.retry(overwrite)} />
      </div>

      <div className="ra-plan-fields">
        <label htmlFor={ids.title}>{t('ra.field.title')}</label>
        <input
          id={ids.title}
          name="plan.title"
          className="input input-small ra-title-input"
          value={plan.title}
          maxLength={300}
          aria-invalid={plan.title.trim() === '' ? true : undefined}
          onFocus={startPlanFieldSession}
          onBlur={onSessionEnd}
          onChange={(e) => onPlanField('title', e.target.value)}
        />
        <label htmlFor={ids.year}>{t('ra.field.year')}</label>
        <input
          id={ids.year}
          name="plan.year"
          className="input input-small ra-year-input"
          inputMode="numeric"
          value={yearDraft}
          maxLength={4}
          aria-invalid={isYearValid ? undefined : true}
          onFocus={startPlanFieldSession}
          onBlur={() => {
            onSessionEnd();
            if (!isYearValid) setYearDraft(String(latest.current.plan.year));
          }}
          onChange={(e) => onYear(e.target.value.trim())}
        />
        <label htmlFor={ids.program}>{t('ra.field.programCode')}</label>
        <input
          id={ids.program}
          name="plan.programCode"
          className="input input-small ra-program-input"
          value={plan.programCode ?? ''}
          maxLength={64}
          onFocus={startPlanFieldSession}
          onBlur={onSessionEnd}
          onChange={(e) => onPlanField('programCode', e.target.value)}
        />
        <span className="ra-plan-opd">{t('ra.field.opd', { agency: profile.terms.agency, code: plan.opdCode || t('ra.unnamed') })}</span>
      </div>

      <div className="ra-toolbar" role="toolbar" aria-label={t('ra.toolbar')} aria-controls={ids.grid}>
        <div className="ra-toolbar-group">
          <button type="button" className="button button-small button-secondary" onClick={() => dispatch({ type: 'undo' })} disabled={state.undo.length === 0} aria-keyshortcuts="Control+Z" title={t('ra.shortcut', { keys: 'Ctrl+Z' })}>
            {t('ra.undo')}
          </button>
          <button type="button" className="button button-small button-secondary" onClick={() => dispatch({ type: 'redo' })} disabled={state.redo.length === 0} aria-keyshortcuts="Control+Y Control+Shift+Z" title={t('ra.shortcut', { keys: 'Ctrl+Y' })}>
            {t('ra.redo')}
          </button>
        </div>
        <div className="ra-toolbar-group">
          <button type="button" className="button button-small button-secondary" onClick={commands.addRow} aria-keyshortcuts="Control+Enter" title={t('ra.shortcut', { keys: 'Ctrl+Enter' })}>
            {t('ra.addStage')}
          </button>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => {
              endEditing();
              dispatch({ type: 'edit', run: (p, c, rs) => cursorAt(insertOutput(p, rs[c.row]), 0) });
              requestFocus();
            }}
          >
            {t('ra.addOutput')}
          </button>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => {
              endEditing();
              dispatch({ type: 'edit', run: (p, c, rs) => cursorAt(insertActivity(p, rs[c.row]), 0) });
              requestFocus();
            }}
          >
            {t('ra.addActivity')}
          </button>
        </div>
        <div className="ra-toolbar-group">
          <button type="button" className="button button-small button-secondary" onClick={() => commands.moveRow(-1)} disabled={rows.length === 0} aria-keyshortcuts="Alt+ArrowUp" title={t('ra.shortcut', { keys: 'Alt+↑' })}>
            {t('ra.moveUp')}
          </button>
          <button type="button" className="button button-small button-secondary" onClick={() => commands.moveRow(1)} disabled={rows.length === 0} aria-keyshortcuts="Alt+ArrowDown" title={t('ra.shortcut', { keys: 'Alt+↓' })}>
            {t('ra.moveDown')}
          </button>
          <button type="button" className="button button-small button-secondary" onClick={commands.deleteRow} disabled={rows.length === 0} aria-keyshortcuts="Delete" title={t('ra.shortcut', { keys: 'Delete' })}>
            {t('ra.deleteRow')}
          </button>
        </div>
        <div className="ra-toolbar-group">
          <FileButton label={busy === 'import' ? t('ra.import.busy') : t('ra.import.into')} accept={PLAN_FILE_ACCEPT} isBusy={busy !== null} onFile={(f) => void importInto(f)} testId="ra-import-into" hint={t('ra.import.intoHint')} />
          <button type="button" className="button button-small button-secondary" onClick={() => void exportAs('xlsx')} disabled={busy !== null} data-testid="ra-export-xlsx">
            {t('ra.export.xlsx')}
          </button>
          <button type="button" className="button button-small button-secondary" onClick={() => void exportAs('csv')} disabled={busy !== null} data-testid="ra-export-csv">
            {t('ra.export.csv')}
          </button>
        </div>
        <div className="ra-toolbar-group">
          <SignPlanButton planId={plan.id} beforeOpen={() => saver.flush()} className="button button-small button-primary" />
        </div>
      </div>

      <TotalsStrip totals={analysis.totals} stageCount={analysis.stageCount} />

      {problem ? (
        <div className="callout callout-error ra-problem" role="alert" data-testid="ra-problem">
          <p>{problem}</p>
          <button type="button" className="button button-small button-secondary" onClick={() => setProblem(null)}>
            {t('ra.import.close')}
          </button>
        </div>
      ) : null}
      {report ? <ImportReportView report={report} onClose={() => setReport(null)} /> : null}

      {rows.length === 0 ? (
        <div className="empty-state ra-empty">
          <p>{t('ra.empty')}</p>
          <button type="button" className="button button-primary" onClick={commands.addRow}>
            {t('ra.addActivity')}
          </button>
        </div>
      ) : (
        <div id={ids.grid}>
          <EditorGrid
            plan={plan}
            rows={rows}
            cursor={cursor}
            editing={editing}
            marks={marks}
            focusRequest={focusRequest}
            commands={commands}
            describedBy={ids.help}
            infoId={ids.cellInfo}
            label={t('ra.gridLabel', { title: plan.title || t('ra.unnamed') })}
          />
        </div>
      )}
      <div className="ra-cell-info" id={ids.cellInfo} data-testid="ra-cell-info">
        <span className="ra-cell-info-where">{activeRow ? activeLabel : ''}</span>
        {cellFindings.map((f, i) => (
          <span key={i} className={`ra-cell-info-finding ra-severity-${f.severity}`}>
            <span className={`ra-severity ra-severity-${f.severity}`}>{t(f.severity === 'error' ? 'ra.severity.error' : 'ra.severity.warning')}</span>{' '}
            <code>{f.code}</code> {messageBody(f.message)}
          </span>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <details className="ra-help" id={ids.help}>
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

      <div className="ra-lower">
        <FindingsPanel
          id={ids.findings}
          headingId={ids.findingsHeading}
          findings={deferredAnalysis.findings}
          errorCount={deferredAnalysis.errorCount}
          warningCount={deferredAnalysis.warningCount}
          onSelect={onSelectFinding}
        />
        <OutputPanel
          headingId={ids.outputHeading}
          output={output}
          activity={outputAt?.a ?? 0}
          outputIndex={outputAt?.o ?? 0}
          indikatorProblem={indikatorFinding ? messageBody(indikatorFinding.message) : null}
          onChange={onOutputChange}
          onSessionEnd={onSessionEnd}
        />
      </div>

      <section className="ra-section" aria-labelledby="ra-budget-heading">
        <h2 id="ra-budget-heading">{t('ra.totals.byOutput')}</h2>
        <div className="ra-chart-scroll">
          <BudgetChart totals={deferredAnalysis.totals} plan={deferredPlan} />
        </div>
        <div className="ra-table-scroll">
          <OutputTotalsTable totals={deferredAnalysis.totals} plan={deferredPlan} />
        </div>
      </section>

      <section className="ra-section" aria-labelledby="ra-timeline-heading">
        <h2 id="ra-timeline-heading">{t('ra.timeline.title', { year: timeline.year })}</h2>
        <p className="ra-panel-lead">{t('ra.timeline.lead')}</p>
        <TimelineChart timeline={timeline} />
      </section>

      {pendingDelete ? (
        <ConfirmDialog title={t('ra.delete.title')} confirmLabel={t('ra.delete.confirm')} cancelLabel={t('ra.cancel')} onConfirm={confirmDelete} onCancel={cancelDelete}>
          <p>{pendingDelete.text}</p>
          <p>{t('ra.delete.undoHint')}</p>
        </ConfirmDialog>
      ) : null}
      {isLeaving ? (
        <ConfirmDialog
          title={t('ra.leave.title')}
          confirmLabel={t('ra.leave.confirm')}
          cancelLabel={t('ra.leave.stay')}
          onConfirm={() => {
            setIsLeaving(false);
            onClose();
          }}
          onCancel={() => setIsLeaving(false)}
        >
          <p>{t('ra.leave.body')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
