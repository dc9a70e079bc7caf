import { appEntryUrl, appOrigin, isAllowedNavigation, isTrustedSender, originOf, trustedOriginsFor } from '../../../../electron/main/origins';

describe('originOf', () => {
  it('gives scheme://host[:port] for the app scheme, which Node reports as "null"', () => {
    expect(new URL(appEntryUrl).origin).toBe('null');
    expect(originOf(appEntryUrl)).toBe('berkas://app');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
  });

  it.each(['', 'not a url', 'berkas:app', 'berkas://user:pw@app/', 'http://a@localhost:5173/', 'file:///etc/passwd', 'data:text/html,x', 'about:blank'])(
    'is null for %j',
    (raw) => {
      expect(originOf(raw)).toBeNull();
    },
  );
});

describe('trustedOriginsFor', () => {
  it('trusts only the app origin when packaged', () => {
    expect(trustedOriginsFor(undefined)).toEqual([appOrigin]);
  });

  it('trusts only the dev server origin under npm start', () => {
    expect(trustedOriginsFor('http://localhost:5173')).toEqual(['http://localhost:5173']);
    expect(trustedOriginsFor('http://127.0.0.1:5174/')).toEqual(['http://127.0.0.1:5174']);
  });

  it.each(['https://evil.example.com', 'http://192.168.1.2:5173', 'http://localhost', 'berkas://app', 'http://localhost.evil.com:5173'])(
    'refuses a dev server at %s',
    (url) => {
      expect(() => trustedOriginsFor(url)).toThrow('Alamat server pengembangan Vite tidak sah');
    },
  );
});

describe('isAllowedNavigation', () => {
  const trusted = [appOrigin];
  it('allows pages of the app origin', () => {
    expect(isAllowedNavigation('berkas://app/index.html#/laporan', trusted)).toBe(true);
    expect(isAllowedNavigation('berkas://app/rencana-aksi', trusted)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'berkas://other/index.html',
    'berkas://app:1/index.html',
    'berkas://APP.evil/index.html',
    'berkas://x@app/index.html',
    'file:///C:/Windows/system32/calc.exe',
    'javascript:alert(1)',
    'http://localhost:5173/',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url, trusted)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const trusted = [appOrigin];
  it('trusts the top frame of an app page', () => {
    expect(isTrustedSender({ url: 'berkas://app/index.html', isTopFrame: true }, trusted)).toBe(true);
  });

  it('refuses a same-origin iframe', () => {
    expect(isTrustedSender({ url: 'berkas://app/index.html', isTopFrame: false }, trusted)).toBe(false);
  });

  it('refuses a missing frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(null, trusted)).toBe(false);
    expect(isTrustedSender(undefined, trusted)).toBe(false);
  });

  it.each(['https://evil.example.com/', 'http://localhost:5173/', 'file:///tmp/x.html', 'about:blank', '', 'data:text/html,hi'])(
    'refuses a top frame at %j',
    (url) => {
      expect(isTrustedSender({ url, isTopFrame: true }, trusted)).toBe(false);
    },
  );

  it('under the dev server, trusts it and not the packaged origin', () => {
    const dev = trustedOriginsFor('http://localhost:5173');
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isTopFrame: true }, dev)).toBe(false);
    expect(isTrustedSender({ url: 'berkas://app/index.html', isTopFrame: true }, dev)).toBe(false);
  });
});
