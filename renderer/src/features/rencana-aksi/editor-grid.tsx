import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { EditorRow, RencanaAksiPlan } from '@core/domain/rencana-aksi';
import { useT } from '../../i18n/i18n-context';
import { COLUMN_LABELS, ROW_HEIGHT, WINDOW_THRESHOLD, cellId, type CellEditing, type GridCommands } from './grid-contract';
import { effectiveCol, moveCursor, tabCursor, type Cursor, type Move } from './grid-model';
import { GridRow } from './grid-row';
import { GRID_FIELDS } from './plan-edits';

const OVERSCAN = 12;

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
