import type { Handlers } from '../api/contract';
import type { Services } from './services';

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

/** The handover channels, spread into createHandlers. */
export function createHandoverHandlers(services: Services): Pick<Handlers, HandoverChannel> {
  return {
    handoverChecklist: ({ profileId }) => services.profiles.handoverChecklist(profileId),
    handoverSave: (request) => services.handover.save(request),
    handoverGet: (request) => services.handover.get(request),
    handoverList: () => services.handover.list(),
    handoverAttach: (request) => services.handover.attach(request),
    handoverDetach: (request) => services.handover.detach(request),
    handoverScanSource: (request) => services.handover.scanSource(request),
    handoverCompleteness: (request) => services.handover.completeness(request),
    handoverPackage: ({ bundleId, outPath, certificateId, password, vaultPassphrase, tsaUrl, nomor, isSecretsAcknowledged }) =>
      services.handover.startPackage({
        bundleId,
        outPath,
        ...(nomor ? { nomor } : {}),
        isSecretsAcknowledged: isSecretsAcknowledged === true,
        sign: async (pdf, fileName) => {
          const signed = await services.signing.signPdf({
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
    handoverJobStatus: async (request) => services.handover.jobStatus(request),
    handoverJobCancel: async (request) => services.handover.cancelJob(request),
    handoverVerify: ({ path }) => services.verification.verifyPackage({ path }),
  };
}
