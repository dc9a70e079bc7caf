/**
 * Numbered schema migrations, applied in order inside one write each; the
 * applied number is kept in the database. Never edit a released migration:
 * add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'documents',
    statements: [
      // Every document an officer prepares (rencana aksi, report, handover bundle) as
      // versioned JSON: one table keeps drafts simple to back up and to migrate.
      `CREATE TABLE documents (
         id TEXT PRIMARY KEY,
         kind TEXT NOT NULL,
         title TEXT NOT NULL,
         data TEXT NOT NULL,
         revision INTEGER NOT NULL DEFAULT 1,
         created_at TEXT NOT NULL,
         updated_at TEXT NOT NULL
       )`,
      'CREATE INDEX documents_kind ON documents(kind, updated_at)',
    ],
  },
];
