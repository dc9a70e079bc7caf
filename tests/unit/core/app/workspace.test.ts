import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace } from '../../../../core/app/workspace';

describe('workspace close', () => {
  it('runs every onClose hook, the last registered first, before the database closes, and reports the first failure', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-workspace-'));
    try {
      const ws = await openWorkspace({ dataDir: dir, transport: 'in-process' });
      const order: string[] = [];
      ws.onClose(() => void order.push(`pertama, basis data ${ws.db.schemaVersion() > 0 ? 'terbuka' : '?'}`));
      ws.onClose(async () => {
        order.push('kedua gagal');
        throw new Error('kedua gagal');
      });
      ws.onClose(() => void order.push('ketiga'));
      await expect(ws.close()).rejects.toThrow('kedua gagal');
      expect(order).toEqual(['ketiga', 'kedua gagal', 'pertama, basis data terbuka']);
      // The lock was released even so: the folder opens again.
      const again = await openWorkspace({ dataDir: dir, transport: 'in-process' });
      await again.close();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
