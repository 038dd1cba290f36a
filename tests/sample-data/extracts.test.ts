/**
 * The committed extracts say what the manifest says they say. Each file is read
 * with csv-parse, mapped to canonical columns through the sample config and the
 * contract's aliases, and every row is judged by an oracle written here from the
 * contract (code lists, dates, reporting month): the rows the manifest calls
 * invalid must fail it for the stated reason and every other row must pass.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import aliases from '../../schemas/code-lists/column-aliases.json' with { type: 'json' };
import { createCodeMatcher, locationTypeCodeList, normaliseCodeText, relationshipCodeList, weaponCodeList } from '../../schemas/code-lists.ts';
import { parseConfig } from '../../src/config/load.ts';
import { openZip, readMember } from '../../src/intake/zip.ts';
import { readXlsxRecordBatches } from '../../src/validate/read-xlsx.ts';
import type { ExtractManifestEntry, Manifest } from '../../sample-data/generate.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sampleData = path.join(repoRoot, 'sample-data');
const manifest = JSON.parse(readFileSync(path.join(sampleData, 'manifest.json'), 'utf8')) as Manifest;
const configJson = JSON.parse(readFileSync(path.join(sampleData, 'istv.config.json'), 'utf8')) as Record<string, unknown>;
const config = parseConfig(configJson, sampleData, path.join(sampleData, 'istv.config.json'));
const siteConfig = (code: string) => config.sites.find((site) => site.code === code)!;

// ---------------------------------------------------------------- reading a file the way the contract describes

const aliasTarget = new Map<string, string>();
for (const [field, names] of Object.entries(aliases.canonical)) for (const name of [field, ...names]) aliasTarget.set(normaliseCodeText(name), field);
for (const [field, names] of Object.entries(aliases.identifiers)) for (const name of [field, ...names]) aliasTarget.set(normaliseCodeText(name), `identifier:${field}`);

/** A site's header → canonical (or identifier) names: its columnMapping first, then the built-in aliases. */
function mapHeader(siteCode: string, header: string[]): Array<string | undefined> {
  const mapping = siteConfig(siteCode).columnMapping;
  return header.map((name) => mapping[name] ?? aliasTarget.get(normaliseCodeText(name)));
}

interface ExtractRecord {
  line: number;
  cells: string[];
  fields: Record<string, string>;
}

// Extracts sent otherwise than as CSV: a zipped CSV is read from its archive, a workbook's rows with istv's reader.
const zippedCsv = new Map<string, Buffer>();
const workbookRows = new Map<string, Array<{ line: number; fields: string[] }>>();
for (const entry of manifest.extracts) {
  const sent = path.join(sampleData, 'inbox', entry.sentFile);
  if (entry.sentAs === 'zip') {
    const opened = await openZip(sent);
    if (!opened.ok) throw new Error(`${entry.sentFile}: ${opened.reason}`);
    zippedCsv.set(entry.file, await readMember(opened.zip, entry.file.slice(entry.file.indexOf('!') + 1), 10 * 1024 * 1024));
    opened.zip.close();
  } else if (entry.sentAs === 'xlsx') {
    const rows: Array<{ line: number; fields: string[] }> = [];
    for await (const batch of readXlsxRecordBatches(sent, { kind: 'xlsx', sheet: null })) rows.push(...batch);
    workbookRows.set(entry.file, rows);
  }
}

function readWorkbookExtract(entry: ExtractManifestEntry) {
  const [headerRow, ...rows] = workbookRows.get(entry.file)!;
  const header = headerRow!.fields;
  const targets = mapHeader(entry.siteCode, header);
  const records: ExtractRecord[] = rows.map(({ line, fields: cells }) => {
    const fields: Record<string, string> = {};
    cells.forEach((cell, index) => {
      const target = targets[index];
      if (target) fields[target] = cell;
    });
    return { line, cells, fields };
  });
  return { bytes: Buffer.alloc(0), text: '', header, targets, records };
}

function readExtract(entry: ExtractManifestEntry) {
  if (entry.sentAs === 'xlsx') return readWorkbookExtract(entry);
  const bytes = zippedCsv.get(entry.file) ?? readFileSync(path.join(sampleData, 'inbox', entry.sentFile));
  const parsed = parse(bytes, { bom: true, delimiter: entry.delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [headerRow, ...rows] = parsed;
  const header = headerRow!.record;
  const targets = mapHeader(entry.siteCode, header);
  let previousEnd = headerRow!.info.lines;
  const records: ExtractRecord[] = rows.map(({ record, info }) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const fields: Record<string, string> = {};
    record.forEach((cell, index) => {
      const target = targets[index];
      if (target) fields[target] = cell;
    });
    return { line, cells: record, fields };
  });
  return { bytes, text: bytes.toString('utf8'), header, targets, records };
}

// ---------------------------------------------------------------- the oracle

const isRealDate = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** Minutes since the epoch (wall clock), or 'date-only' days, or null when unreadable. */
function readMoment(date: string, time: string | null): { day: number; minutes: number | null } | null {
  let year: number, month: number, day: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date))) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date))) [year, month, day] = [Number(match[3]), Number(match[2]), Number(match[1])];
  else if (/^\d{5}$/.test(date)) {
    const serial = new Date(Date.UTC(1899, 11, 30) + Number(date) * 86_400_000);
    [year, month, day] = [serial.getUTCFullYear(), serial.getUTCMonth() + 1, serial.getUTCDate()];
  } else return null;
  if (!isRealDate(year, month, day)) return null;
  const dayNumber = Date.UTC(year, month - 1, day) / 86_400_000;
  if (time === null || time === '') return { day: dayNumber, minutes: null };
  const clock = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!clock || Number(clock[1]) > 23 || Number(clock[2]) > 59) return null;
  return { day: dayNumber, minutes: dayNumber * 1440 + Number(clock[1]) * 60 + Number(clock[2]) };
}

function splitDateTime(value: string): [string, string | null] {
  const match = /^(\S+?)(?:[ T](\S+))?$/.exec(value.trim());
  return match ? [match[1] as string, match[2] ?? null] : [value, null];
}

/** The problems the contract finds in one mapped row (empty when the row is valid). */
function judge(siteCode: string, month: string, fields: Record<string, string>): string[] {
  const problems: string[] = [];
  const site = siteConfig(siteCode);
  const arrival = fields.arrival_datetime !== undefined ? readMoment(...splitDateTime(fields.arrival_datetime)) : null;
  const assaultText = fields.assault_datetime !== undefined ? splitDateTime(fields.assault_datetime) : [fields.assault_date ?? '', fields.assault_time ?? null] as const;
  if ((assaultText[0] ?? '') === '') problems.push('required:assault');
  else {
    const assault = readMoment(assaultText[0], assaultText[1]);
    if (!assault) problems.push('invalid_date:assault');
    else if (arrival) {
      const after = assault.minutes !== null && arrival.minutes !== null ? assault.minutes > arrival.minutes : assault.day > arrival.day;
      if (after) problems.push('assault_after_arrival');
      const [year, monthNumber] = month.split('-').map(Number) as [number, number];
      const first = Date.UTC(year, monthNumber - 1, 1) / 86_400_000;
      const next = Date.UTC(year, monthNumber, 1) / 86_400_000;
      if (assault.day < first || arrival.day >= next || arrival.day < first) problems.push('outside_month');
    }
  }
  if (!arrival) problems.push('invalid_date:arrival');
  if (createCodeMatcher(weaponCodeList, site.codeMappings.weapon).match(fields.assault_method ?? '') === null) problems.push('unrecognised_code:assault_method');
  if (fields.location_type === undefined) problems.push('required:location_type');
  else if (createCodeMatcher(locationTypeCodeList, site.codeMappings.locationType).match(fields.location_type) === null) problems.push('unrecognised_code:location_type');
  if ((fields.assailant_relationship ?? '') !== '' && createCodeMatcher(relationshipCodeList).match(fields.assailant_relationship as string) === null) problems.push('unrecognised_code:relationship');
  if ((fields.age ?? '') !== '' && !(Number.isInteger(Number(fields.age)) && Number(fields.age) >= 0 && Number(fields.age) <= 120)) problems.push('out_of_range:age');
  return problems;
}

const ORACLE_PROBLEM: Record<string, RegExp> = {
  missing_assault_date: /^required:assault$/,
  assault_after_arrival: /^assault_after_arrival$/,
  unparseable_assault_date: /^invalid_date:assault$/,
  unknown_weapon_code: /^unrecognised_code:assault_method$/,
  unknown_location_type_code: /^unrecognised_code:location_type$/,
  wrong_column_count: /^required:location_type$/,
  age_out_of_range: /^out_of_range:age$/,
};

// ---------------------------------------------------------------- the tests

const ingested = manifest.extracts.filter((entry) => entry.expectedOutcome === 'ingest');

describe('the manifest', () => {
  it('lists twelve months for each of two EDs, one broken header, one resubmission', () => {
    const originals = manifest.extracts.filter((entry) => entry.version === 1);
    expect(originals).toHaveLength(24);
    for (const site of ['RX1AA', 'RX2BB']) expect(originals.filter((entry) => entry.siteCode === site).map((entry) => entry.month)).toEqual([...new Set(originals.map((entry) => entry.month))]);
    expect(manifest.extracts.filter((entry) => entry.expectedOutcome === 'quarantine').map((entry) => entry.file)).toEqual(['RX2BB_2026-03.csv']);
    expect(manifest.extracts.filter((entry) => entry.supersedes).map((entry) => [entry.file, entry.supersedes])).toEqual([['RX1AA_2026-06_v2.csv', 'RX1AA_2026-06.csv']]);
  });

  it.each(manifest.extracts.map((entry) => [entry.file, entry] as const))('%s: accepted + rejected = rows read', (_, entry) => {
    expect(entry.expectedAccepted + entry.invalidRows).toBe(entry.expectedOutcome === 'quarantine' ? 0 : entry.rows);
    expect(entry.invalid).toHaveLength(entry.invalidRows);
    expect(entry.flagged).toHaveLength(entry.flaggedRows);
    if (entry.expectedOutcome === 'ingest' && entry.version === 1) expect(entry.invalidRows).toBeGreaterThanOrEqual(2);
  });
});

describe('every extract', () => {
  it.each(manifest.extracts.map((entry) => [entry.file, entry] as const))('%s has the rows, layout and trailing blank lines the manifest says', (_, entry) => {
    const { bytes, text, records } = readExtract(entry);
    expect(records).toHaveLength(entry.rows);
    // A workbook has rows, not lines: no delimiter, line ending or byte-order mark.
    if (entry.sentAs === 'xlsx') return;
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(entry.bom);
    const eol = entry.lineEnding === 'CRLF' ? '\r\n' : '\n';
    expect(text.endsWith(eol.repeat(entry.trailingBlankLines + 1))).toBe(true);
    expect(text.endsWith(eol.repeat(entry.trailingBlankLines + 2))).toBe(false);
    if (entry.lineEnding === 'LF') expect(text).not.toContain('\r');
  });

  it.each(ingested.map((entry) => [entry.file, entry] as const))('%s: the faulty rows fail for the stated reason, every other row passes', (_, entry) => {
    const { records } = readExtract(entry);
    const faults = new Map([...entry.invalid, ...entry.flagged].map((fault) => [fault.line, fault]));
    for (const record of records) {
      const problems = judge(entry.siteCode, entry.month, record.fields);
      const fault = faults.get(record.line);
      if (!fault) {
        expect(problems, `${entry.file} line ${record.line}`).toEqual([]);
        continue;
      }
      expect(record.fields.attendance_id).toBe(fault.attendanceId);
      expect(problems, `${entry.file} line ${record.line}`).toHaveLength(1);
      expect(problems[0], `${entry.file} line ${record.line} (${fault.kind})`).toMatch(ORACLE_PROBLEM[fault.kind] as RegExp);
      faults.delete(record.line);
    }
    expect([...faults.keys()], 'faults at lines where no record starts').toEqual([]);
  });

  it('has unique attendance references within each file', () => {
    for (const entry of manifest.extracts) {
      const ids = readExtract(entry).records.map((record) => record.cells[1]);
      expect(new Set(ids).size, entry.file).toBe(ids.length);
    }
  });
});

describe('the mess of real extracts', () => {
  const all = ingested.flatMap((entry) => readExtract(entry).records.map((record) => ({ entry, record })));
  const locations = all.map(({ record }) => record.fields.location_description ?? '');

  it('location text is written the way reception staff type it', () => {
    const share = (pattern: RegExp) => locations.filter((text) => pattern.test(text)).length / locations.length;
    expect(share(/^$/)).toBeGreaterThan(0.02);
    expect(share(/^(u\/k|n\/k|unknown|unkonwn|not known|\?)$/i)).toBeGreaterThan(0.01);
    expect(share(/\bo\/s\b/i)).toBeGreaterThan(0.03);
    expect(share(/\b(rd|st|ave|ln|stn)\b/i)).toBeGreaterThan(0.05);
    expect(share(/\b(jct|jnc|junction|corner of|j\/w)\b/i)).toBeGreaterThan(0.01);
    expect(share(/\b(spoons|wetherspoons?|weatherspoons|maccies|mcdonalds|kfc)\b/i)).toBeGreaterThan(0.005);
    expect(share(/\bNB\d ?\d[A-Z]{2}\b/i)).toBeGreaterThan(0.005);
    expect(share(/\b(pt'?s home|pts flat|home)\b/i)).toBeGreaterThan(0.05);
  });

  it('RX2BB sends UK dates, a few Excel serial dates, numeric codes and quoted fields with line breaks and semicolons in its CSV files', () => {
    const easthaven = all.filter(({ entry }) => entry.siteCode === 'RX2BB' && entry.sentAs === 'csv').map(({ record }) => record.fields);
    expect(easthaven.every((fields) => /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(fields.arrival_datetime ?? ''))).toBe(true);
    expect(easthaven.filter((fields) => /^\d{5}$/.test(fields.assault_date ?? '')).length).toBeGreaterThanOrEqual(10);
    expect(easthaven.filter((fields) => /^\d{2}$/.test(fields.assault_method ?? '')).length).toBe(easthaven.length);
    expect(easthaven.filter((fields) => (fields.location_description ?? '').includes('\n')).length).toBeGreaterThanOrEqual(5);
    expect(easthaven.filter((fields) => (fields.location_description ?? '').includes(';')).length).toBeGreaterThanOrEqual(5);
  });

  it('RX2BB sends workbooks from September 2026, arrival as date cells and codes kept as text', () => {
    const workbook = all.filter(({ entry }) => entry.siteCode === 'RX2BB' && entry.sentAs === 'xlsx').map(({ record }) => record.fields);
    expect(workbook.length).toBeGreaterThan(100);
    expect(workbook.every((fields) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(fields.arrival_datetime ?? ''))).toBe(true);
    expect(workbook.every((fields) => /^\d{2}$/.test(fields.assault_method ?? ''))).toBe(true);
  });

  it('follows the Cardiff-model pattern: most assaults on Friday to Sunday and at night, more in December than February', () => {
    const northbrook = all.filter(({ entry, record }) => entry.siteCode === 'RX1AA' && entry.version === 1 && judge('RX1AA', entry.month, record.fields).length === 0);
    const assaults = northbrook.map(({ record }) => /^(\d{4}-\d{2}-\d{2})[ T](\d{2})/.exec(record.fields.assault_datetime ?? '')).filter((m) => m !== null);
    const weekend = assaults.filter((m) => [0, 5, 6].includes(new Date(`${m[1]}T00:00Z`).getUTCDay())).length / assaults.length;
    const night = assaults.filter((m) => Number(m[2]) >= 20 || Number(m[2]) < 5).length / assaults.length;
    expect(weekend).toBeGreaterThan(0.5);
    expect(night).toBeGreaterThan(0.5);
    const rowsIn = (month: string) => manifest.extracts.find((entry) => entry.file === `RX1AA_${month}.csv`)!.rows;
    expect(rowsIn('2025-12')).toBeGreaterThan(rowsIn('2026-02') * 1.3);
  });
});

describe('file-level faults', () => {
  it('the broken-header file has generic column names that map to nothing', () => {
    const entry = manifest.extracts.find((e) => e.expectedOutcome === 'quarantine')!;
    const { header, targets, records } = readExtract(entry);
    expect(header.every((name) => /^Column\d+$/.test(name))).toBe(true);
    expect(targets.every((target) => target === undefined)).toBe(true);
    expect(records.length).toBe(entry.rows);
  });

  it('the resubmission repeats the original rows with the faults corrected, and adds late rows', () => {
    const v2 = manifest.extracts.find((entry) => entry.supersedes)!;
    const v1 = manifest.extracts.find((entry) => entry.file === v2.supersedes)!;
    const original = readExtract(v1).records;
    const corrected = readExtract(v2).records;
    expect(corrected.length).toBeGreaterThan(original.length);
    const faulty = new Set([...v1.invalid, ...v1.flagged].map((fault) => fault.attendanceId));
    original.forEach((record, index) => {
      const again = corrected[index]!;
      expect(again.cells[1]).toBe(record.cells[1]);
      if (!faulty.has(record.cells[1] as string)) expect(again.cells).toEqual(record.cells);
      else expect(again.cells).not.toEqual(record.cells);
    });
    expect(v2.invalidRows).toBe(0);
  });
});

describe('identifiers slipped in for the de-identify stage to remove', () => {
  const planted = manifest.extracts.flatMap((entry) => entry.plantedIdentifiers.map((plant) => ({ entry, plant })));

  it('plants every kind of identifier in free text, each where the manifest says', () => {
    expect(new Set(planted.map(({ plant }) => plant.kind))).toEqual(new Set(['phone', 'patientName', 'address', 'patientPostcode', 'nhsNumber', 'dateOfBirth', 'email', 'hospitalNumber']));
    for (const { entry, plant } of planted) {
      const record = readExtract(entry).records.find((r) => r.line === plant.line)!;
      expect(record.fields.attendance_id).toBe(plant.attendanceId);
      expect(record.fields.location_description, `${entry.file} line ${plant.line}`).toContain(plant.value);
    }
  });

  it('has an NHS-number column in one month and a hospital-number column in another, both recognised as identifiers', () => {
    const columns = manifest.extracts.flatMap((entry) => entry.identifierColumns.map((column) => ({ entry, column })));
    expect(columns.map(({ entry, column }) => [entry.file, column.column, column.kind])).toEqual([
      ['RX1AA_2026-02.csv', 'nhs_number', 'nhsNumber'],
      ['RX2BB_2026-08.csv', 'Hosp No', 'hospitalNumber'],
    ]);
    for (const { entry, column } of columns) {
      const { header, targets } = readExtract(entry);
      expect(targets[header.indexOf(column.column)]).toMatch(/^identifier:/);
      expect(column.values.length).toBeGreaterThan(entry.rows * 0.8);
    }
  });

  it('uses NHS numbers from the 999 test range that pass the modulus-11 check', () => {
    const nhsNumbers = [
      ...manifest.extracts.flatMap((entry) => entry.identifierColumns.filter((c) => c.kind === 'nhsNumber').flatMap((c) => c.values)),
      ...planted.filter(({ plant }) => plant.kind === 'nhsNumber').map(({ plant }) => plant.value.replace(/ /g, '')),
    ];
    for (const nhsNumber of nhsNumbers) {
      expect(nhsNumber).toMatch(/^999\d{7}$/);
      const digits = [...nhsNumber].map(Number);
      const check = 11 - (digits.slice(0, 9).reduce((sum, digit, index) => sum + digit * (10 - index), 0) % 11);
      expect(check === 11 ? 0 : check).toBe(digits[9]);
    }
  });
});

describe('the sample config', () => {
  it('names both sites and maps every RX2BB header to a contract column', () => {
    expect(config.sites.map((site) => site.code)).toEqual(['RX1AA', 'RX2BB']);
    expect(configJson).not.toHaveProperty('dataDir');
    expect(configJson.gazetteer).toBe('./gazetteer.json');
    for (const entry of manifest.extracts.filter((e) => e.expectedOutcome === 'ingest')) {
      const { header, targets } = readExtract(entry);
      header.forEach((name, index) => expect(targets[index], `${entry.file}: ${name}`).toBeDefined());
    }
  });

  it('maps exactly the RX2BB headers the built-in aliases do not know', () => {
    for (const [header, target] of Object.entries(siteConfig('RX2BB').columnMapping)) {
      expect(aliasTarget.get(normaliseCodeText(header)), header).toBeUndefined();
      expect(Object.keys(aliases.canonical)).toContain(target);
    }
  });
});
