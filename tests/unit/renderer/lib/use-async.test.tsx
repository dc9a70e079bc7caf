import { delay, useAsync, type AsyncOptions } from '../../../../renderer/src/lib/use-async';
import { flush, perform, renderHook } from '../render-hook';

/** Calls that answer only when the test says so, in any order. */
function controlledCalls() {
  const made: { id: string; signal: AbortSignal; resolve(value: string): void; reject(reason: unknown): void }[] = [];
  const start = (id: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      made.push({ id, signal, resolve, reject });
    });
  const call = (i: number) => {
    const c = made[i];
    if (!c) throw new Error(`no call ${i} (made ${made.length})`);
    return c;
  };
  return { made, start, call };
}

type Props = { id: string | null };

async function renderLoader(first: Props, options?: AsyncOptions & { isStrict?: boolean }) {
  const calls = controlledCalls();
  const hook = await renderHook(
    ({ id }: Props) => useAsync((signal) => (id === null ? null : calls.start(id, signal)), [id], options),
    first,
    { isStrict: options?.isStrict ?? false },
  );
  return { ...calls, hook };
}

const shown = (r: { status: string; value: unknown; error: Error | null }) => ({ status: r.status, value: r.value, error: r.error?.message ?? null });

describe('useAsync', () => {
  it('is pending until the call answers, then holds its value', async () => {
    const { hook, made, call } = await renderLoader({ id: 'a' });
    expect(made.map((c) => c.id)).toEqual(['a']);
    expect(shown(hook.current)).toEqual({ status: 'pending', value: undefined, error: null });
    call(0).resolve('A');
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'A', error: null });
  });

  it('drops the answer of a call made for deps that have changed, whichever answers first', async () => {
    const { hook, call } = await renderLoader({ id: 'a' });
    await hook.rerender({ id: 'b' });
    expect(call(0).signal.aborted).toBe(true);
    call(1).resolve('B');
    await flush();
    call(0).resolve('A');
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'B', error: null });
    expect(hook.history.some((r) => r.value === 'A')).toBe(false);
  });

  it('never shows the previous deps’ value once the deps change, not even for one render', async () => {
    const { hook, call } = await renderLoader({ id: 'a' });
    call(0).resolve('A');
    await flush();
    const before = hook.history.length;
    await hook.rerender({ id: 'b' });
    const after = hook.history.slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.map(shown)).toEqual(after.map(() => ({ status: 'pending', value: undefined, error: null })));
  });

  it("with stale 'keep', shows the previous value while the new deps load, then the new one", async () => {
    const { hook, call } = await renderLoader({ id: 'a' }, { stale: 'keep' });
    call(0).resolve('A');
    await flush();
    await hook.rerender({ id: 'b' });
    expect(shown(hook.current)).toEqual({ status: 'pending', value: 'A', error: null });
    call(1).resolve('B');
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'B', error: null });
  });

  it('ignores an answer that arrives after the component has gone, and aborts its signal', async () => {
    const { hook, call } = await renderLoader({ id: 'a' });
    const renders = hook.history.length;
    await hook.unmount();
    expect(call(0).signal.aborted).toBe(true);
    call(0).resolve('A');
    await flush();
    expect(hook.history.length).toBe(renders);
    expect(hook.current.value).toBeUndefined();
  });

  it('reload calls again with the same deps, keeps the value meanwhile, and drops the answer of the call it replaced', async () => {
    const { hook, made, call } = await renderLoader({ id: 'a' });
    call(0).resolve('A1');
    await flush();
    await flush();
    await perform(() => hook.current.reload());
    expect(made.map((c) => c.id)).toEqual(['a', 'a']);
    expect(shown(hook.current)).toEqual({ status: 'pending', value: 'A1', error: null });
    await perform(() => hook.current.reload());
    expect(call(1).signal.aborted).toBe(true);
    call(2).resolve('A3');
    await flush();
    call(1).resolve('A2');
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'A3', error: null });
  });

  it('reloadOn calls again when a value that is not an input changes, keeping what it shows meanwhile', async () => {
    const calls = controlledCalls();
    const hook = await renderHook(({ id, screen }: { id: string; screen: number }) => useAsync((signal) => calls.start(id, signal), [id], { reloadOn: [screen] }), { id: 'a', screen: 1 });
    calls.call(0).resolve('A');
    await flush();
    await hook.rerender({ id: 'a', screen: 2 });
    expect(calls.made.map((c) => c.id)).toEqual(['a', 'a']);
    expect(calls.call(0).signal.aborted).toBe(true);
    expect(shown(hook.current)).toEqual({ status: 'pending', value: 'A', error: null });
    calls.call(1).resolve('A2');
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'A2', error: null });
  });

  it('says why a call failed, keeps the last value, and keeps the error while a retry is pending', async () => {
    const { hook, call } = await renderLoader({ id: 'a' });
    call(0).resolve('A');
    await flush();
    await perform(() => hook.current.reload());
    call(1).reject(new Error('Server tidak menjawab'));
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'failed', value: 'A', error: 'Server tidak menjawab' });
    await perform(() => hook.current.reload());
    expect(shown(hook.current)).toEqual({ status: 'pending', value: 'A', error: 'Server tidak menjawab' });
    call(2).resolve('A lagi');
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'A lagi', error: null });
  });

  it('turns anything thrown that is not an Error into one with the same text', async () => {
    const { hook, call } = await renderLoader({ id: 'a' });
    call(0).reject('teks saja');
    await flush();
    expect(hook.current.error).toBeInstanceOf(Error);
    expect(hook.current.error?.message).toBe('teks saja');
  });

  it('set and update show a value obtained otherwise at once and drop the call under way', async () => {
    const { hook, call } = await renderLoader({ id: 'a' });
    call(0).resolve('A');
    await flush();
    await perform(() => hook.current.reload());
    await flush();
    await perform(() => hook.current.update((previous) => `${previous} disimpan`));
    expect(call(1).signal.aborted).toBe(true);
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'A disimpan', error: null });
    call(1).resolve('A lama');
    await flush();
    expect(hook.current.value).toBe('A disimpan');
    await perform(() => hook.current.set('B langsung'));
    expect(hook.current.value).toBe('B langsung');
  });

  it('update changes nothing, and leaves the call under way alone, while there is no value', async () => {
    const { hook, call } = await renderLoader({ id: 'a' });
    await perform(() => hook.current.update((previous) => `${previous} diubah`));
    expect(call(0).signal.aborted).toBe(false);
    expect(shown(hook.current)).toEqual({ status: 'pending', value: undefined, error: null });
    call(0).resolve('A');
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'A', error: null });
  });

  it('is idle, without a value, when run gives null, and calls when there is something to call again', async () => {
    const { hook, made, call } = await renderLoader({ id: 'a' }, { stale: 'keep' });
    call(0).resolve('A');
    await flush();
    await hook.rerender({ id: null });
    expect(made).toHaveLength(1);
    expect(shown(hook.current)).toEqual({ status: 'idle', value: undefined, error: null });
    await hook.rerender({ id: 'c' });
    expect(shown(hook.current)).toEqual({ status: 'pending', value: undefined, error: null });
    call(1).resolve('C');
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'C', error: null });
  });

  it('under StrictMode (effects run, clean up and run again) only the second call counts', async () => {
    const { hook, made, call } = await renderLoader({ id: 'a' }, { isStrict: true });
    expect(made).toHaveLength(2);
    expect(call(0).signal.aborted).toBe(true);
    expect(call(1).signal.aborted).toBe(false);
    call(1).resolve('kedua');
    await flush();
    call(0).resolve('pertama');
    await flush();
    expect(shown(hook.current)).toEqual({ status: 'done', value: 'kedua', error: null });
  });
});

describe('delay', () => {
  it('resolves after the pause when nothing aborts it', async () => {
    await expect(delay(1, new AbortController().signal)).resolves.toBeUndefined();
  });

  it('rejects with the abort reason as soon as its signal is aborted, and at once when it already was', async () => {
    const controller = new AbortController();
    const waiting = delay(60_000, controller.signal);
    controller.abort(new Error('tidak diperlukan lagi'));
    await expect(waiting).rejects.toThrow('tidak diperlukan lagi');
    await expect(delay(60_000, controller.signal)).rejects.toThrow('tidak diperlukan lagi');
  });
});
