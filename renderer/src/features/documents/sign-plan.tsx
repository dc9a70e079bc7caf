import { useId, useMemo, useState } from 'react';
import { checkNip } from '@core/domain/settings/nip';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useI18n, useT } from '../../i18n/i18n-context';
import { useAsync } from '../../lib/use-async';
import { DocumentSignDialog, type SignExtras } from './sign-dialog';

interface Details {
  nomor: string;
  approverName: string;
  approverNip: string;
}

/** Printed on the PDF when given: its nomor, and the kepala in the approval column. */
function DocumentDetails({ details, onChange, nipError }: { details: Details; onChange(field: keyof Details, value: string): void; nipError: string | null }) {
  const t = useT();
  const { profile } = useWorkspace();
  const idBase = useId();
  return (
    <details className="sg-details">
      <summary>{t('sign.plan.details')}</summary>
      <div className="sg-details-grid">
        <FieldFrame id={`${idBase}-nomor`} label={t('sign.plan.nomor')} hint={t('sign.plan.nomor.hint')} isOptional>
          {(aria) => <input id={`${idBase}-nomor`} className="input" maxLength={100} value={details.nomor} onChange={(e) => onChange('nomor', e.target.value)} {...aria} />}
        </FieldFrame>
        <FieldFrame id={`${idBase}-approver`} label={t('sign.plan.approverName', { agency: profile.terms.agency })} hint={t('sign.plan.approverName.hint')} isOptional>
          {(aria) => <input id={`${idBase}-approver`} className="input" maxLength={200} value={details.approverName} onChange={(e) => onChange('approverName', e.target.value)} {...aria} />}
        </FieldFrame>
        <FieldFrame id={`${idBase}-approver-nip`} label={t('sign.plan.approverNip')} error={nipError} isOptional>
          {(aria) => (
            <input id={`${idBase}-approver-nip`} className="input" inputMode="numeric" maxLength={40} value={details.approverNip} onChange={(e) => onChange('approverNip', e.target.value)} {...aria} />
          )}
        </FieldFrame>
      </div>
    </details>
  );
}

/** The plan's signature through the document journey: its content and findings in "Yang ditandatangani", nomor and approver folded. */
function SignPlanDialog({ planId, onClose }: { planId: string; onClose(): void }) {
  const { t, rupiah } = useI18n();
  const { api } = useWorkspace();
  const now = useMemo(() => new Date(), []);
  const [details, setDetails] = useState<Details>({ nomor: '', approverName: '', approverNip: '' });

  // The plan's own findings: signing goes ahead, but not without saying so.
  const planCall = useAsync(async () => {
    const doc = await api.rencanaAksiGet({ id: planId });
    return { title: doc.plan.title, year: doc.plan.year, stages: doc.analysis.stageCount, total: doc.analysis.totals.total, errors: doc.analysis.errorCount };
  }, [api, planId]);
  const plan = planCall.value ?? null;

  const nip = details.approverNip.trim();
  const nipCheck = nip ? checkNip(nip, now) : null;
  const nipError = nipCheck && !nipCheck.isValid ? nipCheck.message : null;
  const approverName = details.approverName.trim();
  const extras: SignExtras = { ...(details.nomor.trim() ? { nomor: details.nomor.trim() } : {}), ...(approverName || nip ? { approver: { name: approverName, nip, jabatan: '' } } : {}) };

  return (
    <DocumentSignDialog
      id={planId}
      kind="rencana-aksi"
      title={plan?.title ?? ''}
      testId="sign-dialog"
      facts={
        plan ? (
          <div>
            <dt>{t('sign.plan.content')}</dt>
            <dd>
              <span data-testid="sign-plan-content">{t('sign.plan.contentValue', { title: plan.title, year: plan.year, stages: plan.stages, total: rupiah(plan.total) })}</span>
              {plan.errors > 0 ? <span className="doc-note">{t('sign.plan.hasErrors', { count: plan.errors })}</span> : null}
            </dd>
          </div>
        ) : null
      }
      extra={<DocumentDetails details={details} nipError={nipError} onChange={(field, value) => setDetails((d) => ({ ...d, [field]: value }))} />}
      extras={extras}
      problems={nipError ? [t('sign.plan.approverNipInvalid', { message: nipError })] : []}
      onClose={onClose}
    />
  );
}

/**
 * "Tanda tangani PDF" for one stored plan: mounted in the plan view.
 * beforeOpen lets the editor save pending edits first, so what is signed is
 * what the officer sees; a refusal (false) keeps the dialog closed.
 */
export function SignPlanButton({ planId, beforeOpen, className }: { planId: string; beforeOpen?: () => Promise<boolean>; className?: string }) {
  const t = useT();
  const [isOpen, setIsOpen] = useState(false);
  const [isOpening, setIsOpening] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const open = async () => {
    setProblem(null);
    if (beforeOpen) {
      setIsOpening(true);
      const isSaved = await beforeOpen().catch(() => false);
      setIsOpening(false);
      if (!isSaved) {
        setProblem(t('sign.plan.saveFirst'));
        return;
      }
    }
    setIsOpen(true);
  };

  return (
    <>
      <button type="button" className={className ?? 'button sg-small button-primary'} onClick={() => void open()} disabled={isOpening || !planId} data-testid="sign-plan-open">
        {t('sign.plan.open')}
      </button>
      {problem ? (
        <span className="sg-inline-error" role="alert">
          {problem}
        </span>
      ) : null}
      {isOpen ? <SignPlanDialog planId={planId} onClose={() => setIsOpen(false)} /> : null}
    </>
  );
}
