import { createClient } from '@core/api/client';
import type { BerkasApi, BerkasBridge } from '@core/api/contract';
import type { Envelope } from '@core/api/envelope';

declare global {
  interface Window {
    /** Present inside Electron: the preload's named verbs. */
    berkas?: BerkasBridge;
  }
}

/**
 * The renderer's only way out: Electron's preload bridge when it is there,
 * otherwise `berkas ui`'s POST /<session>/api/<channel> (same contract, same
 * envelopes). The page is served under the run's secret path and "./api/" is
 * relative to it, so every call carries the secret in its path: nothing goes
 * into a cookie, which any other port of 127.0.0.1 would receive.
 */
export function createTransportClient(): BerkasApi {
  const bridge = window.berkas;
  if (bridge) {
    return createClient((channel, payload) => (bridge[channel] as (p: unknown) => Promise<Envelope<unknown>>)(payload));
  }
  return createClient(async (channel, payload) => {
    let response: Response;
    try {
      response = await fetch(`./api/${channel}`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'UI_SERVER_UNREACHABLE', message: 'Layanan Berkas di komputer ini tidak menjawab. Apakah "berkas ui" masih berjalan?' } };
    }
    if (response.status === 401) {
      return { ok: false, error: { code: 'UI_SESSION', message: 'Sesi tidak sah: buka kembali alamat lengkap yang dicetak oleh "berkas ui" (ia berganti setiap kali dijalankan).' } };
    }
    if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) {
      const reason = (await response.text().catch(() => '')).slice(0, 200);
      return { ok: false, error: { code: 'UI_REFUSED', message: `Layanan Berkas menolak permintaan ${channel} (HTTP ${response.status}${reason ? `: ${reason}` : ''}).` } };
    }
    return (await response.json()) as Envelope<unknown>;
  });
}

export function transportKind(): 'electron' | 'http' {
  return window.berkas ? 'electron' : 'http';
}
