/**
 * What a report looks like to the officer: its summary in the list (period,
 * due date, status, findings counted) and the whole view, with the asset
 * register compared with the period it was carried from.
 */
import type { BlobStore, Clock } from '../../ports';
import type { DocumentLifecycle } from '../../domain/documents/lifecycle';
import type { RegionProfile } from '../../domain/profiles/profile';
import {
  assetFieldOf,
  calendarDateOf,
  countBySeverity,
  definitionFor,
  diffTable,
  dueDateOf,
  dueStatusOf,
  isPeriodReported,
  isTableValue,
  parsePeriod,
  reportTitle,
  validateReport,
  type CarriedFrom,
  type Period,
  type ReportDefinition,
  type ReportFinding,
  type ReportSummary,
  type ReportView,
  type TableDiff,
  type TableRow,
} from '../../domain/reports';
import type { LoadedReport, ReportStore } from './store';

export function createReportViews(deps: {
  store: ReportStore;
  blobs: BlobStore;
  clock: Clock;
  /** The report's lifecycle (the documents journey), for its due status. */
  lifecycleOf: (id: string, isSigned: boolean) => { lifecycle: DocumentLifecycle; isReceived: boolean };
}) {
  const { store } = deps;
  /** Carried-over registers by blob: they never change, and every view of the report diffs against one. */
  const baselines = new Map<string, TableRow[]>();
  const today = () => calendarDateOf(deps.clock.now());

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

  function isSignedRevision(loaded: LoadedReport): boolean {
    return loaded.stored.signatures.some((s) => s.revision === loaded.revision);
  }

  function summarize(loaded: LoadedReport, active: RegionProfile): { summary: ReportSummary; findings: ReportFinding[]; period: Period; def: ReportDefinition } {
    // Read under the profile it was made under: a switch of profile does not relabel it.
    const profile = store.profileOf(loaded.stored, active);
    const type = store.typeOf(profile, loaded.stored.typeKey);
    const def = definitionFor(type.key);
    const period = parsePeriod(loaded.stored.period, type.period);
    const findings = validateReport(def, loaded.stored.data, { period, today: today() });
    const dueDate = dueDateOf(period, type.dueDays);
    const counts = countBySeverity(findings);
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
        dueStatus: dueStatusOf(dueDate, isPeriodReported(deps.lifecycleOf(loaded.id, loaded.stored.signatures.length > 0)), today()),
        revision: loaded.revision,
        updatedAt: loaded.updatedAt,
        errorCount: counts.errorCount,
        warningCount: counts.warningCount,
        lastSignedAt: last?.signedAt ?? null,
        ...(profile.id !== active.id ? { madeUnder: profile.name } : {}),
      },
      findings,
      period,
      def,
    };
  }

  async function assetChangesOf(def: ReportDefinition, loaded: LoadedReport): Promise<TableDiff | null> {
    const field = assetFieldOf(def);
    if (!field) return null;
    const baseline = await baselineOf(loaded.stored.carriedFrom);
    if (!baseline) return null;
    const current = loaded.stored.data[field.key];
    return diffTable(baseline, isTableValue(current) ? current : [], field.columns ?? []);
  }

  return {
    today,
    baselineOf,
    /** A register just carried over: kept, so the first view does not read it back. */
    rememberBaseline: (sha256: string, rows: TableRow[]) => void baselines.set(sha256, rows),
    summary: (loaded: LoadedReport, profile: RegionProfile): ReportSummary => summarize(loaded, profile).summary,

    async view(loaded: LoadedReport, profile?: RegionProfile): Promise<ReportView> {
      const p = profile ?? (await store.activeProfile());
      const { summary, findings, def } = summarize(loaded, p);
      return {
        ...summary,
        data: loaded.stored.data,
        createdAt: loaded.createdAt,
        findings,
        carriedFrom: loaded.stored.carriedFrom ?? null,
        assetChanges: await assetChangesOf(def, loaded),
        signatures: loaded.stored.signatures,
      };
    },
  };
}

export type ReportViews = ReturnType<typeof createReportViews>;
