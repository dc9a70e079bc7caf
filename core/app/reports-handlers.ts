import type { Handlers } from '../api/contract';
import type { ReportPdfResponse } from '../api/contract-reports';
import type { Services } from './services';

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

/** The report channels, spread into createHandlers; base64 is decoded here, at the edge. */
export function createReportsHandlers(services: Services): Pick<Handlers, ReportsChannel> {
  return {
    reportTypes: ({ profileId }) => services.profiles.reportTypes(profileId),
    reportDue: async () => ({ today: services.reports.today(), items: await services.reports.due() }),
    reportList: () => services.reports.list(),
    reportGet: ({ id }) => services.reports.get(id),
    reportSave: (request) =>
      services.reports.save({ typeKey: request.typeKey, period: request.period, data: request.data, ...optional('id', request.id), ...optional('baseRevision', request.baseRevision) }),
    reportDelete: ({ id }) => services.reports.remove(id),
    reportCarryOver: (request) => services.reports.carryOver(request),
    reportAttach: ({ id, field, fileName, contentBase64, baseRevision }) =>
      services.reports.attach({ reportId: id, field, fileName, bytes: bytesOf(contentBase64), ...optional('baseRevision', baseRevision) }),
    assetImport: ({ id, fileName, contentBase64, baseRevision }) =>
      services.reports.importAssets({ reportId: id, fileName, bytes: bytesOf(contentBase64), ...optional('baseRevision', baseRevision) }),
    assetExport: async ({ id }) => {
      const file = await services.reports.exportAssets(id);
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: Buffer.from(file.bytes).toString('base64') };
    },
    reportSignPreview: ({ id, certificateId }) => services.reports.signPreview(id, services.signing.certificate(certificateId)),
    reportPdf: async (request): Promise<ReportPdfResponse> => {
      const { signing, reports } = services;
      const { handle, info } = await signing.openCertificate(request.certificateId, {
        ...optional('password', request.password),
        ...optional('vaultPassphrase', request.vaultPassphrase),
      });
      // The signature block names the certificate holder (issue 13 item 6).
      const signed = await reports.sign(request.id, signing.signerWith(handle, info.isCertified, request.tsaUrl), { holder: { name: info.commonName, nip: info.nip ?? info.nik ?? '' } });
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
        signedRevisionId: signed.revision?.id ?? null,
      };
    },
  };
}
