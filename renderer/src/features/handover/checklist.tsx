import { useEffect, useState } from 'react';
import type { Attachment } from '@core/domain/handover/bundle';
import { defaultExcludes } from '@core/domain/handover/exclusions';
import type { ChecklistEntry } from '@core/domain/handover/completeness';
import type { HandoverView } from '@core/domain/handover/views';
import type { RegionProfile } from '@core/domain/profiles/profile';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useI18n, useT } from '../../i18n/i18n-context';
import { Modal } from '../../components/modal';
import { AttachForm } from './attach-form';
import { messageOf } from '../../lib/errors';
import { focusById } from '../../lib/focus';
import { formatCount, parseExcludes, shortSha256 } from './model';
import { SecretsWarning } from './secrets-warning';
import { LanguagesText } from './source-scan-view';
import { formatByteSize } from '@core/domain/format/byte-size';
import { ErrorCallout } from '../../components/error-callout';

/** More rows than this in one attachment's file list are summarised: a source tree may hold thousands. */
const maxListedFiles = 200;

function AttachmentFiles({ attachment }: { attachment: Attachment }) {
  const t = useT();
  const shown = attachment.files.slice(0, maxListedFiles);
  return (
    <details className="ho-files">
      <summary>{t('handover.files.show', { count: formatCount(attachment.files.length) })}</summary>
      <table className="ho-files-table">
        <thead>
          <tr>
            <th scope="col">{t('handover.files.path')}</th>
            <th scope="col" className="ho-num">
              {t('handover.files.size')}
            </th>
            <th scope="col">{t('handover.files.sha256')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f) => (
            <tr key={f.path}>
              <td className="ho-path-cell">{f.path}</td>
              <td className="ho-num col-nowrap">{formatByteSize(f.size)}</td>
              <td className="col-nowrap">
                <code title={f.sha256} data-sha256={f.sha256}>
                  {shortSha256(f.sha256)}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {attachment.files.length > shown.length ? <p className="ho-muted">{t('handover.files.more', { count: formatCount(attachment.files.length - shown.length) })}</p> : null}
    </details>
  );
}

function AttachmentRow({ attachment, itemLabel, onDetach }: { attachment: Attachment; itemLabel: string; onDetach(): void }) {
  const t = useT();
  const { date } = useI18n();
  const single = attachment.kind === 'file' && attachment.files.length === 1 ? attachment.files[0] : undefined;
  return (
    <li className="ho-attachment" data-name={attachment.name}>
      <div className="ho-attachment-head">
        <span className="ho-attachment-name">{attachment.name}</span>
        <span className="ho-kind-tag">{t(attachment.kind === 'folder' ? 'handover.scan.kind.folder' : 'handover.scan.kind.file')}</span>
        <span className="ho-attachment-meta">
          {t('handover.attachment.meta', { files: formatCount(attachment.files.length), size: formatByteSize(attachment.bytes) })}
          {single ? (
            <>
              {' · '}
              <span className="visually-hidden">{t('handover.files.sha256')} </span>
              <code title={single.sha256} data-sha256={single.sha256}>
                {shortSha256(single.sha256)}
              </code>
            </>
          ) : null}
        </span>
        <button type="button" className="button button-secondary ho-small-button" onClick={onDetach} aria-label={t('handover.detach.button', { name: attachment.name, item: itemLabel })}>
          {t('handover.detach.short')}
        </button>
      </div>
      <p className="ho-muted ho-attachment-source">{t('handover.attachment.source', { path: attachment.sourcePath, date: date(new Date(attachment.attachedAt)) })}</p>
      {attachment.languages ? (
        <p className="ho-attachment-line">
          <span className="ho-line-label">{t('handover.scan.languages')}:</span> <LanguagesText languages={attachment.languages} />
        </p>
      ) : null}
      {attachment.excluded && attachment.excluded.folders.length > 0 ? (
        <p className="ho-attachment-line">
          <span className="ho-line-label">{t('handover.scan.excluded')}:</span> {attachment.excluded.folders.join(', ')}
        </p>
      ) : null}
      {attachment.secrets && attachment.secrets.length > 0 ? <SecretsWarning secrets={attachment.secrets} /> : null}
      {single ? null : <AttachmentFiles attachment={attachment} />}
    </li>
  );
}

/** The folders left out of a source folder (VCS, build output): the officer may change the list per bundle. */
function ExcludesEditor({ bundleId, excludes, onView }: { bundleId: string; excludes: string[]; onView(view: HandoverView): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const [text, setText] = useState(excludes.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const id = 'ho-excludes';

  const save = async (names: string[]) => {
    setIsSaving(true);
    setError(null);
    setStatus(null);
    try {
      const view = await api.handoverSave({ id: bundleId, excludes: names });
      setText(view.bundle.excludes.join('\n'));
      setStatus(t('handover.excludes.saved', { count: formatCount(view.bundle.excludes.length) }));
      onView(view);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <details className="ho-excludes" data-testid="handover-excludes">
      <summary>{t('handover.excludes.summary', { count: formatCount(excludes.length) })}</summary>
      <FieldFrame id={id} label={t('handover.excludes.label')} hint={t('handover.excludes.hint')} error={error} isOptional>
        {(aria) => (
          <textarea
            id={id}
            name="excludes"
            className="input ho-excludes-input"
            rows={4}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setStatus(null);
            }}
            {...aria}
          />
        )}
      </FieldFrame>
      <div className="form-actions">
        <button type="button" className="button button-secondary" disabled={isSaving} onClick={() => void save(parseExcludes(text))} data-testid="handover-excludes-save">
          {t('handover.excludes.save')}
        </button>
        <button type="button" className="link-button ho-link" disabled={isSaving} onClick={() => void save([...defaultExcludes])}>
          {t('handover.excludes.reset')}
        </button>
        <p className="save-status" role="status">
          {status}
        </p>
      </div>
    </details>
  );
}

function ChecklistItem({ entry, index, view, onView, onDetach }: { entry: ChecklistEntry; index: number; view: HandoverView; onView(view: HandoverView): void; onDetach(a: Attachment): void }) {
  const t = useT();
  const attachments = view.bundle.items[entry.key] ?? [];
  const isSource = entry.kind === 'source-code';
  const titleId = `ho-item-${entry.key}-title`;
  return (
    <li className={entry.isPresent ? 'ho-item is-present' : 'ho-item'} id={`ho-item-${entry.key}`} data-key={entry.key} data-present={entry.isPresent} aria-labelledby={titleId}>
      <div className="ho-item-head">
        <span className="ho-item-number" aria-hidden="true">
          {index + 1}
        </span>
        <div className="ho-item-title-block">
          <h3 id={titleId} className="ho-item-title">
            {entry.label}
          </h3>
          <p className="ho-item-meta">
            <span className="ho-article">{entry.article}</span>
            {' · '}
            {entry.isRequired ? t('handover.required.yes') : t('handover.required.no')}
            {' · '}
            {t(isSource ? 'handover.kind.sourceCode' : 'handover.kind.document')}
          </p>
        </div>
        <p className={entry.isPresent ? 'ho-item-status ho-status-ok' : 'ho-item-status ho-status-missing'} data-testid="handover-item-status">
          <span aria-hidden="true">{entry.isPresent ? '✓ ' : '✗ '}</span>
          {entry.isPresent
            ? t('handover.item.present', { files: formatCount(entry.files), size: formatByteSize(entry.bytes) })
            : entry.isRequired
              ? t('handover.item.missingRequired')
              : t('handover.item.missingOptional')}
        </p>
      </div>
      {entry.description ? <p className="item-description ho-item-description">{entry.description}</p> : null}
      {attachments.length > 0 ? (
        <ul className="ho-attachments" aria-label={t('handover.attachments.label', { item: entry.label })}>
          {attachments.map((a) => (
            <AttachmentRow key={a.name} attachment={a} itemLabel={entry.label} onDetach={() => onDetach(a)} />
          ))}
        </ul>
      ) : null}
      <AttachForm bundleId={view.bundle.id} item={entry} excludes={view.bundle.excludes} attachments={attachments} onView={onView} />
      {isSource ? <ExcludesEditor bundleId={view.bundle.id} excludes={view.bundle.excludes} onView={onView} /> : null}
    </li>
  );
}

/** The region's checklist for this bundle, in the regulation's order, each item with its attachments. */
export function Checklist({ view, profile, onView }: { view: HandoverView; profile: RegionProfile; onView(view: HandoverView): void }) {
  const t = useT();
  const { api } = useWorkspace();
  const [detaching, setDetaching] = useState<{ itemKey: string; itemLabel: string; attachment: Attachment } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [focusAfter, setFocusAfter] = useState<string | null>(null);

  // Once the dialog has closed (the page behind it is inert until then), continue at the item's attach field:
  // the detached row and its button are gone.
  useEffect(() => {
    if (detaching || !focusAfter) return;
    focusById(focusAfter);
    setFocusAfter(null);
  }, [detaching, focusAfter]);

  const detach = async () => {
    if (!detaching) return;
    setIsBusy(true);
    setError(null);
    try {
      const next = await api.handoverDetach({ bundleId: view.bundle.id, itemKey: detaching.itemKey, name: detaching.attachment.name });
      setStatus(t('handover.detach.done', { name: detaching.attachment.name, item: detaching.itemLabel }));
      setFocusAfter(`ho-attach-${detaching.itemKey}`);
      setDetaching(null);
      onView(next);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <section className="ho-section" aria-labelledby="ho-checklist-title" data-testid="handover-checklist">
      <h2 id="ho-checklist-title" className="ho-section-title">
        {t('handover.checklist.title')}
      </h2>
      <p className="field-hint ho-section-lead">{t('handover.checklist.lead', { regulation: profile.regulation.shortTitle, article: profile.handover.article })}</p>
      <p className="save-status" role="status">
        {status}
      </p>
      <ol className="ho-items">
        {view.completeness.items.map((entry, index) => (
          <ChecklistItem
            key={entry.key}
            entry={entry}
            index={index}
            view={view}
            onView={onView}
            onDetach={(attachment) => {
              setError(null);
              setDetaching({ itemKey: entry.key, itemLabel: entry.label, attachment });
            }}
          />
        ))}
      </ol>
      {detaching ? (
        <Modal title={t('handover.detach.title', { name: detaching.attachment.name })} onCancel={() => setDetaching(null)} testId="handover-detach-dialog">
          <p>
            {t('handover.detach.body', {
              name: detaching.attachment.name,
              item: detaching.itemLabel,
              files: formatCount(detaching.attachment.files.length),
              size: formatByteSize(detaching.attachment.bytes),
            })}
          </p>
          <p className="ho-muted">{t('handover.detach.keep')}</p>
          <ErrorCallout message={error} />
          <div className="sg-dialog-actions">
            <button type="button" className="button button-secondary" onClick={() => setDetaching(null)} disabled={isBusy}>
              {t('handover.cancel')}
            </button>
            <button type="button" className="button ho-button-danger" onClick={() => void detach()} disabled={isBusy} data-testid="handover-detach-confirm">
              {t('handover.detach.confirm')}
            </button>
          </div>
        </Modal>
      ) : null}
    </section>
  );
}
