import { useState, type Dispatch } from 'react';
import type { BerkasApi } from '@core/api/contract';
import { LIMITS, type RencanaAksiPlan } from '@core/domain/rencana-aksi';
import type { Translate } from '../../i18n/catalog';
import { messageOf } from '../../lib/errors';
import { base64ToBytes, downloadBytes, fileToBase64 } from '../../lib/files';
import type { ImportReport } from './import-report';
import { replaceContent } from './plan-edits';
import type { EditorAction } from './use-plan-history';

interface PlanFilesInput {
  api: BerkasApi;
  t: Translate;
  dispatch: Dispatch<EditorAction>;
  latestPlan(): RencanaAksiPlan;
  endEditing(): void;
  announce(text: string): void;
  /** The report of the import that created the plan, shown when it opens. */
  initialReport: ImportReport | null;
}

export interface PlanFiles {
  busy: 'import' | 'xlsx' | 'csv' | null;
  /** Why the last import or export failed. */
  problem: string | null;
  clearProblem(): void;
  report: ImportReport | null;
  closeReport(): void;
  importInto(file: File): Promise<void>;
  exportAs(format: 'xlsx' | 'csv'): Promise<void>;
}

/**
 * A file into the open plan (its content replaced, one undo step, the import's
 * findings reported) and the plan out as XLSX or CSV, through the same
 * contract the CLI's import and export use.
 */
export function usePlanFiles({ api, t, dispatch, latestPlan, endEditing, announce, initialReport }: PlanFilesInput): PlanFiles {
  const [busy, setBusy] = useState<PlanFiles['busy']>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(initialReport);

  const importInto = async (file: File) => {
    setProblem(null);
    if (file.size > LIMITS.maxFileBytes) {
      setProblem(t('ra.import.tooLarge', { file: file.name, limit: Math.round(LIMITS.maxFileBytes / (1024 * 1024)) }));
      return;
    }
    setBusy('import');
    try {
      const contentBase64 = await fileToBase64(file);
      const current = latestPlan();
      const result = await api.rencanaAksiImport({
        fileName: file.name,
        contentBase64,
        year: current.year,
        ...(current.opdCode ? { opdCode: current.opdCode } : {}),
      });
      endEditing();
      dispatch({ type: 'edit', run: (p) => ({ plan: replaceContent(p, result.plan), cursor: { row: 0, col: 1 } }) });
      setReport({ fileName: file.name, analysis: result.analysis });
      announce(t('ra.import.replaced', { file: file.name }));
    } catch (err) {
      // The plan on screen stays exactly as it was: nothing was dispatched.
      setProblem(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setProblem(null);
    setBusy(format);
    try {
      const file = await api.rencanaAksiExport({ format, plan: latestPlan() });
      downloadBytes(base64ToBytes(file.contentBase64), file.fileName, file.mimeType);
      announce(t('ra.export.done', { file: file.fileName }));
    } catch (err) {
      setProblem(t('ra.export.failed', { message: messageOf(err) }));
    } finally {
      setBusy(null);
    }
  };

  return { busy, problem, clearProblem: () => setProblem(null), report, closeReport: () => setReport(null), importInto, exportAs };
}
