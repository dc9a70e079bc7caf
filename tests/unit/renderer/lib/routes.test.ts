import { defaultRoute, hrefOf, routeFromHash, routes } from '../../../../renderer/src/lib/routes';

describe('routes', () => {
  it('reads every route back from its own link', () => {
    for (const route of routes) expect(routeFromHash(hrefOf(route))).toBe(route);
  });

  it('lists the six screens in navigation order', () => {
    expect(routes).toEqual(['rencana-aksi', 'serah-terima', 'laporan', 'kotak-keluar', 'tanda-tangan', 'pengaturan']);
  });

  it.each(['', '#', '#/', '#/tidak-ada', '#main', '#/../pengaturan', '#/PENGATURAN'])('falls back to the first screen for %p', (hash) => {
    expect(routeFromHash(hash)).toBe(defaultRoute);
  });
});
