/**
 * The store boundary: SQL is written only in src/store (every statement that
 * writes, and the few reads each stage needs) and in the read queries of
 * src/aggregate. The report stage never holds the database handle: the packs
 * get query functions (src/aggregate/pack-reads.ts) and publishing gets the
 * store's services through its context (src/report/report-store.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const src = path.join(repoRoot, 'src');

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const relative = (file: string) => path.relative(repoRoot, file).split(path.sep).join('/');

/** Where SQL may be written. */
const SQL_FOLDERS = ['src/store/', 'src/aggregate/'];

/**
 * Files outside those folders that may use SQLite, and why: none of them
 * touches the store.
 */
const OWN_DATABASES: Record<string, string> = {
  // A private, anonymous database (deleted on close) that holds the hashes of
  // attendance references once a huge extract outgrows memory: a set on disk.
  'src/validate/attendance-register.ts': 'its own scratch set, not the store',
};

/** A call that hands SQL (or a transaction) to better-sqlite3. */
const SQL_CALL = /\.(prepare|exec|pragma|transaction)\(\s*[`'"(]/;
/** The database handle's type, opening one, or the module that does. */
const HANDLE = /\bStoreDatabase\b|['"]better-sqlite3['"]|\bopenStore\(|store\/open\.ts['"]/;

describe('the store boundary', () => {
  const files = typeScriptFiles(src);

  it('finds the SQL it is looking for where SQL belongs', () => {
    const withSql = files.filter((file) => SQL_CALL.test(readFileSync(file, 'utf8')));
    expect(withSql.some((file) => relative(file).startsWith('src/store/'))).toBe(true);
    expect(withSql.some((file) => relative(file).startsWith('src/aggregate/'))).toBe(true);
  });

  it('no file outside src/store and src/aggregate runs SQL', () => {
    const outside = files
      .map(relative)
      .filter((file) => !SQL_FOLDERS.some((folder) => file.startsWith(folder)) && !(file in OWN_DATABASES))
      .filter((file) => SQL_CALL.test(readFileSync(path.join(repoRoot, file), 'utf8')));
    expect(outside).toEqual([]);
  });

  it('no file of the report stage holds the database handle or imports src/store/open.ts', () => {
    const report = files.filter((file) => relative(file).startsWith('src/report/'));
    expect(report.length).toBeGreaterThan(0);
    const holding = report.filter((file) => {
      return HANDLE.test(readFileSync(file, 'utf8'));
    });
    expect(holding.map(relative)).toEqual([]);
  });

  it.each([
    ['a prepared statement', "db.prepare('SELECT 1')", true],
    ['a template statement', 'store.prepare(`SELECT ${columns} FROM records`)', true],
    ['a transaction', 'context.store.transaction(() => {', true],
    ['a regular expression', '/^(\\d{4})$/.exec(text)', false],
    ['a pack preparing its tables', 'pack.prepare(input)', false],
  ])('tells SQL from other calls: %s', (_case, text, sql) => {
    expect(SQL_CALL.test(text)).toBe(sql);
  });
});
