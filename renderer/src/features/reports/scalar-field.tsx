import type { FieldDef, ReportData, ReportFinding } from '@core/domain/reports';
import { FieldFrame } from '../../components/form-field';
import { useI18n } from '../../i18n/i18n-context';
import { ScalarInput } from './field-input';
import { hintOf, labelOf } from './labels';

const WIDE_KINDS = new Set(['textarea']);

/** One field of a report that is not a table or an attachment: a checkbox, or an input with its label, hint and first error. */
export function ScalarField({
  field: f,
  id,
  value: raw,
  findings,
  onChange,
}: {
  field: FieldDef;
  id: string;
  value: ReportData[string];
  findings: ReportFinding[];
  onChange(value: ReportData[string]): void;
}) {
  const { language } = useI18n();
  const error = findings.find((x) => x.severity === 'error')?.message;
  if (f.kind === 'boolean') {
    return (
      <div className={error ? 'field field-has-error lap-wide' : 'field lap-wide'} data-field={f.key}>
        {error ? <p className="field-error">{error}</p> : null}
        <label className="lap-check" htmlFor={id}>
          <input id={id} type="checkbox" name={f.key} checked={raw === true} onChange={(e) => onChange(e.target.checked)} />
          <span>{labelOf(f, language)}</span>
        </label>
      </div>
    );
  }
  const value = typeof raw === 'string' ? raw : '';
  return (
    <div className={WIDE_KINDS.has(f.kind) ? 'lap-wide' : undefined} data-field={f.key}>
      <FieldFrame id={id} label={labelOf(f, language)} hint={hintOf(f, language)} error={error} isOptional={!f.isRequired}>
        {(aria) => (
          <ScalarInput
            id={id}
            name={f.key}
            kind={f.kind as Exclude<FieldDef['kind'], 'table' | 'attachment'>}
            value={value}
            label={labelOf(f, language)}
            {...(f.options ? { options: f.options } : {})}
            {...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {})}
            aria={aria}
            onChange={(v) => onChange(v)}
          />
        )}
      </FieldFrame>
    </div>
  );
}
