/**
 * Real inputs for the outbox tests: signed PDFs (a self-signed key through
 * the signing engine, as an officer without a BSrE certificate would sign),
 * generated attachment content of any size, and workspaces with settings.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createSigningEngine } from '../../../core/adapters/signing/signing-engine';
import { defaultAssetsDir } from '../../../core/app/workspace';
import type { SigningKeyHandle } from '../../../core/ports';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export const outboxSettings = (opdCode: string) => ({
  opd: { name: `Dinas Uji ${opdCode}`, code: opdCode, profileId: 'pontianak' },
  officer: { name: 'Budi Santoso', nip: '198703122010011002', jabatan: 'Kepala Bidang Perencanaan', pangkatGolongan: 'Penata / III.c' },
  serverUrl: '',
  language: 'id' as const,
});

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `berkas-${prefix}-`));
}

const engine = createSigningEngine({ assetsDir: defaultAssetsDir });
let key: SigningKeyHandle | null = null;

function signingKey(): SigningKeyHandle {
  key ??= engine.createSelfSigned({ name: 'Budi Santoso', nip: '198703122010011002', organization: 'Dinas Uji', now: new Date() }).handle;
  return key;
}

/** A one-page PDF with `text`, signed (PAdES B-B, self-signed certificate). */
export async function signedPdf(text: string, documentId?: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text.slice(0, 80), { x: 50, y: 780, size: 12, font });
  const unsigned = await doc.save();
  const signed = await engine.signPdf(unsigned, signingKey(), {
    fileName: 'uji.pdf',
    isCertified: false,
    role: null,
    reason: 'Uji kotak keluar',
    certify: false,
    ...(documentId ? { documentId } : {}),
    signedAt: new Date(),
    offsetMinutes: 420,
  });
  return signed.pdf;
}

/** An unsigned PDF. */
export async function unsignedPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text.slice(0, 80), { x: 50, y: 780, size: 12 });
  return doc.save();
}

/**
 * A file of `size` pseudo-random bytes from `seed` (incompressible, like a
 * source archive): AES-256-CTR keystream, deterministic per seed and fast
 * enough for 50 MB files. Returns its SHA-256.
 */
export async function randomFile(file: string, size: number, seed: string): Promise<string> {
  const key = createHash('sha256').update(`kunci:${seed}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  const zeros = Buffer.alloc(1024 * 1024);
  let written = 0;
  while (written < size) {
    const block = cipher.update(zeros.subarray(0, Math.min(zeros.length, size - written)));
    hash.update(block);
    written += block.length;
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return hash.digest('hex');
}

export function randomId(): string {
  return randomBytes(6).toString('hex');
}

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await fs.readFile(file)).digest('hex');
}
