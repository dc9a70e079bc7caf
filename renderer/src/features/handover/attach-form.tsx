import { useEffect, useRef, useState } from 'react';
import { isBerkasError } from '@core/domain/errors';
import type { Attachment } from '@core/domain/handover/bundle';
import type { HandoverItem } from '@core/domain/profiles/profile';
import type { SourceScan } from '@core/domain/handover/packaging';
import type { HandoverView } from '@core/domain/handover/views';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useI18n } from '../../i18n/i18n-context';
import { Modal } from '../../components/modal';
import { messageOf } from '../../lib/errors';
import { formatCount, pathProblem } from './model';
import { SourceScanView } from './source-scan-view';
import { PathInput } from '../../components/path-picker';
import { formatByteSize } from '@core/domain/format/byte-size';

/**
 * Attaching to one checklist item: a path on this computer, typed or pasted
 * (a native "Pilih…" dialog cannot hand a browser page a path). The
 * source-code item can be looked at first: files, size, languages, excluded
 * folders and suspected secrets, before anything is copied. A new version
 * of something already attached (the same name) replaces it in one step,
 * after a confirmation naming both.
 */
export function AttachForm({ bundleId, item, excludes, attachments, onView }: { bundleId: string; item: HandoverItem; excludes: string[]; attachments: Attachment[]; onView(view: HandoverView): void }) {
  const { t, date } = useI18n();
  const { api } = useWorkspace();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ name: string; text: string } | null>(null);
  const [busy, setBusy] = useState<'scan' | 'attach' | null>(null);
  const [scan, setScan] = useState<{ path: string; result: SourceScan } | null>(null);
  const [replacing, setReplacing] = useState<{ path: string; old: Attachment } | null>(null);
  const isSource = item.kind === 'source-code';
  const id = `ho-attach-${item.key}`;

  const check = (): string | null => {
    const problem = pathProblem(path);
    if (problem === null) return path.trim();
    setError(t(problem === 'empty' ? 'handover.path.empty' : problem === 'relative' ? 'handover.path.relative' : 'handover.path.tooLong'));
    document.getElementById(id)?.focus();
    return null;
  };

  const runScan = async (given?: string) => {
    const p = given ?? check();
    if (p === null) return;
    setBusy('scan');
    setError(null);
    setStatus(null);
    try {
      setScan({ path: p, result: await api.handoverScanSource({ path: p, excludes }) });
    } catch (err) {
      setScan(null);
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  // The officer changed the excluded folders: the scan on screen is looked at again with the new list.
  const shownExcludes = useRef(excludes);
  useEffect(() => {
    if (shownExcludes.current === excludes) return;
    shownExcludes.current = excludes;
    if (scan) void runScan(scan.path);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of the list re-runs the scan
  }, [excludes]);

  const attach = async (replace?: { path: string }) => {
    const p = replace ? replace.path : check();
    if (p === null) return;
    setBusy('attach');
    setError(null);
    setStatus(null);
    try {
      const view = await api.handoverAttach({ bundleId, itemKey: item.key, path: p, ...(replace ? { replace: true } : {}) });
      setReplacing(null);
      const a = view.attachment;
      setPath('');
      setScan(null);
      setStatus({ name: a.name, text: t('handover.attach.done', { name: a.name, files: formatCount(a.files.length), size: formatByteSize(a.bytes) }) });
      onView(view);
    } catch (err) {
      const old = isBerkasError(err) && err.code === 'HANDOVER_ATTACHMENT_EXISTS' && !replace ? attachments.find((a) => a.name === err.details?.name) : undefined;
      if (old) {
        // Already there under this name: ask once, then replace in one step.
        setReplacing({ path: p, old });
        return;
      }
      setReplacing(null);
      setError(messageOf(err));
      document.getElementById(id)?.focus();
    } finally {
      setBusy(null);
    }
  };

  const hint = t('handover.attach.hint');
  return (
    <form
      className="ho-attach"
      noValidate
      aria-busy={busy !== null}
      onSubmit={(e) => {
        e.preventDefault();
        void attach();
      }}
      data-testid={`handover-attach-${item.key}`}
    >
      <div className="ho-attach-row">
        <FieldFrame id={id} label={t(isSource ? 'handover.attach.labelSource' : 'handover.attach.label', { item: item.label })} hint={hint} error={error}>
          {(aria) => (
            <PathInput
              id={id}
              name={`attach-${item.key}`}
              className="ho-path-input"
              mode="file-or-folder"
              title={t('handover.attach.pick', { item: item.label })}
              value={path}
              onChange={(next) => {
                setPath(next);
                setError(null);
                if (scan && scan.path !== next.trim()) setScan(null);
              }}
              aria={aria}
            />
          )}
        </FieldFrame>
        <div className="ho-attach-buttons">
          {isSource ? (
            <button type="button" className="button button-secondary" onClick={() => void runScan()} disabled={busy !== null} data-testid={`handover-scan-${item.key}`}>
              {busy === 'scan' ? t('handover.attach.scanning') : t('handover.attach.scan')}
            </button>
          ) : null}
          <button type="submit" className="button button-primary" disabled={busy !== null} data-testid={`handover-attach-submit-${item.key}`}>
            {busy === 'attach' ? t('handover.attach.attaching') : t('handover.attach.submit')}
          </button>
        </div>
      </div>
      <p className="save-status ho-attach-status" role="status">
        {/* Said only while that attachment is still there (not after it was detached). */}
        {status && attachments.some((a) => a.name === status.name) ? status.text : null}
      </p>
      {scan ? <SourceScanView scan={scan.result} /> : null}
      {replacing ? (
        <Modal
          title={t('handover.replace.title', { name: replacing.old.name })}
          onCancel={() => {
            setReplacing(null);
            document.getElementById(id)?.focus();
          }}
          testId="handover-replace-dialog"
        >
          <p>
            {t('handover.replace.body', {
              name: replacing.old.name,
              item: item.label,
              files: formatCount(replacing.old.files.length),
              size: formatByteSize(replacing.old.bytes),
              date: date(new Date(replacing.old.attachedAt)),
              path: replacing.path,
            })}
          </p>
          <p className="ho-muted">{t('handover.detach.keep')}</p>
          <div className="sg-dialog-actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={busy !== null}
              onClick={() => {
                setReplacing(null);
                document.getElementById(id)?.focus();
              }}
            >
              {t('handover.cancel')}
            </button>
            <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void attach({ path: replacing.path })} data-testid="handover-replace-confirm">
              {t('handover.replace.confirm')}
            </button>
          </div>
        </Modal>
      ) : null}
    </form>
  );
}
