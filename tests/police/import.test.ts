import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLsoaBoundaries } from '../../src/geocode/gazetteer/read-lsoas.ts';
import { DROP_REASONS, importPoliceFiles, type PoliceArea } from '../../src/pipeline/police-import.ts';
import { openStore, type StoreDatabase } from '../../src/store/open.ts';
import { policeCountsByMonthAndLsoa, policeImports } from '../../src/store/police-crimes.ts';
import { matchPoliceHeader, parsePoliceMonth, POLICE_UK_HEADER } from '../../src/validate/police-csv.ts';
import { hasSharedData, sharedDataDir } from '../geocode/shared-data.ts';
import { zipOf } from './zip-fixture.ts';

const HEADER = POLICE_UK_HEADER.join(',');
const AREA: PoliceArea = { lsoaCodes: new Set(['E01000001', 'E01000002']), gazetteerVersion: 'test' };

function row(id: string, month: string, lsoa: string, type = 'Violence and sexual offences', force = 'Metropolitan Police Service'): string {
  return `${id},${month},${force},${force},-0.1,51.5,On or near High Road,${lsoa},Somewhere 001A,${type},Under investigation,`;
}

let folder: string;
let store: StoreDatabase;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'istv-police-'));
  store = openStore(path.join(folder, 'istv.sqlite'));
});
afterEach(() => store.close());

function file(name: string, content: string | Buffer): string {
  const target = path.join(folder, name);
  writeFileSync(target, content);
  return target;
}

describe('police header', () => {
  it.each([
    ['police.uk header as published', HEADER, true],
    ['police.uk header in another order and case', [...POLICE_UK_HEADER].reverse().map((h) => h.toUpperCase()).join(','), true],
    ['an ED extract header', 'site_code,arrival_datetime,assault_datetime,location_description', false],
    ['police.uk outcomes file', 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type', false],
    ['police.uk header with an extra column', `${HEADER},Victim name`, false],
  ])('%s', (_name, header, ok) => {
    const result = matchPoliceHeader(header.split(','));
    expect(result.ok).toBe(ok);
    if (!result.ok) {
      expect(result.reason).toContain(`header "${header}"`);
      expect(result.reason).toContain('Crime ID,Month,Reported by');
    }
  });

  it('reads a force extract through a column mapping, and only the mapped columns', () => {
    const result = matchPoliceHeader(['Ref', 'Offence Date', 'Victim Surname', 'X', 'Y', 'Offence Group'], [
      { name: 'force RMS', force: 'Northbrook Constabulary', columns: { 'Offence Date': 'month', X: 'easting', Y: 'northing', 'Offence Group': 'crime_type', Ref: 'drop' } },
    ]);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.layout.format).toBe('force RMS');
      expect(Object.values(result.layout.columns)).not.toContain(2);
    }
  });

  it.each([
    ['2024-03', '2024-03'],
    ['2024-3', '2024-03'],
    ['2024-03-17', '2024-03'],
    ['17/03/2024', '2024-03'],
    ['2024-13', null],
    ['March', null],
  ])('month %s', (value, expected) => expect(parsePoliceMonth(value)).toBe(expected));
});

describe('police import', () => {
  it('keeps rows of the crime type asked for in the area, and counts every other row under a reason', async () => {
    const csv = file(
      '2024-03-metropolitan-street.csv',
      [HEADER, row('a', '2024-03', 'E01000001'), row('b', '2024-03', 'E01000002'), row('c', '2024-03', 'E01009999'), row('d', '2024-03', 'E01000001', 'Burglary'), ',2024-03,Metropolitan Police Service,Metropolitan Police Service,,,No location,,,Violence and sexual offences,,', row('e', 'March', 'E01000001')].join('\n'),
    );
    const summary = await importPoliceFiles(store, [csv], AREA);
    expect(summary.files).toEqual([{ file: csv, rowsRead: 6, rowsKept: 2, months: ['2024-03'] }]);
    expect(summary.totals).toEqual({ rowsRead: 6, rowsKept: 2 });
    expect(summary.dropped).toEqual({ [DROP_REASONS.outsideArea]: 1, [DROP_REASONS.crimeType]: 1, [DROP_REASONS.noLocation]: 1, [DROP_REASONS.unreadable]: 1 });
    expect(summary.rowProblems?.[0]).toMatchObject({ line: 7, field: 'month' });
    const [provenance] = policeImports(store);
    expect(provenance).toMatchObject({ force: 'Metropolitan Police Service', month: '2024-03', fileName: '2024-03-metropolitan-street.csv', format: 'police.uk', rowsRead: 5, rowsKept: 2, status: 'current' });
    const stored = store.prepare('SELECT * FROM police_crimes').all() as Array<Record<string, unknown>>;
    expect(stored[0]).toMatchObject({ month: '2024-03', lsoa_code: 'E01000001', location_text: 'On or near High Road', crime_type: 'Violence and sexual offences', outcome: 'Under investigation', longitude: -0.1, latitude: 51.5 });
    expect(Object.keys(stored[0]!)).not.toContain('crime_id');
  });

  it('replaces a month imported again for the same force, though the Crime IDs changed', async () => {
    const first = file('first.csv', [HEADER, row('a1', '2024-03', 'E01000001'), row('a2', '2024-03', 'E01000001'), row('a3', '2024-04', 'E01000002')].join('\n'));
    const second = file('second.csv', [HEADER, row('z1', '2024-03', 'E01000002')].join('\n'));
    await importPoliceFiles(store, [first], AREA);
    const summary = await importPoliceFiles(store, [second], AREA);
    expect(summary.replaced).toEqual([{ force: 'Metropolitan Police Service', month: '2024-03' }]);
    expect(policeCountsByMonthAndLsoa(store, ['2024-03', '2024-04'])).toEqual([
      { month: '2024-03', lsoaCode: 'E01000002', count: 1 },
      { month: '2024-04', lsoaCode: 'E01000002', count: 1 },
    ]);
    expect(policeImports(store).map((entry) => entry.status)).toEqual(['superseded', 'current', 'current']);
    // Another force's month is its own.
    await importPoliceFiles(store, [file('btp.csv', [HEADER, row('q', '2024-03', 'E01000001', undefined, 'British Transport Police')].join('\n'))], AREA);
    expect(policeImports(store, { currentOnly: true })).toHaveLength(3);
  });

  it('reads the street files inside a zipped monthly archive and skips the others', async () => {
    const archive = file(
      'police-2024-04.zip',
      zipOf([
        { name: '2024-03/2024-03-metropolitan-street.csv', content: [HEADER, row('a', '2024-03', 'E01000001')].join('\r\n') },
        { name: '2024-04/2024-04-metropolitan-street.csv', content: [HEADER, row('b', '2024-04', 'E01000001'), row('c', '2024-04', 'E01000002')].join('\n') },
        { name: '2024-04/2024-04-metropolitan-outcomes.csv', content: 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n' },
        { name: 'README.txt', content: 'not a csv' },
      ]),
    );
    const summary = await importPoliceFiles(store, [archive], AREA);
    expect(summary.files).toEqual([{ file: archive, rowsRead: 3, rowsKept: 3, months: ['2024-03', '2024-04'] }]);
    expect(summary.refused).toHaveLength(1);
    expect(summary.refused![0]!.file).toBe(`${archive}:2024-04/2024-04-metropolitan-outcomes.csv`);
    expect(summary.refused![0]!.reason).toContain('missing "Crime type"');
    expect(policeImports(store).map((entry) => entry.entryName)).toEqual(['2024-03/2024-03-metropolitan-street.csv', '2024-04/2024-04-metropolitan-street.csv']);
  });

  it('reads police archives through the one zip reader: a bomb or an encrypted archive is refused with a reason, and the next file imported', async () => {
    // 64 MB of zeros deflate to about 64 KB: a ratio only a bomb has.
    const bombFolder = mkdtempSync(path.join(tmpdir(), 'istv-police-bomb-'));
    writeFileSync(path.join(bombFolder, '2024-03-metropolitan-street.csv'), Buffer.alloc(64 * 1024 * 1024, 0x30));
    execFileSync('zip', ['-q', '-9', 'bomb.zip', '2024-03-metropolitan-street.csv'], { cwd: bombFolder });
    const bomb = file('bomb.zip', readFileSync(path.join(bombFolder, 'bomb.zip')));
    writeFileSync(path.join(bombFolder, 'street.csv'), [HEADER, row('a', '2024-03', 'E01000001')].join('\n'));
    execFileSync('zip', ['-q', '-P', 'secret', 'locked.zip', 'street.csv'], { cwd: bombFolder });
    const encrypted = file('locked.zip', readFileSync(path.join(bombFolder, 'locked.zip')));
    const good = file('good.csv', [HEADER, row('a', '2024-03', 'E01000001')].join('\n'));
    const summary = await importPoliceFiles(store, [bomb, encrypted, good], AREA);
    expect(summary.refused).toEqual([
      { file: bomb, reason: expect.stringMatching(/^the archive was refused because member "2024-03-metropolitan-street\.csv" would expand \d+ times/) },
      { file: encrypted, reason: expect.stringMatching(/^the archive was refused because it is encrypted/) },
    ]);
    expect(summary.files.map((entry) => entry.file)).toEqual([good]);
  });

  it('refuses a file with another header, naming the header, and stores nothing from it', async () => {
    const other = file('extract.csv', 'site_code,arrival_datetime,location_description\nRX1,2024-03-01 22:00,o/s pub\n');
    const good = file('good.csv', [HEADER, row('a', '2024-03', 'E01000001')].join('\n'));
    const summary = await importPoliceFiles(store, [other, good], AREA);
    expect(summary.refused).toEqual([{ file: other, reason: expect.stringContaining('header "site_code,arrival_datetime,location_description" is not police.uk') }]);
    expect(summary.files.map((entry) => entry.file)).toEqual([good]);
  });

  it('reads a force extract with grid references and dates through the configured mapping', async () => {
    const extract = file('force.csv', 'Ref,Offence Date,Victim Surname,X,Y,Offence Group\nR1,17/03/2024,SMITH,531000,181000,Violence and sexual offences\n');
    const area: PoliceArea = { lsoaCodes: new Set(['E01000001']), lsoaAt: (longitude, latitude) => (Math.abs(longitude + 0.12) < 0.05 && Math.abs(latitude - 51.51) < 0.05 ? 'E01000001' : null), gazetteerVersion: null };
    const summary = await importPoliceFiles(store, [extract], area, {
      columnMappings: [{ name: 'force RMS', force: 'Northbrook Constabulary', columns: { 'Offence Date': 'month', X: 'easting', Y: 'northing', 'Offence Group': 'crime_type' } }],
    });
    expect(summary.totals).toEqual({ rowsRead: 1, rowsKept: 1 });
    const stored = store.prepare('SELECT * FROM police_crimes').get() as Record<string, unknown>;
    expect(stored).toMatchObject({ month: '2024-03', lsoa_code: 'E01000001' });
    expect(JSON.stringify(store.prepare('SELECT * FROM police_imports').all())).not.toContain('SMITH');
    expect(JSON.stringify(stored)).not.toContain('SMITH');
  });
});

describe.skipIf(!hasSharedData)('police import of the real police.uk files (../shared/data)', () => {
  it.each([
    ['haringey', 1661],
    ['barking_and_dagenham', 906],
  ])('%s: every row read, kept by 2021 LSOA, twelve months', async (borough, rows) => {
    const source = path.join(sharedDataDir, borough, 'police_uk_street_crime_burglary_only_2024-03_2025-02.csv');
    const lsoas = readLsoaBoundaries(path.join(sharedDataDir, borough, 'lsoa_2021.geojson'));
    const area: PoliceArea = { lsoaCodes: new Set(lsoas.map((lsoa) => lsoa.code)), gazetteerVersion: null };
    const burglary = await importPoliceFiles(store, [source], area, { crimeTypes: ['Burglary'] });
    expect(burglary.refused).toBeUndefined();
    expect(burglary.files).toEqual([{ file: source, rowsRead: rows, rowsKept: rows, months: ['2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02'] }]);
    // The real Crime IDs never reach the store.
    const firstId = readFileSync(source, 'utf8').split('\n')[1]!.split(',')[0]!;
    expect(JSON.stringify(store.prepare('SELECT * FROM police_crimes').all())).not.toContain(firstId);
    // The default crime type keeps none of a burglary file, and says why.
    const violence = await importPoliceFiles(store, [source], area);
    expect(violence.totals).toEqual({ rowsRead: rows, rowsKept: 0 });
    expect(violence.dropped).toEqual({ [DROP_REASONS.crimeType]: rows });
  });

  it('keeps only the rows in the area when the gazetteer has the other vintage (2011 LSOAs)', async () => {
    const source = path.join(sharedDataDir, 'haringey', 'police_uk_street_crime_burglary_only_2024-03_2025-02.csv');
    const area: PoliceArea = { lsoaCodes: new Set(readLsoaBoundaries(path.join(sharedDataDir, 'haringey', 'lsoa_2011.geojson')).map((lsoa) => lsoa.code)), gazetteerVersion: null };
    const summary = await importPoliceFiles(store, [source], area, { crimeTypes: ['Burglary'] });
    expect(summary.totals.rowsKept + (summary.dropped?.[DROP_REASONS.outsideArea] ?? 0)).toBe(1661);
    expect(summary.totals.rowsKept).toBeGreaterThan(1500);
  });
});
