import { useWorkspace } from '../../app-context';
import { NotAvailable } from '../../components/not-available';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/i18n-context';

/**
 * Rencana aksi: the editor comes in its own change. Until then this screen
 * names the document as the active region calls it, and says so.
 */
export function RencanaAksiScreen() {
  const t = useT();
  const { profile } = useWorkspace();
  const { terms } = profile;
  return (
    <>
      <ScreenHeading lead={t('actionPlan.lead', { agency: terms.agency, ictOffice: terms.ictOffice })}>{terms.actionPlan}</ScreenHeading>
      {terms.actionPlanBasis ? (
        <details className="basis">
          <summary>{t('actionPlan.basis')}</summary>
          <p>{terms.actionPlanBasis}</p>
        </details>
      ) : null}
      <NotAvailable what={t('actionPlan.editor', { actionPlan: terms.actionPlan })} />
    </>
  );
}
