/**
 * Writing reports: saving the officer's data (only the type's fields, rows
 * with ids, attachments that exist), one report per type and period, a new
 * period carried over from the last, and files attached to a field.
 */
import type { BlobStore } from '../../ports';
import { BerkasError } from '../../domain/errors';
import {
  assetFieldOf,
  carryOverData,
  checkAttachment,
  definitionFor,
  eventDateFromData,
  isAttachmentValue,
  isTableValue,
  parsePeriod,
  reportTitle,
  sniffMediaType,
  type AttachmentRef,
  type CarriedFrom,
  type FieldDef,
  type ReportData,
  type ReportDefinition,
  type ReportView,
  type StoredReport,
} from '../../domain/reports';
import type { ReportStore } from './store';
import type { ReportViews } from './views';

export interface ReportSaveInput {
  /** '' or absent: a new report. */
  id?: string;
  typeKey: string;
  period: string;
  data: ReportData;
  baseRevision?: number;
}

function fieldOf(def: ReportDefinition, key: string): FieldDef {
  const field = def.fields.find((f) => f.key === key);
  if (!field) throw new BerkasError('FIELD_UNKNOWN', `Laporan ${def.key} tidak memiliki kolom "${key}".`, { field: key, typeKey: def.key });
  return field;
}

export function createReportDocuments(deps: { store: ReportStore; views: ReportViews; blobs: BlobStore; newId: () => string }) {
  const { store, views, newId } = deps;

  /** Only the fields of the type, table rows with ids and known columns, attachments that are in the blob store. */
  async function clean(def: ReportDefinition, data: ReportData): Promise<ReportData> {
    const out: ReportData = {};
    for (const field of def.fields) {
      const value = data[field.key];
      if (value === undefined) continue;
      if (field.kind === 'table') {
        if (!isTableValue(value)) throw new BerkasError('FIELD_NOT_TABLE', `"${field.label}" harus berupa tabel (daftar baris).`, { field: field.key });
        if (field.maxRows !== undefined && value.length > field.maxRows) {
          throw new BerkasError('TOO_MANY_ROWS', `Tabel "${field.label}" berisi ${value.length} baris, melebihi batas ${field.maxRows} baris.`, { field: field.key, rows: value.length, maxRows: field.maxRows });
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
        if (!isAttachmentValue(value)) throw new BerkasError('FIELD_NOT_ATTACHMENT', `"${field.label}" harus berupa lampiran.`, { field: field.key });
        if (!(await deps.blobs.has(value.sha256))) {
          throw new BerkasError('ATTACHMENT_MISSING', `Lampiran "${value.name}" untuk "${field.label}" tidak ada di penyimpanan; lampirkan ulang berkasnya.`, { field: field.key, name: value.name });
        }
        out[field.key] = value;
      } else if (field.kind === 'boolean') {
        out[field.key] = value === true;
      } else {
        if (typeof value !== 'string') throw new BerkasError('FIELD_NOT_TEXT', `"${field.label}" harus berupa teks.`, { field: field.key });
        out[field.key] = value;
      }
    }
    return out;
  }

  async function save(input: ReportSaveInput): Promise<ReportView> {
    const profile = await store.activeProfile();
    const existing = input.id ? store.load(input.id) : null;
    if (existing && existing.stored.typeKey !== input.typeKey) {
      throw new BerkasError('TYPE_MISMATCH', `Laporan ${existing.id} berjenis ${existing.stored.typeKey}, bukan ${input.typeKey}; jenis laporan tidak dapat diganti.`, {
        field: 'typeKey',
        id: existing.id,
        storedType: existing.stored.typeKey,
        typeKey: input.typeKey,
      });
    }
    const type = existing ? store.typeOf(store.profileOf(existing.stored, profile), input.typeKey) : profile.reports.find((r) => r.key === input.typeKey);
    if (!type) {
      throw new BerkasError(
        'REPORT_TYPE_UNKNOWN',
        `Jenis laporan "${input.typeKey}" tidak ada dalam ${profile.regulation.shortTitle}; yang ada: ${profile.reports.map((r) => r.key).join(', ') || '-'}.`,
        {
          field: 'typeKey',
          typeKey: input.typeKey,
          regulation: profile.regulation.shortTitle,
          known: profile.reports.map((r) => r.key),
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
      const other = store.findExisting(type.key, period.code, existing?.id, existing ? existing.stored.profileId : profile.id);
      if (other) {
        throw new BerkasError('REPORT_EXISTS', `${type.name} periode ${period.label} sudah ada (id ${other.id}); buka laporan itu.`, { field: 'period', id: other.id, typeName: type.name, period: period.code });
      }
    }
    // A new report records the profile it is made under; an existing one keeps what it had.
    const profileId = existing ? existing.stored.profileId : profile.id;
    const stored: StoredReport = {
      v: 1,
      ...(profileId ? { profileId } : {}),
      typeKey: type.key,
      period: period.code,
      data,
      status: 'draf',
      ...(existing?.stored.carriedFrom ? { carriedFrom: existing.stored.carriedFrom } : {}),
      signatures: existing?.stored.signatures ?? [],
    };
    const id = existing?.id ?? newId();
    const saved = await store.write({ id, stored, title: reportTitle(type.name, period) }, existing, input.baseRevision);
    return views.view(saved, profile);
  }

  return {
    save,

    async remove(id: string): Promise<{ id: string }> {
      store.load(id);
      await store.remove(id);
      return { id };
    },

    /** A new report for `toPeriod` starting from the report of `fromPeriod` (issue 6 item 3). */
    async carryOver(input: { typeKey: string; fromPeriod: string; toPeriod: string }): Promise<ReportView> {
      const profile = await store.activeProfile();
      const type = profile.reports.find((r) => r.key === input.typeKey);
      if (!type) throw new BerkasError('REPORT_TYPE_UNKNOWN', `Jenis laporan "${input.typeKey}" tidak ada dalam ${profile.regulation.shortTitle}.`, {
        field: 'typeKey',
        typeKey: input.typeKey,
        regulation: profile.regulation.shortTitle,
        known: profile.reports.map((r) => r.key),
      });
      const from = parsePeriod(input.fromPeriod, type.period);
      const to = parsePeriod(input.toPeriod, type.period);
      const candidates = store.all().filter((r) => r.stored.typeKey === type.key && r.stored.period === from.code);
      const source = candidates.sort((a, b) => Number(b.stored.signatures.length > 0) - Number(a.stored.signatures.length > 0) || b.updatedAt.localeCompare(a.updatedAt))[0];
      if (!source) {
        throw new BerkasError('REPORT_CARRY_SOURCE_MISSING', `${type.name} periode ${from.label} belum ada; tidak ada data untuk dibawa ke ${to.label}.`, {
          field: 'fromPeriod',
          typeName: type.name,
          fromPeriod: from.code,
          toPeriod: to.code,
        });
      }
      if (type.period !== 'insidental') {
        const other = store.findExisting(type.key, to.code, undefined, profile.id);
        if (other) throw new BerkasError('REPORT_EXISTS', `${type.name} periode ${to.label} sudah ada (id ${other.id}); buka laporan itu.`, { field: 'toPeriod', id: other.id, typeName: type.name, period: to.code });
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
        views.rememberBaseline(blob.sha256, baseline);
      }
      const stored: StoredReport = { v: 1, profileId: profile.id, typeKey: type.key, period: to.code, data, status: 'draf', carriedFrom, signatures: [] };
      const saved = await store.write({ id: newId(), stored, title: reportTitle(type.name, to) }, null, undefined);
      return views.view(saved, profile);
    },

    /** Stores a file for an attachment field in the blob store and sets it on the report. */
    async attach(input: { reportId: string; field: string; fileName: string; bytes: Uint8Array; baseRevision?: number }): Promise<ReportView> {
      const loaded = store.load(input.reportId);
      const def = definitionFor(loaded.stored.typeKey);
      const field = fieldOf(def, input.field);
      if (field.kind !== 'attachment') throw new BerkasError('FIELD_NOT_ATTACHMENT', `"${field.label}" bukan kolom lampiran.`, { field: field.key });
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
  };
}

export type ReportDocuments = ReturnType<typeof createReportDocuments>;
