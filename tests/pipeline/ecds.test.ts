/**
 * Extracts taken from the Emergency Care Data Set: SUS/ECDS column names are
 * understood, SNOMED CT codes reach the code lists only through the site's
 * codeMappings, and place-of-injury coordinates place the assault when they are
 * inside the area (ahead of the text), and otherwise leave it to the text with
 * a note for the hospital.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { ingestInbox } from '../../src/pipeline/ingest.ts';
import { mapHeader } from '../../src/validate/header.ts';
import { sampleSetup } from './sample-area.ts';

const ECDS_HEADER = [
  'EC_Ident', 'Site_Code_of_Treatment', 'EC_Arrival_Date', 'EC_Arrival_Time', 'EC_Injury_Date', 'EC_Injury_Time',
  'EC_Injury_Mechanism_SNOMED_CT', 'EC_Place_Of_Injury_SNOMED_CT', 'EC_Assault_Location_Description',
  'EC_Place_Of_Injury_Latitude', 'EC_Place_Of_Injury_Longitude', 'Age_At_Arrival', 'Person_Stated_Gender_Code',
  'NHS_Number', 'Person_Birth_Date', 'Postcode_Of_Usual_Address',
];

// The site's own SNOMED CT concept ids, as its config maps them: the code lists know no SNOMED CT.
const MECHANISM = { punch: '1111111000000101', knife: '2222222000000102', unmapped: '3333333000000103' };
const PLACE = { street: '4444444000000104', home: '5555555000000105' };

let context: PipelineContext | null = null;
afterEach(() => {
  if (context) closePipelineContext(context);
  context = null;
});

describe('ECDS column names', () => {
  it.each([
    ['EC_Injury_Date', 'assault_date'],
    ['EC_INJURY_TIME', 'assault_time'],
    ['ec_place_of_injury_latitude', 'location_latitude'],
    ['EC_Place_Of_Injury_Longitude', 'location_longitude'],
    ['EC_Injury_Mechanism_SNOMED_CT', 'assault_method'],
    ['EC_Place_Of_Injury_SNOMED_CT', 'location_type'],
    ['EC_Arrival_Date', 'arrival_date'],
  ])('%s is read as %s', (header, field) => {
    // The other required fields, each named once: a header that names a field twice is refused.
    const others = [['assault_method', 'weapon'], ['location_type', 'location type']].filter(([other]) => other !== field).map(([, name]) => name!);
    const result = mapHeader([header, 'assault_datetime', ...others]);
    const target = result.ok ? result.mapping.columns[0]!.target : null;
    expect(target).toEqual({ kind: 'canonical', field });
  });

  it('drops the identifying ECDS columns', () => {
    const result = mapHeader(ECDS_HEADER);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.mapping.identifierColumns).toEqual(['NHS_Number', 'Person_Birth_Date', 'Postcode_Of_Usual_Address']);
  });

  it('does not take a bare latitude for the place of injury (it may be the home)', () => {
    const result = mapHeader(['Latitude', 'Longitude', 'assault_date', 'assault_method', 'location_type']);
    expect(result.ok && result.mapping.columns.slice(0, 2).map((c) => c.target.kind)).toEqual(['dropped', 'dropped']);
  });
});

describe('an ECDS-shaped extract', () => {
  it('maps SNOMED CT through codeMappings and places rows by their coordinates when inside the area', async () => {
    const base = sampleSetup();
    const site = base.config.sites.find((s) => s.code === 'RX1AA')!;
    const setup = sampleSetup({
      sites: base.config.sites.map((s) =>
        s.code === 'RX1AA' ? { ...s, codeMappings: { weapon: { [MECHANISM.punch]: 'body', [MECHANISM.knife]: 'knife_or_sharp' }, locationType: { [PLACE.street]: 'street', [PLACE.home]: 'home' }, relationship: {} } } : s,
      ),
    });
    context = openPipelineContext(setup.config, { quiet: true });
    const inside = { latitude: (site.latitude + 0.0004).toFixed(6), longitude: (site.longitude + 0.0004).toFixed(6) };
    const row = (id: string, mechanism: string, place: string, latitude: string, longitude: string) =>
      [id, 'RX1AA', '2026-10-03', '23:40', '2026-10-03', '23:05', mechanism, place, 'o/s the station', latitude, longitude, '24', '1', '', '', ''].join(',');
    const lines = [
      ECDS_HEADER.join(','),
      row('E1', MECHANISM.punch, PLACE.street, inside.latitude, inside.longitude),
      row('E2', MECHANISM.knife, PLACE.street, '51.507200', '-0.127600'), // London: in the UK, outside the area
      row('E3', MECHANISM.punch, PLACE.street, inside.longitude, inside.latitude), // swapped
      row('E4', MECHANISM.punch, PLACE.home, inside.latitude, inside.longitude), // a home is never placed
      row('E5', MECHANISM.unmapped, PLACE.street, inside.latitude, inside.longitude),
      row('E6', MECHANISM.punch, PLACE.street, '', ''),
    ];
    writeFileSync(path.join(context.dataDir.inbox, 'RX1AA_2026-10.csv'), `${lines.join('\n')}\n`);
    const summary = await ingestInbox(context);
    expect(summary.files[0]).toMatchObject({ outcome: 'ingested', rowsRead: 6, rowsAccepted: 5, rowsRejected: 1 });

    const records = context.store.prepare('SELECT weapon, location_type AS locationType, geocode_outcome AS outcome, geocode_method AS method, longitude, latitude, lsoa_code AS lsoa FROM records ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(records.map((r) => [r.weapon, r.locationType, r.method === 'coordinates'])).toEqual([
      ['body', 'street', true],
      ['knife_or_sharp', 'street', false],
      ['body', 'street', false],
      ['body', 'home', false],
      ['body', 'street', false],
    ]);
    expect(records[0]).toMatchObject({ outcome: 'coordinates', longitude: Number(inside.longitude), latitude: Number(inside.latitude) });
    expect(records[0]!.lsoa).toBeTruthy();
    expect(records[3]).toMatchObject({ outcome: 'home', longitude: null, latitude: null });

    const issues = context.store.prepare('SELECT line, field, code, severity, message FROM row_issues ORDER BY line').all() as Array<{ line: number; field: string; code: string; severity: string; message: string }>;
    expect(issues.filter((i) => i.line === 3).map((i) => i.code)).toEqual(['coordinates_outside_area']);
    expect(issues.filter((i) => i.line === 4).map((i) => [i.code, i.severity])).toEqual([['out_of_range', 'warning']]);
    expect(issues.find((i) => i.line === 4)!.message).toMatch(/swapped/);
    expect(issues.filter((i) => i.line === 6).map((i) => [i.field, i.code, i.severity])).toEqual([['assault_method', 'unrecognised_code', 'error']]);
    // No message repeats a coordinate.
    for (const issue of issues) expect(issue.message).not.toMatch(/\d+\.\d{3}/);
  });
});
