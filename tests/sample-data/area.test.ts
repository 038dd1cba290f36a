/**
 * The synthetic borough is a map a gazetteer can be built from: LSOAs that tile
 * it exactly, and every postcode, premises, street and landmark inside it.
 * Checked on the committed files, in WGS84, with Turf.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { wgs84ToGrid } from '../../src/geocode/british-national-grid.ts';
import { buildGazetteer } from '../../src/geocode/gazetteer/build.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const areaDirectory = path.join(repoRoot, 'sample-data', 'area');
const readJson = <T>(name: string): T => JSON.parse(readFileSync(path.join(areaDirectory, name), 'utf8')) as T;
const readCsv = (name: string) => {
  const [header, ...rows] = readFileSync(path.join(areaDirectory, name), 'utf8').trim().split('\n');
  const columns = (header as string).split(',');
  return { columns, rows: rows.map((row) => Object.fromEntries(row.split(',').map((cell, index) => [columns[index] as string, cell]))) };
};

const lsoas = readJson<FeatureCollection<Polygon, Record<string, string | number>>>('lsoa.geojson').features;
const premises = readJson<FeatureCollection<Point, Record<string, string>>>('premises.geojson').features;
const streets = readJson<FeatureCollection<LineString, Record<string, string>>>('streets.geojson').features;
const landmarks = readJson<FeatureCollection<Point, Record<string, string>>>('landmarks.geojson').features;
const postcodes = readCsv('postcodes.csv');
const sites = readCsv('sites.csv');
const borough = turf.union(turf.featureCollection(lsoas)) as Feature<Polygon>;
const lsoaByCode = new Map(lsoas.map((lsoa) => [lsoa.properties.LSOA21CD as string, lsoa]));
const inBorough = (coordinates: number[]) => turf.booleanPointInPolygon(coordinates, borough);

describe('LSOA polygons', () => {
  it('has 40 to 60 LSOAs with fictional ONS-style codes, names and a population', () => {
    expect(lsoas.length).toBeGreaterThanOrEqual(40);
    expect(lsoas.length).toBeLessThanOrEqual(60);
    for (const { properties } of lsoas) {
      expect(Object.keys(properties).sort()).toEqual(['LAD22CD', 'LAD22NM', 'LSOA21CD', 'LSOA21NM', 'MSOA21CD', 'MSOA21NM', 'USUALRES', 'WD23CD', 'WD23NM']);
      expect(properties.LSOA21CD).toMatch(/^E01999\d{3}$/);
      expect(properties.MSOA21CD).toMatch(/^E02999\d{3}$/);
      expect(properties.WD23CD).toMatch(/^E05999\d{3}$/);
      expect(properties).toMatchObject({ LAD22CD: 'E09999001', LAD22NM: 'Northbrook' });
      expect(properties.LSOA21NM).toBe(`${properties.MSOA21NM}${(properties.LSOA21NM as string).slice(-1)}`);
      expect(properties.USUALRES).toBeGreaterThanOrEqual(1000);
      expect(properties.USUALRES).toBeLessThanOrEqual(3000);
    }
    expect(new Set(lsoas.map((lsoa) => lsoa.properties.LSOA21CD)).size).toBe(lsoas.length);
    expect(new Set(lsoas.map((lsoa) => lsoa.properties.WD23CD)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(lsoas.map((lsoa) => lsoa.properties.WD23CD)).size).toBeLessThanOrEqual(8);
  });

  it('are valid polygons with closed rings running anticlockwise (RFC 7946)', () => {
    for (const lsoa of lsoas) {
      const ring = lsoa.geometry.coordinates[0] as number[][];
      expect(turf.booleanValid(lsoa), lsoa.properties.LSOA21CD as string).toBe(true);
      expect(turf.kinks(lsoa).features, lsoa.properties.LSOA21CD as string).toHaveLength(0);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(turf.booleanClockwise(ring), lsoa.properties.LSOA21CD as string).toBe(false);
      expect(lsoa.geometry.coordinates).toHaveLength(1);
    }
  });

  it('do not overlap one another', () => {
    for (let i = 0; i < lsoas.length; i++) {
      for (let j = i + 1; j < lsoas.length; j++) {
        const a = lsoas[i] as Feature<Polygon>;
        const b = lsoas[j] as Feature<Polygon>;
        const overlap = turf.intersect(turf.featureCollection([a, b]));
        // Shared edges may touch; anything with area is an overlap (1 m² allows for float noise).
        expect(overlap === null ? 0 : turf.area(overlap), `${a.properties?.LSOA21CD} × ${b.properties?.LSOA21CD}`).toBeLessThan(1);
      }
    }
  });

  it('cover the borough without gaps: their union is one polygon with no holes and the same area as their sum', () => {
    expect(borough.geometry.type).toBe('Polygon');
    expect(borough.geometry.coordinates).toHaveLength(1);
    const sum = lsoas.reduce((total, lsoa) => total + turf.area(lsoa), 0);
    expect(Math.abs(turf.area(borough) - sum) / sum).toBeLessThan(1e-6);
    // A borough, not a county: 20 to 60 km².
    expect(sum / 1e6).toBeGreaterThan(20);
    expect(sum / 1e6).toBeLessThan(60);
  });
});

describe('postcodes.csv', () => {
  it('has the columns of shared/data postcodes.csv, column for column', () => {
    expect(postcodes.columns).toEqual([
      'postcode', 'latitude', 'longitude', 'easting', 'northing', 'positional_quality', 'lad_code', 'lad_name', 'ward_code', 'ward_name',
      'lsoa21cd', 'lsoa21nm', 'msoa21cd', 'msoa21nm', 'lsoa21_lad', 'lsoa21_method', 'lsoa21_boundary_dist_m', 'lsoa11cd', 'lsoa11nm', 'lsoa11_method',
    ]);
  });

  it('has a few hundred unique, correctly formatted postcodes, each inside the LSOA it names', () => {
    expect(postcodes.rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(postcodes.rows.map((row) => row.postcode)).size).toBe(postcodes.rows.length);
    for (const row of postcodes.rows) {
      expect(row.postcode).toMatch(/^NB[1-9] [0-9][ABD-HJLNP-UW-Z]{2}$/);
      const lsoa = lsoaByCode.get(row.lsoa21cd as string);
      expect(lsoa, row.postcode).toBeDefined();
      expect(turf.booleanPointInPolygon([Number(row.longitude), Number(row.latitude)], lsoa as Feature<Polygon>), row.postcode).toBe(true);
      expect(row.ward_code).toBe(lsoa?.properties.WD23CD);
      expect(Number(row.lsoa21_boundary_dist_m)).toBeGreaterThanOrEqual(20);
    }
    expect(new Set(postcodes.rows.map((row) => row.lsoa21cd)).size).toBe(lsoas.length);
  });

  it('carries British National Grid coordinates that agree with its latitude and longitude', () => {
    for (const row of postcodes.rows) {
      expect(wgs84ToGrid(Number(row.longitude), Number(row.latitude)).map(Math.round)).toEqual([Number(row.easting), Number(row.northing)]);
    }
    // Northern Dartmoor: grid square SX, well inside the grid.
    for (const row of postcodes.rows) {
      expect(Number(row.easting)).toBeGreaterThan(250_000);
      expect(Number(row.easting)).toBeLessThan(275_000);
      expect(Number(row.northing)).toBeGreaterThan(75_000);
      expect(Number(row.northing)).toBeLessThan(100_000);
    }
  });
});

describe('premises, streets and landmarks', () => {
  it('premises are named points inside the borough with type, street and a postcode of the area', () => {
    const knownPostcodes = new Set(postcodes.rows.map((row) => row.postcode));
    const streetNames = new Set(streets.map((street) => street.properties.name));
    expect(premises.length).toBeGreaterThanOrEqual(35);
    for (const { properties, geometry } of premises) {
      expect(inBorough(geometry.coordinates), properties.name).toBe(true);
      expect(['pub', 'bar', 'nightclub', 'takeaway', 'off_licence', 'restaurant']).toContain(properties.premises_type);
      expect(['pub_bar_nightclub', 'takeaway', 'retail_other', 'restaurant_cafe']).toContain(properties.premises_category);
      expect(streetNames.has(properties['addr:street'] as string), properties.name).toBe(true);
      expect(knownPostcodes.has(properties['addr:postcode'] as string), properties.name).toBe(true);
      expect(turf.booleanPointInPolygon(geometry.coordinates, lsoaByCode.get(properties.lsoa21cd as string) as Feature<Polygon>)).toBe(true);
    }
  });

  it('has chains and premises whose names exist in two places', () => {
    const names = premises.map((p) => p.properties.name);
    // OpenStreetMap style: the pub's own name, the chain in `brand` (staff say "spoons").
    expect(premises.find((p) => p.properties.name === 'The Moon Under Water')?.properties.brand).toBe('Wetherspoon');
    for (const twice of ["McDonald's", 'The Crown', 'Best Kebab']) {
      const places = premises.filter((p) => p.properties.name === twice);
      expect(places, twice).toHaveLength(2);
      expect(turf.distance(places[0] as Feature<Point>, places[1] as Feature<Point>, { units: 'metres' })).toBeGreaterThan(1000);
    }
  });

  it('streets are LineStrings lying wholly inside the borough', () => {
    expect(streets.length).toBeGreaterThanOrEqual(55);
    for (const street of streets) {
      expect(street.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      for (const vertex of street.geometry.coordinates) expect(inBorough(vertex), street.properties.name).toBe(true);
      expect(turf.booleanWithin(street, borough), street.properties.name).toBe(true);
    }
  });

  it('has a High Road and a Station Road in two places, over a kilometre apart', () => {
    for (const name of ['High Road', 'Station Road']) {
      const found = streets.filter((street) => street.properties.name === name);
      expect(found, name).toHaveLength(2);
      const [a, b] = found as [Feature<LineString>, Feature<LineString>];
      expect(turf.distance(turf.centroid(a), turf.centroid(b), { units: 'metres' })).toBeGreaterThan(1000);
    }
  });

  it('has streets that cross, for junctions like "jct of High Rd & Market St"', () => {
    const crossingPairs = new Set<string>();
    streets.forEach((a, i) =>
      streets.slice(i + 1).forEach((b) => {
        if (a.properties.name !== b.properties.name && turf.lineIntersect(a, b).features.length > 0) crossingPairs.add(`${a.properties.name} × ${b.properties.name}`);
      }),
    );
    expect(crossingPairs.size).toBeGreaterThanOrEqual(8);
    expect(crossingPairs).toContain('High Road × Market Street');
  });

  it('landmarks are named points inside the borough: stations, a bus station, parks, a shopping centre, schools', () => {
    for (const { properties, geometry } of landmarks) expect(inBorough(geometry.coordinates), properties.name).toBe(true);
    const types = landmarks.map((landmark) => landmark.properties.landmark_type);
    for (const type of ['rail_or_tube_station', 'bus_station', 'park', 'shopping_centre', 'school']) expect(types).toContain(type);
  });
});

describe('sites.csv', () => {
  it('lists two EDs: RX1AA inside the borough, RX2BB just outside it', () => {
    expect(sites.columns).toEqual(['site_code', 'name', 'longitude', 'latitude']);
    const [inside, outside] = sites.rows as [Record<string, string>, Record<string, string>];
    expect(inside.site_code).toBe('RX1AA');
    expect(inBorough([Number(inside.longitude), Number(inside.latitude)])).toBe(true);
    expect(outside.site_code).toBe('RX2BB');
    const point = turf.point([Number(outside.longitude), Number(outside.latitude)]);
    expect(turf.booleanPointInPolygon(point, borough)).toBe(false);
    expect(turf.pointToPolygonDistance(point, borough, { units: 'metres' })).toBeLessThan(3000);
  });
});

describe('read by the gazetteer builder, like the real open data', () => {
  it('builds a gazetteer from area/ with every record read and none skipped', () => {
    const file = (name: string) => path.join(areaDirectory, name);
    const gazetteer = buildGazetteer({
      lsoa: [file('lsoa.geojson')],
      postcodes: [file('postcodes.csv')],
      premises: [file('premises.geojson')],
      streets: [file('streets.geojson')],
      landmarks: [file('landmarks.geojson')],
      sites: [file('sites.csv')],
    });
    expect(gazetteer.sources.map((source) => [source.role, source.records, source.skipped])).toEqual([
      ['lsoa', lsoas.length, 0],
      ['postcodes', postcodes.rows.length, 0],
      ['premises', premises.length, 0],
      ['streets', streets.length, 0],
      ['landmarks', landmarks.length, 0],
      ['sites', 2, 0],
    ]);
    expect(gazetteer.lsoas.every((lsoa) => lsoa.population !== null && lsoa.wardCode !== null)).toBe(true);
    const categories = new Set(gazetteer.places.filter((place) => place.kind === 'premises').map((place) => place.category));
    expect(categories).toEqual(new Set(['pub_bar_nightclub', 'takeaway', 'retail_other', 'restaurant_cafe']));
    expect(gazetteer.places.find((place) => place.name === 'The Moon Under Water')?.aliases).toEqual(['Wetherspoon']);
  });
});
