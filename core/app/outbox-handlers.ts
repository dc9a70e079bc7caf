import path from 'node:path';
import type { Handlers } from '../api/contract';
import { BerkasError } from '../domain/errors';
import { packageFileName } from '../domain/outbox/manifest';
import type { Services } from './services';

type OutboxChannel = 'outboxList' | 'outboxStatus' | 'outboxAdd' | 'outboxSendNow' | 'outboxHold' | 'outboxResume' | 'outboxCancel' | 'outboxExport' | 'enroll' | 'serverStatus';

function parseData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BerkasError('OUTBOX_DATA_INVALID', `data.json bukan JSON yang sah: ${(err as Error).message}.`, { field: 'dataJson' });
  }
}

const isZipName = (name: string) => /\.zip$/i.test(name);

/** The outbox channels, spread into createHandlers; base64 and paths are resolved here, at the edge. */
export function createOutboxHandlers(services: Services): Pick<Handlers, OutboxChannel> {
  return {
    outboxList: async () => services.outbox.list(),
    outboxStatus: async ({ refresh }) => {
      if (refresh) await services.outbox.refreshReviews().catch(() => undefined);
      return services.outbox.overview();
    },
    outboxAdd: async (request) => {
      const { outbox, incoming } = services;
      const bytes = request.contentBase64 !== undefined ? new Uint8Array(Buffer.from(request.contentBase64, 'base64')) : null;
      if (isZipName(request.fileName)) {
        const options = { isHeld: request.isHeld === true, ...(request.revisionOf !== undefined ? { revisionOf: request.revisionOf } : {}) };
        if (request.path !== undefined) return outbox.addPackage(path.resolve(request.path), options);
        return incoming.withTempFile(request.fileName, bytes as Uint8Array, (temp) => outbox.addPackage(temp, options));
      }
      const pdf = bytes ?? (await incoming.read(path.resolve(request.path as string)));
      return outbox.addPdf({
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
    outboxSendNow: ({ id }) => services.outbox.sendNow(id),
    outboxHold: ({ id }) => services.outbox.hold(id),
    outboxResume: ({ id }) => services.outbox.resume(id),
    outboxCancel: ({ id }) => services.outbox.cancel(id),
    outboxExport: async ({ id, outPath }) => {
      // A folder (the flash drive itself): the package keeps its suggested name there.
      let target = path.resolve(outPath);
      if (await services.incoming.isFolder(target)) {
        const item = services.outbox.get(id);
        target = path.join(target, packageFileName(item.opd, item.id));
      }
      return services.outbox.exportTo(id, target);
    },
    enroll: ({ serverUrl, code, deviceName, vaultPassphrase }) =>
      services.outbox.enroll({ serverUrl, code, ...(deviceName ? { deviceName } : {}), ...(vaultPassphrase ? { vaultPassphrase } : {}) }),
    serverStatus: () => services.outbox.checkServer(),
  };
}
