/**
 * Berkas serah terima aplikasi (issue 5): a bundle draft per application
 * (documents table, kind 'handover'), files attached per checklist item into
 * the content-addressed blob store, completeness against the region's list,
 * and the package — berita acara rendered and signed, data.json, every file —
 * written as a BagIt ZIP by a background job the caller polls and may cancel.
 */
import type { BagPackager, BeritaAcaraRenderer, BlobStore, Clock, Database, HandoverSources, ProfileSource, SettingsStore } from '../ports';
import { BerkasError, isBerkasError } from '../domain/errors';
import type { RegionProfile, HandoverItem } from '../domain/profiles/profile';
import { emptyApplication, type ApplicationRecord } from '../domain/handover/application';
import { beritaAcaraPath, dataJsonPath, payloadPathOf, totalsOf, type Attachment, type HandoverBundle, type PackageRecord } from '../domain/handover/bundle';
import { checkCompleteness, describeMissing, type Completeness } from '../domain/handover/completeness';
import { checkExcludes, defaultExcludes } from '../domain/handover/exclusions';
import { buildBeritaAcara, buildDataJson } from '../domain/handover/berita-acara';
import { describeSecrets } from '../domain/handover/secrets';
import { maxPackageFiles } from '../domain/handover/bagit';
import type { BagPayloadEntry, BagVerification, SourceScan } from '../domain/handover/packaging';
import type { HandoverChecklist, HandoverJobStatus, HandoverSummary, HandoverView } from '../domain/handover/views';

export type { HandoverChecklist, HandoverJobStatus, HandoverSummary, HandoverView };

export const HANDOVER_KIND = 'handover';

export interface HandoverServiceDeps {
  db: Database;
  blobs: BlobStore;
  clock: Clock;
  profiles: ProfileSource;
  settings: SettingsStore;
  sources: HandoverSources;
  packager: BagPackager;
  renderer: BeritaAcaraRenderer;
  /** SHA-256 of bytes (the port-free way would re-implement it; the composition root passes node:crypto's). */
  sha256(bytes: Uint8Array): string;
  appVersion: string;
  newId?: () => string;
}

/** Signs the rendered berita acara (the signing service, with the key the caller chose). */
export type BeritaAcaraSigner = (pdf: Uint8Array, fileName: string) => Promise<Uint8Array>;

export interface PackageRequest {
  bundleId: string;
  outPath: string;
  sign: BeritaAcaraSigner;
  /** The officer saw the secrets found in the source and chose to package anyway. */
  isSecretsAcknowledged?: boolean;
  nomor?: string;
}

interface Job {
  status: HandoverJobStatus;
  controller: AbortController;
  finished: Promise<void>;
  endedAt: number | null;
}

/** Finished jobs are kept this long for a last status poll. */
const jobRetentionMs = 60 * 60 * 1000;

function offsetOf(date: Date): number {
  return -date.getTimezoneOffset();
}

function titleOf(bundle: HandoverBundle): string {
  const name = bundle.application.name.trim();
  return name ? `${name}${bundle.application.version.trim() ? ` ${bundle.application.version.trim()}` : ''}` : 'Serah terima (tanpa nama)';
}

export function createHandoverService(deps: HandoverServiceDeps) {
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  const jobs = new Map<string, Job>();

  async function profileFor(profileId: string | undefined): Promise<RegionProfile> {
    if (profileId) return deps.profiles.get(profileId);
    const settings = await deps.settings.load();
    if (!settings) {
      throw new BerkasError('SETTINGS_MISSING', 'Profil daerah belum dipilih: isi pengaturan OPD terlebih dahulu, atau sebutkan profil daerahnya.');
    }
    return deps.profiles.get(settings.opd.profileId);
  }

  function load(id: string): HandoverBundle {
    const [row] = deps.db.query<{ data: string; revision: number; created_at: string; updated_at: string }>(
      'SELECT data, revision, created_at, updated_at FROM documents WHERE id = ? AND kind = ?',
      [id, HANDOVER_KIND],
    );
    if (!row) throw new BerkasError('HANDOVER_NOT_FOUND', `Berkas serah terima ${id} tidak ditemukan.`, { id });
    const data = JSON.parse(row.data) as Omit<HandoverBundle, 'revision' | 'createdAt' | 'updatedAt'>;
    return { ...data, revision: row.revision, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  async function store(bundle: HandoverBundle, isNew: boolean): Promise<HandoverBundle> {
    const at = deps.clock.now().toISOString();
    const { revision: _r, createdAt: _c, updatedAt: _u, ...data } = bundle;
    const json = JSON.stringify(data);
    if (isNew) {
      await deps.db.write([
        {
          sql: 'INSERT INTO documents (id, kind, title, data, revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          params: [bundle.id, HANDOVER_KIND, titleOf(bundle), json, 1, at, at],
        },
      ]);
      return { ...bundle, revision: 1, createdAt: at, updatedAt: at };
    }
    const revision = bundle.revision + 1;
    await deps.db.write([
      { sql: 'UPDATE documents SET title = ?, data = ?, revision = ?, updated_at = ? WHERE id = ? AND kind = ?', params: [titleOf(bundle), json, revision, at, bundle.id, HANDOVER_KIND] },
    ]);
    return { ...bundle, revision, updatedAt: at };
  }

  async function view(bundle: HandoverBundle): Promise<HandoverView> {
    return { bundle, completeness: checkCompleteness(deps.profiles.get(bundle.profileId), bundle) };
  }

  function itemOf(profile: RegionProfile, itemKey: string): HandoverItem {
    const item = profile.handover.items.find((i) => i.key === itemKey);
    if (!item) {
      throw new BerkasError('HANDOVER_ITEM_UNKNOWN', `Butir "${itemKey}" tidak ada di daftar serah terima ${profile.regulation.shortTitle}. Yang ada: ${profile.handover.items.map((i) => i.key).join(', ')}.`, {
        field: 'itemKey',
      });
    }
    return item;
  }

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
    const current = load(bundle.id);
    await store({ ...current, packages: [...current.packages, record] }, false);
    status.result = { path: written.path, sha256: written.sha256, size: written.size, payloadOxum: written.payloadOxum, files: written.files, bytes: written.bytes, verification };
  }

  const service = {
    /** Creates (no id) or updates a draft; an incomplete bundle can always be saved. */
    async save(input: { id?: string; profileId?: string; application?: ApplicationRecord; excludes?: string[] }): Promise<HandoverView> {
      if (input.excludes) {
        const checked = checkExcludes(input.excludes);
        if (checked.problems.length > 0) throw new BerkasError('HANDOVER_EXCLUDES_INVALID', checked.problems.join('; '), { field: 'excludes' });
        input = { ...input, excludes: checked.excludes };
      }
      if (!input.id) {
        const profile = await profileFor(input.profileId);
        const settings = await deps.settings.load();
        const bundle: HandoverBundle = {
          id: newId(),
          profileId: profile.id,
          application:
            input.application ??
            emptyApplication({ owningOpd: settings?.opd.name ?? '', copyrightHolder: profile.terms.government, fundingYear: deps.clock.now().getFullYear() }),
          items: {},
          excludes: input.excludes ?? [...defaultExcludes],
          packages: [],
          revision: 0,
          createdAt: '',
          updatedAt: '',
        };
        return view(await store(bundle, true));
      }
      const bundle = load(input.id);
      if (input.profileId && input.profileId !== bundle.profileId) {
        deps.profiles.get(input.profileId);
        bundle.profileId = input.profileId;
      }
      if (input.application) bundle.application = input.application;
      if (input.excludes) bundle.excludes = input.excludes;
      return view(await store(bundle, false));
    },

    async get(input: { id: string }): Promise<HandoverView> {
      return view(load(input.id));
    },

    async list(): Promise<HandoverSummary[]> {
      const rows = deps.db.query<{ id: string }>('SELECT id FROM documents WHERE kind = ? ORDER BY updated_at DESC', [HANDOVER_KIND]);
      return rows.map(({ id }) => {
        const bundle = load(id);
        const completeness = checkCompleteness(deps.profiles.get(bundle.profileId), bundle);
        const totals = totalsOf(Object.values(bundle.items).flat());
        return {
          id,
          title: titleOf(bundle),
          profileId: bundle.profileId,
          isComplete: completeness.isComplete,
          missing: completeness.missing.length,
          files: totals.files,
          bytes: totals.bytes,
          packages: bundle.packages.length,
          updatedAt: bundle.updatedAt,
        };
      });
    },

    async scanSource(input: { path: string; excludes?: string[] }): Promise<SourceScan> {
      return deps.sources.scan(input.path, { excludes: input.excludes ?? defaultExcludes });
    },

    /** Copies a file, a folder or an archive into the blob store and lists it under the item. */
    async attach(input: { bundleId: string; itemKey: string; path: string }): Promise<HandoverView & { attachment: Attachment }> {
      const bundle = load(input.bundleId);
      const profile = deps.profiles.get(bundle.profileId);
      const item = itemOf(profile, input.itemKey);
      const collected = await deps.sources.collect(input.path, { excludes: bundle.excludes });
      const existing = bundle.items[item.key] ?? [];
      if (existing.some((a) => a.name === collected.name)) {
        throw new BerkasError('HANDOVER_ATTACHMENT_EXISTS', `"${collected.name}" sudah dilampirkan pada ${item.label}. Lepaskan lampiran lama dahulu, atau ganti nama berkasnya.`, {
          field: 'path',
        });
      }
      if (collected.files === 0) {
        throw new BerkasError('HANDOVER_EMPTY', `${input.path} tidak berisi berkas untuk dilampirkan${collected.excluded.length ? ' (semua isinya berada di folder yang dikecualikan)' : ''}.`, { field: 'path' });
      }
      const files = [];
      for (const entry of collected.entries) {
        const put = await deps.blobs.put({ path: entry.absPath });
        const rel = collected.kind === 'folder' ? `${collected.name}/${entry.relPath}` : entry.relPath;
        files.push({ path: rel, size: put.size, sha256: put.sha256 });
      }
      const isSource = item.kind === 'source-code';
      const attachment: Attachment = {
        name: collected.name,
        kind: collected.kind === 'folder' ? 'folder' : 'file',
        sourcePath: input.path,
        files,
        bytes: files.reduce((s, f) => s + f.size, 0),
        attachedAt: deps.clock.now().toISOString(),
        ...(collected.kind === 'folder' ? { excluded: { count: collected.excluded.length, bytes: 0, folders: collected.excluded.map((e) => e.path) } } : {}),
        ...(isSource ? { languages: collected.languages, secrets: collected.secrets } : {}),
      };
      bundle.items[item.key] = [...existing, attachment];
      const saved = await view(await store(bundle, false));
      return { ...saved, attachment };
    },

    async detach(input: { bundleId: string; itemKey: string; name: string }): Promise<HandoverView> {
      const bundle = load(input.bundleId);
      const existing = bundle.items[input.itemKey] ?? [];
      if (!existing.some((a) => a.name === input.name)) {
        throw new BerkasError('HANDOVER_ATTACHMENT_UNKNOWN', `Lampiran "${input.name}" tidak ada pada butir ${input.itemKey}.`, { field: 'name' });
      }
      bundle.items[input.itemKey] = existing.filter((a) => a.name !== input.name);
      return view(await store(bundle, false));
    },

    async completeness(input: { bundleId: string }): Promise<Completeness> {
      return (await view(load(input.bundleId))).completeness;
    },

    /** Checks what can be checked at once, then packages in the background; poll jobStatus. */
    async startPackage(request: PackageRequest): Promise<{ jobId: string }> {
      pruneJobs();
      const bundle = load(request.bundleId);
      const profile = deps.profiles.get(bundle.profileId);
      const completeness = checkCompleteness(profile, bundle);
      if (!completeness.isComplete) {
        throw new BerkasError('HANDOVER_INCOMPLETE', `Berkas serah terima belum lengkap, belum dapat ditandatangani atau dikirim. Belum dilampirkan: ${describeMissing(completeness.missing)}.`, {
          missing: completeness.missing,
        });
      }
      if (!completeness.isReady) {
        throw new BerkasError('HANDOVER_APPLICATION_INVALID', `Data aplikasi belum benar: ${completeness.problems.map((p) => p.message).join('; ')}.`, { problems: completeness.problems });
      }
      const fileCount = totalsOf(Object.values(bundle.items).flat()).files;
      if (fileCount > maxPackageFiles) {
        throw new BerkasError('HANDOVER_TOO_MANY_FILES', `Berkas serah terima berisi ${fileCount} berkas, lebih dari ${maxPackageFiles} yang dapat dimuat satu paket. Lampirkan kode sumber sebagai arsip ZIP.`);
      }
      const secrets = Object.values(bundle.items).flat().flatMap((a) => a.secrets ?? []);
      if (secrets.length > 0 && request.isSecretsAcknowledged !== true) {
        throw new BerkasError('HANDOVER_SECRETS', `Kode sumber memuat ${describeSecrets(secrets)}. Hapus rahasia itu lalu lampirkan ulang, atau nyatakan tetap dipaketkan.`, { secrets });
      }
      for (const job of jobs.values()) {
        if (job.status.bundleId === bundle.id && !job.status.done) {
          throw new BerkasError('HANDOVER_BUSY', 'Paket berkas ini sedang dibuat; tunggu sampai selesai atau batalkan.', { jobId: job.status.jobId });
        }
      }
      const jobId = newId();
      const status: HandoverJobStatus = { jobId, bundleId: bundle.id, done: false, phase: 'checking', bytes: 0, total: 0, current: null, error: null, result: null };
      const job: Job = { status, controller: new AbortController(), finished: Promise.resolve(), endedAt: null };
      job.finished = runPackage(job, request, bundle, profile).then(
        () => {
          status.phase = 'done';
        },
        (err: unknown) => {
          const isCancel = job.controller.signal.aborted;
          status.phase = isCancel ? 'cancelled' : 'failed';
          if (isCancel) status.error = { code: 'CANCELLED', message: 'Pembuatan paket dibatalkan; tidak ada berkas paket yang ditulis.' };
          else if (isBerkasError(err)) status.error = { code: err.code, message: err.message };
          else {
            console.error('[berkas] pembuatan paket serah terima gagal:', err);
            status.error = { code: 'INTERNAL', message: 'Terjadi kesalahan internal saat membuat paket serah terima.' };
          }
        },
      ).finally(() => {
        status.done = true;
        job.endedAt = Date.now();
      });
      jobs.set(jobId, job);
      return { jobId };
    },

    jobStatus(input: { jobId: string }): HandoverJobStatus {
      const job = jobs.get(input.jobId);
      if (!job) throw new BerkasError('JOB_NOT_FOUND', `Pekerjaan ${input.jobId} tidak dikenal (sudah lama selesai, atau aplikasi dibuka ulang).`, { field: 'jobId' });
      return { ...job.status };
    },

    cancelJob(input: { jobId: string }): { jobId: string; isCancelled: boolean } {
      const job = jobs.get(input.jobId);
      if (!job) throw new BerkasError('JOB_NOT_FOUND', `Pekerjaan ${input.jobId} tidak dikenal.`, { field: 'jobId' });
      if (job.status.done) return { jobId: input.jobId, isCancelled: false };
      job.controller.abort();
      return { jobId: input.jobId, isCancelled: true };
    },

    /** Resolves when the job has ended (CLI and tests; the UI polls jobStatus instead). */
    async waitForJob(jobId: string): Promise<HandoverJobStatus> {
      const job = jobs.get(jobId);
      if (!job) throw new BerkasError('JOB_NOT_FOUND', `Pekerjaan ${jobId} tidak dikenal.`);
      await job.finished;
      return { ...job.status };
    },
  };
  return service;
}

export type HandoverService = ReturnType<typeof createHandoverService>;
