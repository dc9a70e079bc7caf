/**
 * The asset register of a report: an asset-system export read in (each known
 * device keeps its id, so the comparison with last period holds) and the
 * register written out as .xlsx.
 */
import type { AssetFiles, ProfileSource } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { assetFieldOf, assetsToSheets, definitionFor, isTableValue, matchAssetIds, parsePeriod, readAssetsFromTable, type AssetImportResult, type ReportView } from '../../domain/reports';
import type { ReportDocuments } from './documents';
import { slugOf } from '../../domain/files/slug';
import type { ReportStore } from './store';
import type { ReportViews } from './views';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Bytes of an uploaded asset-system export (the table readers' own limit is the same). */
export const MAX_ASSET_FILE_BYTES = 20 * 1024 * 1024;

export interface AssetImportSummary {
  fileName: string;
  rowCount: number;
  /** Rows recognised as devices already in the register (same serial or code and register). */
  matchedCount: number;
  sheets: AssetImportResult['sheets'];
  ignoredColumns: string[];
  findings: AssetImportResult['findings'];
}

export function createReportAssets(deps: { store: ReportStore; views: ReportViews; documents: ReportDocuments; files: AssetFiles; profiles: ProfileSource; newId: () => string }) {
  const { store } = deps;
  return {
    /** Reads an asset-system export into the register of a report, keeping each known device its id. */
    async importAssets(input: { reportId: string; fileName: string; bytes: Uint8Array; baseRevision?: number }): Promise<{ report: ReportView; import: AssetImportSummary }> {
      const loaded = store.load(input.reportId);
      const def = definitionFor(loaded.stored.typeKey);
      const field = assetFieldOf(def);
      if (!field) throw new BerkasError('REPORT_NO_ASSETS', `Laporan ${loaded.stored.typeKey} tidak memiliki daftar aset.`, { field: 'reportId', typeKey: loaded.stored.typeKey });
      const result = readAssetsFromTable(await deps.files.read(input.fileName, input.bytes));
      const current = loaded.stored.data[field.key];
      const previous = isTableValue(current) ? current : [];
      const baseline = (await deps.views.baselineOf(loaded.stored.carriedFrom)) ?? [];
      const pool = [...previous, ...baseline.filter((b) => !previous.some((p) => p.id === b.id))];
      const rows = matchAssetIds(pool, result.rows, deps.newId);
      const known = new Set(pool.map((r) => r.id));
      const report = await deps.documents.save({
        id: loaded.id,
        typeKey: loaded.stored.typeKey,
        period: loaded.stored.period,
        data: { ...loaded.stored.data, [field.key]: rows },
        ...(input.baseRevision !== undefined ? { baseRevision: input.baseRevision } : {}),
      });
      return {
        report,
        import: {
          fileName: input.fileName,
          rowCount: rows.length,
          matchedCount: rows.filter((r) => known.has(r.id)).length,
          sheets: result.sheets,
          ignoredColumns: result.ignoredColumns,
          findings: result.findings,
        },
      };
    },

    async exportAssets(reportId: string): Promise<{ fileName: string; mimeType: string; bytes: Uint8Array }> {
      const settings = await store.requireSettings();
      const profile = deps.profiles.get(settings.opd.profileId);
      const loaded = store.load(reportId);
      const type = store.typeOf(store.profileOf(loaded.stored, profile), loaded.stored.typeKey);
      const def = definitionFor(type.key);
      const field = assetFieldOf(def);
      if (!field) throw new BerkasError('REPORT_NO_ASSETS', `Laporan ${type.key} tidak memiliki daftar aset.`, { field: 'reportId', typeKey: type.key });
      const rows = loaded.stored.data[field.key];
      const period = parsePeriod(loaded.stored.period, type.period);
      const sheets = assetsToSheets(isTableValue(rows) ? rows : [], {
        opdName: settings.opd.name,
        opdCode: settings.opd.code,
        government: profile.terms.government,
        typeName: type.name,
        periodLabel: period.label,
      });
      const bytes = await deps.files.writeXlsx(sheets);
      return { fileName: `inventaris-tik-${slugOf(settings.opd.code || settings.opd.name, 'laporan', 30)}-${period.code.toLowerCase()}.xlsx`, mimeType: XLSX_MIME, bytes };
    },
  };
}
