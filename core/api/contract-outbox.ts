import { z } from 'zod';
import { op } from './operation';
import { SUBMISSION_TYPES } from '../domain/outbox/manifest';
import type { EnrollmentView, OutboxItemView, OutboxOverview, ServerCheck } from '../domain/outbox/views';

/**
 * Kotak keluar operations (issue 7). A file to send arrives either as bytes
 * (base64, from the renderer's file picker) or as a path on the computer that
 * runs Berkas (the CLI); a signed PDF is packaged with its data.json, a
 * package ZIP is verified as hostile input. The device token never crosses
 * the contract: enroll trades the code for it inside the core and seals it in
 * the key vault. Cancelling asks for confirmation in the UI, not here.
 */
const submissionId = z
  .string()
  .trim()
  .regex(/^([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|[0-7][0-9A-HJKMNP-TV-Z]{25})$/, { message: 'Id paket harus UUIDv7 atau ULID.' });
const filePath = z.string().min(1).max(4096);
/** A 100 MB PDF or a package as base64 is at most this long; the HTTP transport has its own, lower, limit. */
const maxBase64 = Math.ceil((200 * 1024 * 1024 * 4) / 3) + 4;
const secret = z.string().max(1000);

export const outboxContract = {
  outboxList: op(z.strictObject({})).returns<OutboxItemView[]>(),
  /** The outbox at a glance; `refresh` also asks the server for review results first. */
  outboxStatus: op(z.strictObject({ refresh: z.boolean().exactOptional() })).returns<OutboxOverview>(),
  outboxAdd: op(
    z
      .strictObject({
        fileName: z.string().trim().min(1).max(260),
        contentBase64: z
          .string()
          .max(maxBase64, { message: 'Berkas terlalu besar untuk dikirim lewat tampilan; gunakan perintah berkas outbox add.' })
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'Isi berkas bukan base64.' })
          .exactOptional(),
        path: filePath.exactOptional(),
        /** data.json as text, for a PDF that Berkas did not make. */
        dataJson: z.string().max(50 * 1024 * 1024).exactOptional(),
        type: z.enum(SUBMISSION_TYPES).exactOptional(),
        period: z.string().trim().max(20).exactOptional(),
        revisionOf: submissionId.exactOptional(),
        reportType: z.string().trim().max(64).exactOptional(),
        title: z.string().trim().min(1).max(300).exactOptional(),
        attachmentPaths: z.array(filePath).max(20_000).exactOptional(),
        isHeld: z.boolean().exactOptional(),
      })
      .refine((v) => (v.contentBase64 === undefined) !== (v.path === undefined), { message: 'Berikan isi berkas (contentBase64) atau path berkas, salah satu saja.', path: ['path'] }),
  ).returns<OutboxItemView>(),
  outboxSendNow: op(z.strictObject({ id: submissionId })).returns<OutboxItemView>(),
  outboxHold: op(z.strictObject({ id: submissionId })).returns<OutboxItemView>(),
  outboxResume: op(z.strictObject({ id: submissionId })).returns<OutboxItemView>(),
  outboxCancel: op(z.strictObject({ id: submissionId })).returns<OutboxItemView>(),
  /** Copies the package ZIP (the flash-drive file) to outPath on the computer that runs Berkas. */
  outboxExport: op(z.strictObject({ id: submissionId, outPath: filePath })).returns<{ id: string; path: string; size: number; fileName: string }>(),
  enroll: op(
    z.strictObject({
      serverUrl: z.string().trim().min(1).max(2000),
      code: z.string().trim().min(1).max(64),
      deviceName: z.string().trim().max(200).exactOptional(),
      vaultPassphrase: secret.exactOptional(),
    }),
  ).returns<EnrollmentView>(),
  serverStatus: op(z.strictObject({})).returns<ServerCheck>(),
};
