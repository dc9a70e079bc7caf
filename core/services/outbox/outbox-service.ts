/**
 * The kotak keluar (issue 7 item 2): packages wait here until Diskominfo's
 * intake server has acknowledged them with a signed receipt, however often the
 * link drops and whenever the app is restarted. The use cases, each in its
 * own module of this folder:
 *
 * - intake.ts: a signed PDF or a package ZIP into the queue;
 * - sender.ts: sending, oldest first, and settling lost answers (queue.ts:
 *   the list it chooses from);
 * - enrollment.ts: the device token, kept only in the KeyVault;
 * - status.ts: what the screens show; store.ts: every change of state,
 *   through the domain's state machine, written before it is acted on.
 */
import type { BlobStore, Clock, KeyVault, SettingsStore, SubmissionPackager, SyncConnection, SyncTransport } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { defaultBackoff, type BackoffPolicy, type Random } from '../../domain/outbox/backoff';
import type { OutboxError } from '../../domain/outbox/machine';
import { packageFileName, parseStoredManifest } from '../../domain/outbox/manifest';
import type { EnrollmentView, OutboxItemView, OutboxOverview, SendReport, ServerCheck } from '../../domain/outbox/views';
import { createEnrollment, enrollmentView } from './enrollment';
import { createIntake, type AddPdfInput, type DocumentSource } from './intake';
import { createLink } from './link';
import type { OutboxItemRecord, OutboxRepository, UploadOffset } from './ports';
import { createSender, type Timer } from './sender';
import { itemView, overviewOf } from './status';
import { createOutboxStore } from './store';

export { DEVICE_TOKEN_VAULT_NAME } from './enrollment';
export type { AddPdfInput, DocumentSource, Timer };

export interface OutboxServiceDeps {
  repository: OutboxRepository;
  clock: Clock;
  blobs: BlobStore;
  settings: SettingsStore;
  transport: SyncTransport;
  packager: SubmissionPackager;
  /** The KeyVault; outside Electron it needs the passphrase of the request or the environment. */
  vault(passphrase?: string): KeyVault;
  findDocument(documentId: string): DocumentSource | null | Promise<DocumentSource | null>;
  appVersion: string;
  deviceName: string;
  random?: Random;
  /** Per package (default 1 s doubling to 5 min). */
  backoff?: BackoffPolicy;
  /** For the link as a whole, when the server cannot be reached (default as per package). */
  linkBackoff?: BackoffPolicy;
  setTimer?: Timer;
  /** How often to ask the server for review results while idle (default 5 min). */
  reviewPollMs?: number;
}

const defaultTimer: Timer = (fn, ms) => {
  const t = setTimeout(fn, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
  return () => clearTimeout(t);
};

export function createOutboxService(deps: OutboxServiceDeps) {
  const { repository } = deps;
  const random = deps.random ?? Math.random;
  const backoff = deps.backoff ?? defaultBackoff;
  const now = () => deps.clock.now();
  const store = createOutboxStore({ repository, clock: deps.clock, random, backoff });
  const link = createLink({ clock: deps.clock, random, backoff: deps.linkBackoff ?? backoff });
  const enrollment = createEnrollment({ ...deps, link, exclusive: store.exclusive });
  const intake = createIntake({ ...deps, store, random });

  /** After a restart: a package that was being sent waits in the queue again. */
  async function recover(): Promise<void> {
    for (const r of repository.itemsIn(['mengirim'])) await store.apply(r.id, { type: 'interrupt' }, ['mengirim']);
  }
  const ready = recover();
  ready.catch(() => undefined);

  const view = (r: OutboxItemRecord): OutboxItemView => itemView(r, sender.sending());
  const sender = createSender({ ...deps, store, enrollment, link, setTimer: deps.setTimer ?? defaultTimer, reviewPollMs: deps.reviewPollMs ?? 5 * 60_000, ready, view });

  /** Added to the queue: the sender, if it sleeps, looks at it now. */
  const queued = (r: OutboxItemRecord): OutboxItemView => {
    sender.kick();
    return view(r);
  };

  return {
    ready,

    async addPdf(input: AddPdfInput): Promise<OutboxItemView> {
      await ready;
      return queued(await intake.addPdf(input));
    },

    async addPackage(file: string, options: { isHeld?: boolean; revisionOf?: string } = {}): Promise<OutboxItemView> {
      await ready;
      return queued(await intake.addPackage(file, options));
    },

    list: (): OutboxItemView[] => repository.items().map(view),

    get: (id: string): OutboxItemView => view(store.item(id)),

    /** The packages of one signed document (by its bytes), cancelled ones too, oldest first. */
    itemsWithMainDocument: (sha256: string): OutboxItemView[] => repository.itemsWithMainDocument(sha256).map(view),

    /** Where a package is kept and what it holds: the ZIP's blob and each file's path and SHA-256. */
    packageOf(id: string): { packageSha256: string; mainDocument: string; files: { path: string; sha256: string }[] } | null {
      const r = repository.item(id);
      if (!r) return null;
      return { packageSha256: r.packageSha256, mainDocument: r.mainDocument, files: parseStoredManifest(r.manifestJson).files.map((f) => ({ path: f.path, sha256: f.sha256 })) };
    },

    overview: (): OutboxOverview =>
      overviewOf(
        repository.items(),
        repository.enrollment(),
        { isStopping: sender.isStopping(), isAutomatic: sender.isAutomatic(), sending: sender.sending(), linkError: link.error(), linkRetryAt: link.retryAt() },
        now(),
      ),

    async sendNow(id: string): Promise<OutboxItemView> {
      await ready;
      await store.apply(id, { type: 'sendNow' });
      link.tryNow();
      sender.kick();
      return view(store.item(id));
    },

    async hold(id: string): Promise<OutboxItemView> {
      await ready;
      await store.apply(id, { type: 'hold' });
      sender.interrupt(id);
      return view(store.item(id));
    },

    async resume(id: string): Promise<OutboxItemView> {
      await ready;
      await store.apply(id, { type: 'resume' });
      sender.kick();
      return view(store.item(id));
    },

    async cancel(id: string): Promise<OutboxItemView> {
      await ready;
      await store.apply(id, { type: 'cancel' }, undefined, { clearUploads: true });
      sender.interrupt(id);
      return view(store.item(id));
    },

    /** A copy of the package for a flash drive; the server takes it once, whichever way it arrives first. */
    async exportTo(id: string, outPath: string): Promise<{ id: string; path: string; size: number; fileName: string }> {
      await ready;
      const r = store.item(id);
      if (r.status.state === 'dibatalkan') throw new BerkasError('OUTBOX_CANCELLED', `Paket ${id} sudah dibatalkan; paket yang dibatalkan tidak diekspor.`, { id });
      const written = await deps.packager.exportTo(r.packageSha256, outPath);
      await store.exclusive(() => repository.markExported(id, now().toISOString()));
      return { id, ...written, fileName: packageFileName(r.opd, r.id) };
    },

    uploads: (id: string): UploadOffset[] => repository.uploads(id),

    enrollment: (): EnrollmentView | null => enrollmentView(repository.enrollment()),

    async enroll(input: { serverUrl: string; code: string; deviceName?: string; vaultPassphrase?: string }): Promise<EnrollmentView> {
      await ready;
      const enrolled = await enrollment.enroll(input);
      sender.kick();
      return enrolled;
    },

    checkServer: (): Promise<ServerCheck> => enrollment.checkServer(),

    /** Asks the server for review results now (also done by the sender every few minutes). */
    async refreshReviews(): Promise<void> {
      await ready;
      if (!enrollment.canSend()) return;
      await sender.pollReviews();
    },

    /** Starts sending on its own (desktop app, `berkas ui`). */
    start: (): void => sender.start(),

    /** Stops the sender: an upload in flight is interrupted (the server keeps what it acknowledged). */
    stop: (): Promise<void> => sender.stop(),

    /**
     * One pass for `outbox send`: every queued package (oldest first) and every
     * uncertain one is tried now, once; with `isPatient`, keep trying with
     * backoff until nothing is left to send. Stops early when the server
     * cannot be reached or the device is not enrolled.
     */
    async sendPending(options: { isPatient?: boolean; onChange?: (view: OutboxItemView) => void } = {}): Promise<SendReport> {
      await ready;
      return sender.sendPending(options);
    },

    /** Registers work to run after a send cycle that delivered something (best-effort; a failure never reaches the sender). */
    onSendCycle: (listener: () => Promise<void>): (() => void) => sender.onSendCycle(listener),

    /** The enrolled server and the device token from the key vault, for other requests of the protocol (reference data). */
    deviceConnection: (passphrase?: string): Promise<SyncConnection> => enrollment.connection(passphrase),

    /** For tests and the CLI: the reason the sender is waiting, if any. */
    linkError: (): OutboxError | null => link.error(),
  };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
