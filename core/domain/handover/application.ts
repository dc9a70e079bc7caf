/**
 * The application being handed over (issue 5 item 1): what it is, who built
 * it under which contract and money, and who owns it. Checked by hand because
 * core/domain may use no library and the renderer shows the same messages.
 */

export interface ApplicationRecord {
  name: string;
  version: string;
  /** What the application is for, in one or two sentences. */
  purpose: string;
  /** The OPD that owns and runs it. */
  owningOpd: string;
  /** Who built it: a company, or "Swakelola" when built in-house. */
  vendor: string;
  /** Contract number and date; empty when built in-house without a contract. */
  contractNumber: string;
  /** YYYY-MM-DD, or "" together with an empty contractNumber. */
  contractDate: string;
  /** e.g. "APBD Kabupaten", "APBN", "Hibah". */
  fundingSource: string;
  fundingYear: number;
  /** Where the source lives (URL or the Repositori Aplikasi SPBE entry); may be empty. */
  repository: string;
  licence: string;
  /** The Pemerintah Daerah (e.g. Jember Pasal 14 ayat (4)). */
  copyrightHolder: string;
}

export interface FieldProblem {
  /** Field path, e.g. "application.contractDate"; "" for the record itself. */
  path: string;
  /** In Bahasa Indonesia, naming the field by its label. */
  message: string;
}

export interface ApplicationField {
  key: keyof ApplicationRecord;
  label: string;
  isRequired: boolean;
}

/** Order and labels of the form and of the berita acara. */
export const applicationFields: readonly ApplicationField[] = [
  { key: 'name', label: 'Nama aplikasi', isRequired: true },
  { key: 'version', label: 'Versi', isRequired: true },
  { key: 'purpose', label: 'Tujuan / fungsi', isRequired: true },
  { key: 'owningOpd', label: 'OPD pemilik', isRequired: true },
  { key: 'vendor', label: 'Pengembang / penyedia', isRequired: true },
  { key: 'contractNumber', label: 'Nomor kontrak', isRequired: false },
  { key: 'contractDate', label: 'Tanggal kontrak', isRequired: false },
  { key: 'fundingSource', label: 'Sumber dana', isRequired: true },
  { key: 'fundingYear', label: 'Tahun anggaran', isRequired: true },
  { key: 'repository', label: 'Repositori', isRequired: false },
  { key: 'licence', label: 'Lisensi', isRequired: true },
  { key: 'copyrightHolder', label: 'Pemegang hak cipta', isRequired: true },
];

const maxText = 500;
const maxPurpose = 2000;
const minYear = 1990;
const maxYear = 2100;

export function emptyApplication(defaults: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    name: '',
    version: '',
    purpose: '',
    owningOpd: '',
    vendor: '',
    contractNumber: '',
    contractDate: '',
    fundingSource: '',
    fundingYear: 0,
    repository: '',
    licence: '',
    copyrightHolder: '',
    ...defaults,
  };
}

function isRealIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Problems of an application record (empty when it may be signed). A draft
 * with problems can still be saved: this only gates the berita acara and the package.
 */
export function checkApplication(record: ApplicationRecord, prefix = 'application'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (key: string) => `${prefix}.${key}`;
  for (const field of applicationFields) {
    const value = record[field.key];
    if (field.key === 'fundingYear') continue;
    const text = typeof value === 'string' ? value.trim() : '';
    if (field.isRequired && text === '') problems.push({ path: at(field.key), message: `${field.label} wajib diisi` });
    const limit = field.key === 'purpose' ? maxPurpose : maxText;
    if (text.length > limit) problems.push({ path: at(field.key), message: `${field.label} terlalu panjang (${text.length} karakter, paling banyak ${limit})` });
    // Line breaks would break the one-line fields of bag-info.txt and the berita acara table.
    if (field.key !== 'purpose' && /[\r\n]/.test(text)) problems.push({ path: at(field.key), message: `${field.label} harus satu baris` });
  }
  const year = record.fundingYear;
  if (!Number.isInteger(year) || year === 0) {
    problems.push({ path: at('fundingYear'), message: 'Tahun anggaran wajib diisi (empat angka, mis. 2024)' });
  } else if (year < minYear || year > maxYear) {
    problems.push({ path: at('fundingYear'), message: `Tahun anggaran ${year} tidak masuk akal (${minYear}–${maxYear})` });
  }
  const number = record.contractNumber.trim();
  const date = record.contractDate.trim();
  if (date !== '' && !isRealIsoDate(date)) {
    problems.push({ path: at('contractDate'), message: `Tanggal kontrak "${date}" tidak sah: tulis sebagai TTTT-BB-HH, mis. 2024-03-17` });
  }
  if (number !== '' && date === '') problems.push({ path: at('contractDate'), message: 'Tanggal kontrak wajib diisi bila nomor kontrak diisi' });
  if (number === '' && date !== '') problems.push({ path: at('contractNumber'), message: 'Nomor kontrak wajib diisi bila tanggal kontrak diisi' });
  return problems;
}
