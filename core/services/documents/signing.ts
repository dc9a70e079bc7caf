/**
 * Signing a document and keeping it: a draft is rendered and signed by its
 * kind's service; a signed document takes a further signature (the kepala
 * OPD's) on its kept PDF, which makes the next revision with the same data.
 * Before the first signature, the officer in Pengaturan is compared with the
 * certificate holder, and a difference must be confirmed (issue 13 item 6).
 */
import type { BlobStore, Clock, SettingsStore } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { signerDifferences } from '../../domain/documents/signer-match';
import type { DocumentKind, SignedRevision, SignerDifference } from '../../domain/documents/model';
import type { CertificateDetails, CertificateInfo } from '../../domain/signing/certificate';
import { signerOfPreview, type SignPreview } from '../../domain/signing/stamp';
import { revisionSignerOf, type DocumentSignOptions, type KindSource, type SignedOrJob, type SigningKey } from './kinds';
import type { Listing } from './listing';
import { damagedFileError, type Revisions } from './revisions';

/** Adds a signature to a signed PDF as an incremental update (the signing service's signPdfWith). */
export type Countersign = (input: { pdf: Uint8Array; fileName: string; key: SigningKey; reason: string; tsaUrl?: string }) => Promise<{ pdf: Uint8Array; level: 'B-B' | 'B-T' }>;

export interface SignPreviewResult extends SignPreview {
  kind: DocumentKind;
  revision: number;
  isCountersign: boolean;
  documentErrors: string[];
  signerDifferences: SignerDifference[];
}

export interface SigningDeps {
  listing: Listing;
  revisions: Revisions;
  blobs: BlobStore;
  settings: SettingsStore;
  clock: Clock;
  sources: () => readonly KindSource[];
  countersign: Countersign;
}

const offsetOf = (date: Date) => -date.getTimezoneOffset();

export function createSigning(deps: SigningDeps) {
  const { listing, revisions } = deps;

  function sourceOf(kind: DocumentKind): KindSource {
    const source = deps.sources().find((s) => s.kind === kind);
    if (!source) throw new Error(`no document source for kind ${kind}`);
    return source;
  }

  async function differencesFor(certificate: Pick<CertificateDetails, 'commonName' | 'nip' | 'nik'>): Promise<SignerDifference[]> {
    const settings = await deps.settings.load();
    return settings ? signerDifferences(settings.officer, certificate) : [];
  }

  /** What documentSign will do for this document now: render the draft, or add a signature to the newest signed PDF. */
  function planOf(id: string) {
    const { facts } = listing.resolve(id);
    const j = listing.journeyOf(facts);
    const title = j.newest?.title ?? facts.draft?.title ?? facts.id;
    const countersignOf = j.newest && !j.isDraftAfter ? j.newest : null;
    if (countersignOf && facts.kind === 'serah-terima') {
      throw new BerkasError(
        'DOCUMENT_PACKAGE_SIGNED',
        `Paket serah terima "${title}" revisi ${countersignOf.revision} sudah ditandatangani dan dipaketkan; paket tidak ditandatangani lagi. Ubah berkas serah terimanya untuk membuat revisi baru.`,
        { field: 'id', title, revision: countersignOf.revision },
      );
    }
    if (!countersignOf && !facts.draft) throw new BerkasError('DOCUMENT_DRAFT_DELETED', `Draf "${title}" sudah dihapus; tidak ada yang dapat ditandatangani.`, { field: 'id', title });
    return { facts, journey: j, title, countersignOf };
  }

  async function previewOf(id: string, certificate: CertificateInfo): Promise<SignPreviewResult> {
    const { facts, journey, title, countersignOf } = planOf(id);
    const now = deps.clock.now();
    let shown: { title: string; pages: number; errors: string[] };
    let differences: SignerDifference[] = [];
    if (countersignOf) {
      const problems = (await revisions.problemsOf(countersignOf, revisions.itemsOf(countersignOf).length > 0)).map((p) => p.message);
      const again = facts.revisions.find((r) => r.signer.fingerprintSha256 === certificate.fingerprintSha256);
      if (again) problems.push(`Sertifikat "${certificate.commonName}" sudah menandatangani revisi ${again.revision}; tanda tangan kedua dibubuhkan oleh pejabat lain (kepala OPD).`);
      shown = { title: countersignOf.title, pages: countersignOf.pages, errors: problems };
    } else {
      shown = await sourceOf(facts.kind).preview(facts.id, certificate);
      differences = await differencesFor(certificate);
    }
    return {
      documentTitle: shown.title || title,
      documentId: facts.id,
      pages: shown.pages,
      ...signerOfPreview(certificate, now, offsetOf(now)),
      kind: facts.kind,
      revision: (journey.newest?.revision ?? 0) + 1,
      isCountersign: countersignOf !== null,
      documentErrors: shown.errors,
      signerDifferences: differences,
    };
  }

  async function countersign(revision: SignedRevision, key: SigningKey, tsaUrl: string | undefined): Promise<SignedRevision> {
    const details = key.handle.details;
    const all = listing.resolve(revision.documentId).facts.revisions;
    const again = all.find((r) => r.signer.fingerprintSha256 === details.fingerprintSha256);
    if (again) {
      throw new BerkasError(
        'SIGNER_ALREADY_SIGNED',
        `Sertifikat "${details.commonName}" sudah menandatangani revisi ${again.revision} "${revision.title}"; tanda tangan berikutnya dibubuhkan oleh pejabat lain (kepala OPD).`,
        { field: 'certificateId', commonName: details.commonName, revision: again.revision, title: revision.title },
      );
    }
    const problems = await revisions.problemsOf(revision, revisions.itemsOf(revision).length > 0);
    if (problems.length > 0) throw damagedFileError(revision, problems, '');
    const pdf = await deps.blobs.read(revision.fileSha256);
    const data = await deps.blobs.read(revision.dataSha256);
    const signed = await deps.countersign({ pdf, fileName: revision.fileName, key, reason: 'Menyetujui', ...(tsaUrl ? { tsaUrl } : {}) });
    return revisions.keep({
      documentId: revision.documentId,
      kind: revision.kind,
      title: revision.title,
      period: revision.period,
      reportType: revision.reportType,
      fileName: revision.fileName,
      mediaType: 'application/pdf',
      file: signed.pdf,
      data,
      signer: revisionSignerOf(key),
      signedAt: deps.clock.now().toISOString(),
      level: signed.level,
      pages: revision.pages,
      draftRevision: revision.draftRevision,
    });
  }

  async function sign(id: string, key: SigningKey, options: DocumentSignOptions & { isSignerConfirmed?: boolean }): Promise<SignedOrJob & { documentId: string }> {
    const { facts, countersignOf } = planOf(id);
    if (countersignOf) return { documentId: facts.id, revision: await countersign(countersignOf, key, options.tsaUrl), jobId: null };
    const differences = await differencesFor(key.handle.details);
    if (differences.length > 0 && options.isSignerConfirmed !== true) {
      throw new BerkasError(
        'SIGNER_DIFFERS',
        `${differences.map((d) => d.message).join(' ')} Periksa penanda tangannya, lalu konfirmasi untuk tetap menandatangani.`,
        { field: 'certificateId', differences, certificateName: key.handle.details.commonName, differing: differences.map((d) => d.field) },
      );
    }
    const draftRevision = facts.draft?.revision ?? 0;
    return { documentId: facts.id, ...(await sourceOf(facts.kind).sign(facts.id, key, options, draftRevision)) };
  }

  return { preview: previewOf, sign, sourceOf };
}
