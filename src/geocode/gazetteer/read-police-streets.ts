/**
 * Street names from police.uk street-level crime files. Each crime is published
 * at an anonymised map point "On or near <street>" on the street itself, so a
 * year of any crime type for the area traces most of its streets, the small
 * residential ones included, which no premises register reaches. Only names
 * that end in a street word are kept (police.uk also names points after a
 * kind of place: "On or near Supermarket", "Parking Area"). Points of one name
 * more than a kilometre from the rest are another street of that name.
 * The crime itself is not read.
 */
import { metresBetween } from '../../lib/distance.ts';
import { SAME_STREET_METRES } from './street-points.ts';
import { readCsvTable, resolveColumns } from './csv.ts';
import { round6, type ReadResult } from './read-postcodes.ts';
import type { PlaceRecord } from './types.ts';

/**
 * Last words of a street name (an allow-list: anything else is a kind of place,
 * not a street). Words that also end the names of districts and open spaces
 * ("Wood Green", "Crouch End", "Finsbury Park", "Muswell Hill") are left out:
 * police.uk names points after those too, and a district is not a street.
 */
const STREET_ENDINGS = new Set([
  'road', 'street', 'lane', 'avenue', 'close', 'gardens', 'mews', 'place', 'way', 'crescent', 'drive', 'grove', 'terrace', 'walk',
  'court', 'yard', 'square', 'row', 'approach', 'parade', 'cottages', 'villas', 'alley', 'rise', 'path', 'wharf', 'passage',
]);
const COLUMNS = {
  longitude: { aliases: ['Longitude'], required: true },
  latitude: { aliases: ['Latitude'], required: true },
  location: { aliases: ['Location'], required: true },
};

export function readPoliceStreets(filePath: string): ReadResult<PlaceRecord> {
  const table = readCsvTable(filePath);
  const resolved = resolveColumns(table, COLUMNS);
  if ('error' in resolved) throw new Error(`${resolved.error} (a police.uk street-level crime CSV)`);
  const { columns } = resolved;
  const byName = new Map<string, { name: string; points: Array<[number, number]> }>();
  let skipped = 0;
  for (const row of table.rows) {
    const longitude = Number(row[columns.longitude!]);
    const latitude = Number(row[columns.latitude!]);
    const name = (row[columns.location!] ?? '').replace(/^on or near\s+/i, '').trim();
    const words = name.toLowerCase().split(/\s+/);
    if (!Number.isFinite(longitude) || !Number.isFinite(latitude) || row[columns.longitude!] === '' || words.length < 2 || !STREET_ENDINGS.has(words.at(-1)!)) {
      skipped++;
      continue;
    }
    const key = words.join(' ');
    if (!byName.has(key)) byName.set(key, { name, points: [] });
    byName.get(key)!.points.push([longitude, latitude]);
  }
  const records: PlaceRecord[] = [];
  for (const [key, { name, points }] of [...byName].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    for (const cluster of clusters(points)) {
      const medoid = cluster.reduce((best, p) => (sumTo(p, cluster) < sumTo(best, cluster) ? p : best), cluster[0]!);
      const lons = cluster.map((p) => p[0]);
      const lats = cluster.map((p) => p[1]);
      records.push({
        id: `police-street:${key.replace(/[^a-z0-9]+/g, '-')}@${round6(medoid[0])},${round6(medoid[1])}`,
        kind: 'street',
        name,
        category: 'road',
        longitude: round6(medoid[0]),
        latitude: round6(medoid[1]),
        ...(cluster.length > 1 ? { bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] as [number, number, number, number], points: distinctPoints(cluster) } : {}),
        source: table.file,
      });
    }
  }
  return { records, skipped, format: 'police.uk street-level crime CSV (street names of its map points)' };
}

/** police.uk snaps crimes to a fixed set of map points: each is kept once. */
function distinctPoints(points: Array<[number, number]>): Array<[number, number]> {
  const seen = new Map<string, [number, number]>();
  for (const p of points) {
    const point: [number, number] = [round6(p[0]), round6(p[1])];
    seen.set(`${point[0]},${point[1]}`, point);
  }
  return [...seen.values()];
}

const sumTo = (p: [number, number], points: Array<[number, number]>): number => points.reduce((sum, q) => sum + metresBetween(p, q), 0);

/** Single-linkage groups of points: one per street of the name. */
function clusters(points: Array<[number, number]>): Array<Array<[number, number]>> {
  const groups: Array<Array<[number, number]>> = [];
  for (const point of points) {
    const joined = groups.filter((group) => group.some((p) => metresBetween(p, point) <= SAME_STREET_METRES));
    const merged = [...joined.flat(), point];
    for (const group of joined) groups.splice(groups.indexOf(group), 1);
    groups.push(merged);
  }
  return groups;
}
