import { useWorkspace } from '../../app-context';
import { NotAvailable } from '../../components/not-available';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/i18n-context';

const kindLabels = { document: 'handover.kind.document', 'source-code': 'handover.kind.sourceCode' } as const;

/** The handover list of the active regulation, with its articles (REQUIREMENTS.md §2). */
export function SerahTerimaScreen() {
  const t = useT();
  const { profile } = useWorkspace();
  const { terms, handover, regulation } = profile;
  const required = handover.items.filter((i) => i.isRequired).length;
  return (
    <>
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
      {handover.basis ? <p className="basis-text">{handover.basis}</p> : null}
      <NotAvailable what={t('handover.prepare')} />
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
    </>
  );
}
