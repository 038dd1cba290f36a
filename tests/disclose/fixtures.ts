/**
 * Table fixtures for the disclose tests: a seeded random source, synthetic
 * assault records cut into count tables (one month, or attendances over many
 * months cut into tables scoped to their periods), and the real LSOA → ward →
 * borough hierarchy of Haringey and Barking and Dagenham from shared/data.
 */
import { createRandom } from '../../sample-data/lib/random.ts';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEAPON_CATEGORIES, LOCATION_TYPE_CATEGORIES } from '../../schemas/code-lists.ts';
import type { CountTable, Dimension } from '../../src/disclose/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDataDir = path.resolve(repoRoot, '..', 'shared', 'data');
export const BOROUGHS = ['haringey', 'barking_and_dagenham'];
export const hasSharedData = BOROUGHS.every((borough) => existsSync(path.join(sharedDataDir, borough, 'lsoa_2021.geojson')));

/** A seeded float source for generating tables: the sample data's mulberry32, so every test draws from one generator. */
export function seededRandom(seed: number): () => number {
  return createRandom(seed).next;
}

/** A table from a grid of counts: rows × columns. */
export function gridTable(id: string, rows: number[][], rowNames?: string[], columnNames?: string[]): CountTable {
  const rowValues = rowNames ?? rows.map((_, r) => `r${r + 1}`);
  const columnValues = columnNames ?? rows[0]!.map((_, c) => `c${c + 1}`);
  return {
    id,
    title: id,
    dimensions: [
      { name: 'row', label: 'Row', values: rowValues },
      { name: 'column', label: 'Column', values: columnValues },
    ],
    cells: rows.flatMap((counts, r) => counts.map((count, c) => ({ keys: { row: rowValues[r]!, column: columnValues[c]! }, count }))).filter((cell) => cell.count > 0),
  };
}

export interface AreaLsoa {
  lsoa: string;
  ward: string;
  borough: string;
}

export function loadRealArea(): AreaLsoa[] {
  return BOROUGHS.flatMap((borough) => {
    const collection = JSON.parse(readFileSync(path.join(sharedDataDir, borough, 'lsoa_2021.geojson'), 'utf8')) as {
      features: Array<{ properties: { LSOA21CD: string; WD23CD: string; LAD22CD: string } }>;
    };
    return collection.features.map(({ properties }) => ({ lsoa: properties.LSOA21CD, ward: properties.WD23CD, borough: properties.LAD22CD }));
  });
}

/** A made-up area with the same shape when shared/data is absent (bench only). */
export function syntheticArea(lsoaCount: number, lsoasPerWard = 7, wardsPerBorough = 20): AreaLsoa[] {
  return Array.from({ length: lsoaCount }, (_, index) => {
    const ward = Math.floor(index / lsoasPerWard);
    return { lsoa: `L${String(index).padStart(4, '0')}`, ward: `W${String(ward).padStart(3, '0')}`, borough: `B${Math.floor(ward / wardsPerBorough)}` };
  });
}

export function lsoaDimension(area: AreaLsoa[], withHierarchy: boolean): Dimension {
  const dimension: Dimension = { name: 'lsoa', label: 'LSOA', values: area.map((entry) => entry.lsoa) };
  if (withHierarchy) {
    dimension.parents = Object.fromEntries([
      ...area.map((entry) => [entry.lsoa, entry.ward]),
      ...area.map((entry) => [entry.ward, entry.borough]),
    ]);
  }
  return dimension;
}

/** A Poisson draw by inversion: fine for the small means used here. */
export function poisson(mean: number, random: () => number): number {
  let count = 0;
  for (let p = Math.exp(-mean), s = p, u = random(); u > s; count++) {
    p *= mean / (count + 1);
    s += p;
  }
  return count;
}

export interface SyntheticRecord {
  lsoa: string;
  weapon: string;
  locationType: string;
}

/**
 * A month of assault records: most LSOAs see none or one or two, a few
 * night-time-economy hotspots see many, and bodily force dominates weapons.
 */
export function syntheticRecords(area: AreaLsoa[], random: () => number, meanPerLsoa = 1.2): SyntheticRecord[] {
  const weaponWeights = [0.55, 0.12, 0.06, 0.05, 0.08, 0.01, 0.05, 0.08];
  const locationWeights = [0.3, 0.35, 0.12, 0.08, 0.05, 0.04, 0.03, 0.03];
  const pick = <T,>(values: readonly T[], weights: number[]): T => {
    let roll = random();
    for (let i = 0; i < values.length; i++) {
      roll -= weights[i] ?? 0;
      if (roll <= 0) return values[i]!;
    }
    return values[values.length - 1]!;
  };
  const records: SyntheticRecord[] = [];
  for (const entry of area) {
    const hotspot = random() < 0.05 ? 12 : 1;
    const count = poisson(meanPerLsoa * hotspot, random);
    for (let i = 0; i < count; i++) {
      records.push({ lsoa: entry.lsoa, weapon: pick(WEAPON_CATEGORIES, weaponWeights), locationType: pick(LOCATION_TYPE_CATEGORIES, locationWeights) });
    }
  }
  return records;
}

/** The cells of records counted by the dimensions' values. */
function countCells<T>(records: Iterable<T>, dimensions: Array<{ dimension: Dimension; of: (record: T) => string }>): Array<{ keys: Record<string, string>; count: number }> {
  const counts = new Map<string, { keys: Record<string, string>; count: number }>();
  for (const record of records) {
    const keys = Object.fromEntries(dimensions.map(({ dimension, of }) => [dimension.name, of(record)]));
    const signature = JSON.stringify(keys);
    const existing = counts.get(signature);
    if (existing) existing.count++;
    else counts.set(signature, { keys, count: 1 });
  }
  return [...counts.values()];
}

export function countTable(id: string, records: SyntheticRecord[], dimensions: Array<{ dimension: Dimension; of: (record: SyntheticRecord) => string }>): CountTable {
  return { id, title: id, dimensions: dimensions.map(({ dimension }) => dimension), cells: countCells(records, dimensions) };
}

export const weaponDimension = (): Dimension => ({ name: 'weapon', label: 'Weapon', values: [...WEAPON_CATEGORIES] });
export const locationTypeDimension = (): Dimension => ({ name: 'location_type', label: 'Location type', values: [...LOCATION_TYPE_CATEGORIES] });

/** The monthly release: LSOA × weapon and LSOA × location type, sharing the LSOA margin. */
export function monthlyTables(area: AreaLsoa[], records: SyntheticRecord[], withHierarchy: boolean): CountTable[] {
  const lsoa = lsoaDimension(area, withHierarchy);
  return [
    countTable('lsoa_by_weapon', records, [
      { dimension: lsoa, of: (record) => record.lsoa },
      { dimension: weaponDimension(), of: (record) => record.weapon },
    ]),
    countTable('lsoa_by_location_type', records, [
      { dimension: lsoa, of: (record) => record.lsoa },
      { dimension: locationTypeDimension(), of: (record) => record.locationType },
    ]),
  ];
}

/** An attendance of the tests that link releases and periods: its month (YYYY-MM), LSOA and weapon. */
export interface Attendance {
  month: string;
  lsoa: string;
  weapon: string;
}

/**
 * Attendances over `months`: in each month most LSOAs see about one, a tenth
 * (drawn afresh each month) six or so; weapons skewed towards the first of the
 * code list, as bodily force dominates.
 */
export function attendances(lsoas: string[], months: string[], seed: number): Attendance[] {
  const random = seededRandom(seed);
  const weapons = weaponDimension().values;
  const records: Attendance[] = [];
  for (const month of months) {
    for (const lsoa of lsoas) {
      const count = poisson(random() < 0.1 ? 6 : 0.9, random);
      for (let i = 0; i < count; i++) records.push({ month, lsoa, weapon: weapons[Math.floor(random() * random() * weapons.length)]! });
    }
  }
  return records;
}

/** A count table of the attendances in `months`, with the scope that tells disclosure control (and a reader) which months it covers. */
export function periodTable(id: string, records: Attendance[], months: string[], dimensions: Array<{ dimension: Dimension; of: (record: Attendance) => string }>): CountTable {
  const inPeriod = new Set(months);
  const cells = countCells(records.filter((record) => inPeriod.has(record.month)), dimensions);
  return { id, title: id, dimensions: dimensions.map(({ dimension }) => dimension), cells, scope: { filters: { month: [...months] } } };
}
