import { z } from 'zod';
import { op } from './operation';
import type { SignedFileResponse } from './contract-signing';
import { MAX_ASSET_ROWS, MAX_TEXT_CHARS, type DueItem, type ReportSummary, type ReportTypeInfo, type ReportView } from '../domain/reports';
import { MAX_ATTACHMENT_BYTES } from '../domain/reports/attachments';
import type { AssetImportFinding, AssetImportSheet } from '../domain/reports/asset-import';
import type { SignPreview } from '../domain/signing/stamp';

/**
 * Reports (issue 6). A report is a document of kind 'report': a type of the
 * active region profile, a period ("2026-Q3", "2026-S1", "2026", or the event
 * date "2026-07-14"), and its data (field -> text, yes/no, table rows, or an
 * attachment in the blob store). Files travel as base64. Confirming before
 * signing is the UI's job: call reportSignPreview, show it, then reportPdf.
 */
const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const typeKey = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(64);
const period = z.string().trim().min(4).max(10);
const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/);
const fileName = z.string().trim().min(1).max(260);
const secret = z.string().max(1000);
const base64Of = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4 + 4, { message: `Berkas melebihi batas ${Math.round(maxBytes / 1024 / 1024)} MB.` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'bukan base64' });

const rowSchema = z.strictObject({
  id: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9-]*$/),
  cells: z.record(fieldKey, z.string().max(MAX_TEXT_CHARS)),
});

const attachmentSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1).max(260),
  size: z.number().int().nonnegative(),
  mediaType: z.string().max(100),
});

export const reportDataSchema = z.record(fieldKey, z.union([z.string().max(MAX_TEXT_CHARS), z.boolean(), z.null(), attachmentSchema, z.array(rowSchema).max(MAX_ASSET_ROWS)]));

export interface ReportPdfResponse extends SignedFileResponse {
  /** data.json: the report's structured data, issued with the signed PDF. */
  dataFileName: string;
  dataJson: string;
  report: ReportView;
  /** The signed revision kept in the workspace (documentSend sends it; downloading is an extra). */
  signedRevisionId: string | null;
}

export interface ReportSignPreview extends SignPreview {
  /** Findings that stop signing (the report's errors), each naming its field. */
  reportErrors: string[];
}

export interface AssetImportResponse {
  report: ReportView;
  import: {
    fileName: string;
    rowCount: number;
    matchedCount: number;
    sheets: AssetImportSheet[];
    ignoredColumns: string[];
    findings: AssetImportFinding[];
  };
}

export const reportsContract = {
  /** The report types of a profile (default: the active one), with their fields. */
  reportTypes: op(
    z.strictObject({
      profileId: z
        .string()
        .regex(/^[a-z][a-z0-9-]{1,40}$/)
        .exactOptional(),
    }),
  ).returns<ReportTypeInfo[]>(),
  /** The due calendar: type, period, due date, status (belum / terlambat / selesai). */
  reportDue: op(z.strictObject({})).returns<{ today: string; items: DueItem[] }>(),
  reportList: op(z.strictObject({})).returns<ReportSummary[]>(),
  reportGet: op(z.strictObject({ id })).returns<ReportView>(),
  /** Creates (no id) or updates a report; baseRevision guards against a concurrent edit. */
  reportSave: op(z.strictObject({ id: id.exactOptional(), typeKey, period, data: reportDataSchema, baseRevision: z.number().int().min(1).exactOptional() })).returns<ReportView>(),
  reportDelete: op(z.strictObject({ id })).returns<{ id: string }>(),
  /** A new report for toPeriod starting from the one of fromPeriod; the asset register keeps its history. */
  reportCarryOver: op(z.strictObject({ typeKey, fromPeriod: period, toPeriod: period })).returns<ReportView>(),
  /** Stores a file (image, PDF, drawing) for an attachment field. */
  reportAttach: op(
    z.strictObject({ id, field: fieldKey, fileName, contentBase64: base64Of(MAX_ATTACHMENT_BYTES), baseRevision: z.number().int().min(1).exactOptional() }),
  ).returns<ReportView>(),
  /** Reads an asset-system export (.xlsx/.csv) into the report's asset register and saves it. */
  assetImport: op(z.strictObject({ id, fileName, contentBase64: base64Of(20 * 1024 * 1024), baseRevision: z.number().int().min(1).exactOptional() })).returns<AssetImportResponse>(),
  assetExport: op(z.strictObject({ id })).returns<{ fileName: string; mimeType: string; contentBase64: string }>(),
  /** What will be signed and by whom, before the officer confirms. */
  reportSignPreview: op(z.strictObject({ id, certificateId: id })).returns<ReportSignPreview>(),
  /** Renders the report, signs it with a stored certificate, and returns the signed PDF and data.json. */
  reportPdf: op(
    z.strictObject({
      id,
      certificateId: id,
      password: secret.exactOptional(),
      vaultPassphrase: secret.exactOptional(),
      tsaUrl: z
        .string()
        .trim()
        .max(2000)
        .regex(/^https?:\/\//)
        .exactOptional(),
    }),
  ).returns<ReportPdfResponse>(),
};
