/**
 * The device's enrollment with Diskominfo's intake server: the one-time code
 * exchanged for a device token (kept only in the KeyVault, read when needed),
 * the server's receipt keys, and what happens when the server stops
 * accepting the token.
 */
import type { KeyVault, SettingsStore, SyncConnection, SyncTransport, Clock } from '../../ports';
import { BerkasError } from '../../domain/errors';
import type { Receipt, ServerKey } from '../../domain/outbox/protocol';
import { normalizeServerUrl } from '../../domain/outbox/server-url';
import type { EnrollmentView, ServerCheck } from '../../domain/outbox/views';
import { errorOf } from './failures';
import type { Link } from './link';
import type { EnrollmentRecord, OutboxRepository } from './ports';

export const DEVICE_TOKEN_VAULT_NAME = 'sync-device-token';
const probeVaultName = 'sync-enroll-probe';

export function enrollmentView(r: EnrollmentRecord | null): EnrollmentView | null {
  if (!r) return null;
  return { serverUrl: r.serverUrl, opdCode: r.opdCode, opdName: r.opdName, tokenId: r.tokenId, deviceName: r.deviceName, enrolledAt: r.enrolledAt, revokedAt: r.revokedAt };
}

export interface EnrollmentDeps {
  repository: OutboxRepository;
  transport: SyncTransport;
  vault(passphrase?: string): KeyVault;
  settings: SettingsStore;
  clock: Clock;
  link: Link;
  /** Serializes the enrollment write with the packages' changes. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  appVersion: string;
  deviceName: string;
}

export function createEnrollment(deps: EnrollmentDeps) {
  let cachedToken: { tokenId: string; token: string } | null = null;
  const now = () => deps.clock.now();

  function notEnrolled(): BerkasError {
    return new BerkasError(
      'NOT_ENROLLED',
      'Perangkat ini belum terdaftar ke server Diskominfo. Minta kode pendaftaran kepada Diskominfo, lalu daftarkan di Kotak Keluar (atau: berkas enroll --server URL --code KODE). Paket tetap tersimpan di antrean.',
    );
  }

  return {
    record: () => deps.repository.enrollment(),

    /** Enrolled, and the server still accepts the token. */
    canSend(): boolean {
      const r = deps.repository.enrollment();
      return r !== null && r.revokedAt === null;
    },

    notEnrolled,

    /** The enrolled server and the device token from the key vault. */
    async connection(passphrase?: string): Promise<SyncConnection> {
      const r = deps.repository.enrollment();
      if (!r) throw notEnrolled();
      if (r.revokedAt) {
        throw new BerkasError('TOKEN_REVOKED', `Server ${r.serverUrl} menolak token perangkat ini (sejak ${r.revokedAt}). Daftarkan ulang perangkat dengan kode pendaftaran baru dari Diskominfo; paket tetap di antrean.`, {
          serverUrl: r.serverUrl,
          revokedAt: r.revokedAt,
        });
      }
      if (cachedToken?.tokenId !== r.tokenId) {
        const sealed = await deps.vault(passphrase).open(r.vaultName);
        if (!sealed) {
          throw new BerkasError('TOKEN_MISSING', 'Token perangkat tidak ada di brankas kunci komputer ini. Daftarkan ulang perangkat dengan kode pendaftaran baru dari Diskominfo.');
        }
        cachedToken = { tokenId: r.tokenId, token: new TextDecoder().decode(sealed) };
      }
      return { serverUrl: r.serverUrl, token: cachedToken.token };
    },

    /** The server refused the token: remembered, and the sender says what to do. */
    async markRevoked(err: BerkasError): Promise<void> {
      cachedToken = null;
      await deps.repository.markRevoked(now().toISOString());
      // The auth codes' English texts give the same advice already, so the server's details (serverUrl) fill them in.
      const { details } = errorOf(err);
      const message = `${err.message} Daftarkan ulang perangkat dengan kode pendaftaran baru dari Diskominfo; paket tetap di antrean.`;
      deps.link.blame(details === undefined ? { code: err.code, message } : { code: err.code, message, details });
    },

    /** The server's keys, fetched again when a receipt names one the app has not seen (the server rotated it, PROTOCOL.md §8). */
    async keysFor(receipt: Receipt): Promise<ServerKey[]> {
      const r = deps.repository.enrollment();
      if (!r) throw notEnrolled();
      if (r.keys.some((k) => k.keyId === receipt.keyId)) return r.keys;
      const fresh = await deps.transport.keys(r.serverUrl);
      await deps.repository.saveServerKeys(fresh);
      return fresh;
    },

    async enroll(input: { serverUrl: string; code: string; deviceName?: string; vaultPassphrase?: string }): Promise<EnrollmentView> {
      const code = input.code.replace(/[\s-]+/g, '');
      if (!/^[0-9A-Za-z]{16}$/.test(code)) {
        throw new BerkasError('ENROLLMENT_CODE_FORMAT', 'Kode pendaftaran terdiri atas 16 huruf/angka, misalnya K7QM-4XTD-9HPA-2WEC; periksa lagi kode dari Diskominfo.', { field: 'code' });
      }
      const vault = deps.vault(input.vaultPassphrase);
      // The code works once: prove the vault can keep the token before spending it.
      await vault.seal(probeVaultName, new Uint8Array([1]));
      await vault.remove(probeVaultName);
      const serverUrl = normalizeServerUrl(input.serverUrl);
      const deviceName = (input.deviceName ?? deps.deviceName).trim().slice(0, 200) || deps.deviceName;
      const device = await deps.transport.enroll(serverUrl, { code: input.code.trim(), deviceName, appVersion: deps.appVersion });
      await vault.seal(DEVICE_TOKEN_VAULT_NAME, new TextEncoder().encode(device.token));
      const enrolledAt = now().toISOString();
      await deps.exclusive(() =>
        deps.repository.saveEnrollment({
          serverUrl,
          opdCode: device.opd.code,
          opdName: device.opd.name,
          tokenId: device.tokenId,
          deviceName,
          vaultName: DEVICE_TOKEN_VAULT_NAME,
          keys: device.keys,
          enrolledAt,
        }),
      );
      cachedToken = { tokenId: device.tokenId, token: device.token };
      const settings = await deps.settings.load();
      if (settings && settings.serverUrl !== serverUrl) await deps.settings.save({ ...settings, serverUrl });
      deps.link.up();
      return enrollmentView(deps.repository.enrollment()) as EnrollmentView;
    },

    async checkServer(): Promise<ServerCheck> {
      const r = deps.repository.enrollment();
      const settings = await deps.settings.load();
      const serverUrl = r?.serverUrl ?? (settings?.serverUrl || null);
      const checkedAt = now().toISOString();
      if (!serverUrl) return { serverUrl: null, isEnrolled: false, isReachable: false, message: 'Alamat server Diskominfo belum diatur; daftarkan perangkat ini di Kotak Keluar.', checkedAt };
      try {
        await deps.transport.health(serverUrl);
        if (r && !r.revokedAt) deps.link.up();
        return {
          serverUrl,
          isEnrolled: r !== null && r.revokedAt === null,
          isReachable: true,
          message: r ? (r.revokedAt ? `Server ${serverUrl} dapat dihubungi, tetapi token perangkat ini ditolak; daftarkan ulang.` : `Server ${serverUrl} dapat dihubungi.`) : `Server ${serverUrl} dapat dihubungi; perangkat ini belum terdaftar.`,
          checkedAt,
        };
      } catch (err) {
        return { serverUrl, isEnrolled: r !== null && r.revokedAt === null, isReachable: false, message: errorOf(err).message, checkedAt };
      }
    },
  };
}

export type Enrollment = ReturnType<typeof createEnrollment>;
