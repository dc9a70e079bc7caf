/**
 * A serah terima as a document of the journey: its package (berita acara
 * signed, data.json, every attached file as a BagIt ZIP) is made by the
 * handover service's background job into a scratch file of the workspace,
 * kept whole as the signed revision (the ZIP is what is sent), and the
 * scratch file removed. The screens poll the job; the CLI waits for it.
 */
import type { SigningKeyHandle } from '../../ports';
import { describeMissing } from '../../domain/handover/completeness';
import { slugOf } from '../../domain/files/slug';
import { titleOf } from '../handover/bundles';
import type { HandoverJobStatus, HandoverSummary, HandoverView } from '../../domain/handover/views';
import type { MadePackage, PackageRequest } from '../handover/handover-service';
import type { SignJobStatus } from './documents-service';
import { revisionSignerOf, type KindSource, type SigningKey } from './kinds';
import type { DraftDescription } from './listing';
import type { KeepInput, KeepSigned } from './revisions';

/** What to keep of a package just made: the ZIP as sent, its signed berita acara and data.json (also for `berkas bundle create`). */
export function handoverKeepInput(made: MadePackage, key: SigningKey): KeepInput {
  return {
    documentId: made.bundleId,
    kind: 'serah-terima',
    title: made.title,
    period: made.baggedAt.slice(0, 4),
    reportType: null,
    fileName: `serah-terima-${slugOf(made.title, 'aplikasi', 50)}.zip`,
    mediaType: 'application/zip',
    file: { path: made.path },
    main: made.beritaAcara,
    data: made.dataJson,
    signer: revisionSignerOf(key),
    signedAt: made.baggedAt,
    level: null,
    pages: 0,
    draftRevision: made.bundleRevision,
  };
}

export interface HandoverSourceDeps {
  list(): Promise<HandoverSummary[]>;
  get(id: string): Promise<HandoverView>;
  startPackage(request: PackageRequest): Promise<{ jobId: string }>;
  jobStatus(jobId: string): HandoverJobStatus | null;
  waitForJob(jobId: string): Promise<HandoverJobStatus | null>;
  /** The berita acara signed with the key the officer chose (a further signature on the rendered PDF). */
  signPdf(input: { pdf: Uint8Array; fileName: string; handle: SigningKeyHandle; isCertified: boolean; reason: string; tsaUrl?: string }): Promise<Uint8Array>;
  /** A scratch file of the workspace for the package, and its removal once kept. */
  scratch: { path(name: string): string; remove(file: string): Promise<void> };
  keep: KeepSigned;
  now(): Date;
}

export function handoverSource(deps: HandoverSourceDeps): KindSource & { job(jobId: string): SignJobStatus | null; waitJob(jobId: string): Promise<SignJobStatus | null> } {
  /** A package is bagged, and sent, in the year it is made: its period. */
  const period = () => String(deps.now().getFullYear());
  const kept = new Map<string, string>();

  const statusOf = (s: HandoverJobStatus | null): SignJobStatus | null =>
    s && { jobId: s.jobId, documentId: s.bundleId, done: s.done, phase: s.phase, bytes: s.bytes, total: s.total, current: s.current, error: s.error, revisionId: kept.get(s.jobId) ?? null };

  return {
    kind: 'serah-terima',
    describeAll: async () => new Map<string, DraftDescription>((await deps.list()).map((b) => [b.id, { title: b.title, period: period(), reportType: null }])),
    describe: async (id) => ({ title: titleOf((await deps.get(id)).bundle), period: period(), reportType: null }),
    async preview(id) {
      const view = await deps.get(id);
      const c = view.completeness;
      const errors = [...(c.isComplete ? [] : [`Belum dilampirkan: ${describeMissing(c.missing)}.`]), ...c.problems.map((p) => p.message)];
      return { title: titleOf(view.bundle), pages: 0, errors };
    },
    async sign(id, key, options) {
      const outPath = deps.scratch.path(`serah-terima-${id}-${deps.now().getTime()}.zip`);
      const keep = async (made: MadePackage) => {
        // Kept whole (blob first, row second); the scratch file goes either way, a failure fails the job with its reason.
        try {
          kept.set(made.jobId, (await deps.keep(handoverKeepInput(made, key))).id);
        } finally {
          await deps.scratch.remove(made.path);
        }
      };
      const { jobId } = await deps.startPackage({
        bundleId: id,
        outPath,
        ...(options.nomor ? { nomor: options.nomor } : {}),
        isSecretsAcknowledged: options.isSecretsAcknowledged === true,
        sign: (pdf, fileName) =>
          deps.signPdf({ pdf, fileName, handle: key.handle, isCertified: key.isCertified, reason: 'Menyerahkan berkas serah terima aplikasi', ...(options.tsaUrl ? { tsaUrl: options.tsaUrl } : {}) }),
        keep,
      });
      return { revision: null, jobId };
    },
    job: (jobId) => statusOf(deps.jobStatus(jobId)),
    waitJob: async (jobId) => statusOf(await deps.waitForJob(jobId)),
  };
}
