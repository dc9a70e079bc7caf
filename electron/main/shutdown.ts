/**
 * The before-quit handler: the first quit is held back until the workspace
 * (the database) has closed, then quit is asked again and goes through. A
 * second quit while closing waits for the same close; a failing close is
 * logged and does not keep the app alive.
 */
export function createShutdown(close: () => Promise<void>, quit: () => void): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch((err: unknown) => console.error('[berkas] ruang kerja gagal ditutup dengan rapi:', err))
      .finally(() => {
        state = 'closed';
        quit();
      });
  };
}
