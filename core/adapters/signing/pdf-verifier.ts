/**
 * Verifies every signature of a PDF: the signed byte ranges against the
 * message digest, the CMS signature (pkijs), the signing-certificate
 * attribute, an RFC 3161 signature timestamp when present (counted only when
 * it chains to a trusted TSA root), the signer's certificate path up to the
 * configured trust roots, and — per signature — what the revisions after it
 * changed (pdf-changes.ts) against what the document permits (DocMDP).
 * Produces the report `berkas verify --json` prints; documentIntegrity of
 * core/domain judges it.
 */
import { createHash } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFDocument } from 'pdf-lib';
import { BerkasError } from '../../domain/errors';
import { identityFromSerialNumber } from '../../domain/signing/certificate';
import { parsePdfDate } from '../../domain/signing/indonesian-date';
import {
  documentIntegrity,
  highestLevel,
  levelRank,
  permittedLevel,
  type CertificateStatus,
  type SignatureLevel,
  type SignatureReport,
  type VerificationReport,
} from '../../domain/signing/verification';
import { bufferSource, digestNames, oid } from './algorithms';
import { uniqueSignerCertificate } from './cms-signer';
import { readNode } from './der';
import { assertLooksLikePdf, readLastXref } from './pdf-bytes';
import { changesAfterSignature, readLayout, revisionNumberOf, type RevisionLayout } from './pdf-changes';
import { readFormFields, type FieldSignature } from './pdf-fields';
import { checkPlainSignature } from './plain-signature';
import { checkSigningCertificate, type SigningCertificateCheck } from './signing-certificate-check';
import { evaluateChain } from './trust';
import { commonNameOf, extendedKeyUsageOf, keyUsageOf } from './x509';
import { useFastHexStrings } from './fast-hex-string';

// A signature's /Contents read at once rather than byte by byte while pdf-lib parses: the same objects.
useFastHexStrings();

export interface VerifyPdfOptions {
  pdf: Uint8Array;
  fileName: string;
  /** DER certificates of the trust roots. */
  trustRoots: Uint8Array[];
  now: Date;
  offsetMinutes?: number;
  /** The same bytes already loaded by pdf-lib (with the options below), so a caller that reads more from it parses once. */
  doc?: PDFDocument;
}

const supportedSubFilters = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The DER object at the start of the /Contents bytes, without the zero padding after it. */
function cmsBytes(contents: Uint8Array): Uint8Array {
  const node = readNode(contents, 0, contents.length);
  return contents.subarray(0, node.end);
}

function findSigner(signed: pkijs.SignedData, info: pkijs.SignerInfo): pkijs.Certificate | null {
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (info.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = info.sid;
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  const keyId = (info.sid as asn1js.OctetString).valueBlock.valueHexView;
  return (
    certs.find((c) => {
      const ski = c.extensions?.find((e) => e.extnID === '2.5.29.14');
      if (!ski) return false;
      const value = readNode(ski.extnValue.valueBlock.valueHexView);
      return bytesEqual(value.content, keyId);
    }) ?? null
  );
}

// pkijs re-parses and re-encodes a certificate on every toSchema(): one signature asks for the same DER several times.
const derOf = new WeakMap<pkijs.Certificate, Uint8Array>();

function certDer(cert: pkijs.Certificate): Uint8Array {
  let der = derOf.get(cert);
  if (!der) {
    der = new Uint8Array(cert.toSchema(false).toBER(false));
    derOf.set(cert, der);
  }
  return der;
}

interface TimestampCheck {
  time: Date | null;
  isValid: boolean;
  isTrusted: boolean;
  problems: string[];
}

async function checkTimestamp(info: pkijs.SignerInfo, trustRoots: Uint8Array[], now: Date): Promise<TimestampCheck | null> {
  const attr = info.unsignedAttrs?.attributes.find((a) => a.type === oid.signatureTimeStampToken);
  if (!attr) return null;
  const problems: string[] = [];
  try {
    const token = new pkijs.ContentInfo({ schema: attr.values[0] });
    const signed = new pkijs.SignedData({ schema: token.content });
    const eContent = signed.encapContentInfo.eContent;
    if (!eContent) throw new Error('token tanpa TSTInfo');
    const tst = pkijs.TSTInfo.fromBER(eContent.getValue());
    const hashName = digestNames[tst.messageImprint.hashAlgorithm.algorithmId];
    if (!hashName) throw new Error(`algoritma hash ${tst.messageImprint.hashAlgorithm.algorithmId}`);
    const signatureValue = new Uint8Array(info.signature.valueBlock.valueHexView);
    const expected = createHash(hashName).update(signatureValue).digest();
    if (!bytesEqual(new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView), expected)) {
      return { time: tst.genTime, isValid: false, isTrusted: false, problems: ['Cap waktu (TSA) bukan untuk tanda tangan ini (message imprint berbeda).'] };
    }
    // pkijs checks the imprint against `data` (the timestamped signature value) as well as the token's signature.
    const result = await signed.verify({ signer: 0, data: toArrayBuffer(signatureValue), extendedMode: true, checkChain: false });
    if (!result.signatureVerified || !result.signerCertificate) {
      return { time: tst.genTime, isValid: false, isTrusted: false, problems: ['Tanda tangan pada cap waktu (TSA) tidak sah.'] };
    }
    const tsaDer = certDer(result.signerCertificate);
    const others = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate).map(certDer);
    const chain = evaluateChain(tsaDer, others, trustRoots, now);
    if (chain.status !== 'trusted') problems.push(`Sertifikat server cap waktu tidak tepercaya: ${chain.problems.join(' ')}`);
    // RFC 3161 2.3: a TSA certificate is for time-stamping only, marked so by a critical EKU.
    const isTsaCertificate = extendedKeyUsageOf(result.signerCertificate)?.oids.includes(oid.timeStamping) ?? false;
    if (!isTsaCertificate) problems.push('Sertifikat server cap waktu tidak ditandai untuk cap waktu (extended key usage timeStamping).');
    return { time: tst.genTime, isValid: true, isTrusted: chain.status === 'trusted' && isTsaCertificate, problems };
  } catch (err) {
    return { time: null, isValid: false, isTrusted: false, problems: [`Cap waktu (TSA) tidak terbaca: ${(err as Error).message}`] };
  }
}

async function verifyOne(bytes: Uint8Array, field: FieldSignature, opts: VerifyPdfOptions): Promise<SignatureReport> {
  const problems: string[] = [];
  const docMdp = field.docMdp;
  const report: SignatureReport = {
    field: field.fieldName,
    signer: '',
    nip: null,
    subfilter: field.subFilter,
    signedAt: field.m ? (parsePdfDate(field.m)?.toISOString() ?? null) : null,
    signedAtSource: 'jam-penanda-tangan',
    timestampedAt: null,
    timestampClaim: null,
    level: 'lainnya',
    integrity: 'invalid',
    certificate: 'untrusted',
    certified: docMdp !== null,
    docMdpPermission: docMdp === 1 || docMdp === 2 || docMdp === 3 ? docMdp : null,
    coversWholeDocument: false,
    revision: null,
    changesAfter: [],
    changeLevel: 'none',
    isChangePermitted: true,
    problems,
  };
  const br = field.byteRange;
  const [a, b, c, d] = br ?? [];
  if (!br || br.length !== 4 || a !== 0 || b === undefined || c === undefined || d === undefined || b <= 0 || c <= b || c + d > bytes.length) {
    problems.push('/ByteRange tidak sah atau menunjuk ke luar berkas: bagian yang ditandatangani tidak dapat ditentukan.');
    return report;
  }
  report.coversWholeDocument = c + d === bytes.length;
  const gap = Buffer.from(bytes.subarray(b, c)).toString('latin1');
  if (!/^<[0-9A-Fa-f\s]*>$/.test(gap)) {
    problems.push('Celah /ByteRange bukan tepat nilai /Contents: ada bagian berkas yang tidak ikut ditandatangani.');
    return report;
  }
  if (!supportedSubFilters.has(field.subFilter)) {
    problems.push(`Jenis tanda tangan ${field.subFilter || '(tanpa /SubFilter)'} tidak didukung pemeriksa Berkas.`);
    return report;
  }
  const hex = gap.slice(1, -1).replace(/\s+/g, '');
  let der: Uint8Array;
  try {
    der = cmsBytes(new Uint8Array(Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex')));
  } catch (err) {
    problems.push(`Isi tanda tangan (CMS) tidak terbaca: ${(err as Error).message}.`);
    return report;
  }
  const signedBytes = Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]);
  // The plain shape is proved intact without pkijs; every other shape, and every trouble, is pkijs's to find and word.
  const plain = checkPlainSignature(der, signedBytes);
  let judged: SignatureReport;
  if (plain) {
    nameSigner(report, plain.signer);
    judged = judgeSigner(report, field, opts, { signer: plain.signer, signerDer: plain.signerDer, certificates: plain.certificates, binding: plain.binding, timestamp: null });
  } else {
    judged = await verifyWithPkijs(report, der, signedBytes, field, opts);
  }
  if (judged.integrity === 'valid') verifiedCmsOf.set(judged, der);
  return judged;
}

/**
 * The CMS each intact signature was verified from, beside its report rather
 * than in it: the report is the JSON of `berkas verify --json` and crosses
 * IPC, where raw DER has no place. verifyPdfWithSigners reads the signers'
 * certificates from it; verifyPdf's callers pay nothing for it.
 */
const verifiedCmsOf = new WeakMap<SignatureReport, Uint8Array>();

function nameSigner(report: SignatureReport, signer: pkijs.Certificate): void {
  report.signer = commonNameOf(signer.subject);
  const serialNumber = signer.subject.typesAndValues.find((t) => t.type === '2.5.4.5');
  report.nip = identityFromSerialNumber((serialNumber?.value as unknown as { valueBlock?: { value?: string } })?.valueBlock?.value).nip;
}

async function verifyWithPkijs(report: SignatureReport, der: Uint8Array, signedBytes: Uint8Array, field: FieldSignature, opts: VerifyPdfOptions): Promise<SignatureReport> {
  const problems = report.problems;
  let signed: pkijs.SignedData;
  let info: pkijs.SignerInfo;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(bufferSource(der));
    if (contentInfo.contentType !== oid.signedData) throw new Error('bukan SignedData');
    signed = new pkijs.SignedData({ schema: contentInfo.content });
    const first = signed.signerInfos[0];
    if (!first) throw new Error('tanpa SignerInfo');
    info = first;
  } catch (err) {
    problems.push(`Isi tanda tangan (CMS) tidak terbaca: ${(err as Error).message}.`);
    return report;
  }
  const signer = findSigner(signed, info);
  if (!signer) {
    problems.push('Sertifikat penanda tangan tidak disertakan dalam tanda tangan.');
    return report;
  }
  nameSigner(report, signer);

  const digestName = digestNames[info.digestAlgorithm.algorithmId];
  const messageDigest = info.signedAttrs?.attributes.find((x) => x.type === oid.messageDigest);
  if (!digestName) {
    problems.push(`Algoritma hash ${info.digestAlgorithm.algorithmId} tidak didukung.`);
    return report;
  }
  if (!messageDigest) {
    problems.push('Atribut message-digest tidak ada dalam atribut bertanda tangan.');
    return report;
  }
  const actual = createHash(digestName).update(signedBytes).digest();
  const claimed = new Uint8Array((messageDigest.values[0] as asn1js.OctetString).valueBlock.valueHexView);
  if (!bytesEqual(actual, claimed)) {
    problems.push('Digest tidak cocok: isi dokumen berubah setelah ditandatangani.');
    return report;
  }
  try {
    const result = await signed.verify({ signer: 0, data: toArrayBuffer(signedBytes), extendedMode: true, checkChain: false });
    if (!result.signatureVerified) {
      problems.push('Tanda tangan CMS tidak cocok dengan kunci publik sertifikat penanda tangan.');
      return report;
    }
    // pkijs picks the certificate it verified with by its own rules (for a key identifier: the hash of the key);
    // the name shown, the binding and the chain must be about that very certificate, not a look-alike found otherwise.
    if (!result.signerCertificate || !bytesEqual(certDer(result.signerCertificate), certDer(signer))) {
      problems.push('Sertifikat yang dipakai memeriksa tanda tangan bukan sertifikat yang ditunjuk penanda tangan: ada dua sertifikat yang mengaku sebagai penanda tangan.');
      return report;
    }
  } catch (err) {
    problems.push(`Tanda tangan CMS tidak sah: ${(err as Error).message}.`);
    return report;
  }
  const signerDer = certDer(signer);
  const binding = checkSigningCertificate(info, signer, signerDer);
  if (binding.problem) {
    problems.push(binding.problem);
    return report;
  }
  const certificates = (signed.certificates ?? []).filter((x): x is pkijs.Certificate => x instanceof pkijs.Certificate).map(certDer);
  const timestamp = await checkTimestamp(info, opts.trustRoots, opts.now);
  return judgeSigner(report, field, opts, { signer, signerDer, certificates, binding, timestamp });
}

interface IntactSignature {
  signer: pkijs.Certificate;
  signerDer: Uint8Array;
  certificates: Uint8Array[];
  binding: SigningCertificateCheck;
  timestamp: TimestampCheck | null;
}

/** An intact signature's level, time and certificate status: the timestamp, the chain to the trust roots, the key usage. */
function judgeSigner(report: SignatureReport, field: FieldSignature, opts: VerifyPdfOptions, intact: IntactSignature): SignatureReport {
  const { signer, signerDer, binding, timestamp } = intact;
  const problems = report.problems;
  report.integrity = 'valid';
  let level: SignatureLevel = field.subFilter === 'ETSI.CAdES.detached' && binding.isPresent ? 'B-B' : 'lainnya';
  let referenceTime = opts.now;
  if (timestamp) {
    if (timestamp.isValid && timestamp.isTrusted && timestamp.time) {
      // Only a timestamp that verifies and chains to a trusted TSA proves when the signature existed.
      report.timestampedAt = timestamp.time.toISOString();
      report.signedAt = report.timestampedAt;
      report.signedAtSource = 'tsa';
      if (level === 'B-B') level = 'B-T';
      referenceTime = timestamp.time;
    } else {
      report.timestampClaim = { time: timestamp.time?.toISOString() ?? null, problems: timestamp.problems };
      problems.push(`Cap waktu dalam tanda tangan tidak dipercaya, jadi waktu penandatanganan hanya menurut jam komputer penanda tangan. ${timestamp.problems.join(' ')}`.trim());
    }
  }
  report.level = level;

  const chain = evaluateChain(signerDer, intact.certificates, opts.trustRoots, referenceTime, opts.offsetMinutes);
  let status: CertificateStatus = chain.status;
  problems.push(...chain.problems);
  const usage = keyUsageOf(signer);
  if (usage && !usage.includes('digitalSignature') && !usage.includes('nonRepudiation')) {
    problems.push('Penggunaan kunci sertifikat penanda tangan tidak mengizinkan tanda tangan.');
    status = 'untrusted';
  }
  report.certificate = status;
  return report;
}

export function verifyPdf(opts: VerifyPdfOptions): Promise<VerificationReport> {
  return verifyAll(opts);
}

/**
 * verifyPdf, plus the DER of each signature's signer certificate, as embedded
 * in the CMS that was verified (same order as report.signatures; null for a
 * signature that is not intact, or whose signer info more than one embedded
 * certificate answers to — cms-signer.ts), so a caller that needs the
 * signers' certificates (the intake's signer check) does not parse the PDF
 * again.
 */
export async function verifyPdfWithSigners(opts: VerifyPdfOptions): Promise<{ report: VerificationReport; signerCertificates: (Uint8Array | null)[] }> {
  const report = await verifyAll(opts);
  const signerCertificates = report.signatures.map((s) => {
    const cms = s.integrity === 'valid' ? verifiedCmsOf.get(s) : undefined;
    return cms ? uniqueSignerCertificate(cms) : null;
  });
  return { report, signerCertificates };
}

async function verifyAll(opts: VerifyPdfOptions): Promise<VerificationReport> {
  assertLooksLikePdf(opts.pdf, opts.fileName);
  let doc: PDFDocument;
  try {
    doc = opts.doc ?? (await PDFDocument.load(opts.pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false }));
  } catch {
    if (readLastXref(opts.pdf, opts.fileName).isEncrypted) {
      throw new BerkasError('PDF_ENCRYPTED', `PDF ${opts.fileName} terenkripsi; pemeriksa Berkas belum dapat membaca tanda tangan di dalam PDF terenkripsi.`, { file: opts.fileName });
    }
    throw new BerkasError('PDF_STRUCTURE', `PDF ${opts.fileName} tidak dapat dibaca: strukturnya rusak.`, { file: opts.fileName });
  }
  const fields = readFormFields(doc, opts.fileName).signatures;
  const endOf = (f: FieldSignature) => (f.byteRange?.[2] ?? 0) + (f.byteRange?.[3] ?? 0);
  // In the order they were made: the earlier revision ends first.
  fields.sort((x, y) => endOf(x) - endOf(y));
  const signatures: SignatureReport[] = [];
  for (const field of fields) signatures.push(await verifyOne(opts.pdf, field, opts));

  let layout: RevisionLayout | null = null;
  let layoutProblem: string | null = null;
  try {
    layout = readLayout(opts.pdf);
  } catch (err) {
    layoutProblem = `Riwayat revisi PDF tidak dapat dibaca (${(err as Error).message}), sehingga perubahan sesudah tanda tangan tidak dapat dinilai.`;
  }
  // A certification must be the document's first signature (ISO 32000-2 12.8.2.2); its permission rules every later change.
  const certification = signatures.findIndex((s) => s.certified);
  if (certification > 0) signatures[certification]!.problems.push('Tanda tangan sertifikasi (DocMDP) bukan tanda tangan pertama dokumen, sehingga izinnya tidak berlaku.');
  const permitted = permittedLevel(certification === 0 ? signatures[0]!.docMdpPermission : null);
  signatures.forEach((report, i) => {
    const signedLength = endOf(fields[i]!);
    if (report.coversWholeDocument) {
      report.revision = layout ? (revisionNumberOf(layout, signedLength) ?? layout.ends.length) : null;
      return;
    }
    if (!layout) {
      report.changesAfter = [{ level: 'other', description: layoutProblem ?? 'riwayat revisi tidak terbaca' }];
    } else {
      report.revision = revisionNumberOf(layout, signedLength);
      report.changesAfter = changesAfterSignature(opts.pdf, signedLength, layout);
    }
    report.changeLevel = highestLevel(report.changesAfter);
    report.isChangePermitted = levelRank(report.changeLevel) <= levelRank(permitted);
    if (!report.isChangePermitted) {
      const shown = report.changesAfter.filter((c) => levelRank(c.level) > levelRank(permitted)).map((c) => c.description);
      report.problems.push(`Dokumen diubah setelah tanda tangan ini: ${shown.join('; ')}.`);
    }
  });
  return { signatures, revisions: layout?.ends.length ?? 0, integrity: documentIntegrity(signatures) };
}
