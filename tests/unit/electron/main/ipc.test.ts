import { bindIpc, type IpcMainLike, type InvokeEventLike } from '../../../../electron/main/ipc';
import { channels, ipcPrefix, type Channel } from '../../../../core/api/channels';
import type { Handlers } from '../../../../core/api/contract';
import type { Envelope } from '../../../../core/api/envelope';
import { BerkasError } from '../../../../core/domain/errors';
import { appOrigin } from '../../../../electron/main/origins';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<Envelope<unknown>>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return { ipcMain, handlers };
}

/** Services that record what reached them: every channel of the contract, a few with real answers. */
function recordingHandlers() {
  const received: { channel: string; request: unknown }[] = [];
  const answers: Partial<Record<Channel, (request: unknown) => unknown>> = {
    appInfo: () => ({ name: 'Berkas', version: '0.1.0', transport: 'electron', dataDir: '/data', notices: [] }),
    checkNip: () => ({ isValid: false, part: 'panjang', message: 'NIP harus 18 digit.' }),
    getProfile: (request) => {
      throw new BerkasError('PROFILE_NOT_FOUND', `Profil daerah "${(request as { id: string }).id}" tidak ada.`);
    },
  };
  const entries = channels.map((channel) => [
    channel,
    async (request: unknown) => {
      received.push({ channel, request });
      return answers[channel]?.(request) ?? null;
    },
  ]);
  // One recording function per channel; the contract's per-channel types do not matter to a recorder.
  const handlers = Object.fromEntries(entries) as unknown as Handlers;
  return { handlers, received };
}

const appFrame: InvokeEventLike = { senderFrame: { url: 'berkas://app/index.html', parent: null } };

describe('bindIpc', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('binds exactly one prefixed handler per channel of the contract', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    bindIpc(ipcMain, recordingHandlers().handlers, [appOrigin]);
    expect([...handlers.keys()].sort()).toEqual(channels.map((c) => ipcPrefix + c).sort());
  });

  it('runs the service for the app page and returns its envelope', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const services = recordingHandlers();
    bindIpc(ipcMain, services.handlers, [appOrigin]);
    const envelope = await handlers.get('berkas:checkNip')?.(appFrame, { nip: '1985' });
    expect(envelope).toEqual({ ok: true, value: { isValid: false, part: 'panjang', message: 'NIP harus 18 digit.' } });
    expect(services.received).toEqual([{ channel: 'checkNip', request: { nip: '1985' } }]);
  });

  it('reads only the first argument', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const services = recordingHandlers();
    bindIpc(ipcMain, services.handlers, [appOrigin]);
    await handlers.get('berkas:checkNip')?.(appFrame, { nip: '1' }, { nip: '2' }, 'extra');
    expect(services.received).toEqual([{ channel: 'checkNip', request: { nip: '1' } }]);
  });

  it('rejects a malformed payload by schema before any service runs', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const services = recordingHandlers();
    bindIpc(ipcMain, services.handlers, [appOrigin]);
    for (const payload of [{ nip: 42 }, { nip: '1', extra: true }, 'string', [1, 2], { nip: 'x'.repeat(101) }]) {
      const envelope = await handlers.get('berkas:checkNip')?.(appFrame, payload);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    const settings = await handlers.get('berkas:saveSettings')?.(appFrame, { opd: { name: 'x' }, __proto__: { polluted: true } });
    expect(settings).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(services.received).toEqual([]);
  });

  it('turns a service BerkasError into an error envelope', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    bindIpc(ipcMain, recordingHandlers().handlers, [appOrigin]);
    expect(await handlers.get('berkas:getProfile')?.(appFrame, { id: 'atlantis' })).toEqual({
      ok: false,
      error: { code: 'PROFILE_NOT_FOUND', message: 'Profil daerah "atlantis" tidak ada.' },
    });
  });

  it.each([
    ['a foreign site', { senderFrame: { url: 'https://evil.example.com/', parent: null } }, '(https://evil.example.com)'],
    ['a same-origin iframe', { senderFrame: { url: 'berkas://app/index.html', parent: {} } }, 'bingkai sisipan (iframe) berkas://app'],
    ['a file page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }, '(alamat tak terbaca)'],
    ['the dev server while packaged', { senderFrame: { url: 'http://localhost:5173/', parent: null } }, '(http://localhost:5173)'],
    ['a destroyed frame', { senderFrame: null }, 'bingkai yang sudah tidak ada'],
  ])('refuses %s without running anything', async (_label, event, where) => {
    const { ipcMain, handlers } = fakeIpcMain();
    const services = recordingHandlers();
    bindIpc(ipcMain, services.handlers, [appOrigin]);
    for (const channel of channels) {
      const envelope = await handlers.get(ipcPrefix + channel)?.(event as InvokeEventLike, {});
      expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      expect(envelope?.ok === false && envelope.error.message).toContain(where);
    }
    expect(services.received).toEqual([]);
  });

  it('removes its handlers again', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispose = bindIpc(ipcMain, recordingHandlers().handlers, [appOrigin]);
    dispose();
    expect(handlers.size).toBe(0);
    bindIpc(ipcMain, recordingHandlers().handlers, [appOrigin]);
    expect(handlers.size).toBe(channels.length);
  });
});
