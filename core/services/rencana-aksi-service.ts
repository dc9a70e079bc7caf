/**
 * Rencana aksi use cases: import a sheet, validate, save as a document, export,
 * and keep Diskominfo's catalog of other OPDs' activities for the duplicate
 * check (Pontianak Pasal 9 ayat (2)). Plans are stored in `documents` as
 * kind 'rencana-aksi'; the catalog in `activity_catalog` (migration 2).
 */
import type { Clock, Database, SettingsStore, SqlStatement, TableFiles } from '../ports';
import { BerkasError } from '../domain/errors';
import { slugOf } from '../domain/files/slug';
import {
  LIMITS,
  analyzePlan,
  buildCatalogIndex,
  normalizePlan,
  planToSheets,
  readCatalogJson,
  readCatalogTable,
  readPlanFromTable,
  stageCount,
  type Catalog,
  type CatalogInfo,
  type CatalogSnapshot,
  type CatalogEntry,
  type CatalogIndex,
  type Finding,
  type PlanAnalysis,
  type RencanaAksiDocument,
  type RencanaAksiImportResult,
  type RencanaAksiPlan,
  type RencanaAksiSummary,
} from '../domain/rencana-aksi';
import { formatThousands } from '../domain/rencana-aksi/text';

export const RENCANA_AKSI_KIND = 'rencana-aksi';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface RencanaAksiServiceDeps {
  db: Database;
  clock: Clock;
  settings: SettingsStore;
  files: TableFiles;
  newId?: () => string;
}

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

interface StoredPlan {
  v: 1;
  plan: RencanaAksiPlan;
}

function byRow(a: Finding, b: Finding): number {
  return a.row - b.row;
}

export function createRencanaAksiService(deps: RencanaAksiServiceDeps) {
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  let catalogCache: { index: CatalogIndex; entries: CatalogEntry[] } | undefined;

  const now = () => deps.clock.now().toISOString();

  function catalog(): { index: CatalogIndex; entries: CatalogEntry[] } {
    if (!catalogCache) {
      const rows = deps.db.query<{ opd_code: string; opd_name: string; year: number | null; activity: string; output: string | null; program_code: string | null; plan: string | null }>(
        'SELECT opd_code, opd_name, year, activity, output, program_code, plan FROM activity_catalog ORDER BY id',
      );
      const entries = rows.map((r) => {
        const e: CatalogEntry = { opdCode: r.opd_code, opdName: r.opd_name, activity: r.activity };
        if (r.year !== null) e.year = r.year;
        if (r.output) e.output = r.output;
        if (r.program_code) e.programCode = r.program_code;
        if (r.plan) e.plan = r.plan;
        return e;
      });
      catalogCache = { index: buildCatalogIndex(entries), entries };
    }
    return catalogCache;
  }

  function analyze(plan: RencanaAksiPlan): PlanAnalysis {
    return analyzePlan(plan, { catalog: catalog().index });
  }

  function checkSize(plan: RencanaAksiPlan): void {
    const count = stageCount(plan);
    if (count > LIMITS.maxStages) {
      throw new BerkasError('TOO_MANY_STAGES', `Rencana aksi "${plan.title}" memuat ${formatThousands(count)} tahap, melebihi batas ${formatThousands(LIMITS.maxStages)} tahap.`, {
        field: 'plan.activities',
        title: plan.title,
        count: formatThousands(count),
        max: formatThousands(LIMITS.maxStages),
      });
    }
  }

  function load(id: string): { plan: RencanaAksiPlan; revision: number; createdAt: string; updatedAt: string } {
    const [row] = deps.db.query<{ data: string; revision: number; created_at: string; updated_at: string }>(
      'SELECT data, revision, created_at, updated_at FROM documents WHERE id = ? AND kind = ?',
      [id, RENCANA_AKSI_KIND],
    );
    if (!row) throw new BerkasError('NOT_FOUND', `Rencana aksi dengan id ${id} tidak ditemukan.`, { field: 'id', id });
    let stored: StoredPlan;
    try {
      stored = JSON.parse(row.data) as StoredPlan;
    } catch {
      throw new BerkasError('DOCUMENT_CORRUPT', `Data rencana aksi ${id} di basis data rusak (bukan JSON).`, { field: 'id', id });
    }
    if (stored.v !== 1 || !stored.plan || !Array.isArray(stored.plan.activities)) {
      throw new BerkasError('DOCUMENT_CORRUPT', `Data rencana aksi ${id} di basis data tidak dikenali (versi ${String(stored.v)}).`, { field: 'id', id });
    }
    return { plan: stored.plan, revision: row.revision, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  async function store(input: RencanaAksiPlan, baseRevision?: number): Promise<RencanaAksiDocument> {
    checkSize(input);
    const plan = normalizePlan({ ...input, id: input.id || newId() });
    if (!plan.title) throw new BerkasError('TITLE_EMPTY', 'Judul rencana aksi kosong; isi judulnya.', { field: 'plan.title' });
    const data = JSON.stringify({ v: 1, plan } satisfies StoredPlan);
    const at = now();
    const [existing] = deps.db.query<{ kind: string; revision: number; created_at: string }>('SELECT kind, revision, created_at FROM documents WHERE id = ?', [plan.id]);
    let statement: SqlStatement;
    let revision: number;
    let createdAt: string;
    if (existing) {
      if (existing.kind !== RENCANA_AKSI_KIND) {
        throw new BerkasError('ID_TAKEN', `Id ${plan.id} sudah dipakai dokumen jenis ${existing.kind}.`, { field: 'plan.id', id: plan.id, kind: existing.kind });
      }
      if (baseRevision !== undefined && baseRevision !== existing.revision) {
        throw new BerkasError(
          'REVISION_CONFLICT',
          `Rencana aksi "${plan.title}" sudah diubah di tempat lain (revisi ${existing.revision}, yang sedang disunting revisi ${baseRevision}). Muat ulang sebelum menyimpan.`,
          { field: 'baseRevision', current: existing.revision, title: plan.title },
        );
      }
      revision = existing.revision + 1;
      createdAt = existing.created_at;
      statement = { sql: 'UPDATE documents SET title = ?, data = ?, revision = ?, updated_at = ? WHERE id = ?', params: [plan.title, data, revision, at, plan.id] };
    } else {
      revision = 1;
      createdAt = at;
      statement = {
        sql: 'INSERT INTO documents (id, kind, title, data, revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        params: [plan.id, RENCANA_AKSI_KIND, plan.title, data, revision, at, at],
      };
    }
    await deps.db.write([statement]);
    return { plan, revision, createdAt, updatedAt: at, analysis: analyze(plan) };
  }

  async function defaults(): Promise<{ opdCode?: string; year: number }> {
    // Settings only supply defaults here: a missing or unreadable settings file must not block an import.
    const settings = await deps.settings.load().catch(() => null);
    const year = deps.clock.now().getFullYear();
    return settings ? { opdCode: settings.opd.code, year } : { year };
  }

  function catalogInfo(): CatalogInfo | null {
    const [row] = deps.db.query<{ file_name: string; issued_by: string | null; issued_at: string | null; imported_at: string; entry_count: number }>(
      'SELECT file_name, issued_by, issued_at, imported_at, entry_count FROM activity_catalog_info WHERE id = 1',
    );
    if (!row) return null;
    const [opd] = deps.db.query<{ n: number }>('SELECT COUNT(DISTINCT opd_code) AS n FROM activity_catalog');
    const info: CatalogInfo = { fileName: row.file_name, importedAt: row.imported_at, entryCount: row.entry_count, opdCount: opd?.n ?? 0 };
    if (row.issued_by) info.issuedBy = row.issued_by;
    if (row.issued_at) info.issuedAt = row.issued_at;
    return info;
  }

  return {
    list(): RencanaAksiSummary[] {
      const rows = deps.db.query<{ id: string }>('SELECT id FROM documents WHERE kind = ? ORDER BY updated_at DESC', [RENCANA_AKSI_KIND]);
      return rows.map(({ id }) => {
        const doc = load(id);
        const analysis = analyze(doc.plan);
        return {
          id,
          title: doc.plan.title,
          opdCode: doc.plan.opdCode,
          year: doc.plan.year,
          revision: doc.revision,
          updatedAt: doc.updatedAt,
          total: analysis.totals.total,
          stageCount: analysis.stageCount,
          errorCount: analysis.errorCount,
          warningCount: analysis.warningCount,
        };
      });
    },

    get(id: string): RencanaAksiDocument {
      const doc = load(id);
      return { ...doc, analysis: analyze(doc.plan) };
    },

    save: store,

    validate(plan: RencanaAksiPlan): PlanAnalysis {
      checkSize(plan);
      return analyze(normalizePlan(plan));
    },

    async remove(id: string): Promise<{ id: string }> {
      load(id);
      await deps.db.write([{ sql: 'DELETE FROM documents WHERE id = ? AND kind = ?', params: [id, RENCANA_AKSI_KIND] }]);
      return { id };
    },

    /** Reads a sheet into a plan; nothing is stored unless shouldSave (the plan on screen stays as it was on failure). */
    async importFile(input: { fileName: string; bytes: Uint8Array; opdCode?: string; year?: number; shouldSave?: boolean }): Promise<RencanaAksiImportResult> {
      const table = await deps.files.read(input.fileName, input.bytes);
      const base = await defaults();
      const opdCode = input.opdCode ?? base.opdCode;
      const { plan, importFindings } = readPlanFromTable(table, { id: newId(), year: input.year ?? base.year, ...(opdCode ? { opdCode } : {}) });
      const analysis = analyze(plan);
      if (importFindings.length > 0) {
        analysis.findings = [...analysis.findings, ...importFindings].sort(byRow);
        analysis.warningCount += importFindings.filter((f) => f.severity === 'warning').length;
        analysis.errorCount += importFindings.filter((f) => f.severity === 'error').length;
      }
      if (!input.shouldSave) return { plan, analysis };
      const saved = await store(plan);
      return { plan: saved.plan, analysis, saved: { revision: saved.revision, createdAt: saved.createdAt, updatedAt: saved.updatedAt } };
    },

    async exportPlan(input: { id?: string; plan?: RencanaAksiPlan; format: 'xlsx' | 'csv' }): Promise<ExportedFile> {
      const plan = input.plan ? normalizePlan(input.plan) : load(input.id ?? '').plan;
      checkSize(plan);
      const sheets = planToSheets(plan, { withSummary: input.format === 'xlsx' });
      const bytes = await deps.files.write(sheets, input.format);
      const name = ['rencana-aksi', plan.opdCode && slugOf(plan.opdCode, 'rencana-aksi'), String(plan.year), slugOf(plan.title, 'rencana-aksi')].filter(Boolean).join('-');
      return { fileName: `${name}.${input.format}`, mimeType: MIME[input.format], bytes };
    },

    /** Replaces the whole catalog (Diskominfo distributes it whole) in one atomic write. */
    async importCatalog(input: { fileName: string; bytes: Uint8Array }): Promise<CatalogInfo> {
      let parsed: Catalog;
      if (/\.json$/i.test(input.fileName)) {
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
        } catch {
          throw new BerkasError('CATALOG_NOT_UTF8', `Katalog kegiatan ${input.fileName} tidak sah: bukan teks UTF-8.`, { file: input.fileName });
        }
        parsed = readCatalogJson(input.fileName, text);
      } else {
        const table = await deps.files.read(input.fileName, input.bytes);
        parsed = readCatalogTable(input.fileName, table.sheets);
      }
      const importedAt = now();
      const statements: SqlStatement[] = [{ sql: 'DELETE FROM activity_catalog' }, { sql: 'DELETE FROM activity_catalog_info' }];
      for (const e of parsed.entries) {
        statements.push({
          sql: 'INSERT INTO activity_catalog (opd_code, opd_name, year, activity, output, program_code, plan) VALUES (?, ?, ?, ?, ?, ?, ?)',
          params: [e.opdCode, e.opdName, e.year ?? null, e.activity, e.output ?? null, e.programCode ?? null, e.plan ?? null],
        });
      }
      statements.push({
        sql: 'INSERT INTO activity_catalog_info (id, file_name, issued_by, issued_at, imported_at, entry_count) VALUES (1, ?, ?, ?, ?, ?)',
        params: [input.fileName, parsed.issuedBy ?? null, parsed.issuedAt ?? null, importedAt, parsed.entries.length],
      });
      await deps.db.write(statements);
      catalogCache = undefined;
      return catalogInfo() as CatalogInfo;
    },

    catalogInfo,

    catalogSnapshot(): CatalogSnapshot {
      return { info: catalogInfo(), entries: catalog().entries };
    },
  };
}

export type RencanaAksiService = ReturnType<typeof createRencanaAksiService>;
