/**
 * Certificates registered as an OPD's own (`berkas server opd certificate
 * add|list|remove`): a signature made with one counts as the OPD's whatever
 * organisation the certificate names (PROTOCOL.md §6.3) — for officials whose
 * certificate names the Pemda, or an appointed acting head.
 */
import { BerkasError } from '../../core/domain/errors';
import { readCertificates } from '../../core/adapters/signing/trust';
import { certificateDetails } from '../../core/adapters/signing/x509';
import { isOpdCode } from '../protocol/ids';
import type { IntakeRepository, OpdCertificate } from '../store/repository';

export interface OpdCertificateView {
  opd: string;
  sha256: string;
  subject: string;
  notAfter: string;
  label: string | null;
  addedAt: string;
}

function view(c: OpdCertificate): OpdCertificateView {
  return { opd: c.opd, sha256: c.sha256, subject: c.subject, notAfter: c.notAfter, label: c.label, addedAt: c.addedAt };
}

async function knownOpd(repo: IntakeRepository, code: string): Promise<string> {
  const opd = code.trim().toUpperCase();
  if (!isOpdCode(opd)) throw new BerkasError('OPD_INVALID', `Kode OPD "${code}" tidak sah (mis. DISDIK).`, { field: 'opd' });
  if (!(await repo.getOpd(opd))) {
    throw new BerkasError('OPD_NOT_FOUND', `OPD ${opd} belum terdaftar di server ini; buat dulu dengan berkas server enroll-code --opd ${opd} --name "Nama OPD".`, { field: 'opd' });
  }
  return opd;
}

export async function addOpdCertificate(
  repo: IntakeRepository,
  input: { opd: string; bytes: Uint8Array; fileName: string; label: string | null; now: Date },
): Promise<OpdCertificateView & { isNew: boolean }> {
  const opd = await knownOpd(repo, input.opd);
  let ders: Uint8Array[];
  try {
    ders = readCertificates(input.bytes, input.fileName);
  } catch (err) {
    throw new BerkasError('CERT_FILE', `Berkas ${input.fileName} bukan sertifikat X.509 (PEM atau DER): ${(err as Error).message}.`, { field: 'file' });
  }
  if (ders.length !== 1) {
    throw new BerkasError('CERT_FILE', `Berkas ${input.fileName} memuat ${ders.length} sertifikat; daftarkan sertifikat penanda tangan saja, satu berkas satu sertifikat (bukan rantai CA).`, { field: 'file' });
  }
  const der = ders[0] as Uint8Array;
  const details = certificateDetails(der);
  const cert: OpdCertificate = {
    opd,
    sha256: details.fingerprintSha256,
    subject: details.subject,
    derBase64: Buffer.from(der).toString('base64'),
    notAfter: details.notAfter,
    label: input.label?.trim().slice(0, 200) || null,
    addedAt: input.now.toISOString(),
  };
  const added = await repo.addOpdCertificate(cert);
  return { ...view(cert), isNew: added === 'added' };
}

export async function listOpdCertificates(repo: IntakeRepository, opd?: string): Promise<OpdCertificateView[]> {
  return (await repo.listOpdCertificates(opd === undefined ? undefined : await knownOpd(repo, opd))).map(view);
}

/** By SHA-256 fingerprint: all 64 hex digits (colons allowed), or a prefix of 8 or more naming one certificate. */
export async function removeOpdCertificate(repo: IntakeRepository, input: { opd: string; fingerprint: string }): Promise<OpdCertificateView> {
  const opd = await knownOpd(repo, input.opd);
  const wanted = input.fingerprint.replace(/:/g, '').trim().toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(wanted)) {
    throw new BerkasError('USAGE', `Sidik jari "${input.fingerprint}" tidak sah: tulis SHA-256 sertifikat (64 heksadesimal, atau 8 karakter awalnya), lihat berkas server opd certificate list.`);
  }
  const matches = (await repo.listOpdCertificates(opd)).filter((c) => c.sha256.startsWith(wanted));
  if (matches.length === 0) throw new BerkasError('CERT_NOT_FOUND', `OPD ${opd} tidak memiliki sertifikat terdaftar dengan sidik jari ${wanted}.`);
  if (matches.length > 1) throw new BerkasError('USAGE', `Sidik jari ${wanted} cocok dengan ${matches.length} sertifikat OPD ${opd}; tulis lebih banyak karakternya.`);
  const cert = matches[0] as OpdCertificate;
  await repo.removeOpdCertificate(opd, cert.sha256);
  return view(cert);
}
