import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../../lib/errors';

const pollMs = 300;

export interface ResumableJob<S, J> {
  /** The latest state (null until loaded). */
  state: S | null;
  setState(state: S): void;
  /** Why the state could not be loaded, if it could not. */
  loadError: string | null;
  refresh(): Promise<S | null>;
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
  const [state, setState] = useState<S | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [job, setJob] = useState<J | null>(null);
  // The latest callbacks, without restarting the effects on each render.
  const calls = useRef({ loadState, jobStatus, onEnd });
  calls.current = { loadState, jobStatus, onEnd };

  const refresh = useCallback(async () => {
    try {
      const next = await calls.current.loadState();
      setState(next);
      setLoadError(null);
      return next;
    } catch (err) {
      setLoadError(messageOf(err));
      return null;
    }
  }, []);

  useEffect(() => {
    let isCurrent = true;
    void refresh().then(async (s) => {
      if (!isCurrent || !s?.runningJobId) return;
      const running = await calls.current.jobStatus(s.runningJobId).catch(() => null);
      if (isCurrent && running) setJob(running);
    });
    return () => {
      isCurrent = false;
    };
  }, [refresh]);

  const jobId = job?.jobId;
  const isRunning = job?.state === 'running';
  useEffect(() => {
    if (!jobId || !isRunning) return;
    let isCurrent = true;
    const timer = window.setInterval(() => {
      calls.current.jobStatus(jobId).then(
        (next) => {
          if (!isCurrent) return;
          setJob(next);
          if (next.state === 'running') return;
          void refresh();
          calls.current.onEnd(next);
        },
        () => undefined,
      );
    }, pollMs);
    return () => {
      isCurrent = false;
      window.clearInterval(timer);
    };
  }, [jobId, isRunning, refresh]);

  return { state, setState, loadError, refresh, job, setJob };
}
