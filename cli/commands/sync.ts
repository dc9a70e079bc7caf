/**
 * `berkas sync reference` (issue 7 item 7): fetches the reference data of
 * Diskominfo's intake server now — today the catalog of every OPD's accepted
 * activities, installed for the duplicate check of rencana aksi. The vault
 * holding the device token opens with BERKAS_VAULT_PASSPHRASE outside Electron.
 */
import type { Command } from '../command';
import { dataDirOption, parseCommandArgs, printJson } from '../command';
import { withWorkspace } from '../session';

const reference: Command = {
  name: 'sync reference',
  summary: 'Memperbarui katalog kegiatan OPD lain dari server Diskominfo (perangkat harus terdaftar)',
  usage: 'berkas sync reference [--data-dir D] [--json]  (brankas: BERKAS_VAULT_PASSPHRASE)',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (api) => {
      const result = await api.referenceSync({});
      if (values.json) {
        printJson(result);
        return 0;
      }
      const c = result.catalog;
      const what = `${c.entryCount} kegiatan milik ${c.opdCount} OPD`;
      process.stdout.write(
        c.status === 'updated'
          ? `Katalog kegiatan diperbarui dari ${c.serverUrl}: ${what}.\n`
          : `Katalog kegiatan sudah yang terbaru di ${c.serverUrl} (${what}${c.importedAt ? `, dipasang ${c.importedAt}` : ''}).\n`,
      );
      return 0;
    });
  },
};

export const syncCommands: Command[] = [reference];
