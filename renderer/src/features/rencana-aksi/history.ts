/**
 * Undo and redo over every edit of the plan (Jambi Pasal 7 ayat (7): the means
 * to correct and to cancel a command). The history keeps whole plans: edits
 * copy only the path they change, so a step costs little even at 2,000 stages.
 *
 * Typing into one cell (or one field) is a session: its keystrokes update the
 * plan live (totals follow every key) but make a single undo step, and Escape
 * drops the session's step, giving back the plan as it was before.
 */

export interface Step<T, C> {
  before: T;
  after: T;
  /** Where the cursor was before the edit (undo returns there) and after it (redo goes there). */
  cursorBefore: C;
  cursorAfter: C;
}

export interface HistoryState<T, C> {
  present: T;
  cursor: C;
  undo: Step<T, C>[];
  redo: Step<T, C>[];
  /** The open typing session, whose step the next keystroke of the same session extends. */
  session: string | null;
}

export type HistoryAction<T, C> =
  | { type: 'apply'; next: T; cursor?: C | undefined; session?: string | undefined }
  | { type: 'cursor'; cursor: C }
  | { type: 'endSession' }
  | { type: 'cancelSession'; session: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; present: T; cursor: C };

/** Steps kept; older ones are dropped (the saved plan is never affected). */
export const HISTORY_LIMIT = 500;

export function initialHistory<T, C>(present: T, cursor: C): HistoryState<T, C> {
  return { present, cursor, undo: [], redo: [], session: null };
}

export function historyReducer<T, C>(state: HistoryState<T, C>, action: HistoryAction<T, C>): HistoryState<T, C> {
  switch (action.type) {
    case 'apply': {
      const cursor = action.cursor ?? state.cursor;
      if (action.next === state.present) return cursor === state.cursor ? state : { ...state, cursor };
      const top = state.undo[state.undo.length - 1];
      if (action.session !== undefined && action.session === state.session && top) {
        const extended: Step<T, C> = { ...top, after: action.next, cursorAfter: cursor };
        return { ...state, present: action.next, cursor, undo: [...state.undo.slice(0, -1), extended], redo: [] };
      }
      const step: Step<T, C> = { before: state.present, after: action.next, cursorBefore: state.cursor, cursorAfter: cursor };
      const undo = state.undo.length >= HISTORY_LIMIT ? [...state.undo.slice(1), step] : [...state.undo, step];
      return { present: action.next, cursor, undo, redo: [], session: action.session ?? null };
    }
    case 'cursor':
      return action.cursor === state.cursor ? state : { ...state, cursor: action.cursor };
    case 'endSession':
      return state.session === null ? state : { ...state, session: null };
    case 'cancelSession': {
      const top = state.undo[state.undo.length - 1];
      if (state.session !== action.session || !top) return state.session === action.session ? { ...state, session: null } : state;
      return { ...state, present: top.before, cursor: top.cursorBefore, undo: state.undo.slice(0, -1), session: null };
    }
    case 'undo': {
      const step = state.undo[state.undo.length - 1];
      if (!step) return state;
      return { present: step.before, cursor: step.cursorBefore, undo: state.undo.slice(0, -1), redo: [...state.redo, step], session: null };
    }
    case 'redo': {
      const step = state.redo[state.redo.length - 1];
      if (!step) return state;
      return { present: step.after, cursor: step.cursorAfter, undo: [...state.undo, step], redo: state.redo.slice(0, -1), session: null };
    }
    case 'reset':
      return initialHistory(action.present, action.cursor);
  }
}
