import { useState } from 'react';
import type { AppInfo } from '@core/api/contract-app';
import { useT } from '../i18n/i18n-context';

const storageKey = 'berkas.dismissedNotices';

function noticeId(n: AppInfo['notices'][number]): string {
  return `${n.code}:${n.message}`;
}

function readDismissed(): string[] {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Messages the workspace had on opening (e.g. a damaged database moved aside).
 * Shown once: a dismissed notice stays dismissed for this browser session.
 */
export function NoticeBanner({ notices }: { notices: AppInfo['notices'] }) {
  const t = useT();
  const [dismissed, setDismissed] = useState<string[]>(readDismissed);
  const visible = notices.filter((n) => !dismissed.includes(noticeId(n)));
  if (visible.length === 0) return null;
  const dismiss = () => {
    const next = [...dismissed, ...visible.map(noticeId)];
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // Storage refused (private mode, quota): the banner still closes for this page.
    }
    setDismissed(next);
  };
  return (
    <section className="notice-banner" role="status" aria-label={t('notice.title')}>
      <div className="notice-body">
        <p className="notice-title">{t('notice.title')}</p>
        <ul className="notice-list">
          {visible.map((n) => (
            <li key={noticeId(n)} data-code={n.code}>
              {n.message}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="button button-secondary" onClick={dismiss}>
        {t('notice.dismiss')}
      </button>
    </section>
  );
}
