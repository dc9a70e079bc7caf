import type { ErrorTexts } from './error-text';

/**
 * Reading a table file (an action plan, an asset list): CSV, TSV, .xlsx. Column
 * names in these texts ({missing}, {columnName}…) are the Indonesian headings
 * the file itself is expected to carry, so they are quoted as they are.
 */
export const importsErrorsEn: ErrorTexts = {
  // The file as a whole
  FILE_TOO_LARGE: 'The file {file} is {size}, over the limit of {max} (its rows and columns were not read).',
  EMPTY_FILE: 'The file {file} is empty (0 bytes; no rows or columns).',
  NOT_TEXT: 'The file {file} could not be read: it is not text (a binary file). Save the table as CSV, TSV or .xlsx.',
  NOT_XLSX: 'The file {file} could not be read: it is not a sound Excel workbook (it is damaged, incomplete or a renamed file). Save the table again as .xlsx, CSV or TSV.',
  XLSX_ENCRYPTED: 'The file {file} could not be read: it is a password-protected workbook or an old .xls file (Excel 97–2003). Open it in Excel, remove any password, save it as .xlsx, then import it again.',
  XLSX_LIMIT: 'The workbook {file} holds more of one kind of content than the app reads ({count}, the limit is {max}), so it was not read. Remove merged cells, formatting or sheets it does not need and save it again.',
  NO_SHEET: 'The file {file} has no visible worksheet (no rows or columns could be read).',
  EXPORT_EMPTY: 'There is no sheet to export.',
  CATALOG_INVALID: 'The activity catalog {file} is not valid and was not read.',

  // Rows and cells
  TABLE_TOO_MANY_ROWS: 'File {file}, row {row}: more than {max} rows. Split the table into several files.',
  CELL_TOO_LONG: 'File {file}, row {row}, column {column}: the cell holds {length} characters, over the limit of {max}. Check that cell (an unclosed quotation mark, or pasted text).',
  CSV_QUOTE: 'File {file}, row {row}, column {column}: an opening quotation mark (") is never closed.',

  // The column header row
  NO_HEADER: 'File {file}, rows 1–{lastRow}, columns A–{lastColumn}: no column header row was found. The header row must hold: {expected:list}.',
  HEADER_INCOMPLETE: 'File {file} (sheet "{sheet}"), row {row}: required columns not found: {missing:list}. Recognised: {found:list}. Required columns: {expected:list}.',
  HEADER_DUPLICATE: 'File {file} (sheet "{sheet}"), row {row}, columns {columns:list}: too many columns are read as "{columnName}"; remove the extra ones.',

  // What the rows hold
  TABLE_TOO_MANY_STAGES: 'File {file} (sheet "{sheet}"), row {row}, column {column}: more than {max} stages in one action plan. Split it into several action plan files.',
  TOO_MANY_ASSETS: 'File {file} (sheet "{sheet}"), row {row}: more than {max} devices in one asset list. Split it by work unit or by location into several files.',
  NO_ASSETS: 'File {file} (sheet "{sheet}"), row {row}: there are no devices below the column header row (row {headerRow}).',
};
