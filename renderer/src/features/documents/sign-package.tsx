import { useState } from 'react';
import type { SignedRevisionView } from '@core/domain/documents/model';
import { useT } from '../../i18n/i18n-context';
import { DocumentSignDialog } from './sign-dialog';

/**
 * "Tandatangani paket" for a serah terima bundle, through the document
 * journey: the berita acara signed and the package made, verified and kept
 * in the workspace as a revision, then "Kirim ke Diskominfo" — no path to
 * choose. Writing the ZIP to a folder stays the panel's other button.
 */
export function SignPackageButton({
  bundleId,
  title,
  nomor,
  isSecretsAcknowledged,
  isBlocked,
  describedBy,
  onKept,
}: {
  bundleId: string;
  title: string;
  nomor: string;
  isSecretsAcknowledged: boolean;
  isBlocked: boolean;
  describedBy?: string;
  onKept?(revision: SignedRevisionView): void;
}) {
  const t = useT();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-primary" disabled={isBlocked} aria-describedby={describedBy} onClick={() => setIsOpen(true)} data-testid="handover-sign-open">
        {t('doc.package.open')}
      </button>
      {isOpen ? (
        <DocumentSignDialog
          id={bundleId}
          kind="serah-terima"
          title={title}
          testId="handover-sign-dialog"
          extras={{ ...(nomor.trim() ? { nomor: nomor.trim() } : {}), isSecretsAcknowledged }}
          {...(onKept ? { onKept } : {})}
          onClose={() => setIsOpen(false)}
        />
      ) : null}
    </>
  );
}
