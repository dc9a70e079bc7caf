/**
 * The report types about e-government and the ICT infrastructure: the
 * e-government report, the application monitoring, the ICT asset register
 * and the LAN diagram and its changes (REQUIREMENTS.md §3).
 */
import { ASSET_COLUMNS, IMAGE_OR_DRAWING, MAX_ASSET_ROWS, MAX_LINE_CHARS, MAX_TABLE_ROWS, MAX_TEXT_CHARS, type ChoiceOption, type ReportDefinition } from './definitions-model';

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

export const INFRASTRUCTURE_DEFINITIONS: ReportDefinition[] = [
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
];
