/**
 * A small reference client of server/PROTOCOL.md for the server tests: builds
 * submission packages with the real bag writer, derives their manifest as
 * §2.3 says, and speaks the HTTP protocol (enroll, manifest, chunked
 * resumable blobs, commit, status). It is deliberately plain so a test reads
 * like the protocol.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBagZip } from '../../../core/adapters/bagit/bag-writer';
import { openZip } from '../../../core/adapters/zip-reader/zip-reader';
import { canonicalJson } from '../../../server/protocol/canonical-json';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const fixture = (name: string) => readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'server', name));
export const CHUNK = 1024 * 1024;

const made: string[] = [];

/** Packages outlive the test that built them (imports read them later): a test file removes them all in afterAll. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `berkas-${prefix}-`));
  made.push(dir);
  return dir;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A UUIDv7: 48-bit milliseconds, version 7, variant 10, random rest. */
export function uuidv7(ms = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = ((b[6] as number) & 0x0f) | 0x70;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface PackageSpec {
  submissionId?: string;
  opd: string;
  type?: 'rencana-aksi' | 'serah-terima' | 'laporan';
  period?: string;
  revisionOf?: string | null;
  appVersion?: string;
  mainDocument?: string;
  /** Payload files (paths under data/); the main document defaults to fixture signed.pdf. */
  payload?: Record<string, Uint8Array>;
  /** bag-info.txt fields to override or add. */
  bagInfo?: [string, string][];
}

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface BuiltPackage {
  zipPath: string;
  submissionId: string;
  manifest: Record<string, unknown> & { files: ManifestFile[] };
  manifestSha256: string;
  /** Bytes of every bag file by SHA-256. */
  blobs: Map<string, Buffer>;
}

export async function buildPackage(spec: PackageSpec, dir = tempDir('pkg')): Promise<BuiltPackage> {
  const submissionId = spec.submissionId ?? uuidv7();
  const mainDocument = spec.mainDocument ?? 'data/rencana-aksi.pdf';
  const payload = spec.payload ?? {
    [mainDocument]: fixture('signed.pdf'),
    'data/data.json': Buffer.from(JSON.stringify({ format: 'berkas-rencana-aksi', version: 1, plan: { year: 2025, activities: [{ name: 'Pengembangan SIM Sekolah', outputs: [{ name: 'Aplikasi' }] }] } })),
  };
  const fields: [string, string][] = [
    ['Source-Organization', spec.opd],
    ['Berkas-Submission-Id', submissionId],
    ['Berkas-Type', spec.type ?? 'rencana-aksi'],
    ['Berkas-OPD', spec.opd],
    ['Berkas-Period', spec.period ?? '2025'],
    ...(spec.revisionOf ? ([['Berkas-Revision-Of', spec.revisionOf]] as [string, string][]) : []),
    ['Berkas-App-Version', spec.appVersion ?? '0.1.0'],
    ['Berkas-Main-Document', mainDocument],
  ];
  for (const [label, value] of spec.bagInfo ?? []) {
    const at = fields.findIndex(([l]) => l === label);
    if (at >= 0) fields[at] = [label, value];
    else fields.push([label, value]);
  }
  const zipPath = path.join(dir, `berkas-${spec.opd}-${submissionId}.zip`);
  await writeBagZip({
    outPath: zipPath,
    payload: Object.entries(payload).map(([p, bytes]) => ({ path: p, bytes, size: bytes.length })),
    bagInfo: fields.filter(([, v]) => v !== ''),
    baggingDate: new Date('2025-06-17T00:00:00Z'),
  });
  return { zipPath, submissionId, ...(await manifestOfPackage(zipPath)) };
}

/** PROTOCOL.md §2.3: the manifest of a package ZIP, derived from its entries and bag-info.txt. */
export async function manifestOfPackage(zipPath: string): Promise<Omit<BuiltPackage, 'zipPath' | 'submissionId'>> {
  const zip = await openZip(zipPath);
  try {
    const base = zip.entries.some((e) => e.name === 'bagit.txt') ? '' : `${(zip.entries[0] as { name: string }).name.split('/')[0]}/`;
    const blobs = new Map<string, Buffer>();
    const files: ManifestFile[] = [];
    let bagInfo = '';
    for (const entry of zip.entries) {
      if (entry.isDirectory) continue;
      const bytes = await zip.readEntry(entry, 512 * 1024 * 1024);
      const rel = entry.name.slice(base.length);
      if (rel === 'bag-info.txt') bagInfo = bytes.toString('utf8');
      const digest = sha256(bytes);
      blobs.set(digest, bytes);
      files.push({ path: rel, sha256: digest, size: bytes.length });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const info = new Map(
      bagInfo
        .split('\n')
        .filter((l) => l.includes(':'))
        .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()] as [string, string]),
    );
    const manifest: Record<string, unknown> & { files: ManifestFile[] } = {
      protocol: 1,
      submissionId: info.get('Berkas-Submission-Id'),
      type: info.get('Berkas-Type'),
      opd: info.get('Berkas-OPD'),
      period: info.get('Berkas-Period'),
      revisionOf: info.get('Berkas-Revision-Of') ?? null,
      appVersion: info.get('Berkas-App-Version'),
      mainDocument: info.get('Berkas-Main-Document'),
      ...(info.has('Berkas-Report-Type') ? { reportType: info.get('Berkas-Report-Type') } : {}),
      ...(info.has('Berkas-Profile') ? { profileId: info.get('Berkas-Profile') } : {}),
      files,
    };
    return { manifest, manifestSha256: sha256(canonicalJson(manifest)), blobs };
  } finally {
    await zip.close();
  }
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class ProtocolClient {
  constructor(
    readonly baseUrl: string,
    public token: string | null = null,
  ) {}

  async request<T = Record<string, unknown>>(method: string, url: string, init: { json?: unknown; body?: Buffer; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let body: Uint8Array<ArrayBuffer> | string | undefined;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.body !== undefined) {
      headers['Content-Type'] = 'application/octet-stream';
      body = Uint8Array.from(init.body);
    }
    const res = await fetch(this.baseUrl + url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = method === 'HEAD' ? '' : await res.text();
    let parsed: unknown = {};
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { text };
      }
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  async enroll(code: string): Promise<Answer> {
    const answer = await this.request('POST', '/v1/enroll', { json: { code, deviceName: 'Laptop uji', appVersion: '0.1.0' } });
    if (answer.status === 201) this.token = answer.body.token as string;
    return answer;
  }

  postManifest(pkg: Pick<BuiltPackage, 'manifest' | 'manifestSha256'>): Promise<Answer> {
    return this.request('POST', '/v1/submissions', { json: { manifest: pkg.manifest, manifestSha256: pkg.manifestSha256 } });
  }

  putChunk(digest: string, offset: number, chunk: Buffer, total: number, chunkSha?: string): Promise<Answer> {
    return this.request('PUT', `/v1/blobs/${digest}?offset=${offset}`, {
      body: chunk,
      headers: { 'Berkas-Chunk-Sha256': chunkSha ?? sha256(chunk), 'Upload-Length': String(total) },
    });
  }

  /** Uploads one blob from `offset`, chunk by chunk; returns the bytes sent. */
  async uploadBlob(digest: string, bytes: Buffer, offset = 0): Promise<number> {
    let at = offset;
    let sent = 0;
    if (bytes.length === 0) {
      const answer = await this.putChunk(digest, 0, Buffer.alloc(0), 0);
      if (answer.status !== 200) throw new Error(`PUT ${digest}@0: ${answer.status} ${JSON.stringify(answer.body)}`);
      return 0;
    }
    while (at < bytes.length) {
      const chunk = bytes.subarray(at, Math.min(bytes.length, at + CHUNK));
      const answer = await this.putChunk(digest, at, chunk, bytes.length);
      sent += chunk.length;
      if (answer.status === 409 && answer.body.error && (answer.body.error as { code: string }).code === 'UPLOAD_OFFSET_MISMATCH') {
        at = answer.body.offset as number;
        continue;
      }
      if (answer.status !== 200) throw new Error(`PUT ${digest}@${at}: ${answer.status} ${JSON.stringify(answer.body)}`);
      at = answer.body.offset as number;
    }
    return sent;
  }

  commit(id: string, manifestSha256: string): Promise<Answer> {
    return this.request('POST', `/v1/submissions/${id}/commit`, { json: { manifestSha256 } });
  }

  status(id: string): Promise<Answer> {
    return this.request('GET', `/v1/submissions/${id}`);
  }

  /** The whole online path: manifest, missing blobs, commit. */
  async send(pkg: BuiltPackage): Promise<Answer> {
    const posted = await this.postManifest(pkg);
    if (posted.status !== 200 && posted.status !== 201) return posted;
    for (const missing of posted.body.missing as { sha256: string; offset: number }[]) {
      await this.uploadBlob(missing.sha256, pkg.blobs.get(missing.sha256) as Buffer, missing.offset);
    }
    return this.commit(pkg.submissionId, pkg.manifestSha256);
  }
}
