/**
 * Junctions: two streets named together ("jct high rd / mill ln") meet when
 * their extents come close enough; the answer is the point where they meet.
 * Several pairs that meet (same-named streets elsewhere) are settled by the
 * ED's borough and by a district or area in the text, else `ambiguous`.
 */
import type { Gazetteer, LocatedPlace } from './gazetteer/load.ts';
import type { Mention } from './mentions.ts';
import { meetingPoint, metresBetweenPlaces } from './place-distance.ts';
import { metresBetween } from '../lib/distance.ts';
import { AREA_RADIUS_METRES, type Context } from './resolve.ts';
import { placedAt } from './results.ts';
import type { OneRoad } from './same-road.ts';
import type { GeocodeResult } from './types.ts';

/** Two streets "meet" when their extents come this close. */
const JUNCTION_GAP_METRES = 250;
/** Without extents, their representative points must be this close. */
const JUNCTION_POINT_METRES = 700;

/** The junction of two street mentions, `ambiguous` when several pairs meet, or null when none does. */
export function junctionOf(gazetteer: Pick<Gazetteer, 'lsoaAt'>, first: Mention, second: Mention, context: Context, oneRoad?: OneRoad): GeocodeResult | 'ambiguous' | null {
  const streets = (m: Mention): LocatedPlace[] => m.candidates.filter((c) => c.place.kind === 'street').map((c) => c.place);
  const a = streets(first);
  const b = streets(second);
  if (a.length === 0 || b.length === 0) return null;
  const pairs: Array<{ a: LocatedPlace; b: LocatedPlace; gap: number }> = [];
  for (const x of a) {
    for (const y of b) {
      const gap = metresBetweenPlaces(x, y);
      const limit = x.bbox && y.bbox ? JUNCTION_GAP_METRES : JUNCTION_POINT_METRES;
      if (gap <= limit) pairs.push({ a: x, b: y, gap });
    }
  }
  if (pairs.length === 0) return null;
  // Pairs of records of the same two roads (a long road stored as several records) are one
  // junction: keep the pair that comes closest.
  const sameRoad = (x: LocatedPlace, y: LocatedPlace): boolean => x === y || (oneRoad?.(x, y) ?? false);
  let close: typeof pairs = [];
  for (const pair of [...pairs].sort((p, q) => p.gap - q.gap)) {
    if (!close.some((kept) => sameRoad(kept.a, pair.a) && sameRoad(kept.b, pair.b))) close.push(pair);
  }
  if (close.length > 1 && context.siteLad) {
    const inBorough = close.filter((p) => p.a.ladCode === context.siteLad || p.b.ladCode === context.siteLad);
    if (inBorough.length > 0) close = inBorough;
  }
  if (close.length > 1 && context.areaPoints.length + context.districts.length > 0) {
    // Near the area named is where the two meet, not anywhere along either street: a long
    // street crosses many areas, and its other junction of the name may be far off.
    const near = close.filter((p) => {
      const meeting = meetingPoint(p.a, p.b);
      return context.areaPoints.some((pt) => metresBetween(pt, meeting) <= AREA_RADIUS_METRES) || context.districts.some((d) => p.a.districts?.includes(d) || p.b.districts?.includes(d));
    });
    if (near.length > 0) close = near;
  }
  if (close.length > 1) return 'ambiguous';
  const { a: streetA, b: streetB } = close[0]!;
  const point = meetingPoint(streetA, streetB);
  const lsoa = gazetteer.lsoaAt(point[0], point[1]);
  const corrections = first.corrections + second.corrections;
  return placedAt('junction', corrections > 0 ? 'junction_fuzzy' : 'junction_exact', Math.round((0.7 - 0.1 * corrections) * 100) / 100, {
    matchedId: `${streetA.id}+${streetB.id}`,
    matchedName: `${streetA.name} / ${streetB.name}`,
    longitude: Math.round(point[0] * 1e6) / 1e6,
    latitude: Math.round(point[1] * 1e6) / 1e6,
    lsoaCode: lsoa?.code ?? null,
    wardCode: lsoa?.wardCode ?? null,
  });
}
