/**
 * The app's side of server/PROTOCOL.md over node:http/https: enrollment, the
 * manifest, resumable checksummed chunk uploads, commit, status, the receipt
 * check. The outbox service decides what to do with a failure; this module
 * only says precisely what it was (a BerkasError whose code is the server's,
 * or NETWORK_*), in Bahasa Indonesia.
 *
 * Resuming: the server's offset is the truth (it answers only after fsync),
 * so a blob continues from the offset the manifest answer or a HEAD gives,
 * and a broken connection costs at most the one chunk that was in flight.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { BlobUploadControl, ReferenceTransport, SyncConnection, SyncTransport } from '../../ports';
import { BerkasError, isBerkasError } from '../../domain/errors';
import { retryAfterMs } from '../../domain/outbox/backoff';
import { NETWORK_CODES, networkMessage } from '../../domain/outbox/failures';
import { CHUNK_BYTES, canonicalJson, distinctBlobs, sortedManifest, type Manifest } from '../../domain/outbox/manifest';
import {
  type EnrolledDevice,
  type MissingBlob,
  type Receipt,
  type ServerKey,
  type SubmissionCommitted,
  type SubmissionOpened,
  type SubmissionStatus,
} from '../../domain/outbox/protocol';
import { normalizeServerUrl } from '../../domain/outbox/server-url';
import { MAX_REFERENCE_CATALOG_BYTES, type ReferenceCatalogFetch } from '../../domain/outbox/reference';
import { cancelledError, httpRequest, serverLabel, type HttpResponse } from './http-request';
import { refusalDetails, serverRefusal } from './server-refusal';
import { keyIdOf, parseKeys, parseMissing, parseReceipt, parseReview, parseStatus, verifyReceiptSignature } from './answers';

export { keyIdOf, verifyReceiptSignature };

export interface SyncClientOptions {
  /** No byte moving for this long ends a request (default 30 s). */
  idleTimeoutMs?: number;
  /** Longest single request (default 10 min, the server's own limit). */
  requestTimeoutMs?: number;
  /** Bytes per chunk (default and maximum 1 MiB). */
  chunkBytes?: number;
  /** How often one blob may jump to the server's offset or resend a garbled chunk before giving up this attempt. */
  maxChunkRetries?: number;
  userAgent?: string;
  /** Largest reference catalog body accepted (default MAX_REFERENCE_CATALOG_BYTES). */
  maxCatalogBytes?: number;
}

type Json = Record<string, unknown>;

function str(v: unknown): v is string {
  return typeof v === 'string';
}

/**
 * An answer the app cannot use. `what` is shown in the Indonesian message;
 * `problem` names the same thing in protocol terms for the English text.
 */
function badAnswer(serverUrl: string, what: string, problem: string): BerkasError {
  return new BerkasError(NETWORK_CODES.badResponse, networkMessage(NETWORK_CODES.badResponse, serverUrl, what), { isMaybeDelivered: true, httpStatus: null, serverUrl, problem });
}

/** A whole submission's blob up to this size is read in one synchronous call: fs.readFile is four thread-pool round trips. */
const syncReadBytes = 256 * 1024;

export function createSyncClient(options: SyncClientOptions = {}): SyncTransport & Required<Pick<SyncTransport, 'sendWhole'>> & ReferenceTransport & { close(): void } {
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10 * 60_000;
  const chunkBytes = Math.min(options.chunkBytes ?? CHUNK_BYTES, CHUNK_BYTES);
  const maxChunkRetries = options.maxChunkRetries ?? 8;
  const userAgent = options.userAgent ?? 'Berkas';
  // Keep-alive: one connection carries a whole upload, so a chunk costs one round trip, not a handshake.
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4, keepAliveMsecs: 10_000 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4, keepAliveMsecs: 10_000 });
  // Servers (by address) that answered POST /v1/whole-submissions as an unknown address: older than §5.3.
  const withoutWhole = new Set<string>();

  function urlOf(serverUrl: string, pathName: string): URL {
    return new URL(normalizeServerUrl(serverUrl) + pathName);
  }

  async function send(
    serverUrl: string,
    method: 'GET' | 'HEAD' | 'POST' | 'PUT',
    pathName: string,
    init: { token?: string; json?: unknown; body?: Uint8Array; headers?: Record<string, string>; signal?: AbortSignal; timeoutMs?: number; maxResponseBytes?: number } = {},
  ): Promise<HttpResponse> {
    const url = urlOf(serverUrl, pathName);
    const headers: Record<string, string> = { 'User-Agent': userAgent, Accept: 'application/json', ...(init.headers ?? {}) };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = Buffer.from(JSON.stringify(init.json), 'utf8');
    }
    return httpRequest({
      method,
      url,
      headers,
      ...(body !== undefined ? { body } : {}),
      idleTimeoutMs,
      totalTimeoutMs: init.timeoutMs ?? requestTimeoutMs,
      ...(init.signal ? { signal: init.signal } : {}),
      agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
      ...(init.maxResponseBytes !== undefined ? { maxResponseBytes: init.maxResponseBytes } : {}),
    });
  }

  function jsonOf(res: HttpResponse, serverUrl: string): Json {
    try {
      const v = JSON.parse(res.body.toString('utf8')) as unknown;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Json;
    } catch {
      // Falls through to the error below.
    }
    throw badAnswer(normalizeServerUrl(serverUrl), `HTTP ${res.status} tanpa JSON yang sah`, `HTTP ${res.status} without valid JSON`);
  }

  /** A non-2xx answer as a BerkasError with the server's code and message (PROTOCOL.md §1.1). */
  function refusal(res: HttpResponse, serverUrl: string): BerkasError {
    const label = normalizeServerUrl(serverUrl);
    let body: Json = {};
    try {
      const parsed = JSON.parse(res.body.toString('utf8')) as unknown;
      // JSON that is not an object ("text", 5, null) carries no envelope either.
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Json;
    } catch {
      // Not JSON: a proxy's or a crashed server's page; described by status below.
    }
    const error = typeof body.error === 'object' && body.error !== null ? (body.error as Json) : null;
    const retryAfter = retryAfterMs(typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined, new Date());
    const details = refusalDetails(error?.details, { httpStatus: res.status, retryAfterMs: retryAfter, isMaybeDelivered: true, serverUrl: label });
    for (const key of ['server', 'missing', 'offset'] as const) if (key in body) details[key] = body[key];
    if (error && str(error.code) && str(error.message)) return serverRefusal(error.code, error.message, details);
    // No envelope (a proxy's page, a crashed server): the status says what it can; HTTP_ERROR carries it in details.
    const code = res.status === 503 ? 'UNAVAILABLE' : res.status === 429 ? 'RATE_LIMITED' : res.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
    return new BerkasError(code, `Server ${label} menjawab HTTP ${res.status} tanpa keterangan yang dapat dibaca.`, details);
  }

  async function expectJson(res: HttpResponse, serverUrl: string, ok: readonly number[]): Promise<Json> {
    if (!ok.includes(res.status)) throw refusal(res, serverUrl);
    return jsonOf(res, serverUrl);
  }

  async function putChunk(conn: SyncConnection, blob: MissingBlob, offset: number, bytes: Buffer, signal?: AbortSignal): Promise<{ offset: number; isComplete: boolean }> {
    const res = await send(conn.serverUrl, 'PUT', `/v1/blobs/${blob.sha256}?offset=${offset}`, {
      token: conn.token,
      body: bytes,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Berkas-Chunk-Sha256': createHash('sha256').update(bytes).digest('hex'),
        'Upload-Length': String(blob.size),
      },
      ...(signal ? { signal } : {}),
    });
    const body = await expectJson(res, conn.serverUrl, [200, 201]);
    const next = body.offset;
    if (!Number.isSafeInteger(next)) throw badAnswer(normalizeServerUrl(conn.serverUrl), 'jawaban unggah tanpa offset', 'upload answer without offset');
    return { offset: next as number, isComplete: body.complete === true };
  }

  async function readAt(handle: fs.FileHandle, position: number, length: number, file: string): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(buf, done, length - done, position + done);
      if (bytesRead === 0) {
        throw new BerkasError('OUTBOX_BLOB_DAMAGED', `Berkas paket ${file} lebih pendek dari yang tercatat (berhenti di bita ${position + done}); paket ini rusak di komputer ini. Batalkan lalu buat paket baru.`, { file });
      }
      done += bytesRead;
    }
    return buf;
  }

  const client = {
    async health(serverUrl: string, signal?: AbortSignal) {
      const res = await send(serverUrl, 'GET', '/v1/health', { ...(signal ? { signal } : {}), timeoutMs: Math.min(requestTimeoutMs, 15_000) });
      if (res.status !== 200) throw refusal(res, serverUrl);
    },

    async keys(serverUrl: string) {
      const body = await expectJson(await send(serverUrl, 'GET', '/v1/keys'), serverUrl, [200]);
      const keys = parseKeys(body);
      if (!keys) throw badAnswer(normalizeServerUrl(serverUrl), 'daftar kunci tanda terima tidak sah', 'invalid receipt key list');
      return keys;
    },

    async enroll(serverUrl: string, input: { code: string; deviceName: string; appVersion: string }): Promise<EnrolledDevice> {
      const res = await send(serverUrl, 'POST', '/v1/enroll', { json: { code: input.code, deviceName: input.deviceName, appVersion: input.appVersion } });
      const body = await expectJson(res, serverUrl, [200, 201]);
      const opd = body.opd as Json | undefined;
      const keys = parseKeys(body);
      if (!str(body.token) || !str(body.tokenId) || !opd || !str(opd.code) || !keys) throw badAnswer(normalizeServerUrl(serverUrl), 'jawaban pendaftaran tidak lengkap', 'incomplete enrolment answer');
      return { token: body.token, tokenId: body.tokenId, opd: { code: opd.code, name: str(opd.name) ? opd.name : opd.code }, keys };
    },

    async openSubmission(conn: SyncConnection, manifest: Manifest, manifestSha256: string, signal?: AbortSignal): Promise<SubmissionOpened> {
      // Sent as canonical JSON text: the hash the server recomputes is over exactly this value.
      const res = await send(conn.serverUrl, 'POST', '/v1/submissions', {
        token: conn.token,
        body: Buffer.from(`{"manifest":${canonicalJson(sortedManifest(manifest))},"manifestSha256":${JSON.stringify(manifestSha256)}}`, 'utf8'),
        headers: { 'Content-Type': 'application/json' },
        ...(signal ? { signal } : {}),
      });
      const body = await expectJson(res, conn.serverUrl, [200, 201]);
      const missing = parseMissing(body.missing ?? []);
      if (!missing || (body.state !== 'open' && body.state !== 'committed')) throw badAnswer(normalizeServerUrl(conn.serverUrl), 'jawaban manifes tidak sah', 'invalid manifest answer');
      return { submissionId: str(body.submissionId) ? body.submissionId : manifest.submissionId, manifestSha256: str(body.manifestSha256) ? body.manifestSha256 : manifestSha256, state: body.state, missing, receipt: parseReceipt(body.receipt) };
    },

    async uploadBlob(conn: SyncConnection, blob: MissingBlob, file: string, control: BlobUploadControl = {}): Promise<void> {
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(file, 'r');
      } catch (err) {
        throw new BerkasError('OUTBOX_BLOB_MISSING', `Isi paket ${blob.sha256.slice(0, 12)}… tidak dapat dibaca dari ${file} (${(err as NodeJS.ErrnoException).code ?? 'galat'}). Batalkan paket ini lalu buat ulang.`, { file });
      }
      try {
        let offset = blob.offset;
        let retries = 0;
        for (;;) {
          if (control.signal?.aborted) throw cancelledError();
          const length = Math.min(chunkBytes, blob.size - offset);
          if (length < 0 || (length === 0 && blob.size > 0)) {
            // The server says everything is there but did not say complete: ask it.
            const head = await client.blobOffset(conn, blob.sha256, control.signal);
            if (head.isComplete) return;
            offset = head.offset;
            if (++retries > maxChunkRetries) throw badAnswer(normalizeServerUrl(conn.serverUrl), 'server tidak pernah menyatakan unggahan lengkap', 'upload never reported complete');
            continue;
          }
          const bytes = await readAt(handle, offset, length, file);
          try {
            const answer = await putChunk(conn, blob, offset, bytes, control.signal);
            if (answer.offset < offset || answer.offset > blob.size) throw badAnswer(normalizeServerUrl(conn.serverUrl), `offset ${answer.offset} di luar jangkauan`, `offset ${answer.offset} out of range`);
            if (answer.offset > offset) retries = 0;
            offset = answer.offset;
            control.onProgress?.(offset);
            if (answer.isComplete) return;
          } catch (err) {
            if (!isBerkasError(err)) throw err;
            if (err.code === 'UPLOAD_OFFSET_MISMATCH' && Number.isSafeInteger(err.details?.offset) && ++retries <= maxChunkRetries) {
              // Another attempt got further (or the server lost an unacknowledged tail): continue from its offset.
              offset = err.details?.offset as number;
              control.onProgress?.(offset);
              continue;
            }
            if (err.code === 'CHUNK_CHECKSUM_MISMATCH' && ++retries <= maxChunkRetries) continue;
            throw err;
          }
        }
      } finally {
        await handle.close().catch(() => undefined);
      }
    },

    /**
     * POST /v1/whole-submissions (PROTOCOL.md §5.3): manifest, every distinct blob and the commit in one request,
     * for a submission whose blobs fit in one chunk. null: the server predates it (404/405), so the caller sends
     * in steps; a server once found without it is not asked again while this client lives.
     */
    async sendWhole(conn: SyncConnection, manifest: Manifest, manifestSha256: string, fileOf: (sha256: string) => string, signal?: AbortSignal): Promise<SubmissionCommitted | null> {
      const label = normalizeServerUrl(conn.serverUrl);
      if (withoutWhole.has(label)) return null;
      const blobs = distinctBlobs(manifest).sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
      const head = Buffer.from(`{"manifest":${canonicalJson(sortedManifest(manifest))},"manifestSha256":${JSON.stringify(manifestSha256)}}`, 'utf8');
      const parts: Buffer[] = [head];
      for (const blob of blobs) {
        const file = fileOf(blob.sha256);
        let bytes: Buffer;
        try {
          bytes = blob.size <= syncReadBytes ? readFileSync(file) : await fs.readFile(file);
        } catch (err) {
          throw new BerkasError('OUTBOX_BLOB_MISSING', `Isi paket ${blob.sha256.slice(0, 12)}… tidak dapat dibaca dari ${file} (${(err as NodeJS.ErrnoException).code ?? 'galat'}). Batalkan paket ini lalu buat ulang.`, { file });
        }
        if (bytes.length !== blob.size) {
          throw new BerkasError('OUTBOX_BLOB_DAMAGED', `Berkas paket ${file} berukuran ${bytes.length} bita, bukan ${blob.size} bita seperti tercatat; paket ini rusak di komputer ini. Batalkan lalu buat paket baru.`, { file });
        }
        parts.push(bytes);
      }
      const res = await send(conn.serverUrl, 'POST', '/v1/whole-submissions', {
        token: conn.token,
        body: Buffer.concat(parts),
        headers: { 'Content-Type': 'application/vnd.berkas.whole-submission', 'Berkas-Manifest-Length': String(head.length) },
        ...(signal ? { signal } : {}),
      });
      if (res.status === 404 || res.status === 405) {
        const err = refusal(res, conn.serverUrl);
        // An older server: its "no such address", not a missing submission of ours.
        if (err.code === 'NOT_FOUND' || err.code === 'METHOD_NOT_ALLOWED' || err.code.startsWith('HTTP_')) {
          withoutWhole.add(label);
          return null;
        }
        throw err;
      }
      const body = await expectJson(res, conn.serverUrl, [200, 201]);
      const receipt = parseReceipt(body.receipt);
      if (!receipt) throw badAnswer(label, 'pengiriman utuh tanpa tanda terima', 'whole submission without receipt');
      return { submissionId: manifest.submissionId, manifestSha256: str(body.manifestSha256) ? body.manifestSha256 : manifestSha256, receipt, review: parseReview(body.review) };
    },

    /** HEAD /v1/blobs/{sha256}: what the server holds of a blob. */
    async blobOffset(conn: SyncConnection, sha256: string, signal?: AbortSignal): Promise<{ offset: number; isComplete: boolean }> {
      const res = await send(conn.serverUrl, 'HEAD', `/v1/blobs/${sha256}`, { token: conn.token, ...(signal ? { signal } : {}) });
      if (res.status !== 200) throw refusal(res, conn.serverUrl);
      const offset = Number(res.headers['upload-offset']);
      if (!Number.isSafeInteger(offset)) throw badAnswer(normalizeServerUrl(conn.serverUrl), 'HEAD tanpa Upload-Offset', 'HEAD without Upload-Offset');
      return { offset, isComplete: String(res.headers['berkas-blob-complete']).toLowerCase() === 'true' };
    },

    async commit(conn: SyncConnection, submissionId: string, manifestSha256: string): Promise<SubmissionCommitted> {
      const res = await send(conn.serverUrl, 'POST', `/v1/submissions/${encodeURIComponent(submissionId)}/commit`, { token: conn.token, json: { manifestSha256 } });
      const body = await expectJson(res, conn.serverUrl, [200, 201]);
      const receipt = parseReceipt(body.receipt);
      if (!receipt) throw badAnswer(normalizeServerUrl(conn.serverUrl), 'komit tanpa tanda terima', 'commit without receipt');
      return { submissionId, manifestSha256: str(body.manifestSha256) ? body.manifestSha256 : manifestSha256, receipt, review: parseReview(body.review) };
    },

    async status(conn: SyncConnection, submissionId: string, signal?: AbortSignal): Promise<SubmissionStatus | null> {
      const res = await send(conn.serverUrl, 'GET', `/v1/submissions/${encodeURIComponent(submissionId)}`, { token: conn.token, ...(signal ? { signal } : {}) });
      if (res.status === 404) {
        const err = refusal(res, conn.serverUrl);
        if (err.code === 'SUBMISSION_NOT_FOUND') return null;
        throw err;
      }
      const parsed = parseStatus(await expectJson(res, conn.serverUrl, [200]));
      if (!parsed) throw badAnswer(normalizeServerUrl(conn.serverUrl), 'status kiriman tidak sah', 'invalid submission status');
      return parsed;
    },

    async updates(conn: SyncConnection, since: string | null, limit: number) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (since) query.set('updatedSince', since);
      const body = await expectJson(await send(conn.serverUrl, 'GET', `/v1/submissions?${query.toString()}`, { token: conn.token }), conn.serverUrl, [200]);
      if (!Array.isArray(body.submissions)) throw badAnswer(normalizeServerUrl(conn.serverUrl), 'daftar kiriman tidak sah', 'invalid submission list');
      const submissions = body.submissions.map(parseStatus).filter((s): s is SubmissionStatus => s !== null);
      return { submissions, next: str(body.next) ? body.next : null };
    },

    /**
     * GET /v1/reference/catalog (PROTOCOL.md §9.2). The body is size-limited
     * while it arrives, must be UTF-8 and must hash to the ETag the server
     * sent with it (a body altered on the way is refused, not installed).
     */
    async fetchReferenceCatalog(conn: SyncConnection, etag?: string | null, signal?: AbortSignal): Promise<ReferenceCatalogFetch> {
      const label = normalizeServerUrl(conn.serverUrl);
      const maxBytes = options.maxCatalogBytes ?? MAX_REFERENCE_CATALOG_BYTES;
      let res: HttpResponse;
      try {
        res = await send(conn.serverUrl, 'GET', '/v1/reference/catalog', {
          token: conn.token,
          headers: etag ? { 'If-None-Match': etag } : {},
          ...(signal ? { signal } : {}),
          maxResponseBytes: maxBytes,
          timeoutMs: Math.min(requestTimeoutMs, 5 * 60_000),
        });
      } catch (err) {
        if (isBerkasError(err) && err.code === NETWORK_CODES.badResponse) {
          throw new BerkasError('REFERENCE_TOO_LARGE', `Katalog kegiatan dari server ${label} lebih dari ${Math.round(maxBytes / (1024 * 1024))} MiB; jawaban ditolak tanpa dibaca.`, {
            ...(err.details ?? {}),
            maxBytes,
            serverUrl: label,
            limit: `${Math.round(maxBytes / (1024 * 1024))} MiB`,
          });
        }
        throw err;
      }
      if (res.status === 304) {
        if (!etag) throw badAnswer(label, 'HTTP 304 padahal katalog tidak diminta bersyarat', 'HTTP 304 to an unconditional request');
        return { status: 'unchanged' };
      }
      if (res.status !== 200) throw refusal(res, conn.serverUrl);
      const sent = typeof res.headers.etag === 'string' ? res.headers.etag : null;
      if (sent !== null) {
        const actual = `"${createHash('sha256').update(res.body).digest('hex')}"`;
        if (sent.replace(/^W\//, '') !== actual) {
          throw new BerkasError('REFERENCE_TAMPERED', `Katalog kegiatan dari server ${label} tidak cocok dengan sidik ETag-nya (${sent.slice(0, 80)}): isinya berubah di perjalanan atau terpotong. Katalog ditolak.`, {
            httpStatus: 200,
            etag: sent.slice(0, 80),
            serverUrl: label,
          });
        }
      }
      return { status: 'updated', etag: sent, bytes: new Uint8Array(res.body.buffer, res.body.byteOffset, res.body.byteLength) };
    },

    verifyReceipt(receipt: Receipt, keys: readonly ServerKey[]) {
      return verifyReceiptSignature(receipt, keys);
    },

    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
  return client;
}

export { normalizeServerUrl, serverLabel };
