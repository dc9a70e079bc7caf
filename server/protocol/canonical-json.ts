/**
 * Canonical JSON (PROTOCOL.md §1.2): RFC 8785 restricted to the values the
 * protocol carries — objects with keys in UTF-16 code-unit order, no
 * whitespace, strings as JSON.stringify writes them, non-negative safe
 * integers only. The manifest hash and the receipt signature are over these
 * bytes, so the app and the server must produce them identically.
 */
import { createHash } from 'node:crypto';

// The one canonical form, shared with the app (core/domain/outbox/manifest.ts).
export { canonicalJson } from '../../core/domain/outbox/manifest';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
