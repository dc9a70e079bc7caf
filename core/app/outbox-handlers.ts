import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Handlers } from '../api/contract';
import { BerkasError, isBerkasError } from '../domain/errors';
import { createSubmissionPackager } from '../adapters/submission/packager';
import { createSyncClient } from '../adapters/sync-client/sync-client';
import { createTableFiles } from '../adapters/rencana-aksi/table-files';
import { describeFsError } from '../adapters/fs-atomic';
import { packageFileName } from '../domain/outbox/manifest';
import { createRencanaAksiService } from '../services/rencana-aksi-service';
import { createOutboxService, type DocumentSource, type OutboxService } from '../services/outbox-service';
import { vaultFor } from './signing-handlers';
import { createReportsServiceFor } from './reports-handlers';
import { submissionPeriodOfReport } from '../domain/outbox/manifest';
import type { Workspace } from './workspace';

type OutboxChannel = 'outboxList' | 'outboxStatus' | 'outboxAdd' | 'outboxSendNow' | 'outboxHold' | 'outboxResume' | 'outboxCancel' | 'outboxExport' | 'enroll' | 'serverStatus';

/** Milliseconds from an environment variable (tests shorten timeouts and backoff), or the default. */
function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const services = new WeakMap<Workspace, OutboxService>();

/**
 * The one outbox service of a workspace: one sender per data folder (the
 * folder lock keeps other processes out; this keeps a second createHandlers
 * in the same process from starting a second sender). The desktop app and
 * `berkas ui` send on their own; CLI verbs send only when told (`outbox send`).
 * Closing the workspace first stops the sender, so no upload outlives the
 * database it reports to.
 */
export function outboxServiceFor(ws: Workspace): OutboxService {
  const existing = services.get(ws);
  if (existing) return existing;
  const plans = createRencanaAksiService({ db: ws.db, clock: ws.clock, settings: ws.settings, files: createTableFiles() });
  const transport = createSyncClient({
    idleTimeoutMs: envMs('BERKAS_SYNC_IDLE_TIMEOUT_MS', 30_000),
    userAgent: `Berkas/${ws.appVersion}`,
  });
  const backoffCap = envMs('BERKAS_OUTBOX_BACKOFF_CAP_MS', 5 * 60_000);
  const service = createOutboxService({
    db: ws.db,
    clock: ws.clock,
    blobs: ws.blobs,
    settings: ws.settings,
    transport,
    packager: createSubmissionPackager({ blobs: ws.blobs, workDir: path.join(ws.dataDir, 'outbox'), now: () => ws.clock.now() }),
    vault: vaultFor(ws),
    // A signed PDF names the document it was made from (its XMP document id): a plan or a report.
    findDocument: async (id): Promise<DocumentSource | null> => {
      const isNotFound = (err: unknown) => isBerkasError(err) && err.code === 'NOT_FOUND';
      try {
        const doc = plans.get(id);
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
        const report = await createReportsServiceFor(ws).get(id);
        return {
          type: 'laporan',
          period: submissionPeriodOfReport(report.period.code),
          title: report.title,
          reportType: report.typeKey,
          data: { format: 'berkas-laporan', version: 1, report: { id: report.id, typeKey: report.typeKey, period: report.period.code, title: report.title, data: report.data } },
          updatedAt: report.updatedAt,
        };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    appVersion: ws.appVersion,
    deviceName: os.hostname().slice(0, 200) || 'Berkas',
    backoff: { baseMs: Math.min(1000, backoffCap), capMs: backoffCap },
    reviewPollMs: envMs('BERKAS_OUTBOX_REVIEW_POLL_MS', 5 * 60_000),
  });
  services.set(ws, service);
  if (ws.transport !== 'in-process') service.start();
  const close = ws.close.bind(ws);
  ws.close = async () => {
    await service.stop();
    transport.close();
    await close();
  };
  return service;
}

/**
 * A package sent by the page as base64, put on disk for the packager to read.
 * Only ever read under its temp name and removed after use; a write that fails
 * part-way removes it at once, and a kill leaves only a ".*.tmp" name that
 * nothing reads and the backup skips.
 */
async function writeTemp(ws: Workspace, fileName: string, bytes: Uint8Array): Promise<string> {
  const dir = path.join(ws.dataDir, 'outbox');
  const file = path.join(dir, `.masuk-${randomBytes(6).toString('hex')}-${path.basename(fileName).replace(/[^A-Za-z0-9._-]/g, '_')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    await fs.mkdir(dir, { recursive: true });
    handle = await fs.open(file, 'wx', 0o600);
    await handle.writeFile(bytes);
    await handle.close();
    handle = undefined;
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(file, { force: true }).catch(() => undefined);
    throw describeFsError(err, file);
  }
  return file;
}

async function readFileFor(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BerkasError('FILE_NOT_FOUND', `Berkas ${file} tidak dapat dibaca${code ? ` (${code})` : ''}.`, { file });
  }
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BerkasError('OUTBOX_DATA_INVALID', `data.json bukan JSON yang sah: ${(err as Error).message}.`, { field: 'dataJson' });
  }
}

const isZipName = (name: string) => /\.zip$/i.test(name);

/** The outbox channels, spread into createHandlers; base64 and paths are resolved here, at the edge. */
export function createOutboxHandlers(ws: Workspace): Pick<Handlers, OutboxChannel> {
  const service = outboxServiceFor(ws);
  return {
    outboxList: async () => service.list(),
    outboxStatus: async ({ refresh }) => {
      if (refresh) await service.refreshReviews().catch(() => undefined);
      return service.overview();
    },
    outboxAdd: async (request) => {
      const bytes = request.contentBase64 !== undefined ? new Uint8Array(Buffer.from(request.contentBase64, 'base64')) : null;
      if (isZipName(request.fileName)) {
        const options = { isHeld: request.isHeld === true, ...(request.revisionOf !== undefined ? { revisionOf: request.revisionOf } : {}) };
        if (request.path !== undefined) return service.addPackage(path.resolve(request.path), options);
        const temp = await writeTemp(ws, request.fileName, bytes as Uint8Array);
        try {
          return await service.addPackage(temp, options);
        } finally {
          await fs.rm(temp, { force: true }).catch(() => undefined);
        }
      }
      const pdf = bytes ?? (await readFileFor(path.resolve(request.path as string)));
      return service.addPdf({
        fileName: path.basename(request.fileName),
        bytes: pdf,
        ...(request.dataJson !== undefined ? { data: parseData(request.dataJson) } : {}),
        ...(request.type !== undefined ? { type: request.type } : {}),
        ...(request.period !== undefined ? { period: request.period } : {}),
        ...(request.revisionOf !== undefined ? { revisionOf: request.revisionOf } : {}),
        ...(request.reportType !== undefined ? { reportType: request.reportType } : {}),
        ...(request.title !== undefined ? { title: request.title } : {}),
        ...(request.attachmentPaths ? { attachments: request.attachmentPaths.map((p) => ({ name: path.basename(p), file: path.resolve(p) })) } : {}),
        isHeld: request.isHeld === true,
      });
    },
    outboxSendNow: ({ id }) => service.sendNow(id),
    outboxHold: ({ id }) => service.hold(id),
    outboxResume: ({ id }) => service.resume(id),
    outboxCancel: ({ id }) => service.cancel(id),
    outboxExport: async ({ id, outPath }) => {
      // A folder (the flash drive itself): the package keeps its suggested name there.
      let target = path.resolve(outPath);
      const stat = await fs.stat(target).catch(() => null);
      if (stat?.isDirectory()) {
        const item = service.get(id);
        target = path.join(target, packageFileName(item.opd, item.id));
      }
      return service.exportTo(id, target);
    },
    enroll: ({ serverUrl, code, deviceName, vaultPassphrase }) =>
      service.enroll({ serverUrl, code, ...(deviceName ? { deviceName } : {}), ...(vaultPassphrase ? { vaultPassphrase } : {}) }),
    serverStatus: () => service.checkServer(),
  };
}
