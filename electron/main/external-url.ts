/**
 * Which links may leave Berkas for the officer's own browser (shell.openExternal).
 * openExternal hands the string to the operating system, which will happily
 * run file:, custom protocol handlers (ms-msdt:, search-ms:, ...) or SMB paths,
 * so only plain, named https sites pass:
 * - https only, written out as `https://host/...` (no `https:host`, no `https:///`);
 * - printable ASCII only, so no control characters or spaces the URL parser
 *   would silently strip, no bidi overrides, no fullwidth letters or dots that
 *   normalise into another host, and no internationalised (xn--) host names,
 *   whose look-alikes are the classic phishing trick; Indonesian government
 *   sites (.go.id) are ASCII;
 * - no backslashes (parsers disagree on them), no user:password@ part (it hides
 *   the real host), no explicit port;
 * - a DNS name with at least two labels and an alphabetic top-level label: no
 *   IP literal in any spelling (127.1, 0x7f.0.0.1, 2130706433, [::1]), no
 *   localhost or other names that resolve to this machine or the local network.
 */
const maxLength = 2048;

const localTopLevel = new Set(['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home', 'corp', 'arpa', 'onion', 'test', 'invalid']);

const labelPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isPublicDnsName(hostname: string): boolean {
  if (hostname.length === 0 || hostname.length > 253) return false;
  const labels = hostname.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => labelPattern.test(label) && !label.startsWith('xn--'))) return false;
  const top = labels[labels.length - 1] as string;
  return /^[a-z]{2,63}$/.test(top) && !localTopLevel.has(top);
}

/** The normalised URL to hand to shell.openExternal, or null when the link must not leave the app. */
export function toSafeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > maxLength) return null;
  if (!/^[\x21-\x7e]+$/.test(raw) || raw.includes('\\')) return null;
  if (!/^https:\/\/[^/]/i.test(raw)) return null;
  // Any @ in the authority, even with an empty user part ("https://@host"), which the parser drops.
  const authority = raw.slice('https://'.length).split(/[/?#]/, 1)[0] as string;
  if (authority.includes('@')) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  if (!isPublicDnsName(url.hostname)) return null;
  return url.href;
}

export function isSafeExternalUrl(raw: string): boolean {
  return toSafeExternalUrl(raw) !== null;
}
