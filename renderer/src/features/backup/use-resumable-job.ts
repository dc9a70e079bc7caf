import { useRef, useState } from 'react';
import { messageOf } from '../../lib/errors';
import { delay, useAsync } from '../../lib/use-async';

const pollMs = 300;

export interface ResumableJob<S, J> {
  /** The latest state (null until loaded). */
  state: S | null;
  setState(state: S): void;
  /** Why the state could not be loaded, if it could not. */
  loadError: string | null;
  /** Loads the state again (and follows a job it says is running). */
  refresh(): void;
  job: J | null;
  setJob(job: J | null): void;
}

/**
 * A screen's view of a job that runs in the app's process (a backup, a
 * restore): loads the state, picks up a job still running from before the
 * screen was left, and polls the job until it ends, then reloads the state and
 * calls `onEnd`. Leaving the screen stops the polling, not the job.
 */
export function useResumableJob<S extends { runningJobId: string | null }, J extends { jobId: string; state: string }>(
  loadState: () => Promise<S>,
  jobStatus: (jobId: string) => Promise<J>,
  onEnd: (job: J) => void,
): ResumableJob<S, J> {
  const [job, setJob] = useState<J | null>(null);
  // The latest callbacks, without calling again on each render.
  const calls = useRef({ loadState, jobStatus, onEnd });
  calls.current = { loadState, jobStatus, onEnd };

  const loaded = useAsync(
    async (signal) => {
      const state = await calls.current.loadState();
      const running = state.runningJobId ? await calls.current.jobStatus(state.runningJobId).catch(() => null) : null;
      if (running && !signal.aborted) setJob(running);
      return state;
    },
    [],
    { stale: 'keep' },
  );
  const reload = loaded.reload;

  const jobId = job?.jobId;
  const isRunning = job?.state === 'running';
  useAsync(
    (signal) => {
      if (!jobId || !isRunning) return null;
      return (async () => {
        for (;;) {
          await delay(pollMs, signal);
          // A poll that fails is tried again at the next tick.
          const next = await calls.current.jobStatus(jobId).catch(() => null);
          if (signal.aborted) return;
          if (!next) continue;
          setJob(next);
          if (next.state === 'running') continue;
          reload();
          calls.current.onEnd(next);
          return;
        }
      })();
    },
    [jobId, isRunning, reload],
  );

  return { state: loaded.value ?? null, setState: loaded.set, loadError: loaded.error ? messageOf(loaded.error) : null, refresh: reload, job, setJob };
}
