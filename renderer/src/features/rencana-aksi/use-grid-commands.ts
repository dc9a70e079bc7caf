import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type Dispatch } from 'react';
import type { EditorRow, Finding, RencanaAksiPlan } from '@core/domain/rencana-aksi';
import type { Translate } from '../../i18n/catalog';
import type { CellEditing, GridCommands } from './grid-contract';
import { cellOfFinding, clampCursor, effectiveCol, fieldAt, tabCursor, type Cursor } from './grid-model';
import { rowOfTarget, rowsOf, setCell, setOutputDetail, type OutputDetailField } from './plan-edits';
import { deleteRow, describeDeletion, insertStage, moveRow, type Deletion } from './row-edits';
import type { ToastState } from './toast';
import { cursorAt, nextSession, type EditorAction } from './use-plan-history';

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

interface GridCommandsInput {
  plan: RencanaAksiPlan;
  rows: EditorRow[];
  cursor: Cursor;
  dispatch: Dispatch<EditorAction>;
  t: Translate;
  onToast(toast: Omit<ToastState, 'id'> | null): void;
}

export interface GridControl {
  commands: GridCommands;
  editing: CellEditing | null;
  /** Grows to ask the grid to focus its cursor cell. */
  focusRequest: number;
  requestFocus(): void;
  /** Closes an open cell editor (its text kept) before another action. */
  endEditing(): void;
  /** The plan of the latest render, for event handlers that run later (import, export, leaving). */
  latestPlan(): RencanaAksiPlan;
  /** The row the officer asked to delete, with the confirmation's text. */
  pendingDelete: { row: number; text: string } | null;
  confirmDelete(): void;
  cancelDelete(): void;
  /** What the live region says after a move, an import or an export. */
  announcement: string;
  announce(text: string): void;
  onOutputChange(a: number, o: number, field: OutputDetailField, text: string, session: string): void;
  onSessionEnd(): void;
  onSelectFinding(finding: Finding): void;
}

/**
 * What the grid and the panels ask of the editor: moving the cursor, typing
 * into a cell as one undo step, rows added, moved and deleted (after a
 * confirmation, undoable from the toast), and a finding taking the officer to
 * its cell or to the output panel's field.
 */
export function useGridCommands({ plan, rows, cursor, dispatch, t, onToast }: GridCommandsInput): GridControl {
  const [editing, setEditing] = useState<CellEditing | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [pendingDelete, setPendingDelete] = useState<{ row: number; text: string } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [panelFocus, setPanelFocus] = useState(0);

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
  }, [dispatch]);

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
    [dispatch, endEditing, requestFocus, t],
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
  }, [pendingDelete, dispatch, onToast, requestFocus, t]);

  const cancelDelete = useCallback(() => setPendingDelete(null), []);

  const onOutputChange = useCallback(
    (a: number, o: number, field: OutputDetailField, text: string, session: string) => {
      dispatch({ type: 'edit', session, run: (p) => ({ plan: setOutputDetail(p, a, o, field, text) }) });
    },
    [dispatch],
  );
  const onSessionEnd = useCallback(() => dispatch({ type: 'endSession' }), [dispatch]);

  const onSelectFinding = useCallback(
    (f: Finding) => {
      const cell = cellOfFinding(f);
      if (!cell) return;
      endEditing();
      dispatch({ type: 'cursor', cursor: { row: cell.row, col: cell.col } });
      if (f.field && (f.field.startsWith('indikator') || f.field.startsWith('kak'))) setPanelFocus((n) => n + 1);
      else requestFocus();
    },
    [dispatch, endEditing, requestFocus],
  );

  // A finding on indikator or KAK: its field is in the output panel, not in the grid.
  useEffect(() => {
    if (panelFocus === 0) return;
    const target = document.querySelector<HTMLElement>('.ra-output-panel [name="output.indikatorTarget"]');
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [panelFocus]);

  const latestPlan = useCallback(() => latest.current.plan, []);

  return {
    commands,
    editing,
    focusRequest,
    requestFocus,
    endEditing,
    latestPlan,
    pendingDelete,
    confirmDelete,
    cancelDelete,
    announcement,
    announce: setAnnouncement,
    onOutputChange,
    onSessionEnd,
    onSelectFinding,
  };
}
