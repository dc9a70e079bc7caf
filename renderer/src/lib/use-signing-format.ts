import { useMemo } from 'react';
import type { KeyUsageName } from '@core/domain/signing/certificate';
import { zoneName } from '@core/domain/signing/indonesian-date';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/catalog';
import { localOffsetMinutes } from './certificate-status';

const keyUsageKeys = {
  digitalSignature: 'sign.keyUsage.digitalSignature',
  nonRepudiation: 'sign.keyUsage.nonRepudiation',
  keyEncipherment: 'sign.keyUsage.keyEncipherment',
  dataEncipherment: 'sign.keyUsage.dataEncipherment',
  keyAgreement: 'sign.keyUsage.keyAgreement',
  keyCertSign: 'sign.keyUsage.keyCertSign',
  cRLSign: 'sign.keyUsage.cRLSign',
  encipherOnly: 'sign.keyUsage.encipherOnly',
  decipherOnly: 'sign.keyUsage.decipherOnly',
} as const satisfies Record<KeyUsageName, MessageKey>;

export interface SigningFormat {
  /** "17 Juni 2027" on the officer's clock. */
  day(iso: string): string;
  /** "17 Juni 2027 14.05 WIB". */
  dayTime(iso: string): string;
  /** "tanda tangan digital, nirsangkal", or "tidak dibatasi". */
  keyUsage(usage: KeyUsageName[] | null): string;
}

/** Dates and key usages in the active language, the way Indonesian documents write them. */
export function useSigningFormat(): SigningFormat {
  const { t, date } = useI18n();
  return useMemo<SigningFormat>(
    () => ({
      day: (iso) => date(new Date(iso)),
      dayTime(iso) {
        const d = new Date(iso);
        const time = `${String(d.getHours()).padStart(2, '0')}.${String(d.getMinutes()).padStart(2, '0')}`;
        return t('sign.dateTime', { date: date(d), time, zone: zoneName(localOffsetMinutes(d)) });
      },
      keyUsage(usage) {
        if (usage === null) return t('sign.keyUsage.unrestricted');
        if (usage.length === 0) return t('sign.keyUsage.none');
        return usage.map((u) => t(keyUsageKeys[u])).join(', ');
      },
    }),
    [t, date],
  );
}
