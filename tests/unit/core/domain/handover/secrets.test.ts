import { describeSecrets, looksBinary, secretByName, secretsInText, shouldScanContent } from '../../../../../core/domain/handover/secrets';

describe('secretByName', () => {
  it.each([
    ['.env', '.env'],
    ['app/.env.production', '.env'],
    ['deploy/id_rsa', 'SSH'],
    ['cert/opd.p12', 'PKCS#12'],
    ['cert/server.key', 'kunci'],
    ['.aws/credentials', 'AWS'],
    ['public/.htpasswd', 'htpasswd'],
  ])('flags %s', (file, words) => {
    expect(secretByName(file)).toContain(words);
  });

  it.each(['.env.example', 'app/.env.sample', 'deploy/id_rsa.pub', 'src/env.ts', 'credentials.md', 'keyboard.js'])('leaves %s alone', (file) => {
    expect(secretByName(file)).toBeNull();
  });
});

describe('secretsInText', () => {
  it('finds a private key block, naming the line, not the key', () => {
    const text = 'x\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n';
    const found = secretsInText('deploy/key.pem', text);
    expect(found).toEqual([{ file: 'deploy/key.pem', line: 2, reason: 'kunci privat (PEM) tertulis di berkas' }]);
    expect(JSON.stringify(found)).not.toContain('MIIE');
  });

  it('finds passwords written in PHP configuration (CodeIgniter, WordPress)', () => {
    const php = ["$db['default'] = array(", "  'hostname' => 'localhost',", "  'password' => 'Rahasia123',", ');', "define('DB_PASSWORD', 'S3cret!');", "$db['default']['password'] = 'Lama2010';"].join('\n');
    const found = secretsInText('application/config/database.php', php);
    expect(found.map((f) => f.line)).toEqual([3, 5, 6]);
    expect(found[0]!.reason).toContain('password');
    expect(JSON.stringify(found)).not.toContain('Rahasia123');
  });

  it('finds bare assignments in .env and .ini but not in source code', () => {
    expect(secretsInText('.env', 'APP_NAME=Simpeg\nDB_PASSWORD=rahasia123\n').map((f) => f.line)).toEqual([2]);
    expect(secretsInText('config/app.ini', 'db_pass = rahasia123').length).toBe(1);
    expect(secretsInText('src/login.js', 'const password = req.body.password;')).toEqual([]);
  });

  it('finds well-known token shapes', () => {
    expect(secretsInText('deploy.sh', 'export AWS_KEY_ID=AKIAABCDEFGHIJKLMNOP')[0]!.reason).toBe('kunci akses AWS');
    expect(secretsInText('ci.yml', `token: ghp_${'a'.repeat(36)}`)[0]!.reason).toBe('token GitHub');
    expect(secretsInText('config.js', "const url = 'mysql://admin:rahasia@db.local/simpeg';")[0]!.reason).toContain('URL');
  });

  it.each([
    ["'password' => env('DB_PASSWORD'),", 'environment lookup'],
    ['DB_PASSWORD=${DB_PASSWORD}', 'placeholder'],
    ['"password": "Kata sandi"', 'a label'],
    ["'password' => '',", 'empty'],
    ['password: "********"', 'masked'],
    ['<input type="password" name="password">', 'a form field'],
    ['if (password === "admin") {', 'a comparison'],
  ])('does not flag %s (%s)', (line) => {
    expect(secretsInText('config/x.php', line)).toEqual([]);
  });

  it('stops at five findings per file', () => {
    const text = Array.from({ length: 20 }, (_, i) => `PASS_${i}=rahasia${i}xyz`).join('\n');
    expect(secretsInText('.env', text)).toHaveLength(5);
  });
});

describe('scan decisions', () => {
  it('reads small text-like files only', () => {
    expect(shouldScanContent('config/database.php', 2000)).toBe(true);
    expect(shouldScanContent('.env.production', 100)).toBe(true);
    expect(shouldScanContent('public/logo.png', 2000)).toBe(false);
    expect(shouldScanContent('dump.sql', 50 * 1024 * 1024)).toBe(false);
    expect(looksBinary(new Uint8Array([1, 2, 0, 3]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('teks biasa'))).toBe(false);
  });

  it('summarises findings for a message', () => {
    const text = describeSecrets([
      { file: '.env', reason: 'berkas .env' },
      { file: 'config/db.php', line: 12, reason: 'kata sandi' },
    ]);
    expect(text).toBe('2 kemungkinan rahasia di 2 berkas: .env (berkas .env); config/db.php baris 12 (kata sandi)');
  });
});
