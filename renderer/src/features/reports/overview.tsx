import { useId, useMemo, useState, type FormEvent } from 'react';
import { nextPeriod, periodContaining, previousPeriod, type DueItem, type Period, type ReportSummary, type ReportTypeInfo } from '@core/domain/reports';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useI18n } from '../../i18n/i18n-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { dueStatusKeys, periodKindKeys, periodText } from './labels';
import { messageOf } from '../../lib/errors';
import { announceReportsChanged } from './report-events';

/** The latest stored report of a type for a period before `period` (what a new period starts from). */
export function previousReport(reports: readonly ReportSummary[], typeKey: string, period: string): ReportSummary | null {
  return (
    reports
      .filter((r) => r.typeKey === typeKey && r.period.code < period)
      .sort((a, b) => b.period.code.localeCompare(a.period.code) || Number(b.status === 'ditandatangani') - Number(a.status === 'ditandatangani'))[0] ?? null
  );
}

function DueBadge({ item }: { item: Pick<DueItem, 'status' | 'days'> }) {
  const { t } = useI18n();
  return (
    <span className={`badge lap-badge lap-due-${item.status}`}>
      {t(dueStatusKeys[item.status])}
      {item.status === 'terlambat' && item.days !== null ? ` · ${t('lap.due.daysLate', { days: item.days })}` : null}
      {item.status === 'belum' && item.days !== null ? ` · ${t('lap.due.daysLeft', { days: item.days })}` : null}
    </span>
  );
}

interface DueTableProps {
  items: DueItem[];
  today: string;
  busyKey: string | null;
  onOpen(id: string): void;
  onCreate(item: DueItem): void;
}

/** The due calendar (issue 6 item 2): late first, each with its deadline, status, and the way to the report. */
export function DueTable({ items, today, busyKey, onOpen, onCreate }: DueTableProps) {
  const { t, date } = useI18n();
  const { profile } = useWorkspace();
  if (items.length === 0) return <p className="empty-state">{t('lap.due.empty')}</p>;
  const late = items.filter((i) => i.status === 'terlambat').length;
  return (
    <table className="data-table lap-due-table" data-testid="due-table">
      <caption>
        {t('lap.due.caption', { date: date(today), regulation: profile.regulation.shortTitle })}{' '}
        {late > 0 ? <span className="lap-late-count">{t('lap.due.lateCount', { count: late })}</span> : null}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.col.name')}</th>
          <th scope="col">{t('reports.col.period')}</th>
          <th scope="col">{t('reports.col.due')}</th>
          <th scope="col">{t('lap.col.status')}</th>
          <th scope="col">{t('lap.col.action')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => {
          const key = `${i.typeKey}:${i.period}`;
          const period = periodText(t, { kind: i.periodKind, code: i.period, year: Number(i.period.slice(0, 4)) }, date);
          return (
            <tr key={key} data-type={i.typeKey} data-period={i.period} data-status={i.status} className={i.status === 'terlambat' ? 'lap-row-late' : undefined}>
              <th scope="row">
                <span className="lap-type-name">{i.typeName}</span>
                {i.isUrgent ? <span className="badge badge-urgent">{t('reports.urgent')}</span> : null}
                <span className="item-description">{i.article}</span>
              </th>
              <td className="col-nowrap">{period}</td>
              <td className="col-nowrap">{i.dueDate ? date(i.dueDate) : t('reports.due.noFixedDeadline')}</td>
              <td>
                <DueBadge item={i} />
              </td>
              <td>
                {i.reportId ? (
                  <button
                    type="button"
                    className="button button-secondary lap-button-sm"
                    onClick={() => onOpen(i.reportId as string)}
                    aria-label={t('lap.action.openNamed', { name: i.typeName, period })}
                  >
                    {t('lap.action.open')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button-primary lap-button-sm"
                    disabled={busyKey !== null}
                    onClick={() => onCreate(i)}
                    aria-label={t('lap.action.createNamed', { name: i.typeName, period })}
                  >
                    {busyKey === key ? t('lap.new.creating') : t('lap.action.create')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Stored reports, newest first, with status and the way to open or delete each. */
export function ReportList({ reports, onOpen, onDeleted }: { reports: ReportSummary[]; onOpen(id: string): void; onDeleted(message: string): void }) {
  const { t, date } = useI18n();
  const { api } = useWorkspace();
  const [pending, setPending] = useState<ReportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (reports.length === 0) return <p className="empty-state">{t('lap.list.empty')}</p>;
  return (
    <>
      {error ? (
        <p className="callout callout-error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="data-table lap-list-table" data-testid="report-list">
        <thead>
          <tr>
            <th scope="col">{t('reports.col.name')}</th>
            <th scope="col">{t('reports.col.period')}</th>
            <th scope="col">{t('lap.col.status')}</th>
            <th scope="col">{t('lap.col.updated')}</th>
            <th scope="col">{t('lap.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => {
            const period = periodText(t, r.period, date);
            return (
              <tr key={r.id} data-id={r.id} data-type={r.typeKey}>
                <th scope="row">
                  <span className="lap-type-name">{r.typeName}</span>
                  {r.isUrgent ? (
                    <span className="badge badge-urgent" data-testid="list-urgent">
                      {t('reports.urgent')}
                    </span>
                  ) : null}
                  {r.errorCount > 0 ? <span className="item-description">{t('lap.list.errors', { count: r.errorCount })}</span> : null}
                </th>
                <td className="col-nowrap">{period}</td>
                <td>
                  <span className={`badge lap-badge lap-state-${r.status}`}>{r.status === 'ditandatangani' ? t('lap.state.signed') : t('lap.state.draft')}</span>{' '}
                  <DueBadge item={{ status: r.dueStatus, days: null }} />
                </td>
                <td className="col-nowrap">{date(new Date(r.updatedAt))}</td>
                <td className="lap-row-actions">
                  <button
                    type="button"
                    className="button button-secondary lap-button-sm"
                    onClick={() => onOpen(r.id)}
                    aria-label={t('lap.action.openNamed', { name: r.typeName, period })}
                  >
                    {t('lap.action.open')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary lap-button-sm"
                    onClick={() => setPending(r)}
                    aria-label={t('lap.action.deleteNamed', { name: r.typeName, period })}
                  >
                    {t('lap.action.delete')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {pending ? (
        <ConfirmDialog
          title={t('lap.delete.title')}
          confirmLabel={t('lap.delete.confirm')}
          cancelLabel={t('lap.delete.cancel')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const target = pending;
            setPending(null);
            api.reportDelete({ id: target.id }).then(
              () => {
                announceReportsChanged();
                onDeleted(t('lap.delete.done', { title: `${target.typeName} — ${periodText(t, target.period, date)}` }));
              },
              (err: unknown) => setError(messageOf(err)),
            );
          }}
        >
          <p>{t('lap.delete.body', { title: `${pending.typeName} — ${periodText(t, pending.period, date)}` })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** Periods offered for a new periodic report: two years back to the next one. */
function periodChoices(kind: ReportTypeInfo['period'], today: string): Period[] {
  if (kind === 'insidental') return [];
  const current = periodContaining(today, kind);
  const out: Period[] = [nextPeriod(current), current];
  let p = current;
  const stop = `${Number(today.slice(0, 4)) - 2}`;
  while (p.code.slice(0, 4) > stop) {
    p = previousPeriod(p);
    out.push(p);
  }
  return out;
}

interface NewReportProps {
  types: ReportTypeInfo[];
  reports: ReportSummary[];
  today: string;
  onCreated(id: string, carriedFrom: string | null): void;
}

/** A new report: its type, its period (or event date), and whether it starts from the previous period's data. */
export function NewReport({ types, reports, today, onCreated }: NewReportProps) {
  const { t, date } = useI18n();
  const { api } = useWorkspace();
  const base = useId();
  const [typeKey, setTypeKey] = useState(types[0]?.key ?? '');
  const type = types.find((x) => x.key === typeKey) ?? types[0];
  const choices = useMemo(() => (type ? periodChoices(type.period, today) : []), [type, today]);
  const [periodByType, setPeriodByType] = useState<Record<string, string>>({});
  const defaultPeriod = type ? (type.period === 'insidental' ? today : (choices[1]?.code ?? '')) : '';
  const period = (type && periodByType[type.key]) || defaultPeriod;
  const previous = type ? previousReport(reports, type.key, period) : null;
  const [isCarry, setIsCarry] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!type) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const carry = isCarry && previous ? previous : null;
      const view = carry
        ? await api.reportCarryOver({ typeKey: type.key, fromPeriod: carry.period.code, toPeriod: period })
        : await api.reportSave({ typeKey: type.key, period, data: {} });
      announceReportsChanged();
      onCreated(view.id, carry ? periodText(t, carry.period, date) : null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-section lap-new" onSubmit={(e) => void submit(e)} noValidate data-testid="new-report">
      <div className="form-grid">
        <FieldFrame id={`${base}-type`} label={t('lap.new.type')}>
          {(aria) => (
            <select id={`${base}-type`} name="typeKey" className="input" value={type.key} onChange={(e) => setTypeKey(e.target.value)} {...aria}>
              {types.map((x) => (
                <option key={x.key} value={x.key}>
                  {x.isUrgent ? t('lap.new.typeUrgent', { name: x.name }) : x.name}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        {type.period === 'insidental' ? (
          <FieldFrame id={`${base}-date`} label={t('lap.new.eventDate')} hint={t('lap.new.eventDateHint')}>
            {(aria) => (
              <input
                id={`${base}-date`}
                name="period"
                type="date"
                className="input"
                max={today}
                value={period}
                onChange={(e) => setPeriodByType((p) => ({ ...p, [type.key]: e.target.value }))}
                {...aria}
              />
            )}
          </FieldFrame>
        ) : (
          <FieldFrame id={`${base}-period`} label={t('lap.new.period', { kind: t(periodKindKeys[type.period]) })}>
            {(aria) => (
              <select
                id={`${base}-period`}
                name="period"
                className="input"
                value={period}
                onChange={(e) => setPeriodByType((p) => ({ ...p, [type.key]: e.target.value }))}
                {...aria}
              >
                {choices.map((p) => (
                  <option key={p.code} value={p.code}>
                    {periodText(t, p, date)}
                  </option>
                ))}
              </select>
            )}
          </FieldFrame>
        )}
      </div>
      {previous ? (
        <label className="lap-check" htmlFor={`${base}-carry`}>
          <input id={`${base}-carry`} type="checkbox" checked={isCarry} onChange={(e) => setIsCarry(e.target.checked)} />
          <span>{t('lap.new.carry', { period: periodText(t, previous.period, date) })}</span>
        </label>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !period}>
          {busy ? t('lap.new.creating') : t('lap.new.create')}
        </button>
      </div>
    </form>
  );
}
