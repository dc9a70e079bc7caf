/**
 * What the intake repository needs from a SQL database, so one repository
 * runs on the embedded sql.js store and on PostgreSQL alike. Statements use
 * `?` placeholders (the PostgreSQL runner numbers them) and the common SQL
 * subset of store/schema.ts.
 */
export type SqlParam = string | number | null;
export type Row = Record<string, string | number | null>;

export interface SqlTx {
  all<T extends Row = Row>(sql: string, params?: SqlParam[]): Promise<T[]>;
  /**
   * On sql.js, writes are collected and made durable together when the
   * transaction function returns; so a transaction reads first and writes
   * after (the runner refuses a read after a write).
   */
  run(sql: string, params?: SqlParam[]): Promise<void>;
}

export interface SqlRunner {
  readonly kind: 'sqljs' | 'postgres';
  /** For logs and the start-up line, without secrets. */
  readonly description: string;
  all<T extends Row = Row>(sql: string, params?: SqlParam[]): Promise<T[]>;
  /** Runs fn atomically and serialized against other transactions; retried on a PostgreSQL serialization failure. */
  tx<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A FIFO mutex: callers run one at a time, in arrival order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One mutex per key (submission id, OPD + blob), dropped when idle. */
export class KeyedMutex {
  private readonly locks = new Map<string, { mutex: Mutex; users: number }>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let entry = this.locks.get(key);
    if (!entry) {
      entry = { mutex: new Mutex(), users: 0 };
      this.locks.set(key, entry);
    }
    entry.users += 1;
    try {
      return await entry.mutex.run(fn);
    } finally {
      entry.users -= 1;
      if (entry.users === 0) this.locks.delete(key);
    }
  }
}
