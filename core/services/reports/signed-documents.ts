/**
 * A report as a signed document: rendered as PDF/A with its data.json
 * (refused while the report has errors), previewed before the officer
 * confirms, signed by the signer the caller brings (the signing service's),
 * and kept: the signed PDF and its data.json in the blob store, the signature
 * recorded against the revision it signed.
 */
import type { BlobStore, Clock, ProfileSource, ReportRenderer } from '../../ports';
import { BerkasError, isBerkasError } from '../../domain/errors';
import type { RegionProfile } from '../../domain/profiles/profile';
import type { Settings } from '../../domain/settings/settings';
import type { CertificateDetails, CertificateInfo } from '../../domain/signing/certificate';
import type { SignedRevision } from '../../domain/documents/model';
import { submissionPeriodOfReport } from '../../domain/outbox/manifest';
import type { Signatory } from '../../domain/signing/documents';
import { signerOfPreview, type SignPreview } from '../../domain/signing/stamp';
import {
  definitionFor,
  isAttachmentValue,
  parsePeriod,
  reportSummaries,
  type AttachmentRef,
  type Period,
  type ReportDataJson,
  type ReportPdfInput,
  type ReportView,
  type SignatureRecord,
  type StoredReport,
} from '../../domain/reports';
import type { KeepSigned } from '../documents/revisions';
import { slugOf } from '../../domain/files/slug';
import type { LoadedReport, ReportStore } from './store';
import type { ReportViews } from './views';

/** What the signing step gives back (the signing service's SignedPdf plus who signed). */
export interface ReportSignature {
  pdf: Uint8Array;
  level: 'B-B' | 'B-T';
  signer: string;
  isCertified: boolean;
  fieldName: string;
  documentId: string;
  /** SHA-256 of the unsigned revision, as the stamp's QR code carries it. */
  unsignedSha256: string;
  isCertification: boolean;
  /** 1-based page of the visible signature. */
  page: number;
  /** The signer's certificate, when the signing step knows it: the kept revision records its holder and fingerprint. */
  certificate?: CertificateDetails;
}

export type ReportSigner = (pdf: Uint8Array, fileName: string, reason: string) => Promise<ReportSignature>;

export interface PreparedReport {
  view: ReportView;
  fileName: string;
  pdf: Uint8Array;
  pages: number;
  title: string;
  dataJson: ReportDataJson;
}

export interface SignedReport {
  report: ReportView;
  fileName: string;
  pdf: Uint8Array;
  pages: number;
  dataFileName: string;
  dataJson: string;
  signature: SignatureRecord;
  details: Omit<ReportSignature, 'pdf' | 'certificate'>;
  /** The revision kept in the workspace (null when this service keeps only blobs). */
  revision: SignedRevision | null;
}

/** Who the signature block names: the certificate holder, when known before rendering (issue 13 item 6). */
export interface ReportHolder {
  name: string;
  nip: string;
}

/** Minutes east of UTC on the officer's clock (WIB 420, WITA 480, WIT 540). */
const offsetOf = (date: Date) => -date.getTimezoneOffset();

function nomorOf(loaded: LoadedReport, period: Period): string {
  return `LAP-${period.code}-${loaded.id
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 8)
    .toUpperCase()}`;
}

export interface SignedDocumentsDeps {
  store: ReportStore;
  views: ReportViews;
  blobs: BlobStore;
  profiles: ProfileSource;
  renderer: ReportRenderer;
  clock: Clock;
  appVersion: string;
  keep?: KeepSigned;
}

export function createSignedDocuments(deps: SignedDocumentsDeps) {
  const { store, views } = deps;

  async function prepare(id: string, holder?: ReportHolder): Promise<PreparedReport & { loaded: LoadedReport; settings: Settings; profile: RegionProfile; nomor: string }> {
    const settings = await store.requireSettings();
    const loaded = store.load(id);
    // Signed under the region it was made under (its type, article and regulation), whatever profile is active now.
    const profile = store.profileOf(loaded.stored, deps.profiles.get(settings.opd.profileId));
    const reportView = await views.view(loaded, profile);
    const errors = reportView.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      const shown = errors.slice(0, 5).map((f) => f.message);
      throw new BerkasError(
        'REPORT_INVALID',
        `${reportView.title} belum dapat ditandatangani: ${errors.length} isian belum benar. ${shown.join(' ')}${errors.length > shown.length ? ` (dan ${errors.length - shown.length} lainnya)` : ''}`,
        { findings: errors.slice(0, 50), title: reportView.title, count: errors.length },
      );
    }
    const type = store.typeOf(profile, loaded.stored.typeKey);
    const def = definitionFor(type.key);
    const period = reportView.period;
    const date = deps.clock.now();
    const nomor = nomorOf(loaded, period);
    const images: ReportPdfInput['images'] = {};
    const attachments: AttachmentRef[] = [];
    for (const field of def.fields) {
      const ref = loaded.stored.data[field.key];
      if (field.kind !== 'attachment' || !isAttachmentValue(ref)) continue;
      attachments.push(ref);
      if (ref.mediaType === 'image/png' || ref.mediaType === 'image/jpeg') images[ref.sha256] = { bytes: await deps.blobs.read(ref.sha256), mediaType: ref.mediaType };
    }
    const preparer: Signatory = { caption: 'Disusun oleh,', jabatan: settings.officer.jabatan, name: holder?.name ?? settings.officer.name, nip: holder?.nip ?? settings.officer.nip };
    const approver: Signatory = { caption: 'Mengetahui,', jabatan: `Kepala ${settings.opd.name}`, name: '', nip: '' };
    const input: ReportPdfInput = {
      documentId: loaded.id,
      nomor,
      typeName: type.name,
      article: type.article,
      regulation: profile.regulation.shortTitle,
      definition: def,
      period,
      dueDate: reportView.dueDate,
      isUrgent: reportView.isUrgent,
      data: loaded.stored.data,
      government: profile.terms.government,
      city: profile.terms.city,
      agency: profile.terms.agency,
      opdName: settings.opd.name,
      opdCode: settings.opd.code,
      ictOffice: profile.terms.ictOffice,
      preparer,
      approver,
      date,
      offsetMinutes: offsetOf(date),
      appVersion: deps.appVersion,
      regionId: profile.id,
      assetChanges: reportView.assetChanges,
      carriedFromPeriod: loaded.stored.carriedFrom ? parsePeriod(loaded.stored.carriedFrom.period, type.period).label : null,
      images,
    };
    const rendered = await deps.renderer.render(input);
    const base = ['laporan', slugOf(type.key, 'laporan', 30), slugOf(settings.opd.code || settings.opd.name, 'laporan', 30), period.code.toLowerCase()].join('-');
    const changes = reportView.assetChanges;
    const dataJson: ReportDataJson = {
      format: 'berkas-laporan',
      version: 1,
      report: { id: loaded.id, revision: loaded.revision, title: reportView.title, nomor },
      type: { key: type.key, name: type.name, article: type.article, regulation: profile.regulation.shortTitle, period: type.period, isUrgent: type.isUrgent === true },
      period,
      dueDate: reportView.dueDate,
      region: profile.id,
      opd: { name: settings.opd.name, code: settings.opd.code },
      preparedBy: { name: preparer.name, nip: preparer.nip, jabatan: settings.officer.jabatan },
      createdAt: date.toISOString(),
      data: loaded.stored.data,
      attachments,
      carriedFrom: loaded.stored.carriedFrom ? { period: loaded.stored.carriedFrom.period, reportId: loaded.stored.carriedFrom.reportId } : null,
      assetChanges: changes ? { added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length, unchanged: changes.unchangedCount } : null,
      summaries: reportSummaries(def, loaded.stored.data, period),
    };
    return { view: reportView, fileName: `${base}.pdf`, pdf: rendered.pdf, pages: rendered.pages, title: rendered.title, dataJson, loaded, settings, profile, nomor };
  }

  /** The rendered, unsigned document: what the confirmation shows before signing (pages, title), refused while the report has errors. */
  async function preview(id: string): Promise<{ title: string; documentId: string; pages: number; fileName: string }> {
    const prepared = await prepare(id);
    return { title: prepared.title, documentId: id, pages: prepared.pages, fileName: prepared.fileName };
  }

  return {
    preview,

    /** What will be signed and by whom, before the officer confirms; the report's errors stop signing and are listed. */
    async signPreview(id: string, certificate: CertificateInfo): Promise<SignPreview & { reportErrors: string[] }> {
      const report = await views.view(store.load(id));
      const now = deps.clock.now();
      let pages = 0;
      let title = report.title;
      const reportErrors = report.findings.filter((f) => f.severity === 'error').map((f) => f.message);
      if (reportErrors.length === 0) {
        try {
          const previewed = await preview(id);
          pages = previewed.pages;
          title = previewed.title;
        } catch (err) {
          if (!isBerkasError(err)) throw err;
          reportErrors.push(err.message);
        }
      }
      return {
        documentTitle: title,
        documentId: id,
        pages,
        ...signerOfPreview(certificate, now, offsetOf(now)),
        reportErrors,
      };
    },

    /**
     * Renders, signs (with `signer`), and keeps the signed PDF and its
     * data.json: as a revision of the document when `keep` is given, and as
     * the signature recorded on the report. `holder` is who the signature
     * block names (the certificate holder); absent, the officer of Pengaturan.
     */
    async sign(id: string, signer: ReportSigner, options: { holder?: ReportHolder } = {}): Promise<SignedReport> {
      const prepared = await prepare(id, options.holder);
      const reason = `Penyusun ${prepared.view.typeName} ${prepared.view.period.label}`;
      const signed = await signer(prepared.pdf, prepared.fileName, reason);
      const dataText = JSON.stringify(prepared.dataJson, null, 2) + '\n';
      const pdfBlob = await deps.blobs.put(signed.pdf);
      const dataBlob = await deps.blobs.put(new TextEncoder().encode(dataText));
      const record: SignatureRecord = {
        signedAt: deps.clock.now().toISOString(),
        revision: prepared.loaded.revision,
        pdfSha256: pdfBlob.sha256,
        pdfSize: pdfBlob.size,
        fileName: prepared.fileName,
        dataSha256: dataBlob.sha256,
        signer: signed.signer,
        level: signed.level,
        isCertified: signed.isCertified,
      };
      // The signature is recorded against the revision it signed; the officer's data is unchanged, so the revision stays.
      const current = store.load(id);
      if (current.revision !== prepared.loaded.revision) {
        throw new BerkasError('REPORT_CHANGED_WHILE_SIGNING', `Laporan diubah selama ditandatangani (revisi ${current.revision}); tanda tangani lagi.`, { field: 'id', revision: current.revision });
      }
      // Kept before the report records it: a crash in between leaves a kept revision the report does not list yet, never a recorded signature with nothing kept.
      const certificate = signed.certificate;
      const revision = deps.keep
        ? await deps.keep({
            documentId: id,
            kind: 'laporan',
            title: prepared.view.title,
            period: submissionPeriodOfReport(prepared.view.period.code),
            reportType: prepared.view.typeKey,
            fileName: prepared.fileName,
            mediaType: 'application/pdf',
            file: signed.pdf,
            data: new TextEncoder().encode(dataText),
            signer: {
              name: certificate?.commonName ?? signed.signer,
              nip: certificate?.nip ?? null,
              nik: certificate?.nik ?? null,
              fingerprintSha256: certificate?.fingerprintSha256 ?? '',
              isCertified: signed.isCertified,
            },
            signedAt: record.signedAt,
            level: signed.level,
            pages: prepared.pages,
            draftRevision: prepared.loaded.revision,
          })
        : null;
      const stored: StoredReport = { ...current.stored, status: 'ditandatangani', signatures: [...current.stored.signatures, record] };
      const saved = await store.write({ id, stored, title: prepared.view.title }, current, undefined, false);
      return {
        report: await views.view(saved, prepared.profile),
        fileName: prepared.fileName,
        pdf: signed.pdf,
        pages: prepared.pages,
        dataFileName: prepared.fileName.replace(/\.pdf$/, '.json'),
        dataJson: dataText,
        signature: record,
        details: {
          level: signed.level,
          signer: signed.signer,
          isCertified: signed.isCertified,
          fieldName: signed.fieldName,
          documentId: signed.documentId,
          unsignedSha256: signed.unsignedSha256,
          isCertification: signed.isCertification,
          page: signed.page,
        },
        revision,
      };
    },
  };
}
