/**
 * Reference data the app fetches (PROTOCOL.md §9): profiles, the catalog of
 * accepted activities, the reporting calendar. Bodies are cached with their
 * ETag; the catalog is rebuilt only after a commit or a review decision.
 */
import type { RegionProfile } from '../../core/domain/profiles/profile';
import type { CatalogEntry } from '../../core/domain/rencana-aksi/catalog';
import { sha256Hex } from '../protocol/canonical-json';
import type { IntakeService } from '../intake/service';
import { calendarOf } from './calendar';
import { catalogJson } from './catalog';
import { countedRows } from '../consolidation/rules';
import type { PlanFacts } from '../consolidation/facts';

export interface JsonBody {
  body: string;
  etag: string;
}

function jsonBody(value: unknown): JsonBody {
  const body = JSON.stringify(value);
  return { body, etag: `"${sha256Hex(body)}"` };
}

export class ReferenceData {
  private readonly profilesBody: JsonBody;
  private catalogCache: { generation: number; body: JsonBody } | null = null;

  constructor(
    private readonly service: IntakeService,
    private readonly profiles: readonly RegionProfile[],
    private readonly issuedBy: string,
  ) {
    this.profilesBody = jsonBody({ profiles });
  }

  profilesJson(): JsonBody {
    return this.profilesBody;
  }

  calendarJson(year: number, profileId: string | null): JsonBody | null {
    const chosen = profileId === null ? this.profiles : this.profiles.filter((p) => p.id === profileId);
    if (profileId !== null && chosen.length === 0) return null;
    return jsonBody({ year, profiles: chosen.map((p) => calendarOf(p, year)) });
  }

  /**
   * The activities of every counted rencana aksi (accepted, not replaced, newest of its chain: the rule of
   * consolidation/rules.ts), less the ones a reviewer marked as no duplicate source, each naming its plan.
   */
  async catalogJson(now: Date): Promise<JsonBody> {
    const generation = this.service.changeGeneration;
    if (this.catalogCache && this.catalogCache.generation === generation) return this.catalogCache.body;
    const repo = this.service.repo;
    const [rows, opds, exclusions] = await Promise.all([repo.console.committedFacts(), repo.listOpds(), repo.console.listExclusions()]);
    const names = new Map(opds.map((o) => [o.code, o.name]));
    const excluded = new Set(exclusions.map((e) => `${e.submissionId}\u0000${e.activityKey}`));
    const entries: CatalogEntry[] = [];
    for (const row of countedRows(rows.filter((r) => r.type === 'rencana-aksi')).counted) {
      const facts = row.facts as PlanFacts | null;
      if (facts?.kind !== 'rencana-aksi') continue;
      for (const a of facts.activities) {
        if (excluded.has(`${row.id}\u0000${a.key}`)) continue;
        const entry: CatalogEntry = { opdCode: row.opd, opdName: (names.get(row.opd) ?? row.opd).slice(0, 300), year: facts.year, activity: a.name.slice(0, 500) };
        if (a.output) entry.output = a.output.slice(0, 500);
        if (facts.programCode) entry.programCode = facts.programCode;
        if (facts.title) entry.plan = facts.title;
        entries.push(entry);
      }
    }
    entries.sort((a, b) => a.opdCode.localeCompare(b.opdCode) || (a.year ?? 0) - (b.year ?? 0) || a.activity.localeCompare(b.activity, 'id'));
    const body = jsonBody(catalogJson(entries, this.issuedBy, now.toISOString().slice(0, 10)));
    this.catalogCache = { generation, body };
    return body;
  }
}
