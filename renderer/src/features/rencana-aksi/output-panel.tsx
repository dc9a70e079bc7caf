import { memo, useId, useRef } from 'react';
import type { Output } from '@core/domain/rencana-aksi';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/catalog';
import { KAK_FIELDS, outputDetail, type OutputDetailField } from './plan-edits';

const KAK_LABELS = {
  latarBelakang: 'ra.kak.latarBelakang',
  maksudTujuan: 'ra.kak.maksudTujuan',
  sasaran: 'ra.kak.sasaran',
  keluaran: 'ra.kak.keluaran',
  waktu: 'ra.kak.waktu',
  biaya: 'ra.kak.biaya',
} as const satisfies Record<(typeof KAK_FIELDS)[number], MessageKey>;

interface OutputPanelProps {
  headingId: string;
  /** The output of the cursor's row, or null on a kegiatan row. */
  output: Output | null;
  activity: number;
  outputIndex: number;
  /** Marks of the output (an error or warning on indikator), shown beside the fields. */
  indikatorProblem: string | null;
  onChange(activity: number, output: number, field: OutputDetailField, text: string, session: string): void;
  onSessionEnd(): void;
}

/**
 * Indikator (target and satuan: what makes the output terukur, Pontianak Pasal
 * 9 ayat (1)), KAK (Banjarmasin Pasal 5 ayat (2) huruf b) and the start month
 * (the form has no start date; the Gantt chart and the PDF schedule follow it)
 * of the output the cursor is on. Typing in one field is one undo step.
 */
export const OutputPanel = memo(function OutputPanel({ headingId, output, activity, outputIndex, indikatorProblem, onChange, onSessionEnd }: OutputPanelProps) {
  const t = useT();
  const baseId = useId();
  const session = useRef('');
  const sessionCount = useRef(0);

  if (!output) {
    return (
      <section className="ra-panel ra-output-panel" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('ra.output.title')}</h2>
        <p className="ra-panel-lead">{t('ra.output.choose')}</p>
      </section>
    );
  }

  const field = (name: OutputDetailField, label: string, kind: 'input' | 'textarea', maxLength: number, extra?: { describedBy?: string | undefined; isInvalid?: boolean }) => {
    const id = `${baseId}-${name}`;
    const common = {
      id,
      name: `output.${name}`,
      className: 'input input-small',
      value: outputDetail(output, name),
      maxLength,
      'aria-describedby': extra?.describedBy,
      'aria-invalid': extra?.isInvalid ? true : undefined,
      onFocus: () => {
        sessionCount.current += 1;
        session.current = `output-${activity}-${outputIndex}-${name}-${sessionCount.current}`;
      },
      onBlur: onSessionEnd,
    };
    return (
      <div className="ra-field" key={name}>
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {kind === 'input' ? (
          <input {...common} type="text" onChange={(e) => onChange(activity, outputIndex, name, e.target.value, session.current)} />
        ) : (
          <textarea {...common} rows={2} onChange={(e) => onChange(activity, outputIndex, name, e.target.value, session.current)} />
        )}
      </div>
    );
  };

  const problemId = `${baseId}-indikator-problem`;
  const startId = `${baseId}-startMonth`;
  return (
    <section className="ra-panel ra-output-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ra.output.titleOf', { name: output.name || t('ra.output.unnamed') })}</h2>
      <div className="ra-field-grid">
        {field('name', t('ra.output.name'), 'input', 1000)}
        {field('subOutputs', t('ra.output.subOutputs'), 'textarea', 10_000)}
        <div className="ra-field">
          <label htmlFor={startId} className="field-label">
            {t('ra.output.startMonth')}
          </label>
          <select
            id={startId}
            name="output.startMonth"
            className="input input-small"
            value={outputDetail(output, 'startMonth')}
            aria-describedby={`${startId}-hint`}
            onChange={(e) => {
              // One choice, one undo step.
              sessionCount.current += 1;
              onChange(activity, outputIndex, 'startMonth', e.target.value, `output-${activity}-${outputIndex}-startMonth-${sessionCount.current}`);
              onSessionEnd();
            }}
          >
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i} value={String(i + 1)}>
                {t(`month.${i + 1}` as 'month.1')}
              </option>
            ))}
          </select>
          <p id={`${startId}-hint`} className="field-hint">
            {t('ra.output.startMonth.hint')}
          </p>
        </div>
      </div>
      <fieldset className="ra-fieldset">
        <legend>{t('ra.output.indikator')}</legend>
        {indikatorProblem ? (
          <p id={problemId} className="ra-inline-problem">
            <span className="ra-mark ra-mark-warning" aria-hidden="true">
              !
            </span>
            {indikatorProblem}
          </p>
        ) : null}
        <div className="ra-field-grid">
          {field('indikatorTarget', t('ra.output.target'), 'input', 200, { describedBy: indikatorProblem ? problemId : undefined, isInvalid: indikatorProblem !== null })}
          {field('indikatorSatuan', t('ra.output.satuan'), 'input', 200)}
        </div>
      </fieldset>
      <fieldset className="ra-fieldset">
        <legend>{t('ra.output.kak')}</legend>
        <div className="ra-field-grid">{KAK_FIELDS.map((k) => field(k, t(KAK_LABELS[k]), 'textarea', 10_000))}</div>
      </fieldset>
    </section>
  );
});
