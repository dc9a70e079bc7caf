import { isBerkasError } from '../core/domain/errors';
import type { Command } from './command';
import { appCommands } from './commands/app';
import { uiCommands } from './commands/ui';
import { rencanaAksiCommands } from './commands/rencana-aksi';
import { signingCommands } from './commands/signing';
import { backupCommands } from './commands/backup';
import { serverCommands } from './commands/server';
import { handoverCommands } from './commands/handover';
import { outboxCommands } from './commands/outbox';
import { reportCommands } from './commands/reports';
import { syncCommands } from './commands/sync';

/** Every verb; areas register theirs in cli/commands/<area>.ts. */
const commands: Command[] = [...appCommands, ...uiCommands, ...rencanaAksiCommands, ...signingCommands, ...backupCommands];
commands.push(...serverCommands);
commands.push(...handoverCommands);
commands.push(...outboxCommands);
commands.push(...reportCommands);
commands.push(...syncCommands);

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Berkas — menyiapkan, menandatangani, dan mengirim berkas e-government OPD.',
    '',
    'Pemakaian: npm run -s berkas -- <perintah> [opsi]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Opsi umum: --data-dir FOLDER (bawaan: folder data aplikasi Berkas, atau $BERKAS_DATA_DIR)',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(help() + '\n');
    return argv.length === 0 ? 1 : 0;
  }
  // Longest match first, so "rencana-aksi import" wins over a bare "rencana-aksi".
  const match = [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((word, i) => argv[i] === word));
  if (!match) {
    process.stderr.write(`Perintah tidak dikenal: ${argv.slice(0, 2).join(' ')}\n\n${help()}\n`);
    return 2;
  }
  const rest = argv.slice(match.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${match.summary}\nPemakaian: ${match.usage}\n`);
    return 0;
  }
  try {
    return await match.run(rest);
  } catch (err) {
    if (isBerkasError(err)) {
      process.stderr.write(`Galat [${err.code}]: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`Galat tak terduga: ${(err as Error).stack ?? String(err)}\n`);
    return 70;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
