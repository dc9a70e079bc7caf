import { useMemo, useReducer, type Dispatch } from 'react';
import type { EditorRow, RencanaAksiPlan } from '@core/domain/rencana-aksi';
import { clampCursor, type Cursor } from './grid-model';
import { historyReducer, initialHistory, type HistoryAction, type HistoryState } from './history';
import { rowOfTarget, rowsOf } from './plan-edits';
import type { EditResult } from './row-edits';

export type PlanHistory = HistoryState<RencanaAksiPlan, Cursor>;
export type EditorAction =
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

/** The plan after an insert or a move, with the cursor on the row it names. */
export function cursorAt(result: EditResult, col: number): { plan: RencanaAksiPlan; cursor: Cursor } {
  return { plan: result.plan, cursor: { row: Math.max(0, rowOfTarget(result.plan, result.target)), col } };
}

let sessionCounter = 0;
/** A fresh typing session (one undo step for all its keystrokes). */
export const nextSession = (prefix: string) => `${prefix}-${++sessionCounter}`;

export interface PlanHistoryView {
  state: PlanHistory;
  dispatch: Dispatch<EditorAction>;
  plan: RencanaAksiPlan;
  rows: EditorRow[];
  /** The cursor, kept inside the rows there are. */
  cursor: Cursor;
}

/** The plan being edited, with its undo and redo steps and the grid's cursor. */
export function usePlanHistory(initial: RencanaAksiPlan): PlanHistoryView {
  const [state, dispatch] = useReducer(editorReducer, undefined, (): PlanHistory => initialHistory(initial, { row: 0, col: 1 }));
  const plan = state.present;
  const rows = useMemo(() => rowsOf(plan), [plan]);
  return { state, dispatch, plan, rows, cursor: clampCursor(rows, state.cursor) };
}
