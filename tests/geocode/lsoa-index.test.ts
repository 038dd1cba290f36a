import type { MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLsoaBoundaries } from '../../src/geocode/gazetteer/read-lsoas.ts';
import type { LsoaRecord } from '../../src/geocode/gazetteer/types.ts';
import { createLsoaIndex, findLsoaNaively } from '../../src/geocode/lsoa-index.ts';
import path from 'node:path';
import { hasSharedData, sharedDataDir } from './shared-data.ts';

function square(code: string, west: number, south: number, size: number): { code: string; geometry: Polygon } {
  const ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]];
  return { code, geometry: { type: 'Polygon', coordinates: [ring] } };
}

// Four cells of 0.01° meeting at (-0.09, 51.51); codes deliberately not in reading order.
const CELLS = [
  square('E01000004', -0.1, 51.5, 0.01),
  square('E01000002', -0.09, 51.5, 0.01),
  square('E01000003', -0.1, 51.51, 0.01),
  square('E01000001', -0.09, 51.51, 0.01),
];

describe('point in LSOA, with the lowest code on shared edges', () => {
  it.each([
    ['inside a cell', -0.095, 51.505, 'E01000004'],
    ['inside another', -0.085, 51.515, 'E01000001'],
    ['on the edge between E01000004 and E01000002', -0.09, 51.505, 'E01000002'],
    ['on the edge between E01000004 and E01000003', -0.095, 51.51, 'E01000003'],
    ['on the corner all four share', -0.09, 51.51, 'E01000001'],
    ['on an outer edge of one cell', -0.1, 51.505, 'E01000004'],
    ['outside every cell', -0.2, 51.505, null],
  ])('%s', (_name, longitude, latitude, expected) => {
    expect(createLsoaIndex(CELLS).find(longitude, latitude)?.code ?? null).toBe(expected);
    expect(createLsoaIndex([...CELLS].reverse()).find(longitude, latitude)?.code ?? null).toBe(expected);
    expect(findLsoaNaively(CELLS, longitude, latitude)?.code ?? null).toBe(expected);
  });

  it.each([
    ['10 m outside, tolerance 25 m', -0.10014, 51.505, 25, 'E01000004'],
    ['10 m outside, no tolerance', -0.10014, 51.505, 0, null],
    ['100 m outside, tolerance 25 m', -0.1014, 51.505, 25, null],
  ])('a point in a sliver: %s', (_name, longitude, latitude, toleranceMetres, expected) => {
    expect(createLsoaIndex(CELLS, { toleranceMetres }).find(longitude, latitude)?.code ?? null).toBe(expected);
  });

  it('refuses an empty polygon list with the count in the message', () => {
    expect(() => createLsoaIndex([])).toThrow('Unexpected numItems value: 0');
  });

  describe.skipIf(!hasSharedData)('real 2021 LSOAs of Haringey', () => {
    let lsoas: LsoaRecord[];
    beforeAll(() => {
      lsoas = readLsoaBoundaries(path.join(sharedDataDir, 'haringey', 'lsoa_2021.geojson'));
    });

    function rings(geometry: Polygon | MultiPolygon): number[][][] {
      return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    }

    it('gives a vertex shared by several LSOAs to the lowest of their codes, whatever the polygon order', () => {
      const owners = new Map<string, Set<string>>();
      for (const lsoa of lsoas) {
        for (const ring of rings(lsoa.geometry)) for (const [x, y] of ring) {
          const key = `${x},${y}`;
          if (!owners.has(key)) owners.set(key, new Set());
          owners.get(key)!.add(lsoa.code);
        }
      }
      const shared = [...owners].filter(([, codes]) => codes.size >= 2);
      expect(shared.length).toBeGreaterThan(100);
      const index = createLsoaIndex(lsoas);
      const reversed = createLsoaIndex([...lsoas].reverse());
      for (const [key, codes] of shared) {
        const [x, y] = key.split(',').map(Number) as [number, number];
        const lowest = [...codes].sort()[0];
        expect(index.find(x, y)?.code).toBe(lowest);
        expect(reversed.find(x, y)?.code).toBe(lowest);
      }
    });

    it('agrees with a naive loop over every polygon for the shared postcodes', async () => {
      const { readPostcodes } = await import('../../src/geocode/gazetteer/read-postcodes.ts');
      const postcodes = readPostcodes(path.join(sharedDataDir, 'haringey', 'postcodes.csv')).records;
      const index = createLsoaIndex(lsoas);
      for (const [, longitude, latitude] of postcodes.slice(0, 1500)) {
        expect(index.find(longitude, latitude)?.code).toBe(findLsoaNaively(lsoas, longitude, latitude)?.code);
      }
    });
  });
});
