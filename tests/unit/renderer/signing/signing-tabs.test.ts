import { readSigningTab, writeSigningTab } from '../../../../renderer/src/features/signing/signing-tabs';

describe('signing tabs', () => {
  const original = (globalThis as { window?: unknown }).window;
  afterEach(() => {
    (globalThis as { window?: unknown }).window = original;
  });

  it('remembers the open part for the tab, and ignores what it does not know', () => {
    const store = new Map<string, string>();
    (globalThis as { window?: unknown }).window = {
      sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    };
    expect(readSigningTab()).toBe('verify');
    writeSigningTab('certificates');
    expect(readSigningTab()).toBe('certificates');
    store.set('berkas.signing.tab', 'rahasia');
    expect(readSigningTab()).toBe('verify');
  });

  it('opens the first part when storage is refused', () => {
    (globalThis as { window?: unknown }).window = {
      sessionStorage: {
        getItem: () => {
          throw new Error('SecurityError');
        },
        setItem: () => {
          throw new Error('SecurityError');
        },
      },
    };
    expect(() => writeSigningTab('trust')).not.toThrow();
    expect(readSigningTab()).toBe('verify');
  });
});
