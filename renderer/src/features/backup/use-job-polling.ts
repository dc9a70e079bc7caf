import { useEffect, useRef } from 'react';

const pollMs = 300;

/**
 * Polls a running job (a backup or a restore) until it ends: each answer goes
 * to `onUpdate`, the one that ends it to `onEnd` as well. The job runs in the
 * app's process, so leaving the screen stops the polling, not the job.
 */
export function useJobPolling<J extends { state: string }>(
  jobId: string | undefined,
  isRunning: boolean,
  poll: (jobId: string) => Promise<J>,
  onUpdate: (job: J) => void,
  onEnd: (job: J) => void,
): void {
  // The latest callbacks, without restarting the timer each render.
  const callbacks = useRef({ poll, onUpdate, onEnd });
  callbacks.current = { poll, onUpdate, onEnd };
  useEffect(() => {
    if (!jobId || !isRunning) return;
    let isCurrent = true;
    const timer = window.setInterval(() => {
      callbacks.current.poll(jobId).then(
        (next) => {
          if (!isCurrent) return;
          callbacks.current.onUpdate(next);
          if (next.state !== 'running') callbacks.current.onEnd(next);
        },
        () => undefined,
      );
    }, pollMs);
    return () => {
      isCurrent = false;
      window.clearInterval(timer);
    };
  }, [jobId, isRunning]);
}
