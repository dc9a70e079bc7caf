import type { OutboxItemView } from '@core/domain/outbox/views';
import { ageParts } from '@core/domain/outbox/age';
import type { Translate } from '../../i18n/catalog';

/** The state of a package in the words of the active language ("Mengirim 42%", "Antre · Ditahan"). */
export function stateLabel(t: Translate, item: Pick<OutboxItemView, 'status' | 'percent'>): string {
  const s = item.status.state;
  const base =
    s === 'mengirim'
      ? t('outbox.state.mengirim', { percent: item.percent })
      : t(
          (
            {
              draft: 'outbox.state.draft',
              siap: 'outbox.state.siap',
              antre: 'outbox.state.antre',
              'belum-pasti': 'outbox.state.belum-pasti',
              terkirim: 'outbox.state.terkirim',
              diterima: 'outbox.state.diterima',
              'perlu-revisi': 'outbox.state.perlu-revisi',
              ditolak: 'outbox.state.ditolak',
              gagal: 'outbox.state.gagal',
              dibatalkan: 'outbox.state.dibatalkan',
            } as const
          )[s],
        );
  return item.status.isHeld ? `${base} · ${t('outbox.held')}` : base;
}

export function typeLabel(t: Translate, type: OutboxItemView['type']): string {
  return t(({ 'rencana-aksi': 'outbox.type.rencana-aksi', 'serah-terima': 'outbox.type.serah-terima', laporan: 'outbox.type.laporan' } as const)[type]);
}

/** "3 hari 4 jam": the two largest units, in the active language. */
export function ageLabel(t: Translate, since: string, now: Date): string {
  const { days, hours, minutes } = ageParts(since, now);
  if (days > 0) return hours > 0 ? t('outbox.age.dh', { days, hours }) : t('outbox.age.d', { days });
  if (hours > 0) return minutes > 0 ? t('outbox.age.hm', { hours, minutes }) : t('outbox.age.h', { hours });
  return minutes > 0 ? t('outbox.age.m', { minutes }) : t('outbox.age.lt1');
}

/** Tells the header (oldest unsent age) that the outbox changed. */
export const outboxChangedEvent = 'berkas:outbox-changed';

export function announceOutboxChange(): void {
  window.dispatchEvent(new Event(outboxChangedEvent));
}
