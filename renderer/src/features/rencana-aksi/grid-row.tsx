import { memo, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { LIMITS, type Activity, type EditorRow, type Stage } from '@core/domain/rencana-aksi';
import { useT } from '../../i18n/i18n-context';
import { COLUMN_LABELS, ROW_HEIGHT, cellId, type GridCommands } from './grid-contract';
import { fieldAt, markOf } from './grid-model';
import { GRID_FIELDS, stageText, type GridField } from './plan-edits';

const MAX_CHARS: Record<GridField | 'activity', number> = {
  activity: 1000,
  output: 1000,
  tahap: LIMITS.maxCellChars,
  metode: LIMITS.maxCellChars,
  pelaksana: LIMITS.maxCellChars,
  durasi: 500,
  sumberDaya: 500,
};

/** Names and budget cells are one line (the save joins lines); stage texts may have several (Alt+Enter). */
function isMultiLine(row: EditorRow, field: GridField): boolean {
  return row.kind === 'stage' && (field === 'tahap' || field === 'metode' || field === 'pelaksana');
}

interface RowProps {
  index: number;
  row: EditorRow;
  activity: Activity | undefined;
  outputName: string;
  stage: Stage | undefined;
  /** Column of the cursor in this row, or -1. */
  activeCol: number;
  editingSession: string | null;
  marks: string;
  infoId: string;
  commands: GridCommands;
}

function CellMark({ severity }: { severity: 'error' | 'warning' }) {
  const t = useT();
  return (
    <span className={`ra-mark ra-mark-${severity}`} title={t(severity === 'error' ? 'ra.severity.error' : 'ra.severity.warning')} aria-hidden="true">
      !
    </span>
  );
}

function CellEditor({
  row,
  index,
  col,
  value,
  session,
  commands,
  label,
}: {
  row: EditorRow;
  index: number;
  col: number;
  value: string;
  session: string;
  commands: GridCommands;
  label: string;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const field = fieldAt(row, col);
  const isMulti = isMultiLine(row, field);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [session]);

  // Grows with its text so a long stage stays readable while it is edited.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.max(el.scrollHeight + 2, ROW_HEIGHT)}px`;
  }, [value]);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    const insertNewLine = () => {
      const el = e.currentTarget;
      const next = `${el.value.slice(0, el.selectionStart)}\n${el.value.slice(el.selectionEnd)}`;
      const caret = el.selectionStart + 1;
      commands.editText(index, col, next, session);
      requestAnimationFrame(() => el.setSelectionRange(caret, caret));
    };
    switch (e.key) {
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        commands.cancelEdit(session);
        return;
      case 'Enter':
        e.preventDefault();
        e.stopPropagation();
        if (e.altKey || (e.shiftKey && isMulti)) {
          if (isMulti) insertNewLine();
          return;
        }
        if (e.ctrlKey || e.metaKey) {
          commands.commitEdit(session, null);
          commands.addRow();
          return;
        }
        commands.commitEdit(session, { row: index + (e.shiftKey ? -1 : 1), col });
        return;
      case 'Tab':
        e.preventDefault();
        e.stopPropagation();
        commands.commitEdit(session, e.shiftKey ? 'previous' : 'next');
        return;
      default:
    }
  };

  return (
    <textarea
      ref={ref}
      className="ra-cell-editor"
      value={value}
      rows={1}
      maxLength={MAX_CHARS[row.kind === 'activity' ? 'activity' : field]}
      aria-label={label}
      spellCheck={false}
      onChange={(e) => commands.editText(index, col, isMulti ? e.target.value : e.target.value.replace(/[\r\n]+/g, ' '), session)}
      onKeyDown={onKeyDown}
      onBlur={() => commands.commitEdit(session, null)}
    />
  );
}

/** One row of the grid: an activity spanning the columns, or a stage with its output's name on the first. */
export const GridRow = memo(function GridRow({ index, row, activity, outputName, stage, activeCol, editingSession, marks, infoId, commands }: RowProps) {
  const t = useT();
  const rowNumber = index + 1;
  const cell = (col: number, text: string, extraClass: string, span?: number): ReactNode => {
    const isActive = activeCol === col;
    const severity = marks ? markOf(marks, col) : null;
    const field = GRID_FIELDS[col] ?? 'output';
    const label = row.kind === 'activity' ? t('ra.cellLabel.activity', { row: rowNumber }) : t('ra.cellLabel', { column: t(COLUMN_LABELS[field]), row: rowNumber });
    const isEditing = isActive && editingSession !== null;
    const classes = ['ra-cell', extraClass, isActive ? 'is-active' : '', severity ? `has-${severity}` : '', isEditing ? 'is-editing' : ''].filter(Boolean).join(' ');
    return (
      <td
        key={col}
        id={cellId(index, col)}
        role="gridcell"
        className={classes}
        colSpan={span}
        tabIndex={isActive ? 0 : -1}
        aria-selected={isActive}
        aria-invalid={severity ? true : undefined}
        aria-describedby={isActive && severity ? infoId : undefined}
        aria-label={isEditing ? undefined : `${label}${text ? `: ${text}` : ''}`}
        data-col={col}
        onMouseDown={(e) => {
          if (isEditing) return;
          e.preventDefault();
          commands.setCursor({ row: index, col }, true);
        }}
        onDoubleClick={() => commands.startEdit({ row: index, col })}
      >
        {isEditing ? (
          <CellEditor row={row} index={index} col={col} value={text} session={editingSession} commands={commands} label={label} />
        ) : (
          <span className="ra-cell-text">{text}</span>
        )}
        {severity ? <CellMark severity={severity} /> : null}
      </td>
    );
  };

  if (row.kind === 'activity') {
    return (
      <tr className="ra-row ra-row-activity" aria-rowindex={index + 2} data-row={index}>
        <th scope="row" className="ra-rownum">
          {rowNumber}
        </th>
        {cell(0, activity?.name ?? '', 'ra-cell-activity', GRID_FIELDS.length)}
      </tr>
    );
  }
  const texts = GRID_FIELDS.map((field) => {
    if (field === 'output') return row.isFirstOfOutput ? outputName : '';
    return stage ? stageText(stage, field) : '';
  });
  return (
    <tr className={row.isFirstOfOutput ? 'ra-row ra-row-first' : 'ra-row'} aria-rowindex={index + 2} data-row={index}>
      <th scope="row" className="ra-rownum">
        {rowNumber}
      </th>
      {texts.map((text, col) => cell(col, text, col === 0 ? (row.isFirstOfOutput ? 'ra-cell-output' : 'ra-cell-output ra-cell-continued') : ''))}
    </tr>
  );
});

