/**
 * A write that stops half-way, injected under the code that writes: every way
 * Node writes a file (fs.promises handles, the callback API that write
 * streams use, the sync API that electron-store's atomically uses) is wrapped
 * once, and passes straight through until armed. Armed for a folder, the first
 * write to a file opened for writing under it puts half of its bytes on disk,
 * fsyncs them, and then either kills the process with SIGKILL (a crash at the
 * worst moment) or fails with ENOSPC (a full flash drive).
 *
 * Install before importing the code under test: some libraries (stubborn-fs)
 * keep their own reference to fs functions from the moment they load.
 */
import fs from 'node:fs';

export type Fault = 'kill' | 'enospc';

export interface FiredFault {
  file: string;
  /** The mode of the file when its first byte was written (permission bits). */
  modeAtFirstWrite: number;
  bytesWritten: number;
}

interface Armed {
  under: string;
  fault: Fault;
  fired: FiredFault | null;
}

let armed: Armed | null = null;
let isInstalled = false;
let restore: (() => void) | null = null;

function isUnder(file: unknown): file is string {
  if (!armed || armed.fired || typeof file !== 'string') return false;
  return file.startsWith(armed.under + '/') || file.startsWith(armed.under + '\\');
}

function isWriteFlags(flags: unknown): boolean {
  if (typeof flags === 'string') return /[wa+]/.test(flags);
  if (typeof flags === 'number') return (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0;
  return false;
}

function enospc(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC', errno: -28, syscall: 'write', path: file });
}

/** Fires the fault after half of the bytes are on disk; never returns when it kills. */
function fire(file: string, mode: number, bytesWritten: number): NodeJS.ErrnoException {
  const state = armed as Armed;
  state.fired = { file, modeAtFirstWrite: mode & 0o777, bytesWritten };
  if (state.fault === 'kill') {
    process.kill(process.pid, 'SIGKILL');
    // SIGKILL to oneself is delivered at once; nothing after this line runs.
  }
  return enospc(file);
}

function toBytes(data: unknown, encoding?: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new Error('write-fault: unsupported data');
}

/** The bytes a write(buffer, offset?, length?, position?) call would write, and its position. */
function slice(args: unknown[]): { bytes: Buffer; position: number | null } {
  const [data, a, b, c] = args;
  if (typeof data === 'string') return { bytes: toBytes(data, b), position: typeof a === 'number' ? a : null };
  const all = toBytes(data);
  if (a !== null && typeof a === 'object') {
    const o = a as { offset?: number; length?: number; position?: number | null };
    const offset = o.offset ?? 0;
    return { bytes: all.subarray(offset, offset + (o.length ?? all.length - offset)), position: o.position ?? null };
  }
  const offset = typeof a === 'number' ? a : 0;
  const length = typeof b === 'number' ? b : all.length - offset;
  return { bytes: all.subarray(offset, offset + length), position: typeof c === 'number' ? c : null };
}

type Callback = (err: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;

export async function installWriteFaults(): Promise<void> {
  if (isInstalled) return;
  isInstalled = true;
  const promises = fs.promises as unknown as Record<string, unknown>;
  const fsMut = fs as unknown as Record<string, unknown>;
  const saved = { open: promises.open, fs: { open: fsMut.open, write: fsMut.write, writev: fsMut.writev, openSync: fsMut.openSync, writeSync: fsMut.writeSync } };
  // The wrappers below write their half through these, never through each other.
  const originalWriteSync = fs.writeSync;
  const originalOpenSync = fs.openSync;
  const originalOpenCb = fs.open;
  const originalWriteCb = fs.write;
  const originalWritev = fs.writev;

  // fs.promises: writeFileAtomic, the blob store, the backup writer, package export.
  const originalOpen = fs.promises.open.bind(fs.promises);
  const handlePaths = new WeakMap<object, string>();
  promises.open = async (file: fs.PathLike, flags?: string | number, mode?: fs.Mode) => {
    const handle = await originalOpen(file, flags, mode);
    if (isWriteFlags(flags) && isUnder(String(file))) handlePaths.set(handle, String(file));
    return handle;
  };
  const probe = await originalOpen(__filename, 'r');
  const proto = Object.getPrototypeOf(probe) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  await probe.close();
  const savedProto = { write: proto.write, writeFile: proto.writeFile };
  restore = () => {
    promises.open = saved.open;
    Object.assign(fsMut, saved.fs);
    Object.assign(proto, savedProto);
  };
  const originalWrite = proto.write as (this: fs.promises.FileHandle, ...args: unknown[]) => Promise<unknown>;
  const originalWriteFile = proto.writeFile as (this: fs.promises.FileHandle, ...args: unknown[]) => Promise<unknown>;
  proto.write = async function (this: fs.promises.FileHandle, ...args: unknown[]) {
    const file = handlePaths.get(this);
    if (!isUnder(file)) return originalWrite.apply(this, args);
    const { bytes, position } = slice(args);
    const mode = (await this.stat()).mode;
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    await originalWrite.call(this, half, 0, half.length, position);
    await this.sync();
    throw fire(file, mode, half.length);
  };
  proto.writeFile = async function (this: fs.promises.FileHandle, ...args: unknown[]) {
    const file = handlePaths.get(this);
    if (!isUnder(file)) return originalWriteFile.apply(this, args);
    const options = args[1];
    const bytes = toBytes(args[0], typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding);
    const mode = (await this.stat()).mode;
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    await originalWriteFile.call(this, half);
    await this.sync();
    throw fire(file, mode, half.length);
  };

  // Callback API: fs.createWriteStream (the bag writer's ZIP).
  const fdPaths = new Map<number, string>();
  fsMut.open = function (file: fs.PathLike, ...rest: unknown[]) {
    const callback = rest.pop() as Callback;
    const flags = rest[0];
    originalOpenCb(file, ...(rest as [string, number]), (err: NodeJS.ErrnoException | null, fd: number) => {
      if (!err && isWriteFlags(flags ?? 'r') && isUnder(String(file))) fdPaths.set(fd, String(file));
      callback(err, fd);
    });
  };
  fsMut.write = function (fd: number, ...rest: unknown[]) {
    const file = fdPaths.get(fd);
    if (!isUnder(file)) return (originalWriteCb as (...a: unknown[]) => void)(fd, ...rest);
    const callback = rest.pop() as Callback;
    const { bytes, position } = slice(rest);
    const mode = fs.fstatSync(fd).mode;
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    originalWriteSync(fd, half, 0, half.length, position);
    fs.fsyncSync(fd);
    callback(fire(file, mode, half.length));
  };
  fsMut.writev = function (fd: number, buffers: NodeJS.ArrayBufferView[], ...rest: unknown[]) {
    const file = fdPaths.get(fd);
    if (!isUnder(file)) return (originalWritev as (...a: unknown[]) => void)(fd, buffers, ...rest);
    const callback = rest.pop() as Callback;
    const position = typeof rest[0] === 'number' ? rest[0] : null;
    const bytes = Buffer.concat(buffers.map((b) => toBytes(b)));
    const mode = fs.fstatSync(fd).mode;
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    originalWriteSync(fd, half, 0, half.length, position);
    fs.fsyncSync(fd);
    callback(fire(file, mode, half.length));
  };

  // Sync API: atomically (electron-store's writer) opens and writes with openSync/writeSync.
  fsMut.openSync = function (file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) {
    const fd = originalOpenSync(file, flags ?? 'r', mode);
    if (isWriteFlags(flags ?? 'r') && isUnder(String(file))) fdPaths.set(fd, String(file));
    return fd;
  };
  fsMut.writeSync = function (fd: number, ...rest: unknown[]) {
    const file = fdPaths.get(fd);
    if (!isUnder(file)) return (originalWriteSync as (...a: unknown[]) => number)(fd, ...rest);
    const { bytes, position } = slice(rest);
    const mode = fs.fstatSync(fd).mode;
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    originalWriteSync(fd, half, 0, half.length, position);
    fs.fsyncSync(fd);
    throw fire(file, mode, half.length);
  };
}

/** Puts every wrapped function back (for a test process that lives on after the test). */
export function uninstallWriteFaults(): void {
  restore?.();
  restore = null;
  armed = null;
  isInstalled = false;
}

/** Arms the fault for the next write under `folder`; returns what fired (null if nothing was written there). */
export function armWriteFault(folder: string, fault: Fault): { fired(): FiredFault | null; disarm(): void } {
  if (!isInstalled) throw new Error('write-fault: installWriteFaults() first');
  const state: Armed = { under: folder.replace(/[\\/]+$/, ''), fault, fired: null };
  armed = state;
  return {
    fired: () => state.fired,
    disarm: () => {
      if (armed === state) armed = null;
    },
  };
}
