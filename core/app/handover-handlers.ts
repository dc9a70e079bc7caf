import { createHash, randomUUID } from 'node:crypto';
import type { Handlers } from '../api/contract';
import { createBagPackager } from '../adapters/bagit/bag-packager';
import { createBeritaAcaraRenderer } from '../adapters/handover/berita-acara-pdf';
import { createHandoverSources } from '../adapters/handover/source-scanner';
import { createHandoverService, type HandoverService } from '../services/handover-service';
import type { SigningService } from '../services/signing-service';
import { createSigningServiceFor } from './signing-handlers';
import { defaultAssetsDir, type Workspace } from './workspace';

type HandoverChannel =
  | 'handoverChecklist'
  | 'handoverSave'
  | 'handoverGet'
  | 'handoverList'
  | 'handoverAttach'
  | 'handoverDetach'
  | 'handoverScanSource'
  | 'handoverCompleteness'
  | 'handoverPackage'
  | 'handoverJobStatus'
  | 'handoverJobCancel'
  | 'handoverVerify';

/** The handover service wired to this workspace; PDFs in packages are judged by the signing service's verifier. */
export function createHandoverServiceFor(ws: Workspace, signing: SigningService = createSigningServiceFor(ws)): HandoverService {
  return createHandoverService({
    db: ws.db,
    blobs: ws.blobs,
    clock: ws.clock,
    profiles: ws.profiles,
    settings: ws.settings,
    sources: createHandoverSources(),
    packager: createBagPackager({ checkPdf: (fileName, pdf) => signing.verify({ fileName: fileName.split('/').pop() ?? fileName, pdf }) }),
    renderer: createBeritaAcaraRenderer(ws.assetsDir ?? defaultAssetsDir),
    sha256: (bytes) => createHash('sha256').update(bytes).digest('hex'),
    appVersion: ws.appVersion,
    newId: randomUUID,
  });
}

/** The handover channels, spread into createHandlers. */
export function createHandoverHandlers(ws: Workspace): Pick<Handlers, HandoverChannel> {
  const signing = createSigningServiceFor(ws);
  const service = createHandoverServiceFor(ws, signing);
  return {
    handoverChecklist: (request) => service.checklist(request),
    handoverSave: (request) => service.save(request),
    handoverGet: (request) => service.get(request),
    handoverList: () => service.list(),
    handoverAttach: (request) => service.attach(request),
    handoverDetach: (request) => service.detach(request),
    handoverScanSource: (request) => service.scanSource(request),
    handoverCompleteness: (request) => service.completeness(request),
    handoverPackage: ({ bundleId, outPath, certificateId, password, vaultPassphrase, tsaUrl, nomor, isSecretsAcknowledged }) =>
      service.startPackage({
        bundleId,
        outPath,
        ...(nomor ? { nomor } : {}),
        isSecretsAcknowledged: isSecretsAcknowledged === true,
        sign: async (pdf, fileName) => {
          const signed = await signing.signPdf({
            fileName,
            pdf,
            certificateId,
            reason: 'Menyerahkan berkas serah terima aplikasi',
            ...(password !== undefined ? { password } : {}),
            ...(vaultPassphrase !== undefined ? { vaultPassphrase } : {}),
            ...(tsaUrl !== undefined ? { tsaUrl } : {}),
          });
          return signed.pdf;
        },
      }),
    handoverJobStatus: async (request) => service.jobStatus(request),
    handoverJobCancel: async (request) => service.cancelJob(request),
    handoverVerify: (request) => service.verify(request),
  };
}
