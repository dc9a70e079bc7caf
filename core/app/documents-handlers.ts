import type { Handlers } from '../api/contract';
import type { Services } from './services';

type DocumentsChannel =
  | 'documentList'
  | 'documentGet'
  | 'documentSignPreview'
  | 'documentSign'
  | 'documentSignJob'
  | 'documentSend'
  | 'documentRevise'
  | 'documentFile'
  | 'documentExport';

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

/** The document journey's channels (issue 13), spread into createHandlers; the key is opened here, the service keeps what it signs. */
export function createDocumentsHandlers(services: Services): Pick<Handlers, DocumentsChannel> {
  return {
    documentList: () => services.documents.list(),
    documentGet: ({ id }) => services.documents.get(id),
    documentSignPreview: ({ id, certificateId }) => services.documents.signPreview(id, services.signing.certificate(certificateId)),
    documentSign: async (request) => {
      const { handle, info } = await services.signing.openCertificate(request.certificateId, {
        ...optional('password', request.password),
        ...optional('vaultPassphrase', request.vaultPassphrase),
      });
      return services.documents.sign(
        request.id,
        { handle, isCertified: info.isCertified },
        {
          ...optional('tsaUrl', request.tsaUrl),
          ...optional('nomor', request.nomor),
          ...optional('approver', request.approver),
          ...optional('isSecretsAcknowledged', request.isSecretsAcknowledged),
          ...optional('isSignerConfirmed', request.isSignerConfirmed),
        },
      );
    },
    documentSignJob: ({ jobId }) => services.documents.signJob(jobId),
    documentSend: ({ id, isHeld }) => services.documents.send(id, { ...optional('isHeld', isHeld) }),
    documentRevise: ({ id }) => services.documents.revise(id),
    documentFile: async ({ id, file }) => {
      const { bytes, ...rest } = await services.documents.file(id, file);
      return { ...rest, contentBase64: Buffer.from(bytes).toString('base64') };
    },
    documentExport: ({ id, outPath, file, fromOutbox }) => services.documents.exportTo(id, outPath, { ...optional('which', file), ...optional('isFromOutbox', fromOutbox) }),
  };
}
