import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createDeidentifier } from '../../src/deidentify/deidentify.ts';
import { scrubFreeText } from '../../src/deidentify/scrub.ts';
import type { ExtractRow, IdentifierFields } from '../../src/validate/types.ts';
import {
  PLANTED_KINDS,
  RED_TEAM_OUTPUT_DIRECTORY,
  RED_TEAM_SITES,
  generateRedTeam,
  plantedIdentifierValues,
  type PlantedIdentifier,
} from './red-team/generate.ts';

const set = generateRedTeam();
const key = Buffer.alloc(32, 7);

type CsvRecord = Record<string, string>;

/**
 * The row as validate would hand it on, built directly from the CSV so that this
 * test exercises de-identification alone (the end-to-end test runs the real
 * validate stage over the same files).
 */
function extractRow(record: CsvRecord, line: number): ExtractRow {
  const dateTime = (value: string) => {
    const [day, month, rest] = value.split('/') as [string, string, string];
    const [year, clock] = rest.split(' ') as [string, string];
    return { date: `${year}-${month}-${day}`, time: clock };
  };
  const dob = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(record.date_of_birth ?? '');
  const identifiers: IdentifierFields = {
    nhsNumber: record.nhs_number,
    hospitalNumber: record.hospital_number,
    patientName: record.patient_name,
    dateOfBirth: dob ? `${dob[3]}-${dob[2]}-${dob[1]}` : record.date_of_birth,
    address: record.address,
    patientPostcode: record.postcode,
    phone: record.phone,
    email: record.email,
    nextOfKin: record.next_of_kin,
  };
  return {
    line,
    siteCode: record.site_code!,
    attendanceId: record.attendance_id || null,
    arrival: dateTime(record.arrival_datetime!),
    assault: dateTime(record.assault_datetime!),
    assaultMethodText: record.assault_method!,
    weapon: 'unknown',
    assaultMethodOther: record.assault_method_other || null,
    locationTypeText: record.location_type!,
    locationType: record.location_type === 'home' ? 'home' : 'street',
    locationDescription: record.location_description || null,
    locationPostcode: null,
    locationPoint: null,
    assailantCount: Number(record.assailant_count),
    assailantRelationship: null,
    reportedToPolice: record.reported_to_police === 'Y',
    wantsPoliceInformed: record.wants_police_informed === 'Y',
    age: record.age ? Number(record.age) : null,
    sex: null,
    alcoholInvolved: record.alcohol_involved === 'Y',
    identifiers,
  };
}

function rowsOf(csv: string): Array<{ line: number; record: CsvRecord }> {
  const records = parse(csv, { columns: true, info: true, record_delimiter: '\r\n' }) as Array<{ record: CsvRecord; info: { lines: number } }>;
  return records.map(({ record, info }) => ({ line: info.lines, record }));
}

/** The planted forms found in `output`, compared case-insensitively (a leak in capitals is still a leak). */
function leaks(output: string, planted: PlantedIdentifier[]): string[] {
  const haystack = output.toLowerCase();
  return planted.flatMap((entry) => entry.forms.filter((form) => haystack.includes(form.toLowerCase())).map((form) => `${entry.kind} ${form}`));
}

describe('the red-team set', () => {
  it('plants at least 200 identifiers of every kind in columns and at least 200 in free text', () => {
    for (const kind of PLANTED_KINDS) {
      for (const placement of ['column', 'text'] as const) {
        const count = set.manifest.filter((entry) => entry.kind === kind && entry.placement === placement).length;
        expect(count, `${kind} in ${placement}`).toBeGreaterThanOrEqual(200);
      }
    }
  });

  it('spreads the plants over several extracts and both free-text columns', () => {
    expect(set.extracts.length).toBeGreaterThanOrEqual(4);
    const textColumns = new Set(set.manifest.filter((entry) => entry.placement === 'text').map((entry) => entry.column));
    expect([...textColumns].sort()).toEqual(['assault_method_other', 'location_description']);
  });

  it('is deterministic: the same seed gives the same bytes', () => {
    expect(generateRedTeam().extracts).toEqual(set.extracts);
    expect(generateRedTeam({ seed: 2 }).extracts[0]!.csv).not.toEqual(set.extracts[0]!.csv);
  });

  it('matches the committed output', () => {
    for (const extract of set.extracts) {
      expect(readFileSync(path.join(RED_TEAM_OUTPUT_DIRECTORY, extract.fileName), 'utf8'), extract.fileName).toBe(extract.csv);
    }
    const manifest = JSON.parse(readFileSync(path.join(RED_TEAM_OUTPUT_DIRECTORY, 'manifest.json'), 'utf8')) as { planted: PlantedIdentifier[] };
    expect(manifest.planted).toEqual(set.manifest);
  });

  it('writes every planted text value into the file where the manifest says', () => {
    for (const extract of set.extracts) {
      const rows = new Map(rowsOf(extract.csv).map((row) => [row.line, row.record]));
      for (const entry of set.manifest.filter((planted) => planted.file === extract.fileName)) {
        const cell = rows.get(entry.line)?.[entry.column] ?? '';
        expect(cell.toLowerCase(), `${entry.file}:${entry.line} ${entry.column}`).toContain(entry.planted.toLowerCase());
      }
    }
  });

  it('lists every form to grep for, including NHS numbers spaced and unspaced', () => {
    const values = plantedIdentifierValues(set);
    const nhs = set.manifest.find((entry) => entry.kind === 'nhs_number')!;
    const digits = nhs.forms[0]!;
    expect(values).toContain(digits);
    expect(values).toContain(`${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`);
    expect(values.length).toBeGreaterThan(2000);
  });

  it('the extracts themselves contain the planted values (so a clean output means something)', () => {
    const all = set.extracts.map((extract) => extract.csv).join('\n');
    expect(leaks(all, set.manifest).length).toBeGreaterThan(set.manifest.length);
  });
});

describe('de-identifying the red-team extracts', () => {
  const deidentifier = createDeidentifier({ sites: RED_TEAM_SITES, pseudonymKey: key, lookupPostcode: () => ({ lsoaCode: 'E01000001' }) });

  for (const extract of set.extracts) {
    it(`leaves no planted identifier anywhere in the records of ${extract.fileName}`, () => {
      const planted = set.manifest.filter((entry) => entry.file === extract.fileName);
      const found: string[] = [];
      for (const { line, record } of rowsOf(extract.csv)) {
        const output = JSON.stringify(deidentifier.deidentify(extractRow(record, line)));
        found.push(...leaks(output, planted.filter((entry) => entry.line === line)).map((leak) => `line ${line}: ${leak}`));
      }
      expect(found).toEqual([]);
    });
  }

  it('scrubbing each planted text alone, with its row as context, removes it', () => {
    const failures: string[] = [];
    for (const extract of set.extracts) {
      const site = RED_TEAM_SITES.find((candidate) => candidate.code === extract.siteCode)!;
      const rows = new Map(rowsOf(extract.csv).map((row) => [row.line, row.record]));
      for (const entry of set.manifest.filter((planted) => planted.file === extract.fileName && planted.placement === 'text')) {
        const row = extractRow(rows.get(entry.line)!, entry.line);
        const result = scrubFreeText(rows.get(entry.line)![entry.column]!, { hospitalNumberPattern: site.hospitalNumberPattern, knownIdentifiers: row.identifiers });
        // `postcodes` hands full postcodes to the geocoder by design; the text is what goes on.
        failures.push(...leaks(result.text, [entry]).map((leak) => `${entry.file}:${entry.line} ${leak}`));
      }
    }
    expect(failures).toEqual([]);
  });

  it('counts what it removed, kind by kind', () => {
    const totals: Record<string, number> = {};
    for (const extract of set.extracts) {
      for (const { line, record } of rowsOf(extract.csv)) {
        for (const [kind, count] of Object.entries(deidentifier.deidentify(extractRow(record, line)).scrubbed)) totals[kind] = (totals[kind] ?? 0) + count;
      }
    }
    for (const kind of ['nhs_number', 'hospital_number', 'person_name', 'date_of_birth', 'private_address', 'phone', 'email', 'full_postcode']) {
      expect(totals[kind] ?? 0, kind).toBeGreaterThanOrEqual(150);
    }
  });
});
