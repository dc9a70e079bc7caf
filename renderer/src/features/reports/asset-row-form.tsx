import type { FieldDef, TableRow } from '@core/domain/reports';
import { useI18n } from '../../i18n/i18n-context';
import { ScalarInput } from './field-input';
import { labelOf } from './labels';

type Column = NonNullable<FieldDef['columns']>[number];

/** One device of the register edited in a small form; the table changes only when it is applied. */
export function AssetRowForm({
  idBase,
  columns,
  isNew,
  rowNumber,
  draft,
  onDraft,
  onApply,
  onCancel,
}: {
  idBase: string;
  columns: Column[];
  isNew: boolean;
  rowNumber: number;
  draft: TableRow;
  onDraft(draft: TableRow): void;
  onApply(): void;
  onCancel(): void;
}) {
  const { t, language } = useI18n();
  return (
    <fieldset className="form-section lap-row-form" data-testid="asset-row-form">
      <legend>{isNew ? t('lap.assets.newDevice') : t('lap.assets.editDevice', { row: rowNumber })}</legend>
      <div className="lap-row-grid">
        {columns.map((c) => (
          <div className="field" key={c.key}>
            <label className="field-label" htmlFor={`${idBase}-${c.key}`}>
              {labelOf(c, language)}
            </label>
            <ScalarInput
              id={`${idBase}-${c.key}`}
              name={`asset.${c.key}`}
              kind={c.kind}
              value={draft.cells[c.key] ?? ''}
              {...(c.options ? { options: c.options } : {})}
              {...(c.suggestions ? { suggestions: c.suggestions } : {})}
              {...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {})}
              onChange={(v) => onDraft({ ...draft, cells: { ...draft.cells, [c.key]: v } })}
            />
          </div>
        ))}
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary lap-button-sm" onClick={onApply}>
          {t('lap.assets.applyRow')}
        </button>
        <button type="button" className="button button-secondary lap-button-sm" onClick={onCancel}>
          {t('lap.assets.cancelRow')}
        </button>
      </div>
    </fieldset>
  );
}
