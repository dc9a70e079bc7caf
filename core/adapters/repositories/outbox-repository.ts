/**
 * The outbox's tables (migration 4: outbox_items, outbox_uploads,
 * sync_enrollment) behind the OutboxRepository port. A status is stored as
 * JSON with its state beside it, so the sender's queries can use the index
 * on (state, seq) without reading the JSON.
 */
import type { Database, SqlStatement } from '../../ports';
import type { EnrollmentRecord, OutboxItemRecord, OutboxRepository, QueueEntry, StatusWrite, UploadOffset } from '../../services/outbox/ports';
import type { OutboxStatus } from '../../domain/outbox/machine';
import type { SubmissionType } from '../../domain/outbox/manifest';
import type { ServerKey } from '../../domain/outbox/protocol';

interface ItemRow {
  [key: string]: string | number | null | Uint8Array;
  id: string;
  seq: number;
  title: string;
  type: string;
  opd: string;
  period: string;
  revision_of: string | null;
  main_document: string;
  main_sha256: string;
  manifest: string;
  manifest_sha256: string;
  package_sha256: string;
  package_size: number;
  state: string;
  status: string;
  created_at: string;
  exported_at: string | null;
}

interface EnrollmentRow {
  [key: string]: string | number | null | Uint8Array;
  server_url: string;
  opd_code: string;
  opd_name: string;
  token_id: string;
  device_name: string;
  vault_name: string;
  keys: string;
  enrolled_at: string;
  revoked_at: string | null;
  reviews_since: string | null;
}

function itemOf(r: ItemRow): OutboxItemRecord {
  return {
    id: r.id,
    seq: r.seq,
    title: r.title,
    type: r.type as SubmissionType,
    opd: r.opd,
    period: r.period,
    revisionOf: r.revision_of,
    mainDocument: r.main_document,
    mainSha256: r.main_sha256,
    manifestJson: r.manifest,
    manifestSha256: r.manifest_sha256,
    packageSha256: r.package_sha256,
    packageSize: r.package_size,
    status: JSON.parse(r.status) as OutboxStatus,
    createdAt: r.created_at,
    exportedAt: r.exported_at,
  };
}

function enrollmentOf(r: EnrollmentRow): EnrollmentRecord {
  return {
    serverUrl: r.server_url,
    opdCode: r.opd_code,
    opdName: r.opd_name,
    tokenId: r.token_id,
    deviceName: r.device_name,
    vaultName: r.vault_name,
    keys: JSON.parse(r.keys) as ServerKey[],
    enrolledAt: r.enrolled_at,
    revokedAt: r.revoked_at,
    reviewsSince: r.reviews_since,
  };
}

/** The statements of one status write: the row, and the upload offsets it reports. */
function statusStatements({ id, status, change = {} }: StatusWrite): SqlStatement[] {
  const statements: SqlStatement[] = [{ sql: 'UPDATE outbox_items SET status = ?, state = ? WHERE id = ?', params: [JSON.stringify(status), status.state, id] }];
  for (const u of change.uploads ?? []) {
    statements.push({ sql: 'INSERT OR REPLACE INTO outbox_uploads (item_id, sha256, size, offset) VALUES (?, ?, ?, ?)', params: [id, u.sha256, u.size, u.offset] });
  }
  if (change.clearUploads) statements.push({ sql: 'DELETE FROM outbox_uploads WHERE item_id = ?', params: [id] });
  return statements;
}

const inStates = (states: readonly string[]) => `state IN (${states.map(() => '?').join(', ')})`;

export function createOutboxRepository(db: Database): OutboxRepository {
  const items = (where: string, params: (string | number)[] = []) => db.query<ItemRow>(`SELECT * FROM outbox_items ${where}`, params).map(itemOf);

  return {
    item: (id) => items('WHERE id = ?', [id])[0] ?? null,

    items: () => items('ORDER BY seq'),

    itemsIn: (states) => (states.length === 0 ? [] : items(`WHERE ${inStates(states)} ORDER BY seq`, [...states])),

    queue: (states): QueueEntry[] =>
      states.length === 0
        ? []
        : db
            .query<{ id: string; seq: number; status: string }>(`SELECT id, seq, status FROM outbox_items WHERE ${inStates(states)} ORDER BY seq`, [...states])
            .map((r) => ({ id: r.id, seq: r.seq, status: JSON.parse(r.status) as OutboxStatus })),

    statusOf(id) {
      const [r] = db.query<{ status: string }>('SELECT status FROM outbox_items WHERE id = ?', [id]);
      return r ? (JSON.parse(r.status) as OutboxStatus) : null;
    },

    itemWithMainDocument: (sha256) => items("WHERE main_sha256 = ? AND state <> 'dibatalkan' ORDER BY seq LIMIT 1", [sha256])[0] ?? null,

    itemsWithMainDocument: (sha256) => items('WHERE main_sha256 = ? ORDER BY seq', [sha256]),

    async insertItem(item) {
      const [last] = db.query<{ m: number | null }>('SELECT MAX(seq) AS m FROM outbox_items');
      const seq = (last?.m ?? 0) + 1;
      await db.write([
        {
          sql: `INSERT INTO outbox_items (id, seq, title, type, opd, period, revision_of, main_document, main_sha256, manifest, manifest_sha256,
                package_sha256, package_size, state, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          params: [
            item.id,
            seq,
            item.title,
            item.type,
            item.opd,
            item.period,
            item.revisionOf,
            item.mainDocument,
            item.mainSha256,
            item.manifestJson,
            item.manifestSha256,
            item.packageSha256,
            item.packageSize,
            item.status.state,
            JSON.stringify(item.status),
            item.createdAt,
          ],
        },
      ]);
      return { ...item, seq, exportedAt: null };
    },

    saveStatus: (id, status, change = {}) => db.write(statusStatements({ id, status, change })),

    saveStatuses: (writes) => db.write(writes.flatMap(statusStatements)),

    markExported: (id, at) => db.write([{ sql: 'UPDATE outbox_items SET exported_at = ? WHERE id = ?', params: [at, id] }]),

    uploads: (id): UploadOffset[] => db.query<{ sha256: string; size: number; offset: number }>('SELECT sha256, size, offset FROM outbox_uploads WHERE item_id = ? ORDER BY sha256', [id]),

    enrollment() {
      const [r] = db.query<EnrollmentRow>('SELECT * FROM sync_enrollment WHERE id = 1');
      return r ? enrollmentOf(r) : null;
    },

    saveEnrollment: (e) =>
      db.write([
        { sql: 'DELETE FROM sync_enrollment WHERE id = 1' },
        {
          sql: `INSERT INTO sync_enrollment (id, server_url, opd_code, opd_name, token_id, device_name, vault_name, keys, enrolled_at)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
          params: [e.serverUrl, e.opdCode, e.opdName, e.tokenId, e.deviceName, e.vaultName, JSON.stringify(e.keys), e.enrolledAt],
        },
      ]),

    markRevoked: (at) => db.write([{ sql: 'UPDATE sync_enrollment SET revoked_at = ? WHERE id = 1 AND revoked_at IS NULL', params: [at] }]),

    saveServerKeys: (keys) => db.write([{ sql: 'UPDATE sync_enrollment SET keys = ? WHERE id = 1', params: [JSON.stringify(keys)] }]),

    saveReviewsSince: (since) => db.write([{ sql: 'UPDATE sync_enrollment SET reviews_since = ? WHERE id = 1', params: [since] }]),
  };
}
