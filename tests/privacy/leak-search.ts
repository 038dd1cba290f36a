/**
 * Searching outputs for planted identifiers: many needles in one pass, in every
 * file under a data dir (a PDF as pdftotext reads it, any other file byte by byte)
 * and in every value SQLite holds, one value at a time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const PDFTOTEXT = '/usr/bin/pdftotext';

export function filesUnder(folder: string, skip: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (skip.has(full)) continue;
    if (entry.isDirectory()) found.push(...filesUnder(full, skip));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/**
 * The same text with invisible characters gone, compatibility forms folded
 * (full-width digits) and separators inside digit runs closed up: a number
 * reformatted on its way out is still found.
 */
export function closeUpDigits(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g, '')
    .replace(/(\d)[\s./-]+(?=\d)/g, '$1');
}

/** Finds any of many needles (case-insensitive) in a text: needles are indexed by their first four characters. */
export function createNeedleFinder(needles: readonly string[]): (text: string) => string[] {
  const byPrefix = new Map<string, string[]>();
  for (const needle of needles) {
    const lower = needle.toLowerCase();
    if (lower.length < 4) continue;
    const prefix = lower.slice(0, 4);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), lower]);
  }
  return (text: string) => {
    const lower = text.toLowerCase();
    const found = new Set<string>();
    for (let index = 0; index + 4 <= lower.length; index++) {
      const candidates = byPrefix.get(lower.slice(index, index + 4));
      if (!candidates) continue;
      for (const candidate of candidates) if (lower.startsWith(candidate, index)) found.add(candidate);
    }
    return [...found];
  };
}

/** Every value of every row of every table of a SQLite file. */
export function storeValues(file: string): string[] {
  const database = new Database(file, { readonly: true });
  try {
    const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    const values: string[] = [];
    for (const { name } of tables) {
      for (const row of database.prepare(`SELECT * FROM "${name}"`).iterate() as Iterable<Record<string, unknown>>) {
        for (const value of Object.values(row)) if (value !== null) values.push(Buffer.isBuffer(value) ? value.toString('latin1') : String(value));
      }
    }
    return values;
  } finally {
    database.close();
  }
}

/** The text of a file as a reader sees it: a PDF's extracted text, any other file's bytes (as UTF-8 and as single bytes). */
export function readableTexts(file: string): string[] {
  if (file.endsWith('.pdf')) return [execFileSync(PDFTOTEXT, ['-q', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })];
  const bytes = readFileSync(file);
  return [bytes.toString('latin1'), bytes.toString('utf8')];
}

/**
 * Every planted form found under a data dir, as "file: form". SQLite's own files
 * are searched value by value (its pages put fields side by side, which could
 * spell a number across two of them); every other file byte by byte.
 */
export function findLeaks(dataDir: string, needles: readonly string[], skip: ReadonlySet<string>): { leaks: string[]; files: string[] } {
  const find = createNeedleFinder(needles);
  const words = createNeedleFinder(needles.filter((n) => /[a-z]/i.test(n)));
  // Closing up digit runs joins neighbouring numbers of a table ("16, 01 1963"), so only
  // long numbers (NHS, phone) are looked for that way: eight digits could be anything joined.
  const longNumbers = createNeedleFinder(needles.filter((n) => /^\d{10,}$/.test(n)));
  const files = filesUnder(dataDir, skip);
  const leaks: string[] = [];
  for (const file of files) {
    const name = path.relative(dataDir, file);
    const found = new Set<string>();
    if (/istv\.sqlite/.test(file)) {
      // Words are searched in the raw pages too (a value in a freed page is still on disk).
      for (const text of readableTexts(file)) for (const n of words(text)) found.add(n);
      if (file.endsWith('istv.sqlite') && existsSync(file)) {
        for (const value of storeValues(file)) for (const n of [...find(value), ...longNumbers(closeUpDigits(value))]) found.add(n);
      }
    } else {
      for (const text of readableTexts(file)) for (const n of [...find(text), ...longNumbers(closeUpDigits(text))]) found.add(n);
    }
    for (const n of found) leaks.push(`${name}: ${n}`);
  }
  return { leaks, files };
}
