import type { ReportFinding } from '@core/domain/reports';
import { useT } from '../../i18n/i18n-context';

const shownAtMost = 50;

/** What is still wrong or worth a look, checked as the officer types by the rules the service applies before signing. */
/**
 * `isQuiet`: nobody has touched the form yet, so what is missing is a to-do
 * list in plain colours ("Yang perlu diisi"), not a wall of red.
 */
export function ReportFindings({ findings, headingId, isQuiet = false }: { findings: ReportFinding[]; headingId: string; isQuiet?: boolean }) {
  const t = useT();
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  return (
    <section className={isQuiet ? 'lap-findings lap-findings-quiet' : 'lap-findings'} aria-labelledby={headingId} data-testid="report-findings" data-quiet={isQuiet}>
      <h3 id={headingId}>{isQuiet && findings.length > 0 ? t('lap.findings.todo') : t('lap.findings.title')}</h3>
      {findings.length === 0 ? (
        <p className="feedback-ok">{t('lap.findings.none')}</p>
      ) : (
        <>
          <p>{isQuiet ? t('lap.findings.todoLead') : t('lap.findings.counts', { errors: errors.length, warnings: warnings.length })}</p>
          <ul className="lap-findings-list">
            {findings.slice(0, shownAtMost).map((f, i) => (
              <li key={`${f.field}:${f.row ?? ''}:${f.column ?? ''}:${i}`} className={isQuiet ? 'lap-finding-todo' : f.severity === 'error' ? 'lap-finding-error' : 'lap-finding-warning'}>
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
