/**
 * The signing key a document verb's options name (`report create`,
 * `documents sign`): one reading of --p12/--password-env, --certificate and
 * --self-signed, so every verb refuses the same mistakes in the same words.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Services } from '../core/app/services';
import type { SigningKeyHandle } from '../core/ports';
import { BerkasError } from '../core/domain/errors';
import { formatByteSize } from '../core/domain/format/byte-size';
import { uncertifiedLabel } from '../core/domain/signing/certificate';
import { maxP12Bytes } from '../core/domain/signing/limits';

export interface KeyValues {
  p12?: string | undefined;
  'password-env'?: string | undefined;
  'self-signed'?: boolean | undefined;
  certificate?: string | undefined;
}

function usageError(message: string, usage: string): BerkasError {
  return new BerkasError('USAGE', `${message}\nPemakaian: ${usage}`);
}

/** Reads a file after checking its size from the directory entry, so an oversized file is never loaded. */
export async function readLimited(file: string, maxBytes: number, what: string): Promise<Uint8Array> {
  const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new BerkasError('FILE_NOT_FOUND', err.code === 'ENOENT' ? `${what} ${file} tidak ditemukan.` : `${what} ${file} tidak dapat dibuka (${err.code ?? 'galat'}).`, { file });
  });
  if (!stat.isFile()) throw new BerkasError('FILE_NOT_FOUND', `${what} ${file} bukan berkas.`, { file });
  if (stat.size > maxBytes) {
    throw new BerkasError('FILE_TOO_LARGE', `${what} ${file} berukuran ${formatByteSize(stat.size)}, melebihi batas ${formatByteSize(maxBytes)}; berkas tidak dibaca.`, { file });
  }
  return new Uint8Array(await fs.readFile(file));
}

/** A secret from the environment: never from argv, where other users of the machine can read it. */
function secretFromEnv(variable: string | undefined, usage: string): string | undefined {
  if (variable === undefined) return undefined;
  const value = process.env[variable];
  if (!value) throw usageError(`Variabel lingkungan ${variable} (dari --password-env) kosong atau tidak ada.`, usage);
  return value;
}

/** The key the options name: a .p12 file (password from the environment), a stored certificate, or a one-off self-signed key. */
export async function openKey(values: KeyValues, services: Services, usage: string): Promise<{ handle: SigningKeyHandle; isCertified: boolean }> {
  const signing = services.signing;
  const chosen = [values.p12 !== undefined, values['self-signed'] === true, values.certificate !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw usageError('Pilih tepat satu: --p12 BERKAS --password-env VAR, --self-signed, atau --certificate ID.', usage);
  const password = secretFromEnv(values['password-env'], usage);
  if (values.p12 !== undefined) {
    if (password === undefined) throw usageError('--p12 memerlukan --password-env VAR (kata sandi tidak pernah ditulis di baris perintah).', usage);
    const handle = await signing.openP12File({ fileName: path.basename(values.p12), bytes: await readLimited(values.p12, maxP12Bytes, 'Berkas sertifikat'), password });
    return { handle, isCertified: !handle.details.isSelfSigned };
  }
  if (values.certificate !== undefined) {
    const vaultPassphrase = process.env.BERKAS_VAULT_PASSPHRASE;
    const { handle, info } = await signing.openCertificate(values.certificate, {
      ...(password !== undefined ? { password } : {}),
      ...(vaultPassphrase ? { vaultPassphrase } : {}),
    });
    return { handle, isCertified: info.isCertified };
  }
  const settings = await services.workspace.settings.load();
  if (!settings) throw new BerkasError('SETTINGS_MISSING', 'Nama penanda tangan tidak diketahui: isi pengaturan pejabat dulu (berkas settings set --file PENGATURAN.json).');
  process.stderr.write(`Perhatian: ditandatangani dengan sertifikat ${uncertifiedLabel} sekali pakai atas nama ${settings.officer.name.replace(/\.$/, '')}.\n`);
  return { handle: signing.oneOffSelfSigned({ name: settings.officer.name, nip: settings.officer.nip || null, organization: settings.opd.name }), isCertified: false };
}
