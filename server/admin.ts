/**
 * The administrator's verbs (PROTOCOL.md §11), one implementation for both
 * ways of reaching them: directly on a stopped server's data folder, or
 * through the running server's loopback control endpoint (server/http/control.ts).
 */
import { BerkasError } from '../core/domain/errors';
import { isOpdCode } from './protocol/ids';
import { newId, newToken, tokenHash } from './intake/codes';
import type { IntakeService } from './intake/service';
import type { ReceiptKeys } from './intake/receipt-keys';
import { addOpdCertificate, listOpdCertificates, removeOpdCertificate } from './intake/opd-certificates';
import { addReviewer, disableReviewer, listReviewers, logoutReviewer, setReviewerPassword } from './review/reviewers';
import { addTrustRoots, removeTrustRoot } from './intake/trust-roots';
import { consolidate } from './consolidation/consolidate';
import { checkBlobs } from './intake/blob-check';

export type AdminVerb =
  | 'enroll-code'
  | 'revoke-token'
  | 'tokens'
  | 'admin-token'
  | 'import'
  | 'rotate-key'
  | 'check'
  | 'opd-certificate-add'
  | 'opd-certificate-list'
  | 'opd-certificate-remove'
  | 'reviewer-add'
  | 'reviewer-list'
  | 'reviewer-disable'
  | 'reviewer-password'
  | 'reviewer-logout'
  | 'trust-add'
  | 'trust-list'
  | 'trust-remove'
  | 'consolidation'
  | 'review';
export const ADMIN_VERBS: readonly AdminVerb[] = [
  'enroll-code',
  'revoke-token',
  'tokens',
  'admin-token',
  'import',
  'rotate-key',
  'check',
  'opd-certificate-add',
  'opd-certificate-list',
  'opd-certificate-remove',
  'reviewer-add',
  'reviewer-list',
  'reviewer-disable',
  'reviewer-password',
  'reviewer-logout',
  'trust-add',
  'trust-list',
  'trust-remove',
  'consolidation',
  'review',
];

export interface AdminContext {
  service: IntakeService;
  keys: ReceiptKeys;
  now: () => Date;
}

function optionalString(args: Record<string, unknown>, key: string): string | undefined {
  const v = args[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new BerkasError('USAGE', `--${key} harus berupa teks.`);
  return v;
}

export async function runAdminVerb(ctx: AdminContext, verb: AdminVerb, args: Record<string, unknown>): Promise<unknown> {
  switch (verb) {
    case 'enroll-code': {
      const opd = optionalString(args, 'opd');
      if (!opd) throw new BerkasError('USAGE', '--opd KODE wajib diisi, mis. --opd DISDIK.');
      const days = args['valid-days'] === undefined ? 7 : Number(args['valid-days']);
      return ctx.service.createEnrollmentCode(opd.toUpperCase(), optionalString(args, 'name') ?? null, days);
    }
    case 'revoke-token': {
      const tokenId = optionalString(args, 'token-id');
      const opd = optionalString(args, 'opd');
      if ((tokenId === undefined) === (opd === undefined)) throw new BerkasError('USAGE', 'Sebutkan tepat satu: --token-id ID atau --opd KODE.');
      if (opd !== undefined && !isOpdCode(opd.toUpperCase())) throw new BerkasError('OPD_INVALID', `Kode OPD "${opd}" tidak sah.`);
      const revoked = await ctx.service.repo.revokeDeviceTokens(tokenId !== undefined ? { tokenId } : { opd: (opd as string).toUpperCase() }, ctx.now().toISOString());
      if (revoked === 0) throw new BerkasError('TOKEN_NOT_FOUND', tokenId ? `Token ${tokenId} tidak ada atau sudah dicabut.` : `OPD ${opd} tidak memiliki token aktif.`);
      return { revoked };
    }
    case 'tokens': {
      const opd = optionalString(args, 'opd');
      return { tokens: await ctx.service.repo.listDeviceTokens(opd?.toUpperCase()) };
    }
    case 'admin-token': {
      const token = newToken();
      const id = newId('adm');
      await ctx.service.repo.addAdminToken({ id, tokenSha256: tokenHash(token), label: optionalString(args, 'label') ?? null, createdAt: ctx.now().toISOString() });
      return { id, token };
    }
    case 'import': {
      const file = optionalString(args, 'file');
      if (!file) throw new BerkasError('USAGE', 'Sebutkan berkas paket: berkas server import BERKAS.zip --data-dir D.');
      return ctx.service.importPackage(file);
    }
    case 'rotate-key':
      return ctx.keys.rotate(ctx.now());
    case 'check':
      return checkBlobs({ storage: ctx.service.blobs, nodes: ctx.service.nodes, repo: ctx.service.repo, now: ctx.now });
    case 'opd-certificate-add': {
      const opd = optionalString(args, 'opd');
      const certificate = optionalString(args, 'certificate');
      if (!opd || !certificate) throw new BerkasError('USAGE', 'Pemakaian: berkas server opd certificate add --opd KODE SERTIFIKAT.pem --data-dir D.');
      const bytes = new Uint8Array(Buffer.from(certificate, 'base64'));
      return addOpdCertificate(ctx.service.repo, { opd, bytes, fileName: optionalString(args, 'file') ?? 'sertifikat', label: optionalString(args, 'label') ?? null, now: ctx.now() });
    }
    case 'opd-certificate-list':
      return { certificates: await listOpdCertificates(ctx.service.repo, optionalString(args, 'opd')) };
    case 'opd-certificate-remove': {
      const opd = optionalString(args, 'opd');
      const fingerprint = optionalString(args, 'sha256');
      if (!opd || !fingerprint) throw new BerkasError('USAGE', 'Pemakaian: berkas server opd certificate remove --opd KODE SIDIK-JARI-SHA256 --data-dir D.');
      return removeOpdCertificate(ctx.service.repo, { opd, fingerprint });
    }
    case 'reviewer-add':
      return addReviewer(ctx.service.repo.console, {
        username: optionalString(args, 'username') ?? '',
        name: optionalString(args, 'name') ?? '',
        role: optionalString(args, 'role') ?? '',
        password: optionalString(args, 'password') ?? '',
        by: null,
        now: ctx.now(),
      });
    case 'reviewer-list':
      return { reviewers: await listReviewers(ctx.service.repo.console, ctx.now()) };
    case 'reviewer-disable':
      return disableReviewer(ctx.service.repo.console, optionalString(args, 'username') ?? '', ctx.now());
    case 'reviewer-password':
      return setReviewerPassword(ctx.service.repo.console, optionalString(args, 'username') ?? '', optionalString(args, 'password') ?? '', ctx.now());
    case 'reviewer-logout':
      return logoutReviewer(ctx.service.repo.console, optionalString(args, 'username') ?? '', ctx.now());
    case 'trust-add': {
      const certificate = optionalString(args, 'certificate');
      if (!certificate) throw new BerkasError('USAGE', 'Pemakaian: berkas server trust add AKAR.pem --data-dir D.');
      const roots = await addTrustRoots(ctx.service.repo.console, {
        bytes: new Uint8Array(Buffer.from(certificate, 'base64')),
        fileName: optionalString(args, 'file') ?? 'akar',
        label: optionalString(args, 'label') ?? null,
        by: null,
        now: ctx.now(),
      });
      return { roots, rejudged: await ctx.service.rejudgeTrust() };
    }
    case 'trust-list':
      return { roots: await ctx.service.repo.console.listTrustRoots() };
    case 'trust-remove': {
      const root = await removeTrustRoot(ctx.service.repo.console, optionalString(args, 'sha256') ?? '');
      return { root, rejudged: await ctx.service.rejudgeTrust() };
    }
    case 'consolidation': {
      const year = args.year === undefined || args.year === null ? null : Number(args.year);
      if (year !== null && (!Number.isInteger(year) || year < 2000 || year > 2100)) throw new BerkasError('USAGE', `--year "${String(args.year)}" bukan tahun 2000–2100.`);
      return consolidate(ctx.service.repo, { year, region: optionalString(args, 'region') ?? null, profiles: ctx.service.profiles, now: ctx.now() });
    }
    case 'review': {
      // For reviewers' scripts (issue 13): the same decision as the review page, recorded as made from the command line.
      const id = optionalString(args, 'id');
      const status = optionalString(args, 'status');
      if (!id) throw new BerkasError('USAGE', 'Sebutkan id pengiriman: berkas server review ID --status diterima|perlu-revisi|ditolak --data-dir D.');
      if (status !== 'diterima' && status !== 'perlu-revisi' && status !== 'ditolak') {
        throw new BerkasError('USAGE', `--status "${status ?? ''}" tidak dikenal; pilih diterima, perlu-revisi, atau ditolak.`);
      }
      const note = optionalString(args, 'note')?.trim() || null;
      if (note && note.length > 4000) throw new BerkasError('USAGE', `--note terlalu panjang (${note.length} karakter); catatan keputusan paling banyak 4000 karakter.`);
      const by = optionalString(args, 'by')?.trim() || null;
      const record = await ctx.service.decide(id, status, note, { id: 'baris-perintah', name: by });
      return { id: record.id, opd: record.opd, review: record.review };
    }
    default:
      throw new BerkasError('USAGE', `Perintah admin "${String(verb)}" tidak dikenal.`);
  }
}
