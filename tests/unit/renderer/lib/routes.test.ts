import { defaultRoute, hrefOf, routeFromHash, routes } from '../../../../renderer/src/lib/routes';

describe('routes', () => {
  it('reads every route back from its own link', () => {
    for (const route of routes) expect(routeFromHash(hrefOf(route))).toBe(route);
  });

  it('lists the eight screens in navigation order, Beranda first', () => {
    expect(routes).toEqual(['beranda', 'rencana-aksi', 'serah-terima', 'laporan', 'dokumen', 'kotak-keluar', 'tanda-tangan', 'pengaturan']);
  });

  it.each(['', '#', '#/', '#/tidak-ada', '#main', '#/../pengaturan', '#/PENGATURAN'])('falls back to the first screen for %p', (hash) => {
    expect(routeFromHash(hash)).toBe(defaultRoute);
  });
});
