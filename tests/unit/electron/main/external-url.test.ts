import { isSafeExternalUrl, toSafeExternalUrl } from '../../../../electron/main/external-url';

describe('isSafeExternalUrl: only plain, named https sites leave the app', () => {
  it.each([
    'https://jdih.jambiprov.go.id/',
    'https://peraturan.bpk.go.id/Details/123456/perda-no-1',
    'https://www.example.com/path?q=1&r=2#bagian',
    'HTTPS://Example.COM/',
    'https://sub-domain.example.co.id',
  ])('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    // Other schemes: the OS would run or open them.
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(document.cookie)'],
    ['file:///etc/passwd'],
    ['file://server/share/x.exe'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['ms-msdt:/id PCWDiagnostic /skip force'],
    ['search-ms:query=x&crumb=location:\\\\evil\\share'],
    ['smb://evil.example.com/share'],
    ['mailto:a@example.com'],
    ['berkas://app/index.html'],
    ['http://example.com/'],
    ['ftp://example.com/'],
    ['//example.com/'],
    ['example.com'],
    // Odd https spellings the parser would repair.
    ['https:example.com'],
    ['https:/example.com'],
    ['https:///example.com'],
    ['https:\\\\example.com'],
    ['https://example.com\\@evil.com/'],
    // Credentials hide the real host.
    ['https://user:pass@example.com/'],
    ['https://example.com@evil.com/'],
    ['https://example.com%2F@evil.com/'],
    ['https://@example.com/'],
    // Ports and IP literals in every spelling.
    ['https://example.com:8443/'],
    ['https://127.0.0.1/'],
    ['https://127.1/'],
    ['https://2130706433/'],
    ['https://0x7f.0.0.1/'],
    ['https://0177.0.0.1/'],
    ['https://[::1]/'],
    ['https://[::ffff:7f00:1]/'],
    ['https://192.168.1.10/admin'],
    ['https://169.254.169.254/latest/meta-data'],
    // Names that mean this machine or the local network.
    ['https://localhost/'],
    ['https://foo.localhost/'],
    ['https://printer.local/'],
    ['https://server.internal/'],
    ['https://example.com./'],
    ['https://intranet/'],
    // Unicode tricks.
    ['https://xn--80ak6aa92e.com/'],
    ['https://аррӏе.com/'],
    ['https://ｅｘａｍｐｌｅ.com/'],
    ['https://example。com/'],
    ['https://example.com/\u202Efdp.exe'],
    ['https://exa\u200Bmple.com/'],
    // Whitespace and control characters the parser strips.
    [' https://example.com/'],
    ['https://example.com/\n'],
    ['https://exa\tmple.com/'],
    ['https://example.com/a b'],
    ['\u0000https://example.com/'],
    // Malformed hosts.
    ['https://-example.com/'],
    ['https://example-.com/'],
    ['https://exa_mple.com/'],
    ['https://example.123/'],
    ['https:// /'],
    [''],
    ['https://'],
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses a link longer than 2048 characters', () => {
    expect(isSafeExternalUrl(`https://example.com/${'a'.repeat(2029)}`)).toBe(false);
    expect(isSafeExternalUrl(`https://example.com/${'a'.repeat(2028)}`)).toBe(true);
  });

  it('refuses what is not a string at all', () => {
    for (const value of [undefined, null, 42, {}, ['https://example.com/']]) {
      expect(toSafeExternalUrl(value)).toBeNull();
    }
  });

  it('hands on the normalised URL, not the raw text', () => {
    expect(toSafeExternalUrl('HTTPS://Example.COM/a/../b?x=1')).toBe('https://example.com/b?x=1');
  });
});
