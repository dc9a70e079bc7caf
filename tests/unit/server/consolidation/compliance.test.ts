/** Rule 5: kepatuhan laporan, on the real Prabumulih calendar (laporan-egov, triwulan, due 15 days after the quarter). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RegionProfile } from '../../../../core/domain/profiles/profile';
import { calendarOf } from '../../../../server/reference/calendar';
import { compliance } from '../../../../server/consolidation/compliance';
import { countedRows } from '../../../../server/consolidation/rules';
import type { CountedRow } from '../../../../server/store/console-store';

const profile = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', 'assets', 'profiles', 'prabumulih.json'), 'utf8')) as RegionProfile;

function report(id: string, opd: string, period: string, committedAt: string, over: Partial<CountedRow> = {}): CountedRow {
  return { id, opd, type: 'laporan', period, revisionOf: null, replacedBy: null, reportType: 'laporan-egov', profileId: 'prabumulih', committedAt, reviewStatus: 'diterima', title: '', facts: null, ...over };
}

test('on time, late, arrived but not accepted, missing, not yet due; a correction keeps the first arrival date', () => {
  const reports = [
    // Due 2025-04-15 (WIB): 16:59 UTC on the 15th is 23:59 WIB, still on time.
    report('d1', 'DISDIK', '2025-T1', '2025-04-15T16:59:00.000Z'),
    report('d2', 'DISDIK', '2025-T2', '2025-07-01T00:00:00.000Z', { reviewStatus: 'menunggu' }),
    // Sent on time, asked for a correction, the correction came late and was accepted: on time.
    report('k1', 'DINKES', '2025-T1', '2025-04-08T03:00:00.000Z', { reviewStatus: 'perlu-revisi', replacedBy: 'k2' }),
    report('k2', 'DINKES', '2025-T1', '2025-05-01T03:00:00.000Z', { revisionOf: 'k1' }),
    // 17:00 UTC on the 15th is already the 16th in WIB: late.
    report('b1', 'BAPPEDA', '2025-T1', '2025-04-15T17:00:00.000Z'),
    // An incident report has no calendar slot: it makes no cell.
    report('i1', 'BAPPEDA', '2025-03-02', '2025-03-02T00:00:00.000Z', { reportType: 'insiden' }),
  ];
  const table = compliance({
    calendar: calendarOf(profile, 2025),
    year: 2025,
    opds: [
      { code: 'DISDIK', name: 'Dinas Pendidikan' },
      { code: 'DINKES', name: 'Dinas Kesehatan' },
      { code: 'BAPPEDA', name: 'Bappeda' },
    ],
    reports,
    counted: countedRows(reports).counted,
    today: '2025-08-01',
    timeZone: 'WIB',
  });
  expect(table.reports.map((r) => r.key)).toEqual(['laporan-egov']);
  const states = Object.fromEntries(table.rows.map((r) => [r.opd, r.cells.map((c) => `${c.period}:${c.state}:${c.receivedOn ?? ''}`)]));
  expect(states).toEqual({
    BAPPEDA: ['2025-T1:terlambat:2025-04-16', '2025-T2:tidak-ada:', '2025-T3:belum-jatuh-tempo:', '2025-T4:belum-jatuh-tempo:'],
    DINKES: ['2025-T1:tepat-waktu:2025-04-08', '2025-T2:tidak-ada:', '2025-T3:belum-jatuh-tempo:', '2025-T4:belum-jatuh-tempo:'],
    DISDIK: ['2025-T1:tepat-waktu:2025-04-15', '2025-T2:diproses:', '2025-T3:belum-jatuh-tempo:', '2025-T4:belum-jatuh-tempo:'],
  });
  expect(table.rows.find((r) => r.opd === 'DINKES')?.cells[0]?.submissionId).toBe('k2');
  expect(table.summary).toEqual({ 'tepat-waktu': 2, terlambat: 1, diproses: 1, 'tidak-ada': 2, 'belum-jatuh-tempo': 6 });
  // On Banjarmasin's clock (WITA, UTC+8) the same moments fall an hour later: 16:59 UTC on the 15th is already the 16th.
  const wita = compliance({ calendar: calendarOf(profile, 2025), year: 2025, opds: [{ code: 'DISDIK', name: 'Dinas Pendidikan' }], reports, counted: countedRows(reports).counted, today: '2025-08-01', timeZone: 'WITA' });
  expect(wita.rows[0]?.cells[0]).toMatchObject({ state: 'terlambat', receivedOn: '2025-04-16' });
});
