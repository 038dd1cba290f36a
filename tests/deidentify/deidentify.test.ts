import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { attendanceKeyer, createDeidentifier, storedLocationText, textForGeocoder, type PostcodeLookup } from '../../src/deidentify/deidentify.ts';
import type { DeidentifiedRecord } from '../../src/deidentify/types.ts';
import type { ExtractRow } from '../../src/validate/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDirectory = path.resolve(repoRoot, '..', 'shared', 'data');
const haveData = existsSync(dataDirectory);
if (!haveData) console.warn(`Skipping residence-LSOA tests on real postcodes: no shared data at ${path.relative(repoRoot, dataDirectory)}`);

const KEY = Buffer.from('0f'.repeat(32), 'hex');
const OTHER_KEY = Buffer.from('f0'.repeat(32), 'hex');
const SITES = [
  { code: 'RAPNM', hospitalNumberPattern: String.raw`RAP\d{7}` },
  { code: 'RF4QH', hospitalNumberPattern: String.raw`QH-\d{6}` },
];

function row(overrides: Partial<ExtractRow> = {}): ExtractRow {
  return {
    line: 7,
    siteCode: 'RAPNM',
    attendanceId: 'A123456',
    arrival: { date: '2026-10-03', time: '23:40' },
    assault: { date: '2026-10-03', time: '23:00' },
    assaultMethodText: 'punched',
    weapon: 'body',
    assaultMethodOther: null,
    locationTypeText: 'street',
    locationType: 'street',
    locationDescription: 'o/s The Queens Head',
    locationPostcode: null,
    locationPoint: null,
    assailantCount: 2,
    assailantRelationship: 'stranger',
    reportedToPolice: false,
    wantsPoliceInformed: true,
    age: null,
    sex: 'male',
    alcoholInvolved: true,
    identifiers: {},
    ...overrides,
  };
}

/** The gazetteer's postcode → LSOA lookup, read from the real Code-Point extract. */
function realPostcodeLookup(): { lookup: PostcodeLookup; postcode: string; lsoa: string } {
  const records = parse(readFileSync(path.join(dataDirectory, 'haringey', 'postcodes.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  const byPostcode = new Map(records.map((record) => [record.postcode!, record.lsoa21cd!]));
  const first = records[0]!;
  return {
    lookup: (postcode) => {
      const lsoaCode = byPostcode.get(postcode);
      return lsoaCode ? { lsoaCode } : null;
    },
    postcode: first.postcode!,
    lsoa: first.lsoa21cd!,
  };
}

const deidentifier = createDeidentifier({ sites: SITES, pseudonymKey: KEY, places: { placeNames: ['The Queens Head'], districts: [] } });
const deidentify = (overrides: Partial<ExtractRow> = {}): DeidentifiedRecord => deidentifier.deidentify(row(overrides));

describe('the allow-list', () => {
  it('builds the record from contract fields only, with nothing of the identifiers in it', () => {
    const identifiers = {
      nhsNumber: '943 476 5919',
      hospitalNumber: 'RAP1234567',
      patientName: 'Dariusz Okonkwo',
      dateOfBirth: '1990-03-12',
      address: '14 Elmcroft Road, London',
      patientPostcode: 'N17 6QP',
      phone: '07700 900123',
      email: 'dariusz.okonkwo@example.com',
      nextOfKin: 'Jolanta Okonkwo 07700 900456',
    };
    const record = deidentify({ identifiers, ...({ extraColumn: 'smuggled' } as object) });
    expect(Object.keys(record).sort()).toEqual([
      'ageBand', 'alcoholInvolved', 'arrival', 'assailantCount', 'assailantRelationship', 'assault', 'assaultMethodOther',
      'assaultMethodText', 'attendanceKey', 'line', 'locationIsHome', 'locationPoint', 'locationPostcode', 'locationText', 'locationType',
      'repeatKey', 'reportedToPolice', 'residenceLsoa', 'scrubbed', 'sex', 'siteCode', 'wantsPoliceInformed', 'weapon',
    ]);
    const output = JSON.stringify(record);
    for (const value of [...Object.values(identifiers), '9434765919', 'Okonkwo', 'Dariusz', '1990', 'A123456', 'smuggled']) {
      expect(output).not.toContain(value);
    }
  });

  it('passes the contract fields through unchanged', () => {
    const record = deidentify();
    expect(record).toMatchObject({
      line: 7,
      siteCode: 'RAPNM',
      arrival: { date: '2026-10-03', time: '23:40' },
      assault: { date: '2026-10-03', time: '23:00' },
      weapon: 'body',
      assaultMethodText: 'punched',
      locationType: 'street',
      locationText: 'o/s The Queens Head',
      assailantCount: 2,
      assailantRelationship: 'stranger',
      reportedToPolice: false,
      wantsPoliceInformed: true,
      sex: 'male',
      alcoholInvolved: true,
      scrubbed: {},
    });
  });
});

describe('age band', () => {
  it.each<[string, Partial<ExtractRow>, string]>([
    ['from the age column', { age: 23 }, '18-24'],
    ['from the date of birth at the arrival date', { identifiers: { dateOfBirth: '2008-10-04' } }, '15-17'],
    ['turning 18 on the day of arrival', { identifiers: { dateOfBirth: '2008-10-03' } }, '18-24'],
    ['from the date of birth at the assault date when there is no arrival', { arrival: null, assault: { date: '2026-10-02', time: null }, identifiers: { dateOfBirth: '2008-10-03' } }, '15-17'],
    ['the age column wins over the date of birth', { age: 40, identifiers: { dateOfBirth: '2008-10-03' } }, '35-44'],
    ['unknown from an unparsed date of birth', { identifiers: { dateOfBirth: '12th of never' } }, 'unknown'],
    ['unknown with neither', {}, 'unknown'],
  ])('%s', (_name, overrides, band) => {
    expect(deidentify(overrides).ageBand).toBe(band);
  });
});

describe('repeat key: HMAC-SHA256 of the normalised NHS number', () => {
  const expected = createHmac('sha256', KEY).update('9434765919').digest('hex');

  it.each(['9434765919', '943 476 5919', '943-476-5919', ' 943 4765919 '])('is the same for %j', (nhsNumber) => {
    expect(deidentify({ identifiers: { nhsNumber } }).repeatKey).toBe(expected);
  });

  it('differs under another key, so the key is what protects it', () => {
    const other = createDeidentifier({ sites: SITES, pseudonymKey: OTHER_KEY }).deidentify(row({ identifiers: { nhsNumber: '9434765919' } }));
    expect(other.repeatKey).toMatch(/^[0-9a-f]{64}$/);
    expect(other.repeatKey).not.toBe(expected);
  });

  it.each([
    ['a number failing the check digit', { nhsNumber: '9434765918' }],
    ['no number', {}],
    ['a blank number', { nhsNumber: '' }],
  ])('is null for %s', (_name, identifiers) => {
    expect(deidentify({ identifiers }).repeatKey).toBeNull();
  });

  it('is null without a key, as is the attendance key', () => {
    const record = createDeidentifier({ sites: SITES, pseudonymKey: null }).deidentify(row({ identifiers: { nhsNumber: '9434765919' } }));
    expect(record.repeatKey).toBeNull();
    expect(record.attendanceKey).toBeNull();
  });
});

describe('attendance key: HMAC of site and attendance reference', () => {
  it('is the keyed hash of the site and the reference', () => {
    expect(deidentify().attendanceKey).toBe(createHmac('sha256', KEY).update('RAPNM\u0000A123456').digest('hex'));
  });

  it('differs between sites for the same reference', () => {
    expect(deidentify({ siteCode: 'RF4QH' }).attendanceKey).not.toBe(deidentify().attendanceKey);
  });

  it('is null without a reference', () => {
    expect(deidentify({ attendanceId: null }).attendanceKey).toBeNull();
  });

  it('is left null when the caller keys it later, and attendanceKeyer then gives the same key', () => {
    const deferred = createDeidentifier({ sites: SITES, pseudonymKey: KEY }).deidentify(row({ attendanceId: ' A123456 ' }), { keyAttendance: false });
    expect(deferred.attendanceKey).toBeNull();
    expect(attendanceKeyer(KEY)!('RAPNM', ' A123456 ')).toBe(deidentify().attendanceKey);
  });

  it('has no keyer without a key', () => {
    expect(attendanceKeyer(null)).toBeNull();
  });
});

describe.skipIf(!haveData)('residence LSOA from the patient postcode, via the gazetteer lookup', () => {
  const { lookup, postcode, lsoa } = haveData ? realPostcodeLookup() : { lookup: () => null, postcode: '', lsoa: '' };
  const withLookup = createDeidentifier({ sites: SITES, pseudonymKey: KEY, lookupPostcode: lookup });

  it.each([
    ['as published', (value: string) => value],
    ['in lower case without the space', (value: string) => value.toLowerCase().replace(' ', '')],
  ])('finds the LSOA of a real postcode written %s', (_name, write) => {
    expect(withLookup.deidentify(row({ identifiers: { patientPostcode: write(postcode) } })).residenceLsoa).toBe(lsoa);
  });

  it('is null for a postcode the gazetteer does not hold, or none', () => {
    expect(withLookup.deidentify(row({ identifiers: { patientPostcode: 'ZZ9 9ZZ' } })).residenceLsoa).toBeNull();
    expect(withLookup.deidentify(row({ identifiers: { patientPostcode: 'not a postcode' } })).residenceLsoa).toBeNull();
    expect(withLookup.deidentify(row()).residenceLsoa).toBeNull();
  });

  it('is null without a lookup', () => {
    expect(deidentify({ identifiers: { patientPostcode: postcode } }).residenceLsoa).toBeNull();
  });
});

describe('free text and the location postcode', () => {
  const places = { placeNames: ['High Road', 'The Queens Head', 'Barking Station', 'No. 8 Bar'], districts: ['N17', 'N15'] };
  const withPlaces = createDeidentifier({ sites: SITES, pseudonymKey: KEY, places });
  const allowListed = (overrides: Partial<ExtractRow>) => withPlaces.deidentify(row(overrides));

  it('keeps the words of places in all three free-text fields, and counts what it removed', () => {
    const record = allowListed({
      locationDescription: 'o/s Wetherspoons high rd, boyfriend Dave, tel 07700 900123',
      assaultMethodText: 'punched by Mr Smith',
      assaultMethodOther: 'hit with phone, DOB 12/03/1990',
    });
    expect(record.locationText).toBe('o/s Wetherspoons high rd, boyfriend [word], [word] [number]');
    expect(record.assaultMethodText).toBe('punched by Mr [name]');
    expect(record.assaultMethodOther).toBe('hit with phone, [word] [number]');
    expect(record.scrubbed).toEqual({ person_name: 1, phone: 1, date_of_birth: 1 });
  });

  it("counts each site's own hospital numbers with its own pattern; the number goes either way", () => {
    expect(allowListed({ siteCode: 'RF4QH', locationDescription: 'QH-123456 Barking stn' })).toMatchObject({ locationText: '[word]-[number] Barking stn', scrubbed: { hospital_number: 1 } });
    expect(allowListed({ siteCode: 'RAPNM', locationDescription: 'QH-123456 Barking stn' }).locationText).toBe('[word]-[number] Barking stn');
  });

  it.each<[string, Partial<ExtractRow>, string | null, boolean]>([
    ['the postcode column', { locationPostcode: 'n17 9lz' }, 'N17 9LZ', false],
    ['the column over the text', { locationPostcode: 'N17 9LZ', locationDescription: 'o/s shops N15 4AB' }, 'N17 9LZ', false],
    ['the first postcode in the text', { locationDescription: 'o/s shops N15 4AB nr N17 9LZ' }, 'N15 4AB', false],
    ['none for a home location type', { locationType: 'home', locationDescription: 'N17 6QP' }, null, true],
    ["none when the column is the patient's own postcode", { locationPostcode: 'N17 6QP', identifiers: { patientPostcode: 'n176qp' } }, null, true],
    ['none at all', {}, null, false],
  ])('comes from %s', (_name, overrides, postcode, isHome) => {
    const record = allowListed(overrides);
    expect(record.locationPostcode).toBe(postcode);
    expect(record.locationIsHome).toBe(isHome);
  });

  it('keeps only the sector of a postcode in the stored text', () => {
    expect(allowListed({ locationDescription: 'o/s shops N17 6QP' }).locationText).toBe('o/s shops N17 6');
  });

  it("keeps none of the patient's name or address, whether or not the row names them", () => {
    for (const identifiers of [{}, { patientName: 'OKONKWO, Dariusz', address: '14 Elmcroft Road, London' }]) {
      const record = allowListed({ locationDescription: 'pt Dariusz Okonkwo assaulted o/s 14 Elmcroft Rd', identifiers });
      expect(record.locationText).toBe('pt [word] assaulted o/s [number] [word] Rd');
    }
  });

  it('stores "home" and nothing else once the geocoder places the assault at a home', () => {
    const record = allowListed({ locationDescription: "pt's home, flat 2 High Road" });
    expect(storedLocationText(record, true)).toBe('home');
    expect(storedLocationText(record, false)).toBe("pt's home, flat [number] High Road");
  });

  it('hands the geocoder the text as sent, normalised, and never puts it in the record', () => {
    const sent = row({ locationDescription: 'o/s ４２ High Rd\u200b Tomasz' });
    expect(textForGeocoder(sent)).toBe('o/s 42 High Rd Tomasz');
    expect(JSON.stringify(withPlaces.deidentify(sent))).not.toMatch(/tomasz|42/i);
  });
});

describe('configuration problems', () => {
  it('refuses an invalid site pattern when it is created, not on the first row', () => {
    expect(() => createDeidentifier({ sites: [{ code: 'RAPNM', hospitalNumberPattern: '(' }], pseudonymKey: KEY })).toThrow(/Invalid hospitalNumberPattern "\("/);
  });
});
