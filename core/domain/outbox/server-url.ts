import { BerkasError } from '../errors';

/** A base URL the officer typed: http(s), no credentials, query or fragment; trailing slashes dropped. */
export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new BerkasError('SERVER_URL_INVALID', `Alamat server "${input.slice(0, 100)}" tidak sah; tulis lengkap, misalnya https://berkas.contoh.go.id.`, { field: 'serverUrl', url: input.slice(0, 100) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BerkasError('SERVER_URL_INVALID', `Alamat server harus diawali https:// atau http://, bukan ${url.protocol}.`, { field: 'serverUrl', url: `${url.protocol}//${url.host}${url.pathname}` });
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new BerkasError('SERVER_URL_INVALID', 'Alamat server tidak boleh memuat nama pengguna, kata sandi, "?" atau "#".', { field: 'serverUrl', url: `${url.protocol}//${url.host}${url.pathname}` });
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
