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
 * The signer's certificate is the one its signer info points to, when
 * exactly one embedded certificate does (core/adapters/signing/cms-signer.ts)
 * — so a bystander certificate placed in the CMS with the OPD's name can never
 * be taken for the signer's. At commit it is read from the CMS the verifier
 * checked (verifyPdfWithSigners), so the PDF is parsed once; the review page's
 * chains read it from the PDF (signerCertificates). Either way, a field name
 * used twice counts for nothing.
 */
import { PDFDocument } from 'pdf-lib';
import { certificateParts, uniqueSignerCertificate } from '../../core/adapters/signing/cms-signer';
import { childrenOf, oid, parseDer, tags, type DerNode } from '../../core/adapters/signing/der';
import { readFormFields } from '../../core/adapters/signing/pdf-fields';
import { sha256Hex } from '../../core/adapters/signing/x509';
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

const OID = { commonName: '2.5.4.3', organization: '2.5.4.10', unit: '2.5.4.11' };

/** A directory string's text (UTF8String, PrintableString, IA5String, T61String, BMPString). */
function stringValue(node: DerNode): string {
  if (node.tag === tags.bmpString) return Buffer.from(node.content).swap16().toString('utf16le');
  if (node.tag === 0x14) return Buffer.from(node.content).toString('latin1');
  return Buffer.from(node.content).toString('utf8');
}

export function describeCertificate(der: Uint8Array): SignerCertificate {
  const parts = certificateParts(parseDer(der));
  const values = (type: string) =>
    childrenOf(parts.subject)
      .flatMap((rdn) => childrenOf(rdn))
      .map((atv) => childrenOf(atv))
      .filter(([t]) => t !== undefined && oid(t) === type)
      .map(([, v]) => stringValue(v as DerNode).trim())
      .filter((v) => v !== '');
  return { der, sha256: sha256Hex(der), commonName: values(OID.commonName)[0] ?? '', organizations: values(OID.organization), units: values(OID.unit) };
}

/**
 * Signer certificates by signature field name. A name used by two fields maps
 * to null: which of them the report judged cannot be told, so neither counts.
 */
export async function signerCertificates(pdf: Uint8Array): Promise<Map<string, SignerCertificate | null>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  const fields = readFormFields(doc).signatures;
  return signerCertificatesOf(
    fields.map((f) => ({ field: f.fieldName })),
    fields.map((f) => uniqueSignerCertificate(f.contents)),
  );
}

/**
 * The same map from the verifier's report and the certificates
 * verifyPdfWithSigners found beside it (same order), so the PDF is parsed once
 * per commit.
 */
export function signerCertificatesOf(signatures: readonly { field: string }[], ders: readonly (Uint8Array | null)[]): Map<string, SignerCertificate | null> {
  const result = new Map<string, SignerCertificate | null>();
  signatures.forEach((s, i) => {
    if (result.has(s.field)) {
      result.set(s.field, null);
      return;
    }
    const der = ders[i] ?? null;
    let described: SignerCertificate | null = null;
    try {
      described = der ? describeCertificate(der) : null;
    } catch {
      described = null;
    }
    result.set(s.field, described);
  });
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
  registered: readonly string[];
} & ({ mainDocument: { read(): Promise<Uint8Array>; size: number } } | { signerCertificates: ReadonlyMap<string, SignerCertificate | null> })): Promise<SignerCheck> {
  // The certificates from a verification that already parsed the PDF, else from the PDF.
  if ('signerCertificates' in input) return checkSigner({ opd: input.opd, signatures: input.signatures, certificates: input.signerCertificates, registered: new Set(input.registered) });
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
