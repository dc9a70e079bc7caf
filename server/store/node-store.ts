/**
 * What several intake nodes share besides submissions (schema 4): the state
 * of partial uploads into object storage, the receipt keys, and the blobs a
 * check found damaged. Every decision is one transaction, so when two nodes
 * race for the same chunk offset or the first key, the database picks one.
 */
import type { Row, SqlRunner } from './sql-runner';

export interface UploadChunk {
  offset: number;
  length: number;
  key: string;
}

export interface UploadRow {
  size: number;
  offset: number;
  /** When the offset last moved (ISO time). */
  updatedAt: string;
  chunks: UploadChunk[];
}

export interface ReceiptKeyRow {
  keyId: string;
  createdAt: string;
  retiredAt: string | null;
  privateKeyPem: string;
}

export interface DamagedBlob {
  sha256: string;
  foundAt: string;
  detail: string;
}

const num = (row: Row, key: string) => Number(row[key]);

export class NodeStore {
  constructor(private readonly db: SqlRunner) {}

  async upload(opd: string, sha256: string): Promise<UploadRow | null> {
    const row = (await this.db.all('SELECT size, upload_offset, updated_at FROM blob_uploads WHERE opd = ? AND sha256 = ?', [opd, sha256]))[0];
    if (!row) return null;
    const chunks = await this.db.all('SELECT chunk_offset, length, object_key FROM blob_upload_chunks WHERE opd = ? AND sha256 = ? ORDER BY chunk_offset', [opd, sha256]);
    return {
      size: num(row, 'size'),
      offset: num(row, 'upload_offset'),
      updatedAt: String(row.updated_at),
      chunks: chunks.map((c) => ({
        offset: num(c, 'chunk_offset'),
        length: num(c, 'length'),
        key: String(c.object_key),
      })),
    };
  }

  /**
   * Moves the committed offset from `from` to past `chunk`, only if it is still `from`. Returns the offset
   * after, and whether this call moved it (false: another node took that offset first, even with the same bytes).
   */
  async advanceUpload(opd: string, sha256: string, size: number, from: number, chunk: UploadChunk, now: string): Promise<{ offset: number; isAdvanced: boolean }> {
    return this.db.tx(async (tx) => {
      const row = (await tx.all('SELECT upload_offset FROM blob_uploads WHERE opd = ? AND sha256 = ?', [opd, sha256]))[0];
      const current = row ? num(row, 'upload_offset') : 0;
      if (current !== from) return { offset: current, isAdvanced: false };
      const to = chunk.offset + chunk.length;
      await tx.run('INSERT INTO blob_upload_chunks (opd, sha256, chunk_offset, length, object_key) VALUES (?, ?, ?, ?, ?)', [opd, sha256, chunk.offset, chunk.length, chunk.key]);
      await tx.run(
        `INSERT INTO blob_uploads (opd, sha256, size, upload_offset, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (opd, sha256) DO UPDATE SET upload_offset = ?, updated_at = ?`,
        [opd, sha256, size, to, now, to, now],
      );
      return { offset: to, isAdvanced: true };
    });
  }

  /**
   * Takes back the last chunk of an upload whose every chunk is held but whose blob a node did not finish
   * (killed while assembling): the client sends that chunk again and the node receiving it assembles.
   * Only while the offset is still the whole size, so of two nodes rewinding at once one does.
   */
  async rewindUpload(opd: string, sha256: string, size: number, last: UploadChunk, now: string): Promise<boolean> {
    return this.db.tx(async (tx) => {
      const row = (await tx.all('SELECT upload_offset FROM blob_uploads WHERE opd = ? AND sha256 = ?', [opd, sha256]))[0];
      if (!row || num(row, 'upload_offset') !== size || last.offset + last.length !== size) return false;
      await tx.run('DELETE FROM blob_upload_chunks WHERE opd = ? AND sha256 = ? AND chunk_offset = ?', [opd, sha256, last.offset]);
      await tx.run('UPDATE blob_uploads SET upload_offset = ?, updated_at = ? WHERE opd = ? AND sha256 = ?', [last.offset, now, opd, sha256]);
      return true;
    });
  }

  async forgetUpload(opd: string, sha256: string): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('DELETE FROM blob_upload_chunks WHERE opd = ? AND sha256 = ?', [opd, sha256]);
      await tx.run('DELETE FROM blob_uploads WHERE opd = ? AND sha256 = ?', [opd, sha256]);
    });
  }

  async receiptKeys(): Promise<ReceiptKeyRow[]> {
    const rows = await this.db.all('SELECT key_id, created_at, retired_at, private_key_pem FROM receipt_keys ORDER BY created_at');
    return rows.map((r) => ({
      keyId: String(r.key_id),
      createdAt: String(r.created_at),
      retiredAt: r.retired_at === null ? null : String(r.retired_at),
      privateKeyPem: String(r.private_key_pem),
    }));
  }

  /**
   * Adds keys (an import of D/keys, or a new key) and retires every other current key when `makeCurrent`;
   * with `onlyIfNone`, does nothing when a current key exists (two nodes starting on an empty database).
   */
  async addReceiptKeys(keys: readonly ReceiptKeyRow[], options: { makeCurrent: string | null; now: string; onlyIfNone?: boolean }): Promise<boolean> {
    return this.db.tx(async (tx) => {
      const existing = await tx.all('SELECT key_id, retired_at FROM receipt_keys');
      if (options.onlyIfNone && existing.some((r) => r.retired_at === null)) return false;
      const known = new Set(existing.map((r) => String(r.key_id)));
      for (const k of keys) {
        if (known.has(k.keyId)) continue;
        await tx.run('INSERT INTO receipt_keys (key_id, created_at, retired_at, private_key_pem) VALUES (?, ?, ?, ?)', [k.keyId, k.createdAt, k.retiredAt, k.privateKeyPem]);
      }
      if (options.makeCurrent !== null) await tx.run('UPDATE receipt_keys SET retired_at = ? WHERE key_id <> ? AND retired_at IS NULL', [options.now, options.makeCurrent]);
      return true;
    });
  }

  async markDamaged(sha256: string, detail: string, now: string): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('INSERT INTO damaged_blobs (sha256, found_at, detail) VALUES (?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET found_at = ?, detail = ?', [sha256, now, detail, now, detail]);
    });
  }

  async clearDamaged(sha256: string): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('DELETE FROM damaged_blobs WHERE sha256 = ?', [sha256]);
    });
  }

  async damaged(sha256s?: readonly string[]): Promise<DamagedBlob[]> {
    const toBlob = (r: Row): DamagedBlob => ({
      sha256: String(r.sha256),
      foundAt: String(r.found_at),
      detail: String(r.detail),
    });
    if (sha256s === undefined) return (await this.db.all('SELECT sha256, found_at, detail FROM damaged_blobs ORDER BY sha256')).map(toBlob);
    const out: DamagedBlob[] = [];
    const unique = [...new Set(sha256s)];
    for (let i = 0; i < unique.length; i += 500) {
      const part = unique.slice(i, i + 500);
      out.push(...(await this.db.all(`SELECT sha256, found_at, detail FROM damaged_blobs WHERE sha256 IN (${part.map(() => '?').join(', ')})`, part)).map(toBlob));
    }
    return out;
  }
}
