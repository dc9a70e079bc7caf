import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { LIMITS, type Activity, type EditorRow, type RencanaAksiPlan, type Stage } from '@core/domain/rencana-aksi';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/catalog';
import { effectiveCol, fieldAt, markOf, moveCursor, tabCursor, type Cursor, type Move } from './grid-model';
import { GRID_FIELDS, stageText, type GridField } from './plan-edits';

/** Fixed row height (px, as in rencana-aksi.css): it lets a long plan render only the rows in view. */
export const ROW_HEIGHT = 46;
/** Above this many rows only the visible ones (and a margin) are in the DOM. */
export const WINDOW_THRESHOLD = 150;
const OVERSCAN = 12;

export const COLUMN_LABELS = {
  output: 'ra.col.output',
  tahap: 'ra.col.tahap',
  metode: 'ra.col.metode',
  pelaksana: 'ra.col.pelaksana',
  durasi: 'ra.col.durasi',
  sumberDaya: 'ra.col.sumberDaya',
} as const satisfies Record<GridField, MessageKey>;

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

export interface CellEditing {
  session: string;
  /** Where the caret starts: after the text (F2) or after the typed character. */
  row: number;
  col: number;
}

/** What the grid asks of the editor; each is a stable callback. */
export interface GridCommands {
  setCursor(cursor: Cursor, shouldFocus: boolean): void;
  /** Opens the cell editor; `text` replaces the cell (typing, Backspace) or undefined keeps it (F2, Enter on a mouse double-click). */
  startEdit(cursor: Cursor, text?: string): void;
  /** A keystroke in the open cell editor. */
  editText(row: number, col: number, text: string, session: string): void;
  /** Closes the editor of `session` keeping the text; `then` moves the cursor afterwards ('next'/'previous': as Tab). */
  commitEdit(session: string, then: Cursor | 'next' | 'previous' | null): void;
  cancelEdit(session: string): void;
  addRow(): void;
  moveRow(dir: -1 | 1): void;
  deleteRow(): void;
  undo(): void;
  redo(): void;
}

interface GridProps {
  plan: RencanaAksiPlan;
  rows: readonly EditorRow[];
  cursor: Cursor;
  editing: CellEditing | null;
  marks: ReadonlyMap<number, string>;
  /** Bumped when the active cell should take the keyboard focus. */
  focusRequest: number;
  commands: GridCommands;
  describedBy: string;
  /** The line under the grid that spells out the active cell's findings. */
  infoId: string;
  label: string;
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

function cellId(row: number, col: number): string {
  return `ra-cell-${row}-${col}`;
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

const GridRow = memo(function GridRow({ index, row, activity, outputName, stage, activeCol, editingSession, marks, infoId, commands }: RowProps) {
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

const typingKey = /^.$/u;

/**
 * The plan as an ARIA grid in the Prabumulih layout. Arrows, Tab and Enter move
 * the cursor; F2 or typing edits; Escape cancels; Ctrl+Enter adds a row;
 * Alt+↑/↓ moves it; Delete deletes it (after confirmation); Ctrl+Z/Ctrl+Y undo.
 */
export function EditorGrid({ plan, rows, cursor, editing, marks, focusRequest, commands, describedBy, infoId, label }: GridProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const isWindowed = rows.length > WINDOW_THRESHOLD;
  const activeCol = effectiveCol(rows[cursor.row], cursor.col);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (el) setView((v) => (v.top === el.scrollTop ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, []);

  let first = 0;
  let last = rows.length - 1;
  if (isWindowed) {
    first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
    last = Math.min(rows.length - 1, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  }

  // Focus the active cell when asked: scroll its row into view (under the sticky header), then focus.
  const handledFocus = useRef(0);
  useLayoutEffect(() => {
    if (focusRequest === handledFocus.current || editing) return;
    const el = scrollRef.current;
    if (!el) return;
    const header = el.querySelector('thead')?.getBoundingClientRect().height ?? ROW_HEIGHT;
    const rowTop = cursor.row * ROW_HEIGHT;
    const visibleHeight = el.clientHeight - header;
    if (rowTop < el.scrollTop) el.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > el.scrollTop + visibleHeight) el.scrollTop = rowTop + ROW_HEIGHT - visibleHeight;
    const target = document.getElementById(cellId(cursor.row, activeCol));
    if (target) {
      handledFocus.current = focusRequest;
      if (document.activeElement !== target) target.focus({ preventScroll: true });
      // The page too: a finding chosen below the grid brings the grid back into view.
      const box = el.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) el.scrollIntoView({ block: 'nearest' });
    } else if (view.top !== el.scrollTop) {
      // The row is outside the rendered window: render it; this effect runs again and focuses.
      setView({ top: el.scrollTop, height: el.clientHeight });
    }
  }, [focusRequest, editing, cursor.row, activeCol, view.top]);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (editing || e.defaultPrevented || e.nativeEvent.isComposing) return;
    if (!(e.target instanceof HTMLElement) || e.target.getAttribute('role') !== 'gridcell') return;
    const isCtrl = e.ctrlKey || e.metaKey;
    const key = e.key;
    const go = (move: Move) => {
      e.preventDefault();
      commands.setCursor(moveCursor(rows, cursor, move, Math.max(1, Math.floor(view.height / ROW_HEIGHT) - 1)), true);
    };
    if (e.altKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
      e.preventDefault();
      commands.moveRow(key === 'ArrowUp' ? -1 : 1);
      return;
    }
    if (isCtrl && !e.altKey) {
      const lower = key.toLowerCase();
      if (lower === 'z' && !e.shiftKey) {
        e.preventDefault();
        commands.undo();
      } else if (lower === 'y' || (lower === 'z' && e.shiftKey)) {
        e.preventDefault();
        commands.redo();
      } else if (key === 'Enter') {
        e.preventDefault();
        commands.addRow();
      } else if (key === 'Home') go('first');
      else if (key === 'End') go('last');
      return;
    }
    if (e.altKey) return;
    switch (key) {
      case 'ArrowUp':
        return go('up');
      case 'ArrowDown':
        return go('down');
      case 'ArrowLeft':
        return go('left');
      case 'ArrowRight':
        return go('right');
      case 'Home':
        return go('rowStart');
      case 'End':
        return go('rowEnd');
      case 'PageUp':
        return go('pageUp');
      case 'PageDown':
        return go('pageDown');
      case 'Enter':
        return go(e.shiftKey ? 'up' : 'down');
      case 'Tab': {
        const next = tabCursor(rows, cursor, e.shiftKey);
        // Past the last cell (or before the first) Tab leaves the grid, as it should.
        if (!next) return;
        e.preventDefault();
        commands.setCursor(next, true);
        return;
      }
      case 'F2':
        e.preventDefault();
        commands.startEdit(cursor);
        return;
      case 'Backspace':
        e.preventDefault();
        commands.startEdit(cursor, '');
        return;
      case 'Delete':
        e.preventDefault();
        commands.deleteRow();
        return;
      default:
        if (typingKey.test(key)) {
          e.preventDefault();
          commands.startEdit(cursor, key);
        }
    }
  };

  const rendered: ReactNode[] = [];
  if (isWindowed && first > 0) {
    rendered.push(<tr key="top" className="ra-spacer" aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />);
  }
  for (let i = first; i <= last; i++) {
    const row = rows[i];
    if (!row) continue;
    const activity = plan.activities[row.activity];
    const output = row.kind === 'stage' ? activity?.outputs[row.output] : undefined;
    const isActiveRow = i === cursor.row;
    rendered.push(
      <GridRow
        key={i}
        index={i}
        row={row}
        activity={row.kind === 'activity' ? activity : undefined}
        outputName={output && row.kind === 'stage' && row.isFirstOfOutput ? output.name : ''}
        stage={row.kind === 'stage' && row.stage !== null ? output?.stages[row.stage] : undefined}
        activeCol={isActiveRow ? activeCol : -1}
        editingSession={isActiveRow && editing && editing.row === i ? editing.session : null}
        marks={marks.get(i) ?? ''}
        infoId={infoId}
        commands={commands}
      />,
    );
  }
  if (isWindowed && last < rows.length - 1) {
    rendered.push(<tr key="bottom" className="ra-spacer" aria-hidden="true" style={{ height: (rows.length - 1 - last) * ROW_HEIGHT }} />);
  }

  // The active row scrolled out of the rendered window takes its tab stop along: the box stands in for it.
  const isActiveRendered = cursor.row >= first && cursor.row <= last;
  return (
    <div
      className="ra-grid-scroll"
      ref={scrollRef}
      onScroll={onScroll}
      tabIndex={isActiveRendered ? undefined : 0}
      aria-label={isActiveRendered ? undefined : label}
      onFocus={(e) => {
        if (e.target === e.currentTarget && !isActiveRendered) commands.setCursor(cursor, true);
      }}
    >
      <table className="ra-grid" role="grid" aria-label={label} aria-rowcount={rows.length + 1} aria-colcount={GRID_FIELDS.length + 1} aria-describedby={describedBy} onKeyDown={onKeyDown}>
        <colgroup>
          <col className="ra-colw-num" />
          <col className="ra-colw-output" />
          <col className="ra-colw-tahap" />
          <col className="ra-colw-metode" />
          <col className="ra-colw-pelaksana" />
          <col className="ra-colw-durasi" />
          <col className="ra-colw-sumber" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="ra-rownum">
              {t('table.number')}
            </th>
            {GRID_FIELDS.map((field) => (
              <th key={field} scope="col">
                {t(COLUMN_LABELS[field])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rendered}</tbody>
      </table>
    </div>
  );
}
