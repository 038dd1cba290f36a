import path from 'node:path';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { queenContiguity } from '../../src/aggregate/contiguity.ts';
import { giStar, giStarZ, hotspotClass } from '../../src/aggregate/getis-ord.ts';
import { readLsoaPolygons } from '../../src/pipeline/hotspots-file.ts';
import { hasSharedData, sharedDataDir } from '../geocode/shared-data.ts';

function square(x: number, y: number, width = 1, height = 1): Polygon {
  return { type: 'Polygon', coordinates: [[[x, y], [x + width, y], [x + width, y + height], [x, y + height], [x, y]]] };
}

/** A rows × columns grid of unit squares, numbered row by row. */
function grid(rows: number, columns: number): Polygon[] {
  return Array.from({ length: rows * columns }, (_, i) => square(i % columns, Math.floor(i / rows === 0 ? 0 : i / columns)));
}

describe('queen contiguity', () => {
  it('a 3 × 3 grid: corners touch three cells (one only at a corner), the centre touches all eight', () => {
    const neighbours = queenContiguity(grid(3, 3));
    expect(neighbours[0]).toEqual([1, 3, 4]);
    expect(neighbours[1]).toEqual([0, 2, 3, 4, 5]);
    expect(neighbours[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(neighbours[8]).toEqual([4, 5, 7]);
  });

  it('a vertex lying on the middle of another polygon\'s edge (a T junction) makes neighbours', () => {
    // Two unit squares side by side on top of one 2-wide rectangle whose top edge has no vertex at x = 1.
    const neighbours = queenContiguity([square(0, 1), square(1, 1), square(0, 0, 2, 1)]);
    expect(neighbours).toEqual([[1, 2], [0, 2], [0, 1]]);
  });

  it('polygons a hair apart are not neighbours; a multipolygon part counts', () => {
    const gap: Polygon = square(1.000001, 0);
    expect(queenContiguity([square(0, 0), gap])).toEqual([[], []]);
    expect(queenContiguity([{ type: 'MultiPolygon', coordinates: [square(5, 5).coordinates, square(0, 0).coordinates] }, square(1, 0)])).toEqual([[1], [0]]);
  });
});

describe('Gi* (self included, binary weights)', () => {
  it('matches hand-computed values on a row of four areas', () => {
    // n = 4, x = 1 2 3 10, mean 4, s² = 114/4 − 16 = 12.5.
    // Area 0: W = 2, Σwx = 3: z = (3 − 8) / (√12.5 · √((8 − 4)/3)) = −√1.5.
    // Area 1: W = 3, Σwx = 6: z = (6 − 12) / (√12.5 · √((12 − 9)/3)) = −6/√12.5.
    const z = giStarZ([1, 2, 3, 10], [[1], [0, 2], [1, 3], [2]]);
    expect(z[0]).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(z[1]).toBeCloseTo(-6 / Math.sqrt(12.5), 12);
    expect(z[2]).toBeCloseTo(3 / Math.sqrt(12.5), 12);
    expect(z[3]).toBeCloseTo(Math.sqrt(1.5), 12);
  });

  it('matches hand-computed values on a 3 × 3 grid with queen neighbours', () => {
    // x = [0 0 0 / 0 1 2 / 0 2 6]: n = 9, Σx = 11, Σx² = 45, mean 11/9, s² = 5 − 121/81.
    const values = [0, 0, 0, 0, 1, 2, 0, 2, 6];
    const z = giStarZ(values, queenContiguity(grid(3, 3)));
    const mean = 11 / 9;
    const s = Math.sqrt(45 / 9 - mean * mean);
    const expected = (local: number, weight: number) => (local - mean * weight) / (s * Math.sqrt((9 * weight - weight * weight) / 8));
    expect(z[0]).toBeCloseTo(expected(0 + 0 + 0 + 1, 4), 12);
    expect(z[8]).toBeCloseTo(expected(6 + 2 + 2 + 1, 4), 12);
    expect(z[5]).toBeCloseTo(expected(2 + 0 + 1 + 2 + 6 + 0, 6), 12);
    // The centre neighbours every other area: W = n, so the variance is 0 and z is undefined.
    expect(z[4]).toBeNull();
  });

  it('matches the published PySAL esda example (G_Local, star=True, transform="B": Zs[0] = −1.39727626)', () => {
    // esda's test data: six points, a distance band of 15, y = 2 3 3.2 5 8 7.
    const points = [[10, 10], [20, 10], [40, 10], [15, 20], [30, 20], [30, 30]] as const;
    const neighbours = points.map((a, i) => points.flatMap((b, j) => (i !== j && Math.hypot(a[0] - b[0], a[1] - b[1]) <= 15 ? [j] : [])));
    const z = giStarZ([2, 3, 3.2, 5, 8, 7], neighbours);
    expect(z[0]).toBeCloseTo(-1.39727626, 7);
  });

  it('equal counts everywhere give no z and no hotspot', () => {
    expect(giStar([3, 3, 3], [[1], [0, 2], [1]]).map((r) => r.hotspot)).toEqual(['none', 'none', 'none']);
  });

  it.each([
    [3, 0.005, 'hot_99'],
    [3, 0.01, 'hot_99'],
    [2, 0.03, 'hot_95'],
    [1.8, 0.09, 'hot_90'],
    [1.5, 0.2, 'none'],
    [-3, 0.001, 'cold_99'],
    [-2, 0.05, 'cold_95'],
    [-1.7, 0.1, 'cold_90'],
    [null, null, 'none'],
  ] as const)('z %s with adjusted p %s is %s', (z, p, expected) => expect(hotspotClass(z, p)).toBe(expected));

  it('p is two-sided and adjusted by Benjamini–Hochberg across areas', () => {
    const results = giStar([1, 2, 3, 10], [[1], [0, 2], [1, 3], [2]]);
    // 2·P(Z > √1.5) = 0.22067136; 2·P(Z > 6/√12.5) = 0.08968602 (R: 2 * pnorm(-abs(z))).
    expect(results[0]!.p).toBeCloseTo(0.22067136, 7);
    expect(results[1]!.p).toBeCloseTo(0.08968602, 7);
    // BH: the smallest p × 4/1, then the rest capped by the running minimum.
    expect(results[1]!.pAdjusted).toBeCloseTo(Math.min(0.08968602 * 4, results[0]!.pAdjusted!), 7);
  });
});

describe.skipIf(!hasSharedData)('queen contiguity on the real LSOA polygons (../shared/data)', () => {
  it.each([
    ['haringey', 'lsoa_2011.geojson'],
    ['haringey', 'lsoa_2021.geojson'],
    ['barking_and_dagenham', 'lsoa_2011.geojson'],
    ['barking_and_dagenham', 'lsoa_2021.geojson'],
  ])('%s %s: symmetric, and every LSOA has a neighbour', (borough, file) => {
    const polygons = readLsoaPolygons(path.join(sharedDataDir, borough, file));
    const neighbours = queenContiguity(polygons.map((polygon) => polygon.geometry));
    neighbours.forEach((list, i) => {
      expect(list.length, `${polygons[i]!.code} has no neighbour`).toBeGreaterThan(0);
      expect(list).not.toContain(i);
      for (const j of list) expect(neighbours[j], `${polygons[i]!.code} → ${polygons[j]!.code} but not back`).toContain(i);
    });
    // A typical LSOA touches about five or six others.
    const mean = neighbours.reduce((sum, list) => sum + list.length, 0) / neighbours.length;
    expect(mean).toBeGreaterThan(4);
    expect(mean).toBeLessThan(9);
  });
});
