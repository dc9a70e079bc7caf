/**
 * The one lifecycle of a document an officer makes (issue 13; ARCHITECTURE.md
 * "Data that must not be lost"): draf → ditandatangani → antre → terkirim →
 * diterima | perlu-revisi | ditolak, computed from the document and its outbox
 * item, and shown the same on every list, the editor header, the due calendar
 * and the CLI. The outbox's own conditions (held, failed, outcome unknown,
 * sending) are a detail of "antre", never a state of their own here.
 */
import type { OutboxState } from '../outbox/machine';

export const DOCUMENT_STATES = ['draf', 'ditandatangani', 'antre', 'terkirim', 'diterima', 'perlu-revisi', 'ditolak'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** What the outbox is doing with a queued document, for the line under its state. */
export type QueueDetail = 'menunggu' | 'mengirim' | 'ditahan' | 'gagal' | 'belum-pasti';

export interface DocumentFacts {
  /** The document has a signed revision (the newest revision is signed, not a draft after it). */
  isSigned: boolean;
  /** The outbox item of the newest signed revision, if it was ever put in the outbox. */
  outbox: { state: OutboxState; isHeld: boolean } | null;
}

export interface DocumentLifecycle {
  state: DocumentState;
  /** Only for "antre". */
  queue: QueueDetail | null;
}

export const documentStateLabels: Record<DocumentState, string> = {
  draf: 'Draf',
  ditandatangani: 'Ditandatangani, belum dikirim',
  antre: 'Antre untuk dikirim',
  terkirim: 'Terkirim, menunggu keputusan Diskominfo',
  diterima: 'Diterima',
  'perlu-revisi': 'Perlu revisi',
  ditolak: 'Ditolak',
};

export const queueDetailLabels: Record<QueueDetail, string> = {
  menunggu: 'menunggu sambungan',
  mengirim: 'sedang dikirim',
  ditahan: 'ditahan',
  gagal: 'tidak dapat dikirim',
  'belum-pasti': 'hasil pengiriman belum pasti',
};

export function documentLifecycle(facts: DocumentFacts): DocumentLifecycle {
  const item = facts.outbox;
  if (!facts.isSigned) return { state: 'draf', queue: null };
  if (!item) return { state: 'ditandatangani', queue: null };
  switch (item.state) {
    case 'draft':
    case 'siap':
    case 'dibatalkan':
      return { state: 'ditandatangani', queue: null };
    case 'antre':
      return { state: 'antre', queue: item.isHeld ? 'ditahan' : 'menunggu' };
    case 'mengirim':
      return { state: 'antre', queue: 'mengirim' };
    case 'gagal':
      return { state: 'antre', queue: 'gagal' };
    case 'belum-pasti':
      return { state: 'antre', queue: 'belum-pasti' };
    case 'terkirim':
    case 'diterima':
    case 'perlu-revisi':
    case 'ditolak':
      return { state: item.state, queue: null };
  }
}

/** One line for a list or the CLI: "Antre untuk dikirim (ditahan)". */
export function describeLifecycle(lifecycle: DocumentLifecycle): string {
  const base = documentStateLabels[lifecycle.state];
  return lifecycle.queue ? `${base} (${queueDetailLabels[lifecycle.queue]})` : base;
}

/**
 * A report counts as done for its period only when Diskominfo has received it
 * (Jambi Pasal 22, Jember Pasal 24): signed or sent is not yet reported.
 */
export function isReportDone(lifecycle: DocumentLifecycle): boolean {
  return lifecycle.state === 'diterima';
}
