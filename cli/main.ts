import { isBerkasError } from '../core/domain/errors';
import type { Command } from './command';

/**
 * Every area's verbs, loaded only when one of them runs: `berkas nip check`
 * should not pay for the PDF, ZIP and database code of `berkas bundle
 * create`. `words` are the first words of the area's verbs (a test checks
 * each verb is found through them); `--help` and an unknown verb load all.
 */
export const areas: { words: readonly string[]; load: () => Promise<Command[]> }[] = [
  { words: ['info', 'settings', 'profiles', 'nip'], load: async () => (await import('./commands/app')).appCommands },
  { words: ['ui'], load: async () => (await import('./commands/ui')).uiCommands },
  { words: ['rencana-aksi'], load: async () => (await import('./commands/rencana-aksi')).rencanaAksiCommands },
  { words: ['pdf', 'sign', 'verify', 'certificate', 'trust'], load: async () => (await import('./commands/signing')).signingCommands },
  { words: ['backup'], load: async () => (await import('./commands/backup')).backupCommands },
  { words: ['server'], load: async () => (await import('./commands/server')).serverCommands },
  { words: ['bundle'], load: async () => (await import('./commands/handover')).handoverCommands },
  { words: ['enroll', 'outbox'], load: async () => (await import('./commands/outbox')).outboxCommands },
  { words: ['report'], load: async () => (await import('./commands/reports')).reportCommands },
  { words: ['sync'], load: async () => (await import('./commands/sync')).syncCommands },
  { words: ['documents'], load: async () => (await import('./commands/documents')).documentCommands },
];

export async function allCommands(): Promise<Command[]> {
  return (await Promise.all(areas.map((a) => a.load()))).flat();
}

function help(commands: Command[]): string {
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

/** The verb argv names, longest match first, so "rencana-aksi import" wins over a bare "rencana-aksi". */
function matchOf(commands: Command[], argv: string[]): Command | undefined {
  return [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length).find((c) => c.name.split(' ').every((word, i) => argv[i] === word));
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(help(await allCommands()) + '\n');
    return argv.length === 0 ? 1 : 0;
  }
  const area = areas.find((a) => a.words.includes(argv[0] ?? ''));
  const match = area ? matchOf(await area.load(), argv) : undefined;
  if (!match) {
    process.stderr.write(`Perintah tidak dikenal: ${argv.slice(0, 2).join(' ')}\n\n${help(await allCommands())}\n`);
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
