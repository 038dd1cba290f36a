/**
 * What the gazetteer knows of a street's course when no file gives its line:
 * the points known to lie on it. A street record from premises addresses has
 * its sample postcodes; a bus stop named after it, a premises addressed to it
 * and a police.uk map point "on or near" it are points on it too. Kept
 * together, they let two streets be measured against each other where they
 * meet, rather than by boxes (a long diagonal road's box covers streets it
 * never touches) or by one representative point each.
 *
 * Records of one name whose points come within SAME_STREET_METRES of each
 * other, directly or through others, are one street. In each such street the
 * records of the first source that has it stay when they have an extent (a
 * source's own split of a name is kept); the other records, and one-point
 * records of that source (a bus stop each), give their points to the nearest
 * of them. So police.uk points bridge the gaps between a long road's parades, and
 * a bus stop named after a street we have does not become a second street.
 */
import { metresBetween } from '../../lib/distance.ts';
import type { PlaceRecord } from './types.ts';

/** Points of one street name this far apart (at their closest) are still one street; the police.uk reader clusters by the same distance. */
export const SAME_STREET_METRES = 1000;

/** A later source's stretch of a name that an earlier source has within this distance is not a second street. */
const NAME_KNOWN_NEARBY_METRES = 2000;

/** Whether a record says how far the street runs (a line, a box, several points), not just where one point of it is. */
const hasExtent = (record: PlaceRecord): boolean => record.lines !== undefined || record.bbox !== undefined || (record.points?.length ?? 0) > 1;

/** The street's points: the ones it carries, else its representative point. */
export function pointsOf(record: Pick<PlaceRecord, 'longitude' | 'latitude' | 'points'>): Array<[number, number]> {
  return record.points && record.points.length > 0 ? record.points : [[record.longitude, record.latitude]];
}

/** Closest approach of two sets of points. */
export function closestApproach(a: ReadonlyArray<[number, number]>, b: ReadonlyArray<[number, number]>): number {
  let best = Infinity;
  for (const p of a) for (const q of b) best = Math.min(best, metresBetween(p, q));
  return best;
}

/** Adds points to a street record: its extent grows to hold them, and a point already there is not repeated. */
export function addStreetPoints(record: PlaceRecord, points: ReadonlyArray<[number, number]>): void {
  const all = pointsOf(record).slice();
  const seen = new Set(all.map(([x, y]) => `${x},${y}`));
  for (const point of points) {
    const key = `${point[0]},${point[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(point);
  }
  if (all.length < 2) return;
  record.points = all;
  const [west, south, east, north] = record.bbox ?? [Infinity, Infinity, -Infinity, -Infinity];
  record.bbox = [
    Math.min(west, ...all.map((p) => p[0])),
    Math.min(south, ...all.map((p) => p[1])),
    Math.max(east, ...all.map((p) => p[0])),
    Math.max(north, ...all.map((p) => p[1])),
  ];
}

/**
 * Joins street records of the files read (order: the file's place in the build) into
 * the records that stay; returns the records merged into others or not kept, for the caller to drop.
 */
export function joinStreetRecords(records: ReadonlyArray<{ record: PlaceRecord; order: number }>): PlaceRecord[] {
  const byName = new Map<string, Array<{ record: PlaceRecord; order: number }>>();
  for (const entry of records) {
    const key = streetKey(entry.record.name);
    byName.set(key, [...(byName.get(key) ?? []), entry]);
  }
  const merged: PlaceRecord[] = [];
  for (const entries of byName.values()) {
    if (entries.length < 2) continue;
    const parent = entries.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    const points = entries.map((e) => pointsOf(e.record));
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        if (find(i) !== find(j) && closestApproach(points[i]!, points[j]!) <= SAME_STREET_METRES) parent[find(i)] = find(j);
      }
    }
    const streets = new Map<number, number[]>();
    entries.forEach((_, i) => streets.set(find(i), [...(streets.get(find(i)) ?? []), i]));
    const firstOrder = (members: number[]): number => Math.min(...members.map((i) => entries[i]!.order));
    for (const members of streets.values()) {
      const first = firstOrder(members);
      // Only a later source has this stretch, and an earlier source has the name nearby: a
      // second street of the name so close is unlikely (addressing avoids it), and a bus stop
      // is often named after the street it is near, not on. It is not kept as a street.
      const nearEarlier = [...streets.values()].some((other) => firstOrder(other) < first && closestApproach(other.flatMap((i) => points[i]!), members.flatMap((i) => points[i]!)) <= NAME_KNOWN_NEARBY_METRES);
      if (nearEarlier) {
        merged.push(...members.map((i) => entries[i]!.record));
        continue;
      }
      // The first source's own split of the name is kept where its records have an extent;
      // records of one point each (a bus stop per record) are points of one street.
      const firstRecords = members.filter((i) => entries[i]!.order === first).map((i) => entries[i]!.record);
      const withExtent = firstRecords.filter(hasExtent);
      const staying = withExtent.length > 0 ? withExtent : [[...firstRecords].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!];
      // Points are given in file order, nearest staying record first: the result does not depend on the order records were read within a file.
      for (const i of members) {
        if (staying.includes(entries[i]!.record)) continue;
        const into = streetContinued(staying, points[i]!) ?? staying[0]!;
        addStreetPoints(into, points[i]!);
        merged.push(entries[i]!.record);
      }
      // A street made of one-point records stands at the middle of them, not at whichever came first.
      if (withExtent.length === 0) moveToMedoid(staying[0]!);
    }
  }
  return merged;
}

/** Puts a street's representative point on the one of its points with the least summed distance to the others. */
function moveToMedoid(record: PlaceRecord): void {
  const all = pointsOf(record);
  let best = all[0]!;
  let bestSum = Infinity;
  for (const candidate of all) {
    const sum = all.reduce((total, other) => total + metresBetween(candidate, other), 0);
    if (sum < bestSum) {
      bestSum = sum;
      best = candidate;
    }
  }
  record.longitude = best[0];
  record.latitude = best[1];
}

/**
 * Street records named from bus stops that are a shortening of a street nearby:
 * TfL names a stop "Whalebone Lane" where the streets are Whalebone Lane North and
 * South, and the shortening is not a street of its own. Returned for the caller to drop.
 */
export function shortenedStopStreets(places: readonly PlaceRecord[]): PlaceRecord[] {
  const streets = places.filter((place) => place.kind === 'street');
  return streets.filter((stop) => {
    if (stop.category !== 'road_from_bus_stop') return false;
    const key = `${streetKey(stop.name)} `;
    return streets.some((other) => other !== stop && streetKey(other.name).startsWith(key) && closestApproach(pointsOf(other), pointsOf(stop)) <= SAME_STREET_METRES);
  });
}

/** The known record of the same street that a point set continues (closest within SAME_STREET_METRES), or null. */
export function streetContinued(known: readonly PlaceRecord[], points: ReadonlyArray<[number, number]>): PlaceRecord | null {
  let best: PlaceRecord | null = null;
  let bestGap = SAME_STREET_METRES;
  for (const record of known) {
    const gap = closestApproach(pointsOf(record), points);
    if (gap <= bestGap) {
      bestGap = gap;
      best = record;
    }
  }
  return best;
}

/** A name as street records are matched on: "St. Ann's Road" and "ST ANNS ROAD" are one key. */
export const streetKey = (name: string): string => name.toLowerCase().replace(/['’.]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Premises addressed to a street are points on it: each is added to the record of
 * its street name that it lies closest to, within SAME_STREET_METRES.
 */
export function addPremisesToStreets(places: readonly PlaceRecord[]): void {
  const streets = new Map<string, PlaceRecord[]>();
  for (const place of places) {
    if (place.kind !== 'street') continue;
    const key = streetKey(place.name);
    streets.set(key, [...(streets.get(key) ?? []), place]);
  }
  for (const place of places) {
    if (place.kind !== 'premises' || !place.street) continue;
    const point: [number, number] = [place.longitude, place.latitude];
    const record = streetContinued(streets.get(streetKey(place.street)) ?? [], [point]);
    if (record) addStreetPoints(record, [point]);
  }
}
