import type { ReportFinding } from '@core/domain/reports';
import { useT } from '../../i18n/i18n-context';

const shownAtMost = 50;

/** What is still wrong or worth a look, checked as the officer types by the rules the service applies before signing. */
export function ReportFindings({ findings, headingId }: { findings: ReportFinding[]; headingId: string }) {
  const t = useT();
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  return (
    <section className="lap-findings" aria-labelledby={headingId} data-testid="report-findings">
      <h3 id={headingId}>{t('lap.findings.title')}</h3>
      {findings.length === 0 ? (
        <p className="feedback-ok">{t('lap.findings.none')}</p>
      ) : (
        <>
          <p>{t('lap.findings.counts', { errors: errors.length, warnings: warnings.length })}</p>
          <ul className="lap-findings-list">
            {findings.slice(0, shownAtMost).map((f, i) => (
              <li key={`${f.field}:${f.row ?? ''}:${f.column ?? ''}:${i}`} className={f.severity === 'error' ? 'lap-finding-error' : 'lap-finding-warning'}>
                {f.message}
              </li>
            ))}
          </ul>
          {findings.length > shownAtMost ? <p className="field-hint">{t('lap.findings.more', { count: findings.length - shownAtMost })}</p> : null}
        </>
      )}
    </section>
  );
}
