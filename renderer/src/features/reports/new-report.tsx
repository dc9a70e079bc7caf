import { previousReport } from './due-table';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { nextPeriod, periodContaining, previousPeriod, type Period, type ReportSummary, type ReportTypeInfo } from '@core/domain/reports';
import { useWorkspace } from '../../app-context';
import { DateInput } from '../../components/date-fields';
import { FieldFrame } from '../../components/form-field';
import { useI18n } from '../../i18n/i18n-context';
import { periodKindKeys, periodText } from './labels';
import { messageOf } from '../../lib/errors';
import { announceReportsChanged } from './report-events';

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
    if (type.period === 'insidental' && !/^\d{4}-\d{2}-\d{2}$/.test(period)) {
      setError(t('lap.new.eventDateInvalid'));
      return;
    }
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
              <DateInput
                id={`${base}-date`}
                name="period"
                max={today}
                today={today}
                value={period}
                onChange={(v) => setPeriodByType((p) => ({ ...p, [type.key]: v }))}
                aria={aria}
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
