import type { PlanAnalysis } from '@core/domain/rencana-aksi';
import { useI18n } from '../../i18n/i18n-context';

export interface ImportReport {
  fileName: string;
  analysis: PlanAnalysis;
}

/** What an import found in the file it read, folded under a count. */
export function ImportReportView({ report, onClose }: { report: ImportReport; onClose(): void }) {
  const { t } = useI18n();
  const { findings } = report.analysis;
  return (
    <section className="callout callout-info ra-import-report" aria-label={t('ra.import.reportLabel')} data-testid="ra-import-report">
      <div className="ra-import-report-head">
        <p>
          <strong>{t('ra.import.done', { file: report.fileName })}</strong>{' '}
          {findings.length === 0 ? t('ra.import.noFindings') : t('ra.import.findings', { count: findings.length })}
        </p>
        <button type="button" className="button button-small button-secondary" onClick={onClose}>
          {t('ra.import.close')}
        </button>
      </div>
      {findings.length > 0 ? (
        <details>
          <summary>{t('ra.import.showFindings')}</summary>
          <ul className="ra-import-findings">
            {findings.map((f, i) => (
              <li key={`${f.code}-${i}`} data-code={f.code}>
                {f.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
