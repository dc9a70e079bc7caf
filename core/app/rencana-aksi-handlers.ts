import type { Handlers } from '../api/contract';
import { createTableFiles } from '../adapters/rencana-aksi/table-files';
import { createRencanaAksiService, type RencanaAksiService } from '../services/rencana-aksi-service';
import type { Workspace } from './workspace';

type RencanaAksiChannel =
  | 'rencanaAksiList'
  | 'rencanaAksiGet'
  | 'rencanaAksiSave'
  | 'rencanaAksiValidate'
  | 'rencanaAksiDelete'
  | 'rencanaAksiImport'
  | 'rencanaAksiExport'
  | 'rencanaAksiCatalogImport'
  | 'rencanaAksiCatalogGet';

function bytesOf(contentBase64: string): Uint8Array {
  return new Uint8Array(Buffer.from(contentBase64, 'base64'));
}

const services = new WeakMap<Workspace, RencanaAksiService>();

/** One rencana aksi service per workspace: its catalog cache must see a catalog installed by the reference sync. */
export function rencanaAksiServiceFor(ws: Workspace): RencanaAksiService {
  let service = services.get(ws);
  if (!service) {
    service = createRencanaAksiService({ db: ws.db, clock: ws.clock, settings: ws.settings, files: createTableFiles() });
    services.set(ws, service);
  }
  return service;
}

/** The rencana aksi channels, spread into createHandlers; base64 is decoded here, at the edge. */
export function createRencanaAksiHandlers(ws: Workspace): Pick<Handlers, RencanaAksiChannel> {
  const service = rencanaAksiServiceFor(ws);
  return {
    rencanaAksiList: async () => service.list(),
    rencanaAksiGet: async ({ id }) => service.get(id),
    rencanaAksiSave: ({ plan, baseRevision }) => service.save(plan, baseRevision),
    rencanaAksiValidate: async ({ plan }) => service.validate(plan),
    rencanaAksiDelete: ({ id }) => service.remove(id),
    rencanaAksiImport: ({ fileName, contentBase64, opdCode, year, shouldSave }) =>
      service.importFile({
        fileName,
        bytes: bytesOf(contentBase64),
        ...(opdCode ? { opdCode } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(shouldSave !== undefined ? { shouldSave } : {}),
      }),
    rencanaAksiExport: async (request) => {
      const file = await service.exportPlan('id' in request ? { id: request.id, format: request.format } : { plan: request.plan, format: request.format });
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: Buffer.from(file.bytes).toString('base64') };
    },
    rencanaAksiCatalogImport: ({ fileName, contentBase64 }) => service.importCatalog({ fileName, bytes: bytesOf(contentBase64) }),
    rencanaAksiCatalogGet: async () => service.catalogSnapshot(),
  };
}
