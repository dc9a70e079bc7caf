import { useId, useState } from 'react';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { messageOf } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';

interface ReferenceSyncButtonProps {
  /** Another action of the list (a catalog file import among them) is running. */
  isBlocked: boolean;
  /** After a catalog was installed (the list's findings and the editor's index change). */
  onUpdated(): void;
}

/**
 * "Perbarui katalog dari {ictOfficeShort}": fetches the catalog of accepted
 * activities from the intake server (referenceSync). Disabled, with the
 * reason beside it, while this computer is not enrolled or its token was refused.
 */
export function ReferenceSyncButton({ isBlocked, onUpdated }: ReferenceSyncButtonProps) {
  const { api, profile } = useWorkspace();
  const { t } = useI18n();
  const ictOfficeShort = profile.terms.ictOfficeShort;
  const agency = profile.terms.agency;
  const reasonId = useId();
  const [isBusy, setIsBusy] = useState(false);
  const [result, setResult] = useState<{ isError: boolean; text: string } | null>(null);

  // The outbox cannot be read: the button stays usable and the sync itself names the problem.
  const enrollment = useAsync(async () => (await api.outboxStatus({})).enrollment, [api]).value;
  const blockReason = enrollment === undefined ? null : enrollment === null ? 'ra.catalog.sync.notEnrolled' : enrollment.revokedAt !== null ? 'ra.catalog.sync.revoked' : null;

  const sync = async () => {
    setResult(null);
    setIsBusy(true);
    try {
      const { catalog } = await api.referenceSync({});
      const params = { ictOfficeShort, entries: catalog.entryCount, agencies: catalog.opdCount, agency };
      setResult({ isError: false, text: catalog.status === 'updated' ? t('ra.catalog.sync.updated', params) : t('ra.catalog.sync.unchanged', params) });
      if (catalog.status === 'updated') onUpdated();
    } catch (err) {
      setResult({ isError: true, text: messageOf(err) });
    } finally {
      setIsBusy(false);
    }
  };

  const isDisabled = blockReason !== null || isBusy || isBlocked;
  return (
    <>
      <button
        type="button"
        className={`button button-secondary button-small${isBusy ? ' is-busy' : ''}`}
        disabled={isDisabled}
        aria-describedby={blockReason ? reasonId : undefined}
        onClick={() => void sync()}
        data-testid="ra-catalog-sync"
      >
        {isBusy ? t('ra.catalog.sync.busy', { ictOfficeShort }) : t('ra.catalog.sync', { ictOfficeShort })}
      </button>
      {blockReason ? (
        <p id={reasonId} className="ra-panel-lead" data-testid="ra-catalog-sync-reason">
          {t(blockReason, { ictOfficeShort })}
        </p>
      ) : null}
      {result ? (
        <p className={result.isError ? 'callout callout-error' : 'callout callout-info'} role={result.isError ? 'alert' : 'status'} data-testid="ra-catalog-sync-result">
          {result.text}
        </p>
      ) : null}
    </>
  );
}
