/**
 * Reports as stored documents (kind 'report'): read, checked, written with
 * their revision, and the settings and region profile they are read against.
 */
import type { Clock, DocumentRepository, ProfileSource, SettingsStore } from '../../ports';
import { BerkasError } from '../../domain/errors';
import type { RegionProfile, ReportType } from '../../domain/profiles/profile';
import type { Settings } from '../../domain/settings/settings';
import type { StoredReport } from '../../domain/reports';

export interface LoadedReport {
  id: string;
  stored: StoredReport;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReportStoreDeps {
  documents: DocumentRepository;
  settings: SettingsStore;
  profiles: ProfileSource;
  clock: Clock;
}

export function createReportStore(deps: ReportStoreDeps) {
  async function requireSettings(): Promise<Settings> {
    const settings = await deps.settings.load();
    if (!settings) throw new BerkasError('SETTINGS_MISSING', 'Pengaturan OPD dan pejabat belum diisi: isi nama OPD, profil daerah, dan data pejabat dulu.');
    return settings;
  }

  function load(id: string): LoadedReport {
    const doc = deps.documents.get(id);
    if (!doc) throw new BerkasError('NOT_FOUND', `Laporan dengan id ${id} tidak ditemukan.`, { field: 'id', id });
    const stored = doc.data as StoredReport;
    if (stored === null || typeof stored !== 'object' || stored.v !== 1 || typeof stored.typeKey !== 'string' || typeof stored.data !== 'object') {
      throw new BerkasError('DOCUMENT_CORRUPT', `Data laporan ${id} di basis data tidak dikenali (versi ${String((stored as { v?: unknown } | null)?.v)}).`, { field: 'id', id });
    }
    return { id: doc.id, stored: { ...stored, signatures: stored.signatures ?? [] }, revision: doc.revision, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
  }

  /** Every report, the most recently changed first. */
  function all(): LoadedReport[] {
    return deps.documents.ids().map(load);
  }

  return {
    requireSettings,

    async activeProfile(): Promise<RegionProfile> {
      return deps.profiles.get((await requireSettings()).opd.profileId);
    },

    /**
     * The region profile a report was made under (its `profileId`), or the
     * active one for a report from before that was recorded or a profile no
     * longer installed.
     */
    profileOf(stored: StoredReport, active: RegionProfile): RegionProfile {
      if (!stored.profileId || stored.profileId === active.id) return active;
      return deps.profiles.list().find((p) => p.id === stored.profileId) ?? active;
    },

    /**
     * The report type as `profile` names it (pass the report's own profile,
     * see profileOf); a key it lacks is read from any profile that has it.
     */
    typeOf(profile: RegionProfile, key: string): ReportType {
      const own = profile.reports.find((r) => r.key === key);
      if (own) return own;
      for (const p of deps.profiles.list()) {
        const t = p.reports.find((r) => r.key === key);
        if (t) return t;
      }
      return { key, name: key, period: 'insidental', article: '', dueDays: 0 };
    },

    load,
    all,

    /** The report of this type and period under `profileId` (reports from before profiles were recorded count for every profile). */
    findExisting(typeKey: string, period: string, exceptId?: string, profileId?: string): LoadedReport | undefined {
      return all().find(
        (r) => r.stored.typeKey === typeKey && r.stored.period === period && r.id !== exceptId && (profileId === undefined || r.stored.profileId === undefined || r.stored.profileId === profileId),
      );
    },

    /** Writes a new report (`existing` null) or the next revision; `bumpRevision` false records a signature against the same one. */
    async write(report: { id: string; stored: StoredReport; title: string }, existing: LoadedReport | null, baseRevision: number | undefined, bumpRevision = true): Promise<LoadedReport> {
      const at = deps.clock.now().toISOString();
      if (existing) {
        if (baseRevision !== undefined && baseRevision !== existing.revision) {
          throw new BerkasError(
            'REVISION_CONFLICT',
            `Laporan "${report.title}" sudah diubah di tempat lain (revisi ${existing.revision}, yang sedang disunting revisi ${baseRevision}). Muat ulang sebelum menyimpan.`,
            { field: 'baseRevision', current: existing.revision, title: report.title },
          );
        }
        const revision = bumpRevision ? existing.revision + 1 : existing.revision;
        await deps.documents.update({ id: report.id, title: report.title, data: report.stored, revision, updatedAt: at });
        return { id: report.id, stored: report.stored, revision, createdAt: existing.createdAt, updatedAt: at };
      }
      const taken = deps.documents.kindOf(report.id);
      if (taken) throw new BerkasError('ID_TAKEN', `Id ${report.id} sudah dipakai dokumen jenis ${taken}.`, { field: 'id', id: report.id, kind: taken });
      await deps.documents.insert({ id: report.id, title: report.title, data: report.stored, revision: 1, createdAt: at, updatedAt: at });
      return { id: report.id, stored: report.stored, revision: 1, createdAt: at, updatedAt: at };
    },

    remove: (id: string) => deps.documents.remove(id),
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
