/**
 * The shapes that cross the port between the handover service and the
 * packaging adapters (core/adapters/bagit, core/adapters/handover): what goes
 * into a bag, what a finished bag and a verification report look like, and
 * what a scanned source folder or archive shows the officer.
 */
import type { SignatureReport as PdfSignatureReport } from '../signing/verification';
import type { BagIssue } from './bagit-rules';
import type { LanguageShare } from './languages';
import type { SecretFinding } from './secrets';

export interface BagPayloadEntry {
  /** Path inside the bag, under "data/": "data/kode-sumber/app/index.php". */
  path: string;
  /** Read from this file, streaming… */
  file?: string;
  /** …or these bytes (small generated files: data.json, the signed PDF). */
  bytes?: Uint8Array;
  size: number;
  /** When known in advance (blobs are named by it), the read is checked against it. */
  sha256?: string;
  /** What to call the file in messages, when not its bag path (the officer's own file path). */
  origin?: string;
}

export interface BagProgress {
  phase: 'writing' | 'finishing';
  /** Payload bytes read so far. */
  bytes: number;
  total: number;
  files: number;
  totalFiles: number;
  /** The payload path being written. */
  current?: string;
}

export interface BagWriteRequest {
  outPath: string;
  payload: readonly BagPayloadEntry[];
  /**
   * bag-info.txt fields in order, e.g. Source-Organization, External-Identifier.
   * Bagging-Date, Payload-Oxum and Bag-Size are added by the writer.
   */
  bagInfo: readonly [string, string][];
  /** The bag's date (Bagging-Date and entry times), from the caller's clock. */
  baggingDate: Date;
  /** Top folder inside the ZIP (RFC 8493 §4.2); defaults to the output file name without ".zip". */
  baseDirectory?: string;
  onProgress?: (progress: BagProgress) => void;
  signal?: AbortSignal;
  /**
   * The ZIP is a scratch file that the caller syncs and moves into place itself
   * (the outbox packager moves it into the blob store in one barrier with the
   * bag's files): written straight to outPath, without a sync or rename of its
   * own. Default false: written beside outPath, synced, then renamed.
   */
  isScratch?: boolean;
}

export interface BagWriteResult {
  path: string;
  /** SHA-256 and size of the ZIP file itself. */
  sha256: string;
  size: number;
  payloadOxum: string;
  files: number;
  bytes: number;
  manifest: { path: string; sha256: string; size: number }[];
}

/** One signature of one PDF inside a bag, as the signing verifier judged it (the shape of `berkas verify X.pdf --json`). */
export interface BagSignature extends PdfSignatureReport {
  /** Payload path, e.g. "data/berita-acara-serah-terima.pdf". */
  file: string;
  /** Always true here (unsigned PDFs give no entry); kept for callers of the first shape of this report. */
  isSigned: boolean;
  /** integrity === 'valid'. */
  isValid: boolean;
  /** The same as problems. */
  notes: string[];
}

/** A Berkas package recognised in a bag, by its bag-info, its data.json or its berita acara, and what must be signed in it. */
export interface BerkasPackageKind {
  kind: 'serah-terima' | 'kiriman';
  /** Payload paths whose PDF must carry intact signatures (the berita acara, the main document). */
  signedDocuments: string[];
}

export interface BagVerification {
  file: string;
  /**
   * Conforming and complete (RFC 8493 §3): bagit.txt and every tag file well
   * formed, every manifest entry present, every payload file in every payload
   * manifest, no fetch.txt, Payload-Oxum agrees.
   */
  complete: boolean;
  /** Complete, every checksum matches, no issue at all, every signature intact. */
  valid: boolean;
  /**
   * What "valid" stands for: 'bag' = a conforming, complete bag whose
   * checksums all verify; 'paket-berkas' = that, and its Berkas document(s)
   * signed with intact signatures.
   */
  judgedAs: 'bag' | 'paket-berkas';
  /** The Berkas package this bag is, whatever its bag-info says; null for a generic bag. */
  berkasPackage: BerkasPackageKind | null;
  /** "1.0" or "0.97"; null when bagit.txt could not be read. */
  bagitVersion: string | null;
  /** Algorithms of the payload manifests whose checksums were verified, e.g. ["sha256", "sha512"]. */
  algorithms: string[];
  missing: string[];
  mismatched: string[];
  unexpected: string[];
  signatures: BagSignature[];
  /** Every reason the bag is not valid, each with its named rule (core/domain/handover/bagit-rules.ts). */
  issues: BagIssue[];
  /** The messages of the issues other than missing, unexpected and mismatched files (those have their lists). */
  problems: string[];
  /** What the reader wants known without it being wrong (a weak manifest beside a strong one). */
  notes: string[];
  /** The bag's folder inside the ZIP ("" when the bag sits at the root). */
  baseDirectory: string;
  bagInfo: [string, string][];
  payload: { files: number; bytes: number };
}

export interface VerifyProgress {
  bytes: number;
  total: number;
  current?: string;
}

/** What a picked file, folder or source archive holds, before anything is copied. */
export interface SourceScan {
  kind: 'file' | 'folder' | 'archive';
  /** Base name of what was picked. */
  name: string;
  /** Files that would be attached (after exclusions; inside an archive, its entries). */
  files: number;
  bytes: number;
  languages: LanguageShare[];
  /** Folders left out (not entered, so not counted), and symbolic links skipped. */
  excluded: { path: string; rule: string }[];
  secrets: SecretFinding[];
  /** Files whose names cannot go into a bag (%, CR, LF, …): attaching refuses them, naming each. */
  badNames: { file: string; reason: string }[];
}

/** A scan plus where each file is, for attaching a file or folder. */
export interface CollectedSource extends SourceScan {
  entries: { relPath: string; absPath: string; size: number }[];
}
