import { useCallback, useState } from 'react';
import type { DueItem, ReportSummary, ReportTypeInfo } from '@core/domain/reports';
import type { ReportType } from '@core/domain/profiles/profile';
import { useWorkspace } from '../../app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { useI18n } from '../../i18n/i18n-context';
import { periodKindKeys, periodText } from './labels';
import { messageOf } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { DueTable, previousReport } from './due-table';
import { NewReport } from './new-report';
import { ReportList } from './report-list';
import { ReportEditor } from './report-editor';
import { announceReportsChanged } from './report-events';
import { readOpenDocument, writeOpenDocument } from '../../lib/open-document';
import './reports.css';
import './reports-assets.css';
import { TableFrame } from '../../components/table-frame';

export { OverdueBanner } from './overdue-banner';

interface Loaded {
  types: ReportTypeInfo[];
  today: string;
  due: DueItem[];
  reports: ReportSummary[];
}

/**
 * Laporan (issue 6): the due calendar of the region's report types (late
 * ones flagged), the stored reports, a new report (from the previous
 * period's data when there is one), and one report open in its editor.
 */
export function LaporanScreen() {
  const { t, date } = useI18n();
  const { api, profile } = useWorkspace();
  const [openId, setOpenId] = useState<string | null>(() => readOpenDocument('laporan'));
  const [notice, setNotice] = useState<string | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);

  // Read again when the profile changes and whenever a report is opened or closed (the lists follow its edits).
  const loadedCall = useAsync(
    async (): Promise<Loaded> => {
      const [types, due, reports] = await Promise.all([api.reportTypes({}), api.reportDue({}), api.reportList({})]);
      return { types, today: due.today, due: due.items, reports };
    },
    [api],
    { stale: 'keep', reloadOn: [profile.id, openId] },
  );
  const loaded = loadedCall.value ?? null;
  const error = loadedCall.error ? messageOf(loadedCall.error) : null;

  const open = useCallback((id: string | null) => {
    writeOpenDocument('laporan', id);
    setOpenId(id);
    if (id) setNotice(null);
  }, []);

  const createFromDue = async (item: DueItem) => {
    if (!loaded) return;
    const key = `${item.typeKey}:${item.period}`;
    setBusyKey(key);
    try {
      const previous = previousReport(loaded.reports, item.typeKey, item.period);
      const view = previous
        ? await api.reportCarryOver({ typeKey: item.typeKey, fromPeriod: previous.period.code, toPeriod: item.period })
        : await api.reportSave({ typeKey: item.typeKey, period: item.period, data: {} });
      announceReportsChanged();
      open(view.id);
      if (previous) setNotice(t('lap.new.carried', { period: periodText(t, previous.period, date) }));
    } catch (err) {
      setNotice(messageOf(err));
    } finally {
      setBusyKey(null);
    }
  };

  const heading = (
    <ScreenHeading lead={t('reports.lead', { agency: profile.terms.agency, ictOffice: profile.terms.ictOffice, regulation: profile.regulation.shortTitle })}>
      {t('reports.title')}
    </ScreenHeading>
  );

  if (openId && loaded) {
    return (
      <>
        {heading}
        {notice ? (
          <p className="callout callout-info" role="status" data-testid="report-notice">
            {notice}
          </p>
        ) : null}
        <ReportEditor
          key={openId}
          reportId={openId}
          types={loaded.types}
          today={loaded.today}
          onClose={() => open(null)}
          onDeleted={(title) => {
            open(null);
            setNotice(t('lap.delete.done', { title }));
          }}
        />
      </>
    );
  }

  return (
    <>
      {heading}
      {error ? (
        <p className="callout callout-error" role="alert">
          {t('lap.loadFailed', { message: error })}
        </p>
      ) : null}
      {notice ? (
        <p className="callout callout-info" role="status" data-testid="report-notice">
          {notice}
        </p>
      ) : null}
      {!loaded && !error ? <p role="status">{t('lap.loading')}</p> : null}
      {profile.reports.length === 0 ? <p>{t('reports.none')}</p> : null}
      {loaded && loaded.types.length > 0 ? (
        <>
          <section aria-labelledby="lap-due-title">
            <h2 id="lap-due-title">{t('lap.due.title')}</h2>
            <DueTable items={loaded.due} today={loaded.today} busyKey={busyKey} onOpen={open} onCreate={(i) => void createFromDue(i)} />
          </section>
          <section aria-labelledby="lap-new-title">
            <h2 id="lap-new-title">{t('lap.new.title')}</h2>
            <NewReport
              types={loaded.types}
              reports={loaded.reports}
              today={loaded.today}
              onCreated={(id, carried) => {
                open(id);
                if (carried) setNotice(t('lap.new.carried', { period: carried }));
              }}
            />
          </section>
          <section aria-labelledby="lap-list-title">
            <h2 id="lap-list-title">{t('lap.list.title')}</h2>
            <ReportList
              reports={loaded.reports}
              onOpen={open}
              onDeleted={(message) => {
                setNotice(message);
                loadedCall.reload();
              }}
            />
          </section>
        </>
      ) : null}
      {profile.reports.length > 0 ? (
        <section aria-labelledby="lap-types-title">
          <h2 id="lap-types-title">{t('lap.types.title')}</h2>
          <TypesTable />
        </section>
      ) : null}
    </>
  );
}

/** The report types of the region with their periods, deadlines and articles, straight from the profile (shown at once, before anything loads). */
function TypesTable() {
  const { t } = useI18n();
  const { profile } = useWorkspace();
  const types = profile.reports;
  const dueText = (r: ReportType) => {
    if (r.period === 'insidental') return r.dueDays === 0 ? t('reports.due.noFixedDeadline') : t('reports.due.afterEvent', { days: r.dueDays });
    return r.dueDays === 0 ? t('reports.due.endOfPeriod') : t('reports.due.afterPeriod', { days: r.dueDays });
  };
  return (
    <TableFrame label={t('reports.caption', { regulation: profile.regulation.shortTitle })}>
      <table className="data-table">
        <caption>{t('reports.caption', { regulation: profile.regulation.shortTitle })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.name')}</th>
            <th scope="col">{t('reports.col.period')}</th>
            <th scope="col">{t('reports.col.due')}</th>
            <th scope="col">{t('table.article')}</th>
          </tr>
        </thead>
        <tbody>
          {types.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">
                <span className="item-label">{r.name}</span>
                {r.isUrgent ? <span className="badge badge-urgent">{t('reports.urgent')}</span> : null}
                {r.basis ? (
                  <details className="basis basis-inline">
                    <summary>{t('common.basis')}</summary>
                    <p>{r.basis}</p>
                  </details>
                ) : null}
              </th>
              <td className="col-nowrap">{t(periodKindKeys[r.period])}</td>
              <td>{dueText(r)}</td>
              <td className="col-article">{r.article}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
