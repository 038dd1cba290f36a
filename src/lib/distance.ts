/**
 * Ground distances for istv: every stage measures with this module, so that a
 * premises "30 m away" in a licensing pack and a street "30 m away" in the
 * geocoder are the same 30 m. cheap-ruler (mapbox) approximates the WGS84
 * ellipsoid around one latitude: well under 0.1 % off over a borough, and a
 * few multiplications a call, cheap enough for every candidate of every text.
 *
 * Points are [longitude, latitude] in degrees.
 */
import CheapRuler from 'cheap-ruler';

export type LonLat = readonly [number, number];

/** A ruler for measurements around `latitude`; keep one for many measurements at the same place. */
export function rulerAt(latitude: number): CheapRuler {
  return new CheapRuler(latitude, 'metres');
}

/** Metres between two points (the ruler taken at their mean latitude). */
export function metresBetween(a: LonLat, b: LonLat): number {
  return rulerAt((a[1] + b[1]) / 2).distance(a, b);
}

/** Metres between two located things (premises, places): `metresBetween` for `{ longitude, latitude }`. */
export function metresApart(a: { longitude: number; latitude: number }, b: { longitude: number; latitude: number }): number {
  return metresBetween([a.longitude, a.latitude], [b.longitude, b.latitude]);
}

/** Metres from a point to the segment a–b. */
export function metresToSegment(p: LonLat, a: LonLat, b: LonLat): number {
  return rulerAt(p[1]).pointToSegmentDistance(p, a, b);
}

/** The box [west, south, east, north] of every point within `metres` of p. */
export function boxAround(p: LonLat, metres: number): [number, number, number, number] {
  return rulerAt(p[1]).bufferPoint(p, metres);
}
