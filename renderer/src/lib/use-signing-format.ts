import { useMemo } from 'react';
import type { KeyUsageName } from '@core/domain/signing/certificate';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/catalog';

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
  /** "17 Juni 2027" on the workspace's clock. */
  day(iso: string): string;
  /** "17 Juni 2027 pukul 14.05 WIB". */
  dayTime(iso: string): string;
  /** "tanda tangan digital, nirsangkal", or "tidak dibatasi". */
  keyUsage(usage: KeyUsageName[] | null): string;
}

/** Dates and key usages in the active language, the way Indonesian documents write them. */
export function useSigningFormat(): SigningFormat {
  const { t, date, dateTime } = useI18n();
  return useMemo<SigningFormat>(
    () => ({
      day: (iso) => date(iso),
      dayTime: (iso) => dateTime(iso),
      keyUsage(usage) {
        if (usage === null) return t('sign.keyUsage.unrestricted');
        if (usage.length === 0) return t('sign.keyUsage.none');
        return usage.map((u) => t(keyUsageKeys[u])).join(', ');
      },
    }),
    [t, date, dateTime],
  );
}
