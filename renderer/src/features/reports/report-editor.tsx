import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import {
  definitionFor,
  isAttachmentValue,
  isTableValue,
  validateReport,
  type FieldDef,
  type ReportData,
  type ReportFinding,
  type ReportTypeInfo,
  type ReportView,
  type TableRow,
} from '@core/domain/reports';
import { useWorkspace } from '../../app-context';
import { FieldFrame } from '../../components/form-field';
import { useI18n } from '../../i18n/i18n-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { base64ToBytes, downloadBytes } from '../../lib/files';
import { AssetRegister } from './asset-register';
import { AttachmentField } from './attachment-field';
import { ScalarInput } from './field-input';
import { dueStatusKeys, hintOf, labelOf, periodText } from './labels';
import { messageOf } from '../../lib/errors';
import { announceReportsChanged } from './report-events';
import { SignReportButton } from './sign-report';
import { TableField } from './table-field';

const WIDE_KINDS = new Set(['textarea']);

function Badges({ report }: { report: ReportView }) {
  const { t } = useI18n();
  return (
    <span className="lap-badges">
      {report.isUrgent ? (
        <span className="badge badge-urgent lap-badge" data-testid="report-urgent">
          {t('reports.urgent')}
        </span>
      ) : null}
      <span className={`badge lap-badge lap-due-${report.dueStatus}`} data-testid="report-due-status">
        {t(dueStatusKeys[report.dueStatus])}
      </span>
      <span className={`badge lap-badge lap-state-${report.status}`} data-testid="report-status">
        {report.status === 'ditandatangani' ? t('lap.state.signed') : t('lap.state.draft')}
      </span>
    </span>
  );
}

interface EditorProps {
  reportId: string;
  types: ReportTypeInfo[];
  today: string;
  onClose(): void;
  onDeleted(title: string): void;
}

/**
 * One report, its form generated from the type's field definitions:
 * scalar fields, tables edited in place, attachments, the asset register.
 * Checked as the officer types (the same rules the service applies before
 * signing); saved with "Simpan"; leaving with unsaved changes asks first.
 */
export function ReportEditor({ reportId, types, today, onClose, onDeleted }: EditorProps) {
  const { t, date, language } = useI18n();
  const { api } = useWorkspace();
  const base = useId();
  const [view, setView] = useState<ReportView | null>(null);
  const [data, setData] = useState<ReportData>({});
  const [isDirty, setIsDirty] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; text?: string }>({ kind: 'idle' });
  const [confirm, setConfirm] = useState<'leave' | 'delete' | null>(null);

  const adopt = useCallback((next: ReportView) => {
    setView(next);
    setData(next.data);
    setIsDirty(false);
  }, []);

  useEffect(() => {
    let isCurrent = true;
    api.reportGet({ id: reportId }).then(
      (v) => {
        if (isCurrent) adopt(v);
      },
      (err: unknown) => {
        if (isCurrent) setLoadError(messageOf(err));
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [api, reportId, adopt]);

  const def = useMemo(() => (view ? definitionFor(view.typeKey) : null), [view]);
  const type = types.find((x) => x.key === view?.typeKey);
  const findings = useMemo<ReportFinding[]>(() => (def && view ? validateReport(def, data, { period: view.period, today }) : []), [def, view, data, today]);

  const change = (key: string, value: ReportData[string]) => {
    setData((d) => ({ ...d, [key]: value }));
    setIsDirty(true);
    setSaveState({ kind: 'idle' });
  };

  const save = useCallback(async (): Promise<ReportView | null> => {
    if (!view) return null;
    if (!isDirty) return view;
    setSaveState({ kind: 'saving' });
    try {
      const saved = await api.reportSave({ id: view.id, typeKey: view.typeKey, period: view.period.code, data, baseRevision: view.revision });
      adopt(saved);
      setSaveState({ kind: 'saved', text: new Date(saved.updatedAt).toLocaleTimeString(language === 'en' ? 'en-GB' : 'id-ID', { hour: '2-digit', minute: '2-digit' }) });
      announceReportsChanged();
      return saved;
    } catch (err) {
      setSaveState({ kind: 'error', text: messageOf(err) });
      return null;
    }
  }, [api, view, data, isDirty, adopt, language]);

  if (loadError) {
    return (
      <div className="callout callout-error" role="alert">
        <p>{t('lap.editor.loadFailed', { message: loadError })}</p>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('lap.editor.back')}
        </button>
      </div>
    );
  }
  if (!view || !def) return <p role="status">{t('lap.editor.loading')}</p>;

  const fieldFindings = (key: string) => findings.filter((f) => f.field === key);
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const scalars = def.fields.filter((f) => f.kind !== 'table' && f.kind !== 'attachment');
  const periodShown = periodText(t, view.period, date);

  const renderScalar = (f: FieldDef) => {
    const id = `${base}-${f.key}`;
    const own = fieldFindings(f.key);
    const error = own.find((x) => x.severity === 'error')?.message;
    if (f.kind === 'boolean') {
      return (
        <div className={error ? 'field field-has-error lap-wide' : 'field lap-wide'} key={f.key} data-field={f.key}>
          {error ? <p className="field-error">{error}</p> : null}
          <label className="lap-check" htmlFor={id}>
            <input id={id} type="checkbox" name={f.key} checked={data[f.key] === true} onChange={(e) => change(f.key, e.target.checked)} />
            <span>{labelOf(f, language)}</span>
          </label>
        </div>
      );
    }
    const value = typeof data[f.key] === 'string' ? (data[f.key] as string) : '';
    return (
      <div className={WIDE_KINDS.has(f.kind) ? 'lap-wide' : undefined} key={f.key} data-field={f.key}>
        <FieldFrame id={id} label={labelOf(f, language)} hint={hintOf(f, language)} error={error} isOptional={!f.isRequired}>
          {(aria) => (
            <ScalarInput
              id={id}
              name={f.key}
              kind={f.kind as Exclude<FieldDef['kind'], 'table' | 'attachment'>}
              value={value}
              {...(f.options ? { options: f.options } : {})}
              {...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {})}
              aria={aria}
              onChange={(v) => change(f.key, v)}
            />
          )}
        </FieldFrame>
      </div>
    );
  };

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
      <h2 className="lap-editor-title">
        <span>{view.typeName}</span> <span className="lap-editor-period">— {periodShown}</span>
      </h2>
      <Badges report={view} />
      <p className="lead lap-editor-lead">{language === 'en' ? def.summaryEn : def.summary}</p>
      {view.isUrgent ? (
        <p className="callout callout-error" data-testid="report-urgent-note">
          {t('lap.editor.urgentNote')}
        </p>
      ) : null}
      <dl className="facts lap-facts">
        <div>
          <dt>{view.period.kind === 'insidental' ? t('lap.editor.eventDate') : t('reports.col.period')}</dt>
          <dd>{periodShown}</dd>
        </div>
        <div>
          <dt>{t('reports.col.due')}</dt>
          <dd data-testid="report-due-date">
            {view.dueDate ? t('lap.editor.dueValue', { date: date(view.dueDate), status: t(dueStatusKeys[view.dueStatus]) }) : t('reports.due.noFixedDeadline')}
          </dd>
        </div>
        <div>
          <dt>{t('table.article')}</dt>
          <dd>{type ? type.article : ''}</dd>
        </div>
        {carried ? (
          <div>
            <dt>{t('lap.editor.carriedFrom')}</dt>
            <dd>{carried.periodText}</dd>
          </div>
        ) : null}
      </dl>

      <form
        className="lap-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {scalars.length > 0 ? (
          <fieldset className="form-section">
            <legend>{t('lap.editor.fields')}</legend>
            <div className="form-grid lap-grid">{scalars.map(renderScalar)}</div>
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

        <section className="lap-findings" aria-labelledby={`${base}-findings`} data-testid="report-findings">
          <h3 id={`${base}-findings`}>{t('lap.findings.title')}</h3>
          {findings.length === 0 ? (
            <p className="feedback-ok">{t('lap.findings.none')}</p>
          ) : (
            <>
              <p>{t('lap.findings.counts', { errors: errors.length, warnings: warnings.length })}</p>
              <ul className="lap-findings-list">
                {findings.slice(0, 50).map((f, i) => (
                  <li key={`${f.field}:${f.row ?? ''}:${f.column ?? ''}:${i}`} className={f.severity === 'error' ? 'lap-finding-error' : 'lap-finding-warning'}>
                    {f.message}
                  </li>
                ))}
              </ul>
              {findings.length > 50 ? <p className="field-hint">{t('lap.findings.more', { count: findings.length - 50 })}</p> : null}
            </>
          )}
        </section>

        <div className="form-actions lap-actions">
          <button type="submit" className="button button-primary" disabled={!isDirty || saveState.kind === 'saving'} data-testid="report-save">
            {saveState.kind === 'saving' ? t('lap.editor.saving') : t('lap.editor.save')}
          </button>
          <SignReportButton
            report={view}
            beforeOpen={save}
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
