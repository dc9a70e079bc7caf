import type { Session } from 'electron';
import { contentSecurityPolicy } from '../../core/api/csp';
import { isAllowedDownload } from './origins';

/** Response headers as Electron's webRequest hands them over. */
export type HeaderMap = Record<string, string[]>;

/**
 * The headers with the app's CSP in place of any the server sent (names
 * compared without case, so a `content-security-policy` from the dev server
 * cannot survive beside ours).
 */
export function withAppCsp(headers: HeaderMap | undefined): HeaderMap {
  const result: HeaderMap = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [contentSecurityPolicy];
  return result;
}

/** The parts of an Electron Session this policy touches (a fake in tests). */
export type PolicySession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/**
 * Locks a session down: Berkas needs no camera, microphone, notifications,
 * geolocation or USB/HID/serial devices, so every request for them is denied.
 * Downloads are allowed only for files the app made itself (blob: URLs of the
 * app's origin: exports and signed PDFs), always through a save dialog. Under the
 * Vite dev server, the same CSP the custom protocol sends is injected into
 * the dev server's responses, so development runs under the production policy.
 */
export function hardenSession(session: PolicySession, devServerOrigin: string | undefined, trustedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL(), trustedOrigins)) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({ defaultPath: item.getFilename() });
  });
  if (devServerOrigin !== undefined) {
    session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
      callback({ responseHeaders: withAppCsp(details.responseHeaders) });
    });
  }
}
