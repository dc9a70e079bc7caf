/**
 * Saves still on their way when an editor closes (switching screens flushes
 * the plan without waiting). Whatever reads plans next (the editor reopening,
 * the list) waits for them first, so it never shows the copy before the save.
 */
const pending = new Set<Promise<unknown>>();

export function trackSave(save: Promise<unknown>): void {
  pending.add(save);
  const done = () => pending.delete(save);
  save.then(done, done);
}

/** Resolves once every save tracked so far has finished (failed ones too: their error is shown elsewhere). */
export async function savesSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
