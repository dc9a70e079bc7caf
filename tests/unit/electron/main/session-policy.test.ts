import { hardenSession, withAppCsp, type PolicySession } from '../../../../electron/main/session-policy';
import { contentSecurityPolicy } from '../../../../core/api/csp';

type Listener = (...args: unknown[]) => unknown;

function fakeSession() {
  const recorded: Record<string, Listener> = {};
  const headerFilters: { urls: string[] }[] = [];
  const session = {
    setPermissionRequestHandler: (h: Listener) => (recorded.request = h),
    setPermissionCheckHandler: (h: Listener) => (recorded.check = h),
    setDevicePermissionHandler: (h: Listener) => (recorded.device = h),
    on: (event: string, h: Listener) => (recorded[`on:${event}`] = h),
    webRequest: {
      onHeadersReceived: (filter: { urls: string[] }, h: Listener) => {
        headerFilters.push(filter);
        recorded.headers = h;
      },
    },
  };
  return { session: session as unknown as PolicySession, recorded, headerFilters };
}

describe('withAppCsp', () => {
  it('replaces any CSP the server sent, whatever its case, and keeps other headers', () => {
    const headers = withAppCsp({
      'content-security-policy': ["script-src 'unsafe-inline' 'unsafe-eval' *"],
      'Content-Security-Policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(headers).toStrictEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] });
  });

  it('adds the CSP when there were no headers', () => {
    expect(withAppCsp(undefined)).toStrictEqual({ 'Content-Security-Policy': [contentSecurityPolicy] });
  });

  it('is the strict policy: script-src self, no inline or eval script', () => {
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe/);
    expect(contentSecurityPolicy).toContain("object-src 'none'");
  });
});

describe('hardenSession', () => {
  it('denies every permission request, check and device', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session, undefined, ['berkas://app']);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb']) {
      const callback = jest.fn();
      recorded.request?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(recorded.check?.({}, 'media', 'berkas://app', {})).toBe(false);
    expect(recorded.device?.({ deviceType: 'usb' })).toBe(false);
  });

  it('lets through only downloads the app made itself, with a save dialog', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session, undefined, ['berkas://app']);
    const attempt = (url: string) => {
      const event = { preventDefault: jest.fn() };
      const item = { getURL: () => url, getFilename: () => 'rencana-aksi.pdf', setSaveDialogOptions: jest.fn() };
      recorded['on:will-download']?.(event, item, {});
      return { isCancelled: event.preventDefault.mock.calls.length > 0, dialog: item.setSaveDialogOptions.mock.calls[0]?.[0] };
    };
    expect(attempt('blob:berkas://app/6f1c2d3e-aaaa-bbbb-cccc-000000000001')).toEqual({ isCancelled: false, dialog: { defaultPath: 'rencana-aksi.pdf' } });
    for (const hostile of [
      'https://evil.example/malware.exe',
      'blob:https://evil.example/6f1c2d3e',
      'blob:berkas://app.evil/6f1c',
      'blob:http://localhost:5173/6f1c',
      'data:application/pdf;base64,JVBERi0=',
      'file:///etc/passwd',
      'blob:',
      '',
    ]) {
      expect(attempt(hostile).isCancelled).toBe(true);
    }
  });

  it('injects the CSP into the dev server responses only when there is one', () => {
    const packaged = fakeSession();
    hardenSession(packaged.session, undefined, ['berkas://app']);
    expect(packaged.headerFilters).toHaveLength(0);

    const dev = fakeSession();
    hardenSession(dev.session, 'http://localhost:5173', ['http://localhost:5173']);
    expect(dev.headerFilters).toEqual([{ urls: ['http://localhost:5173/*'] }]);
    const callback = jest.fn();
    dev.recorded.headers?.({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
});
