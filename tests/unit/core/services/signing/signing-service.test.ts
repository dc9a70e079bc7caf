import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database, KeyVault, SqlStatement } from '../../../../../core/ports';
import { createSigningService } from '../../../../../core/services/signing/signing-service';
import { createCertificateRepository } from '../../../../../core/adapters/repositories/certificate-repository';
import { createSigningEngine } from '../../../../../core/adapters/signing/signing-engine';
import { BerkasError } from '../../../../../core/domain/errors';

const repo = path.resolve(__dirname, '../../../../..');
const p12 = (name: string) => new Uint8Array(readFileSync(path.join(repo, 'tests/fixtures/signing', name)));

/** A vault in memory that records what it was asked to do. */
function memoryVault() {
  const secrets = new Map<string, Uint8Array>();
  const removed: string[] = [];
  const vault: KeyVault = {
    kind: 'os',
    seal: async (name, secret) => void secrets.set(name, secret),
    open: async (name) => secrets.get(name) ?? null,
    remove: async (name) => {
      removed.push(name);
      secrets.delete(name);
    },
  };
  return { vault, secrets, removed };
}

function service(db: Partial<Database>, vault: KeyVault, now = new Date('2030-01-01T00:00:00Z')) {
  return createSigningService({
    certificates: createCertificateRepository({ query: () => [], write: async () => undefined, schemaVersion: () => 3, close: async () => undefined, ...db } as Database),
    clock: { now: () => now },
    settings: { load: async () => null, save: async () => undefined },
    profiles: { list: () => [], get: () => { throw new Error('no profiles'); } },
    engine: createSigningEngine({ assetsDir: path.join(repo, 'assets') }),
    renderer: { renderRencanaAksi: async () => { throw new Error('not used'); } },
    trust: { list: async () => [], add: async () => undefined },
    vault: () => vault,
    loadPlan: async () => { throw new Error('not used'); },
    appVersion: 'test',
    newId: () => 'id-1',
  });
}

describe('signing service', () => {
  it('seals the .p12 as issued and writes its metadata, never the password', async () => {
    const mem = memoryVault();
    const writes: SqlStatement[] = [];
    const info = await service({ write: async (s) => void writes.push(...s) }, mem.vault).importCertificate({ fileName: 'officer.p12', bytes: p12('officer.p12'), password: 'rahasia-uji' });
    expect(info.id).toBe('id-1');
    expect([...mem.secrets.keys()]).toEqual(['cert-id-1']);
    const stored = JSON.parse(Buffer.from(mem.secrets.get('cert-id-1') ?? []).toString('utf8')) as { kind: string; p12: string };
    expect(stored.kind).toBe('p12');
    expect(Buffer.from(stored.p12, 'base64').equals(Buffer.from(p12('officer.p12')))).toBe(true);
    expect(JSON.stringify(writes)).not.toContain('rahasia-uji');
  });

  it('removes the sealed key again when the metadata cannot be written', async () => {
    const mem = memoryVault();
    const failing = service({ write: async () => { throw new BerkasError('DISK_FULL', 'Disk penuh'); } }, mem.vault);
    await expect(failing.importCertificate({ fileName: 'officer.p12', bytes: p12('officer.p12'), password: 'rahasia-uji' })).rejects.toMatchObject({ code: 'DISK_FULL' });
    expect(mem.removed).toEqual(['cert-id-1']);
    expect(mem.secrets.size).toBe(0);
  });

  it('judges validity by the service clock: the officer certificate has expired by 2041', async () => {
    const mem = memoryVault();
    await expect(
      service({}, mem.vault, new Date('2041-01-01T00:00:00Z')).importCertificate({ fileName: 'officer.p12', bytes: p12('officer.p12'), password: 'rahasia-uji' }),
    ).rejects.toMatchObject({ code: 'CERT_EXPIRED' });
    expect(mem.secrets.size).toBe(0);
  });

  it('refuses a PDF over the size limit before handing it to the engine', async () => {
    const big = new Uint8Array(101 * 1024 * 1024);
    const handle = createSigningEngine({ assetsDir: path.join(repo, 'assets') }).createSelfSigned({ name: 'Uji', nip: null, organization: null, now: new Date('2030-01-01T00:00:00Z') }).handle;
    await expect(service({}, memoryVault().vault).signPdfWith({ fileName: 'besar.pdf', pdf: big, handle, isCertified: false })).rejects.toMatchObject({
      code: 'PDF_TOO_LARGE',
      message: expect.stringContaining('PDF besar.pdf berukuran 101 MB, melebihi batas 100 MB'),
    });
  });
});
