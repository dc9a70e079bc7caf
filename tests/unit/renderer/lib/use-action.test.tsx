import { useAction, type ActionOptions } from '../../../../renderer/src/lib/use-action';
import { flush, perform, renderHook } from '../render-hook';

/** Calls that answer only when the test says so. */
function controlledCalls() {
  const made: { arg: string; resolve(): void; reject(reason: unknown): void }[] = [];
  const act = (arg: string) =>
    new Promise<void>((resolve, reject) => {
      made.push({ arg, resolve, reject });
    });
  const call = (i: number) => {
    const c = made[i];
    if (!c) throw new Error(`no call ${i} (made ${made.length})`);
    return c;
  };
  return { made, act, call };
}

async function renderAction(options?: ActionOptions) {
  const calls = controlledCalls();
  const hook = await renderHook(() => useAction(calls.act, options), {});
  return { ...calls, hook };
}

const shown = (r: { isBusy: boolean; error: string | null }) => ({ isBusy: r.isBusy, error: r.error });

describe('useAction', () => {
  it('is busy while the call runs and idle again once it succeeds', async () => {
    const { hook, made, call } = await renderAction();
    expect(shown(hook.current)).toEqual({ isBusy: false, error: null });
    await perform(() => void hook.current.run('a'));
    expect(made.map((c) => c.arg)).toEqual(['a']);
    expect(shown(hook.current)).toEqual({ isBusy: true, error: null });
    call(0).resolve();
    await flush();
    expect(shown(hook.current)).toEqual({ isBusy: false, error: null });
  });

  it('keeps the failure’s text, and clears it when the next run starts', async () => {
    const { hook, call } = await renderAction();
    await perform(() => void hook.current.run('a'));
    call(0).reject(new Error('Folder tidak dapat ditulis'));
    await flush();
    expect(shown(hook.current)).toEqual({ isBusy: false, error: 'Folder tidak dapat ditulis' });
    await perform(() => void hook.current.run('b'));
    expect(shown(hook.current)).toEqual({ isBusy: true, error: null });
  });

  it('words a failure with describe when given', async () => {
    const { hook, call } = await renderAction({ describe: (err) => `Gagal: ${err instanceof Error ? err.message : String(err)}` });
    await perform(() => void hook.current.run('a'));
    call(0).reject(new Error('ditolak'));
    await flush();
    expect(hook.current.error).toBe('Gagal: ditolak');
  });

  it('run never rejects: the failure is in error, not in the promise', async () => {
    const { hook, call } = await renderAction();
    let settled: Promise<void> | undefined;
    await perform(() => {
      settled = hook.current.run('a');
    });
    call(0).reject(new Error('x'));
    await flush();
    await expect(settled).resolves.toBeUndefined();
  });

  it('stays busy while any of two overlapping runs is under way', async () => {
    const { hook, call } = await renderAction();
    await perform(() => void hook.current.run('a'));
    await perform(() => void hook.current.run('b'));
    call(0).resolve();
    await flush();
    expect(hook.current.isBusy).toBe(true);
    call(1).resolve();
    await flush();
    expect(hook.current.isBusy).toBe(false);
  });

  it('stays busy after a success when the action leaves the screen, but not after a failure', async () => {
    const { hook, call } = await renderAction({ staysBusyOnSuccess: true });
    await perform(() => void hook.current.run('a'));
    call(0).reject(new Error('x'));
    await flush();
    expect(shown(hook.current)).toEqual({ isBusy: false, error: 'x' });
    await perform(() => void hook.current.run('b'));
    call(1).resolve();
    await flush();
    expect(shown(hook.current)).toEqual({ isBusy: true, error: null });
  });

  it('shows a failure found before any call where a call’s would be', async () => {
    const { hook, made } = await renderAction();
    await perform(() => hook.current.setError('Isi folder tujuan.'));
    expect(made).toHaveLength(0);
    expect(shown(hook.current)).toEqual({ isBusy: false, error: 'Isi folder tujuan.' });
  });

  it('keeps one run function across renders, calling the latest action', async () => {
    const seen: string[] = [];
    const hook = await renderHook(
      ({ tag }: { tag: string }) =>
        useAction(async () => {
          seen.push(tag);
        }),
      { tag: 'first' },
    );
    const firstRun = hook.current.run;
    await hook.rerender({ tag: 'second' });
    expect(hook.current.run).toBe(firstRun);
    await perform(() => void firstRun());
    expect(seen).toEqual(['second']);
  });
});
