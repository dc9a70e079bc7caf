import { useDeferredValue, useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { analyzePlan, type CatalogIndex, type RencanaAksiDocument } from '@core/domain/rencana-aksi';
import { planTimeline } from '@core/domain/rencana-aksi/timeline';
import { useWorkspace } from '../../app-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useI18n } from '../../i18n/i18n-context';
import { CellInfo, EditorHelp } from './cell-info';
import { EditorGrid } from './editor-grid';
import { FindingsPanel, messageBody } from './findings-panel';
import { rowMarks } from './grid-model';
import { ImportReportView, type ImportReport } from './import-report';
import { OutputPanel } from './output-panel';
import { PlanFields } from './plan-fields';
import { PlanToolbar } from './plan-toolbar';
import { SaveStatusView } from './save-status';
import { TimelineChart } from './timeline-chart';
import type { ToastState } from './toast';
import { BudgetChart, OutputTotalsTable, TotalsStrip } from './totals-view';
import { useAutosave } from './use-autosave';
import { useGridCommands } from './use-grid-commands';
import { usePlanFiles } from './use-plan-files';
import { usePlanHistory } from './use-plan-history';
import { DocumentStateLine } from '../documents';

interface PlanEditorProps {
  doc: RencanaAksiDocument;
  catalog: CatalogIndex | undefined;
  initialReport: ImportReport | null;
  onClose(): void;
  onToast(toast: Omit<ToastState, 'id'> | null): void;
}

/**
 * One plan: the table in the Prabumulih layout edited by keyboard, live totals
 * and findings from the same analyzePlan the CLI runs, indikator and KAK of the
 * current output, a schedule by month and the budget per output; undo/redo
 * over every edit, autosave, import and export.
 */
export function PlanEditor({ doc, catalog, initialReport, onClose, onToast }: PlanEditorProps) {
  const { api, profile } = useWorkspace();
  const { t } = useI18n();
  const { state, dispatch, plan, rows, cursor } = usePlanHistory(doc.plan);
  const analysis = useMemo(() => analyzePlan(plan, { ...(catalog ? { catalog } : {}), positions: 'editor' }), [plan, catalog]);
  const marks = useMemo(() => rowMarks(analysis.findings), [analysis]);
  // Charts, the findings list and the per-output table follow at lower priority: typing stays quick.
  const deferredPlan = useDeferredValue(plan);
  const deferredAnalysis = useDeferredValue(analysis);
  const timeline = useMemo(() => planTimeline(deferredPlan), [deferredPlan]);
  const { status, saver } = useAutosave(api, plan, { plan: doc.plan, revision: doc.revision, updatedAt: doc.updatedAt });
  const grid = useGridCommands({ plan, rows, cursor, dispatch, t, onToast });
  const files = usePlanFiles({ api, t, dispatch, latestPlan: grid.latestPlan, endEditing: grid.endEditing, announce: grid.announce, initialReport });
  const [isLeaving, setIsLeaving] = useState(false);
  const idBase = useId();
  const ids = { grid: `${idBase}-grid`, cellInfo: `${idBase}-cell`, findings: `${idBase}-findings`, findingsHeading: `${idBase}-findings-heading`, outputHeading: `${idBase}-output-heading`, help: `${idBase}-help` };

  // Opening a plan starts at its top, with the heading focused (as after a navigation).
  useEffect(() => {
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('.ra-editor-title')?.focus({ preventScroll: true });
  }, []);

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

  const leave = async () => {
    grid.endEditing();
    if (await saver.flush()) onClose();
    else setIsLeaving(true);
  };

  const activeRow = rows[cursor.row];
  const outputAt = activeRow?.kind === 'stage' ? { a: activeRow.activity, o: activeRow.output } : null;
  const output = outputAt ? (plan.activities[outputAt.a]?.outputs[outputAt.o] ?? null) : null;
  const indikatorFinding = outputAt
    ? analysis.findings.find((f) => f.at?.activity === outputAt.a && f.at.output === outputAt.o && f.at.stage === undefined && f.field === 'indikatorTarget')
    : undefined;

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
      <DocumentStateLine id={plan.id} />

      <PlanFields plan={plan} dispatch={dispatch} onSessionEnd={grid.onSessionEnd} />

      <PlanToolbar
        planId={plan.id}
        gridId={ids.grid}
        canUndo={state.undo.length > 0}
        canRedo={state.redo.length > 0}
        hasRows={rows.length > 0}
        commands={grid.commands}
        dispatch={dispatch}
        endEditing={grid.endEditing}
        requestFocus={grid.requestFocus}
        files={files}
        flush={() => saver.flush()}
      />

      <TotalsStrip totals={analysis.totals} stageCount={analysis.stageCount} />

      {files.problem ? (
        <div className="callout callout-error ra-problem" role="alert" data-testid="ra-problem">
          <p>{files.problem}</p>
          <button type="button" className="button button-small button-secondary" onClick={files.clearProblem}>
            {t('ra.import.close')}
          </button>
        </div>
      ) : null}
      {files.report ? <ImportReportView report={files.report} onClose={files.closeReport} /> : null}

      {rows.length === 0 ? (
        <div className="empty-state ra-empty">
          <p>{t('ra.empty')}</p>
          <button type="button" className="button button-primary" onClick={grid.commands.addRow}>
            {t('ra.addActivity')}
          </button>
        </div>
      ) : (
        <div id={ids.grid}>
          <EditorGrid
            plan={plan}
            rows={rows}
            cursor={cursor}
            editing={grid.editing}
            marks={marks}
            focusRequest={grid.focusRequest}
            commands={grid.commands}
            describedBy={ids.help}
            infoId={ids.cellInfo}
            label={t('ra.gridLabel', { title: plan.title || t('ra.unnamed') })}
          />
        </div>
      )}
      <CellInfo id={ids.cellInfo} rows={rows} cursor={cursor} findings={analysis.findings} />
      <p className="visually-hidden" aria-live="polite">
        {grid.announcement}
      </p>
      <EditorHelp id={ids.help} />

      <div className="ra-lower">
        <FindingsPanel
          id={ids.findings}
          headingId={ids.findingsHeading}
          findings={deferredAnalysis.findings}
          errorCount={deferredAnalysis.errorCount}
          warningCount={deferredAnalysis.warningCount}
          onSelect={grid.onSelectFinding}
        />
        <OutputPanel
          headingId={ids.outputHeading}
          output={output}
          activity={outputAt?.a ?? 0}
          outputIndex={outputAt?.o ?? 0}
          indikatorProblem={indikatorFinding ? messageBody(indikatorFinding.message) : null}
          onChange={grid.onOutputChange}
          onSessionEnd={grid.onSessionEnd}
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

      {grid.pendingDelete ? (
        <ConfirmDialog title={t('ra.delete.title')} confirmLabel={t('ra.delete.confirm')} cancelLabel={t('ra.cancel')} onConfirm={grid.confirmDelete} onCancel={grid.cancelDelete}>
          <p>{grid.pendingDelete.text}</p>
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
