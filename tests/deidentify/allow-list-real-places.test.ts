/**
 * Precision against real places: every street, pub, restaurant, shop, school,
 * landmark and bus stop name in the shared open data for Haringey and Barking &
 * Dagenham must come through the allow-list as it went in, in the contexts
 * reception staff write them in, when the vocabulary is built as the pipeline
 * builds it (from the gazetteer made of those files). Stored text that has lost
 * its place names cannot be geocoded again after the raw files are purged.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allowListText } from '../../src/deidentify/allow-list.ts';
import { buildLocationVocabulary, type FieldVocabulary } from '../../src/deidentify/vocabulary.ts';
import { buildGazetteer } from '../../src/geocode/gazetteer/build.ts';
import { createGazetteer } from '../../src/geocode/gazetteer/load.ts';
import { sharedDataInputs } from '../../src/geocode/evaluation/shared-data.ts';
import { placeVocabularyInput } from '../../src/pipeline/stages.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDirectory = path.resolve(repoRoot, '..', 'shared', 'data');
const haveData = existsSync(dataDirectory);
if (!haveData) console.warn(`Skipping the real-place precision tests: no shared data at ${path.relative(repoRoot, dataDirectory)}`);

const BOROUGHS = ['haringey', 'barking_and_dagenham'];
const LAYERS = [
  'streets_fhrs_derived',
  'licensed_premises_osm_pubs',
  'food_drink_premises_fhrs_2020',
  'landmarks_osm_2019',
  'landmarks_schools_parks_ogl',
  'bus_stops_tfl_2021',
];

function placeNames(): string[] {
  const names = new Set<string>();
  for (const borough of BOROUGHS) {
    for (const layer of LAYERS) {
      const file = path.join(dataDirectory, borough, `${layer}.geojson`);
      const collection = JSON.parse(readFileSync(file, 'utf8')) as { features: Array<{ properties: { name?: unknown } }> };
      for (const feature of collection.features) {
        if (typeof feature.properties.name === 'string' && feature.properties.name.trim() !== '') names.add(feature.properties.name.replace(/\s+/g, ' ').trim());
      }
    }
  }
  return [...names].sort();
}

let vocabulary: FieldVocabulary | null = null;
function locationVocabulary(): FieldVocabulary {
  // Every layer the test reads goes into the gazetteer, bus stops as landmarks (whole names) rather than as the streets they name.
  const inputs = sharedDataInputs(dataDirectory);
  const busStops = BOROUGHS.map((borough) => path.join(dataDirectory, borough, 'bus_stops_tfl_2021.geojson'));
  const streets = (inputs.streets ?? []).filter((file) => !busStops.includes(file));
  vocabulary ??= buildLocationVocabulary(placeVocabularyInput(createGazetteer(buildGazetteer({ ...inputs, streets, landmarks: [...(inputs.landmarks ?? []), ...busStops] }))));
  return vocabulary;
}

function changed(template: (name: string) => string, names: string[]): string[] {
  const words = locationVocabulary();
  return names.map(template).filter((text) => allowListText(text, words).text !== text);
}

describe.skipIf(!haveData)('real place names survive the allow-list', () => {
  const names = haveData ? placeNames() : [];

  it('reads thousands of names from the shared data', () => {
    expect(names.length).toBeGreaterThan(3000);
  });

  it.each([
    ['alone', (name: string) => name],
    ['outside', (name: string) => `o/s ${name}`],
    ['inside', (name: string) => `assaulted in ${name}`],
    ['at a junction', (name: string) => `jct of ${name} & High Rd`],
    ['after a relationship word', (name: string) => `his friend hit him o/s ${name}`],
    ['in capitals', (name: string) => `PUNCHED OUTSIDE ${name.toUpperCase()}`],
    ['in a domestic story', (name: string) => `ex partner at ${name}`],
  ])('%s', (_context, template) => {
    expect(changed(template, names)).toEqual([]);
  }, 120_000);
});
