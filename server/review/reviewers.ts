/**
 * Reviewer accounts (issue 14.3): people, not shared tokens. peninjau reads
 * and decides; admin also manages OPDs, enrolment codes, device tokens,
 * trust roots and reviewers. The first admin is made with
 * `berkas server reviewer add --role admin` (password from an environment
 * variable) or, once, from the console after a bootstrap login with an
 * admin token; once an admin account exists, admin tokens no longer log in.
 */
import { BerkasError } from '../../core/domain/errors';
import { newId } from '../intake/codes';
import { REVIEWER_ROLES, type ConsoleStore, type Reviewer, type ReviewerRole } from '../store/console-store';
import { hashPassword } from './passwords';

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export interface ReviewerView {
  id: string;
  username: string;
  name: string;
  role: ReviewerRole;
  createdAt: string;
  createdBy: string | null;
  disabledAt: string | null;
}

export const ROLE_LABELS: Record<ReviewerRole, string> = { peninjau: 'Peninjau', admin: 'Admin' };

export function viewOf(r: Reviewer): ReviewerView {
  return { id: r.id, username: r.username, name: r.name, role: r.role, createdAt: r.createdAt, createdBy: r.createdBy, disabledAt: r.disabledAt };
}

function normalUsername(username: string): string {
  const u = username.trim().toLowerCase();
  if (!USERNAME.test(u)) {
    throw new BerkasError('USAGE', `Nama pengguna "${username.slice(0, 60)}" tidak sah: 2–40 huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf atau angka (mis. siti.rahma).`, {
      field: 'username',
    });
  }
  return u;
}

export async function addReviewer(
  store: ConsoleStore,
  input: { username: string; name: string; role: string; password: string; by: string | null; now: Date },
): Promise<ReviewerView> {
  const username = normalUsername(input.username);
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name || name.length > 200) throw new BerkasError('USAGE', 'Nama lengkap peninjau wajib diisi (paling banyak 200 karakter); nama ini tercatat pada setiap keputusannya.', { field: 'name' });
  if (!(REVIEWER_ROLES as readonly string[]).includes(input.role)) {
    throw new BerkasError('USAGE', `Peran "${input.role.slice(0, 30)}" tidak dikenal: pilih peninjau (membaca dan memutuskan) atau admin (juga mengelola OPD, kode pendaftaran, token, akar tepercaya, dan akun).`, {
      field: 'role',
    });
  }
  if (!input.password) throw new BerkasError('USAGE', 'Kata sandi kosong. Dari baris perintah, isi variabel lingkungan BERKAS_REVIEWER_PASSWORD (kata sandi tidak pernah ditulis sebagai argumen).', { field: 'password' });
  const reviewer: Reviewer = {
    id: newId('rev'),
    username,
    name,
    role: input.role as ReviewerRole,
    passwordHash: await hashPassword(input.password),
    createdAt: input.now.toISOString(),
    createdBy: input.by,
    disabledAt: null,
  };
  if ((await store.addReviewer(reviewer)) === 'exists') throw new BerkasError('REVIEWER_EXISTS', `Nama pengguna ${username} sudah dipakai; pilih nama lain.`, { field: 'username' });
  return viewOf(reviewer);
}

async function byUsername(store: ConsoleStore, username: string): Promise<Reviewer> {
  const r = await store.reviewerByUsername(username.trim().toLowerCase());
  if (!r) throw new BerkasError('REVIEWER_NOT_FOUND', `Tidak ada peninjau dengan nama pengguna "${username.slice(0, 60)}"; lihat "berkas server reviewer list".`);
  return r;
}

export async function listReviewers(store: ConsoleStore, _now: Date): Promise<ReviewerView[]> {
  return (await store.listReviewers()).map(viewOf);
}

export async function disableReviewer(store: ConsoleStore, username: string, now: Date): Promise<ReviewerView> {
  const r = await byUsername(store, username);
  const result = await store.disableReviewer(r.id, now.toISOString());
  if (result === 'not-found') throw new BerkasError('REVIEWER_NOT_FOUND', `Akun ${r.username} sudah dinonaktifkan.`);
  if (result === 'last-admin') throw new BerkasError('LAST_ADMIN', `${r.username} adalah admin aktif terakhir; buat admin lain dulu agar server tetap dapat dikelola.`);
  return { ...viewOf(r), disabledAt: now.toISOString() };
}

export async function setReviewerPassword(store: ConsoleStore, username: string, password: string, now: Date): Promise<ReviewerView> {
  const r = await byUsername(store, username);
  await store.setPasswordHash(r.id, await hashPassword(password), now.toISOString());
  return viewOf(r);
}

export async function logoutReviewer(store: ConsoleStore, username: string, now: Date): Promise<{ username: string; revoked: number }> {
  const r = await byUsername(store, username);
  return { username: r.username, revoked: await store.revokeSessionsOf(`reviewer:${r.id}`, now.toISOString()) };
}
