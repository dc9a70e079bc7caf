import type { DocumentState, QueueDetail } from '@core/domain/documents/lifecycle';
import type { DueItem } from '@core/domain/reports';
import { useI18n } from '../../i18n/i18n-context';
import { LifecycleBadge } from '../documents';
import { dueStatusKeys } from './labels';

/**
 * The cells the due calendar and the list of stored reports share. They stay
 * in this feature rather than components/ because they are made of its badges
 * and of the documents' lifecycle badge (the shared kit reaches no feature).
 */

/** How a report stands against its deadline, in words (never by colour alone). */
export function DueBadge({ item }: { item: Pick<DueItem, 'status' | 'days'> }) {
  const { t } = useI18n();
  return (
    <span className={`badge lap-badge lap-due-${item.status}`}>
      {t(dueStatusKeys[item.status])}
      {item.status === 'terlambat' && item.days !== null ? ` · ${t('lap.due.daysLate', { days: item.days })}` : null}
      {item.status === 'belum' && item.days !== null ? ` · ${t('lap.due.daysLeft', { days: item.days })}` : null}
    </span>
  );
}

interface ReportStateCellProps {
  due: Pick<DueItem, 'status' | 'days'>;
  /** The report's place in the journey (draf … diterima); null when there is none to show. */
  lifecycle: { state: DocumentState; queue: QueueDetail | null } | null;
  /**
   * Which state leads: the due calendar is about deadlines (the journey on a
   * line below), the list of stored reports about where each report is.
   */
  lead: 'due' | 'lifecycle';
}

/** A report's two states, deadline and journey, in one table cell. */
export function ReportStateCell({ due, lifecycle, lead }: ReportStateCellProps) {
  const journey = lifecycle ? <LifecycleBadge state={lifecycle.state} queue={lifecycle.queue} /> : null;
  if (lead === 'lifecycle') {
    return (
      <td>
        {journey} <DueBadge item={due} />
      </td>
    );
  }
  return (
    <td>
      <DueBadge item={due} />
      {journey ? <span className="lap-due-state">{journey}</span> : null}
    </td>
  );
}

/** "Buka", named for screen readers with the report's type and period. */
export function OpenReportButton({ name, period, onOpen }: { name: string; period: string; onOpen(): void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button button-secondary lap-button-sm" onClick={onOpen} aria-label={t('lap.action.openNamed', { name, period })}>
      {t('lap.action.open')}
    </button>
  );
}
