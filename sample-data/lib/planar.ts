/**
 * Plane geometry in metres on a local tangent plane. The synthetic area is laid
 * out in metres (street lengths and margins mean something there) and turned
 * into WGS84 only when written, like a surveyor's sketch put on a map at the end.
 */
export type XY = readonly [number, number];
export type Ring = XY[];

const METRES_PER_DEGREE_LATITUDE = 110_574;
const METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111_320;

export interface LocalPlane {
  toLonLat(point: XY): [number, number];
  toXY(lonLat: readonly [number, number]): XY;
}

/** An equirectangular plane around an origin: plenty for a borough a few km across. */
export function createLocalPlane(originLongitude: number, originLatitude: number): LocalPlane {
  const metresPerDegreeLongitude = METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR * Math.cos((originLatitude * Math.PI) / 180);
  return {
    toLonLat: ([x, y]) => [roundTo6(originLongitude + x / metresPerDegreeLongitude), roundTo6(originLatitude + y / METRES_PER_DEGREE_LATITUDE)],
    toXY: ([longitude, latitude]) => [
      (longitude - originLongitude) * metresPerDegreeLongitude,
      (latitude - originLatitude) * METRES_PER_DEGREE_LATITUDE,
    ],
  };
}

/** GeoJSON in shared/data carries 6 decimal places (about 0.1 m); so does ours. */
export function roundTo6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function distance(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Twice the signed area: positive when the ring runs anticlockwise. */
export function signedArea(ring: readonly XY[]): number {
  let sum = 0;
  for (let index = 0; index < ring.length - 1; index++) {
    const [x1, y1] = ring[index] as XY;
    const [x2, y2] = ring[index + 1] as XY;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** Ray casting; the ring must be closed. */
export function ringContains(ring: readonly XY[], [x, y]: XY): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i] as XY;
    const [xj, yj] = ring[j] as XY;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function distanceToSegment(point: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / lengthSquared));
  return distance(point, [a[0] + t * dx, a[1] + t * dy]);
}

export function distanceToPolyline(point: XY, line: readonly XY[]): number {
  let best = Infinity;
  for (let index = 0; index < line.length - 1; index++) {
    best = Math.min(best, distanceToSegment(point, line[index] as XY, line[index + 1] as XY));
  }
  return best;
}

export function polylineLength(line: readonly XY[]): number {
  let total = 0;
  for (let index = 0; index < line.length - 1; index++) total += distance(line[index] as XY, line[index + 1] as XY);
  return total;
}

/** The point a given share of the way along a polyline, and the unit direction of travel there. */
export function alongPolyline(line: readonly XY[], share: number): { point: XY; direction: XY } {
  let remaining = share * polylineLength(line);
  for (let index = 0; index < line.length - 1; index++) {
    const a = line[index] as XY;
    const b = line[index + 1] as XY;
    const length = distance(a, b);
    if (remaining <= length || index === line.length - 2) {
      const t = length === 0 ? 0 : Math.min(1, remaining / length);
      return { point: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], direction: [(b[0] - a[0]) / length, (b[1] - a[1]) / length] };
    }
    remaining -= length;
  }
  throw new Error(`A polyline needs at least two points, got ${line.length}`);
}

/** Where two segments cross, if they do. */
export function segmentIntersection(a1: XY, a2: XY, b1: XY, b2: XY): XY | null {
  const d = (a2[0] - a1[0]) * (b2[1] - b1[1]) - (a2[1] - a1[1]) * (b2[0] - b1[0]);
  if (d === 0) return null;
  const t = ((b1[0] - a1[0]) * (b2[1] - b1[1]) - (b1[1] - a1[1]) * (b2[0] - b1[0])) / d;
  const u = ((b1[0] - a1[0]) * (a2[1] - a1[1]) - (b1[1] - a1[1]) * (a2[0] - a1[0])) / d;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return [a1[0] + t * (a2[0] - a1[0]), a1[1] + t * (a2[1] - a1[1])];
}

/** The first point where two polylines cross, or null. */
export function polylineIntersection(a: readonly XY[], b: readonly XY[]): XY | null {
  for (let i = 0; i < a.length - 1; i++) {
    for (let j = 0; j < b.length - 1; j++) {
      const crossing = segmentIntersection(a[i] as XY, a[i + 1] as XY, b[j] as XY, b[j + 1] as XY);
      if (crossing) return crossing;
    }
  }
  return null;
}
