import { useEffect, useId, useRef, useState, type Dispatch } from 'react';
import type { RencanaAksiPlan } from '@core/domain/rencana-aksi';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { setPlanField, setYear, type PlanField } from './plan-edits';
import { nextSession, type EditorAction } from './use-plan-history';

/** A plan's year as typed: four digits, 2000 to 2100. */
export function isPlanYear(text: string): boolean {
  const year = Number(text);
  return /^\d{4}$/.test(text) && year >= 2000 && year <= 2100;
}

/**
 * The plan's own fields above the grid: title, year and program code, each
 * edit one undo step per visit to the field. The year is applied only when it
 * is one (2000 to 2100); a wrong one is shown as typed and dropped on leaving.
 */
export function PlanFields({ plan, dispatch, onSessionEnd }: { plan: RencanaAksiPlan; dispatch: Dispatch<EditorAction>; onSessionEnd(): void }) {
  const { profile } = useWorkspace();
  const { t } = useI18n();
  const ids = { title: useId(), year: useId(), program: useId() };
  const [yearDraft, setYearDraft] = useState(String(plan.year));
  const session = useRef('');

  // A new plan (undo, import) may bring another year: the field follows.
  useEffect(() => {
    setYearDraft((draft) => (Number(draft) === plan.year ? draft : String(plan.year)));
  }, [plan.year]);

  const startSession = () => {
    session.current = nextSession('plan');
  };
  const onField = (field: PlanField, text: string) => {
    dispatch({ type: 'edit', session: session.current, run: (p) => ({ plan: setPlanField(p, field, text) }) });
  };
  const onYear = (text: string) => {
    setYearDraft(text);
    if (isPlanYear(text)) dispatch({ type: 'edit', session: session.current, run: (p) => ({ plan: setYear(p, Number(text)) }) });
  };
  const isYearValid = isPlanYear(yearDraft);

  return (
    <div className="ra-plan-fields">
      <label htmlFor={ids.title}>{t('ra.field.title')}</label>
      <input
        id={ids.title}
        name="plan.title"
        className="input input-small ra-title-input"
        value={plan.title}
        maxLength={300}
        aria-invalid={plan.title.trim() === '' ? true : undefined}
        onFocus={startSession}
        onBlur={onSessionEnd}
        onChange={(e) => onField('title', e.target.value)}
      />
      <label htmlFor={ids.year}>{t('ra.field.year')}</label>
      <input
        id={ids.year}
        name="plan.year"
        className="input input-small ra-year-input"
        inputMode="numeric"
        value={yearDraft}
        maxLength={4}
        aria-invalid={isYearValid ? undefined : true}
        onFocus={startSession}
        onBlur={() => {
          onSessionEnd();
          if (!isYearValid) setYearDraft(String(plan.year));
        }}
        onChange={(e) => onYear(e.target.value.trim())}
      />
      <label htmlFor={ids.program}>{t('ra.field.programCode')}</label>
      <input
        id={ids.program}
        name="plan.programCode"
        className="input input-small ra-program-input"
        value={plan.programCode ?? ''}
        maxLength={64}
        onFocus={startSession}
        onBlur={onSessionEnd}
        onChange={(e) => onField('programCode', e.target.value)}
      />
      <span className="ra-plan-opd">{t('ra.field.opd', { agency: profile.terms.agency, code: plan.opdCode || t('ra.unnamed') })}</span>
    </div>
  );
}
