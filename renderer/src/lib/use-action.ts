import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from './errors';

export interface ActionOptions {
  /** The text shown for a failure (default: its message in the UI's language). */
  describe?: (thrown: unknown) => string;
  /**
   * Whether a success leaves the action busy: for an action that leaves the
   * screen (opens the draft it made), so its button cannot be pressed twice
   * while the next screen comes.
   */
  staysBusyOnSuccess?: boolean;
}

export interface ActionResult<A extends unknown[]> {
  /** Runs the action; resolves once it has settled and never rejects (its failure is in `error`). */
  run(...args: A): Promise<void>;
  /** True from a run's start until every run started has settled: the button that started it is disabled. */
  isBusy: boolean;
  /** The latest failure's text; cleared when a run starts. */
  error: string | null;
  /** A failure found before any call (an empty field), shown where a call's failure would be. */
  setError(message: string | null): void;
}

/**
 * What a button or form that calls the workspace does by hand: busy while the
 * call runs, the failure's text kept to show
 * beside it, cleared by the next try. What a success shows (a "done" line, a
 * list reloaded) is the action's own business.
 */
export function useAction<A extends unknown[]>(act: (...args: A) => Promise<void>, options: ActionOptions = {}): ActionResult<A> {
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The latest act and options, so that `run` stays one function for the component's life.
  const latest = useRef({ act, options });
  latest.current = { act, options };
  // Runs not yet settled: a list's actions (one per row) may overlap, and the first to settle must not end "busy" for the others.
  const pending = useRef(0);
  const isMounted = useRef(true);
  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A) => {
    pending.current += 1;
    setIsBusy(true);
    setError(null);
    const { act: current, options: opts } = latest.current;
    let isDone = false;
    try {
      await current(...args);
      isDone = true;
    } catch (thrown) {
      if (isMounted.current) setError((opts.describe ?? messageOf)(thrown));
    }
    if (isDone && opts.staysBusyOnSuccess) return;
    pending.current -= 1;
    if (pending.current === 0 && isMounted.current) setIsBusy(false);
  }, []);

  return { run, isBusy, error, setError };
}
