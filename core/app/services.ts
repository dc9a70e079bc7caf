/**
 * The composition root of a workspace: every service built from its ports,
 * each exactly once, on first use. The handlers (handlers.ts), the CLI
 * (cli/session.ts) and the tests all take their services from here, so one
 * rencana aksi catalog cache, one signing service and one outbox sender serve
 * a workspace however many transports reach it.
 *
 * Services reach each other only through what this file passes them: the
 * outbox finds the plan or report a signed PDF was made from, the reference
 * sync reads the outbox's enrollment, the handover packager has its PDFs
 * judged by the verification service.
 *
 * Background work: the desktop app and `berkas ui` start the outbox sender
 * when their workspace opens; CLI verbs and tests ('in-process') send only
 * when told. Closing the workspace stops the sender, then waits for a
 * reference fetch in flight, before the database closes.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingFiles, KeyVault } from '../ports';
import { isBerkasError } from '../domain/errors';
import { backupFileName } from '../domain/backup/format';
import { submissionPeriodOfReport } from '../domain/outbox/manifest';
import { REPORT_KIND } from '../domain/reports';
import { createBackupService, type BackupService } from '../services/backup-service';
import { createDocumentsService, type DocumentsService, type KindSource } from '../services/documents/documents-service';
import { rencanaAksiSource, reportsSource } from '../services/documents/kinds';
import { handoverSource } from '../services/documents/kind-handover';
import { createHandoverService, HANDOVER_KIND, type HandoverService } from '../services/handover/handover-service';
import { createOutboxService, type DocumentSource, type OutboxService } from '../services/outbox/outbox-service';
import { createReferenceSyncService, type ReferenceSyncService } from '../services/reference-sync-service';
import { createRencanaAksiService, type RencanaAksiService } from '../services/rencana-aksi-service';
import { createReportsService, type ReportsService } from '../services/reports/reports-service';
import { createSettingsService, type SettingsService } from '../services/settings-service';
import { createSigningService, type SigningService } from '../services/signing/signing-service';
import { createBackupArchiver } from '../adapters/backup/archiver';
import { createBagPackager } from '../adapters/bagit/bag-packager';
import { createBeritaAcaraRenderer } from '../adapters/handover/berita-acara-pdf';
import { createHandoverSources } from '../adapters/handover/source-scanner';
import { createIncomingFiles } from '../adapters/incoming-files';
import { createBlobCheck } from '../adapters/blob-check';
import { createBlobStampRepository } from '../adapters/repositories/blob-stamp-repository';
import { createOutboxCopies } from '../adapters/submission/outbox-copies';
import { createSignedRevisionRepository } from '../adapters/repositories/signed-revision-repository';
import { createCertificateRepository } from '../adapters/repositories/certificate-repository';
import { createDocumentRepository } from '../adapters/repositories/document-repository';
import { createOutboxRepository } from '../adapters/repositories/outbox-repository';
import { createFileKeyVault } from '../adapters/key-vault-file';
import { createDocumentRenderer } from '../adapters/pdf/document-renderer';
import { createTableFiles } from '../adapters/rencana-aksi/table-files';
import { createAssetFiles } from '../adapters/reports/asset-files';
import { createReportRenderer } from '../adapters/reports/report-pdf';
import { createSigningEngine } from '../adapters/signing/signing-engine';
import { createFileTrustStore } from '../adapters/signing/trust-store';
import { createSubmissionPackager } from '../adapters/submission/packager';
import { createSyncClient } from '../adapters/sync-client/sync-client';
import { defaultAssetsDir } from './assets';
import { buildStandaloneServices, type StandaloneServices } from './standalone';
import type { Workspace } from './workspace';

export interface Services extends StandaloneServices {
  readonly workspace: Workspace;
  readonly settings: SettingsService;
  readonly rencanaAksi: RencanaAksiService;
  readonly signing: SigningService;
  readonly reports: ReportsService;
  readonly handover: HandoverService;
  readonly outbox: OutboxService;
  readonly referenceSync: ReferenceSyncService;
  readonly backup: BackupService;
  /** The document journey (issue 13): every kind's signed revisions, sending and revising them. */
  readonly documents: DocumentsService;
  /** Files a transport hands over: the page's bytes put on disk under <data>/outbox, the CLI's paths read. */
  readonly incoming: IncomingFiles;
  /**
   * The KeyVault of this workspace: the OS vault Electron passed in, or files
   * in <data>/vault sealed with the passphrase of the request, else of
   * BERKAS_VAULT_PASSPHRASE. The passphrase lives only in this call.
   */
  vault(passphrase?: string): KeyVault;
}

/** Milliseconds from an environment variable (tests shorten timeouts and backoff), or the default. */
function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A value built on first use and kept; `built()` says whether it was (closing stops only what ran). */
function once<T>(build: () => T): { (): T; built(): T | null } {
  let value: T | null = null;
  const get = () => (value ??= build());
  return Object.assign(get, { built: () => value });
}

const composed = new WeakSet<Workspace>();

/** Builds every service of `ws` once. A second call for the same workspace is a wiring mistake (two senders, two caches) and throws. */
export function createServices(ws: Workspace): Services {
  if (composed.has(ws)) throw new Error(`createServices: the services of ${ws.dataDir} are already built; pass them on instead of building them again.`);
  composed.add(ws);
  const assetsDir = ws.assetsDir ?? defaultAssetsDir;
  const isNotFound = (err: unknown) => isBerkasError(err) && err.code === 'NOT_FOUND';

  const standalone = buildStandaloneServices({ profiles: ws.profiles, settings: ws.settings, trust: createFileTrustStore(path.join(ws.dataDir, 'trust-roots')), clock: ws.clock });

  const vault = (() => {
    const osVault = ws.keyVault;
    if (osVault) return () => osVault;
    const dir = path.join(ws.dataDir, 'vault');
    return (passphrase?: string) => createFileKeyVault({ dir, passphrase: passphrase || process.env.BERKAS_VAULT_PASSPHRASE || '' });
  })();

  const syncClient = once(() => createSyncClient({ idleTimeoutMs: envMs('BERKAS_SYNC_IDLE_TIMEOUT_MS', 30_000), userAgent: `Berkas/${ws.appVersion}` }));

  const rencanaAksi = once(() => createRencanaAksiService({ db: ws.db, clock: ws.clock, settings: ws.settings, files: createTableFiles() }));

  const signing = once((): SigningService => {
    const tsa = process.env.BERKAS_TSA_URL?.trim();
    return createSigningService({
      certificates: createCertificateRepository(ws.db),
      clock: ws.clock,
      settings: ws.settings,
      profiles: ws.profiles,
      // Fonts are read when a PDF is signed, not when the engine is made.
      engine: createSigningEngine({ assetsDir }),
      renderer: createDocumentRenderer(assetsDir),
      trust: createFileTrustStore(path.join(ws.dataDir, 'trust-roots')),
      vault,
      loadPlan: async (id) => {
        const doc = rencanaAksi().get(id);
        return { plan: doc.plan, totals: doc.analysis.totals };
      },
      appVersion: ws.appVersion,
      ...(tsa ? { defaultTsaUrl: tsa } : {}),
      onPlanSigned: (signed) => documents().keepPlan(signed),
    });
  });

  const reports = once(() =>
    createReportsService({
      documents: createDocumentRepository(ws.db, REPORT_KIND, 'laporan'),
      blobs: ws.blobs,
      clock: ws.clock,
      settings: ws.settings,
      profiles: ws.profiles,
      renderer: createReportRenderer(assetsDir),
      files: createAssetFiles(),
      appVersion: ws.appVersion,
      newId: randomUUID,
      keep: (input) => documents().keep(input),
      lifecycleOf: (id) => documents().lifecycleOf(id),
    }),
  );

  const handover = once(() =>
    createHandoverService({
      documents: createDocumentRepository(ws.db, HANDOVER_KIND, 'berkas serah terima'),
      blobs: ws.blobs,
      clock: ws.clock,
      profiles: ws.profiles,
      settings: ws.settings,
      sources: createHandoverSources(),
      packager: createBagPackager({ checkPdf: (fileName, pdf) => standalone.verification.verify({ fileName: fileName.split('/').pop() ?? fileName, pdf }) }),
      renderer: createBeritaAcaraRenderer(assetsDir),
      sha256: (bytes) => createHash('sha256').update(bytes).digest('hex'),
      appVersion: ws.appVersion,
      newId: randomUUID,
    }),
  );

  /** A signed PDF names the document it was made from (its XMP document id): a plan or a report. */
  async function findDocument(id: string): Promise<DocumentSource | null> {
    try {
      const doc = rencanaAksi().get(id);
      return {
        type: 'rencana-aksi',
        period: String(doc.plan.year),
        title: doc.plan.title,
        data: { format: 'berkas-rencana-aksi', version: 1, plan: doc.plan },
        updatedAt: doc.updatedAt,
      };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      const report = await reports().get(id);
      return {
        type: 'laporan',
        period: submissionPeriodOfReport(report.period.code),
        title: report.title,
        reportType: report.typeKey,
        data: { format: 'berkas-laporan', version: 1, report: { id: report.id, typeKey: report.typeKey, period: report.period.code, title: report.title, data: report.data } },
        updatedAt: report.updatedAt,
        // Recording the signature moves updatedAt past the PDF's signing time; these PDFs still show the present data.
        signedPdfSha256s: report.signatures.filter((s) => s.revision === report.revision).map((s) => s.pdfSha256),
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  const outbox = once(() => {
    const backoffCap = envMs('BERKAS_OUTBOX_BACKOFF_CAP_MS', 5 * 60_000);
    const service = createOutboxService({
      repository: createOutboxRepository(ws.db),
      clock: ws.clock,
      blobs: ws.blobs,
      settings: ws.settings,
      transport: syncClient(),
      packager: createSubmissionPackager({ blobs: ws.blobs, workDir: path.join(ws.dataDir, 'outbox'), now: () => ws.clock.now() }),
      vault,
      findDocument,
      appVersion: ws.appVersion,
      deviceName: os.hostname().slice(0, 200) || 'Berkas',
      backoff: { baseMs: Math.min(1000, backoffCap), capMs: backoffCap },
      reviewPollMs: envMs('BERKAS_OUTBOX_REVIEW_POLL_MS', 5 * 60_000),
    });
    // A send cycle that delivered something refreshes the reference data; a failure there never reaches the sender.
    service.onSendCycle(() => referenceSync().syncAfterSend());
    return service;
  });

  const referenceSync = once(() =>
    createReferenceSyncService({
      db: ws.db,
      clock: ws.clock,
      transport: syncClient(),
      enrolledServer: () => {
        const e = outbox().enrollment();
        return e ? { serverUrl: e.serverUrl, isRevoked: e.revokedAt !== null } : null;
      },
      connection: () => outbox().deviceConnection(),
      // Through the workspace's one rencana aksi service: its catalog cache sees what the sync installs.
      importCatalog: (input) => rencanaAksi().importCatalog(input),
      catalogInfo: () => rencanaAksi().catalogInfo(),
    }),
  );

  /** How each kind is described, previewed and signed for the journey, over the services that own it. */
  const documentSources = once((): { rencanaAksi: KindSource; reports: KindSource; handover: ReturnType<typeof handoverSource> } => {
    const scratchDir = path.join(ws.dataDir, 'outbox');
    return {
      rencanaAksi: rencanaAksiSource({
        list: () => rencanaAksi().list(),
        get: (id) => rencanaAksi().get(id),
        renderAndSign: (input) => signing().renderAndSign(input),
        preview: (planId, certificateId) => signing().signPreview({ planId, certificateId }),
        keep: (input) => documents().keep(input),
        now: () => ws.clock.now(),
      }),
      reports: reportsSource({
        list: () => reports().list(),
        get: (id) => reports().get(id),
        signPreview: (id, certificate) => reports().signPreview(id, certificate),
        sign: async (id, key, holder, tsaUrl) => (await reports().sign(id, signing().signerWith(key.handle, key.isCertified, tsaUrl), { holder })).revision,
      }),
      handover: handoverSource({
        list: () => handover().list(),
        get: (id) => handover().get({ id }),
        startPackage: (request) => handover().startPackage(request),
        jobStatus: (jobId) => (isJobKnown(jobId) ? handover().jobStatus({ jobId }) : null),
        waitForJob: async (jobId) => (isJobKnown(jobId) ? handover().waitForJob(jobId) : null),
        signPdf: async (input) => (await signing().signPdfWith(input)).pdf,
        scratch: { path: (name) => path.join(scratchDir, name), remove: (file) => fs.rm(file, { force: true }) },
        keep: (input) => documents().keep(input),
        now: () => ws.clock.now(),
      }),
    };
  });
  /** Whether the handover service still knows a job (it forgets them an hour after they end, and on restart). */
  const isJobKnown = (jobId: string) => {
    try {
      handover().jobStatus({ jobId });
      return true;
    } catch (err) {
      if (isBerkasError(err) && err.code === 'JOB_NOT_FOUND') return false;
      throw err;
    }
  };

  const documents = once(
    (): DocumentsService =>
      createDocumentsService({
        repository: createSignedRevisionRepository(ws.db),
        blobs: ws.blobs,
        check: createBlobCheck(ws.blobs, createBlobStampRepository(ws.db)),
        copies: createOutboxCopies(ws.blobs),
        outbox: () => outbox(),
        settings: ws.settings,
        profiles: ws.profiles,
        clock: ws.clock,
        sources: () => Object.values(documentSources()),
        countersign: async ({ pdf, fileName, key, reason, tsaUrl }) => {
          const signed = await signing().signPdfWith({ pdf, fileName, handle: key.handle, isCertified: key.isCertified, reason, ...(tsaUrl ? { tsaUrl } : {}) });
          return { pdf: signed.pdf, level: signed.level };
        },
        signJob: (jobId) => documentSources().handover.job(jobId),
        waitSignJob: (jobId) => documentSources().handover.waitJob(jobId),
        newId: randomUUID,
      }),
  );

  const settings = once(() => createSettingsService({ settings: ws.settings, profiles: ws.profiles, clock: ws.clock }));

  const backup = once(() =>
    createBackupService({
      db: ws.db,
      settings: ws.settings,
      clock: ws.clock,
      archiver: createBackupArchiver({ dataDir: ws.dataDir, appVersion: ws.appVersion }),
      newId: randomUUID,
      suggestOutPath: (now) => path.join(os.homedir(), backupFileName(now)),
    }),
  );

  const incoming = createIncomingFiles(path.join(ws.dataDir, 'outbox'));

  ws.onClose(async () => {
    // No upload outlives the database it reports to, and a fetch started by the last cycle is waited for.
    await outbox.built()?.stop();
    await referenceSync.built()?.idle();
    syncClient.built()?.close();
  });

  const services: Services = {
    workspace: ws,
    profiles: standalone.profiles,
    verification: standalone.verification,
    folders: standalone.folders,
    clock: ws.clock,
    get settings() {
      return settings();
    },
    get rencanaAksi() {
      return rencanaAksi();
    },
    get signing() {
      return signing();
    },
    get reports() {
      return reports();
    },
    get handover() {
      return handover();
    },
    get outbox() {
      return outbox();
    },
    get referenceSync() {
      return referenceSync();
    },
    get backup() {
      return backup();
    },
    get documents() {
      return documents();
    },
    incoming,
    vault,
  };
  if (ws.transport !== 'in-process') outbox().start();
  return services;
}
