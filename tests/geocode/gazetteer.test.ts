import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { sampleAreaGazetteerInputs } from '../../src/pipeline/demo.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGazetteer, writeGazetteer } from '../../src/geocode/gazetteer/build.ts';
import { loadGazetteer } from '../../src/geocode/gazetteer/load.ts';
import { readLsoaBoundaries } from '../../src/geocode/gazetteer/read-lsoas.ts';
import { readOpenNames, readPlacesGeoJson, readPremisesCsv, streetNameOfBusStop } from '../../src/geocode/gazetteer/read-places.ts';
import { readPostcodes } from '../../src/geocode/gazetteer/read-postcodes.ts';
import { readSites } from '../../src/geocode/gazetteer/read-sites.ts';
import { readPoliceStreets } from '../../src/geocode/gazetteer/read-police-streets.ts';
import { metresBetween } from '../../src/lib/distance.ts';
import { sharedDataInputs } from '../../src/geocode/evaluation/shared-data.ts';
import { hasSharedData, repoRoot, sharedDataDir } from './shared-data.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'istv-gazetteer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
}

const SQUARE = { type: 'Polygon', coordinates: [[[-0.1, 51.5], [-0.09, 51.5], [-0.09, 51.51], [-0.1, 51.51], [-0.1, 51.5]]] };

describe('LSOA boundary readers', () => {
  it.each([
    ['2011 with 2019 wards and population', { LSOA11CD: 'E01000001', LSOA11NM: 'Somewhere 001A', WD19CD: 'E05000001', WD19NM: 'Ward', LAD11CD: 'E09000001', LAD11NM: 'Borough', USUALRES: 1500 }, { code: 'E01000001', vintage: '2011', wardCode: 'E05000001', ladCode: 'E09000001', population: 1500 }],
    ['2021 with 2023 wards', { LSOA21CD: 'E01000002', LSOA21NM: 'Somewhere 001B', WD23CD: 'E05000002', WD23NM: 'Ward', LAD22CD: 'E09000001' }, { code: 'E01000002', vintage: '2021', wardCode: 'E05000002', population: null }],
  ])('%s', (_name, properties, expected) => {
    const input = file('lsoa.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry: SQUARE }] }));
    expect(readLsoaBoundaries(input)[0]).toMatchObject(expected);
  });

  it('names the file and the properties it found when there is no LSOA code', () => {
    const input = file('wards.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { WD23CD: 'E05000001', WD23NM: 'Ward' }, geometry: SQUARE }] }));
    expect(() => readLsoaBoundaries(input)).toThrow('wards.geojson: expected an LSOA code property (LSOA11CD or LSOA21CD) but the features have: WD23CD, WD23NM');
  });

  it('refuses to mix 2011 and 2021 LSOAs in one gazetteer', () => {
    const a = file('a.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { LSOA11CD: 'E01000001' }, geometry: SQUARE }] }));
    const b = file('b.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { LSOA21CD: 'E01000002' }, geometry: SQUARE }] }));
    expect(() => buildGazetteer({ lsoa: [a, b] })).toThrow('LSOA files mix vintages 2011 and 2021');
  });
});

describe('postcode readers', () => {
  it.each([
    ['postcode,latitude,longitude (shared data shape)', 'postcode,latitude,longitude\nN10 1AF,51.603999,-0.156404\n', 'postcode CSV'],
    ['OS Code-Point Open, no header, grid references', '"N10 1AF",10,527773,191072,"E92000001","E19000003","E18000007","","E09000014","E05013589"\n', 'OS Code-Point Open'],
    ['ONSPD, grid references, live postcode', 'pcd,pcds,doterm,oseast1m,osnrth1m\nN10 1AF,N10 1AF,,527773,191072\nN10 9ZZ,N10 9ZZ,201001,527700,191000\n', 'ONS Postcode Directory'],
  ])('%s', (_name, content, format) => {
    const result = readPostcodes(file('postcodes.csv', content));
    expect(result.format).toBe(format);
    expect(result.records).toHaveLength(1);
    const [postcode, longitude, latitude] = result.records[0]!;
    expect(postcode).toBe('N10 1AF');
    expect(metresBetween([longitude, latitude], [-0.156404, 51.603999])).toBeLessThan(1);
  });

  it('maps columns by flag, and says which mapped column is missing', () => {
    const input = file('mapped.csv', 'PC,Y,X\nn101af,51.603999,-0.156404\n');
    expect(readPostcodes(input, { postcode: 'PC', latitude: 'Y', longitude: 'X' }).records[0]?.[0]).toBe('N10 1AF');
    expect(() => readPostcodes(input, { postcode: 'Postcode' })).toThrow('mapped.csv: the column mapping says postcode=Postcode, but there is no column "Postcode"');
  });

  it('names the file and the columns it expected when it cannot read one', () => {
    expect(() => readPostcodes(file('odd.csv', 'code,x\nA,1\n'))).toThrow(/odd\.csv: unrecognised columns\. Expected postcode \(postcode \/ pcds/);
  });
});

describe('place readers', () => {
  it('reads premises points with category, brand as an alias, street and district', () => {
    const input = file('pubs.geojson', JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { osm_id: 'node/1', name: 'The Mossy Well', premises_type: 'pub', brand: 'Wetherspoon', 'addr:street': 'Muswell Hill Broadway', 'addr:postcode': 'N10 3SH' }, geometry: { type: 'Point', coordinates: [-0.141736, 51.590668] } }],
    }));
    expect(readPlacesGeoJson(input, 'premises').records[0]).toMatchObject({ id: 'node/1', kind: 'premises', category: 'pub_bar_nightclub', aliases: ['Wetherspoon'], street: 'Muswell Hill Broadway', districts: ['N10'] });
  });

  it('reads a street line: a point half way along it, its extent and its line for junctions', () => {
    const input = file('streets.geojson', JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'Mill Lane' }, geometry: { type: 'LineString', coordinates: [[-0.1, 51.5], [-0.1, 51.502], [-0.098, 51.502]] } }],
    }));
    const street = readPlacesGeoJson(input, 'streets').records[0]!;
    expect(street).toMatchObject({ kind: 'street', bbox: [-0.1, 51.5, -0.098, 51.502] });
    expect(street.lines?.[0]).toHaveLength(3);
    // 361 m of line: half way is 180 m up the first, northward, segment.
    expect(metresBetween([street.longitude, street.latitude], [-0.1, 51.5 + 180.5 / 110540])).toBeLessThan(5);
  });

  it.each([
    ['rail_or_tube_station', 'landmark', 'station'],
    ['place_suburb', 'area', 'suburb'],
    ['school', 'landmark', 'school'],
  ])('reads a %s landmark as %s/%s', (landmarkType, kind, category) => {
    const input = file('landmarks.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'X', landmark_type: landmarkType }, geometry: { type: 'Point', coordinates: [-0.1, 51.5] } }] }));
    expect(readPlacesGeoJson(input, 'landmarks').records[0]).toMatchObject({ kind, category });
  });

  it('refuses place features without a name, listing the properties it found', () => {
    const input = file('nameless.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { title: 'X' }, geometry: { type: 'Point', coordinates: [-0.1, 51.5] } }] }));
    expect(() => readPlacesGeoJson(input, 'premises')).toThrow('nameless.geojson: expected a "name" property on the features but found: title');
  });

  it.each([
    ['PHILIP LANE', 'Philip Lane'],
    ['BIRSTALL ROAD / SEVEN SISTERS STN <> #', 'Birstall Road'],
    ['HARINGEY SIXTH FORM COLLEGE', null],
  ])('the street of bus stop %j is %j', (stop, street) => {
    expect(streetNameOfBusStop(stop)).toBe(street);
  });

  it('reads the FSA food hygiene CSV, keeping the business types people are assaulted at', () => {
    const input = file('fhrs.csv', [
      'FHRSID,BusinessName,BusinessType,AddressLine1,PostCode,Longitude,Latitude',
      '1,Harringay Arms,Pub/bar/nightclub,153 Crouch Hill,N8 9QH,-0.1172,51.5771',
      '2,Chicken Town,Takeaway/sandwich shop,12-14 High Road,N17 6AA,,',
      '3,Mrs Smith Catering,Other catering premises,1 A Road,N8 9QH,-0.1,51.5',
    ].join('\n'));
    const result = readPremisesCsv(input, {}, (postcode) => (postcode === 'N17 6AA' ? [-0.082122, 51.597782] : null));
    expect(result.format).toBe('FSA food hygiene register CSV');
    expect(result.records.map((r) => [r.name, r.category, r.street ?? null])).toEqual([
      ['Harringay Arms', 'pub_bar_nightclub', 'Crouch Hill'],
      ['Chicken Town', 'takeaway', 'High Road'],
    ]);
    expect(result.records[1]).toMatchObject({ longitude: -0.082122, latitude: 51.597782 });
    expect(result.skipped).toBe(1);
  });

  it('reads a licence register by its column mapping, placing rows by postcode', () => {
    const input = file('register.csv', 'Licence No,Trading As,Post Code,Type\nPL1,The Anchor,N17 6AA,Public house\n');
    const result = readPremisesCsv(input, { name: 'Trading As', postcode: 'Post Code', category: 'Type' }, () => [-0.082122, 51.597782]);
    expect(result.records[0]).toMatchObject({ id: 'register-PL1', name: 'The Anchor', category: 'pub_bar_nightclub', districts: ['N17'] });
  });

  it('names the register and the columns it needs when none is recognised', () => {
    const input = file('mystery.csv', 'Col A,Col B\nx,y\n');
    expect(() => readPremisesCsv(input, {}, () => null)).toThrow(/mystery\.csv: unrecognised columns\. Expected name \(premises name/);
  });

  it('reads OS Open Names without its header, converting grid references', () => {
    const row = ['osgb4000000074558344', 'http://data.ordnancesurvey.co.uk/id/4000000074558344', 'Philip Lane', '', '', '', 'transportNetwork', 'Named Road', '533400', '189200', '', '', '533000', '189100', '533800', '189300', 'N15', '', 'Tottenham', '', '', 'Haringey', '', '', 'Greater London', '', '', 'London', '', 'England', '', '', '', ''];
    expect(row).toHaveLength(34);
    const result = readOpenNames(file('TQ38.csv', `${row.join(',')}\n`));
    expect(result.records[0]).toMatchObject({ id: 'osnames-osgb4000000074558344', kind: 'street', name: 'Philip Lane', districts: ['N15'] });
    expect(result.records[0]?.bbox).toHaveLength(4);
  });

  it('reads sites and refuses a row without coordinates', () => {
    expect(readSites(file('sites.csv', 'site_code,name,longitude,latitude,borough\nrapnm,North Mid,-0.07,51.61,E09000014\n')).records[0]).toEqual({ code: 'RAPNM', name: 'North Mid', longitude: -0.07, latitude: 51.61, borough: 'E09000014' });
    expect(() => readSites(file('bad-sites.csv', 'site_code,name,longitude,latitude\nRAPNM,North Mid,,\n'))).toThrow('bad-sites.csv: line 2 needs a site code and a WGS84 longitude and latitude');
  });
});

describe.skipIf(!hasSharedData)('building from the shared open data', () => {
  it('builds one deterministic file that loads back with LSOAs, wards and postcode lookup', () => {
    const first = buildGazetteer(sharedDataInputs(sharedDataDir));
    const second = buildGazetteer(sharedDataInputs(sharedDataDir));
    expect(first.version).toBe(second.version);
    expect(first.lsoas).toHaveLength(147 + 115);
    expect(first.postcodes).toHaveLength(4457 + 3060);
    expect(JSON.stringify(first.sources)).not.toContain(sharedDataDir);

    const out = path.join(dir, 'gazetteer.json');
    writeGazetteer(out, first);
    const gazetteer = loadGazetteer(out);
    expect(gazetteer.version).toBe(first.version);
    const wardOfLsoa = gazetteer.lsoas.find((l) => l.code === 'E01001995')?.wardCode;
    expect(gazetteer.lookupPostcode(' n10   1af ')).toEqual({ postcode: 'N10 1AF', longitude: -0.156404, latitude: 51.603999, lsoaCode: 'E01001995', wardCode: wardOfLsoa });
    expect(gazetteer.lookupPostcode('N99 9ZZ')).toBeNull();
    expect(gazetteer.lookupSector('N17 6')?.postcodeCount).toBeGreaterThan(100);
    const located = gazetteer.places.filter((p) => p.lsoaCode !== null).length;
    expect(located / gazetteer.places.length).toBeGreaterThan(0.99);
  });

  it('assigns postcodes to the same 2021 LSOA as the published lookup, away from LSOA edges', async () => {
    const gazetteer = loadGazetteer(path.join(dir, 'gazetteer.json'));
    const { parse } = await import('csv-parse/sync');
    const { readFileSync } = await import('node:fs');
    for (const borough of ['haringey', 'barking_and_dagenham']) {
      const rows = parse(readFileSync(path.join(sharedDataDir, borough, 'postcodes.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
      const clear = rows.filter((r) => Number(r['lsoa21_boundary_dist_m']) >= 20 && r['lsoa21_lad'] === r['lad_code']);
      const agree = clear.filter((r) => gazetteer.lookupPostcode(r['postcode']!)?.lsoaCode === r['lsoa21cd']).length;
      expect(agree).toBe(clear.length);
    }
  });
});

describe('building the repository sample area (same formats as the shared data)', () => {
  const area = path.join(repoRoot, 'sample-data', 'area');
  it.skipIf(!hasLsoaFile(area))('reads every file of sample-data/area', () => {
    const gazetteer = buildGazetteer(sampleAreaGazetteerInputs(area));
    expect(gazetteer.lsoas.length).toBeGreaterThan(0);
    expect(gazetteer.places.some((p) => p.kind === 'street' && p.lines)).toBe(true);
    expect(gazetteer.sites.length).toBeGreaterThan(0);
  });
});

/** The sample area is generated by another part of the repository; skip rather than fail while it is absent. */
function hasLsoaFile(p: string): boolean {
  try {
    return readLsoaBoundaries(path.join(p, 'lsoa.geojson')).length > 0;
  } catch {
    return false;
  }
}

describe('police.uk street names', () => {
  const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n';
  const row = (lon: number, lat: number, location: string): string => `x,2024-03,MPS,MPS,${lon},${lat},${location},E01000001,A 001A,Burglary,,\n`;
  const csv = file('police-street.csv', header +
    row(-0.1, 51.6, 'On or near Nash Road') + row(-0.101, 51.6005, 'On or near Nash Road') +
    // the same name 5 km away is another street
    row(-0.03, 51.6, 'On or near Nash Road') +
    row(-0.1, 51.6, 'On or near Supermarket') + row(-0.1, 51.6, 'On or near Parking Area') +
    row(-0.1, 51.6, 'On or near Wood Green') + row(-0.1, 51.6, 'On or near Finsbury Park') +
    row(Number.NaN, 51.6, 'On or near Lost Lane'));
  it.each([
    ['points of one name close together are one street, with their extent', 'Nash Road', 2],
    ['kinds of place, districts and open spaces are not streets', 'Supermarket', 0],
    ['nor is a district name', 'Wood Green', 0],
    ['a point without coordinates is skipped', 'Lost Lane', 0],
  ])('%s', (_name, street, expected) => {
    const { records } = readPoliceStreets(csv);
    expect(records.filter((r) => r.name === street).length).toBe(expected);
  });
  it('keeps the name as police.uk writes it, as a street with a bounding box', () => {
    const [near] = readPoliceStreets(csv).records.filter((r) => r.name === 'Nash Road' && r.longitude < -0.05);
    expect(near).toMatchObject({ kind: 'street', category: 'road' });
    expect(near!.bbox).toEqual([-0.101, 51.6, -0.1, 51.6005]);
  });
  it('names the columns it expected when they are missing', () => {
    expect(() => readPoliceStreets(file('not-police.csv', 'a,b\n1,2\n'))).toThrow(/Longitude.*police\.uk/s);
  });
});
