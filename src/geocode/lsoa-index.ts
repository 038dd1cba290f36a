/**
 * Point-in-LSOA with a spatial index: flatbush over the polygons' bounding
 * boxes narrows the candidates to a handful, then an exact point-in-polygon
 * test. A point on an edge shared by two LSOAs is inside both (boundaries
 * count); the lowest LSOA code among them is the answer, so the same point
 * always lands in the same LSOA whatever order the polygons came in. Optionally,
 * a point just outside every polygon (a sliver of generalised boundaries) takes
 * the nearest one within a tolerance.
 */
import Flatbush from 'flatbush';
// The one Turf module this needs, not @turf/turf: loading all of Turf (JSTS and all) takes
// a quarter of a second, which every ingest run and scheduled job would pay at start-up.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { boxAround, rulerAt } from '../lib/distance.ts';

export interface IndexedPolygon {
  code: string;
  geometry: Polygon | MultiPolygon;
}

export interface LsoaIndex<T extends IndexedPolygon> {
  /** The polygon containing the point (edges included), lowest code on ties; null outside every polygon. */
  find(longitude: number, latitude: number): T | null;
}

function extentOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [x = NaN, y = NaN] of polygon[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Metres from a point to the nearest edge of a polygon. */
function metresToEdge(longitude: number, latitude: number, geometry: Polygon | MultiPolygon): number {
  const ruler = rulerAt(latitude);
  const point: [number, number] = [longitude, latitude];
  let best = Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        best = Math.min(best, ruler.pointToSegmentDistance(point, ring[i - 1] as [number, number], ring[i] as [number, number]));
      }
    }
  }
  return best;
}

export interface LsoaIndexOptions {
  /**
   * A point outside every polygon but within this many metres of one is given
   * the nearest (then lowest-code) polygon. Boundaries generalised to 20 m leave
   * slivers and shift edges by that much; 0 turns this off.
   */
  toleranceMetres?: number;
}

export function createLsoaIndex<T extends IndexedPolygon>(polygons: readonly T[], options: LsoaIndexOptions = {}): LsoaIndex<T> {
  const tolerance = options.toleranceMetres ?? 0;
  if (polygons.length === 0) throw new Error('Unexpected numItems value: 0 (an LSOA index needs at least one polygon)');
  // Sorted by code once, so that the first containing candidate is the lowest code.
  const sorted = [...polygons].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const index = new Flatbush(sorted.length);
  for (const polygon of sorted) index.add(...extentOf(polygon.geometry));
  index.finish();
  return {
    find(longitude: number, latitude: number): T | null {
      if (!Number.isFinite(longitude) || !Number.isFinite(latitude)) return null;
      const candidates = index.search(longitude, latitude, longitude, latitude).sort((a, b) => a - b);
      const point: [number, number] = [longitude, latitude];
      for (const candidate of candidates) {
        const polygon = sorted[candidate]!;
        if (booleanPointInPolygon(point, polygon.geometry)) return polygon;
      }
      if (tolerance <= 0) return null;
      let nearest: T | null = null;
      let nearestDistance = Infinity;
      for (const candidate of index.search(...boxAround(point, tolerance)).sort((a, b) => a - b)) {
        const polygon = sorted[candidate]!;
        const distance = metresToEdge(longitude, latitude, polygon.geometry);
        if (distance <= tolerance && distance < nearestDistance) {
          nearest = polygon;
          nearestDistance = distance;
        }
      }
      return nearest;
    },
  };
}

/** The same answer without an index: every polygon tested in code order (the benchmark's baseline). */
export function findLsoaNaively<T extends IndexedPolygon>(polygons: readonly T[], longitude: number, latitude: number): T | null {
  let best: T | null = null;
  for (const polygon of polygons) {
    if ((best === null || polygon.code < best.code) && booleanPointInPolygon([longitude, latitude], polygon.geometry)) best = polygon;
  }
  return best;
}
