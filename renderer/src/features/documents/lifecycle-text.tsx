import type { DocumentState, QueueDetail } from '@core/domain/documents/lifecycle';
import type { DocumentKind } from '@core/domain/documents/model';
import type { Translate } from '../../i18n/catalog';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';

const stateKeys = {
  draf: 'doc.state.draf',
  ditandatangani: 'doc.state.ditandatangani',
  antre: 'doc.state.antre',
  diterima: 'doc.state.diterima',
  'perlu-revisi': 'doc.state.perlu-revisi',
  ditolak: 'doc.state.ditolak',
} as const satisfies Record<Exclude<DocumentState, 'terkirim'>, string>;

const queueKeys = {
  menunggu: 'doc.queue.menunggu',
  mengirim: 'doc.queue.mengirim',
  ditahan: 'doc.queue.ditahan',
  gagal: 'doc.queue.gagal',
  'belum-pasti': 'doc.queue.belum-pasti',
} as const satisfies Record<QueueDetail, string>;

const kindKeys = { 'rencana-aksi': 'doc.kind.rencana-aksi', laporan: 'doc.kind.laporan', 'serah-terima': 'doc.kind.serah-terima' } as const satisfies Record<DocumentKind, string>;

/**
 * A document's lifecycle in one line, in the words of core's
 * describeLifecycle ("Antre untuk dikirim (ditahan)"; the Indonesian catalog
 * repeats them and a unit test holds the two together), so every list, the
 * editor headers and Beranda say the same as the CLI.
 */
export function lifecycleText(t: Translate, state: DocumentState, queue: QueueDetail | null, ictOfficeShort: string): string {
  const base = state === 'terkirim' ? t('doc.state.terkirim', { ictOfficeShort }) : t(stateKeys[state]);
  return queue ? t('doc.stateWithQueue', { state: base, queue: t(queueKeys[queue]) }) : base;
}

export function kindText(t: Translate, kind: DocumentKind): string {
  return t(kindKeys[kind]);
}

const roman = ['I', 'II', 'III', 'IV'];

/**
 * A submission period (PROTOCOL.md §2.1: "2026", "2026-T3", "2026-S1",
 * "2026-07-14") as the calendar says it: "Triwulan III 2026". A code it does
 * not know stays as it is.
 */
export function periodLabel(t: Translate, date: (value: string) => string, code: string): string {
  const quarter = /^(\d{4})-T([1-4])$/.exec(code);
  if (quarter) return t('doc.period.quarter', { n: roman[Number(quarter[2]) - 1] ?? quarter[2] ?? '', year: quarter[1] ?? '' });
  const semester = /^(\d{4})-S([12])$/.exec(code);
  if (semester) return t('doc.period.semester', { n: roman[Number(semester[2]) - 1] ?? semester[2] ?? '', year: semester[1] ?? '' });
  if (/^\d{4}-\d{2}-\d{2}$/.test(code)) return date(code);
  return code;
}

/** Good, waiting, or needing the officer: the badge's colour, never its only signal (the words say it). */
const tone: Record<DocumentState, 'neutral' | 'wait' | 'ok' | 'act' | 'bad'> = {
  draf: 'neutral',
  ditandatangani: 'act',
  antre: 'wait',
  terkirim: 'wait',
  diterima: 'ok',
  'perlu-revisi': 'act',
  ditolak: 'bad',
};

/** The state as a badge for a list row or an editor header. */
export function LifecycleBadge({ state, queue }: { state: DocumentState; queue: QueueDetail | null }) {
  const t = useT();
  const { profile } = useWorkspace();
  return (
    <span className={`doc-state doc-state-${tone[state]}`} data-state={state} data-testid="lifecycle-state">
      {lifecycleText(t, state, queue, profile.terms.ictOfficeShort)}
    </span>
  );
}
