/**
 * `berkas server check` (issue 16, bad input): every stored blob is read
 * again and hashed against its name, and every file of a committed
 * submission is looked for. A blob whose bytes no longer match is recorded
 * in damaged_blobs, so it is never counted as held (an OPD sending it again
 * replaces it) and never served (reads check the hash as well); one that
 * matches again (restored from a backup) is taken off that list. The report
 * names the submissions each problem touches, for the operator to ask the
 * OPD for a new revision.
 */
import { createHash } from 'node:crypto';
import { isBerkasError } from '../../core/domain/errors';
import type { BlobStorage } from '../storage/blob-storage';
import type { NodeStore } from '../store/node-store';
import type { IntakeRepository } from '../store/repository';

export interface BlobProblem {
  sha256: string;
  /** SHA-256 of the bytes found (damaged), or null (missing). */
  found: string | null;
  detail: string;
  /** Committed submissions that list the blob: id and OPD. */
  submissions: { id: string; opd: string; path: string }[];
}

export interface BlobCheckReport {
  checked: number;
  bytes: number;
  damaged: BlobProblem[];
  missing: BlobProblem[];
  /** Blobs listed as damaged before whose bytes hash right again. */
  repaired: string[];
}

export interface BlobCheckDeps {
  storage: BlobStorage;
  nodes: NodeStore;
  repo: IntakeRepository;
  now: () => Date;
}

const PAGE = 500;

/** SHA-256 of the bytes stored under this name, or null when they went away since the listing. */
async function hashOf(storage: BlobStorage, sha256: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of await storage.open(sha256)) hash.update(chunk as Buffer);
  } catch (err) {
    // A store that does not answer stops the check ("retry later"): unread bytes are never called damaged.
    if (isBerkasError(err) && err.code === 'BLOB_MISSING') return null;
    throw err;
  }
  return hash.digest('hex');
}

export async function checkBlobs(deps: BlobCheckDeps): Promise<BlobCheckReport> {
  // Which committed submissions use which blob, read page by page.
  const users = new Map<string, { id: string; opd: string; path: string }[]>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await deps.repo.listSubmissions({ state: 'committed', limit: PAGE, offset, order: 'updated-asc' });
    for (const record of page) {
      for (const file of record.manifest.files) {
        const list = users.get(file.sha256) ?? [];
        list.push({ id: record.id, opd: record.opd, path: file.path });
        users.set(file.sha256, list);
      }
    }
    if (page.length < PAGE) break;
  }
  const wasDamaged = new Set((await deps.nodes.damaged()).map((d) => d.sha256));
  const report: BlobCheckReport = { checked: 0, bytes: 0, damaged: [], missing: [], repaired: [] };
  const seen = new Set<string>();
  for await (const blob of deps.storage.list()) {
    seen.add(blob.sha256);
    report.checked += 1;
    report.bytes += blob.size;
    const digest = await hashOf(deps.storage, blob.sha256);
    if (digest === null) {
      seen.delete(blob.sha256);
      continue;
    }
    if (digest === blob.sha256) {
      if (wasDamaged.has(blob.sha256)) {
        await deps.nodes.clearDamaged(blob.sha256);
        report.repaired.push(blob.sha256);
      }
      continue;
    }
    const detail = `isi tersimpan ber-SHA-256 ${digest}`;
    await deps.nodes.markDamaged(blob.sha256, detail, deps.now().toISOString());
    report.damaged.push({ sha256: blob.sha256, found: digest, detail, submissions: users.get(blob.sha256) ?? [] });
  }
  for (const [sha256, submissions] of users) {
    if (seen.has(sha256)) continue;
    report.missing.push({ sha256, found: null, detail: 'tidak ada di penyimpanan', submissions });
  }
  return report;
}
