import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { definitionFor, isAttachmentValue, isTableValue, validateReport, type ReportData, type ReportFinding, type ReportTypeInfo, type ReportView, type TableRow } from '@core/domain/reports';
import { useWorkspace } from '../../app-context';
import { useI18n } from '../../i18n/i18n-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { base64ToBytes, downloadBytes } from '../../lib/files';
import { messageOf } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { useFocusFirstInvalid } from '../../lib/use-focus-first-invalid';
import { useTouched } from '../../lib/use-touched';
import { AssetRegister } from './asset-register';
import { AttachmentField } from './attachment-field';
import { labelOf, periodText } from './labels';
import { announceReportsChanged } from './report-events';
import { ReportFindings } from './report-findings';
import { ReportHeading } from './report-heading';
import { ScalarField } from './scalar-field';
import { SignReportButton } from './sign-report';
import { TableField } from './table-field';

interface EditorProps {
  reportId: string;
  types: ReportTypeInfo[];
  today: string;
  onClose(): void;
  onDeleted(title: string): void;
}

/** One report, loaded, then edited in ReportForm (whose state starts from what was loaded). */
export function ReportEditor({ reportId, types, today, onClose, onDeleted }: EditorProps) {
  const { t } = useI18n();
  const { api } = useWorkspace();
  const loaded = useAsync(() => api.reportGet({ id: reportId }), [api, reportId]);

  if (loaded.error) {
    return (
      <div className="callout callout-error" role="alert">
        <p>{t('lap.editor.loadFailed', { message: messageOf(loaded.error) })}</p>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('lap.editor.back')}
        </button>
      </div>
    );
  }
  if (!loaded.value) return <p role="status">{t('lap.editor.loading')}</p>;
  return <ReportForm key={reportId} initial={loaded.value} types={types} today={today} onClose={onClose} onDeleted={onDeleted} />;
}

/**
 * One report, its form generated from the type's field definitions:
 * scalar fields, tables edited in place, attachments, the asset register.
 * Checked as the officer types (the same rules the service applies before
 * signing); saved with "Simpan"; leaving with unsaved changes asks first.
 */
function ReportForm({ initial, types, today, onClose, onDeleted }: Omit<EditorProps, 'reportId'> & { initial: ReportView }) {
  const { t, date, time, language } = useI18n();
  const { api } = useWorkspace();
  const base = useId();
  const [view, setView] = useState<ReportView>(initial);
  const [data, setData] = useState<ReportData>(initial.data);
  const [isDirty, setIsDirty] = useState(false);
  const [saveState, setSaveState] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; text?: string }>({ kind: 'idle' });
  const [confirm, setConfirm] = useState<'leave' | 'delete' | null>(null);
  // A new report is all "wajib diisi": its fields speak once left, or once save or sign is pressed.
  const touched = useTouched();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(formRef);

  const adopt = useCallback((next: ReportView) => {
    setView(next);
    setData(next.data);
    setIsDirty(false);
  }, []);

  const def = useMemo(() => definitionFor(view.typeKey), [view]);
  const type = types.find((x) => x.key === view.typeKey);
  const findings = useMemo<ReportFinding[]>(() => (def ? validateReport(def, data, { period: view.period, today }) : []), [def, view, data, today]);

  const change = (key: string, value: ReportData[string]) => {
    setData((d) => ({ ...d, [key]: value }));
    setIsDirty(true);
    setSaveState({ kind: 'idle' });
  };

  const save = useCallback(async (): Promise<ReportView | null> => {
    if (!isDirty) return view;
    setSaveState({ kind: 'saving' });
    try {
      const saved = await api.reportSave({ id: view.id, typeKey: view.typeKey, period: view.period.code, data, baseRevision: view.revision });
      adopt(saved);
      setSaveState({ kind: 'saved', text: time(saved.updatedAt) });
      announceReportsChanged();
      return saved;
    } catch (err) {
      setSaveState({ kind: 'error', text: messageOf(err) });
      return null;
    }
  }, [api, view, data, isDirty, adopt, time]);

  if (!def) return <p role="status">{t('lap.editor.loading')}</p>;

  const fieldFindings = (key: string) => (touched.isShown(key) ? findings.filter((f) => f.field === key) : []);
  /** Save or sign pressed: every field speaks, and the first one wrong gets the focus. */
  const revealAll = () => {
    touched.reveal();
    if (findings.some((f) => f.severity === 'error')) focusFirstInvalid();
  };
  const scalars = def.fields.filter((f) => f.kind !== 'table' && f.kind !== 'attachment');
  const periodShown = periodText(t, view.period, date);

  const appNames = (() => {
    const apps = data.layanan;
    return isTableValue(apps) ? [...new Set(apps.map((r) => (r.cells.nama ?? '').trim()).filter(Boolean))] : [];
  })();

  const leave = () => (isDirty ? setConfirm('leave') : onClose());
  const carried =
    view.carriedFrom && type
      ? { from: view.carriedFrom, periodText: periodText(t, { kind: type.period, code: view.carriedFrom.period, year: Number(view.carriedFrom.period.slice(0, 4)) }, date) }
      : null;

  return (
    <div className="lap-editor" data-testid="report-editor" data-type={view.typeKey}>
      <p>
        <button type="button" className="link-button lap-back" onClick={leave}>
          {t('lap.editor.back')}
        </button>
      </p>
      <ReportHeading view={view} type={type} summary={language === 'en' ? def.summaryEn : def.summary} periodShown={periodShown} carriedText={carried?.periodText ?? null} />

      <form
        ref={formRef}
        className="lap-form"
        noValidate
        onBlur={touched.onBlur}
        onSubmit={(e) => {
          e.preventDefault();
          revealAll();
          void save();
        }}
      >
        {scalars.length > 0 ? (
          <fieldset className="form-section">
            <legend>{t('lap.editor.fields')}</legend>
            <div className="form-grid lap-grid">
              {scalars.map((f) => (
                <ScalarField key={f.key} field={f} id={`${base}-${f.key}`} value={data[f.key]} findings={fieldFindings(f.key)} onChange={(v) => change(f.key, v)} />
              ))}
            </div>
          </fieldset>
        ) : null}
        {def.fields
          .filter((f) => f.kind === 'table' || f.kind === 'attachment')
          .map((f) => {
            if (f.kind === 'attachment') {
              const v = data[f.key];
              return (
                <fieldset className="form-section" key={f.key}>
                  <legend>{labelOf(f, language)}</legend>
                  <AttachmentField
                    field={f}
                    value={isAttachmentValue(v) ? v : null}
                    isDisabled={saveState.kind === 'saving'}
                    onRemove={() => change(f.key, null)}
                    onAttach={async (fileName, contentBase64) => {
                      const saved = await save();
                      if (!saved) throw new Error(t('lap.editor.saveFirst'));
                      adopt(await api.reportAttach({ id: saved.id, field: f.key, fileName, contentBase64, baseRevision: saved.revision }));
                      announceReportsChanged();
                    }}
                  />
                </fieldset>
              );
            }
            const rows = isTableValue(data[f.key]) ? (data[f.key] as TableRow[]) : [];
            if (f.isAssetRegister) {
              return (
                <div className="form-section" key={f.key}>
                  <AssetRegister
                    field={f}
                    rows={rows}
                    findings={fieldFindings(f.key)}
                    changes={view.assetChanges}
                    carriedFrom={carried}
                    isDisabled={saveState.kind === 'saving'}
                    onChange={(next) => change(f.key, next)}
                    onImport={async (fileName, contentBase64) => {
                      const saved = await save();
                      if (!saved) throw new Error(t('lap.editor.saveFirst'));
                      const result = await api.assetImport({ id: saved.id, fileName, contentBase64, baseRevision: saved.revision });
                      adopt(result.report);
                      announceReportsChanged();
                      return result.import;
                    }}
                    onExport={async () => {
                      const file = await api.assetExport({ id: view.id });
                      downloadBytes(base64ToBytes(file.contentBase64), file.fileName, file.mimeType);
                    }}
                  />
                  {isDirty && carried ? <p className="field-hint">{t('lap.editor.changesAfterSave')}</p> : null}
                </div>
              );
            }
            return (
              <div className="form-section" key={f.key}>
                <TableField field={f} rows={rows} findings={fieldFindings(f.key)} period={view.period} monthlySources={appNames} onChange={(next) => change(f.key, next)} />
              </div>
            );
          })}

        <ReportFindings findings={findings} headingId={`${base}-findings`} isQuiet={!touched.isAnyShown} />

        <div className="form-actions lap-actions">
          <button type="submit" className="button button-primary" disabled={!isDirty || saveState.kind === 'saving'} data-testid="report-save">
            {saveState.kind === 'saving' ? t('lap.editor.saving') : t('lap.editor.save')}
          </button>
          <SignReportButton
            report={view}
            beforeOpen={() => {
              revealAll();
              return save();
            }}
            onSigned={(v) => {
              adopt(v);
              announceReportsChanged();
            }}
          />
          <button type="button" className="button button-secondary" onClick={() => setConfirm('delete')}>
            {t('lap.editor.delete')}
          </button>
          <span role="status" aria-live="polite" className={saveState.kind === 'error' ? 'save-status save-status-error' : 'save-status'} data-testid="report-save-status">
            {saveState.kind === 'saved' ? t('lap.editor.saved', { time: saveState.text ?? '' }) : null}
            {saveState.kind === 'error' ? t('lap.editor.saveFailed', { message: saveState.text ?? '' }) : null}
            {saveState.kind === 'idle' && isDirty ? t('lap.editor.unsaved') : null}
          </span>
        </div>
      </form>

      {confirm === 'leave' ? (
        <ConfirmDialog title={t('lap.leave.title')} confirmLabel={t('lap.leave.confirm')} cancelLabel={t('lap.leave.stay')} onCancel={() => setConfirm(null)} onConfirm={onClose}>
          <p>{t('lap.leave.body')}</p>
        </ConfirmDialog>
      ) : null}
      {confirm === 'delete' ? (
        <ConfirmDialog
          title={t('lap.delete.title')}
          confirmLabel={t('lap.delete.confirm')}
          cancelLabel={t('lap.delete.cancel')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            api.reportDelete({ id: view.id }).then(
              () => {
                announceReportsChanged();
                onDeleted(view.title);
              },
              (err: unknown) => setSaveState({ kind: 'error', text: messageOf(err) }),
            );
          }}
        >
          <p>{t('lap.delete.body', { title: `${view.typeName} — ${periodShown}` })}</p>
          {view.signatures.length > 0 ? <p>{t('lap.delete.signedNote', { count: view.signatures.length })}</p> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
