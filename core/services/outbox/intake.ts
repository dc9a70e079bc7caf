/**
 * Packages into the kotak keluar: a signed PDF (with the data.json of the
 * plan or report it was made from, or the officer's), or a package ZIP from
 * anywhere, read as hostile input. One signed document is sent once; a
 * correction is a revision with a newly signed PDF.
 */
import type { ForeignBag, SettingsStore, SubmissionPackager, Clock } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { tagValue } from '../../domain/handover/bagit';
import { beritaAcaraPath } from '../../domain/handover/bundle';
import type { Random } from '../../domain/outbox/backoff';
import { newStatus, transition } from '../../domain/outbox/machine';
import {
  canonicalJson,
  distinctBlobs,
  isOpdCode,
  isPeriod,
  isSubmissionId,
  isSubmissionType,
  mainDocumentPath,
  submissionTypeLabels,
  type SubmissionMeta,
  type SubmissionType,
} from '../../domain/outbox/manifest';
import type { OutboxItemRecord, OutboxRepository } from './ports';
import type { OutboxStore } from './store';

/** What a signed PDF's data.json comes from when the PDF names a Berkas document. */
export interface DocumentSource {
  type: SubmissionType;
  period: string;
  title: string;
  /** For a report: its type key in the region profile (bag-info Berkas-Report-Type). */
  reportType?: string;
  data: unknown;
  /** When the document last changed: after the signature means the PDF no longer shows it. */
  updatedAt: string;
  /**
   * The signed PDFs (SHA-256) the document itself recorded at its present
   * revision (a report keeps them): such a PDF shows the present data, however
   * long recording the signature took after the PDF was signed.
   */
  signedPdfSha256s?: readonly string[];
}

export interface AddPdfInput {
  fileName: string;
  bytes: Uint8Array;
  /** data.json given by the officer, when the PDF does not name a Berkas document. */
  data?: unknown;
  type?: SubmissionType;
  period?: string;
  revisionOf?: string;
  reportType?: string;
  title?: string;
  attachments?: { name: string; file: string }[];
  isHeld?: boolean;
}

export interface IntakeDeps {
  repository: OutboxRepository;
  store: OutboxStore;
  packager: SubmissionPackager;
  settings: SettingsStore;
  clock: Clock;
  random: Random;
  findDocument(documentId: string): DocumentSource | null | Promise<DocumentSource | null>;
  appVersion: string;
}

export function createIntake(deps: IntakeDeps) {
  const now = () => deps.clock.now();

  /** The OPD a package is sent for: the enrolled one, else the one of the settings. */
  async function opdCode(): Promise<{ code: string; name: string; profileId: string | undefined }> {
    const e = deps.repository.enrollment();
    const settings = await deps.settings.load();
    const code = e?.opdCode ?? settings?.opd.code.trim().toUpperCase() ?? '';
    if (!isOpdCode(code)) {
      throw new BerkasError('OPD_CODE_MISSING', `Kode OPD "${code}" tidak dapat dipakai untuk kiriman; isi kode OPD di Pengaturan (huruf besar, angka, titik, garis bawah, tanda hubung) atau daftarkan perangkat dulu.`, { field: 'opd.code', code });
    }
    return { code, name: e?.opdName ?? settings?.opd.name ?? code, profileId: settings?.opd.profileId };
  }

  async function insert(built: Awaited<ReturnType<SubmissionPackager['build']>>, isHeld: boolean): Promise<OutboxItemRecord> {
    const m = built.manifest;
    const mainSha = m.files.find((f) => f.path === m.mainDocument)?.sha256 ?? '';
    return deps.store.exclusive(async () => {
      const same = deps.repository.item(m.submissionId);
      if (same) {
        if (same.manifestSha256 === built.manifestSha256) return same;
        throw new BerkasError('OUTBOX_DUPLICATE_ID', `Kotak keluar sudah memuat paket ${m.submissionId} dengan isi lain; paket dengan id yang sama tidak boleh berbeda isi.`, { id: m.submissionId });
      }
      // Checked again here, one package at a time: two adds of one signed PDF at once (a double click) both passed the check before packaging.
      refuseDuplicatePdf(mainSha);
      const createdAt = now();
      let status = transition(newStatus(createdAt, distinctBlobs(m).reduce((a, b) => a + b.size, 0)), { type: 'enqueue' }, { now: createdAt, random: deps.random });
      if (isHeld) status = transition(status, { type: 'hold' }, { now: createdAt, random: deps.random });
      return deps.repository.insertItem({
        id: m.submissionId,
        title: built.title,
        type: m.type,
        opd: m.opd,
        period: m.period,
        revisionOf: m.revisionOf,
        mainDocument: m.mainDocument,
        mainSha256: mainSha,
        manifestJson: canonicalJson(m),
        manifestSha256: built.manifestSha256,
        packageSha256: built.packageSha256,
        packageSize: built.packageSize,
        status,
        createdAt: createdAt.toISOString(),
      });
    });
  }

  function refuseDuplicatePdf(mainSha256: string): void {
    const dup = deps.repository.itemWithMainDocument(mainSha256);
    if (dup) {
      throw new BerkasError(
        'OUTBOX_DUPLICATE',
        `PDF ini sudah ada di kotak keluar sebagai "${dup.title}" (id ${dup.id}, ${dup.status.state}). Satu dokumen bertanda tangan dikirim sekali; perbaikan dikirim sebagai revisi dengan PDF yang ditandatangani ulang.`,
        { id: dup.id, title: dup.title },
      );
    }
  }

  return {
    async addPdf(input: AddPdfInput): Promise<OutboxItemRecord> {
      const inspection = await deps.packager.inspectPdf(input.bytes, input.fileName);
      if (!inspection.isSigned) {
        const why = inspection.problems.length > 0 ? ` (${inspection.problems.slice(0, 2).join('; ')})` : '';
        throw new BerkasError(
          inspection.problems.length > 0 ? 'SIGNATURE_INVALID' : 'PDF_NOT_SIGNED',
          inspection.problems.length > 0
            ? `PDF ${input.fileName} memuat tanda tangan elektronik yang tidak utuh${why}; PDF yang berubah setelah ditandatangani tidak dapat dikirim.`
            : `PDF ${input.fileName} belum ditandatangani secara elektronik. Tandatangani dulu (Rencana Aksi → Tandatangani, atau: berkas sign), lalu masukkan ke kotak keluar.`,
          { file: input.fileName },
        );
      }
      const pdfSha256 = inspection.sha256;
      refuseDuplicatePdf(pdfSha256);

      let data = input.data;
      let type = input.type;
      let period = input.period;
      let title = input.title;
      let reportType = input.reportType;
      if (data === undefined) {
        const source = inspection.documentId ? await deps.findDocument(inspection.documentId) : null;
        if (!source) {
          throw new BerkasError(
            'OUTBOX_DATA_MISSING',
            `PDF ${input.fileName} tidak berasal dari dokumen yang tersimpan di Berkas ini${inspection.documentId ? ` (id dokumen ${inspection.documentId} tidak ditemukan)` : ''}, jadi data.json-nya tidak diketahui. Sertakan datanya (--data BERKAS.json) beserta jenis dan periodenya.`,
            { file: input.fileName, field: 'data' },
          );
        }
        const isRecordedAsSigned = source.signedPdfSha256s?.includes(pdfSha256) === true;
        if (!isRecordedAsSigned && inspection.signedAt && Date.parse(source.updatedAt) > Date.parse(inspection.signedAt) + 1000) {
          throw new BerkasError(
            'OUTBOX_DATA_CHANGED',
            `"${source.title}" diubah (${source.updatedAt}) setelah PDF ${input.fileName} ditandatangani (${inspection.signedAt}); data.json tidak lagi sama dengan isi PDF. Tandatangani ulang PDF-nya, atau sertakan data yang sesuai dengan --data.`,
            { file: input.fileName, title: source.title, updatedAt: source.updatedAt, signedAt: inspection.signedAt },
          );
        }
        data = source.data;
        type = type ?? source.type;
        period = period ?? source.period;
        title = title ?? source.title;
        reportType = reportType ?? source.reportType;
      } else if (data !== null && typeof data === 'object' && (data as { format?: unknown }).format === 'berkas-rencana-aksi') {
        const year = (data as { plan?: { year?: unknown } }).plan?.year;
        type = type ?? 'rencana-aksi';
        if (period === undefined && typeof year === 'number' && Number.isInteger(year)) period = String(year);
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new BerkasError('OUTBOX_DATA_INVALID', 'data.json kiriman harus berupa objek JSON ({ … }).', { field: 'data' });
      }
      if (!isSubmissionType(type)) throw new BerkasError('OUTBOX_TYPE_MISSING', `Sebutkan jenis kiriman: ${Object.entries(submissionTypeLabels).map(([k, v]) => `${k} (${v})`).join(', ')}.`, { field: 'type', types: Object.keys(submissionTypeLabels) });
      if (!isPeriod(period)) throw new BerkasError('OUTBOX_PERIOD_INVALID', `Periode "${period ?? ''}" tidak sah; contoh: 2025, 2025-T1, 2025-S2, 2025-06, 2025-06-17.`, { field: 'period', period: period ?? '' });
      if (input.revisionOf !== undefined && !isSubmissionId(input.revisionOf)) {
        throw new BerkasError('OUTBOX_REVISION_INVALID', `"${input.revisionOf}" bukan id kiriman (UUIDv7 atau ULID) yang dapat direvisi.`, { field: 'revisionOf', revisionOf: input.revisionOf });
      }
      const opd = await opdCode();
      const createdAt = now();
      const meta: SubmissionMeta = {
        submissionId: deps.packager.newSubmissionId(createdAt),
        type,
        opd: opd.code,
        period,
        revisionOf: input.revisionOf ?? null,
        appVersion: deps.appVersion,
        mainDocument: mainDocumentPath(input.fileName),
        ...(type === 'laporan' && reportType ? { reportType } : {}),
        ...(opd.profileId ? { profileId: opd.profileId } : {}),
      };
      const built = await deps.packager.build({
        meta,
        title: (title ?? input.fileName.replace(/\.pdf$/i, '')).slice(0, 300),
        sourceOrganization: opd.name,
        pdf: { fileName: input.fileName, bytes: input.bytes },
        data,
        attachments: input.attachments ?? [],
        createdAt,
      });
      return insert(built, input.isHeld === true);
    },

    async addPackage(file: string, options: { isHeld?: boolean; revisionOf?: string } = {}): Promise<OutboxItemRecord> {
      const opd = await opdCode();
      // A handover bundle bagged by Berkas is not a submission yet: the same files become one, with its signed berita acara as the main document.
      const wrap = (bag: ForeignBag): SubmissionMeta | null => {
        if (tagValue(bag.bagInfo, 'Berkas-Document') !== 'serah-terima-aplikasi') return null;
        const main = bag.signedPdfs.includes(beritaAcaraPath) ? beritaAcaraPath : bag.signedPdfs[0];
        if (!main) return null;
        const bagged = /^(\d{4})-/.exec(tagValue(bag.bagInfo, 'Bagging-Date') ?? '');
        const createdAt = now();
        return {
          submissionId: deps.packager.newSubmissionId(createdAt),
          type: 'serah-terima',
          opd: opd.code,
          period: bagged?.[1] ?? String(createdAt.getFullYear()),
          revisionOf: options.revisionOf ?? null,
          appVersion: deps.appVersion,
          mainDocument: main,
          ...(opd.profileId ? { profileId: opd.profileId } : {}),
        };
      };
      const built = await deps.packager.importZip(file, wrap);
      const e = deps.repository.enrollment();
      if (e && built.manifest.opd !== e.opdCode) {
        throw new BerkasError('OPD_MISMATCH', `Paket ${file} dibuat untuk OPD ${built.manifest.opd}, sedangkan perangkat ini terdaftar untuk ${e.opdCode}; server akan menolaknya.`, { file, packageOpd: built.manifest.opd, enrolledOpd: e.opdCode });
      }
      if (!deps.repository.item(built.manifest.submissionId)) refuseDuplicatePdf(built.manifest.files.find((f) => f.path === built.manifest.mainDocument)?.sha256 ?? '');
      return insert(built, options.isHeld === true);
    },
  };
}
