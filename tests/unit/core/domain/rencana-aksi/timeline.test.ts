import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readPlanFromTable, type RencanaAksiPlan, type Stage, type TableFile } from '../../../../../core/domain/rencana-aksi';
import { durasiDays, isLeapYear, monthOfDay, monthStartsOf, planTimeline } from '../../../../../core/domain/rencana-aksi/timeline';

const fixture = path.join(__dirname, '../../../../fixtures/rencana-aksi/prabumulih-contoh.tsv');

function prabumulih(year: number): RencanaAksiPlan {
  const rows = readFileSync(fixture, 'utf8').replace(/\n$/, '').split('\n').map((line) => line.split('\t'));
  const table: TableFile = { fileName: 'prabumulih-contoh.tsv', format: 'tsv', sheets: [{ name: 'contoh', rows, merges: [] }] };
  return readPlanFromTable(table, { id: 'contoh', year, opdCode: 'DPMD' }).plan;
}

function stage(tahap: string, durasi: string): Stage {
  return { tahap, metode: '', pelaksana: 'Vendor', durasi: { text: durasi }, sumberDaya: { text: 'APBD : 1 Juta' } };
}

function plan(year: number, ...outputs: Stage[][]): RencanaAksiPlan {
  return {
    id: 'p',
    opdCode: 'X',
    year,
    title: 'Uji',
    activities: [{ name: 'Kegiatan', outputs: outputs.map((stages, i) => ({ name: `Output ${i + 1}`, stages })) }],
  };
}

describe('calendar helpers', () => {
  it('knows leap years and month starts', () => {
    expect([2024, 2025, 2100, 2000].map(isLeapYear)).toEqual([true, false, false, true]);
    expect(monthStartsOf(2025)).toEqual([0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]);
    expect(monthStartsOf(2024)[2]).toBe(60);
    expect(monthStartsOf(2024)[12]).toBe(366);
  });

  it('finds the month of a day and clamps outside the year', () => {
    const starts = monthStartsOf(2025);
    expect([0, 30, 31, 58, 59, 364, 365, 900, -3].map((d) => monthOfDay(starts, d))).toEqual([1, 1, 2, 2, 3, 12, 12, 12, 1]);
  });

  it('reads days from the model, or from the text when the numbers are not derived yet', () => {
    expect(durasiDays({ text: '2 Hari, 5 Kali', days: 2, times: 5 })).toBe(10);
    expect(durasiDays({ text: '1 Bulan' })).toBe(30);
    expect(durasiDays({ text: '' })).toBeUndefined();
    expect(durasiDays({ text: '2-3 bulan' })).toBeUndefined();
  });
});

describe('planTimeline', () => {
  it('runs the stages of each output in sequence from 1 January (the Prabumulih example)', () => {
    const timeline = planTimeline(prabumulih(2025));
    expect(timeline.year).toBe(2025);
    expect(timeline.daysInYear).toBe(365);
    expect(timeline.outputs).toHaveLength(7);
    const aplikasi = timeline.outputs.find((o) => o.name === 'Pengembangan Aplikasi');
    // System Analys 2 minggu, Coding 4 Bulan, Testing 2 Hari × 5, Uji Petik 1 Hari × 2.
    expect(aplikasi?.bars.map((b) => [b.tahap, b.startDay, b.endDay, b.startMonth, b.endMonth])).toEqual([
      ['System Analys', 0, 14, 1, 1],
      ['Coding', 14, 134, 1, 5],
      ['Testing', 134, 144, 5, 5],
      ['Uji Petik', 144, 146, 5, 5],
    ]);
    expect(aplikasi).toMatchObject({ startMonth: 1, endMonth: 5, endDay: 146, isPastYearEnd: false });
    // Every output starts again in January: outputs run side by side.
    expect(timeline.outputs.every((o) => o.bars[0]?.startDay === 0 && o.startMonth === 1)).toBe(true);
    expect(timeline.bars).toHaveLength(17);
    expect(timeline.unscheduledCount).toBe(0);
    expect(timeline.pastYearEndCount).toBe(0);
  });

  it('puts a 30-day month inside January and the next stage into February', () => {
    const timeline = planTimeline(plan(2025, [stage('A', '1 Bulan'), stage('B', '1 Hari'), stage('C', '1 Hari')]));
    expect(timeline.bars.map((b) => [b.startMonth, b.endMonth])).toEqual([
      [1, 1],
      [1, 1],
      [2, 2],
    ]);
  });

  it('follows the calendar of a leap year', () => {
    // 59 days: 1 January – 28 February; day 60 is 29 February in 2024, 1 March in 2025.
    const stages = [stage('A', '59 hari'), stage('B', '1 Hari')];
    expect(planTimeline(plan(2024, stages)).bars[1]?.startMonth).toBe(2);
    expect(planTimeline(plan(2025, stages)).bars[1]?.startMonth).toBe(3);
  });

  it('marks empty and unreadable durations without moving later stages', () => {
    const timeline = planTimeline(plan(2025, [stage('A', ''), stage('B', 'lama sekali'), stage('C', '2 minggu')]));
    expect(timeline.bars.map((b) => [b.isUnscheduled, b.days, b.startDay, b.endDay])).toEqual([
      [true, 0, 0, 0],
      [true, 0, 0, 0],
      [false, 14, 0, 14],
    ]);
    expect(timeline.unscheduledCount).toBe(2);
  });

  it('flags stages that run past 31 December and clamps their months to December', () => {
    const timeline = planTimeline(plan(2025, [stage('A', '10 Bulan'), stage('B', '2 Bulan'), stage('C', '1 Bulan')]));
    expect(timeline.bars.map((b) => [b.startMonth, b.endMonth, b.isPastYearEnd])).toEqual([
      // 300 days end on 27 October (a "bulan" is 30 days, not a calendar month).
      [1, 10, false],
      [10, 12, false],
      [12, 12, true],
    ]);
    expect(timeline.pastYearEndCount).toBe(1);
    expect(timeline.outputs[0]).toMatchObject({ endDay: 390, endMonth: 12, isPastYearEnd: true });
  });

  it('keeps fractional days exact and gives an output without stages an empty span', () => {
    const timeline = planTimeline(plan(2025, [stage('A', '0,5 hari'), stage('B', '0,5 hari')], []));
    expect(timeline.bars.map((b) => [b.startDay, b.endDay, b.startMonth, b.endMonth])).toEqual([
      [0, 0.5, 1, 1],
      [0.5, 1, 1, 1],
    ]);
    expect(timeline.outputs[1]).toMatchObject({ bars: [], startDay: 0, endDay: 0, startMonth: 1, endMonth: 1 });
  });

  it('starts an output on the 1st of its start month, in that year\'s calendar, and leaves the others in January', () => {
    const base = plan(2024, [stage('A', '1 Bulan'), stage('B', '1 Hari')], [stage('C', '1 Hari')]);
    const first = base.activities[0]!.outputs[0]!;
    const shifted: RencanaAksiPlan = { ...base, activities: [{ ...base.activities[0]!, outputs: [{ ...first, startMonth: 3 }, base.activities[0]!.outputs[1]!] }] };
    const timeline = planTimeline(shifted);
    // 1 March 2024 is day 60 (a leap year): A runs 30 days in March, B on 31 March, C still on 1 January.
    expect(timeline.bars.map((b) => [b.tahap, b.startDay, b.endDay, b.startMonth, b.endMonth])).toEqual([
      ['A', 60, 90, 3, 3],
      ['B', 90, 91, 3, 3],
      ['C', 0, 1, 1, 1],
    ]);
    expect(timeline.outputs[0]).toMatchObject({ startDay: 60, endDay: 91, startMonth: 3, endMonth: 3 });
    // December start (1 December 2025 is day 334): the second month-long stage runs past the year's end, and says so.
    const december = plan(2025, [stage('A', '1 Bulan'), stage('B', '1 Bulan')]);
    const late = planTimeline({ ...december, activities: [{ ...december.activities[0]!, outputs: [{ ...december.activities[0]!.outputs[0]!, startMonth: 12 }] }] });
    expect(late.bars.map((b) => [b.startDay, b.startMonth, b.endMonth, b.isPastYearEnd])).toEqual([
      [334, 12, 12, false],
      [364, 12, 12, true],
    ]);
  });
});
