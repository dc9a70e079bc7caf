/**
 * The roots Diskominfo trusts (issue 14.2): installed with `berkas server
 * trust add ROOT.pem` or on the console's trust page and kept in the store, so
 * every node of a PostgreSQL install judges alike; files in D/trust still
 * count (PROTOCOL.md §14). A signature is "tepercaya" only through one of
 * these. PEM and DER are both read on every path, one certificate or a bundle.
 */
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { BerkasError } from '../../core/domain/errors';
import { createFileTrustStore } from '../../core/adapters/signing/trust-store';
import { readCertificates } from '../../core/adapters/signing/trust';
import { sha256Hex } from '../../core/adapters/signing/x509';
import type { ConsoleStore, TrustRoot } from '../store/console-store';

export const MAX_ROOT_FILE_BYTES = 256 * 1024;

export interface ParsedRoot {
  der: Uint8Array;
  sha256: string;
  subject: string;
  notAfter: string;
  isCa: boolean;
}

/** Every certificate of a PEM bundle or a DER file, with the facts the trust page shows. */
export function parseRootFile(bytes: Uint8Array, fileName: string): ParsedRoot[] {
  if (bytes.byteLength === 0) throw new BerkasError('TRUST_ROOT_INVALID', `${fileName} kosong; pilih berkas sertifikat akar (PEM atau DER).`);
  if (bytes.byteLength > MAX_ROOT_FILE_BYTES) throw new BerkasError('TRUST_ROOT_INVALID', `${fileName} berukuran ${bytes.byteLength} bita; berkas akar tepercaya paling banyak ${MAX_ROOT_FILE_BYTES} bita.`);
  let ders: Uint8Array[];
  try {
    ders = readCertificates(bytes, fileName);
  } catch (err) {
    throw new BerkasError('TRUST_ROOT_INVALID', `${(err as Error).message}; pilih sertifikat akar dalam bentuk PEM (-----BEGIN CERTIFICATE-----) atau DER.`);
  }
  return ders.map((der) => {
    const x = new X509Certificate(der);
    return { der, sha256: sha256Hex(der), subject: x.subject.replace(/\n/g, ', '), notAfter: new Date(x.validTo).toISOString(), isCa: x.ca };
  });
}

export async function addTrustRoots(store: ConsoleStore, input: { bytes: Uint8Array; fileName: string; label: string | null; by: string | null; now: Date }): Promise<(TrustRoot & { isNew: boolean })[]> {
  const parsed = parseRootFile(input.bytes, input.fileName);
  const notCa = parsed.find((p) => !p.isCa);
  if (notCa) {
    throw new BerkasError(
      'TRUST_ROOT_INVALID',
      `${input.fileName}: sertifikat "${notCa.subject}" bukan sertifikat CA (basicConstraints CA:TRUE), jadi tidak dapat menjadi akar tepercaya. Untuk sertifikat penanda tangan milik OPD pakai "berkas server opd certificate add".`,
    );
  }
  const out: (TrustRoot & { isNew: boolean })[] = [];
  for (const p of parsed) {
    const root: TrustRoot = {
      sha256: p.sha256,
      subject: p.subject,
      derBase64: Buffer.from(p.der).toString('base64'),
      notAfter: p.notAfter,
      label: input.label,
      addedAt: input.now.toISOString(),
      addedBy: input.by,
    };
    out.push({ ...root, isNew: (await store.addTrustRoot(root)) === 'added' });
  }
  return out;
}

/** A fingerprint, or its first 8+ hex digits when that names one root. */
export async function removeTrustRoot(store: ConsoleStore, fingerprint: string): Promise<TrustRoot> {
  const want = fingerprint.toLowerCase().replace(/[^0-9a-f]/g, '');
  if (want.length < 8) throw new BerkasError('USAGE', `Sidik jari "${fingerprint}" terlalu pendek: tulis SHA-256 sertifikat, paling sedikit 8 digit heksadesimal.`);
  const matches = (await store.listTrustRoots()).filter((r) => r.sha256.startsWith(want));
  if (matches.length === 0) throw new BerkasError('TRUST_ROOT_NOT_FOUND', `Tidak ada akar tepercaya dengan sidik jari ${want}; lihat "berkas server trust list".`);
  if (matches.length > 1) throw new BerkasError('USAGE', `Sidik jari ${want} cocok dengan ${matches.length} akar; tulis lebih panjang.`);
  const root = matches[0] as TrustRoot;
  await store.removeTrustRoot(root.sha256);
  return root;
}

/** DER of every root signatures are judged against: the store's, then the files in D/trust (PEM decoded). */
export async function allTrustRoots(store: ConsoleStore, dataDir: string): Promise<Uint8Array[]> {
  const fromStore = (await store.listTrustRoots()).map((r) => new Uint8Array(Buffer.from(r.derBase64, 'base64')));
  const files = await createFileTrustStore(path.join(dataDir, 'trust')).list();
  const fromFiles = files.flatMap((f) => {
    try {
      return readCertificates(f.der, f.fileName);
    } catch (err) {
      console.warn(`[server] trust/${f.fileName} dilewati: ${(err as Error).message}`);
      return [];
    }
  });
  const seen = new Set<string>();
  return [...fromStore, ...fromFiles].filter((der) => {
    const key = sha256Hex(der);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
