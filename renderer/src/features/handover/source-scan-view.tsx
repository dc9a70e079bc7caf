import type { LanguageShare } from '@core/domain/handover/languages';
import type { SourceScan } from '@core/domain/handover/packaging';
import { useT } from '../../i18n/i18n-context';
import { formatCount } from './model';
import { SecretsWarning } from './secrets-warning';
import { formatByteSize } from '@core/domain/format/byte-size';

const kindKeys = { file: 'handover.scan.kind.file', folder: 'handover.scan.kind.folder', archive: 'handover.scan.kind.archive' } as const;

/** "PHP 12 berkas (48,2 KB), JavaScript 3 berkas (1,1 KB)", largest first as the scanner sorts them. */
export function LanguagesText({ languages }: { languages: readonly LanguageShare[] }) {
  const t = useT();
  if (languages.length === 0) return <>{t('handover.scan.noLanguages')}</>;
  return (
    <>
      {languages
        .map((l) => t('handover.scan.language', { language: l.language, files: formatCount(l.files), size: formatByteSize(l.bytes) }))
        .join(', ')}
    </>
  );
}

/** What a picked source folder or archive holds, before it is copied: the officer's chance to look. */
export function SourceScanView({ scan }: { scan: SourceScan }) {
  const t = useT();
  return (
    <div className="ho-scan" data-testid="handover-scan">
      <p className="ho-scan-title">{t('handover.scan.title', { name: scan.name })}</p>
      <dl className="facts ho-facts">
        <div>
          <dt>{t('handover.scan.kind')}</dt>
          <dd>{t(kindKeys[scan.kind])}</dd>
        </div>
        <div>
          <dt>{t('handover.scan.files')}</dt>
          <dd data-testid="handover-scan-files">{t('handover.scan.filesValue', { files: formatCount(scan.files), size: formatByteSize(scan.bytes) })}</dd>
        </div>
        <div>
          <dt>{t('handover.scan.languages')}</dt>
          <dd>
            <LanguagesText languages={scan.languages} />
          </dd>
        </div>
        <div>
          <dt>{t('handover.scan.excluded')}</dt>
          <dd data-testid="handover-scan-excluded">
            {scan.excluded.length === 0 ? (
              t('handover.scan.noneExcluded')
            ) : (
              <ul className="ho-plain-list">
                {scan.excluded.map((e) => (
                  <li key={e.path}>
                    <code>{e.path}</code> <span className="ho-muted">{t('handover.scan.rule', { rule: e.rule })}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      {scan.badNames.length > 0 ? (
        <div className="callout callout-error" role="alert">
          <p className="ho-callout-title">{t('handover.scan.badNames', { count: formatCount(scan.badNames.length) })}</p>
          <ul className="ho-plain-list">
            {scan.badNames.map((b) => (
              <li key={b.file}>
                <code>{b.file}</code> — {b.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <SecretsWarning secrets={scan.secrets} />
    </div>
  );
}
