import { createVaultSession, type VaultSessionTimers } from '../../../../renderer/src/lib/vault-session';

/** Timers driven by hand: the idle limit is tested without waiting for it. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: VaultSessionTimers = {
    set(run) {
      pending.set(next, run);
      return next++;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  return { timers, pending, fire: () => [...pending.values()].forEach((run) => run()) };
}

describe('vault session', () => {
  it('remembers the passphrase, and forgets it after the idle time', () => {
    const { timers, pending, fire } = manualTimers();
    const session = createVaultSession(1000, timers);
    expect(session.get()).toBeNull();
    session.remember('frasa-brankas');
    expect(session.get()).toBe('frasa-brankas');
    expect(pending.size).toBe(1);
    fire();
    expect(session.get()).toBeNull();
  });

  it('starts the idle time again at every use, with one timer only', () => {
    const { timers, pending } = manualTimers();
    const session = createVaultSession(1000, timers);
    session.remember('a-frasa-1');
    const first = [...pending.keys()];
    session.remember('a-frasa-1');
    expect(pending.size).toBe(1);
    expect([...pending.keys()]).not.toEqual(first);
  });

  it('tells subscribers when the passphrase comes or goes, not when it is merely used', () => {
    const { timers } = manualTimers();
    const session = createVaultSession(1000, timers);
    const seen: (string | null)[] = [];
    const unsubscribe = session.subscribe(() => seen.push(session.get()));
    session.remember('frasa-1');
    session.remember('frasa-1');
    session.forget();
    session.forget();
    unsubscribe();
    session.remember('frasa-2');
    expect(seen).toEqual(['frasa-1', null]);
  });

  it('forgetting stops the timer', () => {
    const { timers, pending } = manualTimers();
    const session = createVaultSession(1000, timers);
    session.remember('frasa-1');
    session.forget();
    expect(pending.size).toBe(0);
  });
});
