/**
 * Where each gazetteer input came from and under what terms, so that every
 * output built on it can carry the attribution its licence requires.
 *
 * A source's terms are, in order: what the file declares about itself (a
 * GeoJSON FeatureCollection's `attribution` and `licence` members, as ONS,
 * FSA and OSM extracts and istv's own sample data carry them); else what its
 * recognised format says about its publisher (ONS boundaries, OS Code-Point
 * Open, the ONS Postcode Directory, OS Open Names, the FSA register,
 * OpenStreetMap tags); else nothing, and the report says that the terms of
 * that file are not recorded rather than invent them.
 */
import { readFileSync } from 'node:fs';

export interface Licence {
  id: 'OGL-UK-3.0' | 'ODbL-1.0';
  name: string;
  url: string;
}

export const OGL: Licence = { id: 'OGL-UK-3.0', name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' };
export const ODBL: Licence = { id: 'ODbL-1.0', name: 'Open Database Licence 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' };

/** The statements each publisher's licence asks for, as the publishers word them ("YYYY" is the data's year). */
export const STATEMENTS = {
  ons: 'Source: Office for National Statistics licensed under the Open Government Licence v.3.0.',
  os: 'Contains OS data © Crown copyright and database right YYYY.',
  royalMail: 'Contains Royal Mail data © Royal Mail copyright and database right YYYY.',
  nationalStatistics: 'Contains National Statistics data © Crown copyright and database right YYYY.',
  osm: '© OpenStreetMap contributors, available under the Open Database Licence (https://www.openstreetmap.org/copyright).',
  fsa: 'Contains public sector information licensed under the Open Government Licence v3.0. Source: Food Standards Agency, Food Hygiene Rating Scheme open data.',
  policeUk: 'Contains public sector information licensed under the Open Government Licence v3.0. Source: data.police.uk.',
} as const;

export interface DeclaredProvenance {
  attribution?: string;
  licence?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * What a GeoJSON file says about its own terms, or what its features show of
 * their publisher (OpenStreetMap ids and tags; FSA register ids). Other files
 * (CSV) declare nothing here: their format is their provenance.
 */
export function declaredProvenance(filePath: string): DeclaredProvenance {
  if (!/\.(geo)?json$/i.test(filePath)) return {};
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(readFileSync(filePath, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
  const attribution = text(document.attribution);
  const licence = text(document.licence) ?? text(document.license);
  if (attribution || licence) return { ...(attribution ? { attribution } : {}), ...(licence ? { licence } : {}) };
  const features = Array.isArray(document.features) ? (document.features as Array<{ id?: unknown; properties?: Record<string, unknown> | null }>).slice(0, 50) : [];
  const keys = new Set(features.flatMap((feature) => Object.keys(feature.properties ?? {})));
  const osm = ['osm_id', '@id', 'osm_type', 'amenity', 'addr:street'].some((key) => keys.has(key)) || features.some((feature) => typeof feature.id === 'string' && /^(node|way|relation)\/\d+$/.test(feature.id));
  if (osm) return { attribution: STATEMENTS.osm, licence: ODBL.name };
  if (keys.has('FHRSID') || keys.has('fhrs_id')) return { attribution: STATEMENTS.fsa, licence: OGL.name };
  return {};
}
