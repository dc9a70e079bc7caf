/**
 * The handover package, made by a background job the caller polls and may
 * cancel: berita acara rendered and signed (by the signer the caller brings),
 * data.json, every attached file, written as a BagIt ZIP and read back as
 * anyone would read it before it counts. A package that does not verify is
 * not left behind.
 */
import type { BagPackager, BeritaAcaraRenderer, BlobStore, Clock, ProfileSource, SettingsStore } from '../../ports';
import { BerkasError, isBerkasError } from '../../domain/errors';
import type { RegionProfile } from '../../domain/profiles/profile';
import { beritaAcaraPath, dataJsonPath, payloadPathOf, totalsOf, type HandoverBundle, type PackageRecord } from '../../domain/handover/bundle';
import { checkCompleteness, describeMissing } from '../../domain/handover/completeness';
import { buildBeritaAcara, buildDataJson } from '../../domain/handover/berita-acara';
import { describeSecrets } from '../../domain/handover/secrets';
import { maxPackageFiles } from '../../domain/handover/bagit';
import type { BagPayloadEntry, BagVerification } from '../../domain/handover/packaging';
import type { HandoverJobStatus } from '../../domain/handover/views';
import { titleOf, type Bundles } from './bundles';

/** Signs the rendered berita acara (the signing service, with the key the caller chose). */
export type BeritaAcaraSigner = (pdf: Uint8Array, fileName: string) => Promise<Uint8Array>;

/** A package just made and verified, for whoever keeps it (the documents journey keeps it as a signed revision). */
export interface MadePackage {
  jobId: string;
  bundleId: string;
  title: string;
  path: string;
  sha256: string;
  size: number;
  /** The signed berita acara, as it is in the package. */
  beritaAcara: Uint8Array;
  /** data.json, as it is in the package. */
  dataJson: Uint8Array;
  /** The bundle's revision once the package is recorded on it. */
  bundleRevision: number;
  baggedAt: string;
}

export interface PackageRequest {
  bundleId: string;
  outPath: string;
  sign: BeritaAcaraSigner;
  /** The officer saw the secrets found in the source and chose to package anyway. */
  isSecretsAcknowledged?: boolean;
  nomor?: string;
  /** Runs before the job reports done; a failure fails the job (the package is then not kept, and says why). */
  keep?: (made: MadePackage) => Promise<void>;
}

interface Job {
  status: HandoverJobStatus;
  controller: AbortController;
  finished: Promise<void>;
  endedAt: number | null;
}

/** Finished jobs are kept this long for a last status poll. */
const jobRetentionMs = 60 * 60 * 1000;

const offsetOf = (date: Date) => -date.getTimezoneOffset();

export interface PackagingDeps {
  bundles: Bundles;
  blobs: BlobStore;
  clock: Clock;
  profiles: ProfileSource;
  settings: SettingsStore;
  packager: BagPackager;
  renderer: BeritaAcaraRenderer;
  /** SHA-256 of bytes (the port-free way would re-implement it; the composition root passes node:crypto's). */
  sha256(bytes: Uint8Array): string;
  appVersion: string;
  newId: () => string;
}

export function createPackaging(deps: PackagingDeps) {
  const jobs = new Map<string, Job>();

  function pruneJobs(): void {
    const now = Date.now();
    for (const [id, job] of jobs) if (job.endedAt !== null && now - job.endedAt > jobRetentionMs) jobs.delete(id);
  }

  async function runPackage(job: Job, request: PackageRequest, bundle: HandoverBundle, profile: RegionProfile): Promise<void> {
    const { status, controller } = job;
    const signal = controller.signal;
    const settings = await deps.settings.load();
    if (!settings) throw new BerkasError('SETTINGS_MISSING', 'Pengaturan OPD dan pejabat belum diisi: nama OPD dan penanda tangan diperlukan untuk berita acara.');
    const now = deps.clock.now();

    const dataJson = new TextEncoder().encode(JSON.stringify(buildDataJson({ profile, bundle, settings, createdAt: now }), null, 2) + '\n');
    status.phase = 'rendering';
    const rendered = await deps.renderer.render(
      buildBeritaAcara({
        profile,
        bundle,
        settings,
        date: now,
        offsetMinutes: offsetOf(now),
        ...(request.nomor ? { nomor: request.nomor } : {}),
        dataJsonSha256: deps.sha256(dataJson),
        appVersion: deps.appVersion,
      }),
    );
    signal.throwIfAborted();
    status.phase = 'signing';
    const signed = await request.sign(rendered.pdf, 'berita-acara-serah-terima.pdf');
    signal.throwIfAborted();

    const payload: BagPayloadEntry[] = [
      { path: beritaAcaraPath, bytes: signed, size: signed.byteLength },
      { path: dataJsonPath, bytes: dataJson, size: dataJson.byteLength },
    ];
    for (const item of profile.handover.items) {
      for (const attachment of bundle.items[item.key] ?? []) {
        for (const file of attachment.files) {
          payload.push({ path: payloadPathOf(item.key, file), file: deps.blobs.pathOf(file.sha256), size: file.size, sha256: file.sha256, origin: `${attachment.sourcePath} (${file.path})` });
        }
      }
    }
    const last = bundle.packages[bundle.packages.length - 1];
    status.phase = 'writing';
    status.total = payload.reduce((s, e) => s + e.size, 0);
    const written = await deps.packager.write({
      outPath: request.outPath,
      payload,
      bagInfo: [
        ['Source-Organization', settings.opd.name],
        ['Contact-Name', `${settings.officer.name}${settings.officer.nip ? ` (NIP ${settings.officer.nip})` : ''}`],
        ['External-Identifier', bundle.id],
        ['External-Description', `Berkas serah terima aplikasi ${titleOf(bundle)} kepada ${profile.terms.ictOffice} (${profile.handover.article} ${profile.regulation.shortTitle})`],
        ['Bag-Group-Identifier', `${profile.id}/${settings.opd.code}`],
        ['Berkas-Document', 'serah-terima-aplikasi'],
        ['Berkas-Revision', String(bundle.packages.length + 1)],
        ...(last ? ([['Berkas-Replaces', last.sha256]] as [string, string][]) : []),
      ],
      baggingDate: now,
      signal,
      onProgress: (p) => {
        status.bytes = p.bytes;
        status.total = p.total;
        status.current = p.current ?? null;
      },
    });

    status.phase = 'verifying';
    status.bytes = 0;
    let verification: BagVerification;
    try {
      // The package is read back as anyone would read it; a package that does not verify is not left behind.
      verification = await deps.packager.verify(written.path, {
        signal,
        requireSigned: [beritaAcaraPath],
        onProgress: (p) => {
          status.bytes = p.bytes;
          status.total = p.total;
          status.current = p.current ?? null;
        },
      });
      if (!verification.valid) {
        throw new BerkasError('HANDOVER_PACKAGE_INVALID', `Paket yang baru dibuat tidak lolos pemeriksaan: ${[...verification.problems, ...verification.mismatched].slice(0, 3).join('; ')}. Paket dihapus.`);
      }
    } catch (err) {
      await deps.packager.remove(written.path);
      throw err;
    }

    const record: PackageRecord = {
      path: written.path,
      sha256: written.sha256,
      size: written.size,
      createdAt: now.toISOString(),
      payloadOxum: written.payloadOxum,
      ...(last ? { replaces: last.sha256 } : {}),
    };
    // Reload: the officer may have saved the record meanwhile; the package list is ours to extend.
    const current = deps.bundles.load(bundle.id);
    const stored = await deps.bundles.store({ ...current, packages: [...current.packages, record] }, false);
    await request.keep?.({
      jobId: status.jobId,
      bundleId: bundle.id,
      title: titleOf(stored),
      path: written.path,
      sha256: written.sha256,
      size: written.size,
      beritaAcara: signed,
      dataJson,
      bundleRevision: stored.revision,
      baggedAt: now.toISOString(),
    });
    status.result = { path: written.path, sha256: written.sha256, size: written.size, payloadOxum: written.payloadOxum, files: written.files, bytes: written.bytes, verification };
  }

  function jobOf(jobId: string, message: string): Job {
    const job = jobs.get(jobId);
    if (!job) throw new BerkasError('JOB_NOT_FOUND', message, { field: 'jobId', jobId });
    return job;
  }

  return {
    /** Checks what can be checked at once, then packages in the background; poll jobStatus. */
    async startPackage(request: PackageRequest): Promise<{ jobId: string }> {
      pruneJobs();
      const bundle = deps.bundles.load(request.bundleId);
      const profile = deps.profiles.get(bundle.profileId);
      const completeness = checkCompleteness(profile, bundle);
      if (!completeness.isComplete) {
        throw new BerkasError('HANDOVER_INCOMPLETE', `Berkas serah terima belum lengkap, belum dapat ditandatangani atau dikirim. Belum dilampirkan: ${describeMissing(completeness.missing)}.`, {
          missing: completeness.missing,
          missingItems: completeness.missing.map((m) => m.key),
        });
      }
      if (!completeness.isReady) {
        throw new BerkasError('HANDOVER_APPLICATION_INVALID', `Data aplikasi belum benar: ${completeness.problems.map((p) => p.message).join('; ')}.`, {
          problems: completeness.problems,
          // A problem of the record as a whole has no field path.
          fields: completeness.problems.map((p) => p.path || 'application'),
        });
      }
      const fileCount = totalsOf(Object.values(bundle.items).flat()).files;
      if (fileCount > maxPackageFiles) {
        throw new BerkasError('HANDOVER_TOO_MANY_FILES', `Berkas serah terima berisi ${fileCount} berkas, lebih dari ${maxPackageFiles} yang dapat dimuat satu paket. Lampirkan kode sumber sebagai arsip ZIP.`, {
          count: fileCount,
          max: maxPackageFiles,
        });
      }
      const secrets = Object.values(bundle.items).flat().flatMap((a) => a.secrets ?? []);
      if (secrets.length > 0 && request.isSecretsAcknowledged !== true) {
        throw new BerkasError('HANDOVER_SECRETS', `Kode sumber memuat ${describeSecrets(secrets)}. Hapus rahasia itu lalu lampirkan ulang, atau nyatakan tetap dipaketkan.`, {
          secrets,
          count: secrets.length,
          files: [...new Set(secrets.map((s) => s.file))],
        });
      }
      for (const job of jobs.values()) {
        if (job.status.bundleId === bundle.id && !job.status.done) {
          throw new BerkasError('HANDOVER_BUSY', 'Paket berkas ini sedang dibuat; tunggu sampai selesai atau batalkan.', { jobId: job.status.jobId });
        }
      }
      const jobId = deps.newId();
      const status: HandoverJobStatus = { jobId, bundleId: bundle.id, done: false, phase: 'checking', bytes: 0, total: 0, current: null, error: null, result: null };
      const job: Job = { status, controller: new AbortController(), finished: Promise.resolve(), endedAt: null };
      job.finished = runPackage(job, request, bundle, profile)
        .then(
          () => {
            status.phase = 'done';
          },
          (err: unknown) => {
            const isCancel = job.controller.signal.aborted;
            status.phase = isCancel ? 'cancelled' : 'failed';
            if (isCancel) status.error = { code: 'CANCELLED', message: 'Pembuatan paket dibatalkan; tidak ada berkas paket yang ditulis.' };
            else if (isBerkasError(err)) status.error = err.toPayload();
            else {
              console.error('[berkas] pembuatan paket serah terima gagal:', err);
              status.error = { code: 'INTERNAL', message: 'Terjadi kesalahan internal saat membuat paket serah terima.' };
            }
          },
        )
        .finally(() => {
          status.done = true;
          job.endedAt = Date.now();
        });
      jobs.set(jobId, job);
      return { jobId };
    },

    jobStatus(input: { jobId: string }): HandoverJobStatus {
      return { ...jobOf(input.jobId, `Pekerjaan ${input.jobId} tidak dikenal (sudah lama selesai, atau aplikasi dibuka ulang).`).status };
    },

    cancelJob(input: { jobId: string }): { jobId: string; isCancelled: boolean } {
      const job = jobOf(input.jobId, `Pekerjaan ${input.jobId} tidak dikenal.`);
      if (job.status.done) return { jobId: input.jobId, isCancelled: false };
      job.controller.abort();
      return { jobId: input.jobId, isCancelled: true };
    },

    /** Resolves when the job has ended (CLI and tests; the UI polls jobStatus instead). */
    async waitForJob(jobId: string): Promise<HandoverJobStatus> {
      const job = jobs.get(jobId);
      if (!job) throw new BerkasError('JOB_NOT_FOUND', `Pekerjaan ${jobId} tidak dikenal.`, { jobId });
      await job.finished;
      return { ...job.status };
    },
  };
}
