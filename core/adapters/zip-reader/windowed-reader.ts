/**
 * The file as yauzl reads it: one descriptor for the whole archive, small
 * reads (end records, central records, local headers, data descriptors)
 * served from one read-ahead window, entry data streamed straight from the
 * descriptor. yauzl's own file reader asks the disk twice for every central
 * record and twice for every local header; through the window, the headers
 * of thousands of small files cost a handful of reads, and no entry opens
 * the file again.
 *
 * The archive may also be bytes already in memory (the server's small bags,
 * assembled from their blobs): the same reader over a source that copies out
 * of a Buffer, so every check above it runs unchanged, without a scratch file.
 */
import { Readable } from 'node:stream';
import { RandomAccessReader } from 'yauzl';

/** Positioned reads and a close: a FileHandle has both, a BufferSource gives them for bytes in memory. */
export interface ByteSource {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** An archive held in memory, read as a file is: fewer bytes at the end, none past it. */
export class BufferSource implements ByteSource {
  constructor(private readonly bytes: Buffer) {}

  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    if (position >= this.bytes.length || length <= 0) return Promise.resolve({ bytesRead: 0 });
    return Promise.resolve({ bytesRead: this.bytes.copy(buffer, offset, position, Math.min(position + length, this.bytes.length)) });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Read ahead for headers: the headers of small files come from one read, a large file's cost one read. */
const windowBytes = 64 * 1024;
/** Entry data is read in chunks of this size (as the hand-written reader did). */
const streamChunkBytes = 1024 * 1024;

/**
 * Bytes start..end of the file by positioned reads on the shared descriptor (or source).
 * Not the FileHandle's own createReadStream: destroying that stream (a reader
 * that stops early, a refusal) closes the descriptor under it, which the
 * other entries still read from.
 */
class RangeStream extends Readable {
  private position: number;

  constructor(
    private readonly handle: ByteSource,
    start: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: streamChunkBytes });
    this.position = start;
  }

  override _read(size: number): void {
    const length = Math.min(size, this.end - this.position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const buf = Buffer.allocUnsafe(length);
    this.handle.read(buf, 0, length, this.position).then(
      ({ bytesRead }) => {
        // The file shrank since it was opened: yauzl's word for it, which the reader turns into a refusal.
        if (bytesRead === 0) {
          this.destroy(new Error('unexpected EOF'));
          return;
        }
        this.position += bytesRead;
        this.push(bytesRead === length ? buf : buf.subarray(0, bytesRead));
      },
      (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  }
}

export class WindowedReader extends RandomAccessReader {
  private windowStart = 0;
  private window = Buffer.alloc(0);

  constructor(
    private readonly handle: ByteSource,
    readonly fileSize: number,
  ) {
    super();
  }

  /** Up to `length` bytes at `position`, fewer only at the end of the file. */
  async readAt(position: number, length: number): Promise<Buffer> {
    const end = position + length;
    if (position >= this.windowStart && end <= this.windowStart + this.window.length) {
      return this.window.subarray(position - this.windowStart, end - this.windowStart);
    }
    const size = Math.max(0, Math.min(Math.max(windowBytes, length), this.fileSize - position));
    const buf = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await this.handle.read(buf, done, size - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    // Set only after the read: a concurrent read meanwhile still gets its own bytes.
    this.windowStart = position;
    this.window = buf.subarray(0, done);
    return this.window.subarray(0, Math.min(length, done));
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    // Most of yauzl's reads fall inside the window: answered on the next tick (yauzl wants the answer after
    // read() returns), without a promise per central record.
    const inWindow = position - this.windowStart;
    if (inWindow >= 0 && inWindow + length <= this.window.length) {
      process.nextTick(callback, null, this.window.copy(buffer, offset, inWindow, inWindow + length));
      return;
    }
    this.readAt(position, length).then(
      (bytes) => callback(null, bytes.copy(buffer, offset)),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), 0),
    );
  }

  /** Bytes start..end (exclusive) as a stream: entry data. */
  rangeStream(start: number, end: number): Readable {
    return new RangeStream(this.handle, start, end);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return this.rangeStream(start, end);
  }

  /** Called by yauzl once nothing reads any more. */
  override close(callback: (err: Error | null) => void): void {
    this.handle.close().then(
      () => callback(null),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /** For an archive yauzl refused to open: it keeps its hold on the reader, so the file is closed here. */
  async closeNow(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
