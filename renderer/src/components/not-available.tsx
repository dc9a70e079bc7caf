import { useT } from '../i18n/i18n-context';

/** Says plainly that a step is not in this version: no button pretends otherwise. */
export function NotAvailable({ what }: { what: string }) {
  const t = useT();
  return (
    <p className="callout callout-info">
      <strong>{t('common.notAvailableTitle')}</strong> {t('common.notAvailable', { what })}
    </p>
  );
}
