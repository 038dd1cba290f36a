/**
 * Opens (and creates) the istv SQLite store and brings its schema up to date.
 * Migrations are the numbered .sql files in ./migrations, applied in order, each
 * in its own transaction; PRAGMA user_version records how far the file has got.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type StoreDatabase = Database.Database;

const migrationsDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

interface Migration {
  version: number;
  name: string;
  sql: string;
}

function listMigrations(): Migration[] {
  return readdirSync(migrationsDirectory)
    .filter((name) => /^\d{3}-[a-z0-9-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({
      version: Number(name.slice(0, 3)),
      name,
      sql: readFileSync(path.join(migrationsDirectory, name), 'utf8'),
    }));
}

export function migrate(database: StoreDatabase): void {
  const migrations = listMigrations();
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 001, 002, ... without gaps; found ${migration.name} at position ${index + 1}`);
    }
  });
  const latest = migrations.length;
  const seen = database.pragma('user_version', { simple: true }) as number;
  if (seen > latest) throw new Error(`The store is at schema version ${seen}, newer than this istv knows (${latest}); upgrade istv`);
  // Up to date: no write transaction, which would wait behind a long ingest.
  if (seen === latest) return;
  // Read the version again inside the write transaction: two processes opening a new
  // store at once (two `istv ingest`) must not both apply the same migration.
  database
    .transaction(() => {
      const current = database.pragma('user_version', { simple: true }) as number;
      if (current > latest) {
        throw new Error(`The store is at schema version ${current}, newer than this istv knows (${latest}); upgrade istv`);
      }
      for (const migration of migrations.slice(current)) {
        database.exec(migration.sql);
        database.pragma(`user_version = ${migration.version}`);
      }
    })
    .immediate();
}

export interface OpenStoreOptions {
  readonly?: boolean;
}

/** Opens the store at `file`, creating it and its folder if needed, in WAL mode with foreign keys on. */
export function openStore(file: string, options: OpenStoreOptions = {}): StoreDatabase {
  if (!options.readonly) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const database = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  // Owner-only whatever the umask: SQLite gives the WAL and shared-memory files the mode of the database file.
  if (!options.readonly) for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  // Another process (the scheduler and a manual run) may hold the write lock briefly.
  database.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    migrate(database);
  }
  return database;
}
