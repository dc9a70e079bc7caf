/**
 * What a failed request means for the package (PROTOCOL.md §1.1, §10): try
 * again later, stop because the server refused it, or stop sending anything
 * until the device is enrolled again. The sync client turns every failure
 * into a BerkasError whose code is the server's error code or one of the
 * NETWORK_* codes below, with details.httpStatus when the server answered.
 */

export type FailureKind = 'retry' | 'refuse' | 'auth';

/** Failures below HTTP: the request may or may not have reached the server. */
export const NETWORK_CODES = {
  refused: 'NETWORK_REFUSED',
  unreachable: 'NETWORK_UNREACHABLE',
  dns: 'NETWORK_DNS',
  reset: 'NETWORK_RESET',
  timeout: 'NETWORK_TIMEOUT',
  tls: 'NETWORK_TLS',
  badResponse: 'NETWORK_BAD_RESPONSE',
} as const;

const networkCodes = new Set<string>(Object.values(NETWORK_CODES));

/** Server codes that sending again, later, can get past (besides every 5xx and the network). */
const retryCodes = new Set(['RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL', 'BLOBS_MISSING', 'UPLOAD_OFFSET_MISMATCH', 'CHUNK_CHECKSUM_MISMATCH', 'REQUEST_TIMEOUT']);
const authCodes = new Set(['AUTH_REQUIRED', 'TOKEN_INVALID', 'TOKEN_REVOKED']);

export function isNetworkCode(code: string): boolean {
  return networkCodes.has(code);
}

export function failureKind(code: string, httpStatus?: number | null): FailureKind {
  if (authCodes.has(code) || httpStatus === 401) return 'auth';
  if (networkCodes.has(code) || retryCodes.has(code)) return 'retry';
  if (httpStatus === undefined || httpStatus === null) return 'retry';
  if (httpStatus === 408 || httpStatus === 429 || httpStatus >= 500) return 'retry';
  return 'refuse';
}

/**
 * Whether a failure means the link (not this package) is the problem: then
 * every package waits, and the one sender backs off as a whole.
 */
export function isLinkFailure(code: string, httpStatus?: number | null): boolean {
  return networkCodes.has(code) || code === 'UNAVAILABLE' || code === 'RATE_LIMITED' || httpStatus === 502 || httpStatus === 503 || httpStatus === 504;
}

/** The Indonesian reason shown for a network failure, naming the server and what happens next. */
export function networkMessage(code: string, serverUrl: string, detail?: string): string {
  const tail = ' Paket tetap di antrean dan dikirim otomatis begitu koneksi pulih.';
  const why = detail ? ` (${detail})` : '';
  switch (code) {
    case NETWORK_CODES.refused:
      return `Server ${serverUrl} menolak koneksi dari komputer ini${why}: server mati atau alamatnya salah.${tail}`;
    case NETWORK_CODES.unreachable:
      return `Server ${serverUrl} tidak dapat dijangkau${why}: periksa jaringan komputer ini.${tail}`;
    case NETWORK_CODES.dns:
      return `Nama server ${serverUrl} tidak ditemukan${why}: periksa alamat server atau koneksi internet.${tail}`;
    case NETWORK_CODES.reset:
      return `Koneksi ke ${serverUrl} terputus di tengah pengiriman${why}.${tail} Bagian yang sudah diterima server tidak dikirim ulang.`;
    case NETWORK_CODES.timeout:
      return `Server ${serverUrl} tidak menjawab dalam batas waktu${why}: koneksi lambat atau macet.${tail}`;
    case NETWORK_CODES.tls:
      return `Sambungan aman (TLS) ke ${serverUrl} gagal${why}: sertifikat server tidak dapat dipercaya atau jam komputer salah.${tail}`;
    default:
      return `Jawaban server ${serverUrl} tidak dapat dibaca${why}.${tail}`;
  }
}
