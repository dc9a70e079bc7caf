/** What the screens and `berkas outbox status` show: one package, and the kotak keluar as a whole. */
import { OUTBOX_STATES, availableActions, isUnsent, nextWakeAt, progressPercent, type OutboxError, type OutboxState } from '../../domain/outbox/machine';
import { parseStoredManifest, periodLabel } from '../../domain/outbox/manifest';
import type { OutboxItemView, OutboxOverview } from '../../domain/outbox/views';
import { enrollmentView } from './enrollment';
import type { EnrollmentRecord, OutboxItemRecord } from './ports';

/** The package the sender is uploading right now, with the bytes the server acknowledged so far. */
export interface Sending {
  id: string;
  bytesSent: number;
}

export function itemView(r: OutboxItemRecord, sending: Sending | null): OutboxItemView {
  let status = r.status;
  // The database is written a little behind the upload; the screen shows the newer count.
  if (sending?.id === r.id && status.state === 'mengirim') status = { ...status, bytesSent: Math.max(status.bytesSent, sending.bytesSent) };
  return {
    id: r.id,
    seq: r.seq,
    title: r.title,
    type: r.type,
    opd: r.opd,
    period: r.period,
    periodLabel: periodLabel(r.period),
    revisionOf: r.revisionOf,
    mainDocument: r.mainDocument,
    manifestSha256: r.manifestSha256,
    packageSha256: r.packageSha256,
    packageSize: r.packageSize,
    fileCount: parseStoredManifest(r.manifestJson).files.length,
    createdAt: r.createdAt,
    exportedAt: r.exportedAt,
    status,
    percent: progressPercent(status),
    actions: availableActions(status),
  };
}

export interface SenderSnapshot {
  isStopping: boolean;
  isAutomatic: boolean;
  sending: Sending | null;
  linkError: OutboxError | null;
  /** Epoch milliseconds before which the server is not tried again. */
  linkRetryAt: number;
}

/** Why nothing is sent while the token stays revoked; serverUrl fills TOKEN_REVOKED's English text. */
function revokedError(serverUrl: string, revoked: string): OutboxError {
  return { code: 'TOKEN_REVOKED', message: `Token perangkat ditolak server ${serverUrl} sejak ${revoked}. Daftarkan ulang perangkat ini.`, details: { serverUrl }, at: revoked };
}

export function overviewOf(items: readonly OutboxItemRecord[], enrollment: EnrollmentRecord | null, sender: SenderSnapshot, now: Date): OutboxOverview {
  const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
  let oldest: { at: string; id: string } | null = null;
  for (const r of items) {
    counts[r.status.state] += 1;
    if (isUnsent(r.status.state)) {
      const at = r.status.queuedAt ?? r.createdAt;
      if (!oldest || Date.parse(at) < Date.parse(oldest.at)) oldest = { at, id: r.id };
    }
  }
  const canSend = enrollment !== null && enrollment.revokedAt === null;
  const waiting = items.filter((r) => r.status.state === 'antre' || r.status.state === 'belum-pasti').map((r) => ({ status: r.status }));
  const senderState = sender.isStopping
    ? 'stopped'
    : !canSend
      ? 'not-enrolled'
      : sender.sending
        ? 'sending'
        : sender.linkError !== null || waiting.some((i) => !i.status.isHeld)
          ? 'waiting'
          : 'idle';
  const revoked = enrollment?.revokedAt;
  return {
    enrollment: enrollmentView(enrollment),
    counts,
    oldestUnsentAt: oldest?.at ?? null,
    oldestUnsentId: oldest?.id ?? null,
    sender: {
      state: senderState,
      isAutomatic: sender.isAutomatic,
      currentId: sender.sending?.id ?? null,
      linkError: sender.linkError ?? (enrollment && revoked ? revokedError(enrollment.serverUrl, revoked) : null),
      nextWakeAt: sender.linkRetryAt > now.getTime() ? new Date(sender.linkRetryAt).toISOString() : nextWakeAt(waiting),
    },
    now: now.toISOString(),
  };
}
