import type { NipCheck } from '@core/domain/settings/nip';
import { useI18n } from '../../i18n/i18n-context';

const partLabels = {
  panjang: 'nip.part.length',
  'tanggal-lahir': 'nip.part.birthDate',
  tmt: 'nip.part.tmt',
  'jenis-kelamin': 'nip.part.gender',
  'nomor-urut': 'nip.part.sequence',
} as const;

/** What the live NIP check found: the wrong part by name, or the parts it read. */
export function NipFeedback({ check, isChecking }: { check: NipCheck | null; isChecking: boolean }) {
  const { t, date, monthYear } = useI18n();
  if (isChecking) return <p className="feedback-pending">{t('nip.checking')}</p>;
  if (!check) return null;
  if (!check.isValid) {
    return (
      <span className="feedback-error" data-part={check.part}>
        <strong>{t('nip.wrongPart', { part: t(partLabels[check.part]) })}</strong> <span className="feedback-detail">{check.message}</span>
      </span>
    );
  }
  return (
    <p className="feedback-ok">
      {t('nip.valid', {
        birthDate: date(check.parts.birthDate),
        tmt: monthYear(check.parts.tmt),
        gender: check.parts.gender === 'L' ? t('nip.gender.male') : t('nip.gender.female'),
        sequence: check.parts.sequence,
      })}
    </p>
  );
}
