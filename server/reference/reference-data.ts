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
import { catalogJson, DATA_JSON, entriesFromDataJson, newestAccepted } from './catalog';
import type { SubmissionRecord } from '../store/repository';

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

  async catalogJson(now: Date): Promise<JsonBody> {
    const generation = this.service.changeGeneration;
    if (this.catalogCache && this.catalogCache.generation === generation) return this.catalogCache.body;
    const repo = this.service.repo;
    const accepted: SubmissionRecord[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await repo.listSubmissions({ type: 'rencana-aksi', state: 'committed', reviewStatus: 'diterima', limit: 500, offset, order: 'committed-desc' });
      accepted.push(...page);
      if (page.length < 500) break;
    }
    const names = new Map((await repo.listOpds()).map((o) => [o.code, o.name]));
    const entries: CatalogEntry[] = [];
    for (const record of newestAccepted(accepted)) {
      if (!record.manifest.files.some((f) => f.path === DATA_JSON)) continue;
      const bytes = await this.service.fileOf(record, DATA_JSON);
      entries.push(...entriesFromDataJson(record, names.get(record.opd) ?? record.opd, bytes));
    }
    entries.sort((a, b) => a.opdCode.localeCompare(b.opdCode) || (a.year ?? 0) - (b.year ?? 0) || a.activity.localeCompare(b.activity, 'id'));
    const body = jsonBody(catalogJson(entries, this.issuedBy, now.toISOString().slice(0, 10)));
    this.catalogCache = { generation, body };
    return body;
  }
}
