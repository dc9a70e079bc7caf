import { analyzePlan, type Finding } from '../../../../core/domain/rencana-aksi';
import { cellOfFinding, clampCursor, effectiveCol, fieldAt, findingsOfCell, markOf, moveCursor, rowMarks, tabCursor } from '../../../../renderer/src/features/rencana-aksi/grid-model';
import { rowsOf } from '../../../../renderer/src/features/rencana-aksi/plan-edits';
import { prabumulihPlan } from './prabumulih-plan';

const plan = prabumulihPlan();
const rows = rowsOf(plan);

describe('cursor movement', () => {
  it('moves with the arrows and stops at the edges', () => {
    expect(moveCursor(rows, { row: 3, col: 2 }, 'up')).toEqual({ row: 2, col: 2 });
    expect(moveCursor(rows, { row: 3, col: 2 }, 'down')).toEqual({ row: 4, col: 2 });
    expect(moveCursor(rows, { row: 3, col: 2 }, 'left')).toEqual({ row: 3, col: 1 });
    expect(moveCursor(rows, { row: 3, col: 5 }, 'right')).toEqual({ row: 3, col: 5 });
    expect(moveCursor(rows, { row: 0, col: 0 }, 'up')).toEqual({ row: 0, col: 0 });
    expect(moveCursor(rows, { row: 17, col: 1 }, 'down')).toEqual({ row: 17, col: 1 });
    expect(moveCursor(rows, { row: 3, col: 2 }, 'rowEnd')).toEqual({ row: 3, col: 5 });
    expect(moveCursor(rows, { row: 3, col: 2 }, 'first')).toEqual({ row: 0, col: 0 });
    expect(moveCursor(rows, { row: 3, col: 2 }, 'last')).toEqual({ row: 17, col: 5 });
    expect(moveCursor(rows, { row: 3, col: 2 }, 'pageDown', 10)).toEqual({ row: 13, col: 2 });
    expect(moveCursor(rows, { row: 3, col: 2 }, 'pageUp', 10)).toEqual({ row: 0, col: 2 });
  });

  it('keeps the column while crossing a kegiatan row, which has a single cell', () => {
    expect(effectiveCol(rows[0], 4)).toBe(0);
    expect(fieldAt(rows[0], 4)).toBe('output');
    expect(fieldAt(rows[1], 4)).toBe('durasi');
    const onActivity = moveCursor(rows, { row: 1, col: 4 }, 'up');
    expect(onActivity).toEqual({ row: 0, col: 4 });
    expect(moveCursor(rows, onActivity, 'down')).toEqual({ row: 1, col: 4 });
    expect(moveCursor(rows, onActivity, 'right')).toBe(onActivity);
  });

  it('tabs in reading order, and gives way at the ends so focus can leave the grid', () => {
    expect(tabCursor(rows, { row: 0, col: 3 }, false)).toEqual({ row: 1, col: 0 });
    expect(tabCursor(rows, { row: 1, col: 4 }, false)).toEqual({ row: 1, col: 5 });
    expect(tabCursor(rows, { row: 1, col: 5 }, false)).toEqual({ row: 2, col: 0 });
    expect(tabCursor(rows, { row: 2, col: 0 }, true)).toEqual({ row: 1, col: 5 });
    expect(tabCursor(rows, { row: 1, col: 0 }, true)).toEqual({ row: 0, col: 0 });
    expect(tabCursor(rows, { row: 0, col: 0 }, true)).toBeNull();
    expect(tabCursor(rows, { row: 17, col: 5 }, false)).toBeNull();
  });

  it('clamps a cursor left outside the rows (after a delete)', () => {
    expect(clampCursor(rows, { row: 40, col: 9 })).toEqual({ row: 17, col: 5 });
    expect(clampCursor([], { row: 3, col: 2 })).toEqual({ row: 0, col: 2 });
  });
});

describe('finding marks', () => {
  const analysis = analyzePlan(plan, { positions: 'editor' });

  it('places every finding of the example on its cell: stage findings on their column, output findings on the Output cell', () => {
    const duplicate = analysis.findings.find((f) => f.code === 'TAHAP_GANDA') as Finding;
    expect(cellOfFinding(duplicate)).toEqual({ row: 4, col: 1 });
    const budget = analysis.findings.find((f) => f.code === 'SUMBER_DAYA_KOSONG') as Finding;
    expect(cellOfFinding(budget)).toEqual({ row: 12, col: 5 });
    const indikator = analysis.findings.find((f) => f.code === 'INDIKATOR_KOSONG') as Finding;
    expect(cellOfFinding(indikator)).toEqual({ row: 1, col: 0 });
    // A plan-wide finding has no cell.
    expect(cellOfFinding({ code: 'TOTAL_TERLALU_BESAR', severity: 'error', row: 1, column: 'Sumber Daya', message: 'x', field: 'sumberDaya' })).toBeNull();
  });

  it('summarises marks per row as a string, an error winning over a warning', () => {
    const marks = rowMarks(analysis.findings);
    expect(marks.get(4)).toBe('1w');
    expect(marks.get(12)).toBe('0w 5e');
    expect(marks.get(3)).toBe('0w');
    expect(marks.has(2)).toBe(false);
    expect(markOf('0w 5e', 5)).toBe('error');
    expect(markOf('0w 5e', 0)).toBe('warning');
    expect(markOf('0w 5e', 1)).toBeNull();
    const both: Finding[] = [
      { code: 'TAHAP_GANDA', severity: 'warning', row: 2, column: 'x', message: 'x', field: 'tahap', at: { activity: 0, output: 0, stage: 0 } },
      { code: 'TAHAP_KOSONG', severity: 'error', row: 2, column: 'x', message: 'x', field: 'tahap', at: { activity: 0, output: 0, stage: 0 } },
    ];
    expect(rowMarks(both).get(1)).toBe('1e');
    expect(rowMarks([...both].reverse()).get(1)).toBe('1e');
  });

  it('lists the findings of one cell', () => {
    expect(findingsOfCell(analysis.findings, 12, 5).map((f) => f.code)).toEqual(['SUMBER_DAYA_KOSONG']);
    expect(findingsOfCell(analysis.findings, 12, 1)).toEqual([]);
  });
});
