import { beforeAll, describe, expect, it } from 'vitest';
import { createGeocoder } from '../../src/geocode/geocoder.ts';
import { PLACED_OUTCOMES, type Geocoder, type GeocodeOutcome } from '../../src/geocode/types.ts';
import { BARKING_SITE, HARINGEY_SITE, hasSharedData, sharedGazetteer } from './shared-data.ts';

/** [behaviour, text, site, expected outcome, expected matched name (or null), expected LSOA (or null)] */
type Case = [string, string, string, GeocodeOutcome, string | null, string | null];

describe.skipIf(!hasSharedData)('geocoder on the real Haringey and Barking & Dagenham gazetteer', () => {
  let geocoder: Geocoder;
  beforeAll(() => {
    geocoder = createGeocoder(sharedGazetteer());
  });

  const cases: Case[] = [
    // outside/near/opposite X resolves to X
    ['"o/s" resolves to the premises', 'o/s the mossy well', HARINGEY_SITE, 'premises', 'The Mossy Well', 'E01002022'],
    ['"nr" and "pub" around a name', 'nr the salisbury pub green lanes', HARINGEY_SITE, 'premises', 'The Salisbury', 'E01002044'],
    ['"opp" resolves to the landmark', 'opp Tottenham Hale stn', HARINGEY_SITE, 'landmark', 'Tottenham Hale', 'E01033944'],
    // nicknames and brands, settled by the area named
    // Wood Green has two Wetherspoons: which is nearer the area's centre is no evidence of which was meant
    ['"spoons" is a Wetherspoon; two of them in Wood Green is ambiguous', 'o/s spoons wood grn', HARINGEY_SITE, 'ambiguous', null, null],
    ['a chain branch settled by street and district', 'outside greggs The Broadway N22', HARINGEY_SITE, 'premises', 'Greggs', null],
    ['a chain without context is ambiguous', 'o/s greggs', HARINGEY_SITE, 'ambiguous', null, null],
    // misspellings
    ['a dropped letter in a street', 'philp lane', HARINGEY_SITE, 'street', 'Philip Lane', null],
    ['a misspelt station', 'tottnham hale station', HARINGEY_SITE, 'landmark', 'Tottenham Hale', 'E01033944'],
    ['a run-together name', 'woodgreen', HARINGEY_SITE, 'area', 'Wood Green', null],
    // streets: same names settled by borough and district, else ambiguous
    ['High Road from the Barking ED is Chadwell Heath High Road', 'high rd', BARKING_SITE, 'street', 'High Road', null],
    ['High Road from North Middlesex, beside Tottenham High Road, is still one of two: the ED is not where it happened', 'high rd', HARINGEY_SITE, 'ambiguous', null, null],
    ['High Road from the Whittington, far from both, is one of two', 'high rd', 'RKEQ4', 'ambiguous', null, null],
    ['High Road with an area named', 'high road wood green', HARINGEY_SITE, 'street', 'High Road', null],
    ['a street name plus a word that makes it another street is that street, not the pub (police.uk map points name it)', 'crown street', BARKING_SITE, 'street', 'Crown Street', null],
    // junctions
    ['"jct of A & B" is where two streets meet', 'jct of Philip Ln & West Green Rd', HARINGEY_SITE, 'junction', 'Philip Lane / West Green Road', null],
    // areas
    ['a district name alone is an area', 'wood green', HARINGEY_SITE, 'area', 'Wood Green', null],
    ['an estate', 'broadwater farm estate', HARINGEY_SITE, 'area', 'Broadwater Farm', null],
    ['an area word with other words that are not names is the area', 'o/s shops wood green', HARINGEY_SITE, 'area', 'Wood Green', null],
    ['a postcode district alone is not part of a premises name', 'n4', HARINGEY_SITE, 'no_match', null, null],
    ['an ordinary word two edits from a short name is not that name', 'police custody', HARINGEY_SITE, 'no_match', null, null],
    ['a name we cannot find beside an area word is not the area', 'royal news hornsey', HARINGEY_SITE, 'no_match', null, null],
    ['a chain with two branches in the area named is ambiguous', 'greggs wood green', HARINGEY_SITE, 'ambiguous', null, null],
    // postcodes: only real ones
    ['a real full postcode', 'N10 1AF', HARINGEY_SITE, 'postcode', 'N10 1', 'E01001995'],
    ['a real postcode without its space, in a sentence', 'o/s shop n101af', HARINGEY_SITE, 'postcode', 'N10 1', 'E01001995'],
    ['a postcode-shaped code that does not exist', 'N99 9ZZ', HARINGEY_SITE, 'no_match', null, null],
    ['digits are not a postcode', '10 past 5', HARINGEY_SITE, 'no_match', null, null],
    ['a real sector', 'nr N17 6', HARINGEY_SITE, 'postcode_sector', 'N17 6', null],
    // home, unknown, no match
    ['pt\'s home', "pt's home", HARINGEY_SITE, 'home', null, null],
    ['someone else\'s home', 'friends house', HARINGEY_SITE, 'home', null, null],
    ['home wins over a postcode', 'home - N10 1AF', HARINGEY_SITE, 'home', null, null],
    ['a pub called a house is not a home', 'thatched house', BARKING_SITE, 'premises', 'Thatched House', null],
    ['u/k', 'u/k', HARINGEY_SITE, 'unknown', null, null],
    ['a typo of unknown', 'unkonwn', HARINGEY_SITE, 'unknown', null, null],
    ['refused', 'pt refused to say', HARINGEY_SITE, 'unknown', null, null],
    ['blank', '   ', HARINGEY_SITE, 'unknown', null, null],
    ['a generic word', 'park', HARINGEY_SITE, 'no_match', null, null],
    ['only fillers', 'in the street', HARINGEY_SITE, 'no_match', null, null],
    ['a place outside the area', 'Leicester Square', HARINGEY_SITE, 'no_match', null, null],
    // what the text does not pin down is not placed
    ['a negator with a knowledge word says the place is not known', 'patient cannot remember where', HARINGEY_SITE, 'unknown', null, null],
    ['generic words alone never place a premises', 'fight outside the chicken shop', HARINGEY_SITE, 'no_match', null, null],
    ['a station outside the area is not the park of the same name', 'finsbury park tube stn', HARINGEY_SITE, 'no_match', null, null],
    ['a short school name shared by several schools is ambiguous', 'st marys school', HARINGEY_SITE, 'ambiguous', null, null],
    ['a chain with an area that holds two of its branches is ambiguous', 'greggs wood green', HARINGEY_SITE, 'ambiguous', null, null],
    ["a local nickname from the area's alias file", 'outside ally pally', HARINGEY_SITE, 'landmark', 'Alexandra Palace', 'E01001966'],
  ];

  it.each(cases)('%s: %j', (_behaviour, text, site, outcome, name, lsoa) => {
    const result = geocoder.geocode({ text, siteCode: site });
    expect(result.outcome).toBe(outcome);
    if (name !== null) expect(result.matchedName).toBe(name);
    if (lsoa !== null) expect(result.lsoaCode).toBe(lsoa);
    if (PLACED_OUTCOMES.has(outcome)) {
      expect(result.longitude).not.toBeNull();
      expect(result.confidence).toBeGreaterThan(0);
      expect(result.method).not.toBe('');
    } else {
      expect([result.longitude, result.latitude, result.lsoaCode, result.matchedId]).toEqual([null, null, null, null]);
      expect(result.confidence).toBe(0);
    }
  });

  it('names the competing places of an ambiguous answer', () => {
    const result = geocoder.geocode({ text: 'o/s greggs', siteCode: HARINGEY_SITE });
    expect(result.outcome).toBe('ambiguous');
    expect(result.candidates?.length).toBeGreaterThan(1);
    expect(result.candidates?.every((c) => c.startsWith('Greggs (premises, E0'))).toBe(true);
  });

  it('gives home for a row the de-identify stage flagged, even when the text names a pub', () => {
    const result = geocoder.geocode({ text: 'o/s the mossy well', isHome: true, siteCode: HARINGEY_SITE });
    expect(result).toMatchObject({ outcome: 'home', longitude: null, lsoaCode: null });
  });

  it('places a full postcode from its own column before the text, and never names it in full', () => {
    const result = geocoder.geocode({ text: 'o/s the mossy well', postcode: 'n10 1af', siteCode: HARINGEY_SITE });
    expect(result).toMatchObject({ outcome: 'postcode', method: 'postcode_column', matchedName: 'N10 1', lsoaCode: 'E01001995' });
  });

  it('reads a street name the same with and without a known site, when only one borough has it', () => {
    const withSite = geocoder.geocode({ text: 'philip lane', siteCode: HARINGEY_SITE });
    const withoutSite = geocoder.geocode({ text: 'philip lane' });
    expect(withoutSite.matchedId).toBe(withSite.matchedId);
  });

  it('answers the same input the same way every time', () => {
    const input = { text: 'jct of Philip Ln & West Green Rd', siteCode: HARINGEY_SITE };
    expect(geocoder.geocode(input)).toEqual(geocoder.geocode(input));
  });

  it('carries the gazetteer version for re-geocoding', () => {
    expect(geocoder.gazetteerVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(geocoder.gazetteerVersion).toBe(sharedGazetteer().version);
  });
});
