import { useCallback, useId, useState } from 'react';
import { LIMITS, type RencanaAksiDocument, type RencanaAksiSummary } from '@core/domain/rencana-aksi';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ReferenceSyncButton } from './reference-sync-button';
import { FileButton } from '../../components/file-button';
import { fileToBase64 } from '../../lib/files';
import { CATALOG_FILE_ACCEPT, PLAN_FILE_ACCEPT } from './file-types';
import { savesSettled } from './pending-saves';
import { skeletonActivities } from './plan-edits';
import type { ImportReport } from './import-report';
import { isPlanYear } from './plan-fields';
import { PlanTable } from './plan-table';
import type { ToastState } from './toast';
import type { CatalogState } from './use-catalog';
import { messageOf } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';

interface PlanListProps {
  catalog: CatalogState;
  onOpen(id: string, report: ImportReport | null): void;
  onToast(toast: Omit<ToastState, 'id'> | null): void;
}

/** Stored plans, a new plan (empty or from a file), and the catalog of other agencies' activities. */
export function PlanList({ catalog, onOpen, onToast }: PlanListProps) {
  const { api, settings, profile } = useWorkspace();
  const { t, date } = useI18n();
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'create' | 'import' | 'catalog' | 'delete' | null>(null);
  const [pendingDelete, setPendingDelete] = useState<RencanaAksiSummary | null>(null);
  const [catalogMessage, setCatalogMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const ids = { title: useId(), year: useId(), yearError: useId(), list: useId(), create: useId(), catalog: useId() };

  // After the editor's last saves: a plan just left shows its new title and totals.
  const list = useAsync(() => savesSettled().then(() => api.rencanaAksiList({})), [api], { stale: 'keep' });
  const plans = list.value ?? null;
  const listError = list.error ? messageOf(list.error) : null;
  const refresh = list.reload;
  const yearNumber = Number(year);
  const isYearValid = isPlanYear(year);
  const agency = profile.terms.agency;

  const create = async () => {
    if (!isYearValid) return;
    setBusy('create');
    setFormProblem(null);
    try {
      const doc = await api.rencanaAksiSave({
        plan: {
          id: '',
          opdCode: settings.opd.code,
          year: yearNumber,
          title: title.trim() || `${profile.terms.actionPlan} ${yearNumber}`,
          activities: skeletonActivities(),
        },
      });
      onOpen(doc.plan.id, null);
    } catch (err) {
      setFormProblem(messageOf(err));
      setBusy(null);
    }
  };

  const importNew = async (file: File) => {
    setFormProblem(null);
    if (!isYearValid) return;
    if (file.size > LIMITS.maxFileBytes) {
      setFormProblem(t('ra.import.tooLarge', { file: file.name, limit: Math.round(LIMITS.maxFileBytes / (1024 * 1024)) }));
      return;
    }
    setBusy('import');
    try {
      const result = await api.rencanaAksiImport({
        fileName: file.name,
        contentBase64: await fileToBase64(file),
        opdCode: settings.opd.code,
        year: yearNumber,
        shouldSave: true,
      });
      onOpen(result.plan.id, { fileName: file.name, analysis: result.analysis });
    } catch (err) {
      setFormProblem(messageOf(err));
      setBusy(null);
    }
  };

  const importCatalog = async (file: File) => {
    setCatalogMessage(null);
    setBusy('catalog');
    try {
      const info = await api.rencanaAksiCatalogImport({ fileName: file.name, contentBase64: await fileToBase64(file) });
      catalog.reload();
      refresh();
      setCatalogMessage({ isError: false, text: t('ra.catalog.imported', { file: info.fileName, entries: info.entryCount, agencies: info.opdCount, agency }) });
    } catch (err) {
      setCatalogMessage({ isError: true, text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const restore = useCallback(
    async (copy: RencanaAksiDocument) => {
      try {
        await api.rencanaAksiSave({ plan: copy.plan });
        onToast({ message: t('ra.list.restored', { title: copy.plan.title }) });
      } catch (err) {
        onToast({ message: t('ra.list.restoreFailed', { message: messageOf(err) }) });
      }
      refresh();
    },
    [api, onToast, refresh, t],
  );

  const confirmDelete = async () => {
    const summary = pendingDelete;
    setPendingDelete(null);
    if (!summary) return;
    setBusy('delete');
    try {
      // A full copy first: Urungkan stores it again under the same id.
      const copy = await api.rencanaAksiGet({ id: summary.id });
      await api.rencanaAksiDelete({ id: summary.id });
      onToast({ message: t('ra.list.deleted', { title: summary.title }), actionLabel: t('ra.undo'), onAction: () => void restore(copy) });
    } catch (err) {
      onToast({ message: t('ra.list.deleteFailed', { message: messageOf(err) }) });
    } finally {
      setBusy(null);
      refresh();
    }
  };

  const info = catalog.snapshot?.info ?? null;

  return (
    <>
      <section className="ra-section" aria-labelledby={ids.list}>
        <h2 id={ids.list}>{t('ra.list.title')}</h2>
        {listError ? (
          <p className="callout callout-error" role="alert">
            {t('ra.list.loadFailed', { message: listError })}
          </p>
        ) : plans === null ? (
          <p role="status">{t('ra.loading')}</p>
        ) : plans.length === 0 ? (
          <p className="empty-state">{t('ra.list.empty')}</p>
        ) : (
          <PlanTable plans={plans} isBusy={busy !== null} onOpen={(id) => onOpen(id, null)} onDelete={setPendingDelete} />
        )}
      </section>

      <section className="ra-section ra-panel" aria-labelledby={ids.create}>
        <h2 id={ids.create}>{t('ra.new.title')}</h2>
        <p className="ra-panel-lead">{t('ra.new.lead', { agency, code: settings.opd.code, name: settings.opd.name })}</p>
        <div className="ra-new-fields">
          <div className="ra-field ra-field-wide">
            <label htmlFor={ids.title} className="field-label">
              {t('ra.field.title')} <span className="field-optional">{t('field.optional')}</span>
            </label>
            <input
              id={ids.title}
              name="new.title"
              className="input"
              value={title}
              maxLength={300}
              placeholder={`${profile.terms.actionPlan} ${isYearValid ? yearNumber : ''}`.trim()}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div className="ra-field">
            <label htmlFor={ids.year} className="field-label">
              {t('ra.field.year')}
            </label>
            <input
              id={ids.year}
              name="new.year"
              className="input ra-year-input"
              inputMode="numeric"
              value={year}
              maxLength={4}
              aria-invalid={isYearValid ? undefined : true}
              aria-describedby={isYearValid ? undefined : ids.yearError}
              onChange={(e) => setYear(e.target.value.trim())}
            />
            {isYearValid ? null : (
              <p id={ids.yearError} className="field-error">
                {t('ra.new.yearInvalid')}
              </p>
            )}
          </div>
        </div>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={() => void create()} disabled={busy !== null || !isYearValid}>
            {busy === 'create' ? t('ra.new.creating') : t('ra.new.create')}
          </button>
          <span className="ra-or">{t('ra.new.or')}</span>
          <FileButton
            label={busy === 'import' ? t('ra.import.busy') : t('ra.import.new')}
            accept={PLAN_FILE_ACCEPT}
            isBusy={busy !== null || !isYearValid}
            onFile={(f) => void importNew(f)}
            testId="ra-import-new"
            isSmall={false}
          />
        </div>
        <p className="field-hint">{t('ra.import.hint')}</p>
        {formProblem ? (
          <p className="callout callout-error" role="alert" data-testid="ra-problem">
            {formProblem}
          </p>
        ) : null}
      </section>

      <section className="ra-section ra-panel" aria-labelledby={ids.catalog}>
        <h2 id={ids.catalog}>{t('ra.catalog.title', { agency })}</h2>
        <p className="ra-panel-lead">{t('ra.catalog.lead', { agency, ictOffice: profile.terms.ictOffice })}</p>
        {catalog.error ? <p className="callout callout-error">{t('ra.catalog.loadFailed', { message: catalog.error })}</p> : null}
        <p data-testid="ra-catalog-info">
          {info
            ? info.issuedBy
              ? t('ra.catalog.infoIssued', {
                  file: info.fileName,
                  issuer: info.issuedBy,
                  entries: info.entryCount,
                  agencies: info.opdCount,
                  agency,
                  date: date(new Date(info.importedAt)),
                })
              : t('ra.catalog.info', { file: info.fileName, entries: info.entryCount, agencies: info.opdCount, agency, date: date(new Date(info.importedAt)) })
            : t('ra.catalog.none')}
        </p>
        <FileButton
          label={busy === 'catalog' ? t('ra.import.busy') : t('ra.catalog.import', { agency })}
          accept={CATALOG_FILE_ACCEPT}
          isBusy={busy !== null}
          onFile={(f) => void importCatalog(f)}
          testId="ra-catalog-import"
        />
        <ReferenceSyncButton
          isBlocked={busy !== null}
          onUpdated={() => {
            catalog.reload();
            refresh();
          }}
        />
        {catalogMessage ? (
          <p className={catalogMessage.isError ? 'callout callout-error' : 'callout callout-info'} role={catalogMessage.isError ? 'alert' : 'status'}>
            {catalogMessage.text}
          </p>
        ) : null}
      </section>

      {pendingDelete ? (
        <ConfirmDialog
          title={t('ra.list.deleteTitle')}
          confirmLabel={t('ra.delete.confirm')}
          cancelLabel={t('ra.cancel')}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setPendingDelete(null)}
        >
          <p>{t('ra.list.deleteBody', { title: pendingDelete.title, year: pendingDelete.year, stages: pendingDelete.stageCount })}</p>
          <p>{t('ra.list.deleteUndoHint')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
