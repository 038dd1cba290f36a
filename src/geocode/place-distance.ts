/**
 * Ground distances between gazetteer places, for settling same-named places and
 * finding where two streets meet. Equirectangular: exact enough over a borough,
 * and cheap enough to run for every candidate of every text.
 */
import type { LocatedPlace } from './gazetteer/load.ts';

/** Approximate ground distance in metres (equirectangular: fine over a borough). */
export function metresBetween(a: [number, number], b: [number, number]): number {
  const dx = (a[0] - b[0]) * Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180)) * 111320;
  const dy = (a[1] - b[1]) * 110540;
  return Math.hypot(dx, dy);
}

/** Distance from a point to a place: to its extent when it has one (a street), else to its point. */
export function metresToPlace(point: [number, number], place: LocatedPlace): number {
  if (place.bbox) {
    const [west, south, east, north] = place.bbox;
    const nearest: [number, number] = [Math.min(Math.max(point[0], west), east), Math.min(Math.max(point[1], south), north)];
    return metresBetween(point, nearest);
  }
  return metresBetween(point, [place.longitude, place.latitude]);
}

/** Metres from a point to a segment (equirectangular). */
export function metresToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const kx = Math.cos(p[1] * (Math.PI / 180)) * 111320;
  const ky = 110540;
  const ax = (a[0] - p[0]) * kx;
  const ay = (a[1] - p[1]) * ky;
  const dx = (b[0] - a[0]) * kx;
  const dy = (b[1] - a[1]) * ky;
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
  return Math.hypot(ax + t * dx, ay + t * dy);
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
    const lat = (a.latitude + b.latitude) / 2;
    return Math.hypot(dx * Math.cos(lat * (Math.PI / 180)) * 111320, dy * 110540);
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
