/** A small package just queued (antre), as the outbox store and queue tests insert it straight into the repository. */
import { newStatus, transition } from '../../../../../core/domain/outbox/machine';
import type { OutboxItemRecord } from '../../../../../core/services/outbox/ports';

export function queuedItem(id: string, at: Date): Omit<OutboxItemRecord, 'seq' | 'exportedAt'> {
  return {
    id,
    title: id,
    type: 'laporan',
    opd: 'DISDIK',
    period: '2025-06',
    revisionOf: null,
    mainDocument: 'data/laporan.pdf',
    mainSha256: `sha-${id}`,
    manifestJson: '{"files":[]}',
    manifestSha256: `m-${id}`,
    packageSha256: `p-${id}`,
    packageSize: 500,
    status: transition(newStatus(at, 300), { type: 'enqueue' }, { now: at, random: () => 0.5 }),
    createdAt: at.toISOString(),
  };
}
