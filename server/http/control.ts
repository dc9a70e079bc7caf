/**
 * The loopback control endpoint: lets `berkas server <admin verb>` act on a
 * data folder whose store the running server holds (the sql.js store is one
 * process per folder). Only from 127.0.0.1/::1, and only with the secret the
 * server wrote to <data-dir>/control-secret (0600) at start, which only the
 * server's own user can read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { isBerkasError } from '../../core/domain/errors';
import { ADMIN_VERBS, runAdminVerb, type AdminContext, type AdminVerb } from '../admin';
import { IntakeError } from '../protocol/errors';
import { isLoopback, readJson, sendJson } from './http-util';
import { markAuthenticated } from './connection-guard';

export async function handleControl(ctx: AdminContext, secret: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const sent = Buffer.from(String(req.headers['berkas-control-secret'] ?? ''));
  const mine = Buffer.from(secret);
  // A reverse proxy on this host also connects from loopback: a forwarded request is never the local CLI.
  const isForwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  if (!isLoopback(req) || isForwarded || sent.length !== mine.length || !timingSafeEqual(sent, mine)) {
    throw new IntakeError('NOT_FOUND', `Alamat ${url.pathname.slice(0, 100)} tidak dikenal.`);
  }
  markAuthenticated(req);
  const verb = url.pathname.slice('/control/'.length) as AdminVerb;
  if (req.method !== 'POST' || !ADMIN_VERBS.includes(verb)) throw new IntakeError('NOT_FOUND', `Perintah kendali ${verb.slice(0, 40)} tidak dikenal.`);
  const args = (await readJson(req, 64 * 1024)) as Record<string, unknown>;
  try {
    sendJson(res, 200, { result: await runAdminVerb(ctx, verb, args ?? {}) });
  } catch (err) {
    // The CLI shows the same code and message as it would when acting directly.
    if (isBerkasError(err) && !(err instanceof IntakeError)) {
      sendJson(res, 400, { error: err.toPayload() });
      return;
    }
    throw err;
  }
}
