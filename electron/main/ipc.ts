import { channels, ipcPrefix } from '../../core/api/channels';
import { dispatch } from '../../core/api/dispatch';
import type { Handlers } from '../../core/api/contract';
import type { Envelope } from '../../core/api/envelope';
import { isTrustedSender, originOf, type SenderFrame } from './origins';

/** What an invoke event tells about its sender (Electron's IpcMainInvokeEvent has more). */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

type InvokeListener = (event: InvokeEventLike, ...args: unknown[]) => Promise<Envelope<unknown>>;

/** The part of Electron's ipcMain used here, so tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
}

function refused(sender: SenderFrame | null): Envelope<unknown> {
  let from: string;
  if (sender === null) from = 'bingkai yang sudah tidak ada';
  else if (!sender.isTopFrame) from = `bingkai sisipan (iframe) ${originOf(sender.url) ?? 'beralamat tak terbaca'}`;
  else from = originOf(sender.url) ?? 'alamat tak terbaca';
  return {
    ok: false,
    error: { code: 'FORBIDDEN_SENDER', message: `Permintaan ditolak: asalnya (${from}) bukan halaman utama Berkas.` },
  };
}

/**
 * One ipcMain.handle per channel of the contract. The sender frame is checked
 * first (top frame of a trusted origin), then the payload goes, still
 * `unknown`, to dispatch, which validates it against the channel's schema
 * before any service runs. Only the first argument is ever read. Returns a
 * function that removes the handlers again.
 */
export function bindIpc(ipcMain: IpcMainLike, handlers: Handlers, trustedOrigins: readonly string[]): () => void {
  for (const channel of channels) {
    ipcMain.handle(ipcPrefix + channel, async (event, payload) => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isTopFrame: frame.parent === null } : null;
      if (!isTrustedSender(sender, trustedOrigins)) {
        console.warn(`[berkas] IPC ${channel} ditolak dari ${sender?.url.slice(0, 200) ?? '(tanpa bingkai)'}`);
        return refused(sender);
      }
      return dispatch(handlers, channel, payload);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(ipcPrefix + channel);
  };
}
