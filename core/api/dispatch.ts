import { BerkasError, isBerkasError } from '../domain/errors';
import { isChannel, type Channel } from './channels';
import { contract, type Handlers, type ResponseOf } from './contract';
import type { Envelope } from './envelope';

/**
 * The single entry of every transport (IPC, HTTP, in-process): the payload is
 * `unknown` until the channel's schema has accepted it, and nothing runs before.
 */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Operasi tidak dikenal: ${String(channel).slice(0, 80)}` } };
  }
  const parsed = contract[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    const where = issues.map((i) => i.path || '(permintaan)').join(', ');
    return {
      ok: false,
      error: { code: 'INVALID_REQUEST', message: `Permintaan ${channel} tidak sah pada kolom: ${where}`, details: { issues } },
    };
  }
  try {
    const run = handlers[channel] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await run(parsed.data) };
  } catch (err) {
    if (isBerkasError(err)) return { ok: false, error: err.toPayload() };
    // An unexpected fault: say so plainly, keep internals (paths, stacks) out of the UI.
    console.error(`[berkas] ${channel} gagal:`, err);
    return { ok: false, error: { code: 'INTERNAL', message: `Terjadi kesalahan internal saat menjalankan ${channel}.` } };
  }
}

/** Turns an envelope back into a value or a thrown BerkasError, for callers. */
export function unwrap<C extends Channel>(envelope: Envelope<unknown>): ResponseOf<C> {
  if (envelope.ok) return envelope.value as ResponseOf<C>;
  throw new BerkasError(envelope.error.code, envelope.error.message, envelope.error.details);
}
