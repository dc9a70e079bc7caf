import { buildTimeline } from '../../../../../core/adapters/pdf/rencana-aksi-timeline';
import type { RencanaAksiPlan, Stage } from '../../../../../core/domain/rencana-aksi/model';

const stage = (tahap: string, days?: number, times?: number): Stage => ({
  tahap,
  metode: '',
  pelaksana: '',
  durasi: { text: days === undefined ? '' : `${days} hari`, ...(days !== undefined ? { days } : {}), ...(times !== undefined ? { times } : {}) },
  sumberDaya: { text: '' },
});

const plan = (stages: Stage[][]): RencanaAksiPlan => ({
  id: 'p',
  opdCode: 'X',
  year: 2026,
  title: 'Uji',
  activities: [{ name: 'Kegiatan', outputs: stages.map((s, i) => ({ name: `Output ${i + 1}`, stages: s })) }],
});

describe('rencana aksi chart rows', () => {
  it('shows each stage in the calendar months of the plan schedule, numbered as in the tables', () => {
    const t = buildTimeline(plan([[stage('Analisis', 30), stage('Coding', 120), stage('Uji', 2, 5)]]));
    expect(t.periods).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des']);
    expect(t.periodsHeader).toBe('Tahun 2026');
    expect(t.items.map((i) => [i.label, i.months])).toEqual([
      ['1.1 Output 1', [0, 1, 2, 3, 4, 5]],
      ['1.1.1 Analisis', [0]], // days 0-29: January
      ['1.1.2 Coding', [0, 1, 2, 3, 4]], // days 30-149: 31 January to 30 May
      ['1.1.3 Uji', [4, 5]], // 2 days x 5 = days 150-159: 31 May to 9 June
    ]);
  });

  it('starts every output in January and marks a stage without a readable duration', () => {
    const t = buildTimeline(plan([[stage('A', 60)], [stage('B'), stage('C', 10)]]));
    expect(t.items.find((i) => i.label.endsWith(' B'))).toMatchObject({ months: [], hasUnknownDuration: true });
    expect(t.items.find((i) => i.label.endsWith(' C'))?.months).toEqual([0]);
    expect(t.unscheduledCount).toBe(1);
  });

  it('counts stages that run past 31 December, clamped to the year', () => {
    const t = buildTimeline(plan([[stage('Panjang', 400)]]));
    expect(t.items[1]?.months).toHaveLength(12);
    expect(t.pastYearEndCount).toBe(1);
  });
});
