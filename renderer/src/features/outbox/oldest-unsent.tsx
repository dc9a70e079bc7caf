import { useEffect, useState } from 'react';
import { useWorkspace } from '../../app-context';
import { useT } from '../../i18n/i18n-context';
import { hrefOf } from '../../lib/routes';
import { ageLabel, outboxChangedEvent } from './labels';

/**
 * The header's reminder: how long the oldest package not yet acknowledged by
 * the server has waited. Always shown (also "all sent"), on every screen.
 */
export function OldestUnsent() {
  const t = useT();
  const { api } = useWorkspace();
  const [oldest, setOldest] = useState<{ at: string | null; now: string } | null>(null);

  useEffect(() => {
    let isStopped = false;
    const load = async () => {
      try {
        const o = await api.outboxStatus({});
        if (!isStopped) setOldest({ at: o.oldestUnsentAt, now: o.now });
      } catch {
        // The outbox screen shows load errors; the header keeps its last value.
      }
    };
    void load();
    const timer = window.setInterval(() => void load(), 20_000);
    const onChange = () => void load();
    window.addEventListener(outboxChangedEvent, onChange);
    return () => {
      isStopped = true;
      window.clearInterval(timer);
      window.removeEventListener(outboxChangedEvent, onChange);
    };
  }, [api]);

  if (!oldest) return null;
  const isWaiting = oldest.at !== null;
  return (
    <a
      className={isWaiting ? 'pill pill-warning' : 'pill pill-online'}
      href={hrefOf('kotak-keluar')}
      data-testid="oldest-unsent"
      aria-label={`${t('outbox.oldest.label')}: ${isWaiting ? ageLabel(t, oldest.at as string, new Date(oldest.now)) : t('outbox.oldest.none')}`}
    >
      {isWaiting ? t('outbox.oldest', { age: ageLabel(t, oldest.at as string, new Date(oldest.now)) }) : t('outbox.oldest.none')}
    </a>
  );
}
