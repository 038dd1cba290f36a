import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridToWgs84, wgs84ToGrid } from '../../src/geocode/british-national-grid.ts';
import { metresBetween } from '../../src/lib/distance.ts';
import { hasSharedData, sharedDataDir } from './shared-data.ts';

// Rows of OS Code-Point Open (Oct 2025) with the WGS84 position PROJ gave them (Helmert "OSGB36 to WGS 84 (6)").
const CODE_POINT_ROWS: Array<[string, number, number, number, number]> = [
  ['N10 1AF', 527773, 191072, -0.156404, 51.603999],
  ['N17 6AA', 532935, 190513, -0.082122, 51.597782],
  ['IG11 0AB', 547437, 182820, 0.123882, 51.525054],
  ['IG11 0AG', 546206, 183473, 0.106421, 51.531241],
];

describe('British National Grid to WGS84', () => {
  it.each(CODE_POINT_ROWS)('%s: %i, %i → %f, %f within a metre', (_postcode, easting, northing, longitude, latitude) => {
    const [lon, lat] = gridToWgs84(easting, northing);
    expect(metresBetween([lon, lat], [longitude, latitude])).toBeLessThan(1);
  });

  it.each(CODE_POINT_ROWS)('%s: WGS84 back to the grid within a metre', (_postcode, easting, northing, longitude, latitude) => {
    const [e, n] = wgs84ToGrid(longitude, latitude);
    expect(Math.hypot(e - easting, n - northing)).toBeLessThan(1);
  });

  it.each([
    ['negative easting far off the grid', -200000, 100000],
    ['northing beyond Shetland', 400000, 1500000],
    ['not a number', Number.NaN, 100000],
  ])('refuses %s, naming the value', (_name, easting, northing) => {
    expect(() => gridToWgs84(easting, northing)).toThrow(`easting ${easting}, northing ${northing}`);
  });

  describe.skipIf(!hasSharedData)('every postcode of the shared Code-Point extract', () => {
    it.each(['haringey', 'barking_and_dagenham'])('%s: converted grid references land within 5 m of the published WGS84', (borough) => {
      const lines = readFileSync(path.join(sharedDataDir, borough, 'postcodes.csv'), 'utf8').trim().split('\n').slice(1);
      let worst = 0;
      for (const line of lines) {
        const [, latitude, longitude, easting, northing] = line.split(',').map(Number) as [number, number, number, number, number];
        worst = Math.max(worst, metresBetween(gridToWgs84(easting, northing), [longitude, latitude]));
      }
      expect(lines.length).toBeGreaterThan(3000);
      expect(worst).toBeLessThan(5);
    });
  });
});
