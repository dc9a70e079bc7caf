import type { MessageKey } from '../i18n/catalog';

/**
 * The screens, in navigation order. Routes live in the URL hash so they work
 * the same from Electron's custom protocol and from `berkas ui`.
 */
export const routes = ['beranda', 'rencana-aksi', 'serah-terima', 'laporan', 'dokumen', 'kotak-keluar', 'tanda-tangan', 'pengaturan'] as const;
export type Route = (typeof routes)[number];

/** Beranda first: what needs doing now (issue 13). */
export const defaultRoute: Route = 'beranda';

export const routeLabels = {
  beranda: 'nav.home',
  'rencana-aksi': 'nav.actionPlan',
  'serah-terima': 'nav.handover',
  laporan: 'nav.reports',
  dokumen: 'nav.documents',
  'kotak-keluar': 'nav.outbox',
  'tanda-tangan': 'nav.signing',
  pengaturan: 'nav.settings',
} as const satisfies Record<Route, MessageKey>;

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (routes as readonly string[]).includes(name) ? (name as Route) : defaultRoute;
}

export function hrefOf(route: Route): string {
  return `#/${route}`;
}
