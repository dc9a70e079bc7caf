/**
 * Report use cases (issue 6; the report types themselves are the profile
 * service's): the due calendar, reports as documents, carry-over into the
 * next period, attachments and the asset register, and the signed PDF with
 * its data.json. Signing itself is the signing service's: `sign` takes a
 * function that signs the rendered PDF with the key the caller chose. Each
 * part in its module: store.ts, views.ts, documents.ts, assets.ts,
 * signed-documents.ts.
 */
import type { AssetFiles, BlobStore, Clock, DocumentRepository, ProfileSource, ReportRenderer, SettingsStore } from '../../ports';
import type { DocumentLifecycle } from '../../domain/documents/lifecycle';
import { dueCalendar, type DueItem, type ReportSummary, type ReportView } from '../../domain/reports';
import type { KeepSigned } from '../documents/revisions';
import { createReportAssets } from './assets';
import { createReportDocuments } from './documents';
import { createSignedDocuments } from './signed-documents';
import { createReportStore } from './store';
import { createReportViews } from './views';

export { MAX_ASSET_FILE_BYTES, type AssetImportSummary } from './assets';
export type { ReportSaveInput } from './documents';
export type { PreparedReport, ReportHolder, ReportSignature, ReportSigner, SignedReport } from './signed-documents';

export interface ReportsServiceDeps {
  /** Documents of kind 'report'. */
  documents: DocumentRepository;
  blobs: BlobStore;
  clock: Clock;
  settings: SettingsStore;
  profiles: ProfileSource;
  renderer: ReportRenderer;
  files: AssetFiles;
  appVersion: string;
  newId?: () => string;
  /** Keeps what is signed as a revision of the document (the documents journey); absent: the blobs only. */
  keep?: KeepSigned;
  /**
   * A report's lifecycle (the documents journey): the calendar counts a
   * period only once Diskominfo received it. Absent: nothing is received.
   */
  lifecycleOf?: (id: string) => { lifecycle: DocumentLifecycle; isReceived: boolean } | null;
}

/** Before the journey knows a report (no journey in this workspace): signed or not, never received. */
function localLifecycle(isSigned: boolean): { lifecycle: DocumentLifecycle; isReceived: boolean } {
  return { lifecycle: { state: isSigned ? 'ditandatangani' : 'draf', queue: null }, isReceived: false };
}

export function createReportsService(deps: ReportsServiceDeps) {
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  const store = createReportStore(deps);
  const lifecycleOf = (id: string, isSigned: boolean) => deps.lifecycleOf?.(id) ?? localLifecycle(isSigned);
  const views = createReportViews({ store, blobs: deps.blobs, clock: deps.clock, lifecycleOf });
  const documents = createReportDocuments({ store, views, blobs: deps.blobs, newId });
  const assets = createReportAssets({ store, views, documents, files: deps.files, profiles: deps.profiles, newId });
  const signed = createSignedDocuments({ store, views, ...deps });

  return {
    /** The due calendar of the active profile on the clock's today (or `on`, "YYYY-MM-DD"). */
    async due(on?: string): Promise<DueItem[]> {
      const settings = await store.requireSettings();
      const profile = deps.profiles.get(settings.opd.profileId);
      // Only reports of this profile (or from before profiles were recorded) fill its calendar: a Pontianak report does not satisfy a Banjarmasin due date.
      const records = store
        .all()
        .filter((r) => r.stored.profileId === undefined || r.stored.profileId === profile.id)
        .map((r) => ({ id: r.id, typeKey: r.stored.typeKey, period: r.stored.period, ...lifecycleOf(r.id, r.stored.signatures.length > 0), updatedAt: r.updatedAt }));
      return dueCalendar(profile.reports, on ?? views.today(), records, { startsOn: settings.reportsStartOn });
    },

    today: views.today,

    async list(): Promise<ReportSummary[]> {
      const profile = await store.activeProfile();
      return store.all().map((loaded) => views.summary(loaded, profile));
    },

    get: (id: string): Promise<ReportView> => views.view(store.load(id)),

    save: documents.save,
    remove: documents.remove,
    carryOver: documents.carryOver,
    attach: documents.attach,
    importAssets: assets.importAssets,
    exportAssets: assets.exportAssets,
    preview: signed.preview,
    signPreview: signed.signPreview,
    sign: signed.sign,
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
