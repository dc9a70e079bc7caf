import { useCallback, useState } from 'react';
import { messageOf } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { useWorkspace } from '../../app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/i18n-context';
import type { ImportReport } from './import-report';
import { PlanEditor } from './plan-editor';
import { savesSettled } from './pending-saves';
import { PlanList } from './plan-list';
import { Toast, type ToastState } from './toast';
import { useCatalog, type CatalogState } from './use-catalog';
import './rencana-aksi.css';
import './rencana-aksi-grid.css';
import './rencana-aksi-marks.css';
import './rencana-aksi-panels.css';
import { readOpenDocument, writeOpenDocument } from '../../lib/open-document';

function EditorLoader({
  id,
  report,
  catalog,
  onClose,
  onToast,
}: {
  id: string;
  report: ImportReport | null;
  catalog: CatalogState;
  onClose(): void;
  onToast(toast: Omit<ToastState, 'id'> | null): void;
}) {
  const t = useT();
  const { api } = useWorkspace();
  // After the editor's last saves, so a plan reopened at once is read as it was left.
  const loaded = useAsync(() => savesSettled().then(() => api.rencanaAksiGet({ id })), [api, id]);
  const doc = loaded.value ?? null;
  const error = loaded.error ? messageOf(loaded.error) : null;

  if (error) {
    return (
      <>
        <ScreenHeading>{t('ra.openFailedTitle')}</ScreenHeading>
        <p className="callout callout-error" role="alert">
          {error}
        </p>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('ra.backToList')}
        </button>
      </>
    );
  }
  if (!doc) return <p role="status">{t('ra.loading')}</p>;
  return <PlanEditor doc={doc} catalog={catalog.index} initialReport={report} onClose={onClose} onToast={onToast} />;
}

/**
 * Rencana aksi (REQUIREMENTS.md §1): the list of plans, and the editor of one.
 * Words for the agency, the ICT office and the document come from the active
 * region profile.
 */
export function RencanaAksiScreen() {
  const t = useT();
  const { api, profile } = useWorkspace();
  const { terms } = profile;
  const catalog = useCatalog(api);
  const [open, setOpen] = useState<{ id: string; report: ImportReport | null } | null>(() => {
    const id = readOpenDocument('rencana-aksi');
    return id ? { id, report: null } : null;
  });
  const [toast, setToast] = useState<ToastState | null>(null);

  const showToast = useCallback((next: Omit<ToastState, 'id'> | null) => {
    setToast(next ? { ...next, id: Date.now() } : null);
  }, []);
  const openPlan = useCallback((id: string, report: ImportReport | null) => {
    writeOpenDocument('rencana-aksi', id);
    setOpen({ id, report });
  }, []);
  const closePlan = useCallback(() => {
    writeOpenDocument('rencana-aksi', null);
    setOpen(null);
    // Back on the list: start keyboard and screen-reader users at its heading.
    requestAnimationFrame(() => {
      window.scrollTo(0, 0);
      document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
    });
  }, []);

  return (
    <div className="ra-screen">
      {open ? (
        <EditorLoader key={open.id} id={open.id} report={open.report} catalog={catalog} onClose={closePlan} onToast={showToast} />
      ) : (
        <>
          <ScreenHeading lead={t('actionPlan.lead', { agency: terms.agency, ictOffice: terms.ictOffice })}>{terms.actionPlan}</ScreenHeading>
          {terms.actionPlanBasis ? (
            <details className="basis">
              <summary>{t('actionPlan.basis')}</summary>
              <p>{terms.actionPlanBasis}</p>
            </details>
          ) : null}
          <PlanList catalog={catalog} onOpen={openPlan} onToast={showToast} />
        </>
      )}
      <Toast toast={toast} onClose={() => setToast(null)} />
    </div>
  );
}
