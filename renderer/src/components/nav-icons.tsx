import type { Route } from '../lib/routes';

/**
 * One line drawing per screen, for the navigation folded to icons. Drawn
 * here (no icon font or library to fetch); stroked in the text colour.
 */
const paths: Record<Route, string> = {
  // A house.
  beranda: 'M3 11l9-7 9 7 M5 9.5V20h5v-6h4v6h5V9.5',
  // A list on a sheet: the plan's rows.
  'rencana-aksi': 'M6 3h9l4 4v14H6z M15 3v4h4 M9 11h7 M9 14h7 M9 17h5',
  // A box handed over.
  'serah-terima': 'M3 8l9-4 9 4v9l-9 4-9-4z M3 8l9 4 9-4 M12 12v9',
  // Bars of a report.
  laporan: 'M4 20h16 M7 17v-6 M12 17V6 M17 17v-9',
  // Two sheets, one behind the other: every document.
  dokumen: 'M8 3h8l3 3v12H8z M16 3v3h3 M5 6v15h11',
  // A tray with an arrow leaving it.
  'kotak-keluar': 'M3 13h5l1 3h6l1-3h5 M3 13v6h18v-6 M12 3v9 M8.5 6.5L12 3l3.5 3.5',
  // A pen over a line.
  'tanda-tangan': 'M4 20h16 M6 16l10-10 3 3-10 10H6z',
  // A gear: a ring with spokes.
  pengaturan: 'M12 8.5a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7z M12 2v3 M12 19v3 M2 12h3 M19 12h3 M4.9 4.9l2.1 2.1 M17 17l2.1 2.1 M4.9 19.1L7 17 M17 7l2.1-2.1',
};

export function NavIcon({ route }: { route: Route }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d={paths[route]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
