/**
 * One road stored as several street records: a long road's sampled addresses
 * fall into several clusters (gaps between premises, or records kept per LSOA),
 * so "heathway" finds two records of the one Heathway. UK addressing keeps a
 * street name unique within a postcode district, so two same-named street
 * records whose own district (the district of the record's point) is the same
 * are one road. A road also runs on across a district boundary: same-named
 * records whose known points (gazetteer/street-points.ts) come within
 * SAME_ROAD_METRES of each other, directly or through another such record,
 * are one road. Records in different districts with a gap between them stay
 * apart: a district's High Road and another district's High Road kilometres
 * away are two roads.
 */
import type { Gazetteer, LocatedPlace } from './gazetteer/load.ts';
import { metresBetween } from '../lib/distance.ts';
import { metresBetweenPlaces } from './place-distance.ts';

export type OneRoad = (a: LocatedPlace, b: LocatedPlace) => boolean;

/**
 * Same-named records this close are parts of one road: well under the gap between two
 * roads that addressing keeps apart by name, and over the gap police.uk map points and
 * premises leave along a long road.
 */
export const SAME_ROAD_METRES = 400;

export function createOneRoad(gazetteer: Pick<Gazetteer, 'districtPoint' | 'places'>): OneRoad {
  // Roads of each name, joined through records that come close: worked out once per name, when first asked.
  const roadOf = new Map<string, number>();
  const namesDone = new Set<string>();
  const streetsByName = new Map<string, LocatedPlace[]>();
  for (const place of gazetteer.places) {
    if (place.kind !== 'street') continue;
    const name = place.name.toLowerCase();
    streetsByName.set(name, [...(streetsByName.get(name) ?? []), place]);
  }
  const joinRoads = (name: string): void => {
    namesDone.add(name);
    const records = streetsByName.get(name) ?? [];
    const parent = records.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let i = 0; i < records.length; i++) {
      for (let j = i + 1; j < records.length; j++) {
        if (find(i) !== find(j) && metresBetweenPlaces(records[i]!, records[j]!) <= SAME_ROAD_METRES) parent[find(i)] = find(j);
      }
    }
    records.forEach((record, i) => roadOf.set(record.id, find(i)));
  };
  const joined = (a: LocatedPlace, b: LocatedPlace): boolean => {
    const name = a.name.toLowerCase();
    if (!namesDone.has(name)) joinRoads(name);
    return roadOf.get(a.id) !== undefined && roadOf.get(a.id) === roadOf.get(b.id);
  };
  const ownDistricts = new Map<string, string | null>();
  /** A record listing several districts (it runs along their edge) is in the one whose centre its point is nearest. */
  const ownDistrict = (place: LocatedPlace): string | null => {
    if (ownDistricts.has(place.id)) return ownDistricts.get(place.id)!;
    let best: string | null = null;
    if (place.districts?.length === 1) best = place.districts[0]!;
    else if (place.districts && place.districts.length > 1) {
      let bestDistance = Infinity;
      for (const district of place.districts) {
        const centre = gazetteer.districtPoint(district);
        const distance = centre ? metresBetween(centre, [place.longitude, place.latitude]) : Infinity;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = district;
        }
      }
    }
    ownDistricts.set(place.id, best);
    return best;
  };
  return (a, b) => {
    if (a.kind !== 'street' || b.kind !== 'street' || a.name.toLowerCase() !== b.name.toLowerCase()) return false;
    const district = ownDistrict(a);
    return (district !== null && district === ownDistrict(b)) || joined(a, b);
  };
}
