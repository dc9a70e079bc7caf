import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  /** idle: nothing to call (run gave null); pending: a call is under way; done / failed: how the latest call ended. */
  status: 'idle' | 'pending' | 'done' | 'failed';
  /** What the latest successful call gave; kept while a reload is pending and after a failure. */
  value: T | undefined;
  /** Why the latest settled call failed; cleared by a success, kept while a reload is pending. */
  error: Error | null;
}

export interface AsyncResult<T> extends AsyncState<T> {
  /** Calls again with the same deps (a retry, or a change made elsewhere); the value and error stay until it settles. */
  reload(): void;
  /** A value obtained otherwise (a save's answer): shown at once; a call still under way is dropped. */
  set(value: T): void;
  /** Changes the value there is, as set does; nothing at all while there is none. */
  update(change: (value: T) => T): void;
}

export interface AsyncOptions {
  /**
   * When the deps change: 'drop' (the default) forgets the value and error at
   * once, so nothing of the previous plan, certificate or id is shown in the
   * meantime; 'keep' shows them until the new call settles (a list refreshed).
   */
  stale?: 'drop' | 'keep';
  /**
   * Values that are not inputs of `run` but whose change calls again, as
   * reload does: the profile was switched, the officer came back to a list.
   */
  reloadOn?: DependencyList;
}

interface Stored<T> extends AsyncState<T> {
  /** The deps this state belongs to; null before the first call. */
  deps: DependencyList | null;
}

function sameDeps(a: DependencyList | null, b: DependencyList): boolean {
  return a !== null && a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/**
 * The result of an asynchronous call that depends on `deps`: what a
 * `useEffect` that loads something does, without its hand-written "is this
 * answer still wanted" flag. The call runs after each render whose deps
 * changed, and only the latest call may change the state: an answer that
 * arrives after the component has gone, after the deps changed, after a
 * reload or after `set` is dropped, and the call's AbortSignal is aborted
 * then (a delay or a multi-step call can stop early). `run` giving null means
 * there is nothing to call: status 'idle', no value.
 *
 * eslint.config.mjs names this hook to react-hooks/exhaustive-deps, which
 * checks `deps` against `run` as it does for useEffect.
 */
export function useAsync<T>(run: (signal: AbortSignal) => Promise<T> | null, deps: DependencyList, options: AsyncOptions = {}): AsyncResult<T> {
  const keepsStale = options.stale === 'keep';
  const [stored, setStored] = useState<Stored<T>>({ deps: null, status: 'pending', value: undefined, error: null });
  const [round, setRound] = useState(0);
  // The call under way, the deps it was made for and whether there is a value: for `set` and `update`,
  // which event handlers call after the effects of the render they saw have run.
  const latest = useRef<{ controller: AbortController | null; deps: DependencyList | null; hasValue: boolean }>({ controller: null, deps: null, hasValue: false });
  useEffect(() => {
    latest.current.hasValue = stored.value !== undefined;
  });

  useEffect(() => {
    const controller = new AbortController();
    latest.current.controller = controller;
    latest.current.deps = deps;
    const promise = run(controller.signal);
    if (promise === null) {
      setStored({ deps, status: 'idle', value: undefined, error: null });
      return () => controller.abort();
    }
    setStored((s) => {
      const isKept = keepsStale || sameDeps(s.deps, deps);
      return { deps, status: 'pending', value: isKept ? s.value : undefined, error: isKept ? s.error : null };
    });
    promise.then(
      (value) => {
        if (!controller.signal.aborted) setStored({ deps, status: 'done', value, error: null });
      },
      (thrown: unknown) => {
        if (!controller.signal.aborted) setStored((s) => ({ deps, status: 'failed', value: s.value, error: asError(thrown) }));
      },
    );
    return () => controller.abort();
    // The caller's deps stand for `run` (checked where the hook is called); `round` and `reloadOn` reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round, ...(options.reloadOn ?? [])]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const set = useCallback((value: T) => {
    latest.current.controller?.abort();
    const deps = latest.current.deps;
    setStored((s) => ({ deps: deps ?? s.deps, status: 'done', value, error: null }));
  }, []);
  const update = useCallback((change: (value: T) => T) => {
    if (!latest.current.hasValue) return;
    latest.current.controller?.abort();
    const deps = latest.current.deps;
    setStored((s) => (s.value === undefined ? s : { deps: deps ?? s.deps, status: 'done', value: change(s.value), error: null }));
  }, []);

  // The deps changed in this render and the effect that calls again has not run yet: say so now,
  // rather than show for one render a value that belongs to the previous deps.
  if (!sameDeps(stored.deps, deps)) {
    const isKept = keepsStale && stored.status !== 'idle';
    return { status: 'pending', value: isKept ? stored.value : undefined, error: isKept ? stored.error : null, reload, set, update };
  }
  return { status: stored.status, value: stored.value, error: stored.error, reload, set, update };
}

/** Resolves after `ms`, or rejects as soon as `signal` is aborted: a pause inside a useAsync call (wait until typing stops). */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
