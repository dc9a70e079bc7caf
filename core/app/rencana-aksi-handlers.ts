import type { Handlers } from '../api/contract';
import type { Services } from './services';

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

const bytesOf = (contentBase64: string) => new Uint8Array(Buffer.from(contentBase64, 'base64'));

/** The rencana aksi channels, spread into createHandlers; base64 is decoded here, at the edge. */
export function createRencanaAksiHandlers(services: Services): Pick<Handlers, RencanaAksiChannel> {
  return {
    rencanaAksiList: async () => services.rencanaAksi.list(),
    rencanaAksiGet: async ({ id }) => services.rencanaAksi.get(id),
    rencanaAksiSave: ({ plan, baseRevision }) => services.rencanaAksi.save(plan, baseRevision),
    rencanaAksiValidate: async ({ plan }) => services.rencanaAksi.validate(plan),
    rencanaAksiDelete: ({ id }) => services.rencanaAksi.remove(id),
    rencanaAksiImport: ({ fileName, contentBase64, opdCode, year, shouldSave }) =>
      services.rencanaAksi.importFile({
        fileName,
        bytes: bytesOf(contentBase64),
        ...(opdCode ? { opdCode } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(shouldSave !== undefined ? { shouldSave } : {}),
      }),
    rencanaAksiExport: async (request) => {
      const file = await services.rencanaAksi.exportPlan('id' in request ? { id: request.id, format: request.format } : { plan: request.plan, format: request.format });
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: Buffer.from(file.bytes).toString('base64') };
    },
    rencanaAksiCatalogImport: ({ fileName, contentBase64 }) => services.rencanaAksi.importCatalog({ fileName, bytes: bytesOf(contentBase64) }),
    rencanaAksiCatalogGet: async () => services.rencanaAksi.catalogSnapshot(),
  };
}
