/**
 * The police data aggregate: imports (one force's month from one file, with
 * provenance) and the crimes they kept. A month imported again for the same
 * force replaces the earlier import of the same crime types in one
 * transaction: police.uk re-issues past months with new Crime IDs, so rows
 * cannot be matched, only whole months replaced.
 */
import { z } from 'zod';
import type { StoreDatabase } from './open.ts';

export interface StoredPoliceCrime {
  month: string;
  lsoaCode: string;
  longitude: number | null;
  latitude: number | null;
  location: string | null;
  crimeType: string;
  outcome: string | null;
}

export interface NewPoliceImport {
  force: string;
  month: string;
  fileName: string;
  entryName: string | null;
  sha256: string;
  format: string;
  importedAt: string;
  rowsRead: number;
  dropped: Record<string, number>;
  crimeTypes: string[];
  gazetteerVersion: string | null;
  crimes: StoredPoliceCrime[];
}

/** A stored import: its provenance and counts, without the crimes. */
export interface PoliceImport extends Omit<NewPoliceImport, 'crimes'> {
  id: number;
  rowsKept: number;
  status: 'current' | 'superseded';
  supersededBy: number | null;
}

const droppedSchema = z.record(z.string(), z.number().int().nonnegative());
const crimeTypesSchema = z.array(z.string());

const importRowSchema = z.object({
  id: z.number().int(),
  force: z.string(),
  month: z.string(),
  file_name: z.string(),
  entry_name: z.string().nullable(),
  sha256: z.string(),
  format: z.string(),
  imported_at: z.string(),
  rows_read: z.number().int(),
  rows_kept: z.number().int(),
  dropped_json: z.string(),
  crime_types_json: z.string(),
  gazetteer_version: z.string().nullable(),
  status: z.enum(['current', 'superseded']),
  superseded_by: z.number().int().nullable(),
});

function toPoliceImport(row: unknown): PoliceImport {
  const r = importRowSchema.parse(row);
  return {
    id: r.id,
    force: r.force,
    month: r.month,
    fileName: r.file_name,
    entryName: r.entry_name,
    sha256: r.sha256,
    format: r.format,
    importedAt: r.imported_at,
    rowsRead: r.rows_read,
    rowsKept: r.rows_kept,
    dropped: droppedSchema.parse(JSON.parse(r.dropped_json)),
    crimeTypes: crimeTypesSchema.parse(JSON.parse(r.crime_types_json)),
    gazetteerVersion: r.gazetteer_version,
    status: r.status,
    supersededBy: r.superseded_by,
  };
}

export interface WrittenPoliceImport {
  id: number;
  force: string;
  month: string;
  rowsKept: number;
  /** Earlier imports of this force and month (with a crime type in common) that this one replaced. */
  replaced: number[];
}

/**
 * Writes imports and their crimes in one transaction: either all of them are
 * current afterwards, or (on any error) the store is as it was.
 */
export function writePoliceImports(store: StoreDatabase, imports: readonly NewPoliceImport[]): WrittenPoliceImport[] {
  const insertImport = store.prepare(
    `INSERT INTO police_imports (force, month, file_name, entry_name, sha256, format, imported_at, rows_read, rows_kept, dropped_json, crime_types_json, gazetteer_version, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current')`,
  );
  const insertCrime = store.prepare(
    'INSERT INTO police_crimes (import_id, month, lsoa_code, longitude, latitude, location_text, crime_type, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const earlier = store.prepare("SELECT id, crime_types_json FROM police_imports WHERE force = ? AND month = ? AND status = 'current' AND id <> ?");
  const supersede = store.prepare("UPDATE police_imports SET status = 'superseded', superseded_by = ? WHERE id = ?");
  // A superseded import keeps its provenance row; its crimes are no longer needed.
  const dropCrimes = store.prepare('DELETE FROM police_crimes WHERE import_id = ?');
  return store.transaction(() =>
    imports.map((entry) => {
      const crimeTypes = [...new Set(entry.crimeTypes)].sort();
      const id = Number(
        insertImport.run(
          entry.force,
          entry.month,
          entry.fileName,
          entry.entryName,
          entry.sha256,
          entry.format,
          entry.importedAt,
          entry.rowsRead,
          entry.crimes.length,
          JSON.stringify(entry.dropped),
          JSON.stringify(crimeTypes),
          entry.gazetteerVersion,
        ).lastInsertRowid,
      );
      for (const crime of entry.crimes) insertCrime.run(id, crime.month, crime.lsoaCode, crime.longitude, crime.latitude, crime.location, crime.crimeType, crime.outcome);
      const replaced: number[] = [];
      for (const row of earlier.all(entry.force, entry.month, id).map((found) => earlierImportRow.parse(found))) {
        const types = crimeTypesSchema.parse(JSON.parse(row.crime_types_json));
        if (!types.some((type) => crimeTypes.includes(type))) continue;
        supersede.run(id, row.id);
        dropCrimes.run(row.id);
        replaced.push(row.id);
      }
      return { id, force: entry.force, month: entry.month, rowsKept: entry.crimes.length, replaced };
    }),
  )();
}

const earlierImportRow = z.object({ id: z.number().int(), crime_types_json: z.string() });
const texts = z.array(z.string());

export function policeImports(store: StoreDatabase, options: { currentOnly?: boolean } = {}): PoliceImport[] {
  const where = options.currentOnly ? "WHERE status = 'current'" : '';
  return store.prepare(`SELECT * FROM police_imports ${where} ORDER BY month, force, id`).all().map(toPoliceImport);
}

/** Months with a current police import (a month without one is "no police data", not zero). */
export function policeMonths(store: StoreDatabase): string[] {
  return texts.parse(store.prepare("SELECT DISTINCT month FROM police_imports WHERE status = 'current' ORDER BY month").pluck().all());
}

export interface PoliceCount {
  month: string;
  lsoaCode: string;
  count: number;
}

const countRowSchema = z.object({ month: z.string(), lsoa_code: z.string(), n: z.number().int() });

/** Current police crimes by month and LSOA over `months` (crime types as imported). */
export function policeCountsByMonthAndLsoa(store: StoreDatabase, months: readonly string[]): PoliceCount[] {
  if (months.length === 0) return [];
  const sql = `SELECT month, lsoa_code, COUNT(*) AS n FROM current_police_crimes WHERE month IN (${months.map(() => '?').join(', ')}) GROUP BY month, lsoa_code ORDER BY month, lsoa_code`;
  return store
    .prepare(sql)
    .all(...months)
    .map((row) => {
      const r = countRowSchema.parse(row);
      return { month: r.month, lsoaCode: r.lsoa_code, count: r.n };
    });
}

/** The crime types held for the months given, for captions ("Violence and sexual offences"). */
export function policeCrimeTypes(store: StoreDatabase, months: readonly string[]): string[] {
  if (months.length === 0) return [];
  const sql = `SELECT DISTINCT crime_type FROM current_police_crimes WHERE month IN (${months.map(() => '?').join(', ')}) ORDER BY crime_type`;
  return texts.parse(store.prepare(sql).pluck().all(...months));
}
