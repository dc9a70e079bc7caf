import type { Handlers } from '../api/contract';
import type { SignedFileResponse } from '../api/contract-signing';
import type { SignedPdf } from '../domain/signing/documents';
import type { Services } from './services';

type SigningChannel =
  | 'certificateList'
  | 'certificateImport'
  | 'certificateCreateSelfSigned'
  | 'certificateRemove'
  | 'signPreview'
  | 'pdfRencanaAksi'
  | 'pdfSign'
  | 'pdfVerify'
  | 'trustRootList'
  | 'trustRootImport';

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

function response(fileName: string, signed: SignedPdf, pages: number): SignedFileResponse {
  return {
    fileName,
    contentBase64: Buffer.from(signed.pdf).toString('base64'),
    pages,
    fieldName: signed.fieldName,
    level: signed.level,
    documentId: signed.documentId,
    unsignedSha256: signed.unsignedSha256,
    isCertification: signed.isCertification,
    page: signed.page,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

/** The signing channels, spread into createHandlers; base64 is decoded here, at the edge. */
export function createSigningHandlers(services: Services): Pick<Handlers, SigningChannel> {
  return {
    certificateList: async () => services.signing.listCertificates(),
    certificateImport: ({ fileName, contentBase64, password, vaultPassphrase }) =>
      services.signing.importCertificate({ fileName, bytes: bytesOf(contentBase64), password, ...optional('vaultPassphrase', vaultPassphrase) }),
    certificateCreateSelfSigned: ({ name, nip, vaultPassphrase }) => services.signing.createSelfSigned({ name, nip, ...optional('vaultPassphrase', vaultPassphrase) }),
    certificateRemove: ({ id, vaultPassphrase }) => services.signing.removeCertificate({ id, ...optional('vaultPassphrase', vaultPassphrase) }),
    signPreview: ({ planId, certificateId }) => services.signing.signPreview({ planId, certificateId }),
    pdfRencanaAksi: async (request) => {
      const file = await services.signing.signRencanaAksi({
        planId: request.planId,
        certificateId: request.certificateId,
        ...optional('password', request.password),
        ...optional('vaultPassphrase', request.vaultPassphrase),
        ...optional('tsaUrl', request.tsaUrl),
        ...optional('nomor', request.nomor),
        ...optional('approver', request.approver),
      });
      return response(file.fileName, { ...file.signature, pdf: file.pdf }, file.pages);
    },
    pdfSign: async (request) => {
      const signed = await services.signing.signPdf({
        fileName: request.fileName,
        pdf: bytesOf(request.contentBase64),
        certificateId: request.certificateId,
        ...optional('password', request.password),
        ...optional('vaultPassphrase', request.vaultPassphrase),
        ...optional('tsaUrl', request.tsaUrl),
        ...optional('reason', request.reason),
      });
      return response(request.fileName.replace(/(\.pdf)?$/i, '-ttd.pdf'), signed, 0);
    },
    pdfVerify: ({ fileName, contentBase64, trustRootsPem }) =>
      services.verification.verify({
        fileName,
        pdf: bytesOf(contentBase64),
        extraRoots: (trustRootsPem ?? []).map((pem, i) => ({ fileName: `akar-${i + 1}.pem`, bytes: new Uint8Array(Buffer.from(pem, 'utf8')) })),
      }),
    trustRootList: () => services.signing.listTrustRoots(),
    trustRootImport: ({ fileName, contentBase64 }) => services.signing.addTrustRoot({ fileName, bytes: bytesOf(contentBase64) }),
  };
}
