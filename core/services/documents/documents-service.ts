/**
 * One document journey (issue 13): prepare → sign → send → receipt →
 * Diskominfo's decision → revision, the same for a rencana aksi, a report and
 * a serah terima package. The use cases, each in its module of this folder:
 *
 * - revisions.ts: keeping what was signed (blob first, row second), and
 *   judging the kept files;
 * - listing.ts: documents with their lifecycle, decision and problems;
 * - signing.ts (with kinds.ts): signing a draft or adding a signature;
 * - send.ts: one step into the outbox, and documentRevise;
 * - files.ts: the kept files out, or the outbox's copy of them.
 */
import type { BlobStore, Clock, ProfileSource, SettingsStore, SigningKeyHandle } from '../../ports';
import { BerkasError, type ErrorPayload } from '../../domain/errors';
import type { DocumentSummary, DocumentView, SignedRevision, SignedRevisionView } from '../../domain/documents/model';
import type { HandoverJobPhase } from '../../domain/handover/views';
import type { MadePackage } from '../handover/handover-service';
import { createFiles, type RevisionFileKind } from './files';
import { handoverKeepInput } from './kind-handover';
import { planKeepInput, type DocumentSignOptions, type KindSource, type SignedPlanFile, type SigningKey } from './kinds';
import type { RencanaAksiPlan } from '../../domain/rencana-aksi/model';
import { createListing, type DraftDescription, type Journey } from './listing';
import type { BlobCheck, OutboxAccess, OutboxCopies, SignedRevisionRepository } from './ports';
import { createRevisions } from './revisions';
import { createRevise, createSend } from './send';
import { createSigning, type Countersign } from './signing';

export type { KeepInput, KeepSigned } from './revisions';
export type { DocumentSignOptions, KindSource, SigningKey, SignatureHolder } from './kinds';
export type { Countersign } from './signing';

/** A serah terima package being made for documentSign, as its kind reports it. */
export interface SignJobStatus {
  jobId: string;
  documentId: string;
  done: boolean;
  phase: HandoverJobPhase;
  bytes: number;
  total: number;
  current: string | null;
  /** Why the job failed or stopped, as thrown (its details carry what the English text names). */
  error: ErrorPayload | null;
  revisionId: string | null;
}

export interface DocumentsServiceDeps {
  repository: SignedRevisionRepository;
  blobs: BlobStore;
  check: BlobCheck;
  copies: OutboxCopies;
  outbox: () => OutboxAccess;
  settings: SettingsStore;
  /** The region profiles: messages name the region's ICT office as its officers do (Diskominfo, SKPD Kominfotik…). */
  profiles: ProfileSource;
  clock: Clock;
  /** The kinds, asked for on first use (they are built from services that keep through this one). */
  sources: () => readonly KindSource[];
  countersign: Countersign;
  /** The background job of a package (serah terima); null when this workspace has no such job. */
  signJob?: (jobId: string) => SignJobStatus | null;
  /** The same job once it has ended (CLI and tests; the screens poll signJob). */
  waitSignJob?: (jobId: string) => Promise<SignJobStatus | null>;
  newId?: () => string;
}

/** The renderer's own word for an ICT office when no profile names one. */
const GENERIC_ICT_OFFICE = 'kantor TIK';

export function createDocumentsService(deps: DocumentsServiceDeps) {
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  const revisions = createRevisions({ repository: deps.repository, blobs: deps.blobs, check: deps.check, outbox: deps.outbox, clock: deps.clock, newId });
  const listing = createListing({ repository: deps.repository, revisions, clock: deps.clock });
  const signing = createSigning({ listing, revisions, blobs: deps.blobs, settings: deps.settings, clock: deps.clock, sources: deps.sources, countersign: deps.countersign });
  const ictOffice = async (): Promise<string> => {
    const settings = await deps.settings.load();
    try {
      return settings ? deps.profiles.get(settings.opd.profileId).terms.ictOfficeShort : GENERIC_ICT_OFFICE;
    } catch (err) {
      // A profile no longer installed: the message still reads, in the app's generic word; Pengaturan names the profile problem.
      if (err instanceof BerkasError) return GENERIC_ICT_OFFICE;
      throw err;
    }
  };
  const send = createSend({ listing, revisions, repository: deps.repository, blobs: deps.blobs, outbox: deps.outbox, clock: deps.clock, ictOffice });
  const revise = createRevise({ listing, repository: deps.repository, clock: deps.clock, ictOffice });
  const files = createFiles({ listing, revisions, blobs: deps.blobs, copies: deps.copies, outbox: deps.outbox });

  /** A draft's description as its kind reads it now; a deleted draft has none (its kept revision speaks for it). */
  async function descriptionOf(j: Journey): Promise<DraftDescription | null> {
    if (!j.facts.draft) return null;
    try {
      return await signing.sourceOf(j.facts.kind).describe(j.facts.id);
    } catch (err) {
      // An unreadable draft still lists, by the title its row holds; opening it names the problem.
      if (err instanceof BerkasError) return null;
      throw err;
    }
  }

  async function view(id: string): Promise<DocumentView> {
    const j = listing.journeyOf(listing.resolve(id).facts);
    return listing.viewOf(j, await descriptionOf(j));
  }

  async function revisionView(revision: SignedRevision): Promise<SignedRevisionView> {
    return revisions.view(revision);
  }

  async function jobView(jobId: string, status: SignJobStatus | null) {
    if (!status) throw new BerkasError('JOB_NOT_FOUND', `Pekerjaan ${jobId} tidak dikenal (sudah lama selesai, atau aplikasi dibuka ulang).`, { field: 'jobId', jobId });
    const kept = status.revisionId ? deps.repository.byId(status.revisionId) : null;
    const { revisionId: _revisionId, ...job } = status;
    return { ...job, revision: kept ? await revisionView(kept) : null };
  }

  return {
    /** Keeps what a kind's service signed (reports keep through this, wherever they are signed from). */
    keep: revisions.keep,

    /** Keeps a serah terima package made outside documentSign (berkas bundle create) as the bundle's next revision. */
    keepPackage: (made: MadePackage, key: SigningKey) => revisions.keep(handoverKeepInput(made, key)),

    /** Keeps a plan signed by the signing service's own verb (pdfRencanaAksi), against the draft as it is now. */
    async keepPlan(signed: { plan: RencanaAksiPlan; file: SignedPlanFile; handle: SigningKeyHandle; isCertified: boolean }): Promise<void> {
      const draftRevision = deps.repository.draft(signed.plan.id)?.revision ?? 0;
      await revisions.keep(planKeepInput(signed.plan, signed.file, { handle: signed.handle, isCertified: signed.isCertified }, deps.clock.now().toISOString(), draftRevision));
    },

    /** Every document of every kind, the most recently changed first. */
    async list(): Promise<DocumentSummary[]> {
      const descriptions = new Map<string, DraftDescription>();
      for (const source of deps.sources()) for (const [id, d] of await source.describeAll()) descriptions.set(id, d);
      const out: DocumentSummary[] = [];
      for (const facts of listing.allFacts()) out.push(await listing.summaryOf(listing.journeyOf(facts), descriptions.get(facts.id) ?? null));
      return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    },

    get: view,

    /** The lifecycle without reading files: for the due calendar, which asks for every report. */
    lifecycleOf: listing.lifecycleOf,

    signPreview: signing.preview,

    async sign(id: string, key: SigningKey, options: DocumentSignOptions & { isSignerConfirmed?: boolean } = {}) {
      const signed = await signing.sign(id, key, options);
      return { document: await view(signed.documentId), revision: signed.revision ? await revisionView(signed.revision) : null, jobId: signed.jobId };
    },

    signJob: async (jobId: string) => jobView(jobId, deps.signJob?.(jobId) ?? null),

    waitForSignJob: async (jobId: string) => jobView(jobId, (await deps.waitSignJob?.(jobId)) ?? null),

    async send(id: string, options: { isHeld?: boolean } = {}) {
      const sent = await send(id, options);
      const j = listing.journeyOf(listing.resolve(sent.documentId).facts);
      return { document: await listing.summaryOf(j, await descriptionOf(j)), submission: sent.item, destination: sent.destination, message: sent.message };
    },

    async revise(id: string): Promise<DocumentView> {
      return view(await revise(id));
    },

    file: (id: string, which: RevisionFileKind) => files.file(id, which),

    exportTo: (id: string, outPath: string, options: { which?: RevisionFileKind; isFromOutbox?: boolean } = {}) => files.exportTo(id, outPath, options),
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
