/** The blob_stamps table (migration 11) behind blob-check.ts: a kept file's size, mtime and inode when it was last hashed. */
import type { Database, SqlStatement } from '../../ports';
import type { BlobStamp, BlobStamps } from '../blob-check';

interface Row {
  [key: string]: string | number | null | Uint8Array;
  stamp: string;
  condition: string;
}

const conditions = new Set(['utuh', 'berubah', 'hilang']);

export function createBlobStampRepository(db: Database): BlobStamps {
  return {
    get(sha256) {
      const row = db.query<Row>('SELECT stamp, condition FROM blob_stamps WHERE sha256 = ?', [sha256])[0];
      // A condition this version does not know is no verdict: the file is hashed again.
      if (!row || !conditions.has(row.condition)) return null;
      return { stamp: row.stamp, condition: row.condition as BlobStamp['condition'] };
    },
    async set(entries) {
      const statements: SqlStatement[] = [...entries].map(([sha256, s]) => ({
        sql: 'INSERT INTO blob_stamps (sha256, stamp, condition) VALUES (?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET stamp = excluded.stamp, condition = excluded.condition',
        params: [sha256, s.stamp, s.condition],
      }));
      if (statements.length > 0) await db.write(statements);
    },
  };
}
