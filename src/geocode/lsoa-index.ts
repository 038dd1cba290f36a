/**
 * Point-in-LSOA with a spatial index: flatbush over the polygons' bounding
 * boxes narrows the candidates to a handful, then an exact point-in-polygon
 * test. A point on an edge shared by two LSOAs is inside both (boundaries
 * count); the lowest LSOA code among them is the answer, so the same point
 * always lands in the same LSOA whatever order the polygons came in.
 */
import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';

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

export function createLsoaIndex<T extends IndexedPolygon>(polygons: readonly T[]): LsoaIndex<T> {
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
      return null;
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
