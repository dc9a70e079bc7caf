/**
 * A report as stored (documents table, kind 'report') and as the UI, the CLI
 * and the PDF see it.
 */
import type { DocumentState } from '../documents/lifecycle';
import type { Signatory } from '../signing/documents';
import type { ChartKind, FieldDef, ReportDefinition } from './definitions';
import type { Period, PeriodKind } from './periods';
import type { TableDiff } from './diff';
import type { AttachmentRef, ReportData } from './values';

export const REPORT_KIND = 'report';

/** draf: being prepared; ditandatangani: the current revision has been signed. */
export type ReportStatus = 'draf' | 'ditandatangani';

/** belum: not reported yet (not late); terlambat: past its due date and not reported; selesai: received by Diskominfo (issue 13). */
export type DueStatus = 'belum' | 'terlambat' | 'selesai';

export interface SignatureRecord {
  /** ISO time of signing. */
  signedAt: string;
  /** Revision of the report that was signed. */
  revision: number;
  /** The signed PDF, immutable, in the blob store. */
  pdfSha256: string;
  pdfSize: number;
  fileName: string;
  /** The data.json issued with it, in the blob store. */
  dataSha256: string;
  signer: string;
  level: 'B-B' | 'B-T';
  isCertified: boolean;
}

/** Where a carried-over report came from; the earlier asset register is kept in the blob store as the baseline of the diff. */
export interface CarriedFrom {
  reportId: string;
  period: string;
  revision: number;
  /** JSON of the earlier asset rows (TableRow[]) in the blob store, when the type has an asset register. */
  assetsSha256?: string;
  assetCount?: number;
}

export interface StoredReport {
  v: 1;
  /**
   * The region profile the report was made under: its type, period and
   * article are read from it even after the workspace switches profile.
   * Absent on reports made before it was recorded (read under the active one).
   */
  profileId?: string;
  typeKey: string;
  period: string;
  data: ReportData;
  status: ReportStatus;
  carriedFrom?: CarriedFrom;
  signatures: SignatureRecord[];
}

export interface ReportFinding {
  code: string;
  severity: 'error' | 'warning';
  /** Field key. */
  field: string;
  /** 1-based row of a table field. */
  row?: number;
  column?: string;
  message: string;
}

/** A report type of the active profile with its fields (reportTypes, `report types --json`). */
export interface ReportTypeInfo {
  key: string;
  name: string;
  period: PeriodKind;
  article: string;
  dueDays: number;
  isUrgent: boolean;
  basis: string | null;
  summary: string;
  summaryEn: string;
  orientation: ReportDefinition['orientation'];
  charts: ChartKind[];
  fields: FieldDef[];
}

export interface ReportSummary {
  id: string;
  typeKey: string;
  typeName: string;
  period: Period;
  title: string;
  status: ReportStatus;
  isUrgent: boolean;
  dueDate: string | null;
  dueStatus: DueStatus;
  revision: number;
  updatedAt: string;
  errorCount: number;
  warningCount: number;
  lastSignedAt: string | null;
  /** Made under another region profile than the active one: that profile's name (its type and article are the ones shown). */
  madeUnder?: string;
}

export interface ReportView extends ReportSummary {
  data: ReportData;
  createdAt: string;
  findings: ReportFinding[];
  carriedFrom: CarriedFrom | null;
  /** The asset register compared with the period it was carried from. */
  assetChanges: TableDiff | null;
  signatures: SignatureRecord[];
}

export interface DueItem {
  typeKey: string;
  typeName: string;
  article: string;
  period: string;
  periodKind: PeriodKind;
  periodLabel: string;
  /** null: the regulation sets no deadline for this event report. */
  dueDate: string | null;
  status: DueStatus;
  isUrgent: boolean;
  /** The stored report for this type and period, if one exists. */
  reportId: string | null;
  /** That report's lifecycle state (diterima once the period is reported); null without a report. */
  state: DocumentState | null;
  /** The state in one Indonesian line, saying what is still missing ("Ditandatangani, belum dikirim"). */
  stateLabel: string | null;
  /** Days past the due date (terlambat) or left before it (belum); null without a due date. */
  days: number | null;
  /** Why this period and deadline (the profile's basis). */
  basis: string | null;
}

/** Everything the PDF renderer needs (core/adapters/reports). */
export interface ReportPdfInput {
  documentId: string;
  nomor: string;
  typeName: string;
  article: string;
  regulation: string;
  definition: ReportDefinition;
  period: Period;
  dueDate: string | null;
  isUrgent: boolean;
  data: ReportData;
  government: string;
  city: string;
  /** What the regulation calls the agency ("OPD", "SKPD", "Perangkat Daerah"). */
  agency: string;
  opdName: string;
  opdCode: string;
  ictOffice: string;
  preparer: Signatory;
  approver: Signatory;
  date: Date;
  offsetMinutes: number;
  appVersion: string;
  regionId: string;
  assetChanges: TableDiff | null;
  carriedFromPeriod: string | null;
  /** Image attachments (PNG/JPEG) to draw, by sha256. */
  images: Record<string, { bytes: Uint8Array; mediaType: string }>;
}

/** The structured data issued beside the signed PDF (data.json). */
export interface ReportDataJson {
  format: 'berkas-laporan';
  version: 1;
  report: { id: string; revision: number; title: string; nomor: string };
  type: { key: string; name: string; article: string; regulation: string; period: PeriodKind; isUrgent: boolean };
  period: Period;
  dueDate: string | null;
  region: string;
  opd: { name: string; code: string };
  preparedBy: { name: string; nip: string; jabatan: string };
  createdAt: string;
  data: ReportData;
  attachments: AttachmentRef[];
  carriedFrom: { period: string; reportId: string } | null;
  assetChanges: { added: number; removed: number; changed: number; unchanged: number } | null;
  summaries: Record<string, unknown>;
}
