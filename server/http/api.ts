/**
 * The /v1 endpoints of PROTOCOL.md: authentication, limits and rate limiting
 * in front of the IntakeService, nothing else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { IntakeError } from '../protocol/errors';
import { LIMITS, PROTOCOL_VERSION } from '../protocol/manifest';
import type { IntakeService } from '../intake/service';
import type { ReferenceData, JsonBody } from '../reference/reference-data';
import type { DeviceToken } from '../store/repository';
import { baseHeaders, clientAddress, readBody, readJson, sendJson } from './http-util';
import { markAuthenticated } from './connection-guard';
import type { RateLimiter } from './rate-limit';

export interface ApiDeps {
  service: IntakeService;
  reference: ReferenceData;
  tokenLimiter: RateLimiter;
  enrollLimiter: RateLimiter;
  version: string;
  now: () => Date;
}

const SUBMISSION = /^\/v1\/submissions\/([^/]+)$/;
const COMMIT = /^\/v1\/submissions\/([^/]+)\/commit$/;
const BLOB = /^\/v1\/blobs\/([^/]+)$/;

function methodNotAllowed(allowed: string): IntakeError {
  return new IntakeError('METHOD_NOT_ALLOWED', `Metode ini tidak berlaku untuk alamat ini; yang berlaku: ${allowed}.`, { headers: { Allow: allowed } });
}

function rateLimited(seconds: number): IntakeError {
  return new IntakeError('RATE_LIMITED', `Terlalu banyak permintaan dari perangkat ini; coba lagi dalam ${seconds} detik.`, { headers: { 'Retry-After': String(seconds) } });
}

function sendReference(req: IncomingMessage, res: ServerResponse, body: JsonBody): void {
  const headers = { ...baseHeaders, 'Cache-Control': 'private, max-age=300', ETag: body.etag };
  if (req.headers['if-none-match'] === body.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const bytes = Buffer.from(body.body, 'utf8');
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function handleApi(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { service } = deps;
  const method = req.method ?? 'GET';
  const pathname = url.pathname;

  if (pathname === '/v1/health') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    sendJson(res, 200, { ok: true, protocol: PROTOCOL_VERSION, version: deps.version, time: deps.now().toISOString() });
    return;
  }
  if (pathname === '/v1/keys') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    sendJson(res, 200, { keys: await service.publishedKeys() });
    return;
  }
  if (pathname === '/v1/enroll') {
    if (method !== 'POST') throw methodNotAllowed('POST');
    const wait = deps.enrollLimiter.take(clientAddress(req));
    if (wait > 0) throw rateLimited(wait);
    sendJson(res, 201, await service.enroll(await readJson(req, LIMITS.maxSmallBodyBytes)));
    return;
  }

  const token: DeviceToken = await service.authenticate(req.headers.authorization);
  markAuthenticated(req);
  const wait = deps.tokenLimiter.take(token.id);
  if (wait > 0) throw rateLimited(wait);

  if (pathname === '/v1/submissions') {
    if (method === 'POST') {
      const result = await service.postManifest(token, await readJson(req, LIMITS.maxManifestBodyBytes));
      sendJson(res, result.status, result.body);
      return;
    }
    if (method === 'GET') {
      sendJson(res, 200, await service.listChanged(token, url.searchParams));
      return;
    }
    throw methodNotAllowed('GET, POST');
  }
  if (pathname === '/v1/whole-submissions') {
    if (method !== 'POST') throw methodNotAllowed('POST');
    const { json, blobs } = await readWhole(req);
    const record = await service.sendWhole(token, json, blobs);
    const view = await service.view(record, false);
    sendJson(res, 200, { submissionId: view.submissionId, manifestSha256: view.manifestSha256, state: view.state, receipt: view.receipt, review: view.review });
    return;
  }
  let m = COMMIT.exec(pathname);
  if (m) {
    if (method !== 'POST') throw methodNotAllowed('POST');
    const id = decodeSegment(m[1] as string);
    const record = await service.commit(token, id, await readJson(req, LIMITS.maxSmallBodyBytes));
    const view = await service.view(record, false);
    sendJson(res, 200, { submissionId: view.submissionId, manifestSha256: view.manifestSha256, state: view.state, receipt: view.receipt, review: view.review });
    return;
  }
  m = SUBMISSION.exec(pathname);
  if (m) {
    if (method !== 'GET') throw methodNotAllowed('GET');
    sendJson(res, 200, await service.status(token, decodeSegment(m[1] as string)));
    return;
  }
  m = BLOB.exec(pathname);
  if (m) {
    const sha256 = decodeSegment(m[1] as string);
    if (method === 'HEAD' || method === 'GET') {
      const status = await service.blobStatus(token, sha256);
      const headers = { 'Upload-Offset': String(status.offset), 'Upload-Length': String(status.size), 'Berkas-Blob-Complete': String(status.complete) };
      if (method === 'HEAD') {
        res.writeHead(200, { ...baseHeaders, ...headers });
        res.end();
      } else {
        sendJson(res, 200, status, headers);
      }
      return;
    }
    if (method === 'PUT') {
      const result = await service.putChunk(token, sha256, await readChunk(req, url));
      sendJson(res, 200, result, { 'Upload-Offset': String(result.offset) });
      return;
    }
    throw methodNotAllowed('GET, HEAD, PUT');
  }
  if (pathname === '/v1/reference/profiles' || pathname === '/v1/reference/catalog' || pathname === '/v1/reference/calendar') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    if (pathname.endsWith('/profiles')) {
      sendReference(req, res, deps.reference.profilesJson());
    } else if (pathname.endsWith('/catalog')) {
      sendReference(req, res, await deps.reference.catalogJson(deps.now()));
    } else {
      const yearText = url.searchParams.get('year') ?? String(deps.now().getUTCFullYear());
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100) throw new IntakeError('BAD_REQUEST', `year "${yearText.slice(0, 10)}" tidak sah: tahun 2000–2100.`);
      const profile = url.searchParams.get('profile');
      const body = deps.reference.calendarJson(year, profile);
      if (!body) throw new IntakeError('NOT_FOUND', `Profil daerah "${String(profile).slice(0, 64)}" tidak dikenal server.`);
      sendReference(req, res, body);
    }
    return;
  }
  throw new IntakeError('NOT_FOUND', `Alamat ${pathname.slice(0, 200)} tidak dikenal (protokol versi ${PROTOCOL_VERSION}).`);
}

/** One chunk of PROTOCOL.md §5.2, its headers checked before and its checksum after reading. */
async function readChunk(req: IncomingMessage, url: URL): Promise<{ offset: number; uploadLength: number; chunkSha256: string; body: Buffer }> {
  const offsetText = url.searchParams.get('offset');
  if (offsetText === null || !/^\d{1,16}$/.test(offsetText)) throw new IntakeError('CHUNK_OUT_OF_RANGE', 'Parameter offset wajib berupa bilangan bulat tak negatif, mis. ?offset=0.');
  const lengthHeader = req.headers['content-length'];
  if (lengthHeader === undefined) throw new IntakeError('LENGTH_REQUIRED', 'Potongan lampiran wajib memakai header Content-Length (tanpa Transfer-Encoding: chunked).');
  const length = Number(lengthHeader);
  if (!Number.isSafeInteger(length) || length > LIMITS.maxChunkBytes) {
    throw new IntakeError('PAYLOAD_TOO_LARGE', `Potongan ${lengthHeader} bita melebihi batas ${LIMITS.maxChunkBytes} bita (1 MiB).`);
  }
  const uploadLengthText = String(req.headers['upload-length'] ?? '');
  if (!/^\d{1,16}$/.test(uploadLengthText)) throw new IntakeError('UPLOAD_LENGTH_MISMATCH', 'Header Upload-Length (ukuran lampiran seluruhnya) wajib ada dan berupa bilangan bulat.');
  const chunkSha256 = String(req.headers['berkas-chunk-sha256'] ?? '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(chunkSha256)) throw new IntakeError('CHUNK_CHECKSUM_MISMATCH', 'Header Berkas-Chunk-Sha256 (SHA-256 potongan, 64 heksadesimal) wajib ada.');
  const type = String(req.headers['content-type'] ?? '');
  if (type !== '' && !/^application\/octet-stream\b/i.test(type)) throw new IntakeError('UNSUPPORTED_MEDIA_TYPE', `Content-Type potongan harus application/octet-stream (diterima: "${type.slice(0, 60)}").`);
  const offset = Number(offsetText);
  const uploadLength = Number(uploadLengthText);
  if (length === 0 && offset !== uploadLength) {
    throw new IntakeError('CHUNK_OUT_OF_RANGE', 'Potongan kosong hanya sah untuk lampiran berukuran 0 bita atau untuk menuntaskan lampiran yang seluruh bitanya sudah diterima (offset = Upload-Length).');
  }
  const body = await readBody(req, LIMITS.maxChunkBytes);
  if (body.length !== length) throw new IntakeError('BAD_REQUEST', `Potongan terputus: diterima ${body.length} dari ${length} bita.`);
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual !== chunkSha256) {
    throw new IntakeError('CHUNK_CHECKSUM_MISMATCH', `SHA-256 potongan di bita ${offset} (${actual}) tidak sama dengan Berkas-Chunk-Sha256 (${chunkSha256}); potongan tidak disimpan, kirim ulang.`);
  }
  return { offset, uploadLength, chunkSha256, body };
}

/**
 * The body of POST /v1/whole-submissions (PROTOCOL.md §5.3): Berkas-Manifest-Length bytes of the JSON a
 * POST /v1/submissions carries, then the blobs' bytes. Bounded before it is read: one chunk's worth of blobs.
 */
async function readWhole(req: IncomingMessage): Promise<{ json: unknown; blobs: Buffer }> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/vnd\.berkas\.whole-submission\b/i.test(type)) {
    throw new IntakeError('UNSUPPORTED_MEDIA_TYPE', `Content-Type pengiriman utuh harus application/vnd.berkas.whole-submission (diterima: "${type.slice(0, 60)}").`);
  }
  if (req.headers['content-length'] === undefined) throw new IntakeError('LENGTH_REQUIRED', 'Pengiriman utuh wajib memakai header Content-Length (tanpa Transfer-Encoding: chunked).');
  const lengthText = String(req.headers['berkas-manifest-length'] ?? '');
  if (!/^\d{1,16}$/.test(lengthText)) throw new IntakeError('BAD_REQUEST', 'Header Berkas-Manifest-Length (panjang bagian JSON dalam bita) wajib ada dan berupa bilangan bulat.');
  const manifestLength = Number(lengthText);
  if (manifestLength > LIMITS.maxManifestBodyBytes) {
    throw new IntakeError('PAYLOAD_TOO_LARGE', `Bagian manifes ${manifestLength} bita melebihi batas ${LIMITS.maxManifestBodyBytes} bita.`);
  }
  const body = await readBody(req, manifestLength + LIMITS.maxChunkBytes);
  if (body.length < manifestLength) throw new IntakeError('BAD_REQUEST', `Isi permintaan ${body.length} bita lebih pendek dari Berkas-Manifest-Length (${manifestLength}).`);
  let json: unknown;
  try {
    json = JSON.parse(body.subarray(0, manifestLength).toString('utf8'));
  } catch (err) {
    throw new IntakeError('BAD_REQUEST', `Bagian manifes bukan JSON yang sah: ${(err as Error).message}.`);
  }
  return { json, blobs: body.subarray(manifestLength) };
}
