/**
 * The fields of every report type a region profile can name (REQUIREMENTS.md
 * §3), keyed by the profile's report key. The profile decides which types
 * apply and their period and deadline; this file decides what each one
 * holds. The UI generates its forms from these definitions, the PDF lays
 * them out, validation names their labels, and carry-over follows `carry`.
 */

export type ScalarKind = 'text' | 'textarea' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime' | 'month' | 'year' | 'choice' | 'boolean';
export type FieldKind = ScalarKind | 'table' | 'attachment';

export interface ChoiceOption {
  value: string;
  label: string;
  labelEn: string;
  /** Other spellings read as this option (imports, typed data): "B", "RR", "Kurang Baik". */
  aliases?: string[];
}

/**
 * What happens to a value when a new period starts from the last one:
 * copied, emptied, or (a monthly table) one row per month of the new period
 * for each distinct value of the table's `monthKey` column.
 */
export type CarryRule = 'copy' | 'reset' | 'monthly';

export interface ColumnDef {
  key: string;
  label: string;
  labelEn: string;
  kind: ScalarKind;
  isRequired?: boolean;
  options?: ChoiceOption[];
  /** Free-text column with these suggestions. */
  suggestions?: string[];
  maxLength?: number;
  carry?: 'copy' | 'reset';
  /** Relative width in the PDF table. */
  weight?: number;
}

export interface FieldDef {
  key: string;
  label: string;
  labelEn: string;
  kind: FieldKind;
  isRequired?: boolean;
  hint?: string;
  hintEn?: string;
  options?: ChoiceOption[];
  maxLength?: number;
  carry: CarryRule;
  /** table: its columns. */
  columns?: ColumnDef[];
  /** table: rows allowed. */
  maxRows?: number;
  /** table with carry 'monthly': the column kept per row (e.g. the application) and the month column. */
  monthKey?: string;
  monthColumn?: string;
  /** table: rows whose column holds this value are not carried (a finding already resolved). */
  dropOnCarry?: { column: string; value: string };
  /** The asset register (import/export .xlsx, condition chart, carry-over diff). */
  isAssetRegister?: boolean;
  /** insidental: the date (or datetime) of the event; the report's period is this date. */
  isEventDate?: boolean;
  /** attachment: media types accepted. */
  accept?: string[];
  /** boolean: must be yes for the report to be complete (a statement the regulation demands). */
  mustBeTrue?: boolean;
  /** The article this field answers to, shown as a hint and in messages. */
  basis?: string;
}

export type ChartKind = 'asset-condition' | 'asset-category' | 'availability';

export interface ReportDefinition {
  key: string;
  /** What the report is, for the form's lead. */
  summary: string;
  summaryEn: string;
  orientation: 'portrait' | 'landscape';
  fields: FieldDef[];
  charts: ChartKind[];
}

export const MAX_TEXT_CHARS = 10_000;
export const MAX_LINE_CHARS = 500;
/** Rows of an ordinary table field. */
export const MAX_TABLE_ROWS = 2_000;
/** Rows of the asset register (an OPD's whole ICT inventory; a 20,000-row register is the benchmark). */
export const MAX_ASSET_ROWS = 24_000;

export const KONDISI_OPTIONS: ChoiceOption[] = [
  { value: 'baik', label: 'Baik', labelEn: 'Good', aliases: ['b', 'baik', 'baik sekali', 'bagus', 'normal'] },
  { value: 'rusak-ringan', label: 'Rusak Ringan', labelEn: 'Minor damage', aliases: ['rr', 'kb', 'rusak ringan', 'kurang baik', 'cukup'] },
  { value: 'rusak-berat', label: 'Rusak Berat', labelEn: 'Major damage', aliases: ['rb', 'rusak berat', 'rusak', 'tidak berfungsi', 'mati'] },
];

export const KATEGORI_SUGGESTIONS = [
  'Komputer (PC)',
  'Laptop/Notebook',
  'Server',
  'Printer',
  'Scanner',
  'Perangkat jaringan',
  'UPS',
  'Proyektor',
  'CCTV',
  'Telepon/IP phone',
  'Tablet',
  'Lainnya',
];

const STATUS_LAYANAN: ChoiceOption[] = [
  { value: 'operasional', label: 'Operasional', labelEn: 'In operation' },
  { value: 'pengembangan', label: 'Dalam pengembangan', labelEn: 'In development' },
  { value: 'tidak-aktif', label: 'Tidak aktif', labelEn: 'Inactive' },
];

const STATUS_TINDAK_LANJUT: ChoiceOption[] = [
  { value: 'belum', label: 'Belum ditindaklanjuti', labelEn: 'Not started' },
  { value: 'proses', label: 'Dalam proses', labelEn: 'In progress' },
  { value: 'selesai', label: 'Selesai', labelEn: 'Done' },
];

/** The columns of the asset register, in the order of the export and the PDF. */
export const ASSET_COLUMNS: ColumnDef[] = [
  { key: 'kodeBarang', label: 'Kode barang', labelEn: 'Asset code', kind: 'text', isRequired: true, maxLength: 60, weight: 1.6 },
  { key: 'register', label: 'Register (NUP)', labelEn: 'Register no.', kind: 'text', maxLength: 20, weight: 0.7 },
  { key: 'kategori', label: 'Kategori', labelEn: 'Category', kind: 'text', isRequired: true, suggestions: KATEGORI_SUGGESTIONS, maxLength: 100, weight: 1.3 },
  { key: 'merekTipe', label: 'Merek/tipe', labelEn: 'Make/model', kind: 'text', isRequired: true, maxLength: 200, weight: 1.7 },
  { key: 'nomorSeri', label: 'Nomor seri', labelEn: 'Serial number', kind: 'text', maxLength: 100, weight: 1.3 },
  { key: 'tahunPerolehan', label: 'Tahun perolehan', labelEn: 'Year acquired', kind: 'year', isRequired: true, weight: 0.95 },
  { key: 'kondisi', label: 'Kondisi', labelEn: 'Condition', kind: 'choice', isRequired: true, options: KONDISI_OPTIONS, weight: 0.9 },
  { key: 'lokasi', label: 'Lokasi', labelEn: 'Location', kind: 'text', maxLength: 200, weight: 1.3 },
  { key: 'pengguna', label: 'Pengguna', labelEn: 'User', kind: 'text', maxLength: 200, weight: 1.3 },
  { key: 'keterangan', label: 'Keterangan', labelEn: 'Notes', kind: 'text', maxLength: 500, weight: 1.2 },
];

const IMAGE_OR_DRAWING = ['image/png', 'image/jpeg', 'application/pdf', 'image/svg+xml', 'application/vnd.jgraph.mxfile', 'application/vnd.ms-visio.drawing', 'image/vnd.dwg'];

const definitions: ReportDefinition[] = [
  {
    key: 'laporan-egov',
    summary: 'Penyelenggaraan e-government di lingkungan kerja: aplikasi dan layanan yang berjalan, kegiatan TIK pada periode ini, kendala, dan tindak lanjut.',
    summaryEn: 'E-government in the agency: applications and services in operation, ICT activities this period, problems, and follow-up.',
    orientation: 'portrait',
    charts: [],
    fields: [
      {
        key: 'ringkasan',
        label: 'Ringkasan penyelenggaraan e-government',
        labelEn: 'Summary of e-government implementation',
        kind: 'textarea',
        isRequired: true,
        carry: 'copy',
        maxLength: MAX_TEXT_CHARS,
      },
      {
        key: 'layanan',
        label: 'Aplikasi dan layanan yang diselenggarakan',
        labelEn: 'Applications and services operated',
        kind: 'table',
        carry: 'copy',
        maxRows: MAX_TABLE_ROWS,
        columns: [
          { key: 'nama', label: 'Nama aplikasi/layanan', labelEn: 'Application/service', kind: 'text', isRequired: true, maxLength: 200, weight: 2 },
          { key: 'fungsi', label: 'Fungsi', labelEn: 'Function', kind: 'text', maxLength: 300, weight: 2.4 },
          { key: 'status', label: 'Status', labelEn: 'Status', kind: 'choice', isRequired: true, options: STATUS_LAYANAN, weight: 1.1 },
          { key: 'pengguna', label: 'Jumlah pengguna', labelEn: 'Users', kind: 'integer', carry: 'reset', weight: 0.9 },
          { key: 'keterangan', label: 'Keterangan', labelEn: 'Notes', kind: 'text', maxLength: 300, weight: 1.6 },
        ],
      },
      {
        key: 'kegiatan',
        label: 'Kegiatan TIK pada periode ini',
        labelEn: 'ICT activities this period',
        kind: 'table',
        carry: 'copy',
        maxRows: MAX_TABLE_ROWS,
        columns: [
          { key: 'kegiatan', label: 'Kegiatan', labelEn: 'Activity', kind: 'text', isRequired: true, maxLength: 300, weight: 2.6 },
          { key: 'capaian', label: 'Capaian (%)', labelEn: 'Progress (%)', kind: 'percent', weight: 0.9 },
          { key: 'keterangan', label: 'Keterangan', labelEn: 'Notes', kind: 'text', maxLength: 300, weight: 2 },
        ],
      },
      { key: 'kendala', label: 'Kendala dan permasalahan', labelEn: 'Problems', kind: 'textarea', carry: 'copy', maxLength: MAX_TEXT_CHARS },
      { key: 'tindakLanjut', label: 'Rencana tindak lanjut', labelEn: 'Follow-up plan', kind: 'textarea', carry: 'copy', maxLength: MAX_TEXT_CHARS },
    ],
  },
  {
    key: 'monev-aplikasi',
    summary: 'Pemantauan dan evaluasi setiap aplikasi/layanan: ketersediaan, pengguna, transaksi, dan insiden per bulan, temuan, serta tindak lanjutnya.',
    summaryEn: 'Monitoring and evaluation of each application/service: availability, users, transactions and incidents per month, findings, and follow-up.',
    orientation: 'landscape',
    charts: ['availability'],
    fields: [
      {
        key: 'layanan',
        label: 'Aplikasi/layanan yang dipantau',
        labelEn: 'Applications/services monitored',
        kind: 'table',
        isRequired: true,
        carry: 'copy',
        maxRows: 200,
        columns: [
          { key: 'nama', label: 'Nama aplikasi/layanan', labelEn: 'Application/service', kind: 'text', isRequired: true, maxLength: 200, weight: 2 },
          { key: 'alamat', label: 'Alamat (URL)', labelEn: 'Address (URL)', kind: 'text', maxLength: 300, weight: 2 },
          { key: 'target', label: 'Target ketersediaan (%)', labelEn: 'Availability target (%)', kind: 'percent', weight: 1 },
          { key: 'penanggungJawab', label: 'Penanggung jawab', labelEn: 'Person responsible', kind: 'text', maxLength: 200, weight: 1.6 },
        ],
      },
      {
        key: 'pemantauan',
        label: 'Pemantauan bulanan',
        labelEn: 'Monthly monitoring',
        kind: 'table',
        isRequired: true,
        carry: 'monthly',
        monthKey: 'aplikasi',
        monthColumn: 'bulan',
        maxRows: 2_400,
        hint: 'Satu baris per aplikasi per bulan. Ketersediaan = persentase waktu layanan dapat dipakai dalam bulan itu.',
        hintEn: 'One row per application per month. Availability = share of the month the service was usable.',
        columns: [
          { key: 'aplikasi', label: 'Aplikasi/layanan', labelEn: 'Application/service', kind: 'text', isRequired: true, maxLength: 200, weight: 2, carry: 'copy' },
          { key: 'bulan', label: 'Bulan', labelEn: 'Month', kind: 'month', isRequired: true, weight: 1, carry: 'copy' },
          { key: 'ketersediaan', label: 'Ketersediaan (%)', labelEn: 'Availability (%)', kind: 'percent', isRequired: true, weight: 1, carry: 'reset' },
          { key: 'pengguna', label: 'Pengguna aktif', labelEn: 'Active users', kind: 'integer', weight: 1, carry: 'reset' },
          { key: 'transaksi', label: 'Transaksi', labelEn: 'Transactions', kind: 'integer', weight: 1, carry: 'reset' },
          { key: 'insiden', label: 'Insiden', labelEn: 'Incidents', kind: 'integer', weight: 0.8, carry: 'reset' },
        ],
      },
      {
        key: 'temuan',
        label: 'Temuan dan tindak lanjut',
        labelEn: 'Findings and follow-up',
        kind: 'table',
        carry: 'copy',
        maxRows: MAX_TABLE_ROWS,
        dropOnCarry: { column: 'status', value: 'selesai' },
        hint: 'Temuan yang sudah selesai tidak ikut ke periode berikutnya.',
        hintEn: 'Findings marked done are not carried into the next period.',
        columns: [
          { key: 'aplikasi', label: 'Aplikasi/layanan', labelEn: 'Application/service', kind: 'text', maxLength: 200, weight: 1.5 },
          { key: 'temuan', label: 'Temuan', labelEn: 'Finding', kind: 'text', isRequired: true, maxLength: 500, weight: 2.6 },
          { key: 'tindakLanjut', label: 'Tindak lanjut', labelEn: 'Follow-up', kind: 'text', maxLength: 500, weight: 2.6 },
          { key: 'status', label: 'Status', labelEn: 'Status', kind: 'choice', isRequired: true, options: STATUS_TINDAK_LANJUT, weight: 1.2 },
          { key: 'target', label: 'Target selesai', labelEn: 'Due', kind: 'date', weight: 1 },
        ],
      },
      { key: 'evaluasi', label: 'Evaluasi dan kesimpulan', labelEn: 'Evaluation and conclusion', kind: 'textarea', isRequired: true, carry: 'copy', maxLength: MAX_TEXT_CHARS },
    ],
  },
  {
    key: 'inventaris-tik',
    summary:
      'Daftar seluruh perangkat TIK: kategori, merek/tipe, nomor seri, tahun perolehan, kondisi, lokasi, pengguna, dan kode barang, dengan perubahan sejak periode sebelumnya.',
    summaryEn:
      'Register of every ICT device: category, make/model, serial number, year acquired, condition, location, user and asset code, with the changes since the last period.',
    orientation: 'landscape',
    charts: ['asset-condition', 'asset-category'],
    fields: [
      {
        key: 'aset',
        label: 'Daftar perangkat TIK',
        labelEn: 'ICT devices',
        kind: 'table',
        isRequired: true,
        carry: 'copy',
        maxRows: MAX_ASSET_ROWS,
        isAssetRegister: true,
        hint: 'Impor ekspor .xlsx dari sistem informasi aset daerah, atau isi langsung. Periode berikutnya dimulai dari daftar ini.',
        hintEn: 'Import the .xlsx export of the regional asset system, or type it in. The next period starts from this list.',
        columns: ASSET_COLUMNS,
      },
      { key: 'catatan', label: 'Catatan', labelEn: 'Notes', kind: 'textarea', carry: 'copy', maxLength: MAX_TEXT_CHARS },
    ],
  },
  {
    key: 'diagram-lan',
    summary: 'Diagram infrastruktur LAN terkini (gambar, PDF, atau berkas gambar kerja) beserta perangkat jaringan utamanya.',
    summaryEn: 'The current LAN infrastructure diagram (image, PDF or drawing file) and its main network devices.',
    orientation: 'portrait',
    charts: [],
    fields: [
      { key: 'tanggalDiagram', label: 'Keadaan per tanggal', labelEn: 'As of date', kind: 'date', isRequired: true, carry: 'reset' },
      {
        key: 'lampiran',
        label: 'Diagram LAN',
        labelEn: 'LAN diagram',
        kind: 'attachment',
        isRequired: true,
        carry: 'copy',
        accept: IMAGE_OR_DRAWING,
        hint: 'PNG, JPEG, PDF, SVG, draw.io, Visio (.vsdx) atau DWG.',
        hintEn: 'PNG, JPEG, PDF, SVG, draw.io, Visio (.vsdx) or DWG.',
      },
      { key: 'cakupan', label: 'Gedung/lokasi yang dicakup', labelEn: 'Buildings/sites covered', kind: 'text', carry: 'copy', maxLength: MAX_LINE_CHARS },
      {
        key: 'perangkat',
        label: 'Perangkat jaringan utama',
        labelEn: 'Main network devices',
        kind: 'table',
        carry: 'copy',
        maxRows: MAX_TABLE_ROWS,
        columns: [
          { key: 'nama', label: 'Perangkat', labelEn: 'Device', kind: 'text', isRequired: true, maxLength: 200, weight: 2 },
          { key: 'merekTipe', label: 'Merek/tipe', labelEn: 'Make/model', kind: 'text', maxLength: 200, weight: 2 },
          { key: 'jumlah', label: 'Jumlah', labelEn: 'Count', kind: 'integer', weight: 0.8 },
          { key: 'lokasi', label: 'Lokasi', labelEn: 'Location', kind: 'text', maxLength: 200, weight: 2 },
        ],
      },
      { key: 'uraian', label: 'Uraian', labelEn: 'Description', kind: 'textarea', carry: 'copy', maxLength: MAX_TEXT_CHARS },
    ],
  },
  {
    key: 'perubahan-lan',
    summary: 'Rincian setiap perubahan infrastruktur LAN: kapan, apa yang berubah, mengapa, dan diagram sesudahnya.',
    summaryEn: 'Every change to the LAN infrastructure: when, what changed, why, and the diagram afterwards.',
    orientation: 'portrait',
    charts: [],
    fields: [
      { key: 'tanggalPerubahan', label: 'Tanggal perubahan', labelEn: 'Date of change', kind: 'date', isRequired: true, isEventDate: true, carry: 'reset' },
      { key: 'uraian', label: 'Uraian perubahan', labelEn: 'What changed', kind: 'textarea', isRequired: true, carry: 'reset', maxLength: MAX_TEXT_CHARS },
      { key: 'alasan', label: 'Alasan perubahan', labelEn: 'Reason', kind: 'textarea', carry: 'reset', maxLength: MAX_TEXT_CHARS },
      { key: 'pelaksana', label: 'Pelaksana', labelEn: 'Carried out by', kind: 'text', carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'lampiran', label: 'Diagram LAN sesudah perubahan', labelEn: 'LAN diagram after the change', kind: 'attachment', carry: 'copy', accept: IMAGE_OR_DRAWING },
    ],
  },
  {
    key: 'insiden',
    summary:
      'Kegagalan atau gangguan sistem elektronik yang berdampak serius: kapan, sistem mana, dampak, tindakan, pengamanan data, dan kepada siapa sudah dilaporkan. Laporkan pada kesempatan pertama.',
    summaryEn:
      'A serious failure or disruption of an electronic system: when, which systems, impact, actions, how data was secured, and to whom it was reported. Report at the first opportunity.',
    orientation: 'portrait',
    charts: [],
    fields: [
      { key: 'waktuKejadian', label: 'Waktu kejadian', labelEn: 'When it happened', kind: 'datetime', isRequired: true, isEventDate: true, carry: 'reset' },
      { key: 'waktuDiketahui', label: 'Waktu diketahui', labelEn: 'When it was noticed', kind: 'datetime', carry: 'reset' },
      {
        key: 'sistem',
        label: 'Sistem elektronik yang terdampak',
        labelEn: 'Electronic systems affected',
        kind: 'textarea',
        isRequired: true,
        carry: 'reset',
        maxLength: MAX_TEXT_CHARS,
        hint: 'Satu sistem per baris.',
        hintEn: 'One system per line.',
      },
      {
        key: 'jenis',
        label: 'Jenis kejadian',
        labelEn: 'Kind of incident',
        kind: 'choice',
        isRequired: true,
        carry: 'reset',
        options: [
          { value: 'kegagalan', label: 'Kegagalan sistem', labelEn: 'System failure' },
          { value: 'gangguan', label: 'Gangguan layanan', labelEn: 'Service disruption' },
          { value: 'serangan', label: 'Serangan siber', labelEn: 'Cyber attack' },
          { value: 'kebocoran', label: 'Kebocoran data', labelEn: 'Data breach' },
          { value: 'lainnya', label: 'Lainnya', labelEn: 'Other' },
        ],
      },
      {
        key: 'penyebab',
        label: 'Dugaan penyebab (termasuk perbuatan pihak lain)',
        labelEn: 'Suspected cause (including acts of others)',
        kind: 'textarea',
        carry: 'reset',
        maxLength: MAX_TEXT_CHARS,
      },
      { key: 'dampak', label: 'Dampak', labelEn: 'Impact', kind: 'textarea', isRequired: true, carry: 'reset', maxLength: MAX_TEXT_CHARS },
      { key: 'tindakan', label: 'Tindakan yang telah diambil', labelEn: 'Actions taken', kind: 'textarea', isRequired: true, carry: 'reset', maxLength: MAX_TEXT_CHARS },
      {
        key: 'pengamananData',
        label: 'Pengamanan data',
        labelEn: 'How data was secured',
        kind: 'textarea',
        isRequired: true,
        carry: 'reset',
        maxLength: MAX_TEXT_CHARS,
        hint: 'Penyelenggara wajib mengamankan data ketika terjadi kegagalan atau gangguan yang berdampak serius.',
        hintEn: 'The operator must secure the data when a serious failure or disruption happens.',
      },
      {
        key: 'dilaporkanKepada',
        label: 'Dilaporkan kepada',
        labelEn: 'Reported to',
        kind: 'table',
        isRequired: true,
        carry: 'reset',
        maxRows: 50,
        columns: [
          { key: 'pihak', label: 'Pihak', labelEn: 'To whom', kind: 'text', isRequired: true, maxLength: 200, weight: 2.4 },
          { key: 'waktu', label: 'Waktu', labelEn: 'When', kind: 'datetime', weight: 1.4 },
          { key: 'cara', label: 'Cara', labelEn: 'How', kind: 'text', maxLength: 200, weight: 1.6 },
        ],
      },
      {
        key: 'status',
        label: 'Status penanganan',
        labelEn: 'Handling status',
        kind: 'choice',
        carry: 'reset',
        options: [
          { value: 'ditangani', label: 'Sedang ditangani', labelEn: 'Being handled' },
          { value: 'pulih', label: 'Layanan pulih', labelEn: 'Service restored' },
          { value: 'ditutup', label: 'Selesai', labelEn: 'Closed' },
        ],
      },
    ],
  },
  {
    key: 'permohonan-data',
    summary: 'Permohonan pemanfaatan data milik perangkat daerah lain: penanggung jawab, unit kerja, maksud, tujuan, kegunaan, serta jenis dan bentuk data.',
    summaryEn: "A request to use another agency's data: person responsible, unit, purpose, aim, use, and the kind and form of data.",
    orientation: 'portrait',
    charts: [],
    fields: [
      { key: 'tanggal', label: 'Tanggal permohonan', labelEn: 'Date of request', kind: 'date', isRequired: true, isEventDate: true, carry: 'reset' },
      { key: 'penanggungJawab', label: 'Penanggung jawab', labelEn: 'Person responsible', kind: 'text', isRequired: true, carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'jabatan', label: 'Jabatan penanggung jawab', labelEn: 'Position', kind: 'text', carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'unitKerja', label: 'Unit kerja', labelEn: 'Work unit', kind: 'text', isRequired: true, carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'pemilikData', label: 'Data diminta dari', labelEn: 'Data requested from', kind: 'text', isRequired: true, carry: 'reset', maxLength: MAX_LINE_CHARS },
      { key: 'maksud', label: 'Maksud', labelEn: 'Purpose', kind: 'textarea', isRequired: true, carry: 'reset', maxLength: MAX_TEXT_CHARS },
      { key: 'tujuan', label: 'Tujuan', labelEn: 'Aim', kind: 'textarea', isRequired: true, carry: 'reset', maxLength: MAX_TEXT_CHARS },
      { key: 'kegunaan', label: 'Kegunaan', labelEn: 'Use', kind: 'textarea', isRequired: true, carry: 'reset', maxLength: MAX_TEXT_CHARS },
      { key: 'jenisData', label: 'Jenis data yang diperlukan', labelEn: 'Kind of data needed', kind: 'textarea', isRequired: true, carry: 'reset', maxLength: MAX_TEXT_CHARS },
      {
        key: 'bentukData',
        label: 'Bentuk data',
        labelEn: 'Form of data',
        kind: 'choice',
        isRequired: true,
        carry: 'reset',
        options: [
          { value: 'elektronik', label: 'Berkas elektronik', labelEn: 'Electronic file' },
          { value: 'cetak', label: 'Dokumen cetak', labelEn: 'Printed document' },
          { value: 'akses-layanan', label: 'Akses layanan (API)', labelEn: 'Service access (API)' },
          { value: 'lainnya', label: 'Lainnya', labelEn: 'Other' },
        ],
      },
      { key: 'rincianBentuk', label: 'Rincian bentuk/format data', labelEn: 'Format details', kind: 'text', carry: 'reset', maxLength: MAX_LINE_CHARS },
      {
        key: 'pernyataan',
        label: 'Melampirkan surat pernyataan menjaga kerahasiaan dan tidak menyalahgunakan data',
        labelEn: 'Statement to keep the data confidential and not misuse it is attached',
        kind: 'boolean',
        isRequired: true,
        mustBeTrue: true,
        carry: 'reset',
      },
    ],
  },
  {
    key: 'sla',
    summary: 'Perjanjian tingkat layanan satu sistem elektronik antara penyelenggara dan penggunanya: lingkup, jam layanan, ketersediaan, waktu tanggap, dan pemulihan.',
    summaryEn: 'The service level agreement of one electronic system between its operator and its users: scope, service hours, availability, response and recovery times.',
    orientation: 'portrait',
    charts: [],
    fields: [
      { key: 'tanggal', label: 'Tanggal berlaku', labelEn: 'Effective date', kind: 'date', isRequired: true, isEventDate: true, carry: 'reset' },
      { key: 'sistem', label: 'Sistem elektronik', labelEn: 'Electronic system', kind: 'text', isRequired: true, carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'penyelenggara', label: 'Unit penyelenggara', labelEn: 'Operating unit', kind: 'text', isRequired: true, carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'pengguna', label: 'Pengguna layanan', labelEn: 'Service users', kind: 'text', isRequired: true, carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'lingkup', label: 'Lingkup layanan', labelEn: 'Scope of service', kind: 'textarea', isRequired: true, carry: 'copy', maxLength: MAX_TEXT_CHARS },
      {
        key: 'jamLayanan',
        label: 'Jam layanan',
        labelEn: 'Service hours',
        kind: 'text',
        isRequired: true,
        carry: 'copy',
        maxLength: MAX_LINE_CHARS,
        hint: 'Misalnya 24 jam × 7 hari, atau Senin–Jumat 07.30–16.00.',
        hintEn: 'E.g. 24 × 7, or Monday–Friday 07.30–16.00.',
      },
      { key: 'targetKetersediaan', label: 'Target ketersediaan (%)', labelEn: 'Availability target (%)', kind: 'percent', isRequired: true, carry: 'copy' },
      { key: 'waktuTanggap', label: 'Waktu tanggap gangguan', labelEn: 'Response time', kind: 'text', isRequired: true, carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'waktuPemulihan', label: 'Waktu pemulihan', labelEn: 'Recovery time', kind: 'text', isRequired: true, carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'kontak', label: 'Kontak dukungan', labelEn: 'Support contact', kind: 'text', carry: 'copy', maxLength: MAX_LINE_CHARS },
      { key: 'kewajiban', label: 'Kewajiban penyelenggara dan pengguna', labelEn: 'Obligations of operator and users', kind: 'textarea', carry: 'copy', maxLength: MAX_TEXT_CHARS },
      { key: 'berlakuSampai', label: 'Berlaku sampai', labelEn: 'Valid until', kind: 'date', carry: 'reset' },
    ],
  },
];

const byKey = new Map(definitions.map((d) => [d.key, d]));

/**
 * The definition of a report key. A profile may name a type this version
 * does not know (a newer profile file): it gets a plain report with a
 * narrative and an optional attachment, rather than no form at all.
 */
export function definitionFor(key: string): ReportDefinition {
  return (
    byKey.get(key) ?? {
      key,
      summary: 'Laporan sesuai peraturan daerah.',
      summaryEn: 'A report as the regional regulation requires.',
      orientation: 'portrait',
      charts: [],
      fields: [
        { key: 'isi', label: 'Isi laporan', labelEn: 'Report', kind: 'textarea', isRequired: true, carry: 'copy', maxLength: MAX_TEXT_CHARS },
        { key: 'lampiran', label: 'Lampiran', labelEn: 'Attachment', kind: 'attachment', carry: 'copy', accept: [...IMAGE_OR_DRAWING] },
      ],
    }
  );
}

export function knownReportKeys(): string[] {
  return definitions.map((d) => d.key);
}

/** The field whose date is the event of an insidental report, if the type has one. */
export function eventFieldOf(def: ReportDefinition): FieldDef | undefined {
  return def.fields.find((f) => f.isEventDate);
}

/** The asset register field of a type, if it has one. */
export function assetFieldOf(def: ReportDefinition): FieldDef | undefined {
  return def.fields.find((f) => f.isAssetRegister);
}

/** An option by its value or any alias, case- and space-insensitive. */
export function matchOption(options: readonly ChoiceOption[], text: string): ChoiceOption | undefined {
  const key = text
    .toLowerCase()
    .replace(/[\s._/-]+/g, ' ')
    .trim();
  if (!key) return undefined;
  return options.find((o) => o.value === text || o.value.replace(/-/g, ' ') === key || o.label.toLowerCase() === key || (o.aliases ?? []).includes(key));
}

export function optionLabel(options: readonly ChoiceOption[] | undefined, value: string): string {
  return options?.find((o) => o.value === value)?.label ?? value;
}
