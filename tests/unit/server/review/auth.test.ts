/** The console's same-origin rule for state-changing requests (CSRF), on bare request headers. */
import type { IncomingMessage } from 'node:http';
import { checkSameOrigin } from '../../../../server/review/auth';
import { contentDisposition } from '../../../../server/review/review-pages';

const req = (headers: Record<string, string>) => ({ headers: { host: 'konsol.kota.go.id', ...headers } }) as unknown as IncomingMessage;

test('a form from this origin passes; another origin, a sibling site, or no origin at all is refused', () => {
  expect(() => checkSameOrigin(req({ 'sec-fetch-site': 'same-origin' }))).not.toThrow();
  expect(() => checkSameOrigin(req({ origin: 'https://konsol.kota.go.id' }))).not.toThrow();
  expect(() => checkSameOrigin(req({ origin: 'null', referer: 'https://konsol.kota.go.id/admin/' }))).not.toThrow();
  expect(() => checkSameOrigin(req({ origin: 'https://penyerang.example' }))).toThrow(/penyerang\.example.*CSRF/);
  expect(() => checkSameOrigin(req({ 'sec-fetch-site': 'cross-site', origin: 'https://konsol.kota.go.id' }))).toThrow(/situs lain/);
  expect(() => checkSameOrigin(req({ 'sec-fetch-site': 'same-site' }))).toThrow(/situs lain/);
  expect(() => checkSameOrigin(req({}))).toThrow(/tanpa Origin maupun Referer/);
  expect(() => checkSameOrigin(req({ referer: 'https://konsol.kota.go.id.penyerang.example/' }))).toThrow(/CSRF/);
});

test('a file name from a package never breaks the Content-Disposition header', () => {
  expect(contentDisposition('attachment', 'data/lampiran/laporan "akhir"\r\nSet-Cookie: x.pdf')).toBe(
    `attachment; filename="laporan__akhir___Set-Cookie__x.pdf"; filename*=UTF-8''laporan%20%22akhir%22%0D%0ASet-Cookie%3A%20x.pdf`,
  );
  expect(contentDisposition('inline', 'data/Rencana Aksi 2025 – revisi.pdf')).toMatch(/^inline; filename="Rencana_Aksi_2025___revisi.pdf"; filename\*=UTF-8''Rencana%20Aksi%202025%20%E2%80%93%20revisi\.pdf$/);
});
