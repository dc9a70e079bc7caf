/** Small HTTP helpers of the intake server: bounded bodies, JSON answers, errors as PROTOCOL.md §1.1 says. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isBerkasError } from '../../core/domain/errors';
import { IntakeError, isIntakeError } from '../protocol/errors';

export const baseHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** Reads the whole body, refusing it as soon as it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(new IntakeError('PAYLOAD_TOO_LARGE', `Isi permintaan ${declared} bita melebihi batas ${limit} bita untuk alamat ini.`));
  }
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let isDone = false;
    req.on('data', (chunk: Buffer) => {
      if (isDone) return;
      size += chunk.length;
      if (size > limit) {
        isDone = true;
        reject(new IntakeError('PAYLOAD_TOO_LARGE', `Isi permintaan melebihi batas ${limit} bita untuk alamat ini.`));
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => {
      if (isDone) return;
      isDone = true;
      resolve(Buffer.concat(parts, size));
    });
    // A dropped link is ordinary on the OPDs' connections: nothing to log, nothing kept.
    const cut = () => {
      if (isDone) return;
      isDone = true;
      reject(new IntakeError('BAD_REQUEST', 'Sambungan terputus sebelum isi permintaan diterima seluruhnya.', { details: { isAborted: true } }));
    };
    req.on('error', cut);
    req.on('aborted', cut);
    req.on('close', () => {
      if (!req.complete) cut();
    });
  });
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) {
    throw new IntakeError('UNSUPPORTED_MEDIA_TYPE', `Content-Type harus application/json (diterima: "${type.slice(0, 60)}").`);
  }
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new IntakeError('BAD_REQUEST', `Isi permintaan bukan JSON yang sah: ${(err as Error).message}.`);
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { ...baseHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length), ...headers });
  res.end(body);
}

/** Every failure as {error:{code,message,details?}}; unexpected ones are logged and hidden. */
export function sendError(res: ServerResponse, err: unknown, isHead = false): void {
  if (res.destroyed || res.socket?.destroyed) return;
  let error: IntakeError;
  if (isIntakeError(err)) error = err;
  else if (isBerkasError(err)) {
    const isDisk = err.code === 'DISK_FULL' || err.code === 'READ_ONLY' || err.code === 'WRITE_FAILED';
    error = new IntakeError(isDisk ? 'UNAVAILABLE' : 'INTERNAL', isDisk ? `Server tidak dapat menyimpan: ${err.message}` : err.message, isDisk ? { headers: { 'Retry-After': '60' } } : {});
    console.error(`[server] ${err.code}: ${err.message}`);
  } else {
    console.error('[server] galat tak terduga:', err);
    error = new IntakeError('INTERNAL', 'Terjadi kesalahan di server; coba lagi nanti. Rinciannya tercatat di log server.');
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers = { ...error.headers };
  // A body the server refused may still be arriving: close the connection rather than read it.
  if (error.status === 413 || error.status === 411) headers.Connection = 'close';
  if (isHead) {
    res.writeHead(error.status, { ...baseHeaders, ...headers, 'Berkas-Error': error.code });
    res.end();
    return;
  }
  sendJson(res, error.status, error.body(), headers);
}

const forwardedAddresses = new WeakMap<IncomingMessage, string>();

/** Set by the connection guard for a request a trusted proxy forwarded (its X-Forwarded-For client). */
export function setClientAddress(req: IncomingMessage, address: string): void {
  forwardedAddresses.set(req, address);
}

/** The client's address: the socket's, or the one a trusted proxy named (PROTOCOL.md §12.1). */
export function clientAddress(req: IncomingMessage): string {
  return forwardedAddresses.get(req) ?? req.socket.remoteAddress ?? 'unknown';
}

export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}
