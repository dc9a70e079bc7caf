import { dueCalendar, overdueItems, sanctionClause, type DueReportRecord } from '../../../../../core/domain/reports/due';
import type { ReportType } from '../../../../../core/domain/profiles/profile';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RegionProfile } from '../../../../../core/domain/profiles/profile';

const profile = (id: string) => JSON.parse(readFileSync(path.join(__dirname, '../../../../../assets/profiles', `${id}.json`), 'utf8')) as RegionProfile;

const triwulan: ReportType = { key: 'laporan-egov', name: 'Laporan penyelenggaraan e-government', period: 'triwulan', article: 'Pasal 22 ayat (1)', dueDays: 15 };

describe('due calendar', () => {
  it('lists the started periods of the last year with due dates and statuses (Jambi, 22 November 2026)', () => {
    const items = dueCalendar([triwulan], '2026-11-22', []);
    expect(items.map((i) => [i.period, i.dueDate, i.status, i.days])).toEqual([
      ['2025-Q4', '2026-01-15', 'terlambat', 311],
      ['2026-Q1', '2026-04-15', 'terlambat', 221],
      ['2026-Q2', '2026-07-15', 'terlambat', 130],
      ['2026-Q3', '2026-10-15', 'terlambat', 38],
      ['2026-Q4', '2027-01-15', 'belum', 54],
    ]);
  });

  it('a workspace that started reporting on a day lists no period that ended before it, unless a report of it is stored (issue 13)', () => {
    const old: DueReportRecord = { id: 'q1', typeKey: 'laporan-egov', period: '2026-Q1', lifecycle: { state: 'draf', queue: null }, isReceived: false, updatedAt: '2026-09-01T00:00:00Z' };
    expect(dueCalendar([triwulan], '2026-11-22', [], { startsOn: '2026-07-01' }).map((i) => [i.period, i.status])).toEqual([
      ['2026-Q3', 'terlambat'],
      ['2026-Q4', 'belum'],
    ]);
    expect(dueCalendar([triwulan], '2026-11-22', [old], { startsOn: '2026-07-01' }).map((i) => i.period)).toEqual(['2026-Q1', '2026-Q3', '2026-Q4']);
    // A period that ends on the first day still counts; a new workspace set to the current period has nothing overdue.
    expect(dueCalendar([triwulan], '2026-11-22', [], { startsOn: '2026-09-30' }).map((i) => i.period)).toEqual(['2026-Q3', '2026-Q4']);
    expect(dueCalendar([triwulan], '2026-11-22', [], { startsOn: '2026-10-01' }).map((i) => [i.period, i.status])).toEqual([['2026-Q4', 'belum']]);
  });

  const draf = { lifecycle: { state: 'draf' as const, queue: null }, isReceived: false };
  const signed = { lifecycle: { state: 'ditandatangani' as const, queue: null }, isReceived: false };

  it('only a received report makes its period selesai; signed, queued or sent still says what is missing (issue 13)', () => {
    const reports: DueReportRecord[] = [
      { id: 'a', typeKey: 'laporan-egov', period: '2026-Q3', lifecycle: { state: 'diterima', queue: null }, isReceived: true, updatedAt: '2026-10-10T00:00:00Z' },
      { id: 'b', typeKey: 'laporan-egov', period: '2026-Q2', ...draf, updatedAt: '2026-07-01T00:00:00Z' },
      { id: 'c', typeKey: 'laporan-egov', period: '2026-Q1', ...signed, updatedAt: '2026-04-01T00:00:00Z' },
      { id: 'd', typeKey: 'laporan-egov', period: '2025-Q4', lifecycle: { state: 'antre', queue: 'ditahan' }, isReceived: false, updatedAt: '2026-01-01T00:00:00Z' },
      { id: 'e', typeKey: 'laporan-egov', period: '2026-Q4', lifecycle: { state: 'terkirim', queue: null }, isReceived: false, updatedAt: '2026-11-01T00:00:00Z' },
    ];
    const items = dueCalendar([triwulan], '2026-11-22', reports);
    expect(items.find((i) => i.period === '2026-Q3')).toMatchObject({ status: 'selesai', reportId: 'a', days: null, state: 'diterima', stateLabel: 'Diterima' });
    expect(items.find((i) => i.period === '2026-Q2')).toMatchObject({ status: 'terlambat', reportId: 'b', state: 'draf' });
    expect(items.find((i) => i.period === '2026-Q1')).toMatchObject({ status: 'terlambat', reportId: 'c', state: 'ditandatangani', stateLabel: 'Ditandatangani, belum dikirim' });
    expect(items.find((i) => i.period === '2025-Q4')).toMatchObject({ status: 'terlambat', stateLabel: 'Antre untuk dikirim (ditahan)' });
    expect(items.find((i) => i.period === '2026-Q4')).toMatchObject({ status: 'belum', state: 'terkirim' });
  });

  it('a received report stays selesai while its correction is drafted again, and wins over another draft of the period', () => {
    const reports: DueReportRecord[] = [
      { id: 'a', typeKey: 'laporan-egov', period: '2026-Q3', ...draf, isReceived: true, updatedAt: '2026-10-10T00:00:00Z' },
      { id: 'b', typeKey: 'laporan-egov', period: '2026-Q3', ...signed, updatedAt: '2026-11-10T00:00:00Z' },
    ];
    expect(dueCalendar([triwulan], '2026-11-22', reports).find((i) => i.period === '2026-Q3')).toMatchObject({ status: 'selesai', reportId: 'a', state: 'diterima' });
    expect(dueCalendar([triwulan], '2026-11-22', []).find((i) => i.period === '2026-Q3')).toMatchObject({ state: null, stateLabel: null });
  });

  it('the due date itself is still on time', () => {
    expect(dueCalendar([triwulan], '2026-10-15', []).find((i) => i.period === '2026-Q3')?.status).toBe('belum');
    expect(dueCalendar([triwulan], '2026-10-16', []).find((i) => i.period === '2026-Q3')?.status).toBe('terlambat');
  });

  it('event reports: one entry per stored report, urgent first; no deadline means never late', () => {
    const pontianak = profile('pontianak');
    const banjarmasin = profile('banjarmasin');
    const reports: DueReportRecord[] = [
      { id: 'i1', typeKey: 'insiden', period: '2026-11-20', ...draf, updatedAt: 'x' },
      { id: 'p1', typeKey: 'permohonan-data', period: '2026-01-05', ...draf, updatedAt: 'x' },
    ];
    const items = dueCalendar(pontianak.reports, '2026-11-22', reports);
    const incident = items.find((i) => i.typeKey === 'insiden');
    expect(incident).toMatchObject({ period: '2026-11-20', dueDate: '2026-11-21', status: 'terlambat', isUrgent: true, days: 1 });
    expect(items[0]?.typeKey).toBe('insiden');
    const data = dueCalendar(banjarmasin.reports, '2026-11-22', reports).find((i) => i.typeKey === 'permohonan-data');
    expect(data).toMatchObject({ dueDate: null, status: 'belum', days: null });
  });

  it('diagram LAN is due by 31 December of its year (Pontianak Pasal 26 ayat (1)); overdue sorted by due date', () => {
    const items = dueCalendar(profile('pontianak').reports, '2026-11-22', []);
    expect(items.filter((i) => i.typeKey === 'diagram-lan').map((i) => [i.period, i.dueDate, i.status])).toEqual([
      ['2025', '2025-12-31', 'terlambat'],
      ['2026', '2026-12-31', 'belum'],
    ]);
    expect(overdueItems(items).map((i) => `${i.typeKey} ${i.period}`)).toEqual(['diagram-lan 2025', 'inventaris-tik 2025', 'monev-aplikasi 2025-S2', 'monev-aplikasi 2026-S1']);
  });
});

describe('sanctionClause', () => {
  it('quotes the clause of the basis that names the reprimand, or nothing', () => {
    expect(sanctionClause(profile('jambi').reports[0]?.basis)).toBe('Pasal 22 ayat (3): OPD yang tidak melapor diberi teguran oleh Walikota.');
    expect(sanctionClause(profile('banjarmasin').reports.find((r) => r.key === 'inventaris-tik')?.basis)).toBe('Pasal 18 ayat (1): pelanggaran dikenakan sanksi administratif.');
    expect(sanctionClause(profile('pontianak').reports.find((r) => r.key === 'insiden')?.basis)).toBeNull();
    expect(sanctionClause(null)).toBeNull();
  });
});
