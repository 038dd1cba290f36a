/**
 * Small CSV helpers for the gazetteer readers: read a whole file (gazetteer
 * inputs are a few MB at most) and find the columns a reader needs, by known
 * aliases or by an explicit mapping, failing with a message that names the file
 * and what was expected instead of guessing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export interface CsvTable {
  /** Base name of the file, for messages. */
  file: string;
  header: string[];
  rows: string[][];
}

/** Reads a CSV file. With `hasHeader: false` the header is empty and every line is a row. */
export function readCsvTable(filePath: string, options: { hasHeader?: boolean } = {}): CsvTable {
  const text = readFileSync(filePath, 'utf8');
  const file = path.basename(filePath);
  const records = parseCsvSafely(text, file, { trim: true });
  if (options.hasHeader === false) return { file, header: [], rows: records };
  const [header = [], ...rows] = records;
  return { file, header, rows };
}

/**
 * csv-parse, with its errors reworded: its messages quote the offending cell,
 * and a cell of location text may hold identifiers, so only the file, line and
 * error code are kept.
 */
export function parseCsvSafely(text: string, file: string, options: { trim?: boolean } = {}): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: options.trim ?? false }) as string[][];
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    throw new Error(`${file}: not a readable CSV (${code ?? 'parse error'} at line ${lines ?? '?'})`);
  }
}

/** Lower case without spaces, underscores or punctuation: "Premises Name" and "premises_name" compare equal. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface ColumnSpec {
  /** Accepted header names (compared by `headerKey`). */
  aliases: string[];
  required: boolean;
}

/**
 * Finds the index of each wanted column. `mapping` (field → header, from a CLI
 * flag) wins over aliases; a mapped header that is absent is an error, not a
 * silent fallback.
 */
export function resolveColumns<F extends string>(
  table: CsvTable,
  spec: Record<F, ColumnSpec>,
  mapping: Partial<Record<string, string>> = {},
): { columns: Record<F, number | undefined> } | { error: string } {
  const keys = table.header.map(headerKey);
  const columns = {} as Record<F, number | undefined>;
  const missing: string[] = [];
  for (const field of Object.keys(spec) as F[]) {
    const mapped = mapping[field];
    if (mapped !== undefined) {
      const index = keys.indexOf(headerKey(mapped));
      if (index < 0) {
        return { error: `${table.file}: the column mapping says ${field}=${mapped}, but there is no column "${mapped}" (columns: ${table.header.join(', ')})` };
      }
      columns[field] = index;
      continue;
    }
    const index = keys.findIndex((key) => spec[field].aliases.some((alias) => headerKey(alias) === key));
    if (index >= 0) columns[field] = index;
    else if (spec[field].required) missing.push(`${field} (${spec[field].aliases.join(' / ')})`);
  }
  if (missing.length > 0) {
    return {
      error: `${table.file}: unrecognised columns. Expected ${missing.join('; ')} but found: ${table.header.join(', ')}. Map them with a column flag, e.g. name=<header>.`,
    };
  }
  return { columns };
}

/** A CSV file that must have the columns of `spec`: its table and where each column is, or an error naming the file and what is missing. */
export function readCsvColumns<F extends string>(filePath: string, spec: Record<F, ColumnSpec>): { table: CsvTable; columns: Record<F, number | undefined> } {
  const table = readCsvTable(filePath);
  const resolved = resolveColumns(table, spec);
  if ('error' in resolved) throw new Error(resolved.error);
  return { table, columns: resolved.columns };
}

/** A cell's text, trimmed; '' for a column the file does not have or a short row. */
export function textCell(row: readonly string[], column: number | undefined): string {
  return column === undefined ? '' : (row[column]?.trim() ?? '');
}

/** Parses a number cell; null for blank or non-numeric text. */
export function numberCell(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** "name=Premises Name,postcode=Post Code" → { name: "Premises Name", postcode: "Post Code" }. */
export function parseColumnMapping(value: string | undefined): Record<string, string> {
  const mapping: Record<string, string> = {};
  if (!value) return mapping;
  for (const pair of value.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`Unexpected column mapping entry: "${pair}" (expected field=Header)`);
    mapping[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return mapping;
}
