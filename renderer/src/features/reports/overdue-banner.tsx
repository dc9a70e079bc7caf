import { useState } from 'react';
import { overdueItems, sanctionClause } from '@core/domain/reports';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { useAsync } from '../../lib/use-async';
import { useWindowEvent } from '../../lib/use-window-event';
import { periodText } from './labels';
import { reportsChangedEvent } from './report-events';

const DISMISS_KEY = 'berkas.laporan.overdueDismissed';
const MAX_SHOWN = 5;

function isDismissed(): boolean {
  try {
    return window.sessionStorage.getItem(DISMISS_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * On start, the reports past their deadline (issue 6 item 2): not reporting
 * draws a reprimand (Jambi Pasal 22 ayat (3), Jember Pasal 24 ayat (3)), and
 * where the region's rule says so, its clause is quoted. "Nanti saja" hides
 * it for this session; the Laporan screen keeps flagging them.
 */
export function OverdueBanner() {
  const { t, date } = useI18n();
  const { api, profile } = useWorkspace();
  const [hidden, setHidden] = useState(isDismissed);
  // A failed read keeps what was shown: the Laporan screen names the problem.
  const overdue = useAsync(async () => overdueItems((await api.reportDue({})).items), [api], { stale: 'keep', reloadOn: [profile.id] });
  useWindowEvent(reportsChangedEvent, overdue.reload);
  const items = overdue.value ?? null;

  if (hidden || !items || items.length === 0) return null;
  const clauses = [...new Set(items.map((i) => sanctionClause(i.basis)).filter((c): c is string => c !== null))];
  const dismiss = () => {
    try {
      window.sessionStorage.setItem(DISMISS_KEY, '1');
    } catch {
      // Storage refused: hidden for this page only.
    }
    setHidden(true);
  };
  return (
    <section className="notice-banner lap-overdue-banner" role="status" aria-label={t('lap.banner.title')} data-testid="overdue-banner">
      <div className="notice-body">
        <h2 className="notice-title">{t('lap.banner.title')}</h2>
        <p className="lap-banner-lead">{t('lap.banner.lead', { count: items.length })}</p>
        <ul className="notice-list">
          {items.slice(0, MAX_SHOWN).map((i) => (
            <li key={`${i.typeKey}:${i.period}`}>
              {t('lap.banner.item', {
                name: i.typeName,
                period: periodText(t, { kind: i.periodKind, code: i.period, year: Number(i.period.slice(0, 4)) }, date),
                due: i.dueDate ? date(i.dueDate) : '',
                days: i.days ?? 0,
              })}
            </li>
          ))}
          {items.length > MAX_SHOWN ? <li>{t('lap.banner.more', { count: items.length - MAX_SHOWN })}</li> : null}
        </ul>
        {clauses.map((c) => (
          <p key={c} className="lap-banner-clause" data-testid="overdue-sanction">
            {t('lap.banner.sanction', { regulation: profile.regulation.shortTitle, clause: c })}
          </p>
        ))}
        <p className="lap-banner-action">
          <a href="#/laporan">{t('lap.banner.open')}</a>
        </p>
      </div>
      <button type="button" className="button button-secondary" onClick={dismiss}>
        {t('lap.banner.later')}
      </button>
    </section>
  );
}
