import { useSyncExternalStore } from 'react';

/**
 * The vault passphrase (kata sandi brankas) of `berkas ui`: outside Electron
 * the officer's certificates are sealed in files under a passphrase the
 * server never keeps, so the page sends it with each request that opens the
 * vault. It lives in this module's memory only — never in localStorage,
 * sessionStorage or a cookie — so a reload or a closed tab forgets it, and it
 * is forgotten after a spell without use (Banjarmasin Pasal 15 ayat (3)
 * huruf d: sessions limit idle time). Inside Electron the OS key vault is
 * used and no passphrase is asked.
 */
export const vaultIdleMs = 15 * 60_000;

export interface VaultSession {
  get(): string | null;
  /** Keeps the passphrase after a request it opened the vault for succeeded. */
  remember(passphrase: string): void;
  forget(): void;
  subscribe(listener: () => void): () => void;
}

export interface VaultSessionTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const globalTimers: VaultSessionTimers = {
  set: (run, ms) => globalThis.setTimeout(run, ms),
  clear: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createVaultSession(idleMs = vaultIdleMs, timers: VaultSessionTimers = globalTimers): VaultSession {
  let passphrase: string | null = null;
  let timer: unknown = null;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const stopTimer = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };
  const session: VaultSession = {
    get: () => passphrase,
    remember(value) {
      stopTimer();
      const isChange = passphrase !== value;
      passphrase = value;
      timer = timers.set(() => session.forget(), idleMs);
      if (isChange) notify();
    },
    forget() {
      stopTimer();
      if (passphrase === null) return;
      passphrase = null;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return session;
}

/** The one session of this page. */
export const vaultSession = createVaultSession();

/** Whether this page holds the vault passphrase now (re-renders when it is remembered or forgotten). */
export function useVaultPassphrase(): string | null {
  return useSyncExternalStore(vaultSession.subscribe, vaultSession.get, vaultSession.get);
}
