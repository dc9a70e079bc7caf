import { HISTORY_LIMIT, historyReducer, initialHistory, type HistoryAction, type HistoryState } from '../../../../renderer/src/features/rencana-aksi/history';

type S = HistoryState<string, number>;
const run = (state: S, ...actions: HistoryAction<string, number>[]) => actions.reduce(historyReducer, state);

describe('undo and redo', () => {
  it('undoes and redoes each edit, returning the cursor where the edit happened', () => {
    let s = initialHistory('a', 0);
    s = run(s, { type: 'cursor', cursor: 3 }, { type: 'apply', next: 'ab', cursor: 4 }, { type: 'apply', next: 'abc', cursor: 5 });
    expect(s.present).toBe('abc');
    s = run(s, { type: 'undo' });
    expect([s.present, s.cursor]).toEqual(['ab', 4]);
    s = run(s, { type: 'undo' });
    expect([s.present, s.cursor]).toEqual(['a', 3]);
    expect(run(s, { type: 'undo' })).toBe(s);
    s = run(s, { type: 'redo' });
    expect([s.present, s.cursor]).toEqual(['ab', 4]);
    // A new edit after an undo drops what could have been redone.
    s = run(s, { type: 'apply', next: 'abX' });
    expect(s.redo).toEqual([]);
    expect(run(s, { type: 'redo' })).toBe(s);
  });

  it('makes one step of a typing session, and Escape gives back the plan from before it', () => {
    let s = initialHistory('', 0);
    s = run(s, { type: 'apply', next: 'A', session: 'c1' }, { type: 'apply', next: 'AP', session: 'c1' }, { type: 'apply', next: 'APB', session: 'c1' });
    expect(s.undo).toHaveLength(1);
    expect(run(s, { type: 'undo' }).present).toBe('');
    const cancelled = run(s, { type: 'cancelSession', session: 'c1' });
    expect(cancelled.present).toBe('');
    expect(cancelled.undo).toHaveLength(0);
    // Ended sessions are kept; the next session is a new step.
    s = run(s, { type: 'endSession' }, { type: 'apply', next: 'APBD', session: 'c2' });
    expect(s.undo).toHaveLength(2);
    expect(run(s, { type: 'cancelSession', session: 'c1' })).toBe(s);
    expect(run(s, { type: 'cancelSession', session: 'c2' }).present).toBe('APB');
  });

  it('ignores an edit that changes nothing, and cancelling a session without changes changes nothing', () => {
    const s = initialHistory('a', 0);
    expect(run(s, { type: 'apply', next: 'a' })).toBe(s);
    expect(run(s, { type: 'cancelSession', session: 'none' })).toBe(s);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let s = initialHistory('0', 0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) s = run(s, { type: 'apply', next: String(i) });
    expect(s.undo).toHaveLength(HISTORY_LIMIT);
    expect(s.undo[0]?.before).toBe('10');
  });

  it('resets to a new present', () => {
    const s = run(initialHistory('a', 0), { type: 'apply', next: 'b' }, { type: 'reset', present: 'z', cursor: 9 });
    expect(s).toEqual({ present: 'z', cursor: 9, undo: [], redo: [], session: null });
  });
});
