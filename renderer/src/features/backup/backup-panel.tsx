import { useId, useState, type FormEvent } from 'react';
import { isBerkasError } from '@core/domain/errors';
import { BACKUP_EXTENSION, MIN_PASSPHRASE_LENGTH } from '@core/domain/backup/format';
import { MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS } from '@core/domain/backup/reminder';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { ProgressBar } from '../../components/progress-bar';
import { useI18n } from '../../i18n/i18n-context';
import { backupStatusEvent } from './backup-events';
import { percentOf, phaseText } from './phase-text';
import { RestorePanel } from './restore-panel';
import { useResumableJob } from './use-resumable-job';
import { PathInput } from '../../components/path-picker';
import { messageOf, messageOfPayload } from '../../lib/errors';
import { formatByteSize } from '@core/domain/format/byte-size';


const backupExtensions = [BACKUP_EXTENSION];

type FieldName = 'outPath' | 'passphrase' | 'confirm';
type FieldErrors = Partial<Record<FieldName, string>>;

/**
 * Pengaturan → Cadangan (issue 8): when the last backup was made, how often to
 * remind, and "Cadangkan sekarang" with a passphrase typed twice, progress
 * and cancel. The job runs in the app's process; this only polls it, so
 * leaving the screen does not stop it (coming back picks it up again).
 * Restore (restore-panel.tsx) sits below it.
 */
export function BackupPanel() {
  const { t, date } = useI18n();
  const { api } = useWorkspace();
  const idBase = useId();
  const [outPath, setOutPath] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [isOverwriteAllowed, setIsOverwriteAllowed] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [startError, setStartError] = useState<string | null>(null);
  const [intervalText, setIntervalText] = useState<string | null>(null);
  const [intervalMessage, setIntervalMessage] = useState<{ isError: boolean; text: string } | null>(null);

  const { state: status, setState: setStatus, loadError, job, setJob } = useResumableJob(
    () => api.backupStatus({}),
    (id) => api.backupJobStatus({ jobId: id }),
    (ended) => {
      if (ended.state === 'done') {
        setPassphrase('');
        setConfirm('');
      }
      window.dispatchEvent(new Event(backupStatusEvent));
    },
  );
  const jobId = job?.jobId;
  const isRunning = job?.state === 'running';

  const fieldId = (name: FieldName | 'interval' | 'overwrite') => `${idBase}-${name}`;
  const shownPath = outPath ?? status?.suggestedPath ?? '';
  const shownInterval = intervalText ?? String(status?.intervalDays ?? '');

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (isRunning) return;
    const found: FieldErrors = {};
    if (shownPath.trim() === '') found.outPath = t('backup.required');
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) found.passphrase = t('backup.passphrase.tooShort', { min: MIN_PASSPHRASE_LENGTH });
    else if (passphrase.trim() !== passphrase) found.passphrase = t('backup.passphrase.spaces');
    if (confirm !== passphrase) found.confirm = t('backup.confirm.mismatch');
    setErrors(found);
    setStartError(null);
    const first = (['outPath', 'passphrase', 'confirm'] as const).find((f) => found[f]);
    if (first) {
      window.setTimeout(() => document.getElementById(fieldId(first))?.focus(), 0);
      return;
    }
    try {
      const { jobId: started } = await api.backupCreate({ outPath: shownPath.trim(), passphrase, isOverwriteAllowed });
      setJob(await api.backupJobStatus({ jobId: started }));
    } catch (err) {
      const field = isBerkasError(err) ? err.details?.field : undefined;
      if (field === 'passphrase' || field === 'outPath') setErrors({ [field]: messageOf(err) });
      else setStartError(messageOf(err));
    }
  };

  const cancel = async () => {
    if (!jobId) return;
    try {
      setJob(await api.backupJobCancel({ jobId }));
    } catch (err) {
      setStartError(messageOf(err));
    }
  };

  const saveInterval = async (event: FormEvent) => {
    event.preventDefault();
    const days = Number(shownInterval);
    if (!Number.isInteger(days) || days < MIN_INTERVAL_DAYS || days > MAX_INTERVAL_DAYS) {
      setIntervalMessage({ isError: true, text: t('backup.interval.invalid', { min: MIN_INTERVAL_DAYS, max: MAX_INTERVAL_DAYS }) });
      return;
    }
    try {
      setStatus(await api.backupSetInterval({ intervalDays: days }));
      setIntervalText(null);
      setIntervalMessage({ isError: false, text: t('backup.interval.saved') });
      window.dispatchEvent(new Event(backupStatusEvent));
    } catch (err) {
      setIntervalMessage({ isError: true, text: messageOf(err) });
    }
  };

  const progress = job?.progress;
  const percent = progress ? percentOf(progress) : 0;

  return (
    <section className="about backup-panel" aria-labelledby={`${idBase}-heading`} data-testid="backup-panel">
      <h2 id={`${idBase}-heading`}>{t('backup.title')}</h2>
      <p className="lead">{t('backup.lead')}</p>
      {loadError ? (
        <p className="callout callout-error" role="alert">
          {t('backup.loadFailed', { message: loadError })}
        </p>
      ) : null}

      {status ? (
        <dl className="facts">
          <div>
            <dt>{t('backup.last')}</dt>
            <dd data-testid="backup-last">{status.lastBackupAt ? t('backup.lastValue', { date: date(new Date(status.lastBackupAt)) }) : t('backup.never')}</dd>
          </div>
          {status.lastBackupPath ? (
            <div>
              <dt>{t('backup.lastFile')}</dt>
              <dd>
                <code>{status.lastBackupPath}</code>
                {status.lastBackupBytes !== null ? ` (${formatByteSize(status.lastBackupBytes)})` : null}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('backup.reminder')}</dt>
            <dd>
              {status.isDue || !status.nextDueAt
                ? t('backup.reminder.due', { days: status.intervalDays })
                : t('backup.reminder.next', { days: status.intervalDays, date: date(new Date(status.nextDueAt)) })}
            </dd>
          </div>
        </dl>
      ) : null}

      <form className="form-section backup-interval" noValidate onSubmit={(e) => void saveInterval(e)}>
        <FieldFrame id={fieldId('interval')} label={t('backup.interval')} hint={t('backup.interval.hint', { min: MIN_INTERVAL_DAYS, max: MAX_INTERVAL_DAYS })}>
          {(aria) => (
            <input
              id={fieldId('interval')}
              className="input"
              style={{ maxWidth: '8rem' }}
              type="number"
              inputMode="numeric"
              min={MIN_INTERVAL_DAYS}
              max={MAX_INTERVAL_DAYS}
              value={shownInterval}
              onChange={(e) => {
                setIntervalText(e.target.value);
                setIntervalMessage(null);
              }}
              {...aria}
            />
          )}
        </FieldFrame>
        <div className="form-actions">
          <button type="submit" className="button button-secondary">
            {t('backup.interval.save')}
          </button>
          <p className={intervalMessage?.isError ? 'save-status save-status-error' : 'save-status'} role="status" aria-live="polite">
            {intervalMessage?.text ?? null}
          </p>
        </div>
      </form>

      <form className="form-section" noValidate onSubmit={(e) => void start(e)} aria-labelledby={`${idBase}-create`}>
        <h3 id={`${idBase}-create`}>{t('backup.create')}</h3>
        <FieldFrame id={fieldId('outPath')} label={t('backup.outPath')} hint={t('backup.outPath.hint')} error={errors.outPath ?? null}>
          {(aria) => (
            <PathInput id={fieldId('outPath')} mode="save" title={t('backup.outPath.pick')} extensions={backupExtensions} value={shownPath} isDisabled={isRunning} onChange={setOutPath} aria={aria} />
          )}
        </FieldFrame>
        <div className="form-grid">
          <FieldFrame id={fieldId('passphrase')} label={t('backup.passphrase')} hint={t('backup.passphrase.hint', { min: MIN_PASSPHRASE_LENGTH })} error={errors.passphrase ?? null}>
            {(aria) => (
              <input
                id={fieldId('passphrase')}
                className="input"
                type="password"
                autoComplete="new-password"
                value={passphrase}
                disabled={isRunning}
                onChange={(e) => setPassphrase(e.target.value)}
                {...aria}
              />
            )}
          </FieldFrame>
          <FieldFrame id={fieldId('confirm')} label={t('backup.confirm')} error={errors.confirm ?? null}>
            {(aria) => (
              <input
                id={fieldId('confirm')}
                className="input"
                type="password"
                autoComplete="new-password"
                value={confirm}
                disabled={isRunning}
                onChange={(e) => setConfirm(e.target.value)}
                {...aria}
              />
            )}
          </FieldFrame>
        </div>
        <label className="radio" htmlFor={fieldId('overwrite')}>
          <input id={fieldId('overwrite')} type="checkbox" checked={isOverwriteAllowed} disabled={isRunning} onChange={(e) => setIsOverwriteAllowed(e.target.checked)} />
          <span>{t('backup.overwrite')}</span>
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={isRunning} aria-busy={isRunning}>
            {t('backup.start')}
          </button>
          {isRunning ? (
            <button type="button" className="button button-secondary" onClick={() => void cancel()}>
              {t('backup.cancel')}
            </button>
          ) : null}
        </div>
        {isRunning && progress ? (
          <div className="backup-progress">
            <ProgressBar percent={percent} label={t('backup.progress')} />
            <span>{phaseText(t, progress)}</span>
          </div>
        ) : null}
        <div role="status" aria-live="polite" data-testid="backup-job-status">
          {job?.state === 'done' && job.result ? (
            <>
              <p className="save-status">{t('backup.done', { path: job.result.path, size: formatByteSize(job.result.fileBytes) })}</p>
              {job.result.warnings.map((w) => (
                <p key={w} className="callout callout-info">
                  {t('backup.warning', { message: w })}
                </p>
              ))}
            </>
          ) : null}
          {job?.state === 'cancelled' ? <p className="save-status">{t('backup.cancelled')}</p> : null}
          {job?.state === 'failed' ? <p className="save-status save-status-error">{t('backup.failed', { message: job.error ? messageOfPayload(job.error) : '' })}</p> : null}
          {startError ? <p className="save-status save-status-error">{t('backup.failed', { message: startError })}</p> : null}
        </div>
      </form>

      <RestorePanel api={api} isBackupRunning={isRunning} />
    </section>
  );
}
