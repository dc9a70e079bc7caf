import { randomUUID } from 'node:crypto';
import type { Handlers } from '../api/contract';
import type { ReportPdfResponse } from '../api/contract-reports';
import { BerkasError, isBerkasError } from '../domain/errors';
import { problemsForSigning, uncertifiedLabel } from '../domain/signing/certificate';
import { createAssetFiles } from '../adapters/reports/asset-files';
import { createReportRenderer } from '../adapters/reports/report-pdf';
import { createReportsService, type ReportSigner, type ReportsService } from '../services/reports-service';
import type { SigningService } from '../services/signing-service';
import type { SigningKeyHandle } from '../ports';
import { createSigningServiceFor } from './signing-handlers';
import { defaultAssetsDir, type Workspace } from './workspace';

type ReportsChannel =
  | 'reportTypes'
  | 'reportDue'
  | 'reportList'
  | 'reportGet'
  | 'reportSave'
  | 'reportDelete'
  | 'reportCarryOver'
  | 'reportAttach'
  | 'assetImport'
  | 'assetExport'
  | 'reportSignPreview'
  | 'reportPdf';

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));
const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));
const offsetOf = (date: Date) => -date.getTimezoneOffset();

/** The reports service wired to this workspace (also used by `berkas report`). */
export function createReportsServiceFor(ws: Workspace): ReportsService {
  return createReportsService({
    db: ws.db,
    blobs: ws.blobs,
    clock: ws.clock,
    settings: ws.settings,
    profiles: ws.profiles,
    renderer: createReportRenderer(ws.assetsDir ?? defaultAssetsDir),
    files: createAssetFiles(),
    appVersion: ws.appVersion,
    newId: randomUUID,
  });
}

/** A ReportSigner over an opened key: the signing service signs (the first free slot of the block is the penyusun's). */
export function signerWith(signing: SigningService, handle: SigningKeyHandle, isCertified: boolean, tsaUrl?: string): ReportSigner {
  return async (pdf, fileName, reason) => {
    const signed = await signing.signPdfWith({ fileName, pdf, handle, isCertified, reason, ...optional('tsaUrl', tsaUrl) });
    return {
      pdf: signed.pdf,
      level: signed.level,
      signer: handle.details.commonName,
      isCertified,
      fieldName: signed.fieldName,
      documentId: signed.documentId,
      unsignedSha256: signed.unsignedSha256,
      isCertification: signed.isCertification,
      page: signed.page,
    };
  };
}

/** The report channels, spread into createHandlers; base64 is decoded here, at the edge. */
export function createReportsHandlers(ws: Workspace): Pick<Handlers, ReportsChannel> {
  const service = createReportsServiceFor(ws);
  const signing = createSigningServiceFor(ws);
  return {
    reportTypes: ({ profileId }) => service.types(profileId),
    reportDue: async () => ({ today: service.today(), items: await service.due() }),
    reportList: () => service.list(),
    reportGet: ({ id }) => service.get(id),
    reportSave: (request) =>
      service.save({ typeKey: request.typeKey, period: request.period, data: request.data, ...optional('id', request.id), ...optional('baseRevision', request.baseRevision) }),
    reportDelete: ({ id }) => service.remove(id),
    reportCarryOver: (request) => service.carryOver(request),
    reportAttach: ({ id, field, fileName, contentBase64, baseRevision }) =>
      service.attach({ reportId: id, field, fileName, bytes: bytesOf(contentBase64), ...optional('baseRevision', baseRevision) }),
    assetImport: ({ id, fileName, contentBase64, baseRevision }) =>
      service.importAssets({ reportId: id, fileName, bytes: bytesOf(contentBase64), ...optional('baseRevision', baseRevision) }),
    assetExport: async ({ id }) => {
      const file = await service.exportAssets(id);
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: Buffer.from(file.bytes).toString('base64') };
    },
    reportSignPreview: async ({ id, certificateId }) => {
      const info = signing.listCertificates().find((c) => c.id === certificateId);
      if (!info) throw new BerkasError('CERT_NOT_FOUND', `Sertifikat dengan id ${certificateId} tidak ditemukan; pilih sertifikat dari daftar.`, { field: 'certificateId' });
      const view = await service.get(id);
      const now = ws.clock.now();
      let pages = 0;
      let title = view.title;
      const reportErrors = view.findings.filter((f) => f.severity === 'error').map((f) => f.message);
      if (reportErrors.length === 0) {
        try {
          const preview = await service.preview(id);
          pages = preview.pages;
          title = preview.title;
        } catch (err) {
          if (!isBerkasError(err)) throw err;
          reportErrors.push(err.message);
        }
      }
      return {
        documentTitle: title,
        documentId: id,
        pages,
        signer: {
          name: info.commonName,
          nip: info.nip,
          issuer: info.issuerCommonName,
          isCertified: info.isCertified,
          note: info.isCertified ? '' : uncertifiedLabel,
          notAfter: info.notAfter,
        },
        problems: problemsForSigning(info, now, offsetOf(now)).map((p) => p.message),
        reportErrors,
      };
    },
    reportPdf: async (request): Promise<ReportPdfResponse> => {
      const { handle, info } = await signing.openCertificate(request.certificateId, {
        ...optional('password', request.password),
        ...optional('vaultPassphrase', request.vaultPassphrase),
      });
      const signed = await service.sign(request.id, signerWith(signing, handle, info.isCertified, request.tsaUrl));
      return {
        fileName: signed.fileName,
        contentBase64: Buffer.from(signed.pdf).toString('base64'),
        pages: signed.pages,
        fieldName: signed.details.fieldName,
        level: signed.details.level,
        documentId: signed.details.documentId,
        unsignedSha256: signed.details.unsignedSha256,
        isCertification: signed.details.isCertification,
        page: signed.details.page,
        dataFileName: signed.dataFileName,
        dataJson: signed.dataJson,
        report: signed.report,
      };
    },
  };
}
