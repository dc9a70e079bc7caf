/**
 * How each kind of document is described, previewed and signed, over the
 * services that own it (passed in by the composition root as functions, so
 * the journey never reaches into another service's tables). Every kind keeps
 * what it signed through `keep`: a rencana aksi here, a report inside the
 * reports service (which also keeps what `berkas report create` signs).
 */
import type { SigningKeyHandle } from '../../ports';
import type { DocumentKind, SignedRevision } from '../../domain/documents/model';
import { submissionPeriodOfReport } from '../../domain/outbox/manifest';
import type { PlanAnalysis } from '../../domain/rencana-aksi/analysis';
import type { RencanaAksiPlan } from '../../domain/rencana-aksi/model';
import type { ReportSummary } from '../../domain/reports';
import type { CertificateInfo } from '../../domain/signing/certificate';
import type { DraftDescription } from './listing';
import type { KeepInput, KeepSigned } from './revisions';

/** A key opened for one signature: its certificate is the signer the revision records. */
export interface SigningKey {
  handle: SigningKeyHandle;
  isCertified: boolean;
}

export interface DocumentSignOptions {
  tsaUrl?: string;
  nomor?: string;
  approver?: { name: string; nip: string; jabatan: string };
  isSecretsAcknowledged?: boolean;
}

/** Who the signature block names: the certificate holder (issue 13 item 6). */
export interface SignatureHolder {
  name: string;
  /** NIP, or failing that the NIK the certificate carries, or ''. */
  nip: string;
}

export function holderOf(key: SigningKey): SignatureHolder {
  const d = key.handle.details;
  return { name: d.commonName, nip: d.nip ?? d.nik ?? '' };
}

export function revisionSignerOf(key: SigningKey) {
  const d = key.handle.details;
  return { name: d.commonName, nip: d.nip, nik: d.nik, fingerprintSha256: d.fingerprintSha256, isCertified: key.isCertified };
}

export interface SignedOrJob {
  revision: SignedRevision | null;
  jobId: string | null;
}

export interface KindSource {
  kind: DocumentKind;
  /** Every draft of this kind, by id. */
  describeAll(): Promise<Map<string, DraftDescription>>;
  describe(id: string): Promise<DraftDescription>;
  /** Rendered as it would be signed: title, pages, and the errors that stop signing. */
  preview(id: string, certificate: CertificateInfo): Promise<{ title: string; pages: number; errors: string[] }>;
  /** Renders and signs the draft as it is now and keeps it; a package is made by a background job. */
  sign(id: string, key: SigningKey, options: DocumentSignOptions, draftRevision: number): Promise<SignedOrJob>;
}

/** A plan rendered and signed by the signing service (its block names the certificate holder). */
export interface SignedPlanFile {
  fileName: string;
  pdf: Uint8Array;
  pages: number;
  signature: { level: 'B-B' | 'B-T' };
}

/** What to keep of a signed plan: the PDF and the exact plan it shows. */
export function planKeepInput(plan: RencanaAksiPlan, file: SignedPlanFile, key: SigningKey, signedAt: string, draftRevision: number): KeepInput {
  return {
    documentId: plan.id,
    kind: 'rencana-aksi',
    title: plan.title,
    period: String(plan.year),
    reportType: null,
    fileName: file.fileName,
    mediaType: 'application/pdf',
    file: file.pdf,
    data: planDataJson(plan),
    signer: revisionSignerOf(key),
    signedAt,
    level: file.signature.level,
    pages: file.pages,
    draftRevision,
  };
}

const encodeJson = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');

/** What a rencana aksi's data.json is (PROTOCOL.md §2.2): the plan as it was signed. */
export function planDataJson(plan: RencanaAksiPlan): Uint8Array {
  return encodeJson({ format: 'berkas-rencana-aksi', version: 1, plan });
}

export interface RencanaAksiSourceDeps {
  list(): { id: string; title: string; year: number }[];
  get(id: string): { plan: RencanaAksiPlan; analysis: PlanAnalysis };
  renderAndSign(input: {
    plan: RencanaAksiPlan;
    totals: PlanAnalysis['totals'];
    handle: SigningKeyHandle;
    isCertified: boolean;
    nomor?: string;
    approver?: { name: string; nip: string; jabatan: string };
    tsaUrl?: string;
  }): Promise<SignedPlanFile>;
  preview(planId: string, certificateId: string): Promise<{ documentTitle: string; pages: number }>;
  keep: KeepSigned;
  now(): Date;
}

export function rencanaAksiSource(deps: RencanaAksiSourceDeps): KindSource {
  const describe = (plan: RencanaAksiPlan): DraftDescription => ({ title: plan.title, period: String(plan.year), reportType: null });
  return {
    kind: 'rencana-aksi',
    describeAll: async () => new Map(deps.list().map((p) => [p.id, { title: p.title, period: String(p.year), reportType: null }])),
    describe: async (id) => describe(deps.get(id).plan),
    // A plan's findings are the editor's to show; as before issue 13, they do not stop its signature.
    async preview(id, certificate) {
      const shown = await deps.preview(id, certificate.id);
      return { title: shown.documentTitle, pages: shown.pages, errors: [] };
    },
    async sign(id, key, options, draftRevision) {
      // The snapshot is the very plan that is rendered: what data.json says is what the PDF shows.
      const { plan, analysis } = deps.get(id);
      const signed = await deps.renderAndSign({
        plan,
        totals: analysis.totals,
        handle: key.handle,
        isCertified: key.isCertified,
        ...(options.nomor ? { nomor: options.nomor } : {}),
        ...(options.approver ? { approver: options.approver } : {}),
        ...(options.tsaUrl ? { tsaUrl: options.tsaUrl } : {}),
      });
      const revision = await deps.keep(planKeepInput(plan, signed, key, deps.now().toISOString(), draftRevision));
      return { revision, jobId: null };
    },
  };
}

export interface ReportsSourceDeps {
  list(): Promise<ReportSummary[]>;
  get(id: string): Promise<ReportSummary>;
  signPreview(id: string, certificate: CertificateInfo): Promise<{ documentTitle: string; pages: number; reportErrors: string[] }>;
  /** Signs and keeps (the reports service keeps what it signs); the kept revision. */
  sign(id: string, key: SigningKey, holder: SignatureHolder, tsaUrl: string | undefined): Promise<SignedRevision | null>;
}

export function reportDescription(report: Pick<ReportSummary, 'title' | 'period' | 'typeKey'>): DraftDescription {
  return { title: report.title, period: submissionPeriodOfReport(report.period.code), reportType: report.typeKey };
}

export function reportsSource(deps: ReportsSourceDeps): KindSource {
  return {
    kind: 'laporan',
    describeAll: async () => new Map((await deps.list()).map((r) => [r.id, reportDescription(r)])),
    describe: async (id) => reportDescription(await deps.get(id)),
    async preview(id, certificate) {
      const shown = await deps.signPreview(id, certificate);
      return { title: shown.documentTitle, pages: shown.pages, errors: shown.reportErrors };
    },
    async sign(id, key, options) {
      const revision = await deps.sign(id, key, holderOf(key), options.tsaUrl);
      if (!revision) throw new Error('reports service signed without keeping the revision: its keep dependency is missing');
      return { revision, jobId: null };
    },
  };
}
