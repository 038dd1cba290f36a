/**
 * Reads police street-level crime files: police.uk's monthly CSVs
 * (`Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA
 * code,LSOA name,Crime type,Last outcome category,Context`), or a force's own
 * extract through a configured column mapping. The header decides which; a
 * header that is neither is refused as a value naming the header.
 *
 * Only the fields istv keeps are read. The Crime ID is never read: police.uk
 * re-issues past months with new IDs, so it is no key, and a force's own
 * reference could identify a victim.
 */
import { POLICE_FIELDS, type PoliceColumnMapping, type PoliceField } from '../config/police.ts';

/** police.uk's street-level header, in its order. */
export const POLICE_UK_HEADER = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const;

const POLICE_UK_FIELDS: Partial<Record<(typeof POLICE_UK_HEADER)[number], PoliceField>> = {
  Month: 'month',
  'Reported by': 'reported_by',
  'Falls within': 'falls_within',
  Longitude: 'longitude',
  Latitude: 'latitude',
  Location: 'location',
  'LSOA code': 'lsoa_code',
  'Crime type': 'crime_type',
  'Last outcome category': 'outcome',
};

/** How to read the fields of one file: the column index of each field it has. */
export interface PoliceLayout {
  /** "police.uk", or the name of the column mapping that fitted. */
  format: string;
  columns: Partial<Record<PoliceField, number>>;
  /** The force when the file has no "Reported by" column (from the mapping). */
  force: string | null;
  /** Number of columns in the header. */
  width: number;
}

export type PoliceHeaderResult = { ok: true; layout: PoliceLayout } | { ok: false; reason: string };

function normalise(name: string): string {
  return name.replace(/^\ufeff/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

/** The header as the user would recognise it, cut short if it is long (header names only, never values). */
function showHeader(headers: string[]): string {
  const text = headers.join(',');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function indexOfColumns(headers: string[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((header, position) => {
    const key = normalise(header);
    if (key !== '' && !index.has(key)) index.set(key, position);
  });
  return index;
}

function placeProblem(columns: PoliceLayout['columns']): string | null {
  if (columns.month === undefined) return 'no column maps to "month"';
  const hasPoint = (columns.longitude !== undefined && columns.latitude !== undefined) || (columns.easting !== undefined && columns.northing !== undefined);
  if (columns.lsoa_code === undefined && !hasPoint) return 'no column maps to "lsoa_code", nor to a point (longitude and latitude, or easting and northing)';
  return null;
}

function layoutFromMapping(headers: string[], mapping: PoliceColumnMapping): PoliceHeaderResult {
  const index = indexOfColumns(headers);
  const missing = Object.entries(mapping.columns)
    .filter(([, target]) => target !== 'drop')
    .map(([source]) => source)
    .filter((source) => !index.has(normalise(source)));
  if (missing.length > 0) return { ok: false, reason: `column mapping "${mapping.name}" expects ${quoteList(missing)}` };
  const columns: PoliceLayout['columns'] = {};
  for (const [source, target] of Object.entries(mapping.columns)) {
    if (target === 'drop') continue;
    columns[target] = index.get(normalise(source))!;
  }
  const problem = placeProblem(columns);
  if (problem) return { ok: false, reason: `column mapping "${mapping.name}": ${problem}` };
  return { ok: true, layout: { format: mapping.name, columns, force: mapping.force ?? null, width: headers.length } };
}

/**
 * Decides how to read a file from its header: police.uk's layout (the same
 * twelve names, in any order, any case), else the first configured mapping
 * whose columns are all there. Otherwise a refusal naming the header and what
 * was expected.
 */
export function matchPoliceHeader(headers: string[], mappings: readonly PoliceColumnMapping[] = []): PoliceHeaderResult {
  const index = indexOfColumns(headers);
  const expected = POLICE_UK_HEADER.map(normalise);
  const missing = POLICE_UK_HEADER.filter((name) => !index.has(normalise(name)));
  const unexpected = headers.filter((name) => normalise(name) !== '' && !expected.includes(normalise(name)));
  if (missing.length === 0 && unexpected.length === 0) {
    const columns: PoliceLayout['columns'] = {};
    for (const [name, field] of Object.entries(POLICE_UK_FIELDS)) columns[field!] = index.get(normalise(name))!;
    return { ok: true, layout: { format: 'police.uk', columns, force: null, width: headers.length } };
  }
  const tried: string[] = [];
  for (const mapping of mappings) {
    const result = layoutFromMapping(headers, mapping);
    if (result.ok) return result;
    tried.push(result.reason);
  }
  const differences = [missing.length > 0 ? `missing ${quoteList(missing)}` : '', unexpected.length > 0 ? `unexpected ${quoteList(unexpected.slice(0, 8))}${unexpected.length > 8 ? ', …' : ''}` : '']
    .filter(Boolean)
    .join('; ');
  const mappingNote = mappings.length === 0 ? 'and no police column mapping is configured' : `and no configured column mapping fits (${tried.join('; ')})`;
  return {
    ok: false,
    reason: `header "${showHeader(headers)}" is not police.uk's street-level header (${POLICE_UK_HEADER.join(',')}): ${differences}; ${mappingNote}`,
  };
}

/** One crime as istv keeps it. */
export interface PoliceCrime {
  line: number;
  /** YYYY-MM. */
  month: string;
  /** The force that reported it (police.uk "Reported by"), else the force the area falls within, else the mapping's force. */
  force: string;
  /** As the file gives it; null when the file has none ("No location" crimes). */
  lsoaCode: string | null;
  /** police.uk's anonymised point (snapped to a map point, never the exact address), WGS84. */
  longitude: number | null;
  latitude: number | null;
  /** A force extract's point on the British National Grid, for the geocode stage to convert (longitude and latitude are then null). */
  grid: { easting: number; northing: number } | null;
  /** "On or near …": a street or place, never an address. */
  location: string | null;
  crimeType: string;
  outcome: string | null;
}

export interface PoliceRowProblem {
  line: number;
  field: PoliceField | 'row';
  /** Names the field and what was expected; never the value. */
  message: string;
}

export type PoliceRowResult = { ok: true; crime: PoliceCrime } | { ok: false; problem: PoliceRowProblem };

/** "2024-03", "2024-03-17", "17/03/2024", "2024/03": the month; null otherwise. */
export function parsePoliceMonth(value: string): string | null {
  const text = value.trim();
  let match = /^(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2}(?:[T ].*)?)?$/.exec(text);
  if (!match) {
    const dayFirst = /^\d{1,2}[-/.](\d{1,2})[-/.](\d{4})(?:[T ].*)?$/.exec(text);
    if (dayFirst) match = [text, dayFirst[2]!, dayFirst[1]!] as unknown as RegExpExecArray;
  }
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1990 || year > 2200 || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

function text(fields: string[], index: number | undefined): string | null {
  if (index === undefined) return null;
  const value = (fields[index] ?? '').trim();
  return value === '' ? null : value;
}

function number(fields: string[], index: number | undefined): number | null | 'invalid' {
  const value = text(fields, index);
  if (value === null) return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : 'invalid';
}

const LSOA_CODE = /^[EW]01\d{6}$/;

/** Reads one data row; a refusal names the line and field, never the value. */
export function parsePoliceRecord(fields: string[], line: number, layout: PoliceLayout): PoliceRowResult {
  const refuse = (field: PoliceRowProblem['field'], message: string): PoliceRowResult => ({ ok: false, problem: { line, field, message } });
  const { columns } = layout;
  const monthText = text(fields, columns.month);
  if (monthText === null) return refuse('month', 'Month is blank: expected YYYY-MM');
  const month = parsePoliceMonth(monthText);
  if (month === null) return refuse('month', 'Month is not a month: expected YYYY-MM (or a date)');
  const force = text(fields, columns.reported_by) ?? text(fields, columns.falls_within) ?? layout.force;
  if (force === null) return refuse('reported_by', 'no force: "Reported by" and "Falls within" are blank and the column mapping names none');
  const crimeType = text(fields, columns.crime_type);
  if (crimeType === null) return refuse('crime_type', 'Crime type is blank');
  let longitude: number | null = null;
  let latitude: number | null = null;
  let grid: PoliceCrime['grid'] = null;
  if (columns.longitude !== undefined && columns.latitude !== undefined) {
    const x = number(fields, columns.longitude);
    const y = number(fields, columns.latitude);
    if (x === 'invalid' || y === 'invalid') return refuse(x === 'invalid' ? 'longitude' : 'latitude', 'not a number: expected decimal degrees (WGS84)');
    if (x !== null && y !== null) {
      if (x < -180 || x > 180 || y < -90 || y > 90) return refuse('longitude', 'outside the range of WGS84 degrees');
      [longitude, latitude] = [x, y];
    }
  } else if (columns.easting !== undefined && columns.northing !== undefined) {
    const e = number(fields, columns.easting);
    const n = number(fields, columns.northing);
    if (e === 'invalid' || n === 'invalid') return refuse(e === 'invalid' ? 'easting' : 'northing', 'not a number: expected metres on the British National Grid');
    if (e !== null && n !== null) {
      if (e < 0 || e > 700_000 || n < 0 || n > 1_300_000) return refuse('easting', 'outside the British National Grid');
      grid = { easting: e, northing: n };
    }
  }
  const lsoaText = text(fields, columns.lsoa_code);
  const lsoaCode = lsoaText === null ? null : lsoaText.toUpperCase();
  if (lsoaCode !== null && !LSOA_CODE.test(lsoaCode)) return refuse('lsoa_code', 'not an LSOA code: expected E01 or W01 followed by six digits');
  return {
    ok: true,
    crime: { line, month, force, lsoaCode, longitude, latitude, grid, location: text(fields, columns.location), crimeType, outcome: text(fields, columns.outcome) },
  };
}

export { POLICE_FIELDS };
