/**
 * The reporting area as the packs need it: the LSOA polygons (for maps) and,
 * per LSOA, its name, ward and population (for tables and rates). Boundaries
 * come as a GeoJSON FeatureCollection, either straight from ONS (LSOA11CD /
 * LSOA21CD, WDyyCD, USUALRES) or as the gazetteer's LSOA records turned into
 * features (code, name, wardCode, wardName, population).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AreaLsoa } from '../aggregate/dimensions.ts';

export type LsoaBoundaries = FeatureCollection<Polygon | MultiPolygon>;

function latest(names: string[], pattern: RegExp): string | undefined {
  return names.filter((name) => pattern.test(name)).sort().at(-1);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The LSOA code of a boundary feature, or throws naming the feature's position. */
export function lsoaCodeOf(feature: Feature, index = 0): string {
  const properties = feature.properties ?? {};
  const key = latest(Object.keys(properties), /^LSOA\d\dCD$/i) ?? 'code';
  const code = text(properties[key]);
  if (!code) throw new Error(`LSOA boundary feature ${index} has no LSOA code (expected LSOA11CD, LSOA21CD or code)`);
  return code;
}

export function areaFromBoundaries(boundaries: FeatureCollection): AreaLsoa[] {
  return boundaries.features.map((feature, index) => {
    const properties = feature.properties ?? {};
    const names = Object.keys(properties);
    const nameKey = latest(names, /^LSOA\d\dNM$/i) ?? 'name';
    const wardCodeKey = latest(names, /^WD\d\dCD$/i) ?? 'wardCode';
    const wardNameKey = latest(names, /^WD\d\dNM$/i) ?? 'wardName';
    const boroughKey = latest(names, /^LAD\d\dNM$/i) ?? 'ladName';
    const populationValue = properties.USUALRES ?? properties.population;
    const lsoa: AreaLsoa = { code: lsoaCodeOf(feature, index) };
    const name = text(properties[nameKey]);
    if (name) lsoa.name = name;
    const wardCode = text(properties[wardCodeKey]);
    if (wardCode) lsoa.wardCode = wardCode;
    const wardName = text(properties[wardNameKey]);
    if (wardName) lsoa.wardName = wardName;
    const borough = text(properties[boroughKey]);
    if (borough) lsoa.boroughName = borough;
    if (typeof populationValue === 'number' && populationValue > 0) lsoa.population = populationValue;
    return lsoa;
  });
}

/** The gazetteer's LSOA records (or anything shaped like them) as a FeatureCollection for the maps. */
export function boundariesFromLsoaRecords(
  lsoas: Array<{ code: string; name: string; wardCode: string | null; wardName: string | null; ladName?: string | null; population: number | null; geometry: Polygon | MultiPolygon }>,
): LsoaBoundaries {
  return {
    type: 'FeatureCollection',
    features: lsoas.map((lsoa) => ({
      type: 'Feature',
      properties: { code: lsoa.code, name: lsoa.name, wardCode: lsoa.wardCode, wardName: lsoa.wardName, ladName: lsoa.ladName ?? null, population: lsoa.population },
      geometry: lsoa.geometry,
    })),
  };
}
