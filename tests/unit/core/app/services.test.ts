import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../../../core/app/workspace';
import { createServices } from '../../../../core/app/services';

let dirs: string[] = [];
async function open(transport: 'in-process' | 'http'): Promise<Workspace> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-services-'));
  dirs.push(dir);
  return openWorkspace({ dataDir: dir, transport });
}

afterEach(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  dirs = [];
});

describe('createServices, the composition root of a workspace', () => {
  it('builds each service once: every access returns the same instance', async () => {
    const ws = await open('in-process');
    try {
      const services = createServices(ws);
      for (const name of ['settings', 'rencanaAksi', 'signing', 'reports', 'handover', 'outbox', 'referenceSync', 'backup', 'profiles', 'verification'] as const) {
        expect(services[name]).toBe(services[name]);
      }
    } finally {
      await ws.close();
    }
  });

  it('refuses to build a second set for the same workspace (two senders, two caches)', async () => {
    const ws = await open('in-process');
    try {
      createServices(ws);
      expect(() => createServices(ws)).toThrow(/already built/);
    } finally {
      await ws.close();
    }
  });

  it('starts the sender for the app and `berkas ui`, not for CLI verbs, and stops it when the workspace closes', async () => {
    const cli = await open('in-process');
    const app = await open('http');
    try {
      expect(createServices(cli).outbox.overview().sender.isAutomatic).toBe(false);
      const services = createServices(app);
      expect(services.outbox.overview().sender.isAutomatic).toBe(true);
      await app.close();
      // Stopped before the database closed: the sender no longer runs (and the database refuses reads).
      expect(() => services.outbox.overview()).toThrow();
    } finally {
      await cli.close();
    }
  });

  it('gives the outbox the plans of the same rencana aksi service: a signed plan PDF enters with its plan as data', async () => {
    const ws = await open('in-process');
    try {
      const services = createServices(ws);
      await services.settings.save({
        opd: { name: 'Dinas Uji', code: 'UJI', profileId: 'pontianak' },
        officer: { name: 'Budi Santoso', nip: '198703122010011002', jabatan: 'Kepala Bidang', pangkatGolongan: 'Penata / III.c' },
        serverUrl: '',
        language: 'id',
      });
      const csv = await fs.readFile(path.resolve(__dirname, '../../../fixtures/rencana-aksi/prabumulih-contoh.tsv'));
      const imported = await services.rencanaAksi.importFile({ fileName: 'rencana.tsv', bytes: new Uint8Array(csv), shouldSave: true });
      const doc = services.rencanaAksi.get(imported.plan.id);
      const handle = services.signing.oneOffSelfSigned({ name: 'Budi Santoso', nip: null, organization: null });
      const signed = await services.signing.renderAndSign({ plan: doc.plan, totals: doc.analysis.totals, handle, isCertified: false });
      const item = await services.outbox.addPdf({ fileName: signed.fileName, bytes: signed.pdf, isHeld: true });
      expect(item).toMatchObject({ type: 'rencana-aksi', title: doc.plan.title, period: String(doc.plan.year) });
    } finally {
      await ws.close();
    }
  });
});
