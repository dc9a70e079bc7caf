/**
 * Berkas serah terima aplikasi (issue 5): a bundle draft per application,
 * files attached per checklist item, completeness against the region's list
 * (bundles.ts), and the package — berita acara rendered and signed,
 * data.json, every file — written as a BagIt ZIP by a background job the
 * caller polls and may cancel (packaging.ts). Checklists are the profile
 * service's; verifying any package is the verification service's.
 */
import type { BagPackager, BeritaAcaraRenderer } from '../../ports';
import type { HandoverChecklist, HandoverJobStatus, HandoverSummary, HandoverView } from '../../domain/handover/views';
import { createBundles, type BundleDeps } from './bundles';
import { createPackaging } from './packaging';

export type { HandoverChecklist, HandoverJobStatus, HandoverSummary, HandoverView };
export { HANDOVER_KIND } from './bundles';
export type { BeritaAcaraSigner, MadePackage, PackageRequest } from './packaging';

/** What the bundles need (newId optional here: a random UUID by default), plus what packaging needs. */
export interface HandoverServiceDeps extends Omit<BundleDeps, 'newId'> {
  packager: BagPackager;
  renderer: BeritaAcaraRenderer;
  /** SHA-256 of bytes (the port-free way would re-implement it; the composition root passes node:crypto's). */
  sha256(bytes: Uint8Array): string;
  appVersion: string;
  newId?: () => string;
}

export function createHandoverService(deps: HandoverServiceDeps) {
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  const bundles = createBundles({ ...deps, newId });
  const packaging = createPackaging({ ...deps, bundles, newId });
  return {
    save: bundles.save,
    get: bundles.get,
    list: bundles.list,
    scanSource: bundles.scanSource,
    attach: bundles.attach,
    detach: bundles.detach,
    completeness: bundles.completeness,
    startPackage: packaging.startPackage,
    jobStatus: packaging.jobStatus,
    cancelJob: packaging.cancelJob,
    waitForJob: packaging.waitForJob,
  };
}

export type HandoverService = ReturnType<typeof createHandoverService>;
