/**
 * Send is one step after signing (issue 13 item 2): the newest signed
 * revision's kept file and the exact data.json it was signed with go to the
 * outbox, never the draft as it is now, so "data changed after signing" cannot
 * happen for a document the app made. One revision makes one submission; a
 * revision of a document Diskominfo already holds is sent as the revision of
 * that submission (PROTOCOL.md §2.1 Berkas-Revision-Of), and the server links
 * them. A returned document becomes a new draft revision with documentRevise.
 */
import type { BlobStore, Clock } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { describeLifecycle } from '../../domain/documents/lifecycle';
import { documentKindLabels, type SignedRevision } from '../../domain/documents/model';
import { outboxStateLabels } from '../../domain/outbox/machine';
import type { OutboxItemView } from '../../domain/outbox/views';
import type { Listing } from './listing';
import type { OutboxAccess, SignedRevisionRepository } from './ports';
import { damagedFileError, isDelivered, type Revisions } from './revisions';

export interface SendDeps {
  listing: Listing;
  revisions: Revisions;
  repository: SignedRevisionRepository;
  blobs: BlobStore;
  outbox: () => OutboxAccess;
  clock: Clock;
  /** The region's ICT office as its officers call it ("Diskominfo", "SKPD Kominfotik"), from the active profile. */
  ictOffice: () => Promise<string>;
}

export interface Sent {
  documentId: string;
  item: OutboxItemView;
  destination: { serverUrl: string; opdCode: string; opdName: string } | null;
  message: string;
}

async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const quoted = (r: Pick<SignedRevision, 'revision' | 'title'>) => `revisi ${r.revision} "${r.title}"`;

export function createSend(deps: SendDeps) {
  const { listing, revisions } = deps;

  /** The kept bytes, read and checked against their name in one go (a change between a check and a read is still caught). */
  async function readKept(revision: SignedRevision, sha256: string, what: string): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      bytes = await deps.blobs.read(sha256);
    } catch {
      bytes = new Uint8Array();
    }
    if ((await sha256Of(bytes)) !== sha256) {
      const problems = await revisions.problemsOf(revision, revisions.itemsOf(revision).length > 0);
      throw damagedFileError(revision, problems, `${what} ${quoted(revision)} tidak lagi sama dengan yang ditandatangani.`);
    }
    return bytes;
  }

  /** `replaced`: the earlier revision the server holds, which this one replaces (named by its number, not its submission's id). */
  async function destinationMessage(revision: SignedRevision, item: OutboxItemView, replaced: SignedRevision | null): Promise<Pick<Sent, 'destination' | 'message'>> {
    const e = deps.outbox().enrollment();
    const ict = await deps.ictOffice();
    const what = `${documentKindLabels[revision.kind]} ${quoted(revision)}`;
    const asRevision = replaced ? ` sebagai pengganti revisi ${replaced.revision}` : '';
    if (!e) {
      return {
        destination: null,
        message: `${what} menunggu di Kotak Keluar${asRevision}: perangkat ini belum terdaftar ke server ${ict}. Daftarkan di Kotak Keluar dengan kode pendaftaran dari ${ict}; paket terkirim dengan sendirinya setelah itu.`,
      };
    }
    const destination = { serverUrl: e.serverUrl, opdCode: e.opdCode, opdName: e.opdName };
    if (e.revokedAt) {
      return {
        destination,
        message: `${what} menunggu di Kotak Keluar${asRevision}: server ${e.serverUrl} menolak token perangkat ini sejak ${e.revokedAt}. Minta kode pendaftaran baru ke ${ict} lalu daftarkan ulang perangkat di Kotak Keluar.`,
      };
    }
    return {
      destination,
      message: `${what} masuk Kotak Keluar${asRevision} untuk dikirim ke ${ict} (${e.serverUrl}) atas nama ${e.opdName} (${e.opdCode})${item.status.isHeld ? '; paket ditahan sampai dilanjutkan' : ''}.`,
    };
  }

  // One send at a time: a second "Kirim" on the same document (a double click) finds the first one's package and is refused by name.
  let queue: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return (id: string, options: { isHeld?: boolean } = {}): Promise<Sent> => oneAtATime(() => sendNow(id, options));

  async function sendNow(id: string, options: { isHeld?: boolean }): Promise<Sent> {
    const { facts, named } = listing.resolve(id);
    const journey = listing.journeyOf(facts);
    const newest = journey.newest;
    const title = newest?.title ?? facts.draft?.title ?? facts.id;
    if (!newest) {
      throw new BerkasError('DOCUMENT_NOT_SIGNED', `"${title}" belum ditandatangani; tandatangani dulu, lalu kirim.`, { field: 'id', title });
    }
    const target = named ?? newest;
    if (target.id !== newest.id) {
      throw new BerkasError('DOCUMENT_REVISION_OLD', `Revisi ${target.revision} bukan revisi terbaru "${title}" (terbaru: revisi ${newest.revision}); kirim revisi terbaru.`, { field: 'id', newest: newest.id, title, revision: target.revision, newestRevision: newest.revision });
    }
    if (!named && journey.isDraftAfter) {
      throw new BerkasError(
        'DOCUMENT_CHANGED_SINCE_SIGNED',
        `"${title}" diubah setelah revisi ${newest.revision} ditandatangani, jadi revisi ${newest.revision + 1} masih draf. Tandatangani dulu, lalu kirim.`,
        { field: 'id', title, revision: newest.revision, draftRevision: newest.revision + 1 },
      );
    }
    const existing = revisions.itemOf(target);
    if (existing) {
      throw new BerkasError(
        'DOCUMENT_ALREADY_QUEUED',
        `${documentKindLabels[target.kind]} ${quoted(target)} sudah ada di Kotak Keluar (paket ${existing.id}, ${outboxStateLabels[existing.status.state].toLowerCase()}); satu revisi dikirim sekali.`,
        { field: 'id', submissionId: existing.id, revision: target.revision, title: target.title },
      );
    }
    const pending = listing.pendingEarlier(journey);
    if (pending) {
      throw new BerkasError(
        'DOCUMENT_EARLIER_PENDING',
        `Revisi ${pending.revision.revision} "${title}" masih di Kotak Keluar (paket ${pending.item.id}, ${outboxStateLabels[pending.item.status.state].toLowerCase()}). Tunggu sampai terkirim, atau batalkan paket itu, lalu kirim revisi ${target.revision}: dua revisi yang sama-sama menunggu akan menjadi dua kiriman.`,
        { field: 'id', submissionId: pending.item.id, title, pendingRevision: pending.revision.revision, revision: target.revision },
      );
    }
    // The nearest earlier revision the server holds is the submission this one corrects.
    const earlier = facts.revisions.filter((r) => r.revision < target.revision).reverse();
    const replacedRevision = earlier.find((r) => {
      const held = revisions.itemOf(r);
      return held !== null && isDelivered(held);
    });
    const replaced = replacedRevision ? revisions.itemOf(replacedRevision) : null;
    const data = await readKept(target, target.dataSha256, 'data.json');
    const common = { ...(options.isHeld ? { isHeld: true } : {}), ...(replaced ? { revisionOf: replaced.id } : {}) };
    let item: OutboxItemView;
    if (target.mediaType === 'application/zip') {
      await readKeptPackage(target);
      item = await deps.outbox().addPackage(deps.blobs.pathOf(target.fileSha256), common);
    } else {
      const pdf = await readKept(target, target.fileSha256, 'PDF');
      item = await deps.outbox().addPdf({
        fileName: target.fileName,
        bytes: pdf,
        data: JSON.parse(new TextDecoder().decode(data)) as unknown,
        type: target.kind,
        period: target.period,
        title: target.title,
        ...(target.reportType ? { reportType: target.reportType } : {}),
        ...common,
      });
    }
    return { documentId: facts.id, item, ...(await destinationMessage(target, item, replacedRevision ?? null)) };
  }

  /** A package is streamed from the store by the outbox; it is checked whole before (a damaged one is named, not sent). */
  async function readKeptPackage(revision: SignedRevision): Promise<void> {
    const problems = (await revisions.problemsOf(revision, revisions.itemsOf(revision).length > 0)).filter((p) => p.file === 'dokumen');
    if (problems.length > 0) throw damagedFileError(revision, problems, '');
  }
}

export function createRevise(deps: { listing: Listing; repository: SignedRevisionRepository; clock: Clock; ictOffice: () => Promise<string> }) {
  const { listing } = deps;
  /** The document's new draft revision, answering the returned one; calling it again on that draft changes nothing. */
  return async function revise(id: string): Promise<string> {
    const { facts } = listing.resolve(id);
    const j = listing.journeyOf(facts);
    const title = j.newest?.title ?? facts.draft?.title ?? facts.id;
    const isAnswering = j.lifecycle.state === 'draf' && j.review?.status === 'perlu-revisi' && j.review.revisionId === j.newest?.id;
    if (isAnswering) return facts.id;
    if (j.lifecycle.state === 'ditolak') {
      const ictOffice = await deps.ictOffice();
      const note = j.review?.note ?? '';
      throw new BerkasError(
        note ? 'DOCUMENT_REJECTED_WITH_NOTE' : 'DOCUMENT_REJECTED',
        `"${title}" ditolak ${ictOffice}${note ? ` dengan catatan: "${note}"` : ''}. Dokumen yang ditolak tidak direvisi; buat dokumen baru bila perlu.`,
        { field: 'id', title, ictOffice, note },
      );
    }
    if (j.lifecycle.state !== 'perlu-revisi') {
      const ictOffice = await deps.ictOffice();
      throw new BerkasError(
        'DOCUMENT_NOT_RETURNED',
        `"${title}" berstatus ${describeLifecycle(j.lifecycle).toLowerCase()}; revisi dibuat untuk dokumen yang dikembalikan ${ictOffice} (perlu revisi). Untuk memperbaiki dokumen lain, sunting saja: perubahan menjadi revisi baru.`,
        { field: 'id', state: j.lifecycle.state, title, ictOffice },
      );
    }
    if (!facts.draft) {
      throw new BerkasError('DOCUMENT_DRAFT_MISSING', `Draf "${title}" sudah dihapus dari Berkas ini, jadi revisinya tidak dapat dibuat di sini.`, { field: 'id', title });
    }
    await deps.repository.openDraft(facts.id, deps.clock.now().toISOString());
    return facts.id;
  };
}
