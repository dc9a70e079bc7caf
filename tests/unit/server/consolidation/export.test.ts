/** Every consolidation table as CSV and .xlsx: what an OPD typed never becomes a formula, money stays a number. */
import ExcelJS from 'exceljs';
import type { Consolidation } from '../../../../server/consolidation/consolidate';
import { csvOf, sheetOf, TABLES, xlsxOf } from '../../../../server/consolidation/export';

const hostile = '=HYPERLINK("http://penyerang.example","klik")';
const c: Consolidation = {
  generatedAt: '2025-08-01T00:00:00.000Z',
  year: 2025,
  counted: { plans: 1, bundles: 1, reports: 0 },
  excluded: { notAccepted: 0, replaced: 0, olderInChain: 0, withoutData: 0, refused: 0 },
  budgets: {
    rows: [{ opd: 'DISDIK', opdName: hostile, year: 2025, plans: 1, unreadableStages: 0, APBD: 10_000_000, 'APBD-PROV': 0, APBN: 0, HIBAH: 0, LAIN: 0, unattributed: 0, total: 10_000_000 }],
    totals: [{ year: 2025, opds: 1, plans: 1, APBD: 10_000_000, 'APBD-PROV': 0, APBN: 0, HIBAH: 0, LAIN: 0, unattributed: 0, total: 10_000_000 }],
    grandTotal: { APBD: 10_000_000, 'APBD-PROV': 0, APBN: 0, HIBAH: 0, LAIN: 0, unattributed: 0, total: 10_000_000 },
  },
  duplicates: [{ year: 2025, match: 'sama', activity: '+cmd|calc', entries: [{ opd: 'DISDIK', opdName: 'Disdik', submissionId: 'x', planTitle: '@SUM(A1)', activity: '+cmd|calc' }] }],
  applications: [
    {
      name: '-2+3',
      version: '1',
      opd: 'DISDIK',
      opdName: 'Disdik',
      owningOpd: 'Disdik',
      vendor: 'CV',
      fundingSource: 'APBD',
      fundingYear: 2025,
      repository: '',
      purpose: '',
      isComplete: true,
      missing: [],
      submissionId: 'y',
      receivedAt: '2025-01-01T00:00:00.000Z',
      sameFunction: [],
    },
  ],
  compliance: null,
  complianceNote: 'x',
  refused: [],
};

test('CSV: formula leads of OPD text get a quote; every table has its header row', () => {
  const anggaran = Buffer.from(csvOf(c, 'anggaran')).toString('utf8');
  expect(anggaran.startsWith('\uFEFFTahun;Kode OPD;Nama OPD')).toBe(true);
  expect(anggaran).toContain(`"'=HYPERLINK(""http://penyerang.example"",""klik"")"`);
  const ganda = Buffer.from(csvOf(c, 'duplikasi')).toString('utf8');
  expect(ganda).toContain("'+cmd|calc");
  expect(ganda).toContain("'@SUM(A1)");
  expect(Buffer.from(csvOf(c, 'aplikasi')).toString('utf8')).toContain("'-2+3");
  for (const t of TABLES) expect(sheetOf(c, t).rows[0]?.length).toBeGreaterThan(3);
});

test('.xlsx: one sheet per table, OPD text as text (no formula), money as numbers, years as text', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await xlsxOf(c, TABLES)) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Anggaran per OPD', 'Total anggaran', 'Kegiatan ganda', 'Katalog aplikasi', 'Kepatuhan laporan']);
  const ws = wb.getWorksheet('Anggaran per OPD') as ExcelJS.Worksheet;
  expect(ws.getCell('C2').value).toBe(hostile);
  expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);
  expect(ws.getCell('A2').value).toBe('2025');
  expect(ws.getCell('E2').value).toBe(10_000_000);
});
