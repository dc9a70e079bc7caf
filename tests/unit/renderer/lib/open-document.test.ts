import { readOpenDocument, writeOpenDocument } from '../../../../renderer/src/lib/open-document';

/** A session store of the page, kept in a map; `isRefused` stands for a browser that refuses storage. */
function fakeWindow(isRefused: boolean) {
  const items = new Map<string, string>();
  const refuse = () => {
    throw new Error('SecurityError');
  };
  const sessionStorage = {
    getItem: (key: string) => (isRefused ? refuse() : (items.get(key) ?? null)),
    setItem: (key: string, value: string) => (isRefused ? refuse() : void items.set(key, value)),
    removeItem: (key: string) => (isRefused ? refuse() : void items.delete(key)),
  };
  Object.defineProperty(globalThis, 'window', { value: { sessionStorage }, configurable: true });
  return items;
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window');
});

describe('the open document of a screen', () => {
  it('is kept per kind across a reload, and forgotten with null', () => {
    const items = fakeWindow(false);
    writeOpenDocument('rencana-aksi', 'plan-1');
    writeOpenDocument('serah-terima', 'bundle-1');
    expect(readOpenDocument('rencana-aksi')).toBe('plan-1');
    expect(readOpenDocument('serah-terima')).toBe('bundle-1');
    expect(readOpenDocument('laporan')).toBeNull();
    writeOpenDocument('rencana-aksi', null);
    expect(readOpenDocument('rencana-aksi')).toBeNull();
    expect([...items.keys()]).toEqual(['berkas.handover.open']);
  });

  it('is simply not kept when the browser refuses storage', () => {
    fakeWindow(true);
    expect(() => writeOpenDocument('laporan', 'r-1')).not.toThrow();
    expect(readOpenDocument('laporan')).toBeNull();
  });
});
