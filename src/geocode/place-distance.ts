/**
 * Ground distances between gazetteer places, for settling same-named places and
 * finding where two streets meet (the measuring itself is src/lib/distance.ts).
 */
import { metresBetween, metresToSegment, rulerAt } from '../lib/distance.ts';
import type { LocatedPlace } from './gazetteer/load.ts';

/** Distance from a point to a place: to its extent when it has one (a street), else to its point. */
export function metresToPlace(point: [number, number], place: LocatedPlace): number {
  if (place.bbox) {
    const [west, south, east, north] = place.bbox;
    const nearest: [number, number] = [Math.min(Math.max(point[0], west), east), Math.min(Math.max(point[1], south), north)];
    return metresBetween(point, nearest);
  }
  return metresBetween(point, [place.longitude, place.latitude]);
}

/** Closest approach of two sets of lines: the vertices of each against the segments of the other. */
export function metresBetweenLines(a: Array<Array<[number, number]>>, b: Array<Array<[number, number]>>): number {
  let best = Infinity;
  for (const [from, to] of [[a, b], [b, a]] as const) {
    for (const line of from) for (const vertex of line) for (const other of to) {
      for (let i = 1; i < other.length; i++) best = Math.min(best, metresToSegment(vertex, other[i - 1]!, other[i]!));
      if (other.length === 1) best = Math.min(best, metresBetween(vertex, other[0]!));
    }
  }
  return best;
}

/**
 * A street's course as lines: its centre lines, else the points known to lie on it
 * (each a line of one vertex), else null. Two long streets' boxes overlap without
 * the streets meeting; their courses do not.
 */
function courseOf(place: LocatedPlace): Array<Array<[number, number]>> | null {
  if (place.lines) return place.lines;
  if (place.points && place.points.length > 1) return place.points.map((point) => [point]);
  return null;
}

export function metresBetweenPlaces(a: LocatedPlace, b: LocatedPlace): number {
  const courseA = courseOf(a);
  const courseB = courseOf(b);
  if (courseA && courseB) return metresBetweenLines(courseA, courseB);
  if (a.bbox && b.bbox) {
    const dx = Math.max(0, a.bbox[0] - b.bbox[2], b.bbox[0] - a.bbox[2]);
    const dy = Math.max(0, a.bbox[1] - b.bbox[3], b.bbox[1] - a.bbox[3]);
    return rulerAt((a.latitude + b.latitude) / 2).distance([0, 0], [dx, dy]);
  }
  if (a.bbox || b.bbox) return a.bbox ? metresToPlace([b.longitude, b.latitude], a) : metresToPlace([a.longitude, a.latitude], b);
  return metresBetween([a.longitude, a.latitude], [b.longitude, b.latitude]);
}

/** Where two streets meet: between the nearest pair of points of their courses when both have one, else the middle of where their extents meet. */
export function meetingPoint(a: LocatedPlace, b: LocatedPlace): [number, number] {
  const courseA = courseOf(a);
  const courseB = courseOf(b);
  if (courseA && courseB) {
    let best: [number, number] = [(a.longitude + b.longitude) / 2, (a.latitude + b.latitude) / 2];
    let bestDistance = Infinity;
    for (const lineA of courseA) for (const p of lineA) for (const lineB of courseB) for (const q of lineB) {
      const distance = metresBetween(p, q);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
      }
    }
    return best;
  }
  if (a.bbox && b.bbox) {
    const west = Math.max(a.bbox[0], b.bbox[0]);
    const east = Math.min(a.bbox[2], b.bbox[2]);
    const south = Math.max(a.bbox[1], b.bbox[1]);
    const north = Math.min(a.bbox[3], b.bbox[3]);
    return [(west + east) / 2, (south + north) / 2];
  }
  return [(a.longitude + b.longitude) / 2, (a.latitude + b.latitude) / 2];
}
