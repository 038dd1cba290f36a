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
import { metresBetween, rulerAt } from '../lib/distance.ts';
import { pointsOf } from './gazetteer/street-points.ts';
import { metresBetweenPlaces } from './place-distance.ts';

export type OneRoad = (a: LocatedPlace, b: LocatedPlace) => boolean;

/**
 * Same-named records this close are parts of one road: well under the gap between two
 * roads that addressing keeps apart by name, and over the gap police.uk map points and
 * premises leave along a long road.
 */
export const SAME_ROAD_METRES = 400;

/**
 * A long record's course, as the straight line its points lie along: the principal
 * axis of the points (in metres about their mean), its length along the axis.
 */
function courseLine(points: ReadonlyArray<[number, number]>): { centre: [number, number]; direction: [number, number]; length: number; kx: number; ky: number } | null {
  if (points.length < 3) return null;
  const ruler = rulerAt(points[0]![1]);
  // Metres per degree here, from the ruler: a degree east and a degree north.
  const kx = ruler.distance([0, points[0]![1]], [1, points[0]![1]]);
  const ky = ruler.distance([0, points[0]![1]], [0, points[0]![1] + 1]);
  const xy = points.map(([lon, lat]) => [lon * kx, lat * ky] as const);
  const cx = xy.reduce((sum, [x]) => sum + x, 0) / xy.length;
  const cy = xy.reduce((sum, [, y]) => sum + y, 0) / xy.length;
  let sxx = 0, syy = 0, sxy = 0;
  for (const [x, y] of xy) {
    sxx += (x - cx) ** 2;
    syy += (y - cy) ** 2;
    sxy += (x - cx) * (y - cy);
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const direction: [number, number] = [Math.cos(angle), Math.sin(angle)];
  const along = xy.map(([x, y]) => (x - cx) * direction[0] + (y - cy) * direction[1]);
  return { centre: [cx, cy], direction, length: Math.max(...along) - Math.min(...along), kx, ky };
}

/** How far a point lies from a course line, across it, in metres. */
function offCourse(line: NonNullable<ReturnType<typeof courseLine>>, [lon, lat]: [number, number]): number {
  const x = lon * line.kx - line.centre[0];
  const y = lat * line.ky - line.centre[1];
  return Math.abs(-x * line.direction[1] + y * line.direction[0]);
}

/**
 * Whether one record of a name continues another: their points come within
 * SAME_ROAD_METRES, or (a long road whose data has a gap, as Ripple Road's between
 * Barking and Dagenham) the other lies on the line a long record runs along, not
 * far beyond it. Haringey's two High Roads run side by side 2 km apart and its two
 * Broadways lie off each other's line, so they stay two roads.
 */
function continues(a: LocatedPlace, b: LocatedPlace): boolean {
  const gap = metresBetweenPlaces(a, b);
  if (gap <= SAME_ROAD_METRES) return true;
  if (gap > ROAD_GAP_ON_COURSE_METRES) return false;
  for (const [record, other] of [[a, b], [b, a]] as const) {
    const line = courseLine(record.points ?? []);
    if (line && line.length >= COURSE_MIN_LENGTH_METRES && pointsOf(other).every((point) => offCourse(line, point) <= OFF_COURSE_METRES)) return true;
  }
  return false;
}

/** A record this long has a direction worth following; the other record must lie this close across it, within this gap. */
const COURSE_MIN_LENGTH_METRES = 500;
const OFF_COURSE_METRES = 350;
const ROAD_GAP_ON_COURSE_METRES = 2000;

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
        if (find(i) !== find(j) && continues(records[i]!, records[j]!)) parent[find(i)] = find(j);
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
