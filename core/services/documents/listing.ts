/**
 * Documents as the officer follows them: every draft and every kept revision
 * of every kind, each with the one lifecycle (core/domain/documents) computed
 * from the document and the outbox package of its newest signed revision,
 * Diskominfo's decision, the note a new draft answers, and what is wrong with
 * a kept file.
 */
import type { Clock } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { describeLifecycle, documentLifecycle, type DocumentLifecycle } from '../../domain/documents/lifecycle';
import type { DocumentActions, DocumentKind, DocumentReview, DocumentSummary, DocumentView, SignedRevision } from '../../domain/documents/model';
import type { OutboxItemView } from '../../domain/outbox/views';
import type { DraftRecord, SignedRevisionRepository } from './ports';
import { isDelivered, type Revisions } from './revisions';

/** How a kind's draft reads in a list: its title, submission period and report type as they would be signed now. */
export interface DraftDescription {
  title: string;
  period: string;
  reportType: string | null;
}

/** A document's stored pieces: its draft row (null once deleted), and its signed revisions, oldest first. */
export interface DocumentFacts {
  id: string;
  kind: DocumentKind;
  draft: DraftRecord | null;
  revisions: SignedRevision[];
}

/** The documents table names kinds its own way (migration 1); the journey uses the submission words. */
export const KIND_OF_STORED: Readonly<Record<string, DocumentKind>> = { 'rencana-aksi': 'rencana-aksi', report: 'laporan', handover: 'serah-terima' };

export interface Journey {
  facts: DocumentFacts;
  newest: SignedRevision | null;
  /** The draft changed after the newest signature (an edit, or documentRevise): the newest revision is a draft. */
  isDraftAfter: boolean;
  /** The outbox package of the newest signed revision. */
  item: OutboxItemView | null;
  lifecycle: DocumentLifecycle;
  review: DocumentReview | null;
  /** Some revision of the document was received (diterima) by Diskominfo. */
  isReceived: boolean;
}

export function createListing(deps: { repository: SignedRevisionRepository; revisions: Revisions; clock: Clock }) {
  const { repository, revisions } = deps;

  /** A document by its own id or one of its revisions' ids; the revision when one was named. */
  function resolve(id: string): { facts: DocumentFacts; named: SignedRevision | null } {
    const named = repository.byId(id);
    const documentId = named?.documentId ?? id;
    const draft = repository.draft(documentId);
    const kept = repository.ofDocument(documentId);
    const kind = kept.at(-1)?.kind ?? (draft ? KIND_OF_STORED[draft.storedKind] : undefined);
    if (!kind) throw new BerkasError('NOT_FOUND', `Dokumen atau revisi dengan id ${id} tidak ditemukan.`, { field: 'id', id });
    return { facts: { id: documentId, kind, draft, revisions: kept }, named };
  }

  /** Every document, drafts and kept revisions together. */
  function allFacts(): DocumentFacts[] {
    const byId = new Map<string, DocumentFacts>();
    for (const draft of repository.drafts()) {
      const kind = KIND_OF_STORED[draft.storedKind];
      if (kind) byId.set(draft.id, { id: draft.id, kind, draft, revisions: [] });
    }
    for (const r of repository.all()) {
      const facts = byId.get(r.documentId) ?? { id: r.documentId, kind: r.kind, draft: null, revisions: [] };
      facts.revisions.push(r);
      byId.set(r.documentId, facts);
    }
    return [...byId.values()];
  }

  function reviewOf(kept: readonly SignedRevision[]): DocumentReview | null {
    for (let i = kept.length - 1; i >= 0; i--) {
      const r = kept[i] as SignedRevision;
      const item = revisions.itemOf(r);
      if (!item || !isDelivered(item)) continue;
      const review = item.status.review ?? { status: 'menunggu' as const, note: null, decidedAt: null };
      return { ...review, revisionId: r.id, revision: r.revision, submissionId: item.id };
    }
    return null;
  }

  function journeyOf(facts: DocumentFacts): Journey {
    const newest = facts.revisions.at(-1) ?? null;
    const isDraftAfter = newest !== null && facts.draft !== null && facts.draft.revision > newest.draftRevision;
    const item = newest ? revisions.itemOf(newest) : null;
    const lifecycle = documentLifecycle({ isSigned: newest !== null && !isDraftAfter, outbox: item ? { state: item.status.state, isHeld: item.status.isHeld } : null });
    const isReceived = facts.revisions.some((r) => revisions.itemOf(r)?.status.state === 'diterima');
    return { facts, newest, isDraftAfter, item, lifecycle, review: reviewOf(facts.revisions), isReceived };
  }

  /** The lifecycle of one document, without reading any file (the due calendar asks for every report). */
  function lifecycleOf(documentId: string): { lifecycle: DocumentLifecycle; isReceived: boolean } | null {
    const draft = repository.draft(documentId);
    const kept = repository.ofDocument(documentId);
    const kind = kept.at(-1)?.kind ?? (draft ? KIND_OF_STORED[draft.storedKind] : undefined);
    if (!kind) return null;
    const j = journeyOf({ id: documentId, kind, draft, revisions: kept });
    return { lifecycle: j.lifecycle, isReceived: j.isReceived };
  }

  async function summaryOf(j: Journey, description: DraftDescription | null): Promise<DocumentSummary> {
    const { facts, newest, isDraftAfter, lifecycle, review } = j;
    const fromDraft = isDraftAfter || newest === null;
    const problems = [];
    for (const r of [...facts.revisions].reverse()) problems.push(...(await revisions.problemsOf(r, revisions.itemsOf(r).length > 0)));
    const updatedAt = [facts.draft?.updatedAt ?? '', newest?.createdAt ?? ''].sort().at(-1) ?? '';
    return {
      id: facts.id,
      kind: facts.kind,
      title: (fromDraft ? (description?.title ?? facts.draft?.title) : newest?.title) ?? newest?.title ?? '',
      period: (fromDraft ? description?.period : newest?.period) ?? newest?.period ?? '',
      revision: newest ? newest.revision + (isDraftAfter ? 1 : 0) : 1,
      revisionOf: isDraftAfter ? (newest?.id ?? null) : (newest?.revisionOf ?? null),
      state: lifecycle.state,
      queue: lifecycle.queue,
      stateLabel: describeLifecycle(lifecycle),
      signedRevisionId: newest?.id ?? null,
      submissionId: j.item?.id ?? null,
      review,
      revisionNote: lifecycle.state === 'draf' && review?.status === 'perlu-revisi' && review.revisionId === newest?.id ? review.note : null,
      problems,
      updatedAt,
      reportType: (fromDraft ? description?.reportType : newest?.reportType) ?? newest?.reportType ?? null,
    };
  }

  /** An earlier revision still waiting in the outbox (sending two revisions of one document at once makes two submissions). */
  function pendingEarlier(j: Journey): { revision: SignedRevision; item: OutboxItemView } | null {
    for (const r of j.facts.revisions.slice(0, -1)) {
      const item = revisions.itemOf(r);
      if (item && !isDelivered(item)) return { revision: r, item };
    }
    return null;
  }

  function actionsOf(j: Journey, summary: DocumentSummary): DocumentActions {
    const newestProblems = j.newest ? summary.problems.filter((p) => p.sha256 === j.newest?.fileSha256 || p.sha256 === j.newest?.dataSha256) : [];
    const isSigned = j.newest !== null && !j.isDraftAfter;
    return {
      canSign: j.facts.draft !== null && (!isSigned || j.facts.kind !== 'serah-terima'),
      canSend: isSigned && j.item === null && newestProblems.length === 0 && pendingEarlier(j) === null,
      canRevise: j.lifecycle.state === 'perlu-revisi',
      canExport: j.newest !== null && (newestProblems.every((p) => p.file !== 'dokumen') || revisions.itemsOf(j.newest).length > 0),
    };
  }

  async function viewOf(j: Journey, description: DraftDescription | null): Promise<DocumentView> {
    const summary = await summaryOf(j, description);
    const views = [];
    for (const r of [...j.facts.revisions].reverse()) views.push(await revisions.view(r));
    return { ...summary, revisions: views, actions: actionsOf(j, summary) };
  }

  return { resolve, allFacts, journeyOf, lifecycleOf, summaryOf, viewOf, pendingEarlier };
}

export type Listing = ReturnType<typeof createListing>;
