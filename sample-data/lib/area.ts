/**
 * The synthetic borough of Northbrook: LSOA polygons, wards, postcodes, streets,
 * licensed premises, landmarks and the two emergency departments. Everything is
 * laid out on a metric plane from a seeded generator and written in the same
 * shapes as the real open data in shared/data, so the gazetteer builder reads
 * both alike.
 *
 * The LSOAs are Voronoi cells of a jittered grid. The borough is the set of cells
 * whose seed falls inside a wobbly ellipse, so neighbouring LSOAs share their edge
 * vertices exactly: no clipping, hence no slivers, gaps or overlaps. Each shared
 * edge is then bent at a midpoint chosen from the edge itself (not from the
 * random stream), so both neighbours bend it the same way.
 */
import * as turf from '@turf/turf';
import { createRandom, hashString, type Random } from './random.ts';
import {
  alongPolyline,
  createLocalPlane,
  distance,
  distanceToPolyline,
  distanceToSegment,
  polylineLength,
  ringContains,
  signedArea,
  type LocalPlane,
  type Ring,
  type XY,
} from './planar.ts';
import { wgs84ToGrid } from '../../src/geocode/british-national-grid.ts';

/**
 * Real English coordinates where no town is: the open moor of northern Dartmoor,
 * far from the two London boroughs of shared/data, so a sample point can never be
 * mistaken for a real place.
 */
export const AREA_ORIGIN = { longitude: -3.96, latitude: 50.635 } as const;
export const BOROUGH = { code: 'E09999001', name: 'Northbrook' } as const;

const NORTH_CENTRE: XY = [0, 1300];
const SOUTH_CENTRE: XY = [400, -1400];

export interface LsoaProperties {
  LSOA21CD: string;
  LSOA21NM: string;
  MSOA21CD: string;
  MSOA21NM: string;
  LAD22CD: string;
  LAD22NM: string;
  WD23CD: string;
  WD23NM: string;
  USUALRES: number;
}

export interface Lsoa {
  properties: LsoaProperties;
  seed: XY;
  /** Closed, anticlockwise, in metres. */
  ring: Ring;
}

export interface Street {
  id: string;
  name: string;
  /** "main" roads carry the town centres; "local" are residential. */
  roadClass: 'main' | 'local';
  line: XY[];
}

export type PremisesType = 'pub' | 'bar' | 'nightclub' | 'takeaway' | 'off_licence' | 'restaurant';

export interface Premises {
  id: string;
  name: string;
  premisesType: PremisesType;
  brand: string | null;
  houseNumber: string;
  streetId: string;
  street: string;
  postcode: string;
  point: XY;
}

export interface Landmark {
  id: string;
  name: string;
  landmarkType: string;
  point: XY;
}

export interface Postcode {
  postcode: string;
  point: XY;
  lsoa: Lsoa;
  /** Distance to the edge of its LSOA, in metres. */
  boundaryDistance: number;
}

export interface Site {
  code: string;
  name: string;
  point: XY;
}

export interface Area {
  plane: LocalPlane;
  lsoas: Lsoa[];
  streets: Street[];
  premises: Premises[];
  landmarks: Landmark[];
  postcodes: Postcode[];
  sites: Site[];
  /** Whether a point lies in the borough at least `margin` metres from its outline. */
  contains(point: XY, margin?: number): boolean;
  lsoaAt(point: XY): Lsoa | null;
}

// ---------------------------------------------------------------- LSOA cells

const GRID_SPACING = 850;
const GRID_EXTENT = 6000;

function wobblyEllipse(random: Random): (point: XY) => boolean {
  const phase1 = random.between(0, 2 * Math.PI);
  const phase2 = random.between(0, 2 * Math.PI);
  return ([px, py]) => {
    const theta = Math.atan2(py, px);
    const wobble = 1 + 0.1 * Math.sin(3 * theta + phase1) + 0.06 * Math.sin(5 * theta + phase2);
    return (px / (3750 * wobble)) ** 2 + (py / (3000 * wobble)) ** 2 <= 1;
  };
}

const edgeKey = (a: XY, b: XY) => `${a[0]},${a[1]}|${b[0]},${b[1]}`;
const canonicalEdge = (a: XY, b: XY): [XY, XY] => (a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? [a, b] : [b, a]);

/**
 * Points to insert between p and q (p, q in canonical order), bending the edge
 * twice over. The bend comes from a hash of the edge, so the two cells that
 * share it insert the very same points.
 */
function bendEdge(p: XY, q: XY, depth: number): XY[] {
  const length = distance(p, q);
  if (depth === 0 || length < 80) return [];
  const bend = createRandom(hashString(edgeKey(p, q))).between(-1, 1) * 0.12 * length;
  const middle: XY = [(p[0] + q[0]) / 2 - ((q[1] - p[1]) / length) * bend, (p[1] + q[1]) / 2 + ((q[0] - p[0]) / length) * bend];
  return [...bendEdge(p, middle, depth - 1), middle, ...bendEdge(middle, q, depth - 1)];
}

function bendRing(ring: readonly XY[]): Ring {
  const out: XY[] = [];
  for (let index = 0; index < ring.length - 1; index++) {
    const a = ring[index] as XY;
    const b = ring[index + 1] as XY;
    const [p, q] = canonicalEdge(a, b);
    const inserted = bendEdge(p, q, 2);
    out.push(a, ...(p === a ? inserted : inserted.reverse()));
  }
  out.push(out[0] as XY);
  return signedArea(out) > 0 ? out : out.reverse();
}

function voronoiCells(random: Random): Array<{ seed: XY; ring: Ring }> {
  const seeds: XY[] = [];
  for (let x = -GRID_EXTENT; x <= GRID_EXTENT; x += GRID_SPACING) {
    for (let y = -GRID_EXTENT; y <= GRID_EXTENT; y += GRID_SPACING) {
      seeds.push([x + random.between(-0.3, 0.3) * GRID_SPACING, y + random.between(-0.3, 0.3) * GRID_SPACING]);
    }
  }
  const inBorough = wobblyEllipse(random);
  // turf's Voronoi is planar (d3-voronoi), so metres go in as they are.
  const diagram = turf.voronoi(turf.featureCollection(seeds.map((seed) => turf.point([seed[0], seed[1]]))), {
    bbox: [-GRID_EXTENT - 2000, -GRID_EXTENT - 2000, GRID_EXTENT + 2000, GRID_EXTENT + 2000],
  });
  const cells: Array<{ seed: XY; ring: Ring }> = [];
  diagram.features.forEach((feature, index) => {
    const seed = seeds[index] as XY;
    if (!feature || !inBorough(seed)) return;
    const ring = (feature.geometry.coordinates[0] as number[][]).map(([x, y]) => [x, y] as XY);
    cells.push({ seed, ring: bendRing(ring) });
  });
  return cells;
}

/** k-means with farthest-point initialisation from a given first point: deterministic. */
function kMeans(points: readonly XY[], k: number, first: number): number[] {
  const centres: XY[] = [points[first] as XY];
  while (centres.length < k) {
    let best = 0;
    let bestDistance = -1;
    points.forEach((point, index) => {
      const nearest = Math.min(...centres.map((centre) => distance(point, centre)));
      if (nearest > bestDistance) [best, bestDistance] = [index, nearest];
    });
    centres.push(points[best] as XY);
  }
  let assignment: number[] = [];
  for (let iteration = 0; iteration < 50; iteration++) {
    assignment = points.map((point) => {
      let nearest = 0;
      centres.forEach((centre, index) => {
        if (distance(point, centre) < distance(point, centres[nearest] as XY)) nearest = index;
      });
      return nearest;
    });
    centres.forEach((_, index) => {
      const members = points.filter((__, pointIndex) => assignment[pointIndex] === index);
      if (members.length > 0) {
        centres[index] = [members.reduce((s, p) => s + p[0], 0) / members.length, members.reduce((s, p) => s + p[1], 0) / members.length];
      }
    });
  }
  return assignment;
}

const mean = (points: readonly XY[]): XY => [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
const northThenWest = (a: XY, b: XY) => b[1] - a[1] || a[0] - b[0];

const WARD_ANCHORS: Array<[string, XY]> = [
  ['Northbrook Central', NORTH_CENTRE],
  ['Southmere', SOUTH_CENTRE],
  ['Fenwick Green', [1800, 1300]],
  ['Thornleigh', [2300, -900]],
  ['Ashgrove', [-2200, 800]],
  ['Kingsmead', [-1800, -1300]],
  ['Brookside', [-300, 2600]],
];

function buildLsoas(random: Random): Lsoa[] {
  const cells = voronoiCells(random.fork('cells'));
  const seeds = cells.map((cell) => cell.seed);
  const northernmost = seeds.indexOf([...seeds].sort(northThenWest)[0] as XY);
  const westernmost = seeds.indexOf([...seeds].sort((a, b) => a[0] - b[0])[0] as XY);

  // MSOAs: 8 clusters numbered north to south, as ONS numbers them.
  const msoaOf = kMeans(seeds, 8, northernmost);
  const msoaOrder = [...new Set(msoaOf)]
    .map((cluster) => ({ cluster, centre: mean(seeds.filter((_, index) => msoaOf[index] === cluster)) }))
    .sort((a, b) => northThenWest(a.centre, b.centre))
    .map(({ cluster }) => cluster);

  // Wards: 7 clusters named after the nearest anchor, greedily by distance.
  const wardOf = kMeans(seeds, WARD_ANCHORS.length, westernmost);
  const wardCentres = new Map([...new Set(wardOf)].map((cluster) => [cluster, mean(seeds.filter((_, index) => wardOf[index] === cluster))] as const));
  const pairs = [...wardCentres].flatMap(([cluster, centre]) => WARD_ANCHORS.map(([name, anchor]) => ({ cluster, name, d: distance(centre, anchor) })));
  pairs.sort((a, b) => a.d - b.d);
  const wardName = new Map<number, string>();
  const usedNames = new Set<string>();
  for (const pair of pairs) {
    if (wardName.has(pair.cluster) || usedNames.has(pair.name)) continue;
    wardName.set(pair.cluster, pair.name);
    usedNames.add(pair.name);
  }
  const wardNames = [...usedNames].sort();
  const wardCode = (name: string) => `E05999${String(wardNames.indexOf(name) + 1).padStart(3, '0')}`;

  const population = random.fork('population');
  const named = cells.map((cell, index) => {
    const msoaNumber = msoaOrder.indexOf(msoaOf[index] as number) + 1;
    return { cell, index, msoaNumber, ward: wardName.get(wardOf[index] as number) as string };
  });
  const lsoas: Lsoa[] = [];
  for (let msoaNumber = 1; msoaNumber <= msoaOrder.length; msoaNumber++) {
    const members = named.filter((entry) => entry.msoaNumber === msoaNumber).sort((a, b) => northThenWest(a.cell.seed, b.cell.seed));
    members.forEach((entry, position) => {
      const msoaName = `${BOROUGH.name} ${String(msoaNumber).padStart(3, '0')}`;
      lsoas.push({
        seed: entry.cell.seed,
        ring: entry.cell.ring,
        properties: {
          LSOA21CD: '',
          LSOA21NM: `${msoaName}${String.fromCharCode(65 + position)}`,
          MSOA21CD: `E02999${String(msoaNumber).padStart(3, '0')}`,
          MSOA21NM: msoaName,
          LAD22CD: BOROUGH.code,
          LAD22NM: BOROUGH.name,
          WD23CD: wardCode(entry.ward),
          WD23NM: entry.ward,
          USUALRES: population.integer(1250, 2350),
        },
      });
    });
  }
  lsoas.sort((a, b) => (a.properties.LSOA21NM < b.properties.LSOA21NM ? -1 : 1));
  lsoas.forEach((lsoa, index) => (lsoa.properties.LSOA21CD = `E01999${String(index + 1).padStart(3, '0')}`));
  return lsoas;
}

/** Edges that belong to one cell only: the borough outline. */
function outlineEdges(lsoas: readonly Lsoa[]): Array<[XY, XY]> {
  const count = new Map<string, { edge: [XY, XY]; uses: number }>();
  for (const lsoa of lsoas) {
    for (let index = 0; index < lsoa.ring.length - 1; index++) {
      const edge = canonicalEdge(lsoa.ring[index] as XY, lsoa.ring[index + 1] as XY);
      const key = edgeKey(...edge);
      const entry = count.get(key);
      if (entry) entry.uses++;
      else count.set(key, { edge, uses: 1 });
    }
  }
  return [...count.values()].filter((entry) => entry.uses === 1).map((entry) => entry.edge);
}

// ---------------------------------------------------------------- streets

interface StreetSpec {
  name: string;
  line: XY[];
}

const at = (centre: XY, dx: number, dy: number): XY => [centre[0] + dx, centre[1] + dy];

/** The main roads, by hand: two town centres, each with its own High Road and Station Road. */
const MAIN_ROADS: StreetSpec[] = [
  { name: 'High Road', line: [at(NORTH_CENTRE, -800, -350), at(NORTH_CENTRE, -250, -80), at(NORTH_CENTRE, 250, 90), at(NORTH_CENTRE, 850, 330)] },
  { name: 'Station Road', line: [at(NORTH_CENTRE, 10, -60), at(NORTH_CENTRE, -60, 300), at(NORTH_CENTRE, -40, 690)] },
  { name: 'Market Street', line: [at(NORTH_CENTRE, -400, -450), at(NORTH_CENTRE, -370, -100), at(NORTH_CENTRE, -330, 250)] },
  { name: 'Church Street', line: [at(NORTH_CENTRE, 450, -300), at(NORTH_CENTRE, 480, 100), at(NORTH_CENTRE, 520, 500)] },
  { name: 'High Road', line: [at(SOUTH_CENTRE, -750, -100), at(SOUTH_CENTRE, -300, -20), at(SOUTH_CENTRE, 300, 20), at(SOUTH_CENTRE, 850, 150)] },
  { name: 'Station Road', line: [at(SOUTH_CENTRE, 200, 60), at(SOUTH_CENTRE, 230, -300), at(SOUTH_CENTRE, 250, -650)] },
  { name: 'Broadway', line: [at(SOUTH_CENTRE, -450, -350), at(SOUTH_CENTRE, -440, 0), at(SOUTH_CENTRE, -420, 400)] },
  { name: 'Northbrook Road', line: [[-700, 2300], [-450, 1150], [-50, 0], [380, -1380], [450, -2400]] },
  { name: 'London Road', line: [[-3000, -250], [-1200, -400], [800, -250], [2900, -450]] },
  { name: 'Kingsway', line: [[1800, 1800], [1700, 0], [1900, -1800]] },
  { name: 'Mill Lane', line: [[-2200, 1500], [-1900, -100], [-2000, -800]] },
  { name: 'Fenwick Road', line: [[700, 2100], [1700, 1300], [2600, 900]] },
  { name: "St Mary's Road", line: [[-1500, 700], [-300, 500], [0, 450]] },
];

const LOCAL_STREET_NAMES = [
  'Acacia Avenue', 'Alder Close', 'Ashby Road', 'Beech Grove', 'Birch Crescent', 'Bramble Way', 'Cedar Road', 'Chestnut Avenue',
  'Clover Drive', 'Coleridge Road', 'Darwin Close', 'Dorset Gardens', 'Elm Road', 'Fairfield Road', 'Farm Lane', 'Foxglove Close',
  'Gladstone Street', 'Grange Road', 'Hawthorn Avenue', 'Hazel Grove', 'Holly Lane', 'Ivy Terrace', 'Juniper Way', 'Kestrel Close',
  'Laburnum Grove', 'Larch Drive', 'Linden Avenue', 'Maple Crescent', 'Meadow Way', 'Milton Road', 'Nelson Street', 'Newton Street',
  'Oak Lane', 'Orchard Road', 'Park Road', 'Poplar Avenue', 'Primrose Gardens', 'Queen Street', 'Rowan Close', 'Sandringham Road',
  'Shelley Avenue', "St John's Road", 'Sycamore Road', 'Tennyson Road', 'Victoria Road', 'Willow Walk', 'Wordsworth Road',
];

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Pulls the ends of a road in until they sit inside the borough, margin metres from its edge. */
function fitInside(line: XY[], contains: (point: XY, margin: number) => boolean, name: string): XY[] {
  const fitted = [...line];
  for (const end of [0, fitted.length - 1]) {
    const inner = fitted[end === 0 ? 1 : fitted.length - 2] as XY;
    let point = fitted[end] as XY;
    for (let step = 0; step < 40 && !contains(point, 80); step++) point = [point[0] + (inner[0] - point[0]) * 0.05, point[1] + (inner[1] - point[1]) * 0.05];
    fitted[end] = point;
  }
  if (!fitted.every((point) => contains(point, 80))) throw new Error(`Street ${name} does not fit inside the borough; change its vertices`);
  return fitted;
}

function buildStreets(random: Random, contains: (point: XY, margin: number) => boolean): Street[] {
  const streets: Street[] = [];
  const seenIds = new Map<string, number>();
  const add = (name: string, line: XY[], roadClass: Street['roadClass']) => {
    const base = `nbk-st-${slug(name)}`;
    const n = (seenIds.get(base) ?? 0) + 1;
    seenIds.set(base, n);
    streets.push({ id: n === 1 ? base : `${base}-${n}`, name, roadClass, line });
  };
  for (const spec of MAIN_ROADS) add(spec.name, fitInside(spec.line, contains, spec.name), 'main');

  // Residential streets: short, gently bent, anywhere in the borough, not on top of another street.
  for (const name of LOCAL_STREET_NAMES) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 500) throw new Error(`No room found for ${name}`);
      const start: XY = [random.between(-3800, 3800), random.between(-3100, 3100)];
      const heading = random.between(0, Math.PI);
      const length = random.between(250, 520);
      const bend = random.between(-0.35, 0.35);
      const middle: XY = [start[0] + Math.cos(heading) * length * 0.5, start[1] + Math.sin(heading) * length * 0.5];
      const end: XY = [middle[0] + Math.cos(heading + bend) * length * 0.5, middle[1] + Math.sin(heading + bend) * length * 0.5];
      const line = [start, middle, end];
      if (!line.every((point) => contains(point, 80))) continue;
      if (streets.some((other) => line.some((point) => distanceToPolyline(point, other.line) < 120))) continue;
      add(name, line, 'local');
      break;
    }
  }
  return streets;
}

// ---------------------------------------------------------------- premises and landmarks

interface PremisesSpec {
  name: string;
  type: PremisesType;
  brand?: string;
  /** Street name, and which of two same-named streets: 'north' or 'south'. */
  street: string;
  centre?: 'north' | 'south';
  share: number;
}

const PREMISES: PremisesSpec[] = [
  { name: 'The Moon Under Water', type: 'pub', brand: 'Wetherspoon', street: 'High Road', centre: 'north', share: 0.42 },
  { name: 'The Crown', type: 'pub', street: 'High Road', centre: 'north', share: 0.2 },
  { name: "McDonald's", type: 'takeaway', brand: "McDonald's", street: 'High Road', centre: 'north', share: 0.55 },
  { name: 'Vibe Nightclub', type: 'nightclub', street: 'High Road', centre: 'north', share: 0.65 },
  { name: 'Bar Sol', type: 'bar', street: 'High Road', centre: 'north', share: 0.5 },
  { name: 'Northbrook Wines', type: 'off_licence', street: 'High Road', centre: 'north', share: 0.3 },
  { name: 'Best Kebab', type: 'takeaway', street: 'High Road', centre: 'north', share: 0.72 },
  { name: 'Golden Dragon', type: 'takeaway', street: 'High Road', centre: 'north', share: 0.8 },
  { name: 'The Red Lion', type: 'pub', street: 'High Road', centre: 'north', share: 0.9 },
  { name: 'The Railway Tavern', type: 'pub', street: 'Station Road', centre: 'north', share: 0.85 },
  { name: 'Station Kebab House', type: 'takeaway', street: 'Station Road', centre: 'north', share: 0.7 },
  { name: 'KFC', type: 'takeaway', brand: 'KFC', street: 'Station Road', centre: 'north', share: 0.3 },
  { name: 'Bargain Booze', type: 'off_licence', brand: 'Bargain Booze', street: 'Station Road', centre: 'north', share: 0.5 },
  { name: 'The Signal Box', type: 'bar', street: 'Station Road', centre: 'north', share: 0.95 },
  { name: 'The White Hart', type: 'pub', street: 'Market Street', share: 0.3 },
  { name: 'Market Tavern', type: 'pub', street: 'Market Street', share: 0.7 },
  { name: 'Pizza Palace', type: 'takeaway', street: 'Market Street', share: 0.55 },
  { name: 'The Bell', type: 'pub', street: 'Church Street', share: 0.6 },
  { name: 'The Crown', type: 'pub', street: 'High Road', centre: 'south', share: 0.75 },
  { name: 'The Southmere Arms', type: 'pub', street: 'High Road', centre: 'south', share: 0.45 },
  { name: 'Club Neon', type: 'nightclub', street: 'High Road', centre: 'south', share: 0.55 },
  { name: 'Southmere Food & Wine', type: 'off_licence', street: 'High Road', centre: 'south', share: 0.35 },
  { name: 'Chicken Spot', type: 'takeaway', street: 'High Road', centre: 'south', share: 0.6 },
  { name: "The King's Head", type: 'pub', street: 'High Road', centre: 'south', share: 0.2 },
  { name: 'Bar Twelve', type: 'bar', street: 'High Road', centre: 'south', share: 0.5 },
  { name: 'Best Kebab', type: 'takeaway', street: 'High Road', centre: 'south', share: 0.66 },
  { name: "McDonald's", type: 'takeaway', brand: "McDonald's", street: 'Station Road', centre: 'south', share: 0.3 },
  { name: 'The Station Hotel', type: 'pub', street: 'Station Road', centre: 'south', share: 0.85 },
  { name: "Domino's Pizza", type: 'takeaway', brand: "Domino's", street: 'Station Road', centre: 'south', share: 0.55 },
  { name: 'The Black Horse', type: 'pub', street: 'Broadway', share: 0.4 },
  { name: 'Broadway Off Licence', type: 'off_licence', street: 'Broadway', share: 0.6 },
  { name: 'Roma Restaurant', type: 'restaurant', street: 'Broadway', share: 0.75 },
  { name: 'The Plough', type: 'pub', street: 'London Road', share: 0.3 },
  { name: 'Kingsway Social Club', type: 'bar', street: 'Kingsway', share: 0.45 },
  { name: 'The Brook Inn', type: 'pub', street: 'Northbrook Road', share: 0.35 },
  { name: "The Miller's Arms", type: 'pub', street: 'Mill Lane', share: 0.5 },
  { name: 'The Fenwick', type: 'pub', street: 'Fenwick Road', share: 0.6 },
  { name: 'Happy Garden', type: 'takeaway', street: 'Fenwick Road', share: 0.4 },
  { name: 'Londis', type: 'off_licence', brand: 'Londis', street: 'London Road', share: 0.72 },
  { name: 'Oceans Nightclub', type: 'nightclub', street: 'London Road', share: 0.52 },
];

interface LandmarkSpec {
  name: string;
  type: string;
  place: XY | { street: string; centre?: 'north' | 'south'; share: number; offset: number };
}

const LANDMARKS: LandmarkSpec[] = [
  { name: 'Northbrook Station', type: 'rail_or_tube_station', place: { street: 'Station Road', centre: 'north', share: 1, offset: 40 } },
  { name: 'Southmere Station', type: 'rail_or_tube_station', place: { street: 'Station Road', centre: 'south', share: 1, offset: 40 } },
  { name: 'Kingsmead Station', type: 'rail_or_tube_station', place: { street: 'London Road', share: 0.2, offset: 45 } },
  { name: 'Northbrook Bus Station', type: 'bus_station', place: { street: 'High Road', centre: 'north', share: 0.6, offset: -60 } },
  { name: 'Brookside Shopping Centre', type: 'shopping_centre', place: at(NORTH_CENTRE, 160, -170) },
  { name: 'Ashgrove Park', type: 'park', place: [-2000, 500] },
  { name: 'Kingsmead Recreation Ground', type: 'park', place: [-1500, -1250] },
  { name: 'Northbrook Academy', type: 'school', place: [1150, 1950] },
  { name: "St Anne's CE Primary School", type: 'school', place: [-1000, 1800] },
  { name: 'Southmere Primary School', type: 'school', place: [1300, -2000] },
  { name: 'Thornleigh High School', type: 'school', place: [2300, -400] },
  { name: 'Northbrook Leisure Centre', type: 'leisure_centre', place: [900, 600] },
  { name: 'Northbrook', type: 'place_town', place: NORTH_CENTRE },
  { name: 'Southmere', type: 'place_town', place: SOUTH_CENTRE },
  { name: 'Fenwick Green', type: 'place_suburb', place: [1500, 1100] },
  { name: 'Thornleigh', type: 'place_suburb', place: [2200, -800] },
  { name: 'Ashgrove', type: 'place_suburb', place: [-2300, 900] },
  { name: 'Kingsmead', type: 'place_suburb', place: [-1800, -700] },
];

/** The two EDs: one in the borough, one just over its south-east edge. */
const SITES: Array<{ code: string; name: string; point: XY; inside: boolean }> = [
  { code: 'RX1AA', name: 'Northbrook General Hospital', point: [-1200, 300], inside: true },
  { code: 'RX2BB', name: 'Easthaven Royal Infirmary', point: [2600, -4300], inside: false },
];

function findStreet(streets: readonly Street[], name: string, centre?: 'north' | 'south'): Street {
  const candidates = streets.filter((street) => street.name === name);
  if (candidates.length === 0) throw new Error(`Unknown street in a spec: ${name}`);
  if (!centre) return candidates[0] as Street;
  const target = centre === 'north' ? NORTH_CENTRE : SOUTH_CENTRE;
  return [...candidates].sort((a, b) => distanceToPolyline(target, a.line) - distanceToPolyline(target, b.line))[0] as Street;
}

function besideStreet(street: Street, share: number, offset: number): XY {
  const { point, direction } = alongPolyline(street.line, share);
  return [point[0] - direction[1] * offset, point[1] + direction[0] * offset];
}

// ---------------------------------------------------------------- postcodes

const DISTRICTS: Array<[string, XY]> = [
  ['NB1', NORTH_CENTRE],
  ['NB2', [-2300, 1300]],
  ['NB3', [2300, 1500]],
  ['NB4', SOUTH_CENTRE],
  ['NB5', [-2300, -1300]],
  ['NB6', [2500, -1600]],
];
/** Letters Royal Mail uses in the inward code (never C, I, K, M, O or V). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function buildPostcodes(random: Random, lsoas: readonly Lsoa[], streets: readonly Street[], lsoaAt: (p: XY) => Lsoa | null): Postcode[] {
  const candidates: XY[] = [];
  // Postcodes sit along streets (where the letterboxes are) and scattered through every LSOA.
  for (const street of streets) {
    const count = street.roadClass === 'main' ? Math.max(3, Math.round(polylineLength(street.line) / 250)) : 2;
    for (let index = 0; index < count; index++) candidates.push(besideStreet(street, (index + 0.5) / count, random.pick([-22, 22])));
  }
  for (const lsoa of lsoas) {
    const xs = lsoa.ring.map((p) => p[0]);
    const ys = lsoa.ring.map((p) => p[1]);
    for (let placed = 0, attempt = 0; placed < 5 && attempt < 400; attempt++) {
      const point: XY = [random.between(Math.min(...xs), Math.max(...xs)), random.between(Math.min(...ys), Math.max(...ys))];
      if (!ringContains(lsoa.ring, point)) continue;
      candidates.push(point);
      placed++;
    }
  }
  const usedUnits = new Map<string, Set<string>>();
  const postcodes: Postcode[] = [];
  for (const point of candidates) {
    const lsoa = lsoaAt(point);
    if (!lsoa) continue;
    const boundaryDistance = distanceToRing(point, lsoa.ring);
    // Like filtering shared/data on lsoa21_boundary_dist_m >= 20: no postcode sits on an LSOA edge.
    if (boundaryDistance < 20) continue;
    const district = [...DISTRICTS].sort((a, b) => distance(point, a[1]) - distance(point, b[1]))[0]![0];
    const sectorLsoas = lsoas.filter((other) => DISTRICTS.slice().sort((a, b) => distance(other.seed, a[1]) - distance(other.seed, b[1]))[0]![0] === district);
    const sector = (Math.max(0, sectorLsoas.indexOf(lsoa)) % 9) + 1;
    const outwardAndSector = `${district} ${sector}`;
    const used = usedUnits.get(outwardAndSector) ?? new Set<string>();
    usedUnits.set(outwardAndSector, used);
    let unit: string;
    do unit = random.pick([...INWARD_LETTERS]) + random.pick([...INWARD_LETTERS]);
    while (used.has(unit));
    used.add(unit);
    postcodes.push({ postcode: `${outwardAndSector}${unit}`, point, lsoa, boundaryDistance });
  }
  return postcodes.sort((a, b) => (a.postcode < b.postcode ? -1 : 1));
}

function distanceToRing(point: XY, ring: readonly XY[]): number {
  let best = Infinity;
  for (let index = 0; index < ring.length - 1; index++) best = Math.min(best, distanceToSegment(point, ring[index] as XY, ring[index + 1] as XY));
  return best;
}

// ---------------------------------------------------------------- the whole area

export function buildArea(random: Random): Area {
  const plane = createLocalPlane(AREA_ORIGIN.longitude, AREA_ORIGIN.latitude);
  const lsoas = buildLsoas(random.fork('lsoas'));
  const outline = outlineEdges(lsoas);
  const lsoaAt = (point: XY) => lsoas.find((lsoa) => ringContains(lsoa.ring, point)) ?? null;
  const contains = (point: XY, margin = 0) => lsoaAt(point) !== null && outline.every(([a, b]) => distanceToSegment(point, a, b) >= margin);

  const streets = buildStreets(random.fork('streets'), contains);
  const postcodes = buildPostcodes(random.fork('postcodes'), lsoas, streets, lsoaAt);

  const premisesRandom = random.fork('premises');
  const premises = PREMISES.map((spec, index): Premises => {
    const street = findStreet(streets, spec.street, spec.centre);
    const point = besideStreet(street, spec.share, premisesRandom.pick([-18, 18]));
    if (!contains(point, 10)) throw new Error(`Premises ${spec.name} falls outside the borough`);
    const nearest = [...postcodes].sort((a, b) => distance(point, a.point) - distance(point, b.point))[0] as Postcode;
    return {
      id: `nbk-prem-${String(index + 1).padStart(3, '0')}-${slug(spec.name)}`,
      name: spec.name,
      premisesType: spec.type,
      brand: spec.brand ?? null,
      houseNumber: String(premisesRandom.integer(1, 240)),
      streetId: street.id,
      street: street.name,
      postcode: nearest.postcode,
      point,
    };
  });

  const landmarks = LANDMARKS.map((spec): Landmark => {
    const point = Array.isArray(spec.place)
      ? (spec.place as XY)
      : (() => {
          const place = spec.place as Exclude<LandmarkSpec['place'], XY>;
          return besideStreet(findStreet(streets, place.street, place.centre), place.share, place.offset);
        })();
    if (!contains(point, 30)) throw new Error(`Landmark ${spec.name} falls outside the borough`);
    return { id: `nbk-lm-${slug(spec.name)}`, name: spec.name, landmarkType: spec.type, point };
  });

  for (const site of SITES) {
    if (contains(site.point) !== site.inside) throw new Error(`Site ${site.code} should be ${site.inside ? 'inside' : 'outside'} the borough`);
  }

  return { plane, lsoas, streets, premises, landmarks, postcodes, sites: SITES.map(({ code, name, point }) => ({ code, name, point })), contains, lsoaAt };
}

// ---------------------------------------------------------------- writing it out in shared/data's formats

/** One feature per line: valid GeoJSON that diffs readably in git. */
function featureCollectionText(name: string, extra: Record<string, unknown>, features: unknown[]): string {
  const head = JSON.stringify({ type: 'FeatureCollection', name, ...extra });
  return `${head.slice(0, -1)},"features":[\n${features.map((feature) => JSON.stringify(feature)).join(',\n')}\n]}\n`;
}

const FSA_CATEGORY: Record<PremisesType, string> = {
  pub: 'pub_bar_nightclub',
  bar: 'pub_bar_nightclub',
  nightclub: 'pub_bar_nightclub',
  takeaway: 'takeaway',
  off_licence: 'retail_other',
  restaurant: 'restaurant_cafe',
};

const SYNTHETIC_NOTE = 'Synthetic: generated by sample-data/generate.ts for the fictional borough of Northbrook. Not real data.';

export function areaFiles(area: Area): Record<string, string> {
  const { plane } = area;
  const lsoaFeatures = area.lsoas.map((lsoa) => ({
    type: 'Feature',
    properties: lsoa.properties,
    geometry: { type: 'Polygon', coordinates: [lsoa.ring.map((point) => plane.toLonLat(point))] },
  }));
  const wardOf = (lsoa: Lsoa) => ({ ward23cd: lsoa.properties.WD23CD, ward23nm: lsoa.properties.WD23NM });
  const where = (point: XY) => {
    const lsoa = area.lsoaAt(point) as Lsoa;
    return { lsoa21cd: lsoa.properties.LSOA21CD, lsoa21nm: lsoa.properties.LSOA21NM, ...wardOf(lsoa) };
  };

  const postcodeHeader =
    'postcode,latitude,longitude,easting,northing,positional_quality,lad_code,lad_name,ward_code,ward_name,lsoa21cd,lsoa21nm,msoa21cd,msoa21nm,lsoa21_lad,lsoa21_method,lsoa21_boundary_dist_m,lsoa11cd,lsoa11nm,lsoa11_method';
  const postcodeRows = area.postcodes.map(({ postcode, point, lsoa, boundaryDistance }) => {
    const [longitude, latitude] = plane.toLonLat(point);
    // Code-Point publishes whole metres.
    const [easting, northing] = wgs84ToGrid(longitude, latitude).map(Math.round) as [number, number];
    const p = lsoa.properties;
    // The fictional borough's LSOAs did not change in 2021, so the 2011 columns repeat the 2021 ones.
    return [postcode, latitude.toFixed(6), longitude.toFixed(6), easting, northing, 10, p.LAD22CD, p.LAD22NM, p.WD23CD, p.WD23NM, p.LSOA21CD, p.LSOA21NM, p.MSOA21CD, p.MSOA21NM, p.LAD22CD, 'within', Math.round(boundaryDistance), p.LSOA21CD, p.LSOA21NM, 'within'].join(',');
  });

  const premisesFeatures = area.premises.map((premises) => ({
    type: 'Feature',
    properties: {
      id: premises.id,
      name: premises.name,
      premises_type: premises.premisesType,
      // The FSA food-hygiene category too, as shared/data's FHRS premises carry it.
      premises_category: FSA_CATEGORY[premises.premisesType],
      ...(premises.brand ? { brand: premises.brand } : {}),
      'addr:housenumber': premises.houseNumber,
      'addr:street': premises.street,
      'addr:postcode': premises.postcode,
      street_id: premises.streetId,
      ...where(premises.point),
    },
    geometry: { type: 'Point', coordinates: plane.toLonLat(premises.point) },
  }));

  const streetFeatures = area.streets.map((street) => ({
    type: 'Feature',
    properties: { id: street.id, name: street.name, name_key: street.name.toLowerCase().replace(/['’.]/g, ''), road_class: street.roadClass },
    geometry: { type: 'LineString', coordinates: street.line.map((point) => plane.toLonLat(point)) },
  }));

  const landmarkFeatures = area.landmarks.map((landmark) => ({
    type: 'Feature',
    properties: { id: landmark.id, name: landmark.name, landmark_type: landmark.landmarkType, ...where(landmark.point) },
    geometry: { type: 'Point', coordinates: plane.toLonLat(landmark.point) },
  }));

  const siteRows = area.sites.map((site) => {
    const [longitude, latitude] = plane.toLonLat(site.point);
    return `${site.code},${site.name},${longitude.toFixed(6)},${latitude.toFixed(6)}`;
  });

  // Declared terms travel into the gazetteer and the packs' attribution: synthetic data claims no publisher's licence.
  const note = { description: SYNTHETIC_NOTE, licence: 'None: synthetic data', attribution: 'Synthetic sample data generated by istv for the fictional borough of Northbrook; not real data.' };
  return {
    'area/lsoa.geojson': featureCollectionText('lsoa_2021_northbrook', note, lsoaFeatures),
    'area/postcodes.csv': [postcodeHeader, ...postcodeRows].join('\n') + '\n',
    'area/premises.geojson': featureCollectionText('licensed_premises_northbrook', note, premisesFeatures),
    'area/streets.geojson': featureCollectionText('streets_northbrook', note, streetFeatures),
    'area/landmarks.geojson': featureCollectionText('landmarks_northbrook', note, landmarkFeatures),
    'area/sites.csv': ['site_code,name,longitude,latitude', ...siteRows].join('\n') + '\n',
  };
}
