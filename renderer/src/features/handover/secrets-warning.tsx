import type { ReactNode } from 'react';
import type { SecretFinding } from '@core/domain/handover/secrets';
import { useT } from '../../i18n/i18n-context';
import { formatCount } from './model';

/**
 * Suspected secrets in source code (issue 5 item 2): where (file, line) and
 * what kind — never the value, which the service does not keep. Shown loud,
 * before the officer attaches and again before anything is packaged.
 */
export function SecretsWarning({ secrets, title, children }: { secrets: readonly SecretFinding[]; title?: string; children?: ReactNode }) {
  const t = useT();
  if (secrets.length === 0) return null;
  const files = new Set(secrets.map((s) => s.file)).size;
  return (
    <div className="ho-secrets" role="alert" data-testid="handover-secrets">
      <p className="ho-secrets-title">
        <span aria-hidden="true">⚠ </span>
        {title ?? t('handover.secrets.title', { count: formatCount(secrets.length), files: formatCount(files) })}
      </p>
      <p className="ho-secrets-lead">{t('handover.secrets.lead')}</p>
      <table className="ho-secrets-table">
        <thead>
          <tr>
            <th scope="col">{t('handover.secrets.file')}</th>
            <th scope="col">{t('handover.secrets.line')}</th>
            <th scope="col">{t('handover.secrets.kind')}</th>
          </tr>
        </thead>
        <tbody>
          {secrets.map((s, i) => (
            <tr key={`${s.file}:${s.line ?? 0}:${i}`}>
              {/* data-verbatim: the file's path and the variable name quoted in the reason (DB_PASSWORD) are the officer's own source, shown as found. */}
              <td data-verbatim>
                <code>{s.file}</code>
              </td>
              <td>{s.line === undefined ? t('handover.secrets.wholeFile') : formatCount(s.line)}</td>
              <td data-verbatim>{s.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {children}
    </div>
  );
}
