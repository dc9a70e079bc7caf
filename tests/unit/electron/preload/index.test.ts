import path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';

jest.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: jest.fn() },
  ipcRenderer: {
    invoke: jest.fn(() => Promise.resolve({ ok: true, value: null })),
    send: jest.fn(),
    sendSync: jest.fn(),
    on: jest.fn(),
  },
}));

import { channels } from '../../../../core/api/channels';

const electron = jest.requireMock('electron') as {
  contextBridge: { exposeInMainWorld: jest.Mock };
  ipcRenderer: Record<string, jest.Mock>;
};

describe('the preload', () => {
  beforeAll(async () => {
    await import('../../../../electron/preload/index');
  });

  it('exposes one object, window.berkas, once', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('berkas');
  });

  it('whose keys are exactly the channel names, each a function', () => {
    const bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...channels].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('leaks nothing of ipcRenderer', () => {
    const bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as Record<string, unknown>;
    for (const key of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'once', 'removeListener', 'postMessage']) {
      expect(Object.prototype.hasOwnProperty.call(bridge, key)).toBe(false);
    }
    const leaked = new Set<unknown>([electron.ipcRenderer, ...Object.values(electron.ipcRenderer)]);
    for (const value of Object.values(bridge)) expect(leaked.has(value)).toBe(false);
  });

  it('calls ipcRenderer.invoke with the prefixed channel and the request only', async () => {
    const bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await expect(bridge.getProfile?.({ id: 'jambi' }, 'tambahan')).resolves.toEqual({ ok: true, value: null });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('berkas:getProfile', { id: 'jambi' });
    expect(electron.ipcRenderer.invoke.mock.calls.at(-1)).toHaveLength(2);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });
});

describe('the preload sources', () => {
  const dir = path.resolve(__dirname, '..', '..', '..', '..', 'electron', 'preload');
  it('import at run time only electron, each other and core/api/channels (no zod in the sandbox)', () => {
    const runtime: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const match of source.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
        if (!match[1]) runtime.push(match[2] as string);
      }
      expect(source).not.toMatch(/\brequire\(|import\(/);
    }
    expect(new Set(runtime)).toEqual(new Set(['electron', './bridge', '../../core/api/channels']));
  });
});
