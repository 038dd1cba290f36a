/**
 * The places reception staff can name, read back from the area files as they
 * are written to disk. The extract generator and the large-extract writer both
 * draw location text from here, so whatever they write names places the
 * gazetteer built from area/ knows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LocationTypeCategory } from '../../schemas/code-lists.ts';
import { polylineIntersection, type XY } from './planar.ts';

export type LonLat = readonly [number, number];

export interface VocabularyPremises {
  name: string;
  premisesType: string;
  brand: string | null;
  street: string;
  postcode: string;
  lonLat: LonLat;
}

export interface VocabularyStreet {
  name: string;
  roadClass: string;
  /** Midpoint vertex, for distance weighting. */
  lonLat: LonLat;
  line: LonLat[];
}

export interface VocabularyLandmark {
  name: string;
  landmarkType: string;
  lonLat: LonLat;
}

export interface VocabularyJunction {
  first: string;
  second: string;
  lonLat: LonLat;
}

export interface Vocabulary {
  premises: VocabularyPremises[];
  streets: VocabularyStreet[];
  landmarks: VocabularyLandmark[];
  junctions: VocabularyJunction[];
  postcodes: Array<{ postcode: string; lonLat: LonLat }>;
}

export interface AreaTexts {
  premises: string;
  streets: string;
  landmarks: string;
  postcodes: string;
}

interface PointFeature {
  properties: Record<string, unknown>;
  geometry: { type: 'Point'; coordinates: [number, number] };
}
interface LineFeature {
  properties: Record<string, unknown>;
  geometry: { type: 'LineString'; coordinates: [number, number][] };
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function vocabularyFromAreaTexts(area: AreaTexts): Vocabulary {
  const premises = (JSON.parse(area.premises).features as PointFeature[]).map((feature) => ({
    name: text(feature.properties.name),
    premisesType: text(feature.properties.premises_type),
    brand: text(feature.properties.brand) || null,
    street: text(feature.properties['addr:street']),
    postcode: text(feature.properties['addr:postcode']),
    lonLat: feature.geometry.coordinates,
  }));
  const streets = (JSON.parse(area.streets).features as LineFeature[]).map((feature) => {
    const line = feature.geometry.coordinates;
    return {
      name: text(feature.properties.name),
      roadClass: text(feature.properties.road_class),
      lonLat: line[Math.floor(line.length / 2)] as LonLat,
      line,
    };
  });
  const landmarks = (JSON.parse(area.landmarks).features as PointFeature[]).map((feature) => ({
    name: text(feature.properties.name),
    landmarkType: text(feature.properties.landmark_type),
    lonLat: feature.geometry.coordinates,
  }));
  const junctions: VocabularyJunction[] = [];
  streets.forEach((first, index) => {
    for (const second of streets.slice(index + 1)) {
      if (first.name === second.name) continue;
      const crossing = polylineIntersection(first.line as XY[], second.line as XY[]);
      if (crossing) junctions.push({ first: first.name, second: second.name, lonLat: crossing });
    }
  });
  const [header, ...rows] = area.postcodes.trim().split('\n');
  const columns = (header ?? '').split(',');
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`postcodes.csv has no ${name} column; columns are ${columns.join(',')}`);
    return index;
  };
  const [postcodeColumn, longitudeColumn, latitudeColumn] = [at('postcode'), at('longitude'), at('latitude')];
  const postcodes = rows.map((row) => {
    const cells = row.split(',');
    return { postcode: cells[postcodeColumn] as string, lonLat: [Number(cells[longitudeColumn]), Number(cells[latitudeColumn])] as LonLat };
  });
  return { premises, streets, landmarks, junctions, postcodes };
}

/** The vocabulary of the committed area files in `areaDirectory` (normally sample-data/area). */
export function readVocabulary(areaDirectory: string): Vocabulary {
  const read = (name: string) => readFileSync(path.join(areaDirectory, name), 'utf8');
  return vocabularyFromAreaTexts({
    premises: read('premises.geojson'),
    streets: read('streets.geojson'),
    landmarks: read('landmarks.geojson'),
    postcodes: read('postcodes.csv'),
  });
}

/** The location type a premises of this kind is recorded under. */
export function locationTypeOfPremises(premisesType: string): LocationTypeCategory {
  return ['pub', 'bar', 'nightclub'].includes(premisesType) ? 'licensed_premises' : 'other_commercial';
}

/** Distance in metres between two WGS84 points (equirectangular: fine at borough scale). */
export function metresBetween(a: LonLat, b: LonLat): number {
  const latitude = ((a[1] + b[1]) / 2) * (Math.PI / 180);
  return Math.hypot((a[0] - b[0]) * 111_320 * Math.cos(latitude), (a[1] - b[1]) * 110_574);
}
