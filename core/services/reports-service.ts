/**
 * Report use cases (issue 6; the report types themselves are the profile
 * service's): the due calendar, reports as documents (kind 'report'), carry-over into the
 * next period, attachments and the asset register in the blob store and in
 * .xlsx, and the signed PDF with its data.json. Signing itself is the
 * signing service's: `sign` takes a function that signs the rendered PDF
 * with the key the caller chose.
 */
import type { AssetFiles, BlobStore, Clock, Database, ProfileSource, ReportRenderer, SettingsStore, SqlStatement } from '../ports';
import { BerkasError, isBerkasError } from '../domain/errors';
import type { RegionProfile, ReportType } from '../domain/profiles/profile';
import type { Settings } from '../domain/settings/settings';
import type { Signatory } from '../domain/signing/documents';
import { problemsForSigning, uncertifiedLabel, type CertificateInfo } from '../domain/signing/certificate';
import type { SignPreview } from '../domain/signing/stamp';
import {
  REPORT_KIND,
  assetFieldOf,
  assetsToSheets,
  calendarDateOf,
  carryOverData,
  checkAttachment,
  countBySeverity,
  definitionFor,
  diffTable,
  dueCalendar,
  dueDateOf,
  dueStatusOf,
  eventDateFromData,
  isAttachmentValue,
  isTableValue,
  matchAssetIds,
  parsePeriod,
  readAssetsFromTable,
  reportSummaries,
  reportTitle,
  sniffMediaType,
  validateReport,
  type AssetImportResult,
  type AttachmentRef,
  type CarriedFrom,
  type DueItem,
  type FieldDef,
  type Period,
  type ReportData,
  type ReportDataJson,
  type ReportDefinition,
  type ReportFinding,
  type ReportPdfInput,
  type ReportSummary,
  type ReportView,
  type SignatureRecord,
  type StoredReport,
  type TableDiff,
  type TableRow,
} from '../domain/reports';

export interface ReportsServiceDeps {
  db: Database;
  blobs: BlobStore;
  clock: Clock;
  settings: SettingsStore;
  profiles: ProfileSource;
  renderer: ReportRenderer;
  files: AssetFiles;
  appVersion: string;
  newId?: () => string;
}

/** What the signing step gives back (the signing service's SignedPdf plus who signed). */
export interface ReportSignature {
  pdf: Uint8Array;
  level: 'B-B' | 'B-T';
  signer: string;
  isCertified: boolean;
  fieldName: string;
  documentId: string;
  /** SHA-256 of the unsigned revision, as the stamp's QR code carries it. */
  unsignedSha256: string;
  isCertification: boolean;
  /** 1-based page of the visible signature. */
  page: number;
}

export type ReportSigner = (pdf: Uint8Array, fileName: string, reason: string) => Promise<ReportSignature>;

export interface PreparedReport {
  view: ReportView;
  fileName: string;
  pdf: Uint8Array;
  pages: number;
  title: string;
  dataJson: ReportDataJson;
}

export interface SignedReport {
  report: ReportView;
  fileName: string;
  pdf: Uint8Array;
  pages: number;
  dataFileName: string;
  dataJson: string;
  signature: SignatureRecord;
  details: Omit<ReportSignature, 'pdf'>;
}

export interface ReportSaveInput {
  /** '' or absent: a new report. */
  id?: string;
  typeKey: string;
  period: string;
  data: ReportData;
  baseRevision?: number;
}

export interface AssetImportSummary {
  fileName: string;
  rowCount: number;
  /** Rows recognised as devices already in the register (same serial or code and register). */
  matchedCount: number;
  sheets: AssetImportResult['sheets'];
  ignoredColumns: string[];
  findings: AssetImportResult['findings'];
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Bytes of an uploaded asset-system export (the table readers' own limit is the same). */
export const MAX_ASSET_FILE_BYTES = 20 * 1024 * 1024;

function slug(text: string, max = 60): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max) || 'laporan'
  );
}

/** Minutes east of UTC on the officer's clock (WIB 420, WITA 480, WIT 540). */
const offsetOf = (date: Date) => -date.getTimezoneOffset();

interface Row {
  [key: string]: string | number | null | Uint8Array;
  id: string;
  title: string;
  data: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

interface Loaded {
  id: string;
  stored: StoredReport;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export function createReportsService(deps: ReportsServiceDeps) {
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  const baselines = new Map<string, TableRow[]>();
  const today = () => calendarDateOf(deps.clock.now());

  async function requireSettings(): Promise<Settings> {
    const settings = await deps.settings.load();
    if (!settings) throw new BerkasError('SETTINGS_MISSING', 'Pengaturan OPD dan pejabat belum diisi: isi nama OPD, profil daerah, dan data pejabat dulu.');
    return settings;
  }

  async function activeProfile(): Promise<RegionProfile> {
    return deps.profiles.get((await requireSettings()).opd.profileId);
  }

  /** The report type as the active profile names it; a report made under another profile keeps that profile's words. */
  function typeOf(profile: RegionProfile, key: string): ReportType {
    const own = profile.reports.find((r) => r.key === key);
    if (own) return own;
    for (const p of deps.profiles.list()) {
      const t = p.reports.find((r) => r.key === key);
      if (t) return t;
    }
    return { key, name: key, period: 'insidental', article: '', dueDays: 0 };
  }

  function load(id: string): Loaded {
    const [row] = deps.db.query<Row>('SELECT id, title, data, revision, created_at, updated_at FROM documents WHERE id = ? AND kind = ?', [id, REPORT_KIND]);
    if (!row) throw new BerkasError('NOT_FOUND', `Laporan dengan id ${id} tidak ditemukan.`, { field: 'id' });
    let stored: StoredReport;
    try {
      stored = JSON.parse(row.data) as StoredReport;
    } catch {
      throw new BerkasError('DOCUMENT_CORRUPT', `Data laporan ${id} di basis data rusak (bukan JSON).`, { field: 'id' });
    }
    if (stored.v !== 1 || typeof stored.typeKey !== 'string' || typeof stored.data !== 'object') {
      throw new BerkasError('DOCUMENT_CORRUPT', `Data laporan ${id} di basis data tidak dikenali (versi ${String(stored.v)}).`, { field: 'id' });
    }
    return { id: row.id, stored: { ...stored, signatures: stored.signatures ?? [] }, revision: row.revision, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  function allRows(): Loaded[] {
    return deps.db.query<{ id: string }>('SELECT id FROM documents WHERE kind = ? ORDER BY updated_at DESC', [REPORT_KIND]).map(({ id }) => load(id));
  }

  async function baselineOf(carried: CarriedFrom | undefined): Promise<TableRow[] | null> {
    if (!carried?.assetsSha256) return null;
    const cached = baselines.get(carried.assetsSha256);
    if (cached) return cached;
    try {
      const rows = JSON.parse(new TextDecoder().decode(await deps.blobs.read(carried.assetsSha256))) as TableRow[];
      baselines.set(carried.assetsSha256, rows);
      return rows;
    } catch {
      return null; // The baseline blob is gone (a restore without blobs): the register still works, without its diff.
    }
  }

  function isSignedRevision(loaded: Loaded): boolean {
    return loaded.stored.signatures.some((s) => s.revision === loaded.revision);
  }

  async function summarize(
    loaded: Loaded,
    profile: RegionProfile,
    findings?: ReportFinding[],
  ): Promise<{ summary: ReportSummary; findings: ReportFinding[]; period: Period; def: ReportDefinition }> {
    const type = typeOf(profile, loaded.stored.typeKey);
    const def = definitionFor(type.key);
    const period = parsePeriod(loaded.stored.period, type.period);
    const list = findings ?? validateReport(def, loaded.stored.data, { period, today: today() });
    const dueDate = dueDateOf(period, type.dueDays);
    const counts = countBySeverity(list);
    const last = loaded.stored.signatures.at(-1);
    return {
      summary: {
        id: loaded.id,
        typeKey: type.key,
        typeName: type.name,
        period,
        title: reportTitle(type.name, period),
        status: isSignedRevision(loaded) ? 'ditandatangani' : 'draf',
        isUrgent: type.isUrgent === true,
        dueDate,
        dueStatus: dueStatusOf(dueDate, loaded.stored.signatures.length > 0, today()),
        revision: loaded.revision,
        updatedAt: loaded.updatedAt,
        errorCount: counts.errorCount,
        warningCount: counts.warningCount,
        lastSignedAt: last?.signedAt ?? null,
      },
      findings: list,
      period,
      def,
    };
  }

  async function assetChangesOf(def: ReportDefinition, loaded: Loaded): Promise<TableDiff | null> {
    const field = assetFieldOf(def);
    if (!field) return null;
    const baseline = await baselineOf(loaded.stored.carriedFrom);
    if (!baseline) return null;
    const current = loaded.stored.data[field.key];
    return diffTable(baseline, isTableValue(current) ? current : [], field.columns ?? []);
  }

  async function view(loaded: Loaded, profile?: RegionProfile): Promise<ReportView> {
    const p = profile ?? (await activeProfile());
    const { summary, findings, def } = await summarize(loaded, p);
    return {
      ...summary,
      data: loaded.stored.data,
      createdAt: loaded.createdAt,
      findings,
      carriedFrom: loaded.stored.carriedFrom ?? null,
      assetChanges: await assetChangesOf(def, loaded),
      signatures: loaded.stored.signatures,
    };
  }

  /** Only the fields of the type, table rows with ids and known columns, attachments that are in the blob store. */
  async function clean(def: ReportDefinition, data: ReportData): Promise<ReportData> {
    const out: ReportData = {};
    for (const field of def.fields) {
      const value = data[field.key];
      if (value === undefined) continue;
      if (field.kind === 'table') {
        if (!isTableValue(value)) throw new BerkasError('FIELD_INVALID', `"${field.label}" harus berupa tabel (daftar baris).`, { field: field.key });
        if (field.maxRows !== undefined && value.length > field.maxRows) {
          throw new BerkasError('TOO_MANY_ROWS', `Tabel "${field.label}" berisi ${value.length} baris, melebihi batas ${field.maxRows} baris.`, { field: field.key });
        }
        const seen = new Set<string>();
        out[field.key] = value.map((r) => {
          const cells: Record<string, string> = {};
          for (const c of field.columns ?? []) {
            const v = r.cells[c.key];
            if (typeof v === 'string' && v !== '') cells[c.key] = v;
          }
          // A pasted or duplicated row gets its own id, so the diff never sees two rows as one.
          const id = r.id && !seen.has(r.id) ? r.id : newId();
          seen.add(id);
          return { id, cells };
        });
      } else if (field.kind === 'attachment') {
        if (value === null || value === '') continue;
        if (!isAttachmentValue(value)) throw new BerkasError('FIELD_INVALID', `"${field.label}" harus berupa lampiran.`, { field: field.key });
        if (!(await deps.blobs.has(value.sha256))) {
          throw new BerkasError('ATTACHMENT_MISSING', `Lampiran "${value.name}" untuk "${field.label}" tidak ada di penyimpanan; lampirkan ulang berkasnya.`, { field: field.key });
        }
        out[field.key] = value;
      } else if (field.kind === 'boolean') {
        out[field.key] = value === true;
      } else {
        if (typeof value !== 'string') throw new BerkasError('FIELD_INVALID', `"${field.label}" harus berupa teks.`, { field: field.key });
        out[field.key] = value;
      }
    }
    return out;
  }

  function findExisting(typeKey: string, period: string, exceptId?: string): Loaded | undefined {
    return allRows().find((r) => r.stored.typeKey === typeKey && r.stored.period === period && r.id !== exceptId);
  }

  async function write(
    loaded: { id: string; stored: StoredReport; title: string },
    existing: Loaded | null,
    baseRevision: number | undefined,
    bumpRevision = true,
  ): Promise<Loaded> {
    const at = deps.clock.now().toISOString();
    const data = JSON.stringify(loaded.stored);
    let statement: SqlStatement;
    let revision: number;
    let createdAt: string;
    if (existing) {
      if (baseRevision !== undefined && baseRevision !== existing.revision) {
        throw new BerkasError(
          'REVISION_CONFLICT',
          `Laporan "${loaded.title}" sudah diubah di tempat lain (revisi ${existing.revision}, yang sedang disunting revisi ${baseRevision}). Muat ulang sebelum menyimpan.`,
          { field: 'baseRevision', current: existing.revision },
        );
      }
      revision = bumpRevision ? existing.revision + 1 : existing.revision;
      createdAt = existing.createdAt;
      statement = {
        sql: 'UPDATE documents SET title = ?, data = ?, revision = ?, updated_at = ? WHERE id = ? AND kind = ?',
        params: [loaded.title, data, revision, at, loaded.id, REPORT_KIND],
      };
    } else {
      const [taken] = deps.db.query<{ kind: string }>('SELECT kind FROM documents WHERE id = ?', [loaded.id]);
      if (taken) throw new BerkasError('ID_TAKEN', `Id ${loaded.id} sudah dipakai dokumen jenis ${taken.kind}.`, { field: 'id' });
      revision = 1;
      createdAt = at;
      statement = {
        sql: 'INSERT INTO documents (id, kind, title, data, revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        params: [loaded.id, REPORT_KIND, loaded.title, data, revision, at, at],
      };
    }
    await deps.db.write([statement]);
    return { id: loaded.id, stored: loaded.stored, revision, createdAt, updatedAt: at };
  }

  async function save(input: ReportSaveInput): Promise<ReportView> {
    const profile = await activeProfile();
    const existing = input.id ? load(input.id) : null;
    if (existing && existing.stored.typeKey !== input.typeKey) {
      throw new BerkasError('TYPE_MISMATCH', `Laporan ${existing.id} berjenis ${existing.stored.typeKey}, bukan ${input.typeKey}; jenis laporan tidak dapat diganti.`, {
        field: 'typeKey',
      });
    }
    const type = existing ? typeOf(profile, input.typeKey) : profile.reports.find((r) => r.key === input.typeKey);
    if (!type) {
      throw new BerkasError(
        'REPORT_TYPE_UNKNOWN',
        `Jenis laporan "${input.typeKey}" tidak ada dalam ${profile.regulation.shortTitle}; yang ada: ${profile.reports.map((r) => r.key).join(', ') || '-'}.`,
        {
          field: 'typeKey',
        },
      );
    }
    const def = definitionFor(type.key);
    const data = await clean(def, input.data);
    let period = parsePeriod(input.period, type.period);
    // An event report is dated by its event: the period follows the date typed in the form.
    const eventDate = type.period === 'insidental' ? eventDateFromData(def, data) : null;
    if (eventDate) period = parsePeriod(eventDate, 'insidental');
    if (type.period !== 'insidental') {
      const other = findExisting(type.key, period.code, existing?.id);
      if (other) {
        throw new BerkasError('REPORT_EXISTS', `${type.name} periode ${period.label} sudah ada (id ${other.id}); buka laporan itu.`, { field: 'period', id: other.id });
      }
    }
    const stored: StoredReport = {
      v: 1,
      typeKey: type.key,
      period: period.code,
      data,
      status: 'draf',
      ...(existing?.stored.carriedFrom ? { carriedFrom: existing.stored.carriedFrom } : {}),
      signatures: existing?.stored.signatures ?? [],
    };
    const id = existing?.id ?? newId();
    const saved = await write({ id, stored, title: reportTitle(type.name, period) }, existing, input.baseRevision);
    return view(saved, profile);
  }

  function fieldOf(def: ReportDefinition, key: string): FieldDef {
    const field = def.fields.find((f) => f.key === key);
    if (!field) throw new BerkasError('FIELD_UNKNOWN', `Laporan ${def.key} tidak memiliki kolom "${key}".`, { field: key });
    return field;
  }

  function nomorOf(loaded: Loaded, period: Period): string {
    return `LAP-${period.code}-${loaded.id
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 8)
      .toUpperCase()}`;
  }

  async function prepare(id: string): Promise<PreparedReport & { loaded: Loaded; settings: Settings; profile: RegionProfile; nomor: string; dataSha?: string }> {
    const settings = await requireSettings();
    const profile = deps.profiles.get(settings.opd.profileId);
    const loaded = load(id);
    const reportView = await view(loaded, profile);
    const errors = reportView.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      const shown = errors.slice(0, 5).map((f) => f.message);
      throw new BerkasError(
        'REPORT_INVALID',
        `${reportView.title} belum dapat ditandatangani: ${errors.length} isian belum benar. ${shown.join(' ')}${errors.length > shown.length ? ` (dan ${errors.length - shown.length} lainnya)` : ''}`,
        { findings: errors.slice(0, 50) },
      );
    }
    const type = typeOf(profile, loaded.stored.typeKey);
    const def = definitionFor(type.key);
    const period = reportView.period;
    const date = deps.clock.now();
    const nomor = nomorOf(loaded, period);
    const images: ReportPdfInput['images'] = {};
    const attachments: AttachmentRef[] = [];
    for (const field of def.fields) {
      const ref = loaded.stored.data[field.key];
      if (field.kind !== 'attachment' || !isAttachmentValue(ref)) continue;
      attachments.push(ref);
      if (ref.mediaType === 'image/png' || ref.mediaType === 'image/jpeg') images[ref.sha256] = { bytes: await deps.blobs.read(ref.sha256), mediaType: ref.mediaType };
    }
    const preparer: Signatory = { caption: 'Disusun oleh,', jabatan: settings.officer.jabatan, name: settings.officer.name, nip: settings.officer.nip };
    const approver: Signatory = { caption: 'Mengetahui,', jabatan: `Kepala ${settings.opd.name}`, name: '', nip: '' };
    const input: ReportPdfInput = {
      documentId: loaded.id,
      nomor,
      typeName: type.name,
      article: type.article,
      regulation: profile.regulation.shortTitle,
      definition: def,
      period,
      dueDate: reportView.dueDate,
      isUrgent: reportView.isUrgent,
      data: loaded.stored.data,
      government: profile.terms.government,
      city: profile.terms.city,
      agency: profile.terms.agency,
      opdName: settings.opd.name,
      opdCode: settings.opd.code,
      ictOffice: profile.terms.ictOffice,
      preparer,
      approver,
      date,
      offsetMinutes: offsetOf(date),
      appVersion: deps.appVersion,
      regionId: profile.id,
      assetChanges: reportView.assetChanges,
      carriedFromPeriod: loaded.stored.carriedFrom ? parsePeriod(loaded.stored.carriedFrom.period, type.period).label : null,
      images,
    };
    const rendered = await deps.renderer.render(input);
    const base = ['laporan', slug(type.key, 30), slug(settings.opd.code || settings.opd.name, 30), period.code.toLowerCase()].join('-');
    const changes = reportView.assetChanges;
    const dataJson: ReportDataJson = {
      format: 'berkas-laporan',
      version: 1,
      report: { id: loaded.id, revision: loaded.revision, title: reportView.title, nomor },
      type: { key: type.key, name: type.name, article: type.article, regulation: profile.regulation.shortTitle, period: type.period, isUrgent: type.isUrgent === true },
      period,
      dueDate: reportView.dueDate,
      region: profile.id,
      opd: { name: settings.opd.name, code: settings.opd.code },
      preparedBy: { name: settings.officer.name, nip: settings.officer.nip, jabatan: settings.officer.jabatan },
      createdAt: date.toISOString(),
      data: loaded.stored.data,
      attachments,
      carriedFrom: loaded.stored.carriedFrom ? { period: loaded.stored.carriedFrom.period, reportId: loaded.stored.carriedFrom.reportId } : null,
      assetChanges: changes ? { added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length, unchanged: changes.unchangedCount } : null,
      summaries: reportSummaries(def, loaded.stored.data, period),
    };
    return { view: reportView, fileName: `${base}.pdf`, pdf: rendered.pdf, pages: rendered.pages, title: rendered.title, dataJson, loaded, settings, profile, nomor };
  }

  const service = {
    /** The due calendar of the active profile on the clock's today (or `on`, "YYYY-MM-DD"). */
    async due(on?: string): Promise<DueItem[]> {
      const profile = await activeProfile();
      const records = allRows().map((r) => ({ id: r.id, typeKey: r.stored.typeKey, period: r.stored.period, isSigned: r.stored.signatures.length > 0, updatedAt: r.updatedAt }));
      return dueCalendar(profile.reports, on ?? today(), records);
    },

    today,

    async list(): Promise<ReportSummary[]> {
      const profile = await activeProfile();
      const out: ReportSummary[] = [];
      for (const loaded of allRows()) out.push((await summarize(loaded, profile)).summary);
      return out;
    },

    async get(id: string): Promise<ReportView> {
      return view(load(id));
    },

    save,

    async remove(id: string): Promise<{ id: string }> {
      load(id);
      await deps.db.write([{ sql: 'DELETE FROM documents WHERE id = ? AND kind = ?', params: [id, REPORT_KIND] }]);
      return { id };
    },

    /** A new report for `toPeriod` starting from the report of `fromPeriod` (issue 6 item 3). */
    async carryOver(input: { typeKey: string; fromPeriod: string; toPeriod: string }): Promise<ReportView> {
      const profile = await activeProfile();
      const type = profile.reports.find((r) => r.key === input.typeKey);
      if (!type) throw new BerkasError('REPORT_TYPE_UNKNOWN', `Jenis laporan "${input.typeKey}" tidak ada dalam ${profile.regulation.shortTitle}.`, { field: 'typeKey' });
      const from = parsePeriod(input.fromPeriod, type.period);
      const to = parsePeriod(input.toPeriod, type.period);
      const candidates = allRows().filter((r) => r.stored.typeKey === type.key && r.stored.period === from.code);
      const source = candidates.sort((a, b) => Number(b.stored.signatures.length > 0) - Number(a.stored.signatures.length > 0) || b.updatedAt.localeCompare(a.updatedAt))[0];
      if (!source) {
        throw new BerkasError('NOT_FOUND', `${type.name} periode ${from.label} belum ada; tidak ada data untuk dibawa ke ${to.label}.`, { field: 'fromPeriod' });
      }
      if (type.period !== 'insidental') {
        const other = findExisting(type.key, to.code);
        if (other) throw new BerkasError('REPORT_EXISTS', `${type.name} periode ${to.label} sudah ada (id ${other.id}); buka laporan itu.`, { field: 'toPeriod', id: other.id });
      }
      const def = definitionFor(type.key);
      const data = carryOverData(def, source.stored.data, from, to, newId);
      const carriedFrom: CarriedFrom = { reportId: source.id, period: from.code, revision: source.revision };
      const assetField = assetFieldOf(def);
      if (assetField) {
        const rows = source.stored.data[assetField.key];
        const baseline = isTableValue(rows) ? rows : [];
        const blob = await deps.blobs.put(new TextEncoder().encode(JSON.stringify(baseline)));
        carriedFrom.assetsSha256 = blob.sha256;
        carriedFrom.assetCount = baseline.length;
        baselines.set(blob.sha256, baseline);
      }
      const stored: StoredReport = { v: 1, typeKey: type.key, period: to.code, data, status: 'draf', carriedFrom, signatures: [] };
      const saved = await write({ id: newId(), stored, title: reportTitle(type.name, to) }, null, undefined);
      return view(saved, profile);
    },

    /** Stores a file for an attachment field in the blob store and sets it on the report. */
    async attach(input: { reportId: string; field: string; fileName: string; bytes: Uint8Array; baseRevision?: number }): Promise<ReportView> {
      const loaded = load(input.reportId);
      const def = definitionFor(loaded.stored.typeKey);
      const field = fieldOf(def, input.field);
      if (field.kind !== 'attachment') throw new BerkasError('FIELD_INVALID', `"${field.label}" bukan kolom lampiran.`, { field: field.key });
      const mediaType = checkAttachment(field, input.fileName, input.bytes.length, sniffMediaType(input.bytes.subarray(0, 4096), input.fileName));
      const { sha256, size } = await deps.blobs.put(input.bytes);
      const ref: AttachmentRef = { sha256, name: input.fileName.split(/[\\/]/).pop() ?? input.fileName, size, mediaType };
      return save({
        id: loaded.id,
        typeKey: loaded.stored.typeKey,
        period: loaded.stored.period,
        data: { ...loaded.stored.data, [field.key]: ref },
        ...(input.baseRevision !== undefined ? { baseRevision: input.baseRevision } : {}),
      });
    },

    /** Reads an asset-system export into the register of a report, keeping each known device its id. */
    async importAssets(input: { reportId: string; fileName: string; bytes: Uint8Array; baseRevision?: number }): Promise<{ report: ReportView; import: AssetImportSummary }> {
      const loaded = load(input.reportId);
      const def = definitionFor(loaded.stored.typeKey);
      const field = assetFieldOf(def);
      if (!field) throw new BerkasError('FIELD_UNKNOWN', `Laporan ${loaded.stored.typeKey} tidak memiliki daftar aset.`, { field: 'reportId' });
      const result = readAssetsFromTable(await deps.files.read(input.fileName, input.bytes));
      const current = loaded.stored.data[field.key];
      const previous = isTableValue(current) ? current : [];
      const baseline = (await baselineOf(loaded.stored.carriedFrom)) ?? [];
      const pool = [...previous, ...baseline.filter((b) => !previous.some((p) => p.id === b.id))];
      const rows = matchAssetIds(pool, result.rows, newId);
      const known = new Set(pool.map((r) => r.id));
      const report = await save({
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
      const settings = await requireSettings();
      const profile = deps.profiles.get(settings.opd.profileId);
      const loaded = load(reportId);
      const type = typeOf(profile, loaded.stored.typeKey);
      const def = definitionFor(type.key);
      const field = assetFieldOf(def);
      if (!field) throw new BerkasError('FIELD_UNKNOWN', `Laporan ${type.key} tidak memiliki daftar aset.`, { field: 'reportId' });
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
      return { fileName: `inventaris-tik-${slug(settings.opd.code || settings.opd.name, 30)}-${period.code.toLowerCase()}.xlsx`, mimeType: XLSX_MIME, bytes };
    },

    /** The rendered, unsigned document: what the confirmation shows before signing (pages, title), refused while the report has errors. */
    async preview(id: string): Promise<{ title: string; documentId: string; pages: number; fileName: string }> {
      const prepared = await prepare(id);
      return { title: prepared.title, documentId: id, pages: prepared.pages, fileName: prepared.fileName };
    },

    /** What will be signed and by whom, before the officer confirms; the report's errors stop signing and are listed. */
    async signPreview(id: string, certificate: CertificateInfo): Promise<SignPreview & { reportErrors: string[] }> {
      const report = await service.get(id);
      const now = deps.clock.now();
      let pages = 0;
      let title = report.title;
      const reportErrors = report.findings.filter((f) => f.severity === 'error').map((f) => f.message);
      if (reportErrors.length === 0) {
        try {
          const preview = await service.preview(id);
          pages = preview.pages;
          title = preview.title;
        } catch (err) {
          if (!isBerkasError(err)) throw err;
          reportErrors.push(err.message);
        }
      }
      return {
        documentTitle: title,
        documentId: id,
        pages,
        signer: {
          name: certificate.commonName,
          nip: certificate.nip,
          issuer: certificate.issuerCommonName,
          isCertified: certificate.isCertified,
          note: certificate.isCertified ? '' : uncertifiedLabel,
          notAfter: certificate.notAfter,
        },
        problems: problemsForSigning(certificate, now, offsetOf(now)).map((p) => p.message),
        reportErrors,
      };
    },

    /** Renders, signs (with `signer`), and keeps the signed PDF and its data.json in the blob store. */
    async sign(id: string, signer: ReportSigner): Promise<SignedReport> {
      const prepared = await prepare(id);
      const reason = `Penyusun ${prepared.view.typeName} ${prepared.view.period.label}`;
      const signed = await signer(prepared.pdf, prepared.fileName, reason);
      const dataText = JSON.stringify(prepared.dataJson, null, 2) + '\n';
      const pdfBlob = await deps.blobs.put(signed.pdf);
      const dataBlob = await deps.blobs.put(new TextEncoder().encode(dataText));
      const record: SignatureRecord = {
        signedAt: deps.clock.now().toISOString(),
        revision: prepared.loaded.revision,
        pdfSha256: pdfBlob.sha256,
        pdfSize: pdfBlob.size,
        fileName: prepared.fileName,
        dataSha256: dataBlob.sha256,
        signer: signed.signer,
        level: signed.level,
        isCertified: signed.isCertified,
      };
      // The signature is recorded against the revision it signed; the officer's data is unchanged, so the revision stays.
      const current = load(id);
      if (current.revision !== prepared.loaded.revision) {
        throw new BerkasError('REVISION_CONFLICT', `Laporan diubah selama ditandatangani (revisi ${current.revision}); tanda tangani lagi.`, { field: 'id' });
      }
      const stored: StoredReport = { ...current.stored, status: 'ditandatangani', signatures: [...current.stored.signatures, record] };
      const saved = await write({ id, stored, title: prepared.view.title }, current, undefined, false);
      return {
        report: await view(saved, prepared.profile),
        fileName: prepared.fileName,
        pdf: signed.pdf,
        pages: prepared.pages,
        dataFileName: prepared.fileName.replace(/\.pdf$/, '.json'),
        dataJson: dataText,
        signature: record,
        details: {
          level: signed.level,
          signer: signed.signer,
          isCertified: signed.isCertified,
          fieldName: signed.fieldName,
          documentId: signed.documentId,
          unsignedSha256: signed.unsignedSha256,
          isCertification: signed.isCertification,
          page: signed.page,
        },
      };
    },
  };
  return service;
}

export type ReportsService = ReturnType<typeof createReportsService>;
