import { useId, useState, type FormEvent } from 'react';
import { BACKUP_EXTENSION } from '@core/domain/backup/format';
import type { RestoreUndone } from '@core/domain/backup/types';
import type { BerkasApi } from '@core/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FieldFrame } from '../../components/form-field';
import { ProgressBar } from '../../components/progress-bar';
import { useI18n } from '../../i18n/i18n-context';
import { percentOf, phaseText } from './phase-text';
import { useResumableJob } from './use-resumable-job';
import { PathInput } from '../../components/path-picker';
import { messageOf, messageOfPayload } from '../../lib/errors';
import { formatByteSize } from '@core/domain/format/byte-size';

const backupExtensions = [BACKUP_EXTENSION];

type FieldName = 'restorePath' | 'restorePassphrase';

/**
 * Pengaturan → Cadangan → Pulihkan (issue 8 item 2). The backup is decrypted
 * and checked beside the data folder while the officer keeps working (progress,
 * cancel); only then does the app close its workspace for a moment, exchange
 * it for the restored one and open it again. The workspace it replaces is kept
 * aside, and "Batalkan pemulihan" puts it back (Jambi Pasal 7 ayat (7): confirm
 * first, offer undo). Every screen holds data read before the exchange, so the
 * officer reloads the app at the end. Also on the first-run screen: on a new
 * computer the officer restores instead of setting up from scratch.
 */
/** `api` as a prop: the first-run screen shows this panel before there is a workspace context. */
export function RestorePanel({ api, isBackupRunning }: { api: BerkasApi; isBackupRunning: boolean }) {
  const { t, date } = useI18n();
  const idBase = useId();
  const [filePath, setFilePath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [undone, setUndone] = useState<RestoreUndone | null>(null);
  const [asking, setAsking] = useState<'restore' | 'undo' | null>(null);
  const [isUndoing, setIsUndoing] = useState(false);

  const { state, loadError, refresh, job, setJob } = useResumableJob(
    () => api.backupRestoreState({}),
    (id) => api.backupRestoreStatus({ jobId: id }),
    (ended) => {
      if (ended.state === 'done') setPassphrase('');
    },
  );
  const jobId = job?.jobId;
  const isRunning = job?.state === 'running';

  const fieldId = (name: FieldName) => `${idBase}-${name}`;

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (isRunning) return;
    const found: Partial<Record<FieldName, string>> = {};
    if (filePath.trim() === '') found.restorePath = t('backup.required');
    if (passphrase === '') found.restorePassphrase = t('backup.required');
    setErrors(found);
    setProblem(null);
    const first = (['restorePath', 'restorePassphrase'] as const).find((f) => found[f]);
    if (first) {
      window.setTimeout(() => document.getElementById(fieldId(first))?.focus(), 0);
      return;
    }
    setAsking('restore');
  };

  const start = async () => {
    setAsking(null);
    setUndone(null);
    try {
      const { jobId: started } = await api.backupRestoreStart({ path: filePath.trim(), passphrase });
      setJob(await api.backupRestoreStatus({ jobId: started }));
    } catch (err) {
      setProblem(messageOf(err));
    }
  };

  const cancel = async () => {
    if (!jobId) return;
    try {
      setJob(await api.backupRestoreCancel({ jobId }));
    } catch (err) {
      setProblem(messageOf(err));
    }
  };

  const undo = async () => {
    setAsking(null);
    setProblem(null);
    setIsUndoing(true);
    try {
      setUndone(await api.backupUndoRestore({}));
      setJob(null);
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setIsUndoing(false);
      refresh();
    }
  };

  const progress = job?.progress;
  const isChanged = job?.state === 'done' || undone !== null;

  return (
    <section className="form-section" aria-labelledby={`${idBase}-title`} data-testid="restore-panel">
      <h3 id={`${idBase}-title`}>{t('backup.restore.title')}</h3>
      <p className="basis-text">{t('backup.restore.text')}</p>
      <form noValidate onSubmit={ask}>
        <FieldFrame id={fieldId('restorePath')} label={t('backup.restore.path')} hint={t('backup.restore.path.hint')} error={errors.restorePath ?? null}>
          {(aria) => (
            <PathInput id={fieldId('restorePath')} mode="file" title={t('backup.restore.pick')} extensions={backupExtensions} value={filePath} isDisabled={isRunning} onChange={setFilePath} aria={aria} />
          )}
        </FieldFrame>
        <FieldFrame id={fieldId('restorePassphrase')} label={t('backup.restore.passphrase')} error={errors.restorePassphrase ?? null}>
          {(aria) => (
            <input
              id={fieldId('restorePassphrase')}
              className="input"
              style={{ maxWidth: '24rem' }}
              type="password"
              autoComplete="off"
              value={passphrase}
              disabled={isRunning}
              onChange={(e) => setPassphrase(e.target.value)}
              {...aria}
            />
          )}
        </FieldFrame>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={isRunning || isBackupRunning || isUndoing} aria-busy={isRunning}>
            {t('backup.restore.start')}
          </button>
          {isRunning && job?.phase === 'staging' ? (
            <button type="button" className="button button-secondary" onClick={() => void cancel()}>
              {t('backup.restore.cancel')}
            </button>
          ) : null}
        </div>
      </form>
      {isRunning && progress ? (
        <div className="backup-progress">
          <ProgressBar percent={percentOf(progress)} label={t('backup.restore.progress')} />
          <span>{job?.phase === 'swapping' ? t('backup.restore.swapping') : phaseText(t, progress)}</span>
        </div>
      ) : null}

      <div role="status" aria-live="polite" data-testid="restore-status">
        {job?.state === 'done' && job.result ? (
          <>
            <p className="save-status">
              {t('backup.restore.done', { date: date(new Date(job.result.createdAt)), count: job.result.entryCount, size: formatByteSize(job.result.contentBytes) })}
            </p>
            {job.result.notices.map((n) => (
              <p key={n} className="callout callout-info">
                {n}
              </p>
            ))}
          </>
        ) : null}
        {job?.state === 'cancelled' ? <p className="save-status">{t('backup.restore.cancelled')}</p> : null}
        {job?.state === 'failed' ? <p className="save-status save-status-error">{t('backup.restore.failed', { message: job.error ? messageOfPayload(job.error) : '' })}</p> : null}
        {undone ? <p className="save-status">{t('backup.restore.undone', { folder: undone.movedAside ?? '-' })}</p> : null}
        {problem || loadError ? <p className="save-status save-status-error">{t('backup.restore.failed', { message: problem ?? loadError ?? '' })}</p> : null}
      </div>
      {isChanged ? (
        <p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            {t('backup.restore.reload')}
          </button>
        </p>
      ) : null}

      {state?.undoFolder && !isRunning ? (
        <div className="callout callout-info" data-testid="restore-undo">
          <p>{t('backup.restore.undo.text', { folder: state.undoFolder })}</p>
          <button type="button" className="button button-secondary" disabled={isUndoing || isBackupRunning} aria-busy={isUndoing} onClick={() => setAsking('undo')}>
            {t('backup.restore.undo')}
          </button>
        </div>
      ) : null}

      {asking === 'restore' ? (
        <ConfirmDialog
          title={t('backup.restore.confirm.title')}
          confirmLabel={t('backup.restore.confirm.ok')}
          cancelLabel={t('backup.restore.confirm.cancel')}
          onConfirm={() => void start()}
          onCancel={() => setAsking(null)}
        >
          <p>{t('backup.restore.confirm.text', { path: filePath.trim() })}</p>
        </ConfirmDialog>
      ) : null}
      {asking === 'undo' && state?.undoFolder ? (
        <ConfirmDialog
          title={t('backup.restore.undo.confirm.title')}
          confirmLabel={t('backup.restore.undo.confirm.ok')}
          cancelLabel={t('backup.restore.confirm.cancel')}
          onConfirm={() => void undo()}
          onCancel={() => setAsking(null)}
        >
          <p>{t('backup.restore.undo.confirm.text', { folder: state.undoFolder })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
