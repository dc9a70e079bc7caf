/**
 * Keeping signed revisions (issue 13 item 1): the signed file and its
 * data.json go into the blob store first, the row second, so a crash between
 * the two leaves an orphan blob (harmless, content-addressed) and never a row
 * without its file. A row whose file later goes missing or changes on disk is
 * reported by name, with the outbox copy to export it from when there is one.
 */
import type { BlobStore, Clock } from '../../ports';
import { BerkasError } from '../../domain/errors';
import type { DocumentKind, RevisionFileProblem, RevisionSigner, RevisionSubmission, SignedRevision, SignedRevisionView } from '../../domain/documents/model';
import type { OutboxItemView } from '../../domain/outbox/views';
import type { BlobCheck, OutboxAccess, SignedRevisionRepository } from './ports';

/**
 * A kept file of a revision that is missing or changed: each problem's own
 * words (which file, and where a copy is), and for other languages the files
 * and the revision.
 */
export function damagedFileError(revision: SignedRevision, problems: RevisionFileProblem[], fallback: string): BerkasError {
  const files = problems.length > 0 ? problems.map((p) => (p.file === 'data' ? 'data.json' : revision.fileName)) : [revision.fileName];
  return new BerkasError('DOCUMENT_FILE_DAMAGED', problems.map((p) => p.message).join(' ') || fallback, {
    id: revision.id,
    problems,
    files,
    revision: revision.revision,
    title: revision.title,
  });
}

/** What a signing step hands over to be kept. */
export interface KeepInput {
  documentId: string;
  kind: DocumentKind;
  title: string;
  period: string;
  reportType: string | null;
  fileName: string;
  mediaType: 'application/pdf' | 'application/zip';
  /** The signed PDF's bytes, or a package ZIP on disk (streamed into the store). */
  file: Uint8Array | { path: string };
  /** The signed PDF a submission names inside a package (the berita acara), kept as a blob too; absent: the file itself. */
  main?: Uint8Array;
  /** The exact data.json bytes the document was signed with. */
  data: Uint8Array;
  signer: RevisionSigner;
  signedAt: string;
  level: 'B-B' | 'B-T' | null;
  pages: number;
  /** documents.revision of the draft that was signed. */
  draftRevision: number;
}

export type KeepSigned = (input: KeepInput) => Promise<SignedRevision>;

/** Outbox states in which the server holds the submission (a receipt came back). */
const DELIVERED = new Set(['terkirim', 'diterima', 'perlu-revisi', 'ditolak']);

export function isDelivered(item: Pick<OutboxItemView, 'status'>): boolean {
  return DELIVERED.has(item.status.state);
}

export interface RevisionsDeps {
  repository: SignedRevisionRepository;
  blobs: BlobStore;
  check: BlobCheck;
  outbox: () => OutboxAccess;
  clock: Clock;
  newId: () => string;
}

const fileWords = { dokumen: 'berkas bertanda tangan', data: 'data.json' } as const;

export function createRevisions(deps: RevisionsDeps) {
  const { repository } = deps;
  let queue: Promise<unknown> = Promise.resolve();

  /** One revision number at a time: two signatures finishing together get 2 and 3, never 2 twice. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  const keep: KeepSigned = async (input) => {
    const file = await deps.blobs.put(input.file);
    const data = await deps.blobs.put(input.data);
    const main = input.main ? await deps.blobs.put(input.main) : file;
    return exclusive(async () => {
      const previous = repository.ofDocument(input.documentId).at(-1) ?? null;
      const revision: SignedRevision = {
        id: deps.newId(),
        documentId: input.documentId,
        kind: input.kind,
        title: input.title,
        period: input.period,
        revision: (previous?.revision ?? 0) + 1,
        revisionOf: previous?.id ?? null,
        signer: input.signer,
        signedAt: input.signedAt,
        fileName: input.fileName,
        mediaType: input.mediaType,
        fileSha256: file.sha256,
        fileSize: file.size,
        mainSha256: main.sha256,
        dataSha256: data.sha256,
        dataSize: data.size,
        reportType: input.reportType,
        level: input.level,
        pages: input.pages,
        draftRevision: input.draftRevision,
        createdAt: deps.clock.now().toISOString(),
      };
      await repository.insert(revision);
      return revision;
    });
  };

  /** The outbox packages of a revision, cancelled ones last; the first is the one that counts. */
  function itemsOf(revision: SignedRevision): OutboxItemView[] {
    const items = deps.outbox().itemsWithMainDocument(revision.mainSha256);
    return [...items.filter((i) => i.status.state !== 'dibatalkan'), ...items.filter((i) => i.status.state === 'dibatalkan')];
  }

  /** The package a revision was queued as (not a cancelled one), or null. */
  function itemOf(revision: SignedRevision): OutboxItemView | null {
    const item = itemsOf(revision)[0];
    return item && item.status.state !== 'dibatalkan' ? item : null;
  }

  function submissionOf(item: OutboxItemView | null): RevisionSubmission | null {
    if (!item) return null;
    return { id: item.id, state: item.status.state, isHeld: item.status.isHeld, revisionOf: item.revisionOf, receivedAt: item.status.receipt?.receivedAt ?? null, review: item.status.review };
  }

  async function problemsOf(revision: SignedRevision, hasOutboxCopy: boolean): Promise<RevisionFileProblem[]> {
    const problems: RevisionFileProblem[] = [];
    const files = [
      { file: 'dokumen' as const, sha256: revision.fileSha256, size: revision.fileSize, name: revision.fileName },
      { file: 'data' as const, sha256: revision.dataSha256, size: revision.dataSize, name: 'data.json' },
    ];
    for (const f of files) {
      const condition = await deps.check.condition(f.sha256, f.size);
      if (condition === 'utuh') continue;
      const what = `${fileWords[f.file]} ${f.name} revisi ${revision.revision} "${revision.title}"`;
      const fix = hasOutboxCopy
        ? ' Salinan yang sama ada di Kotak Keluar: ekspor ulang dari sana; tidak ada yang ditandatangani ulang.'
        : ' Tidak ada salinannya di Kotak Keluar; pulihkan dari cadangan, atau tandatangani ulang dokumennya sebagai revisi baru.';
      problems.push({
        revisionId: revision.id,
        file: f.file,
        condition,
        sha256: f.sha256,
        hasOutboxCopy,
        message: condition === 'hilang' ? `${what} hilang dari penyimpanan komputer ini.${fix}` : `${what} berubah di penyimpanan komputer ini (isinya tidak lagi sama dengan yang ditandatangani).${fix}`,
      });
    }
    return problems;
  }

  async function view(revision: SignedRevision): Promise<SignedRevisionView> {
    const items = itemsOf(revision);
    const hasOutboxCopy = items.length > 0;
    return { ...revision, problems: await problemsOf(revision, hasOutboxCopy), submission: submissionOf(itemOf(revision)), hasOutboxCopy };
  }

  return { keep, exclusive, itemsOf, itemOf, submissionOf, view, problemsOf };
}

export type Revisions = ReturnType<typeof createRevisions>;
