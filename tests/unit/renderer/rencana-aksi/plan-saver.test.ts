import type { RencanaAksiPlan } from '../../../../core/domain/rencana-aksi';
import { BerkasError } from '../../../../core/domain/errors';
import { setImmediate as realSetImmediate } from 'node:timers';
import { AUTOSAVE_DELAY_MS, PlanSaver, type SaveStatus } from '../../../../renderer/src/features/rencana-aksi/plan-saver';

function plan(title: string): RencanaAksiPlan {
  return { id: 'p1', opdCode: 'X', year: 2025, title, activities: [] };
}

interface Call {
  plan: RencanaAksiPlan;
  baseRevision?: number;
  resolve(doc: { revision: number; updatedAt: string }): void;
  reject(err: unknown): void;
}

/** A store that answers when the test says so, so the order of saves can be checked. */
function harness(initial = plan('Awal')) {
  const calls: Call[] = [];
  const statuses: SaveStatus[] = [];
  const saver = new PlanSaver(
    {
      save: (request) =>
        new Promise((resolve, reject) => {
          calls.push({ ...request, resolve, reject });
        }),
      onStatus: (s) => statuses.push(s),
    },
    { plan: initial, revision: 3, updatedAt: '2025-06-17T07:00:00.000Z' },
  );
  return { saver, calls, statuses, kinds: () => statuses.map((s) => s.kind) };
}

/** Lets settled promises run their callbacks (the fake timers do not touch setImmediate's real twin). */
const flushPromises = () => new Promise<void>((resolve) => realSetImmediate(resolve));

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('PlanSaver', () => {
  it('saves once, 700 ms after the last of several quick changes, with the revision it was loaded at', async () => {
    const h = harness();
    h.saver.change(plan('A'));
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    h.saver.change(plan('AB'));
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    expect(h.calls).toHaveLength(0);
    const last = plan('ABC');
    h.saver.change(last);
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]?.plan).toBe(last);
    expect(h.calls[0]?.baseRevision).toBe(3);
    expect(h.kinds()).toEqual(['pending', 'pending', 'pending', 'saving']);
    h.calls[0]?.resolve({ revision: 4, updatedAt: '2025-06-17T07:32:00.000Z' });
    await flushPromises();
    expect(h.statuses.at(-1)).toEqual({ kind: 'saved', at: '2025-06-17T07:32:00.000Z' });
    expect(h.saver.isDirty).toBe(false);
    expect(h.saver.currentRevision).toBe(4);
  });

  it('saves one at a time: a change made during a save is saved right after it, with the new revision', async () => {
    const h = harness();
    h.saver.change(plan('A'));
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    const during = plan('AB');
    h.saver.change(during);
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(h.calls).toHaveLength(1);
    h.calls[0]?.resolve({ revision: 4, updatedAt: 't1' });
    await flushPromises();
    expect(h.calls).toHaveLength(2);
    expect(h.calls[1]?.plan).toBe(during);
    expect(h.calls[1]?.baseRevision).toBe(4);
    // Not reported as saved in between: the newer change was not stored yet.
    expect(h.statuses.some((s) => s.kind === 'saved')).toBe(false);
    h.calls[1]?.resolve({ revision: 5, updatedAt: 't2' });
    await flushPromises();
    expect(h.statuses.at(-1)).toEqual({ kind: 'saved', at: 't2' });
  });

  it('does not send a plan without a title, and says why', () => {
    const h = harness();
    h.saver.change(plan('  '));
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS * 3);
    expect(h.calls).toHaveLength(0);
    expect(h.statuses.at(-1)).toEqual({ kind: 'invalid', reason: 'title' });
  });

  it('reports a failure, keeps the change, and saves it on retry', async () => {
    const h = harness();
    const changed = plan('B');
    h.saver.change(changed);
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    h.calls[0]?.reject(new BerkasError('UI_SERVER_UNREACHABLE', 'Layanan Berkas di komputer ini tidak menjawab.'));
    await flushPromises();
    expect(h.statuses.at(-1)).toEqual({ kind: 'error', message: 'Layanan Berkas di komputer ini tidak menjawab.', isConflict: false });
    expect(h.saver.isDirty).toBe(true);
    const retried = h.saver.retry();
    expect(h.calls[1]?.plan).toBe(changed);
    h.calls[1]?.resolve({ revision: 4, updatedAt: 't' });
    await expect(retried).resolves.toBe(true);
    expect(h.statuses.at(-1)).toEqual({ kind: 'saved', at: 't' });
  });

  it('on a revision conflict offers to overwrite: the retry then drops the revision check', async () => {
    const h = harness();
    h.saver.change(plan('B'));
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    h.calls[0]?.reject(new BerkasError('REVISION_CONFLICT', 'sudah diubah di tempat lain'));
    await flushPromises();
    expect(h.statuses.at(-1)).toMatchObject({ kind: 'error', isConflict: true });
    void h.saver.retry(true);
    expect(h.calls[1]).not.toHaveProperty('baseRevision');
    h.calls[1]?.resolve({ revision: 9, updatedAt: 't' });
    await flushPromises();
    // Later saves check the revision again.
    h.saver.change(plan('C'));
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(h.calls[2]?.baseRevision).toBe(9);
  });

  it('saves pending changes at once when detached (leaving the editor), without reporting any more', async () => {
    const h = harness();
    h.saver.change(plan('B'));
    const before = h.statuses.length;
    const done = h.saver.detach();
    expect(h.calls).toHaveLength(1);
    h.calls[0]?.resolve({ revision: 4, updatedAt: 't' });
    await expect(done).resolves.toBe(true);
    expect(h.statuses).toHaveLength(before);
    // Nothing pending: a flush is a no-op.
    await expect(h.saver.flush()).resolves.toBe(true);
    expect(h.calls).toHaveLength(1);
  });

  it('forgets a pending save when the plan goes back to the saved one (undo to start)', () => {
    const initial = plan('Awal');
    const h = harness(initial);
    h.saver.change(plan('B'));
    h.saver.change(initial);
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2);
    expect(h.calls).toHaveLength(0);
    expect(h.statuses.at(-1)).toEqual({ kind: 'saved', at: '2025-06-17T07:00:00.000Z' });
  });
});
