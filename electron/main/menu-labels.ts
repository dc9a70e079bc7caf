import type { Language } from '../../core/domain/settings/settings';

/** The application menu's words, per UI language; Bahasa Indonesia first and by default. */
export interface MenuLabels {
  file: string;
  quit: string;
  backupNow: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  view: string;
  reload: string;
  toggleDevTools: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullscreen: string;
  help: string;
  about: string;
  aboutDetail: string;
}

export const menuLabels: Record<Language, MenuLabels> = {
  id: {
    file: 'Berkas',
    quit: 'Keluar',
    backupNow: 'Cadangkan Sekarang…',
    edit: 'Sunting',
    undo: 'Urungkan',
    redo: 'Ulangi',
    cut: 'Potong',
    copy: 'Salin',
    paste: 'Tempel',
    selectAll: 'Pilih Semua',
    view: 'Tampilan',
    reload: 'Muat Ulang',
    toggleDevTools: 'Alat Pengembang',
    resetZoom: 'Ukuran Sebenarnya',
    zoomIn: 'Perbesar',
    zoomOut: 'Perkecil',
    fullscreen: 'Layar Penuh',
    help: 'Bantuan',
    about: 'Tentang Berkas',
    aboutDetail: 'Menyiapkan, menandatangani, dan mengirim berkas e-government OPD ke Diskominfo.',
  },
  en: {
    file: 'File',
    quit: 'Quit',
    backupNow: 'Back Up Now…',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    toggleDevTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullscreen: 'Full Screen',
    help: 'Help',
    about: 'About Berkas',
    aboutDetail: 'Prepare, sign and send OPD e-government documents to Diskominfo.',
  },
};

export function labelsFor(language: string | undefined): MenuLabels {
  return language === 'en' ? menuLabels.en : menuLabels.id;
}
