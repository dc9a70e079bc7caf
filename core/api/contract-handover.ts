import { z } from 'zod';
import { op } from './operation';
import type { Attachment } from '../domain/handover/bundle';
import type { Completeness } from '../domain/handover/completeness';
import type { BagVerification, SourceScan } from '../domain/handover/packaging';
import type { HandoverChecklist, HandoverJobStatus, HandoverSummary, HandoverView } from '../domain/handover/views';

/**
 * Berkas serah terima aplikasi (issue 5). Paths come from a native file
 * dialog (Electron) or are typed (`berkas ui`): bounded here, resolved and
 * checked by the service. Packaging runs as a job: handoverPackage returns a
 * jobId at once; handoverJobStatus is polled for {done, phase, bytes, total};
 * handoverJobCancel stops it and no package file is left behind. An
 * incomplete bundle can be saved, never packaged (HANDOVER_INCOMPLETE).
 */
const filePath = z.string().trim().min(1).max(4096);
const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const profileId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);
const itemKey = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64);
const text = (max: number) => z.string().max(max);

export const applicationSchema = z.strictObject({
  name: text(500),
  version: text(500),
  purpose: text(2000),
  owningOpd: text(500),
  vendor: text(500),
  contractNumber: text(500),
  contractDate: text(10),
  fundingSource: text(500),
  fundingYear: z.number().int().min(0).max(2100),
  repository: text(500),
  licence: text(500),
  copyrightHolder: text(500),
});

const excludes = z.array(z.string().max(255)).max(200);

export const handoverContract = {
  /** The region's items (key, label, article, required, kind); profileId defaults to the OPD's. */
  handoverChecklist: op(z.strictObject({ profileId: profileId.exactOptional() })).returns<HandoverChecklist>(),
  /** Creates a draft (no id) or updates one; the application record may be incomplete. */
  handoverSave: op(z.strictObject({ id: id.exactOptional(), profileId: profileId.exactOptional(), application: applicationSchema.exactOptional(), excludes: excludes.exactOptional() })).returns<HandoverView>(),
  handoverGet: op(z.strictObject({ id })).returns<HandoverView>(),
  handoverList: op(z.strictObject({})).returns<HandoverSummary[]>(),
  /**
   * Copies a file, folder or archive into the workspace under one checklist
   * item. One of the same name already there is refused, unless `replace`
   * (the officer confirmed): then the new one takes its place in one step.
   */
  handoverAttach: op(z.strictObject({ bundleId: id, itemKey, path: filePath, replace: z.boolean().exactOptional() })).returns<HandoverView & { attachment: Attachment }>(),
  handoverDetach: op(z.strictObject({ bundleId: id, itemKey, name: z.string().min(1).max(1000) })).returns<HandoverView>(),
  /** Looks at a folder or archive before attaching: files, bytes, languages, excluded folders, secrets. */
  handoverScanSource: op(z.strictObject({ path: filePath, excludes: excludes.exactOptional() })).returns<SourceScan>(),
  handoverCompleteness: op(z.strictObject({ bundleId: id })).returns<Completeness>(),
  /**
   * Renders and signs the berita acara with a stored certificate, then writes
   * the BagIt ZIP. Refused at once when incomplete, or when the source holds
   * secrets and isSecretsAcknowledged is not true.
   */
  handoverPackage: op(
    z.strictObject({
      bundleId: id,
      outPath: filePath,
      certificateId: id,
      password: z.string().max(1024).exactOptional(),
      vaultPassphrase: z.string().max(4096).exactOptional(),
      tsaUrl: z.string().url().max(2000).exactOptional(),
      nomor: z.string().trim().max(200).exactOptional(),
      isSecretsAcknowledged: z.boolean().exactOptional(),
    }),
  ).returns<{ jobId: string }>(),
  handoverJobStatus: op(z.strictObject({ jobId: id })).returns<HandoverJobStatus>(),
  handoverJobCancel: op(z.strictObject({ jobId: id })).returns<{ jobId: string; isCancelled: boolean }>(),
  /** Verifies a BagIt ZIP without unpacking it (hostile input: refusals are ZIP_* errors). */
  handoverVerify: op(z.strictObject({ path: filePath })).returns<BagVerification>(),
};
