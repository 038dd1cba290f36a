/**
 * `istv police import`: police street-level files (police.uk CSVs, zipped
 * monthly archives of them, or a force's own extract through a column
 * mapping) into the store. Rows are kept when their crime type is one asked
 * for and their LSOA is in the gazetteer; every other row is counted under the
 * reason it was not kept, so that read = kept + dropped for every file.
 *
 * A file is all or nothing: a file refused (another header, broken quoting)
 * stores nothing, and the others go on.
 */
import path from 'node:path';
import { DEFAULT_POLICE_CRIME_TYPES, type PoliceColumnMapping } from '../config/police.ts';
import { sha256OfFile } from '../intake/checksum.ts';
import { forEachZipCsvEntry, isZipFile } from '../intake/zip-entries.ts';
import { matchPoliceHeader, parsePoliceRecord, type PoliceCrime, type PoliceRowProblem } from '../validate/police-csv.ts';
import { CsvStructureError, detectCsvFormat, readCsvRecords } from '../validate/read-csv.ts';
import { gridToWgs84 } from '../geocode/british-national-grid.ts';
import { loadGazetteer } from '../geocode/gazetteer/load.ts';
import { writePoliceImports, type NewPoliceImport, type StoredPoliceCrime } from '../store/police-crimes.ts';
import type { StoreDatabase } from '../store/open.ts';

/** Why a row was not kept. */
export const DROP_REASONS = {
  crimeType: 'crime type not kept',
  noLocation: 'no location (police.uk publishes some crimes without a place)',
  outsideArea: 'LSOA outside the area (not in the gazetteer)',
  unreadable: 'row unreadable',
} as const;

/** What the importer needs to know about the area. */
export interface PoliceArea {
  lsoaCodes: ReadonlySet<string>;
  /** The LSOA a point falls in, for extracts that give a point but no LSOA. */
  lsoaAt?: (longitude: number, latitude: number) => string | null;
  gazetteerVersion: string | null;
}

/** The area as the configured gazetteer knows it; throws when none is configured or built. */
export function policeAreaFromGazetteer(file: string | undefined): PoliceArea {
  if (file === undefined) throw new Error('no gazetteer is configured: police crimes are kept by LSOA, so set "gazetteer" in the config and run `istv gazetteer build` first');
  const gazetteer = loadGazetteer(file);
  return {
    lsoaCodes: new Set(gazetteer.lsoas.map((lsoa) => lsoa.code)),
    lsoaAt: (longitude, latitude) => gazetteer.lsoaAt(longitude, latitude)?.code ?? null,
    gazetteerVersion: gazetteer.version,
  };
}

export interface PoliceImportOptions {
  crimeTypes?: readonly string[];
  columnMappings?: readonly PoliceColumnMapping[];
  now?: () => Date;
}

export interface PoliceFileSummary {
  file: string;
  rowsRead: number;
  rowsKept: number;
  months: string[];
}

export interface PoliceImportSummary {
  files: PoliceFileSummary[];
  totals: { rowsRead: number; rowsKept: number };
  /** Files (or archive entries) refused as a whole, with the reason. */
  refused?: Array<{ file: string; reason: string }>;
  /** Rows not kept, by reason, over all files. */
  dropped?: Record<string, number>;
  /** Unreadable rows (line, field, what was expected), at most 50 per file. */
  rowProblems?: Array<{ file: string } & PoliceRowProblem>;
  /** Force-months that replaced an earlier import. */
  replaced?: Array<{ force: string; month: string }>;
}

const MAX_PROBLEMS_PER_FILE = 50;

interface Group {
  force: string;
  month: string;
  rowsRead: number;
  dropped: Record<string, number>;
  crimes: StoredPoliceCrime[];
}

interface ReadOutcome {
  format: string;
  groups: Map<string, Group>;
  unreadable: number;
  problems: PoliceRowProblem[];
}

function normaliseType(type: string): string {
  return type.trim().replace(/\s+/g, ' ').toLowerCase();
}

function count(record: Record<string, number>, reason: string): void {
  record[reason] = (record[reason] ?? 0) + 1;
}

function placeOf(crime: PoliceCrime): { longitude: number | null; latitude: number | null } {
  if (crime.longitude !== null && crime.latitude !== null) return { longitude: crime.longitude, latitude: crime.latitude };
  if (crime.grid) {
    const [longitude, latitude] = gridToWgs84(crime.grid.easting, crime.grid.northing);
    return { longitude, latitude };
  }
  return { longitude: null, latitude: null };
}

/** Reads one CSV file; a refusal is a value with the reason. */
async function readPoliceCsv(file: string, area: PoliceArea, keep: ReadonlySet<string>, mappings: readonly PoliceColumnMapping[]): Promise<{ ok: true; outcome: ReadOutcome } | { ok: false; reason: string }> {
  const format = await detectCsvFormat(file);
  const records = readCsvRecords(file, format);
  let layout = null;
  const outcome: ReadOutcome = { format: '', groups: new Map(), unreadable: 0, problems: [] };
  try {
    for await (const record of records) {
      if (layout === null) {
        const header = matchPoliceHeader(record.fields, mappings);
        if (!header.ok) return { ok: false, reason: `line ${record.line}: ${header.reason}` };
        layout = header.layout;
        outcome.format = layout.format;
        continue;
      }
      const parsed = parsePoliceRecord(record.fields, record.line, layout);
      if (!parsed.ok) {
        outcome.unreadable += 1;
        if (outcome.problems.length < MAX_PROBLEMS_PER_FILE) outcome.problems.push(parsed.problem);
        continue;
      }
      const crime = parsed.crime;
      const key = `${crime.force}\u0000${crime.month}`;
      let group = outcome.groups.get(key);
      if (!group) {
        group = { force: crime.force, month: crime.month, rowsRead: 0, dropped: {}, crimes: [] };
        outcome.groups.set(key, group);
      }
      group.rowsRead += 1;
      if (!keep.has(normaliseType(crime.crimeType))) {
        count(group.dropped, DROP_REASONS.crimeType);
        continue;
      }
      const point = placeOf(crime);
      const lsoaCode = crime.lsoaCode ?? (point.longitude !== null && point.latitude !== null && area.lsoaAt ? area.lsoaAt(point.longitude, point.latitude) : null);
      if (lsoaCode === null) {
        count(group.dropped, crime.lsoaCode === null && point.longitude !== null ? DROP_REASONS.outsideArea : DROP_REASONS.noLocation);
        continue;
      }
      if (!area.lsoaCodes.has(lsoaCode)) {
        count(group.dropped, DROP_REASONS.outsideArea);
        continue;
      }
      group.crimes.push({ month: crime.month, lsoaCode, ...point, location: crime.location, crimeType: crime.crimeType, outcome: crime.outcome });
    }
  } catch (error) {
    if (error instanceof CsvStructureError) return { ok: false, reason: error.message };
    throw error;
  }
  if (layout === null) return { ok: false, reason: 'the file is empty: expected a header line' };
  return { ok: true, outcome };
}

/** Imports the files given; returns the summary `istv police import --json` prints. */
export async function importPoliceFiles(store: StoreDatabase, files: readonly string[], area: PoliceArea, options: PoliceImportOptions = {}): Promise<PoliceImportSummary> {
  const crimeTypes = options.crimeTypes && options.crimeTypes.length > 0 ? [...options.crimeTypes] : DEFAULT_POLICE_CRIME_TYPES;
  const keep = new Set(crimeTypes.map(normaliseType));
  const mappings = options.columnMappings ?? [];
  const now = options.now ?? (() => new Date());
  const summary: PoliceImportSummary = { files: [], totals: { rowsRead: 0, rowsKept: 0 } };
  const refused: NonNullable<PoliceImportSummary['refused']> = [];
  const dropped: Record<string, number> = {};
  const problems: NonNullable<PoliceImportSummary['rowProblems']> = [];
  const replaced: NonNullable<PoliceImportSummary['replaced']> = [];

  for (const file of files) {
    const fileName = path.basename(file);
    const sha256 = await sha256OfFile(file);
    const pending: NewPoliceImport[] = [];
    let rowsRead = 0;
    let readable = false;
    const readOne = async (csv: string, entryName: string | null) => {
      const shown = entryName ? `${file}:${entryName}` : file;
      const result = await readPoliceCsv(csv, area, keep, mappings);
      if (!result.ok) {
        refused.push({ file: shown, reason: result.reason });
        return;
      }
      readable = true;
      const { outcome } = result;
      rowsRead += outcome.unreadable;
      if (outcome.unreadable > 0) dropped[DROP_REASONS.unreadable] = (dropped[DROP_REASONS.unreadable] ?? 0) + outcome.unreadable;
      problems.push(...outcome.problems.map((problem) => ({ file: shown, ...problem })));
      for (const group of outcome.groups.values()) {
        rowsRead += group.rowsRead;
        for (const [reason, n] of Object.entries(group.dropped)) dropped[reason] = (dropped[reason] ?? 0) + n;
        pending.push({
          force: group.force,
          month: group.month,
          fileName,
          entryName,
          sha256,
          format: outcome.format,
          importedAt: now().toISOString(),
          rowsRead: group.rowsRead,
          dropped: group.dropped,
          crimeTypes,
          gazetteerVersion: area.gazetteerVersion,
          crimes: group.crimes,
        });
      }
    };
    if (await isZipFile(file)) {
      let entries = 0;
      const archive = await forEachZipCsvEntry(file, (entry) => {
        entries += 1;
        return readOne(entry.file, entry.name);
      });
      if (!archive.ok) refused.push({ file, reason: `the archive was refused because ${archive.reason}` });
      else if (entries === 0) refused.push({ file, reason: 'the archive holds no .csv file' });
    } else await readOne(file, null);
    const written = writePoliceImports(store, pending);
    for (const entry of written) if (entry.replaced.length > 0) replaced.push({ force: entry.force, month: entry.month });
    const rowsKept = written.reduce((total, entry) => total + entry.rowsKept, 0);
    if (readable) {
      summary.files.push({ file, rowsRead, rowsKept, months: [...new Set(pending.map((entry) => entry.month))].sort() });
      summary.totals.rowsRead += rowsRead;
      summary.totals.rowsKept += rowsKept;
    }
  }
  if (refused.length > 0) summary.refused = refused;
  if (Object.keys(dropped).length > 0) summary.dropped = dropped;
  if (problems.length > 0) summary.rowProblems = problems;
  if (replaced.length > 0) summary.replaced = replaced;
  return summary;
}
