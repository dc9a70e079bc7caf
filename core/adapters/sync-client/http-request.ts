/**
 * One HTTP exchange over node:http/https with the timeouts a bad link needs:
 *
 * - an idle timeout (no byte moved either way for N ms): a stalled link is
 *   detected in seconds however slow the link is, while a 1 MiB chunk that
 *   takes 9 s over 1 Mbit/s is never cut off for being slow;
 * - an overall deadline per request, so nothing hangs for ever;
 * - an AbortSignal (hold, cancel, shutdown).
 *
 * Every failure becomes a BerkasError with a NETWORK_* code and
 * details.isMaybeDelivered: whether any byte of the request may have reached
 * the server. A commit that fails with isMaybeDelivered is "hasil belum
 * pasti"; one refused before the connection was made is simply not sent.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { BerkasError } from '../../domain/errors';
import { NETWORK_CODES, networkMessage } from '../../domain/outbox/failures';
import { formatByteSize } from '../../domain/format/byte-size';

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  url: URL;
  headers?: Record<string, string>;
  body?: Uint8Array;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  signal?: AbortSignal;
  agent?: http.Agent;
  maxResponseBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const defaultMaxResponse = 16 * 1024 * 1024;

type NetworkCode = (typeof NETWORK_CODES)[keyof typeof NETWORK_CODES];

function networkCodeOf(err: NodeJS.ErrnoException): NetworkCode {
  switch (err.code) {
    case 'ECONNREFUSED':
      return NETWORK_CODES.refused;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return NETWORK_CODES.dns;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return NETWORK_CODES.unreachable;
    case 'ETIMEDOUT':
      return NETWORK_CODES.timeout;
    default:
      if (typeof err.code === 'string' && (err.code.startsWith('ERR_TLS') || err.code.includes('CERT') || err.code === 'EPROTO')) return NETWORK_CODES.tls;
      return NETWORK_CODES.reset;
  }
}

/** "30", "1,5": seconds the Indonesian way. */
function seconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10).replace('.', ',');
}

/** The base URL as the officer typed it, for messages. */
export function serverLabel(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

export function cancelledError(): BerkasError {
  return new BerkasError('CANCELLED', 'Pengiriman dihentikan (ditahan, dibatalkan, atau aplikasi ditutup); bagian yang sudah diterima server tetap tersimpan di sana.');
}

export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    if (request.signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const isHttps = request.url.protocol === 'https:';
    const headers: Record<string, string> = { ...(request.headers ?? {}) };
    if (request.body !== undefined) headers['Content-Length'] = String(request.body.byteLength);
    let isMaybeDelivered = false;
    let isSettled = false;
    let received = 0;
    const chunks: Buffer[] = [];
    const limit = request.maxResponseBytes ?? defaultMaxResponse;

    const req = (isHttps ? https : http).request(request.url, {
      method: request.method,
      headers,
      ...(request.agent ? { agent: request.agent } : {}),
    });

    // `detail` is shown to the officer, so it is Indonesian (a timeout's seconds); an errno name (ECONNREFUSED) is not: the NETWORK_* code carries it.
    // `problem` is an unreadable answer's trouble in protocol terms, for the English text of NETWORK_BAD_RESPONSE.
    const fail = (code: NetworkCode, detail?: string, problem = '') => {
      if (isSettled) return;
      isSettled = true;
      cleanup();
      req.destroy();
      const serverUrl = serverLabel(request.url);
      reject(new BerkasError(code, networkMessage(code, serverUrl, detail), { isMaybeDelivered, httpStatus: null, serverUrl, problem }));
    };
    const onAbort = () => {
      if (isSettled) return;
      isSettled = true;
      cleanup();
      req.destroy();
      reject(cancelledError());
    };
    const deadline = setTimeout(() => fail(NETWORK_CODES.timeout, `lebih dari ${seconds(request.totalTimeoutMs)} detik`), request.totalTimeoutMs);
    const cleanup = () => {
      clearTimeout(deadline);
      request.signal?.removeEventListener('abort', onAbort);
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });

    req.setTimeout(request.idleTimeoutMs, () => fail(NETWORK_CODES.timeout, `tidak ada data selama ${seconds(request.idleTimeoutMs)} detik`));
    req.on('socket', (socket: Socket) => {
      // A reused keep-alive socket is already connected: the request may reach the server at once.
      if (!socket.connecting) isMaybeDelivered = true;
      else socket.once(isHttps ? 'secureConnect' : 'connect', () => (isMaybeDelivered = true));
    });
    req.on('error', (err: NodeJS.ErrnoException) => fail(networkCodeOf(err)));
    req.on('response', (res) => {
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limit) {
          fail(NETWORK_CODES.badResponse, `jawaban lebih dari ${formatByteSize(limit)}`, `answer over ${formatByteSize(limit)}`);
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err: NodeJS.ErrnoException) => fail(networkCodeOf(err)));
      res.on('aborted', () => fail(NETWORK_CODES.reset, 'jawaban terpotong'));
      res.on('end', () => {
        if (isSettled) return;
        if (!res.complete) {
          fail(NETWORK_CODES.reset, 'jawaban terpotong');
          return;
        }
        isSettled = true;
        cleanup();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    if (request.body !== undefined && request.body.byteLength > 0) req.end(Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength));
    else req.end();
  });
}
