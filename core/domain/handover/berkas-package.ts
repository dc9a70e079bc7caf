/**
 * Which bags are Berkas packages, and what must be signed in them. A bag is
 * judged as a handover bundle when anything says so — bag-info's
 * Berkas-Document, the berita acara at its fixed path, or data.json's format
 * — so deleting one line of bag-info does not turn a handover package with an
 * unsigned berita acara into a generic bag that passes (issue 11 item 7).
 */
import { BAG_INFO_FIELDS } from '../outbox/manifest';
import { isVerificationPassing, type VerificationReport } from '../signing/verification';
import { tagValue } from './bagit';
import type { BagIssue } from './bagit-rules';
import { beritaAcaraPath } from './bundle';
import type { BagVerification, BerkasPackageKind } from './packaging';

const handoverFormat = 'berkas/serah-terima-aplikasi';

/**
 * The Berkas package a bag is, with the documents that must be signed, or
 * null for a generic bag; plus the issue when a submission does not say
 * which document is its main one.
 */
export function berkasPackageOf(
  bagInfo: readonly [string, string][],
  payloadPaths: ReadonlySet<string>,
  dataJsonFormat: string | null,
): { berkasPackage: BerkasPackageKind | null; issues: BagIssue[] } {
  const isHandover = tagValue(bagInfo, 'Berkas-Document') === 'serah-terima-aplikasi' || payloadPaths.has(beritaAcaraPath) || dataJsonFormat === handoverFormat;
  const isSubmission =
    bagInfo.some(([label]) => /^berkas-/i.test(label) && label.toLowerCase() !== 'berkas-document') || (dataJsonFormat !== null && /^berkas[-/]/.test(dataJsonFormat) && !isHandover);
  if (!isHandover && !isSubmission) return { berkasPackage: null, issues: [] };
  const signedDocuments = isHandover ? [beritaAcaraPath] : [];
  const main = tagValue(bagInfo, BAG_INFO_FIELDS.mainDocument);
  const issues: BagIssue[] = [];
  if (main) {
    if (!signedDocuments.includes(main)) signedDocuments.push(main);
  } else if (!isHandover) {
    issues.push({
      rule: 'main-document-missing',
      message: `Paket kiriman Berkas tanpa ${BAG_INFO_FIELDS.mainDocument} di bag-info.txt: dokumen bertanda tangan yang harus diperiksa tidak diketahui.`,
      file: 'bag-info.txt',
    });
  }
  return { berkasPackage: { kind: isHandover ? 'serah-terima' : 'kiriman', signedDocuments }, issues };
}

/** data.json's "format", when the bytes are a JSON object that has one. */
export function dataJsonFormatOf(bytes: Uint8Array | null): string | null {
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8').decode(bytes));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const format = (value as Record<string, unknown>).format;
      return typeof format === 'string' ? format : null;
    }
  } catch {
    // Not JSON: data.json names no format, and the bag is judged by its other marks.
  }
  return null;
}

/** How one document that must be signed is judged: what the verifier said, or why it could not say. */
export type SignedDocumentJudgement = { report: VerificationReport } | { unreadable: string } | { absent: true };

/**
 * Why a PDF's signatures do not pass, as a bag rule, or null when they do.
 * Passing is the one judgement of core/domain/signing (isVerificationPassing);
 * the rule only names which way it failed.
 */
export function signatureTroubleOf(report: VerificationReport): 'signature-missing' | 'signature-invalid' | 'modified-after-signing' | null {
  if (isVerificationPassing(report)) return null;
  if (report.signatures.length === 0) return 'signature-missing';
  if (report.signatures.some((s) => s.integrity !== 'valid')) return 'signature-invalid';
  return 'modified-after-signing';
}

/** The issues of one document that must be signed: present, readable, and its signatures passing. */
export function signedDocumentIssues(file: string, judged: SignedDocumentJudgement): BagIssue[] {
  if ('absent' in judged) return [{ rule: 'main-document-missing', message: `${file}, dokumen yang harus ditandatangani, tidak ada di dalam paket.`, file }];
  if ('unreadable' in judged) return [{ rule: 'signature-missing', message: `Tanda tangan ${file} tidak dapat diperiksa: ${judged.unreadable}`, file }];
  const rule = signatureTroubleOf(judged.report);
  if (rule === null) return [];
  const why = judged.report.signatures.flatMap((s) => s.problems).slice(0, 2).join('; ');
  const messages = {
    'signature-missing': `${file} belum ditandatangani secara elektronik.`,
    'signature-invalid': `Tanda tangan elektronik ${file} tidak utuh${why ? ` (${why})` : ''}.`,
    'modified-after-signing': `${file} diubah setelah ditandatangani${why ? ` (${why})` : ''}.`,
  };
  return [{ rule, message: messages[rule], file }];
}

const kindWords: Record<BerkasPackageKind['kind'], string> = {
  'serah-terima': 'paket serah terima aplikasi Berkas',
  kiriman: 'paket kiriman Berkas',
};

/**
 * Whether every signature of the package's signed documents chains to an
 * installed root. A Berkas package is called SAH only then: intact and
 * complete but signed with a self-signed or unknown certificate is "utuh,
 * belum tepercaya", never "sah" (integrity and trust are two judgements).
 */
export function isBagSignerTrusted(v: Pick<BagVerification, 'signatures'>): boolean {
  return v.signatures.length > 0 && v.signatures.every((s) => s.certificate === 'trusted');
}

/**
 * The verdict in one line, saying what was judged: a Berkas package (the bag
 * and its signed documents) or a generic BagIt bag (conforming and complete,
 * no signature asked for). For the CLI and the screens alike.
 */
export function describeBagVerdict(v: Pick<BagVerification, 'valid' | 'complete' | 'judgedAs' | 'berkasPackage' | 'signatures'>): string {
  const verdict = !v.valid ? 'TIDAK SAH' : v.judgedAs === 'paket-berkas' && !isBagSignerTrusted(v) ? 'UTUH, PENANDA TANGAN BELUM TEPERCAYA' : 'SAH';
  if (v.judgedAs === 'paket-berkas') {
    const what = v.berkasPackage ? kindWords[v.berkasPackage.kind] : 'paket Berkas';
    const docs = v.berkasPackage?.signedDocuments.join(', ') ?? '';
    return `${verdict} sebagai ${what}: ${v.complete ? 'bag BagIt lengkap' : 'bag BagIt tidak lengkap'}${docs ? `; bertanda tangan wajib: ${docs}` : ''}`;
  }
  const note = v.berkasPackage ? 'tanda tangan dokumennya tidak dinilai di sini' : 'bukan paket Berkas; tidak ada dokumen bertanda tangan yang dinilai';
  return `${verdict} sebagai bag BagIt umum (${v.complete ? 'lengkap' : 'tidak lengkap'}; ${note})`;
}
