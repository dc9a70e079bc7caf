/**
 * Hostile workbooks, each built here as the few kilobytes of ZIP an attacker
 * would send, each refused before exceljs parses it with the structure named;
 * without the preflight several of them keep exceljs busy for minutes or
 * exhaust memory (so the test would time out). Real fixtures still import.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { XLSX_LIMITS } from '../../../../../core/adapters/rencana-aksi/xlsx-preflight';
import { readXlsx } from '../../../../../core/adapters/rencana-aksi/xlsx-reader';
import { isBerkasError } from '../../../../../core/domain/errors';

interface SheetSpec {
  name: string;
  xml: string;
  state?: 'hidden' | 'veryHidden';
}

const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const relType = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal workbook: the sheets in order (sheet1.xml...), plus any other parts given. */
function workbook(sheets: SheetSpec[], extra: Record<string, string> = {}, workbookExtra = ''): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relType}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`).join('')}</sheets>${workbookExtra}</workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${relType}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}${extra['xl/sharedStrings.xml'] ? `<Relationship Id="rIdS" Type="${relType}/sharedStrings" Target="sharedStrings.xml"/>` : ''}${extra['xl/styles.xml'] ? `<Relationship Id="rIdT" Type="${relType}/styles" Target="styles.xml"/>` : ''}</Relationships>`,
    ),
  };
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(s.xml)));
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return zipSync(files, { level: 1 });
}

const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Output</t></is></c><c r="B1" t="inlineStr"><is><t>Tahap</t></is></c></row>';
const sheetXml = (data: string, after = '', before = '') => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}>${before}<sheetData>${data}</sheetData>${after}</worksheet>`;
const repeat = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join('');
const mergeCells = (n: number, ref: (i: number) => string) => `<mergeCells count="${n}">${repeat(n, (i) => `<mergeCell ref="${ref(i)}"/>`)}</mergeCells>`;

async function refusal(bytes: Uint8Array, name = 'serang.xlsx'): Promise<string> {
  try {
    await readXlsx(name, bytes);
  } catch (err) {
    if (isBerkasError(err)) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'dibaca';
}

const rewrite = 'Buku kerja tidak dibaca; salin tabel yang diperlukan ke buku kerja baru (Tempel Spesial > Nilai) lalu simpan sebagai .xlsx.';
const unmerge = 'Buku kerja tidak dibaca; pisahkan sel gabung yang tidak perlu (Beranda > Gabungkan & Tengahkan > Pisahkan Sel) lalu simpan ulang.';

describe('.xlsx preflight: merged cells', () => {
  it('refuses 60,000 merged ranges (the 300 KB file that cost exceljs 557 s), naming file, sheet and limit', async () => {
    const bytes = workbook([{ name: 'KIR', xml: sheetXml(header, mergeCells(60_000, (i) => `A${i + 2}:B${i + 2}`)) }]);
    expect(bytes.length).toBeLessThan(400 * 1024);
    expect(await refusal(bytes, 'aset.xlsx')).toBe(`XLSX_LIMIT: Berkas aset.xlsx, lembar "KIR": rentang sel gabung (merge) 60.000, melebihi batas 1.000. ${unmerge}`);
  });

  it('reads a sheet at the limit of 1,000 merges', async () => {
    const bytes = workbook([{ name: 'RA', xml: sheetXml(header, mergeCells(1_000, (i) => `A${i + 2}:B${i + 2}`)) }]);
    const file = await readXlsx('batas.xlsx', bytes);
    expect(file.sheets[0]?.rows[0]).toEqual(['Output', 'Tahap']);
  });

  it('counts merges in hidden sheets and in sheet parts no sheet names (exceljs parses them all)', async () => {
    const hidden = workbook([
      { name: 'RA', xml: sheetXml(header) },
      { name: 'Daftar', xml: sheetXml('', mergeCells(900, (i) => `A${i + 2}:B${i + 2}`)), state: 'veryHidden' },
      { name: 'Daftar 2', xml: sheetXml('', mergeCells(900, (i) => `A${i + 2}:B${i + 2}`)), state: 'hidden' },
      { name: 'Daftar 3', xml: sheetXml('', mergeCells(900, (i) => `A${i + 2}:B${i + 2}`)), state: 'hidden' },
    ]);
    expect(await refusal(hidden)).toBe(`XLSX_LIMIT: Berkas serang.xlsx, lembar "Daftar 3": rentang sel gabung di seluruh buku kerja (sampai lembar ini) 2.700, melebihi batas 2.000. ${unmerge}`);
    const orphan = workbook([{ name: 'RA', xml: sheetXml(header) }], { 'lain/xl/worksheets/sheet7.xml': sheetXml('', mergeCells(5_000, (i) => `A${i + 2}:B${i + 2}`)) });
    expect(await refusal(orphan)).toContain('lembar "(bagian lain/xl/worksheets/sheet7.xml)": rentang sel gabung (merge) 5.000, melebihi batas 1.000');
  });

  it('refuses one merge over the whole sheet (17 billion cells for exceljs to make)', async () => {
    const bytes = workbook([{ name: 'RA', xml: sheetXml(header, mergeCells(1, () => 'A2:XFD1048576')) }]);
    expect(await refusal(bytes)).toBe(`XLSX_LIMIT: Berkas serang.xlsx, lembar "RA": sel yang tercakup sel gabung (sampai lembar ini) 17.179.852.800, melebihi batas 100.000. ${unmerge}`);
  });
});

describe('.xlsx preflight: other structures exceljs pays for', () => {
  it('refuses shared strings no cell uses', async () => {
    const sst = `<sst ${ns}>${repeat(200_000, (i) => `<si><t>s${i}</t></si>`)}</sst>`;
    const bytes = workbook([{ name: 'RA', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }], { 'xl/sharedStrings.xml': sst });
    expect(await refusal(bytes)).toBe(`XLSX_LIMIT: Berkas serang.xlsx: teks bersama (xl/sharedStrings.xml) 200.000, melebihi batas 10.001 (1 sel yang memakainya ditambah 10.000). ${rewrite}`);
  });

  it('refuses a long shared formula filled into many cells', async () => {
    const formula = repeat(500, (i) => `B${i + 1}+`) + '0';
    const rows = `<row r="1"><c r="A1"><f t="shared" ref="A1:A6000" si="0">${formula}</f><v>1</v></c></row>` + repeat(5_999, (i) => `<row r="${i + 2}"><c r="A${i + 2}"><f t="shared" si="0"/><v>1</v></c></row>`);
    expect(await refusal(workbook([{ name: 'RA', xml: sheetXml(rows) }]))).toMatch(
      /^XLSX_LIMIT: Berkas serang\.xlsx, lembar "RA": karakter rumus bersama yang harus disalin ke tiap sel \(sampai lembar ini\) 1[0-9.]+, melebihi batas 10\.000\.000\./,
    );
  });

  it('refuses more sheets, styles, defined names, comments, ZIP parts and cells than any real workbook', async () => {
    const many = workbook(Array.from({ length: 101 }, (_, i) => ({ name: `L${i}`, xml: sheetXml('') })));
    expect(await refusal(many)).toBe(`XLSX_LIMIT: Berkas serang.xlsx: jumlah lembar kerja 101, melebihi batas 100. ${rewrite}`);

    const styles = `<styleSheet ${ns}><cellXfs count="100001">${repeat(100_001, () => '<xf numFmtId="0"/>')}</cellXfs></styleSheet>`;
    expect(await refusal(workbook([{ name: 'RA', xml: sheetXml(header) }], { 'xl/styles.xml': styles }))).toContain(': gaya dan format sel (xl/styles.xml) 100.001, melebihi batas 100.000.');

    const names = `<definedNames>${repeat(10_001, (i) => `<definedName name="N${i}">RA!$A$1</definedName>`)}</definedNames>`;
    expect(await refusal(workbook([{ name: 'RA', xml: sheetXml(header) }], {}, names))).toContain(': nama rentang (defined name) 10.001, melebihi batas 10.000.');

    const comments = `<comments ${ns}><commentList>${repeat(10_001, (i) => `<comment ref="A${i + 1}"><text><t>c</t></text></comment>`)}</commentList></comments>`;
    expect(await refusal(workbook([{ name: 'RA', xml: sheetXml(header) }], { 'xl/comments1.xml': comments }))).toContain(': catatan (komentar) sel 10.001, melebihi batas 10.000.');

    const parts = Object.fromEntries(Array.from({ length: XLSX_LIMITS.maxParts }, (_, i) => [`xl/media/x${i}.bin`, '']));
    expect(await refusal(workbook([{ name: 'RA', xml: sheetXml(header) }], parts))).toContain(': bagian arsip ZIP 2.005, melebihi batas 2.000.');

    // Empty styled cells far to the right of a hidden sheet: no row limit applies there, the cell limit does.
    const row = repeat(1_601, () => '<c s="1"/>');
    const wide = repeat(1_000, (r) => `<row r="${r + 1}">${row}</row>`);
    const cells = workbook([
      { name: 'RA', xml: sheetXml(header) },
      { name: 'Format', xml: sheetXml(wide), state: 'hidden' },
    ]);
    expect(await refusal(cells)).toContain('lembar "Format": sel berisi atau berformat (sampai lembar ini) 1.601.002, melebihi batas 1.600.000.');
  });

  it('counts rows written with a tab before the attributes, and a lone cell at row 1,048,576', async () => {
    const tabbed = workbook([{ name: 'RA', xml: sheetXml(header + repeat(30_000, (i) => `<row\tr="${i + 2}"><c\tr="A${i + 2}"><v>1</v></c></row>`)) }]);
    expect(await refusal(tabbed)).toMatch(/^TABLE_TOO_MANY_ROWS: Berkas serang\.xlsx, lembar "RA", baris 25\.001, kolom A: lembar ini memuat 30\.001 baris, melebihi batas 25\.000 baris/);
    const far = workbook([{ name: 'RA', xml: sheetXml(header + '<row r="1048576"><c r="A1048576"><v>1</v></c></row>') }]);
    expect(await refusal(far)).toMatch(/^TABLE_TOO_MANY_ROWS: .*lembar ini memuat 1\.048\.576 baris, melebihi batas 25\.000 baris/);
  });

  it('skips what Berkas never reads: a whole-column validation, hyperlinks, conditional formats and column formats cost nothing', async () => {
    const after =
      '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="cellIs" priority="1" operator="equal"><formula>1</formula></cfRule></conditionalFormatting>' +
      '<dataValidations count="2"><dataValidation type="list" sqref="F1:F1048576"><formula1>"Baik,Rusak"</formula1></dataValidation><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"x"</formula1></dataValidation></dataValidations>' +
      `<hyperlinks>${repeat(20_000, (i) => `<hyperlink ref="B${i + 1}" location="RA!A1"/>`)}</hyperlinks>`;
    const before = `<cols>${repeat(1_000, () => '<col min="1" max="16384" width="9"/>')}</cols>`;
    const file = await readXlsx('templat.xlsx', workbook([{ name: 'RA', xml: sheetXml(header, after, before) }]));
    expect(file.sheets[0]?.rows).toEqual([['Output', 'Tahap']]);
  });
});

describe('.xlsx preflight: real workbooks', () => {
  it.each([
    ['rencana-aksi/prabumulih-excel.xlsx', 'RA 2025'],
    ['reports/aset-simbada-2026.xlsx', 'KIR TIK'],
  ])('still reads %s', async (fixture, sheet) => {
    const bytes = new Uint8Array(readFileSync(path.join(__dirname, '../../../../fixtures', fixture)));
    const file = await readXlsx(path.basename(fixture), bytes);
    expect(file.sheets.map((s) => s.name)).toContain(sheet);
  });
});
