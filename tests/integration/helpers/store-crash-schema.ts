import type { Migration } from '../../../core/adapters/migrations';

/** Schema of the crash test, shared by the child that writes and the test that checks. */
export const crashMigrations: Migration[] = [
  {
    version: 1,
    name: 'crash-probe',
    statements: [
      'CREATE TABLE probe (n INTEGER PRIMARY KEY, run INTEGER NOT NULL, body TEXT NOT NULL, bin BLOB)',
      'CREATE TABLE tally (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL)',
      'INSERT INTO tally (id, count) VALUES (1, 0)',
      // One row rewritten with a large blob now and then: its journal record spans many pages, so a kill can tear it.
      'CREATE TABLE big (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL, bin BLOB NOT NULL)',
      "INSERT INTO big (id, n, bin) VALUES (1, 0, x'')",
    ],
  },
];

/** The large blob written together with row n: its content is a function of n, so a torn or mixed one shows. */
export function bigBlob(n: number): Uint8Array {
  const out = new Uint8Array(64 * 1024 + ((n * 7919) % (640 * 1024)));
  for (let i = 0; i < out.length; i++) out[i] = (n + i) % 251;
  return out;
}
