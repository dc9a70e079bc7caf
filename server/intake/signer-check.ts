/**
 * Is the signer of a submission the sending OPD's? (issue 11.7; Pontianak
 * Pasal 38 ayat (2), (4): a document is signed by the authorised official of
 * the agency.) Judged at commit, for the online path and flash-drive imports
 * alike, stored with the submission and shown to the reviewer.
 *
 * A signature counts for the OPD when its certificate is one the OPD has
 * registered with Diskominfo, or when its subject O or OU names the OPD (its
 * name or its code, compared without case, spaces or punctuation). A name
 * match on a certificate that does not chain to a trusted root is only
 * "belum pasti": anyone can write any organisation into a self-made
 * certificate.
 *
 * The verification report (core/domain/signing/verification.ts) carries the
 * signer's common name but not the certificate, so the certificate is taken
 * here from the signature itself: the one whose key pkijs verifies the CMS
 * signature with over the signed byte ranges, so it cannot be a bystander
 * certificate placed in the CMS.
 */
import * as pkijs from 'pkijs';
import { PDFDocument } from 'pdf-lib';
import { bufferSource, toArrayBuffer } from '../../core/adapters/signing/algorithms';
import { readNode } from '../../core/adapters/signing/der';
import { readFormFields } from '../../core/adapters/signing/pdf-fields';
import { nameEntries, sha256Hex } from '../../core/adapters/signing/x509';
import type { SignatureSummary, SignerCheck, SignerMatch } from '../protocol/types';

export interface SignerCertificate {
  der: Uint8Array;
  sha256: string;
  commonName: string;
  organizations: string[];
  units: string[];
}

/** "Dinas  Pendidikan." and "DINAS PENDIDIKAN" are one name; so are "Dinas Pekerjaan Umum & Penataan Ruang" and "dinas pekerjaan umum penataan ruang". */
export function normalizeOrganization(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function describeCertificate(der: Uint8Array): SignerCertificate {
  const cert = pkijs.Certificate.fromBER(bufferSource(der));
  const entries = nameEntries(cert.subject);
  const of = (type: string) => entries.filter((e) => e.type === type && e.value.trim() !== '').map((e) => e.value.trim());
  return { der, sha256: sha256Hex(der), commonName: of('2.5.4.3')[0] ?? '', organizations: of('2.5.4.10'), units: of('2.5.4.11') };
}

/** The certificate that verifies one signature field's CMS over its byte ranges, or null. */
async function verifiedSigner(pdf: Uint8Array, byteRange: number[] | null, contents: Uint8Array | null): Promise<Uint8Array | null> {
  const [a, b, c, d] = byteRange ?? [];
  if (!contents || byteRange?.length !== 4 || a !== 0 || b === undefined || c === undefined || d === undefined || b <= 0 || c <= b || c + d > pdf.length) return null;
  try {
    const der = contents.subarray(0, readNode(contents, 0, contents.length).end);
    const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(bufferSource(der)).content });
    const signedBytes = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
    const result = await signed.verify({ signer: 0, data: toArrayBuffer(signedBytes), extendedMode: true, checkChain: false });
    if (!result.signatureVerified || !result.signerCertificate) return null;
    return new Uint8Array(result.signerCertificate.toSchema(false).toBER(false));
  } catch {
    return null;
  }
}

/**
 * Signer certificates by signature field name. A name used by two fields maps
 * to null: which of them the report judged cannot be told, so neither counts.
 */
export async function signerCertificates(pdf: Uint8Array): Promise<Map<string, SignerCertificate | null>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  const fields = readFormFields(doc).signatures;
  const result = new Map<string, SignerCertificate | null>();
  for (const field of fields) {
    if (result.has(field.fieldName)) {
      result.set(field.fieldName, null);
      continue;
    }
    const der = await verifiedSigner(pdf, field.byteRange, field.contents);
    let described: SignerCertificate | null = null;
    try {
      described = der ? describeCertificate(der) : null;
    } catch {
      described = null;
    }
    result.set(field.fieldName, described);
  }
  return result;
}

export interface SignerCheckInput {
  opd: { code: string; name: string };
  /** The main document's signatures as the verifier judged them (bag-check). */
  signatures: readonly SignatureSummary[];
  certificates: ReadonlyMap<string, SignerCertificate | null>;
  /** SHA-256 fingerprints of the certificates registered for this OPD. */
  registered: ReadonlySet<string>;
}

export function checkSigner(input: SignerCheckInput): SignerCheck {
  const targets = new Set([normalizeOrganization(input.opd.name), normalizeOrganization(input.opd.code)].filter((t) => t !== ''));
  const signers: SignerMatch[] = [];
  for (const s of input.signatures) {
    // A signature that does not verify says nothing about who signed.
    if (s.integrity !== 'valid') continue;
    const cert = input.certificates.get(s.field) ?? null;
    if (!cert) {
      signers.push({
        field: s.field,
        signer: s.signer,
        organizations: [],
        units: [],
        certificateSha256: null,
        certificate: s.certificate,
        matchedBy: null,
        problem: input.certificates.has(s.field) ? 'sertifikat penanda tangan tidak dapat dipastikan (nama kolom tanda tangan ganda atau isi tanda tangan tidak terbaca)' : 'kolom tanda tangan tidak ditemukan lagi',
      });
      continue;
    }
    const names = [...cert.organizations, ...cert.units].map(normalizeOrganization);
    const matchedBy = input.registered.has(cert.sha256) ? 'sertifikat-terdaftar' : names.some((n) => targets.has(n)) ? 'organisasi' : null;
    signers.push({
      field: s.field,
      signer: cert.commonName || s.signer,
      organizations: cert.organizations,
      units: cert.units,
      certificateSha256: cert.sha256,
      certificate: s.certificate,
      matchedBy,
    });
  }
  const isVouched = (m: SignerMatch) => m.matchedBy === 'sertifikat-terdaftar' || (m.matchedBy === 'organisasi' && m.certificate === 'trusted');
  const verdict = signers.some(isVouched) ? 'cocok' : signers.some((m) => m.matchedBy !== null) ? 'belum-pasti' : 'tidak-cocok';
  return { verdict, opd: input.opd.code, opdName: input.opd.name, signers };
}

/** "sertifikat atas nama Budi Santoso, organisasi Pemerintah Kota Pontianak / Dinas Pendidikan". */
export function describeSigner(m: SignerMatch): string {
  const organization = [...m.organizations, ...m.units].join(' / ') || '(tidak disebut)';
  return `sertifikat atas nama ${m.signer || '(tidak terbaca)'}, organisasi ${organization}`;
}

/** The reviewer's line (and the import's warning): never "cocok" unless something vouches for it. */
export function signerCheckSentence(check: SignerCheck | null): string {
  if (!check) return 'Belum diperiksa: pengiriman ini diterima sebelum server memeriksa penanda tangan; periksa sendiri organisasi pada sertifikat.';
  const opd = `${check.opdName} (${check.opd})`;
  if (check.verdict === 'cocok') {
    const m = check.signers.find((s) => s.matchedBy === 'sertifikat-terdaftar') ?? check.signers.find((s) => s.matchedBy === 'organisasi') ?? check.signers[0];
    const how = m?.matchedBy === 'sertifikat-terdaftar' ? 'sertifikatnya terdaftar untuk OPD ini' : 'organisasi pada sertifikat tepercaya menyebut OPD ini';
    return `Penanda tangan cocok dengan OPD pengirim ${opd}: ${m ? describeSigner(m) : ''} (${how}).`;
  }
  if (check.verdict === 'belum-pasti') {
    const m = check.signers.find((s) => s.matchedBy === 'organisasi');
    return `Belum pasti: ${m ? describeSigner(m) : ''} menyebut OPD pengirim ${opd}, tetapi sertifikatnya tidak tepercaya dan tidak terdaftar untuk OPD ini; siapa pun dapat menulis nama organisasi pada sertifikat buatan sendiri.`;
  }
  const who = check.signers.map(describeSigner);
  return `Penanda tangan tidak cocok dengan OPD pengirim ${opd}: ${who.length > 0 ? who.join('; ') : 'tidak ada tanda tangan utuh yang sertifikatnya terbaca'}; sertifikat itu tidak terdaftar untuk OPD ini.`;
}

/** The PDF bytes held for judging signatures: the same bound as bag-check's verifier. */
const MAX_PDF_BYTES = 100 * 1024 * 1024;

/**
 * The check of a commit: the main document's signer certificates against the
 * OPD and its registered certificates. Never throws on what a package holds:
 * whatever cannot be read makes the verdict "tidak cocok", never "cocok".
 */
export async function judgeSigner(input: {
  opd: { code: string; name: string };
  signatures: readonly SignatureSummary[];
  mainDocument: { read(): Promise<Uint8Array>; size: number };
  registered: readonly string[];
}): Promise<SignerCheck> {
  let certificates = new Map<string, SignerCertificate | null>();
  if (input.mainDocument.size <= MAX_PDF_BYTES) {
    try {
      certificates = await signerCertificates(await input.mainDocument.read());
    } catch (err) {
      console.warn(`[server] sertifikat penanda tangan tidak terbaca: ${(err as Error).message}`);
    }
  }
  return checkSigner({ opd: input.opd, signatures: input.signatures, certificates, registered: new Set(input.registered) });
}
