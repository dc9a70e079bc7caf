import { useId, useState, type FormEvent } from 'react';
import { messageOf } from '../../lib/errors';
import { SUBMISSION_TYPES, type SubmissionType } from '@core/domain/outbox/manifest';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useT } from '../../i18n/i18n-context';
import { FileButton } from '../../components/file-button';
import { fileToBase64 } from '../../lib/files';
import { announceOutboxChange, typeLabel } from './labels';
import { formatByteSize } from '@core/domain/format/byte-size';

/**
 * Puts a signed PDF (packaged with its data.json) or a package ZIP into the
 * outbox. A rencana aksi signed in Berkas needs nothing else: the core finds
 * its plan by the document id in the PDF. Anything else names its type,
 * period and data.
 */
export function AddPackageForm({ onAdded }: { onAdded(): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const base = useId();
  const id = (f: string) => `${base}-${f}`;
  const [file, setFile] = useState<File | null>(null);
  const [dataFile, setDataFile] = useState<File | null>(null);
  const [type, setType] = useState<SubmissionType | ''>('');
  const [period, setPeriod] = useState('');
  const [revisionOf, setRevisionOf] = useState('');
  const [isHeld, setIsHeld] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const isPdf = file !== null && /\.pdf$/i.test(file.name);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setError(t('outbox.add.noFile'));
      return;
    }
    setIsBusy(true);
    setError(null);
    setDone(null);
    try {
      const item = await api.outboxAdd({
        fileName: file.name,
        contentBase64: await fileToBase64(file),
        ...(isPdf && dataFile ? { dataJson: await dataFile.text() } : {}),
        ...(isPdf && type !== '' ? { type } : {}),
        ...(isPdf && period.trim() !== '' ? { period: period.trim() } : {}),
        ...(isPdf && revisionOf.trim() !== '' ? { revisionOf: revisionOf.trim() } : {}),
        ...(isHeld ? { isHeld: true } : {}),
      });
      setDone(t('outbox.add.done', { title: item.title }));
      setFile(null);
      setDataFile(null);
      setPeriod('');
      setRevisionOf('');
      setType('');
      announceOutboxChange();
      onAdded();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <section className="ob-panel" aria-labelledby={id('title')} data-testid="outbox-add">
      <h2 id={id('title')}>{t('outbox.add.title')}</h2>
      <p>{t('outbox.add.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error ? (
          <p className="callout callout-error" role="alert" data-testid="outbox-add-error">
            {error}
          </p>
        ) : null}
        <div className="ob-row">
          <FileButton label={t('outbox.add.choose')} accept=".pdf,.zip" isSmall={false} testId="outbox-file" onFile={(f) => setFile(f)} />
          {file ? <span className="ob-chosen">{t('outbox.add.chosen', { name: file.name, size: formatByteSize(file.size) })}</span> : null}
        </div>
        {isPdf ? (
          <>
            <FieldFrame id={id('type')} label={t('outbox.add.type')} isOptional>
              {(aria) => (
                <select id={id('type')} name="type" className="input" value={type} onChange={(e) => setType(e.target.value as SubmissionType | '')} {...aria}>
                  <option value="">{t('outbox.add.type.auto')}</option>
                  {SUBMISSION_TYPES.map((k) => (
                    <option key={k} value={k}>
                      {typeLabel(t, k)}
                    </option>
                  ))}
                </select>
              )}
            </FieldFrame>
            <FieldFrame id={id('period')} label={t('outbox.add.period')} hint={t('outbox.add.period.hint')} isOptional>
              {(aria) => <input id={id('period')} name="period" className="input" value={period} onChange={(e) => setPeriod(e.target.value)} {...aria} />}
            </FieldFrame>
            <div className="field">
              <span className="field-label">{t('outbox.add.data')}</span>
              <div className="ob-row">
                <FileButton label={t('outbox.add.data.choose')} accept=".json" testId="outbox-data-file" onFile={(f) => setDataFile(f)} />
                {dataFile ? <span className="ob-chosen">{dataFile.name}</span> : null}
              </div>
              <p className="field-hint">{t('outbox.add.data.hint')}</p>
            </div>
            <FieldFrame id={id('revisionOf')} label={t('outbox.add.revisionOf')} hint={t('outbox.add.revisionOf.hint')} isOptional>
              {(aria) => <input id={id('revisionOf')} name="revisionOf" className="input" spellCheck={false} value={revisionOf} onChange={(e) => setRevisionOf(e.target.value)} {...aria} />}
            </FieldFrame>
          </>
        ) : null}
        <div className="ob-check">
          <input id={id('hold')} type="checkbox" checked={isHeld} onChange={(e) => setIsHeld(e.target.checked)} />
          <label htmlFor={id('hold')}>{t('outbox.add.hold')}</label>
        </div>
        <button type="submit" className="button button-primary" disabled={isBusy} data-testid="outbox-add-submit">
          {isBusy ? t('outbox.add.busy') : t('outbox.add.submit')}
        </button>
        <p role="status" className="ob-status">
          {done}
        </p>
      </form>
    </section>
  );
}
