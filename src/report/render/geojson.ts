/**
 * GeoJSON for GIS users (QGIS opens these as they are): police records as
 * points, and LSOA polygons carrying a protected value. Coordinates are WGS84
 * as RFC 7946 requires; title and method statement go in foreign members,
 * which GIS readers ignore and people reading the file see.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { PoliceRecord } from '../../aggregate/records.ts';
import { lsoaCodeOf, type LsoaBoundaries } from '../area.ts';
import type { MapValue } from './map.ts';

interface Described {
  name: string;
  title: string;
  method_statement: string;
}

export function policeRecordsGeoJson(records: PoliceRecord[], description: Described): string {
  const features: Feature<Point>[] = records
    .filter((record) => record.longitude !== null && record.latitude !== null)
    .map((record) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(record.longitude!.toFixed(6)), Number(record.latitude!.toFixed(6))] },
      properties: policeRecordProperties(record),
    }));
  const collection: FeatureCollection<Point> & Described = { type: 'FeatureCollection', ...description, features };
  return `${JSON.stringify(collection)}\n`;
}

/** The columns of the police extract, shared by the CSV and the GeoJSON. */
export function policeRecordProperties(record: PoliceRecord): Record<string, string | number | null> {
  return {
    ref: record.ref,
    assault_date: record.assaultDate,
    assault_hour: record.assaultHour,
    weekday: record.weekday,
    weapon: record.weapon,
    location_type: record.locationType,
    geocode_outcome: record.geocodeOutcome,
    place_name: record.placeName,
    lsoa_code: record.lsoaCode,
    ward_code: record.wardCode,
  };
}

/** LSOA polygons with the protected value shown on the map (and a rate, where given). */
export function lsoaValuesGeoJson(boundaries: LsoaBoundaries, values: Map<string, MapValue>, description: Described, rates?: Map<string, MapValue>): string {
  const features = boundaries.features.map((feature, index) => {
    const code = lsoaCodeOf(feature, index);
    const entry = values.get(code);
    const rate = rates?.get(code);
    return {
      type: 'Feature' as const,
      geometry: feature.geometry,
      properties: {
        lsoa_code: code,
        lsoa_label: entry?.label ?? code,
        value: entry?.value ?? null,
        display: entry?.display ?? null,
        ...(rates ? { rate_per_1000: rate?.value ?? null, rate_display: rate?.display ?? null } : {}),
      },
    };
  });
  return `${JSON.stringify({ type: 'FeatureCollection', ...description, features })}\n`;
}
