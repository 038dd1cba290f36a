/**
 * A small gazetteer built in code for rule tests that must run everywhere:
 * four LSOA cells of 0.01° in two boroughs (Westborough on the west column,
 * Eastborough on the east), crossing street lines, same-named streets and
 * premises, and two EDs.
 */
import type { Polygon } from 'geojson';
import { createGazetteer, type Gazetteer } from '../../src/geocode/gazetteer/load.ts';
import type { GazetteerFile, LsoaRecord, PlaceRecord } from '../../src/geocode/gazetteer/types.ts';

function cell(code: string, west: number, south: number, ladCode: string, ladName: string): LsoaRecord {
  const geometry: Polygon = { type: 'Polygon', coordinates: [[[west, south], [west + 0.01, south], [west + 0.01, south + 0.01], [west, south + 0.01], [west, south]]] };
  return { code, name: `${ladName} ${code.slice(-3)}`, vintage: '2021', wardCode: `E05${code.slice(3)}`, wardName: null, ladCode, ladName, population: null, geometry };
}

function street(id: string, name: string, line: Array<[number, number]>, districts: string[]): PlaceRecord {
  const xs = line.map((p) => p[0]);
  const ys = line.map((p) => p[1]);
  const middle = line[Math.floor(line.length / 2)]!;
  return { id, kind: 'street', name, category: 'road', longitude: middle[0], latitude: middle[1], bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], lines: [line], districts, source: 'fixture' };
}

function point(id: string, kind: PlaceRecord['kind'], name: string, category: string, longitude: number, latitude: number, extra: Partial<PlaceRecord> = {}): PlaceRecord {
  return { id, kind, name, category, longitude, latitude, source: 'fixture', ...extra };
}

export const FIXTURE: GazetteerFile = {
  format: 'istv-gazetteer',
  formatVersion: 1,
  version: '0123456789abcdef',
  sources: [],
  lsoas: [
    cell('E01000004', -0.1, 51.5, 'E09000001', 'Westborough'),
    cell('E01000003', -0.1, 51.51, 'E09000001', 'Westborough'),
    cell('E01000002', -0.09, 51.5, 'E09000002', 'Eastborough'),
    cell('E01000001', -0.09, 51.51, 'E09000002', 'Eastborough'),
  ],
  postcodes: [
    ['WB1 1AA', -0.095, 51.505],
    ['WB1 1AB', -0.096, 51.506],
    ['WB2 4AA', -0.095, 51.515],
    ['EB2 3CD', -0.085, 51.515],
  ],
  places: [
    street('mill', 'Mill Lane', [[-0.099, 51.505], [-0.095, 51.505], [-0.091, 51.505]], ['WB1']),
    street('church', 'Church Street', [[-0.095, 51.501], [-0.095, 51.505], [-0.095, 51.509]], ['WB1']),
    street('high-west', 'High Road', [[-0.099, 51.515], [-0.091, 51.515]], ['WB2']),
    street('high-east', 'High Road', [[-0.089, 51.515], [-0.081, 51.515]], ['EB2']),
    street('station-south', 'Station Road', [[-0.099, 51.502], [-0.096, 51.502]], ['WB1']),
    street('station-north', 'Station Road', [[-0.099, 51.518], [-0.096, 51.518]], ['WB2']),
    street('far-lane', 'Far Lane', [[-0.085, 51.502], [-0.082, 51.502]], ['EB2']),
    point('victoria-west', 'premises', 'The Victoria', 'pub_bar_nightclub', -0.093, 51.506),
    point('victoria-east', 'premises', 'The Victoria', 'pub_bar_nightclub', -0.081, 51.509),
    point('shack-mill', 'premises', 'Chicken Shack Ltd', 'takeaway', -0.097, 51.5051, { street: 'Mill Lane', districts: ['WB1'] }),
    point('shack-high', 'premises', 'Chicken Shack', 'takeaway', -0.094, 51.5151, { street: 'High Road', districts: ['WB2'] }),
    point('station', 'landmark', 'Northgate', 'station', -0.083, 51.512),
    point('northgate', 'area', 'Northgate', 'town', -0.086, 51.517),
  ],
  sites: [
    { code: 'WEST1', name: 'West General', longitude: -0.11, latitude: 51.505, borough: null },
    { code: 'EAST1', name: 'East Royal', longitude: -0.07, latitude: 51.515, borough: 'Eastborough' },
    { code: 'SOUTH1', name: 'South Clinic', longitude: -0.0975, latitude: 51.5005, borough: null },
  ],
};

export function fixtureGazetteer(): Gazetteer {
  return createGazetteer(FIXTURE);
}
