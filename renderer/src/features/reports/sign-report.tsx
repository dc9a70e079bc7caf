import { useState } from 'react';
import type { ReportView } from '@core/domain/reports';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { DocumentSignDialog } from '../documents';

/**
 * "Tanda tangani" for the open report, through the document journey: what
 * will be signed (the report, its period, its pages) and by whom, problems
 * that stop it (the certificate's, and every report field still wrong), then
 * the signed revision kept in the workspace with "Kirim ke Diskominfo" next.
 * The editor saves pending changes first.
 */
export function SignReportButton({ report, beforeOpen, onSigned }: { report: ReportView; beforeOpen(): Promise<ReportView | null>; onSigned(view: ReportView): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const [open, setOpen] = useState<ReportView | null>(null);
  const [isOpening, setIsOpening] = useState(false);
  const start = async () => {
    setIsOpening(true);
    const saved = await beforeOpen().catch(() => null);
    setIsOpening(false);
    if (saved) setOpen(saved);
  };
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => void start()} disabled={isOpening} data-testid="report-sign-open">
        {t('lap.sign.open')}
      </button>
      {open ? (
        <DocumentSignDialog
          id={open.id}
          kind="laporan"
          title={open.title}
          testId="report-sign-dialog"
          facts={
            <div>
              <dt>{t('lap.sign.period')}</dt>
              <dd>{open.period.label}</dd>
            </div>
          }
          onKept={() => {
            // The report's own status follows its signature; a failed read leaves the editor as it was.
            void api.reportGet({ id: open.id }).then(onSigned, () => undefined);
          }}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {report.status === 'ditandatangani' ? <span className="lap-signed-note">{t('lap.sign.alreadySigned')}</span> : null}
    </>
  );
}
