/**
 * Reads ONS LSOA boundaries as GeoJSON, of either vintage: 2011 (`LSOA11CD`,
 * `LSOA11NM`) or 2021 (`LSOA21CD`, `LSOA21NM`). Ward (`WDyyCD/NM`) and LAD
 * (`LADyyCD/NM`) come along whatever their year; 2011 Census usual residents
 * (`USUALRES`) become the population when present.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LsoaRecord } from './types.ts';

function findProperty(names: string[], pattern: RegExp): string | undefined {
  // Sorted so that, given WD19CD and WD23CD, the latest ward year wins.
  return names.filter((name) => pattern.test(name)).sort().at(-1);
}

export function readGeoJsonFile(filePath: string): FeatureCollection {
  const file = path.basename(filePath);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const collection = document as Partial<FeatureCollection>;
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new Error(`${file}: expected a GeoJSON FeatureCollection, found type ${JSON.stringify(collection?.type)}`);
  }
  return collection as FeatureCollection;
}

export function readLsoaBoundaries(filePath: string): LsoaRecord[] {
  const file = path.basename(filePath);
  const collection = readGeoJsonFile(filePath);
  const first = collection.features[0];
  if (!first) throw new Error(`${file}: the FeatureCollection has no features`);
  const names = Object.keys(first.properties ?? {});
  const codeProperty = findProperty(names, /^LSOA\d\dCD$/i);
  if (!codeProperty) {
    throw new Error(`${file}: expected an LSOA code property (LSOA11CD or LSOA21CD) but the features have: ${names.join(', ')}`);
  }
  const year = codeProperty.slice(4, 6);
  const nameProperty = findProperty(names, new RegExp(`^LSOA${year}NM$`, 'i'));
  const wardCode = findProperty(names, /^WD\d\dCD$/i);
  const wardName = findProperty(names, /^WD\d\dNM$/i);
  const ladCode = findProperty(names, /^LAD\d\dCD$/i);
  const ladName = findProperty(names, /^LAD\d\dNM$/i);
  const population = names.find((name) => /^USUALRES$/i.test(name));

  return collection.features.map((feature: Feature, index) => {
    const properties = feature.properties ?? {};
    const code = properties[codeProperty];
    if (typeof code !== 'string' || code === '') {
      throw new Error(`${file}: feature ${index} has no ${codeProperty}`);
    }
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      throw new Error(`${file}: LSOA ${code} has geometry ${geometry?.type ?? 'null'}; expected Polygon or MultiPolygon`);
    }
    const text = (property: string | undefined): string | null => {
      const value = property ? properties[property] : undefined;
      return typeof value === 'string' && value !== '' ? value : null;
    };
    const residents = population ? Number(properties[population]) : NaN;
    return {
      code,
      name: text(nameProperty) ?? code,
      vintage: `20${year}`,
      wardCode: text(wardCode),
      wardName: text(wardName),
      ladCode: text(ladCode),
      ladName: text(ladName),
      population: Number.isFinite(residents) ? residents : null,
      geometry: geometry as Polygon | MultiPolygon,
    };
  });
}
