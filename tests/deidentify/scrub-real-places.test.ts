/**
 * Precision against real places: every street, pub, restaurant, shop, school,
 * landmark and bus stop name in the shared open data for Haringey and Barking &
 * Dagenham must come through the scrubber as it went in, in the contexts reception
 * staff write them in. A scrubber that eats place names breaks geocoding as surely
 * as one that leaks names breaks privacy.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scrubFreeText } from '../../src/deidentify/scrub.ts';

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

/** A title then a word is read as a person by design ("Mr Wong" the takeaway loses to Mr Wong the assailant). */
const STARTS_WITH_TITLE = /^(?:mr|mrs|ms|miss|mx|dr)\b\.?\s/i;

function changed(template: (name: string) => string, names: string[]): string[] {
  return names
    .map(template)
    .filter((text) => {
      const result = scrubFreeText(text);
      return result.text !== text || result.isHome;
    });
}

describe.skipIf(!haveData)('real place names survive scrubbing', () => {
  const names = haveData ? placeNames() : [];

  it('reads thousands of names from the shared data', () => {
    expect(names.length).toBeGreaterThan(3000);
  });

  it.each([
    ['outside', (name: string) => `o/s ${name}`],
    ['inside', (name: string) => `assaulted in ${name}`],
    ['at a junction', (name: string) => `jct of ${name} & High Rd`],
    ['after a relationship word', (name: string) => `his friend hit him o/s ${name}`],
    ['in capitals', (name: string) => `PUNCHED OUTSIDE ${name.toUpperCase()}`],
  ])('%s', (_context, template) => {
    expect(changed(template, names.filter((name) => !STARTS_WITH_TITLE.test(name)))).toEqual([]);
  });

  it('in a domestic story, except that a number before a street word is read as a house number', () => {
    const withoutNumbers = names.filter((name) => !STARTS_WITH_TITLE.test(name) && !/\d/.test(name));
    expect(changed((name) => `ex partner at ${name}`, withoutNumbers)).toEqual([]);
  });

  it('the names that start with a title are the only ones scrubbed, and there are few', () => {
    const titled = names.filter((name) => STARTS_WITH_TITLE.test(name));
    expect(titled.length).toBeLessThan(10);
  });
});
