/**
 * Electoral wards as areas. People name where they were by the ward's name
 * ("noel park", "alibon", "mayesbrook") as often as by a district's, and the
 * LSOA boundaries carry every ward's name, so any deployment has them. A ward
 * becomes an area place only where nothing else in the gazetteer has its name
 * (an OpenStreetMap place, a street, a school of that name is what the name
 * finds, as before) and where its name is not an ordinary English word alone
 * ("Village", "Heath", "Abbey": a text saying "village" is not naming a ward).
 *
 * Its point lies inside the ward's most central LSOA (the LSOA whose own
 * interior point is nearest the middle of the ward's), so an answer of the
 * ward names an LSOA of it.
 */
import { centroid, pointOnFeature } from '@turf/turf';
import { isOrdinaryWord } from '../ordinary-words.ts';
import { metresBetween } from '../../lib/distance.ts';
import type { LsoaRecord, PlaceRecord } from './types.ts';

const nameKey = (name: string): string => name.toLowerCase().replace(/['’.]/g, '').replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();

export function wardAreas(lsoas: readonly LsoaRecord[], places: readonly PlaceRecord[], source: string): PlaceRecord[] {
  const taken = new Set<string>();
  for (const place of places) {
    taken.add(nameKey(place.name));
    for (const alias of place.aliases ?? []) taken.add(nameKey(alias));
  }
  const wards = new Map<string, { name: string; lsoas: LsoaRecord[] }>();
  for (const lsoa of lsoas) {
    if (!lsoa.wardCode || !lsoa.wardName) continue;
    const ward = wards.get(lsoa.wardCode) ?? { name: lsoa.wardName, lsoas: [] };
    ward.lsoas.push(lsoa);
    wards.set(lsoa.wardCode, ward);
  }
  const areas: PlaceRecord[] = [];
  for (const [code, ward] of [...wards].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const key = nameKey(ward.name);
    const words = key.split(' ');
    if (key === '' || taken.has(key) || (words.length === 1 && isOrdinaryWord(words[0]!))) continue;
    const inner = ward.lsoas.map((lsoa) => ({ lsoa, point: pointOnFeature(lsoa.geometry).geometry.coordinates as [number, number] }));
    const middle = centroid({ type: 'MultiPoint', coordinates: inner.map((i) => i.point) }).geometry.coordinates as [number, number];
    const central = inner.reduce((best, i) => (metresBetween(i.point, middle) < metresBetween(best.point, middle) ? i : best), inner[0]!);
    areas.push({
      id: `ward:${code}`,
      kind: 'area',
      name: ward.name,
      category: 'ward',
      longitude: Math.round(central.point[0] * 1e6) / 1e6,
      latitude: Math.round(central.point[1] * 1e6) / 1e6,
      source,
    });
  }
  return areas;
}
