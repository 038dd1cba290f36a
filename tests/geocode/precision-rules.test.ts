/**
 * The rules that keep the geocoder from placing what the text does not pin down,
 * one table row per behaviour, on the real open data of the two boroughs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createGeocoder } from '../../src/geocode/geocoder.ts';
import { fringeDistricts } from '../../src/geocode/text-postcodes.ts';
import { PLACED_OUTCOMES, type Geocoder, type GeocodeOutcome } from '../../src/geocode/types.ts';
import { BARKING_SITE, HARINGEY_SITE, hasSharedData, sharedGazetteer } from './shared-data.ts';

/** [behaviour, text, site, expected outcome, expected matched name (or null), expected LSOA (or null), expected method (or null)] */
type Case = [string, string, string, GeocodeOutcome, string | null, string | null, string | null];

describe.skipIf(!hasSharedData)('precision rules on the real Haringey and Barking & Dagenham gazetteer', () => {
  let geocoder: Geocoder;
  beforeAll(() => {
    geocoder = createGeocoder(sharedGazetteer());
  });

  const cases: Case[] = [
    // chain brands need a locating word that selects one branch
    ["two branches whose register addresses name the area leave a chain ambiguous", "o/s mcdonald's tottenham", HARINGEY_SITE, 'ambiguous', null, null, null],
    ['a bare brand finds every branch, however the register words the name', 'boots', 'RKEQ4', 'ambiguous', null, null, null],
    ['a brand with an area that holds one of its branches is that branch', 'boots crouch end', 'RKEQ4', 'premises', 'Boots The Chemists', 'E01001990', null],
    ['the ED\'s borough does not pick a chain\'s branch when the others are named differently', 'boots', HARINGEY_SITE, 'ambiguous', null, null, null],
    ['a branch whose address names the area is the one, when the other near branches\' addresses name other areas', 'costa coffee, wood green', HARINGEY_SITE, 'premises', 'Costa Coffee', 'E01002026', null],
    ['an area is also where its station is: a branch there and one by the area\'s point leave a chain ambiguous', 'o/s greggs hornsey', HARINGEY_SITE, 'ambiguous', null, null, null],
    ['a chain with no branch near the area named is a branch we do not know, not one across the borough', 'starbucks wood green', HARINGEY_SITE, 'no_match', null, null, null],
    ['a chain with no branch in the district named is the same', 'greggs n10', HARINGEY_SITE, 'no_match', null, null, null],
    ['a landmark beside a chain it cannot settle is not the answer', 'o/s greggs alexandra palace', 'RKEQ4', 'ambiguous', null, null, null],
    ['a landmark beside a chain with two branches equally near it leaves the chain ambiguous', "inside kfc in alexandra palace", 'RKEQ4', 'ambiguous', null, null, null],
    ['a shop found only in the other borough, with nothing in the text to say so, is ambiguous', 'morleys', HARINGEY_SITE, 'ambiguous', null, null, null],
    ['the same shop from its own borough\'s ED is placed', 'morleys', BARKING_SITE, 'premises', "Morley's", 'E01000035', null],
    // a part of a name must be distinctive
    ['one ordinary word that is only part of a name does not place', 'lakeside', BARKING_SITE, 'no_match', null, null, null],
    ['an ordinary word in a phrase is not the premises it is part of', 'crouch end broadway by the clock tower', 'RKEQ4', 'street', 'Crouch End Broadway', 'E01001990', null],
    ['the whole name of ordinary words still places', 'o/s tower cafe', HARINGEY_SITE, 'premises', 'Tower Cafe', 'E01002097', null],
    ['a brand that is not a word of the language, with branches far apart, is ambiguous', 'nandos', HARINGEY_SITE, 'ambiguous', null, null, null],
    ['a name that starts with a town outside the area does not make the town a shop', 'ilford', BARKING_SITE, 'no_match', null, null, null],
    ['a misspelt part of a name does not place', 'the chippy', BARKING_SITE, 'no_match', null, null, null],
    ["a part of a name after \"st\" is a saint's name, not the shop", 'st georges', BARKING_SITE, 'no_match', null, null, null],
    // common nouns that are also street names
    ['"the" before a street name of common words is the common noun', 'on the high street', HARINGEY_SITE, 'no_match', null, null, null],
    ['the same name without the article is the street', 'high street n8', HARINGEY_SITE, 'street', 'High Street', null, null],
    ['a street whose own name has the article is still that street', 'the mall', BARKING_SITE, 'street', 'The Mall', null, null],
    // streets: the text, not the ED, selects one of several
    ['a misspelt street named twice in the area is not settled by the nearer ED', 'higj road', HARINGEY_SITE, 'ambiguous', null, null, null],
    ['a street of common words after a town we do not have is that town\'s street', 'stoke newington high st', HARINGEY_SITE, 'ambiguous', null, null, null],
    ['the district settles a street named twice', 'high road n17', HARINGEY_SITE, 'street', 'High Road', 'E01002077', null],
    ['a street of both boroughs, settled only by the ED, beside a place word we cannot place, is ambiguous', 'ilford high rd', BARKING_SITE, 'ambiguous', null, null, null],
    ['the same street beside a locality the area\'s own addresses use is settled as before', 'high rd chadwell heath', BARKING_SITE, 'street', 'High Road', 'E01000032', null],
    ['the same street with no other word is settled by the ED\'s borough', 'o/s 12 high rd', BARKING_SITE, 'street', 'High Road', 'E01000032', null],
    // schools: the kind words people put after any school's name
    ['a secondary school named with "high"', 'robert clack high', BARKING_SITE, 'landmark', 'Robert Clack School', null, null],
    ['a school whose own name has "high", without "school"', 'heartlands high', HARINGEY_SITE, 'landmark', 'Heartlands High School', null, null],
    ['a school is not called by the other phase\'s word: "highgate primary" is not Highgate Wood Secondary', 'highgate primary', HARINGEY_SITE, 'landmark', 'Highgate Primary School', null, null],
    ['a name that starts two schools\' names stays ambiguous', 'highgate school', HARINGEY_SITE, 'ambiguous', null, null, null],
    ['a junior school by its phase in the plural', 'bounds green juniors', HARINGEY_SITE, 'landmark', 'Bounds Green Junior School', null, null],
    ['a school whose name has "of", with it', 'our lady of muswell school', HARINGEY_SITE, 'landmark', 'Our Lady of Muswell Catholic Primary School', null, null],
    ['and without it', 'our lady muswell primary', HARINGEY_SITE, 'landmark', 'Our Lady of Muswell Catholic Primary School', null, null],
    // pubs named beside their street
    ['a register\'s "PH" (public house) is not part of how people name a pub', 'jolly fisherman north st', BARKING_SITE, 'premises', 'The Jolly Fisherman PH', null, null],
    ['"st" before a name may be "saint", so it does not make the pub before it a street', 'famous royal oak st james lane', HARINGEY_SITE, 'premises', 'The Famous Royal Oak', null, null],
    ['a possessive after an s is dropped whole ("St James\'s Lane")', "st james's lane n10", HARINGEY_SITE, 'street', "St James's Lane", null, null],
    // how people write names
    ['a name word made of two words is found written as the two', 'heath way', BARKING_SITE, 'street', 'Heathway', null, null],
    ['so is a pub\'s', 'east brook pub', BARKING_SITE, 'premises', 'Eastbrook Pub', null, null],
    ['a number in figures before a name that has it in words', 'o/s 7 sisters tube', HARINGEY_SITE, 'landmark', 'Seven Sisters', null, null],
    ['a bus stop\'s shortening of two streets\' names is not a street of its own', 'whalebone lane', BARKING_SITE, 'no_match', null, null, null],
    // stations
    ['a station named with its town first goes by the rest of its name', 'heathway tube', BARKING_SITE, 'landmark', 'Dagenham Heathway', null, null],
    ['the rest alone, without a station word, is still the street', 'heathway', BARKING_SITE, 'street', 'Heathway', null, null],
    // wards and areas
    ['a ward whose name no other place has is an area, placed in one of its LSOAs', 'noel park', HARINGEY_SITE, 'area', 'Noel Park', null, null],
    ['a ward named by one ordinary English word is not an area', 'heath', BARKING_SITE, 'no_match', null, null, null],
    ['an area\'s name with a word that ends landmark names is a landmark we do not have', 'goresbrook park', BARKING_SITE, 'no_match', null, null, null],
    ['so is a town\'s', 'barking park', BARKING_SITE, 'no_match', null, null, null],
    ['an area with a word that does not end landmark names is still the area', 'wood green area', HARINGEY_SITE, 'area', 'Wood Green', null, null],
    // places outside the area
    ['a postcode district on the fringe of the area puts a same-named street outside it', 'fore st n18', HARINGEY_SITE, 'no_match', null, null, 'outside_area'],
    ['a full postcode outside the area does the same', 'fore st n18 2ab', HARINGEY_SITE, 'no_match', null, null, 'outside_area'],
    ['a district of the area\'s postcode area that the area lacks does the same', 'high road n1', HARINGEY_SITE, 'ambiguous', null, null, null],
    ['without the district the street in the area is placed', 'fore street', HARINGEY_SITE, 'street', 'Fore Street', null, null],
    ['a premises whose point is outside every LSOA is placed by its own postcode', 'outside eurest food servics ford dagenham - ddc restaurant', 'RF4DG', 'premises', null, 'E01000090', 'premises_exact_postcode_point'],
    ['a premises outside the area, with no postcode in it, gets no point', 'la vera pizza', HARINGEY_SITE, 'no_match', null, null, 'outside_area'],
  ];

  it.each(cases)('%s: %j', (_behaviour, text, site, outcome, name, lsoa, method) => {
    const result = geocoder.geocode({ text, siteCode: site });
    expect(result.outcome).toBe(outcome);
    if (name !== null) expect(result.matchedName).toBe(name);
    if (lsoa !== null) expect(result.lsoaCode).toBe(lsoa);
    if (method !== null) expect(result.method).toBe(method);
    if (PLACED_OUTCOMES.has(outcome)) expect(result.lsoaCode).not.toBeNull();
  });

  it('places every ward area in an LSOA of that ward', () => {
    const wards = sharedGazetteer().places.filter((place) => place.category === 'ward');
    expect(wards.length).toBeGreaterThan(10);
    for (const ward of wards) expect(`ward:${ward.wardCode}`).toBe(ward.id);
  });

  it('counts a district as the fringe of the area from how few of its postcodes the gazetteer holds', () => {
    const fringe = fringeDistricts(sharedGazetteer());
    expect(fringe.has('N18')).toBe(true);
    expect(fringe.has('N17')).toBe(false);
    expect(fringe.has('IG11')).toBe(false);
  });

  it('never places an answer without an LSOA', () => {
    for (const place of sharedGazetteer().places.filter((p) => p.lsoaCode === null)) {
      const result = geocoder.geocode({ text: place.name, siteCode: HARINGEY_SITE });
      if (PLACED_OUTCOMES.has(result.outcome)) expect(result.lsoaCode).not.toBeNull();
    }
  });
});
