import type { ReactNode } from 'react';
import type { DueItem } from '@core/domain/reports';
import type { DocumentSummary } from '@core/domain/documents/model';
import { useWorkspace } from '../../app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { useI18n } from '../../i18n/i18n-context';
import { messageOf } from '../../lib/errors';
import { openDocument } from '../../lib/open-document';
import { hrefOf } from '../../lib/routes';
import { useAsync } from '../../lib/use-async';
import { useWindowEvent } from '../../lib/use-window-event';
import { BackupReminder } from '../backup';
import { LifecycleBadge, ReviseButton, SendDocumentButton, documentsChangedEvent, kindText, periodLabel, useDocuments } from '../documents';
import { OverdueBanner } from '../reports';
import { WaitingSummary } from './waiting-summary';

/** Reports due within this many days are "mendatang" on Beranda; later ones wait in the Laporan calendar. */
const UPCOMING_DAYS = 30;
const MAX_ROWS = 6;

function DocumentTitle({ doc }: { doc: DocumentSummary }) {
  const { t, date } = useI18n();
  return (
    <span className="br-doc">
      <span className="br-doc-title">{doc.title}</span>
      <span className="br-doc-meta">{t('br.docMeta', { kind: kindText(t, doc.kind), period: periodLabel(t, date, doc.period), revision: doc.revision })}</span>
    </span>
  );
}

/** A list of documents in one state, with the one action that moves each on. */
function DocumentGroup({ title, docs, testId, action }: { title: string; docs: DocumentSummary[]; testId: string; action(doc: DocumentSummary): ReactNode }) {
  const { t } = useI18n();
  if (docs.length === 0) return null;
  return (
    <section className="br-card" aria-label={title} data-testid={testId}>
      <h2 className="br-card-title">
        {title} <span className="br-count">{docs.length}</span>
      </h2>
      <ul className="br-list">
        {docs.slice(0, MAX_ROWS).map((doc) => (
          <li key={doc.id} className="br-item" data-id={doc.id} data-kind={doc.kind}>
            <DocumentTitle doc={doc} />
            <span className="br-item-action">{action(doc)}</span>
          </li>
        ))}
      </ul>
      {docs.length > MAX_ROWS ? (
        <p className="br-more">
          <a href={hrefOf('dokumen')}>{t('br.more', { count: docs.length - MAX_ROWS })}</a>
        </p>
      ) : null}
    </section>
  );
}

/** Reports due soon: open the stored one, or go to the calendar to make it. */
function Upcoming({ items }: { items: DueItem[] }) {
  const { t, date } = useI18n();
  if (items.length === 0) return null;
  return (
    <section className="br-card" aria-label={t('br.upcoming')} data-testid="br-upcoming">
      <h2 className="br-card-title">
        {t('br.upcoming')} <span className="br-count">{items.length}</span>
      </h2>
      <ul className="br-list">
        {items.slice(0, MAX_ROWS).map((i) => (
          <li key={`${i.typeKey}:${i.period}`} className="br-item">
            <span className="br-doc">
              <span className="br-doc-title">{t('br.reportName', { name: i.typeName, period: i.periodLabel })}</span>
              <span className="br-doc-meta">{i.dueDate ? t('br.dueIn', { date: date(i.dueDate), days: i.days ?? 0 }) : null}</span>
            </span>
            <span className="br-item-action">
              {i.state ? <LifecycleBadge state={i.state} queue={null} /> : null}
              {i.reportId ? (
                <button type="button" className="button button-secondary doc-small" onClick={() => openDocument('laporan', i.reportId as string)}>
                  {t('br.openReport')}
                </button>
              ) : (
                <a className="button button-secondary doc-small" href={hrefOf('laporan')}>
                  {t('br.makeReport')}
                </a>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Beranda (issue 13 item 4): what needs doing now, on one screen instead of
 * alarms stacked above every editor — documents returned for revision with
 * the reviewer's note, overdue and upcoming reports, signed documents not
 * yet sent, drafts, how long the oldest package has waited and when the
 * workspace was last backed up.
 */
export function BerandaScreen() {
  const { t } = useI18n();
  const { api, profile, settings } = useWorkspace();
  const ict = { ictOfficeShort: profile.terms.ictOfficeShort };
  const documents = useDocuments();
  const due = useAsync(() => api.reportDue({}), [api], { stale: 'keep', reloadOn: [profile.id] });
  useWindowEvent(documentsChangedEvent, due.reload);
  const docs = documents.value ?? [];
  const returned = docs.filter((d) => d.state === 'perlu-revisi' || d.state === 'ditolak');
  const unsent = docs.filter((d) => d.state === 'ditandatangani');
  const drafts = docs.filter((d) => d.state === 'draf');
  const upcoming = (due.value?.items ?? []).filter((i) => i.status === 'belum' && i.days !== null && i.days <= UPCOMING_DAYS).sort((a, b) => (a.days ?? 0) - (b.days ?? 0));
  const isLoaded = documents.value !== undefined && due.value !== undefined;
  const isQuiet = isLoaded && returned.length + unsent.length + drafts.length + upcoming.length === 0 && !due.value?.items.some((i) => i.status === 'terlambat');

  return (
    <>
      <ScreenHeading lead={t('br.lead', { name: settings.officer.name, opd: settings.opd.name })}>{t('br.title')}</ScreenHeading>
      {documents.error || due.error ? (
        <p className="callout callout-error" role="alert">
          {t('br.loadFailed', { message: messageOf(documents.error ?? due.error) })}
        </p>
      ) : null}
      {!isLoaded && !documents.error && !due.error ? <p role="status">{t('br.loading')}</p> : null}
      <WaitingSummary />
      <div className="br-grid">
        <DocumentGroup
          title={t('br.returned', ict)}
          docs={returned}
          testId="br-returned"
          action={(doc) => (
            <>
              <LifecycleBadge state={doc.state} queue={null} />
              {doc.review?.note ? (
                <span className="br-note" data-testid="br-review-note">
                  {t('br.note', { ...ict, note: doc.review.note })}
                </span>
              ) : null}
              {doc.state === 'perlu-revisi' ? <ReviseButton doc={doc} className="button button-primary doc-small" /> : null}
            </>
          )}
        />
        <OverdueBanner />
        <Upcoming items={upcoming} />
        <DocumentGroup
          title={t('br.unsent')}
          docs={unsent}
          testId="br-unsent"
          action={(doc) => (
            <SendDocumentButton
              target={{ id: doc.id, kind: doc.kind, title: doc.title, revision: doc.revision }}
              onSent={() => documents.reload()}
              className="button button-primary doc-small"
              label={t('doc.action.send')}
            />
          )}
        />
        <DocumentGroup
          title={t('br.drafts')}
          docs={drafts}
          testId="br-drafts"
          action={(doc) => (
            <>
              {doc.revisionNote ? <span className="br-note">{t('br.answering')}</span> : null}
              <button type="button" className="button button-secondary doc-small" onClick={() => openDocument(doc.kind, doc.id)} data-testid="br-open">
                {t('doc.action.open')}
              </button>
            </>
          )}
        />
      </div>
      {isQuiet ? (
        <p className="callout sg-callout-ok" data-testid="br-quiet">
          {t('br.quiet')}
        </p>
      ) : null}
      <BackupReminder />
    </>
  );
}
