/**
 * Steps on one kind of file, in their own process, for
 * tests/integration/file-writes-crash.test.ts:
 *   file-write-child.ts <kind> <root> <step>...   step: prepare | read | write:<kill|enospc|none>
 * The write fault is installed before the first write (and before conf, which
 * keeps its own references to fs functions, loads). Prints one JSON line per
 * event: {"prepared"}, {"read":…}, {"armed":…} then {"written":…} or
 * {"failed":code,"fired":…}. A killed write prints nothing after "armed".
 */
import { armWriteFault, installWriteFaults, type Fault } from './write-fault';
import { electronStoreKindName, fileKinds, type FileKind } from './file-kinds';
import { electronStoreKind } from './electron-store-kind';

function say(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

async function main(): Promise<void> {
  const [name, root, ...steps] = process.argv.slice(2);
  if (!name || !root || steps.length === 0) throw new Error('usage: file-write-child.ts <kind> <root> prepare|read|write:<kill|enospc|none>...');
  // What the test asserts about modes must not depend on the caller's umask.
  process.umask(0o022);
  await installWriteFaults();
  const kind: FileKind | undefined = name === electronStoreKindName ? electronStoreKind : fileKinds[name];
  if (!kind) throw new Error(`unknown kind ${name}`);
  for (const step of steps) {
    if (step === 'prepare') {
      await kind.prepare(root);
      say({ prepared: true });
    } else if (step === 'read') {
      say({ read: await kind.read(root) });
    } else if (step.startsWith('write:')) {
      const fault = step.slice('write:'.length);
      const armed = fault === 'none' ? null : armWriteFault(kind.folder(root), fault as Fault);
      say({ armed: fault });
      try {
        await kind.write(root);
        say({ written: true, fired: armed?.fired() ?? null });
      } catch (err) {
        say({ failed: (err as { code?: string }).code ?? String(err), fired: armed?.fired() ?? null });
      } finally {
        armed?.disarm();
      }
    } else {
      throw new Error(`unknown step ${step}`);
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
