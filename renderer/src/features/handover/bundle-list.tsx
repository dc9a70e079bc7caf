import { useEffect, useRef, useState } from 'react';
import { useWorkspace } from '../../app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { useI18n } from '../../i18n/i18n-context';
import { formatCount } from './model';
import { messageOf } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { formatByteSize } from '@core/domain/format/byte-size';
import { TableFrame } from '../../components/table-frame';
import { LifecycleBadge, useDocumentStates } from '../documents';
import { ErrorCallout } from '../../components/error-callout';

const kindLabels = { document: 'handover.kind.document', 'source-code': 'handover.kind.sourceCode' } as const;

/** The region's checklist as the regulation lists it (REQUIREMENTS.md §2), before any bundle is open. */
export function RegionChecklist() {
  const { t } = useI18n();
  const { profile } = useWorkspace();
  const { handover, regulation } = profile;
  const required = handover.items.filter((i) => i.isRequired).length;
  return (
    <TableFrame label={t('handover.caption', { regulation: regulation.shortTitle })}>
      <table className="data-table">
        <caption>
          {t('handover.caption', { regulation: regulation.shortTitle })}{' '}
          <span className="caption-count">{t('handover.count', { required, total: handover.items.length })}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className="col-number">
              {t('table.number')}
            </th>
            <th scope="col">{t('handover.col.item')}</th>
            <th scope="col">{t('handover.col.kind')}</th>
            <th scope="col">{t('handover.col.required')}</th>
            <th scope="col">{t('table.article')}</th>
          </tr>
        </thead>
        <tbody>
          {handover.items.map((item, index) => (
            <tr key={item.key} data-key={item.key}>
              <td className="col-number">{index + 1}</td>
              <th scope="row">
                <span className="item-label">{item.label}</span>
                {item.description ? <span className="item-description">{item.description}</span> : null}
              </th>
              <td>{t(kindLabels[item.kind])}</td>
              <td>{item.isRequired ? t('handover.required.yes') : t('handover.required.no')}</td>
              <td className="col-article">{item.article}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** The bundles of this workspace, newest change first, and a button to start one. */
export function BundleList({ onOpen, isFocused }: { onOpen(id: string): void; isFocused: boolean }) {
  const { t, date } = useI18n();
  const { api, profile } = useWorkspace();
  const listCall = useAsync(() => api.handoverList({}), [api]);
  const bundles = listCall.value ?? null;
  const [createError, setCreateError] = useState<string | null>(null);
  const error = createError ?? (listCall.error ? messageOf(listCall.error) : null);
  const [isCreating, setIsCreating] = useState(false);
  const headingRef = useRef<HTMLDivElement>(null);
  const { terms, handover, regulation } = profile;
  // Each bundle's place in the journey (draf … diterima), in the same words as every other list.
  const states = useDocumentStates();
  const stateOf = (id: string) => {
    const doc = states.get(id);
    return doc ? <LifecycleBadge state={doc.state} queue={doc.queue} /> : null;
  };

  useEffect(() => {
    if (isFocused) headingRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [isFocused]);

  const create = async () => {
    setIsCreating(true);
    setCreateError(null);
    try {
      const view = await api.handoverSave({});
      onOpen(view.bundle.id);
    } catch (err) {
      setCreateError(messageOf(err));
      setIsCreating(false);
    }
  };

  return (
    <>
      <div ref={headingRef}>
        <ScreenHeading
          lead={t('handover.lead', {
            agency: terms.agency,
            ictOffice: terms.ictOffice,
            article: handover.article,
            regulation: regulation.shortTitle,
          })}
        >
          {t('handover.title')}
        </ScreenHeading>
      </div>
      {handover.basis ? <p className="basis-text">{handover.basis}</p> : null}

      <section className="ho-section" aria-labelledby="ho-bundles-title">
        <div className="ho-section-head">
          <h2 id="ho-bundles-title">{t('handover.list.title')}</h2>
          <button type="button" className="button button-primary" onClick={() => void create()} disabled={isCreating} data-testid="handover-new">
            {isCreating ? t('handover.list.creating') : t('handover.list.new')}
          </button>
        </div>
        <ErrorCallout message={error} />
        {bundles === null && !error ? <p role="status">{t('handover.loading')}</p> : null}
        {bundles !== null && bundles.length === 0 ? <p className="empty-state">{t('handover.list.empty')}</p> : null}
        {bundles !== null && bundles.length > 0 ? (
          <TableFrame label={t('handover.list.title')}>
            <table className="data-table ho-bundles" data-testid="handover-list">
              <caption className="visually-hidden">{t('handover.list.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('handover.list.col.app')}</th>
                  <th scope="col">{t('handover.list.col.status')}</th>
                  <th scope="col">{t('doc.col.state')}</th>
                  <th scope="col">{t('handover.list.col.files')}</th>
                  <th scope="col">{t('handover.list.col.packages')}</th>
                  <th scope="col">{t('handover.list.col.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {bundles.map((b) => (
                  <tr key={b.id} data-bundle={b.id}>
                    <th scope="row">
                      <button type="button" className="link-button ho-link ho-open" onClick={() => onOpen(b.id)}>
                        {b.title}
                      </button>
                    </th>
                    <td>
                      {b.isComplete ? (
                        <span className="ho-status ho-status-ok">
                          <span aria-hidden="true">✓ </span>
                          {t('handover.status.complete')}
                        </span>
                      ) : (
                        <span className="ho-status ho-status-missing">
                          <span aria-hidden="true">✗ </span>
                          {t('handover.status.missing', { count: b.missing })}
                        </span>
                      )}
                    </td>
                    <td>{stateOf(b.id)}</td>
                    <td className="col-nowrap">{t('handover.list.filesValue', { files: formatCount(b.files), size: formatByteSize(b.bytes) })}</td>
                    <td>{formatCount(b.packages)}</td>
                    <td className="col-nowrap">{b.updatedAt ? date(new Date(b.updatedAt)) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        ) : null}
      </section>

      <section className="ho-section" aria-label={t('handover.caption', { regulation: regulation.shortTitle })}>
        <RegionChecklist />
      </section>
    </>
  );
}
