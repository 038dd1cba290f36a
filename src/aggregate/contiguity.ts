/**
 * Queen contiguity between polygons: two areas are neighbours when their
 * boundaries share at least one point — a common vertex, or a vertex of one
 * lying on an edge of the other (a "T" junction, which vertex matching alone
 * would miss). Coordinates closer than `snap` count as the same point, as in
 * spdep's poly2nb (whose default snap is √machine-epsilon ≈ 1.5e-8).
 *
 * The result is symmetric by construction and never lists an area as its own
 * neighbour; Gi* adds the area itself.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export const DEFAULT_SNAP = Math.sqrt(Number.EPSILON);

function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * For each polygon (in input order) the indexes of its neighbours, ascending.
 * Polygons without geometry have none.
 */
export function queenContiguity(geometries: ReadonlyArray<Polygon | MultiPolygon | null>, snap = DEFAULT_SNAP): number[][] {
  const segments: Array<{ owner: number; ax: number; ay: number; bx: number; by: number }> = [];
  const vertices: Array<{ owner: number; x: number; y: number }> = [];
  geometries.forEach((geometry, owner) => {
    if (!geometry) return;
    for (const ring of ringsOf(geometry)) {
      for (let i = 0; i < ring.length; i += 1) {
        const [x, y] = ring[i]!;
        vertices.push({ owner, x: x!, y: y! });
        if (i + 1 < ring.length) {
          const [bx, by] = ring[i + 1]!;
          segments.push({ owner, ax: x!, ay: y!, bx: bx!, by: by! });
        }
      }
    }
  });
  const neighbours = geometries.map(() => new Set<number>());
  if (segments.length === 0) return neighbours.map(() => []);
  const index = new Flatbush(segments.length);
  for (const s of segments) index.add(Math.min(s.ax, s.bx) - snap, Math.min(s.ay, s.by) - snap, Math.max(s.ax, s.bx) + snap, Math.max(s.ay, s.by) + snap);
  index.finish();
  // A shared vertex lies on (the end of) an edge of the other polygon, so one test covers both cases.
  for (const vertex of vertices) {
    for (const hit of index.search(vertex.x, vertex.y, vertex.x, vertex.y)) {
      const segment = segments[hit]!;
      if (segment.owner === vertex.owner || neighbours[vertex.owner]!.has(segment.owner)) continue;
      if (distanceToSegment(vertex.x, vertex.y, segment.ax, segment.ay, segment.bx, segment.by) <= snap) {
        neighbours[vertex.owner]!.add(segment.owner);
        neighbours[segment.owner]!.add(vertex.owner);
      }
    }
  }
  return neighbours.map((set) => [...set].sort((a, b) => a - b));
}

/** Queen contiguity of GeoJSON features, keyed by the codes given for them. */
export function queenNeighboursByCode(features: ReadonlyArray<{ code: string; geometry: Polygon | MultiPolygon | null }>, snap = DEFAULT_SNAP): Map<string, string[]> {
  const lists = queenContiguity(features.map((feature) => feature.geometry), snap);
  return new Map(features.map((feature, i) => [feature.code, lists[i]!.map((j) => features[j]!.code)]));
}
