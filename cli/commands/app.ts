import { promises as fs } from 'node:fs';
import type { Command } from '../command';
import { dataDirOption, parseCommandArgs, printJson } from '../command';
import { withWorkspace, withoutWorkspace } from '../session';
import { checkNip } from '../../core/domain/settings/nip';
import { BerkasError } from '../../core/domain/errors';

const info: Command = {
  name: 'info',
  summary: 'Versi, folder data, dan pemberitahuan ruang kerja',
  usage: 'berkas info [--data-dir D] [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (api) => {
      const appInfo = await api.appInfo({});
      if (values.json) printJson(appInfo);
      else process.stdout.write(`${appInfo.name} ${appInfo.version}\nFolder data: ${appInfo.dataDir}\n`);
      return 0;
    });
  },
};

const settingsShow: Command = {
  name: 'settings show',
  summary: 'Menampilkan pengaturan OPD dan pejabat',
  usage: 'berkas settings show [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    return withWorkspace(values['data-dir'], async (api) => {
      const settings = await api.getSettings({});
      if (!settings) {
        process.stderr.write('Belum ada pengaturan: jalankan "berkas settings set --file PENGATURAN.json" atau buka aplikasi.\n');
        return 1;
      }
      printJson(settings);
      return 0;
    });
  },
};

const settingsSet: Command = {
  name: 'settings set',
  summary: 'Menyimpan pengaturan dari berkas JSON (diperiksa seperti dari UI)',
  usage: 'berkas settings set --file PENGATURAN.json [--data-dir D]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, file: { type: 'string' } }, this.usage, false);
    if (!values.file) throw new BerkasError('USAGE', `--file wajib diisi.\nPemakaian: ${this.usage}`);
    let request: unknown;
    try {
      request = JSON.parse(await fs.readFile(values.file, 'utf8'));
    } catch (err) {
      throw new BerkasError('SETTINGS_FILE', `Berkas ${values.file} tidak dapat dibaca sebagai JSON: ${(err as Error).message}`);
    }
    return withWorkspace(values['data-dir'], async (api) => {
      printJson(await api.saveSettings(request as Parameters<typeof api.saveSettings>[0]));
      return 0;
    });
  },
};

const profilesList: Command = {
  name: 'profiles list',
  summary: 'Daftar profil daerah (peraturan, istilah)',
  usage: 'berkas profiles list [--json]',
  async run(argv) {
    const { values } = parseCommandArgs(argv, { ...dataDirOption, json: { type: 'boolean' } }, this.usage, false);
    return withoutWorkspace(values['data-dir'], async (services) => {
      const profiles = services.profiles.list();
      if (values.json) printJson(profiles);
      else for (const p of profiles) process.stdout.write(`${p.id.padEnd(12)} ${p.name} — ${p.regulation}\n`);
      return 0;
    });
  },
};

const nipCheck: Command = {
  name: 'nip check',
  summary: 'Memeriksa susunan NIP 18 digit',
  usage: 'berkas nip check NIP',
  async run(argv) {
    // --data-dir is accepted and ignored: a NIP is checked by its own digits and today's date, no workspace involved.
    const { positionals } = parseCommandArgs(argv, { ...dataDirOption }, this.usage);
    if (positionals.length !== 1) throw new BerkasError('USAGE', `Sebutkan satu NIP.\nPemakaian: ${this.usage}`);
    const result = checkNip(positionals[0] ?? '', new Date());
    printJson(result);
    return result.isValid ? 0 : 1;
  },
};

export const appCommands: Command[] = [info, settingsShow, settingsSet, profilesList, nipCheck];
