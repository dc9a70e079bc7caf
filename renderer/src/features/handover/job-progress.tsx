import { useId } from 'react';
import type { HandoverJobStatus } from '@core/domain/handover/views';
import { ProgressBar } from '../../components/progress-bar';
import { useT } from '../../i18n/i18n-context';
import { jobPhases, phaseStates, progressPercent, type RunningPhase } from './model';
import { formatByteSize } from '@core/domain/format/byte-size';

const phaseKeys = {
  checking: 'handover.phase.checking',
  rendering: 'handover.phase.rendering',
  signing: 'handover.phase.signing',
  writing: 'handover.phase.writing',
  verifying: 'handover.phase.verifying',
} as const satisfies Record<RunningPhase, string>;

/** The job as last polled; the phase list and the bar follow it. */
export function JobProgress({ status, isCancelling, onCancel }: { status: HandoverJobStatus | null; isCancelling: boolean; onCancel(): void }) {
  const t = useT();
  const progressId = useId();
  const phase = status?.phase ?? 'checking';
  const states = phaseStates(phase);
  const percent = status ? progressPercent(status) : null;
  const current = phase in phaseKeys ? t(phaseKeys[phase as RunningPhase]) : t('handover.phase.checking');
  return (
    <div className="ho-progress" data-testid="handover-progress">
      <ol className="ho-phases" aria-label={t('handover.progress.phases')}>
        {jobPhases.map((p) => (
          <li key={p} className={`ho-phase ho-phase-${states[p]}`} data-state={states[p]} aria-current={states[p] === 'current' ? 'step' : undefined}>
            <span aria-hidden="true" className="ho-phase-mark">
              {states[p] === 'done' ? '✓' : states[p] === 'current' ? '●' : '○'}
            </span>
            {t(phaseKeys[p])}
            {states[p] === 'done' ? <span className="visually-hidden"> {t('handover.progress.stepDone')}</span> : null}
          </li>
        ))}
      </ol>
      <label htmlFor={progressId} className="field-label">
        {t('handover.progress.label')}
      </label>
      <ProgressBar id={progressId} className="ho-progress-bar" percent={percent} />
      <p role="status" className="ho-progress-status" data-testid="handover-phase" data-phase={phase}>
        {isCancelling ? t('handover.progress.cancelling') : percent === null ? current : t('handover.progress.percent', { phase: current, percent })}
      </p>
      {status && status.total > 0 && (phase === 'writing' || phase === 'verifying') ? (
        <p className="ho-muted">{t('handover.progress.bytes', { done: formatByteSize(status.bytes), total: formatByteSize(status.total) })}</p>
      ) : null}
      {status?.current ? <p className="ho-muted ho-path-cell">{status.current}</p> : null}
      <div className="sg-dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={isCancelling} data-testid="handover-job-cancel">
          {t('handover.progress.cancel')}
        </button>
      </div>
    </div>
  );
}

