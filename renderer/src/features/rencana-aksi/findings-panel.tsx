import { memo, useState } from 'react';
import type { Finding } from '@core/domain/rencana-aksi';
import { TechnicalDetails } from '../../components/technical-details';
import { useT } from '../../i18n/i18n-context';

/** Findings shown at first; a plan of thousands of stages can have thousands. */
const FIRST_PAGE = 100;

/** The message without its leading "Baris 7, kolom Pelaksana: ", which the line above it already shows. */
export function messageBody(message: string): string {
  const m = /^Baris \d+, kolom [^:]{1,80}: (.+)$/su.exec(message);
  return m?.[1] ?? message;
}

interface FindingsPanelProps {
  id: string;
  headingId: string;
  findings: readonly Finding[];
  errorCount: number;
  warningCount: number;
  onSelect(finding: Finding): void;
}

/**
 * Every finding with its row, column and message; choosing one puts the
 * cursor on its cell. The rule codes (INDIKATOR_KOSONG…) are for whoever
 * maintains the checks: under "Rincian teknis", not on each line.
 */
export const FindingsPanel = memo(function FindingsPanel({ id, headingId, findings, errorCount, warningCount, onSelect }: FindingsPanelProps) {
  const t = useT();
  const [isAll, setIsAll] = useState(false);
  const shown = isAll ? findings : findings.slice(0, FIRST_PAGE);
  return (
    <section className="ra-panel ra-findings" id={id} aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {t('ra.findings.title', { count: findings.length })}
      </h2>
      <p className="ra-panel-lead">
        {findings.length === 0 ? t('ra.findings.none') : t('ra.findings.counts', { errors: errorCount, warnings: warningCount })}
      </p>
      {findings.length > 0 ? (
        <ol className="ra-finding-list">
          {shown.map((f, i) => (
            <li key={`${f.code}-${f.row}-${f.column}-${i}`}>
              <button type="button" className={`ra-finding ra-finding-${f.severity}`} onClick={() => onSelect(f)} data-code={f.code}>
                <span className="ra-finding-meta">
                  <span className={`ra-severity ra-severity-${f.severity}`}>{t(f.severity === 'error' ? 'ra.severity.error' : 'ra.severity.warning')}</span>
                  <span className="ra-finding-where">{t('ra.findings.where', { row: f.row, column: f.column })}</span>
                </span>
                <span className="ra-finding-message">{messageBody(f.message)}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      {findings.length > 0 ? (
        <TechnicalDetails testId="ra-findings-codes">
          <p>{t('ra.findings.codes')}</p>
          <ul className="ra-finding-codes">
            {[...new Set(shown.map((f) => f.code))].map((code) => (
              <li key={code}>
                <code>{code}</code> {t('ra.findings.codeCount', { count: shown.filter((f) => f.code === code).length })}
              </li>
            ))}
          </ul>
        </TechnicalDetails>
      ) : null}
      {!isAll && findings.length > FIRST_PAGE ? (
        <button type="button" className="button button-secondary button-small" onClick={() => setIsAll(true)}>
          {t('ra.findings.showAll', { count: findings.length })}
        </button>
      ) : null}
    </section>
  );
});
