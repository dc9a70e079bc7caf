/**
 * Enrollment (PROTOCOL.md §4): Diskominfo makes a one-time code for an OPD,
 * a device trades it for a bearer token, and every later request is
 * authenticated by that token's hash. Only hashes of codes and tokens are kept.
 */
import { BerkasError } from '../../core/domain/errors';
import { IntakeError } from '../protocol/errors';
import { bearerTokenOf, isOpdCode } from '../protocol/ids';
import type { DeviceToken, IntakeRepository } from '../store/repository';
import { enrollmentCodeHash, newEnrollmentCode, newId, newToken, tokenHash } from './codes';

export async function createEnrollmentCode(
  repo: IntakeRepository,
  now: Date,
  opdCode: string,
  name: string | null,
  validDays: number,
): Promise<{ code: string; opd: string; name: string; expiresAt: string }> {
  if (!isOpdCode(opdCode)) {
    throw new BerkasError('OPD_INVALID', `Kode OPD "${opdCode}" tidak sah: gunakan huruf besar, angka, titik, garis bawah atau tanda hubung, paling banyak 32 karakter (mis. DISDIK).`);
  }
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > 90) throw new BerkasError('USAGE', `Masa berlaku kode ${validDays} hari tidak sah: 1–90 hari.`);
  const opd = await repo.ensureOpd(opdCode, name, now.toISOString());
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + validDays * 86_400_000).toISOString();
  await repo.addEnrollCode({ codeSha256: enrollmentCodeHash(code), opd: opd.code, createdAt: now.toISOString(), expiresAt });
  return { code, opd: opd.code, name: opd.name, expiresAt };
}

/** Trades an enrollment code for a device token (PROTOCOL.md §4); the caller adds the receipt keys. */
export async function enrollDevice(repo: IntakeRepository, now: Date, body: unknown): Promise<{ token: string; tokenId: string; opd: { code: string; name: string } }> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.code !== 'string' || b.code.length === 0 || b.code.length > 64) {
    throw new IntakeError('ENROLLMENT_CODE_INVALID', 'Kode pendaftaran kosong atau tidak sah. Masukkan kode dari Diskominfo, mis. K7QM-4XTD-9HPA-2WEC.');
  }
  const deviceName = typeof b.deviceName === 'string' ? b.deviceName.slice(0, 200) : null;
  const appVersion = typeof b.appVersion === 'string' ? b.appVersion.slice(0, 64) : null;
  const token = newToken();
  const tokenId = newId('tok');
  const result = await repo.redeemEnrollCode(enrollmentCodeHash(b.code), now.toISOString(), { id: tokenId, tokenSha256: tokenHash(token), deviceName, appVersion });
  switch (result.kind) {
    case 'ok':
      return { token, tokenId, opd: { code: result.opd.code, name: result.opd.name } };
    case 'used':
      throw new IntakeError('ENROLLMENT_CODE_USED', 'Kode pendaftaran ini sudah dipakai. Minta kode baru kepada Diskominfo; satu kode hanya untuk satu perangkat.');
    case 'expired':
      throw new IntakeError('ENROLLMENT_CODE_EXPIRED', 'Kode pendaftaran ini sudah kedaluwarsa. Minta kode baru kepada Diskominfo.');
    default:
      throw new IntakeError('ENROLLMENT_CODE_INVALID', 'Kode pendaftaran tidak dikenal. Periksa kembali kode dari Diskominfo (16 huruf/angka, mis. K7QM-4XTD-9HPA-2WEC).');
  }
}

/** The device token of a request (Authorization: Bearer), known and not revoked. */
export async function authenticate(repo: IntakeRepository, authorization: string | undefined): Promise<DeviceToken> {
  const presented = bearerTokenOf(authorization);
  if (!authorization) throw new IntakeError('AUTH_REQUIRED', 'Permintaan tanpa token perangkat (header Authorization: Bearer). Daftarkan perangkat ini dengan kode dari Diskominfo.');
  if (presented === null) throw new IntakeError('TOKEN_INVALID', 'Token perangkat tidak sah. Daftarkan ulang perangkat ini dengan kode dari Diskominfo.');
  const token = await repo.findDeviceToken(tokenHash(presented));
  if (!token) throw new IntakeError('TOKEN_INVALID', 'Token perangkat tidak dikenal server. Daftarkan ulang perangkat ini dengan kode dari Diskominfo.');
  if (token.revokedAt) throw new IntakeError('TOKEN_REVOKED', `Token perangkat ini dicabut Diskominfo pada ${token.revokedAt}. Daftarkan ulang perangkat dengan kode baru.`);
  return token;
}
