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

export function metresBetweenPlaces(a: LocatedPlace, b: LocatedPlace): number {
  // Lines when both have them: two long streets' boxes overlap without the streets meeting.
  if (a.lines && b.lines) return metresBetweenLines(a.lines, b.lines);
  if (a.bbox && b.bbox) {
    const dx = Math.max(0, a.bbox[0] - b.bbox[2], b.bbox[0] - a.bbox[2]);
    const dy = Math.max(0, a.bbox[1] - b.bbox[3], b.bbox[1] - a.bbox[3]);
    return rulerAt((a.latitude + b.latitude) / 2).distance([0, 0], [dx, dy]);
  }
  if (a.bbox || b.bbox) return a.bbox ? metresToPlace([b.longitude, b.latitude], a) : metresToPlace([a.longitude, a.latitude], b);
  return metresBetween([a.longitude, a.latitude], [b.longitude, b.latitude]);
}

/** Where two streets meet: the nearest pair of vertices when both have lines, else the middle of where their extents meet. */
export function meetingPoint(a: LocatedPlace, b: LocatedPlace): [number, number] {
  if (a.lines && b.lines) {
    let best: [number, number] = [(a.longitude + b.longitude) / 2, (a.latitude + b.latitude) / 2];
    let bestDistance = Infinity;
    for (const lineA of a.lines) for (const p of lineA) for (const lineB of b.lines) for (const q of lineB) {
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
