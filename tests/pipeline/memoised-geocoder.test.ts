import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createGeocoder } from '../../src/geocode/geocoder.ts';
import { loadGazetteer } from '../../src/geocode/gazetteer/load.ts';
import type { GeocodeInput } from '../../src/geocode/types.ts';
import { memoiseGeocoder } from '../../src/pipeline/memoised-geocoder.ts';
import { fixtureGazetteer } from '../geocode/fixture-gazetteer.ts';
import { sampleData, sampleGazetteer } from './sample-area.ts';

const geocoder = createGeocoder(fixtureGazetteer());

describe('question key: inputs the geocoder reads alike share a key', () => {
  it.each<[string, GeocodeInput, GeocodeInput]>([
    ['case', { text: 'O/S THE VICTORIA', siteCode: 'WEST1' }, { text: 'o/s the victoria', siteCode: 'WEST1' }],
    ['punctuation and spacing', { text: 'jct of Mill Ln & Church St.', siteCode: 'WEST1' }, { text: 'jct of mill ln  and church st', siteCode: 'WEST1' }],
    ['shorthand spelled out', { text: 'outside the victoria', siteCode: 'WEST1' }, { text: 'o/s the victoria', siteCode: 'WEST1' }],
    ['apostrophes', { text: "king's head", siteCode: 'WEST1' }, { text: 'kings head', siteCode: 'WEST1' }],
    ['site code case', { text: 'mill ln', siteCode: 'west1' }, { text: 'mill ln', siteCode: 'WEST1' }],
    ['a home flag ends the question', { text: 'the victoria', isHome: true }, { text: 'mill lane', siteCode: 'WEST1', isHome: true }],
  ])('%s', (_behaviour, first, second) => {
    expect(geocoder.questionKey(first)).toBe(geocoder.questionKey(second));
    expect(geocoder.geocode(first)).toEqual(geocoder.geocode(second));
  });

  it.each<[string, GeocodeInput, GeocodeInput]>([
    ['another site', { text: 'high rd', siteCode: 'EAST1' }, { text: 'high rd', siteCode: 'WEST1' }],
    ['no site', { text: 'high rd', siteCode: null }, { text: 'high rd', siteCode: 'WEST1' }],
    ['a postcode column', { text: 'high rd', siteCode: 'WEST1', postcode: 'WB1 1AA' }, { text: 'high rd', siteCode: 'WEST1' }],
    ['a home flag', { text: 'the victoria', siteCode: 'WEST1', isHome: true }, { text: 'the victoria', siteCode: 'WEST1' }],
    ['a word more', { text: 'station rd WB2', siteCode: 'WEST1' }, { text: 'station rd', siteCode: 'WEST1' }],
  ])('differs with %s', (_behaviour, first, second) => {
    expect(geocoder.questionKey(first)).not.toBe(geocoder.questionKey(second));
  });
});

describe('memoised geocoder', () => {
  it('answers every location of the sample extracts, in upper and lower case, as the geocoder does', () => {
    const plain = createGeocoder(loadGazetteer(sampleGazetteer()));
    // A small memo, so that answers are also evicted and asked again.
    const memoised = memoiseGeocoder(plain, 50);
    const inbox = path.join(sampleData, 'inbox');
    const cells = new Set<string>();
    for (const name of readdirSync(inbox).filter((file) => file.endsWith('.csv'))) {
      const rows = parse(readFileSync(path.join(inbox, name)), { bom: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true }) as string[][];
      const site = name.slice(0, name.indexOf('_'));
      for (const row of rows.slice(1)) {
        for (const cell of row) if (/[a-z]{3}/i.test(cell)) cells.add(`${site}\u0000${cell}`);
      }
    }
    const inputs = [...cells].flatMap((cell) => {
      const [siteCode, text] = cell.split('\u0000') as [string, string];
      return [{ text, siteCode }, { text: text.toUpperCase(), siteCode }, { text: text.toLowerCase(), siteCode }];
    });
    expect(inputs.length).toBeGreaterThan(3_000);
    for (const input of inputs) expect(memoised.geocode(input), JSON.stringify(input)).toEqual(plain.geocode(input));
  });
});
