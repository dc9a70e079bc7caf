import path from 'node:path';
import type { Handlers } from '../api/contract';
import type { SignedFileResponse } from '../api/contract-signing';
import type { KeyVault } from '../ports';
import type { SignedPdf } from '../domain/signing/documents';
import { createFileKeyVault } from '../adapters/key-vault-file';
import { createDocumentRenderer } from '../adapters/pdf/document-renderer';
import { createSigningEngine } from '../adapters/signing/signing-engine';
import { createFileTrustStore } from '../adapters/signing/trust-store';
import { createTableFiles } from '../adapters/rencana-aksi/table-files';
import { createRencanaAksiService } from '../services/rencana-aksi-service';
import { createSigningService, type SigningService } from '../services/signing-service';
import { defaultAssetsDir, type Workspace } from './workspace';

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

/**
 * The KeyVault of this workspace: the OS vault Electron passed in, or files in
 * <data>/vault sealed with the passphrase of the request, else of
 * BERKAS_VAULT_PASSPHRASE. The passphrase lives only in this call.
 */
export function vaultFor(ws: Workspace): (passphrase: string | undefined) => KeyVault {
  const osVault = ws.keyVault;
  if (osVault) return () => osVault;
  const dir = path.join(ws.dataDir, 'vault');
  return (passphrase) => createFileKeyVault({ dir, passphrase: passphrase || process.env.BERKAS_VAULT_PASSPHRASE || '' });
}

/** The signing service wired to this workspace (also used by the CLI verbs that sign files directly). */
export function createSigningServiceFor(ws: Workspace): SigningService {
  const assetsDir = ws.assetsDir ?? defaultAssetsDir;
  const plans = createRencanaAksiService({ db: ws.db, clock: ws.clock, settings: ws.settings, files: createTableFiles() });
  const tsa = process.env.BERKAS_TSA_URL?.trim();
  return createSigningService({
    db: ws.db,
    clock: ws.clock,
    settings: ws.settings,
    profiles: ws.profiles,
    engine: createSigningEngine({ assetsDir }),
    renderer: createDocumentRenderer(assetsDir),
    trust: createFileTrustStore(path.join(ws.dataDir, 'trust-roots')),
    vault: vaultFor(ws),
    loadPlan: async (id) => {
      const doc = plans.get(id);
      return { plan: doc.plan, totals: doc.analysis.totals };
    },
    appVersion: ws.appVersion,
    ...(tsa ? { defaultTsaUrl: tsa } : {}),
  });
}

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
export function createSigningHandlers(ws: Workspace): Pick<Handlers, SigningChannel> {
  const signing = createSigningServiceFor(ws);
  return {
    certificateList: async () => signing.listCertificates(),
    certificateImport: ({ fileName, contentBase64, password, vaultPassphrase }) =>
      signing.importCertificate({ fileName, bytes: bytesOf(contentBase64), password, ...optional('vaultPassphrase', vaultPassphrase) }),
    certificateCreateSelfSigned: ({ name, nip, vaultPassphrase }) => signing.createSelfSigned({ name, nip, ...optional('vaultPassphrase', vaultPassphrase) }),
    certificateRemove: ({ id, vaultPassphrase }) => signing.removeCertificate({ id, ...optional('vaultPassphrase', vaultPassphrase) }),
    signPreview: ({ planId, certificateId }) => signing.signPreview({ planId, certificateId }),
    pdfRencanaAksi: async (request) => {
      const file = await signing.signRencanaAksi({
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
      const signed = await signing.signPdf({
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
      signing.verify({
        fileName,
        pdf: bytesOf(contentBase64),
        extraRoots: (trustRootsPem ?? []).map((pem, i) => ({ fileName: `akar-${i + 1}.pem`, bytes: new Uint8Array(Buffer.from(pem, 'utf8')) })),
      }),
    trustRootList: () => signing.listTrustRoots(),
    trustRootImport: ({ fileName, contentBase64 }) => signing.addTrustRoot({ fileName, bytes: bytesOf(contentBase64) }),
  };
}
