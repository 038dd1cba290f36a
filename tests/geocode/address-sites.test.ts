/**
 * Sites named in premises addresses (shopping centres, retail parks, markets,
 * leisure parks) and "<area> town centre", one table row per behaviour, on the
 * real open data of the two boroughs; then the rules of the derivation itself on
 * small tables of address records. Expected LSOAs are those of the premises the
 * register's addresses put in the site.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGazetteer } from '../../src/geocode/gazetteer/build.ts';
import { deriveAddressSites } from '../../src/geocode/gazetteer/address-sites.ts';
import type { PlaceRecord } from '../../src/geocode/gazetteer/types.ts';
import { sharedDataInputs } from '../../src/geocode/evaluation/shared-data.ts';
import { createGeocoder } from '../../src/geocode/geocoder.ts';
import { PLACED_OUTCOMES, type Geocoder, type GeocodeOutcome } from '../../src/geocode/types.ts';
import { BARKING_SITE, HARINGEY_SITE, hasSharedData, sharedDataDir, sharedGazetteer } from './shared-data.ts';

/** [behaviour, text, ED, expected outcome, expected matched name (or null), expected LSOA (or null)] */
type Case = [string, string, string, GeocodeOutcome, string | null, string | null];

describe.skipIf(!hasSharedData)('sites named in premises addresses, on the real Haringey and Barking & Dagenham gazetteer', () => {
  let geocoder: Geocoder;
  beforeAll(() => {
    geocoder = createGeocoder(sharedGazetteer());
  });

  const cases: Case[] = [
    // a site named in full, or as people shorten it, is where its premises are
    ['a shopping centre named in full is the site', 'o/s wood green shopping city', HARINGEY_SITE, 'landmark', 'Wood Green Shopping City', 'E01002026'],
    ['a site named after its locality is found with the locality said last', 'in shopping city wood green', HARINGEY_SITE, 'landmark', 'Wood Green Shopping City', 'E01002026'],
    ['a retail park named in full is the site', 'car park of arena shopping park', HARINGEY_SITE, 'landmark', 'Arena Shopping Park', 'E01002058'],
    ['a retail park named after a station is the park, not the station', 'TOTTENHAM HALE RETAIL PARK', HARINGEY_SITE, 'landmark', 'Tottenham Hale Retail Park', 'E01002068'],
    ['a shopping centre is found by another word for the same kind of site', 'WOOD GREEN SHOPPING CENTER', HARINGEY_SITE, 'landmark', 'Wood Green Shopping City', 'E01002026'],
    ['a shopping park is found as a retail park', 'arena retail park', HARINGEY_SITE, 'landmark', 'Arena Shopping Park', 'E01002058'],
    ['a shopping centre the addresses do not name is not guessed from a town', 'barking shopping centre', BARKING_SITE, 'no_match', null, null],
    ['a market hall is found by the shorter "market"', 'seven sisters market', HARINGEY_SITE, 'landmark', 'Seven Sisters Market Hall', 'E01002069'],
    ['a shopping centre is found by its name without the kind', 'o/s vicarage field', BARKING_SITE, 'landmark', 'Vicarage Field Shopping Centre', 'E01034473'],
    ['a misspelt short name still finds it', 'outside vicarage fields barking', BARKING_SITE, 'landmark', 'Vicarage Field Shopping Centre', 'E01034473'],
    ['a leisure park named in full is the site', 'car park dagenham leisure park', BARKING_SITE, 'landmark', 'Dagenham Leisure Park', 'E01000056'],
    ['a shopping centre one premises names is still the site', 'heathway shopping centre', BARKING_SITE, 'landmark', 'Heathway Shopping Centre', 'E01000105'],
    ['a market named after its town is the market, not the town', 'barking market', BARKING_SITE, 'landmark', 'Barking Market', 'E01034474'],
    ['the same in shorthand', 'o/s barking mkt', BARKING_SITE, 'landmark', 'Barking Market', 'E01034474'],
    // a name that is only its kind needs a word that locates it
    ['a site called only by its kind is found beside the area it is in', 'o/s the mall wood green', HARINGEY_SITE, 'landmark', 'The Mall', 'E01002026'],
    ['or beside its postcode district', 'the mall n22', HARINGEY_SITE, 'landmark', 'The Mall', 'E01002026'],
    ['without one it is not placed', 'the mall', HARINGEY_SITE, 'ambiguous', null, null],
    ['nor beside an area it is not in', 'the mall hornsey', HARINGEY_SITE, 'ambiguous', null, null],
    ['a street of that name is still the street in its own borough', 'the mall dagenham', BARKING_SITE, 'street', 'The Mall', 'E01000105'],
    // a chain named with a site is the branch in it
    ['a chain named with a shopping centre is its branch there, not the branch on the street outside', 'subway wood green shopping city', HARINGEY_SITE, 'premises', 'Subway', 'E01002026'],
    ['a chain named with a shopping park is its branch there', 'subway arena shopping park', HARINGEY_SITE, 'premises', 'Subway', 'E01002058'],
    ['two branches whose addresses name the site leave the chain ambiguous', 'subway vicarage field', BARKING_SITE, 'ambiguous', null, null],
    ['a chain named with a shopping centre by its short name is its branch there', 'inside b&m vicarage field', BARKING_SITE, 'premises', 'B&M Home Store', 'E01034473'],
    ['a chain named with a retail park is its branch there', 'greggs tottenham hale retail park', HARINGEY_SITE, 'premises', 'Greggs', 'E01002068'],
    ['a chain named with a leisure park is its branch there', "mcdonald's dagenham leisure park", BARKING_SITE, 'premises', "McDonald's Restaurants Ltd", 'E01000056'],
    ['a premises named with the site it is in is the premises, not the site', 'costa the mall wood green', HARINGEY_SITE, 'premises', 'Costa Coffee', 'E01002026'],
    ['a chain with no branch in the site is not the branch down the road', 'costa vicarage field', BARKING_SITE, 'no_match', null, null],
    ['nor one across the borough that the ED\'s borough would pick', 'aldi wood green shopping city', HARINGEY_SITE, 'no_match', null, null],
    ['a chain named with a site one register entry names is its branch at the site', 'greggs heathway shopping centre', BARKING_SITE, 'premises', 'Greggs', 'E01000105'],
    ['a branch in the site named is placed whichever borough\'s ED sent the text', 'outside subway in tottenham hale retail park', 'RF4DG', 'premises', 'Subway', 'E01002068'],
    // "<area> town centre" is the area
    ['an area followed by "town centre" is the area', 'barking town centre', BARKING_SITE, 'area', 'Barking', 'E01000007'],
    ['the same in American spelling', 'Wood Green Town Center', HARINGEY_SITE, 'area', 'Wood Green', 'E01002029'],
    ['"town centre" before the area too', 'town centre, tottenham', HARINGEY_SITE, 'area', 'Tottenham', 'E01002077'],
    ['a town outside the area is still not placed', 'romford town centre', BARKING_SITE, 'no_match', null, null],
    // generic words for sites never place
    ['"shopping centre" alone is no place', 'in the shopping centre', HARINGEY_SITE, 'no_match', null, null],
    ['"town centre" alone is no place', 'town centre', BARKING_SITE, 'no_match', null, null],
    ['"outside the shops" is no place', 'outside the shops', HARINGEY_SITE, 'no_match', null, null],
    ['a retail park\'s car park, unnamed, is no place', 'retail park car park', BARKING_SITE, 'no_match', null, null],
    ['"the market" is no place', 'at the market', BARKING_SITE, 'no_match', null, null],
    ['a market hall, unnamed, is no place even beside an area', 'in market hall wood green', HARINGEY_SITE, 'no_match', null, null],
    ['"leisure centre" alone is no place', 'leisure centre', BARKING_SITE, 'no_match', null, null],
    ['"community centre" alone is no place', 'outside community centre', HARINGEY_SITE, 'no_match', null, null],
    ['an industrial estate, unnamed, is no place even with a district', 'on industrial estate n17', HARINGEY_SITE, 'no_match', null, null],
    ['a shopping centre outside the area is no place', 'stratford shopping centre', BARKING_SITE, 'no_match', null, null],
    ['nor one the text names by a name no address uses', 'lakeside shopping centre', BARKING_SITE, 'no_match', null, null],
  ];

  it.each(cases)('%s: %j', (_behaviour, text, site, outcome, name, lsoa) => {
    const result = geocoder.geocode({ text, siteCode: site });
    expect({ outcome: result.outcome, candidates: result.candidates }).toMatchObject({ outcome });
    if (name !== null) expect(result.matchedName).toBe(name);
    if (lsoa !== null) expect(result.lsoaCode).toBe(lsoa);
    if (!PLACED_OUTCOMES.has(outcome)) expect(result.longitude).toBeNull();
  });

  it('records the sites as landmarks of the register file whose addresses name them, with ids that do not change between builds', () => {
    const first = sharedGazetteer();
    const again = buildGazetteer(sharedDataInputs(sharedDataDir));
    const sites = first.places.filter((place) => place.id.startsWith('site-'));
    expect(sites.map((site) => site.id)).toEqual(again.places.filter((place) => place.id.startsWith('site-')).map((site) => site.id));
    expect(sites.find((site) => site.name === 'Vicarage Field Shopping Centre')).toMatchObject({ kind: 'landmark', category: 'shopping_centre', source: 'food_drink_premises_fhrs_2020.geojson', districts: ['IG11'] });
    const recorded = first.sources.filter((source) => source.role === 'address_sites');
    expect(recorded.map((source) => source.file).sort()).toEqual(['barking_and_dagenham/food_drink_premises_fhrs_2020.geojson', 'haringey/food_drink_premises_fhrs_2020.geojson']);
    expect(recorded.reduce((sum, source) => sum + source.records, 0)).toBe(sites.length);
    // "21 The Mall, Heathway": in Dagenham The Mall is the street the shops are on, not a site.
    expect(sites.filter((site) => site.name === 'The Mall').map((site) => site.districts)).toEqual([['N22']]);
  });
});

/** A premises record as a register reader makes it, for the derivation's own rules. */
let serial = 0;
function premises(address: string, at: [number, number], street?: string, name = `Shop ${++serial}`): PlaceRecord {
  return { id: `test-${serial}`, kind: 'premises', name, category: 'retail_other', longitude: at[0], latitude: at[1], source: 'register.csv', address, ...(street ? { street } : {}), postcode: 'N22 6YD', districts: ['N22'] };
}

describe('sites derived from premises addresses', () => {
  const here: [number, number] = [-0.1079, 51.5943];
  const near: [number, number] = [-0.1075, 51.5945];
  const far: [number, number] = [-0.05, 51.6];
  const names = (records: readonly PlaceRecord[], known: readonly PlaceRecord[] = []): string[] => deriveAddressSites(records, known, []).records.map((site) => site.name);

  const cases: Array<[string, PlaceRecord[], PlaceRecord[], string[]]> = [
    ['a part ending in a kind of two words is a site when one premises names it', [premises('Unit 4, Acacia Shopping Centre, High Road', here, 'High Road')], [], ['Acacia Shopping Centre']],
    ['unit designators before or after the name are not part of it', [premises('Kiosk 1 The Arches Mall, High Road', here, 'High Road'), premises('The Arches Mall Unit 10, High Road', near, 'High Road')], [], ['The Arches Mall']],
    ['a one-word kind needs two premises', [premises('Rosemount Market, East Street', here, 'East Street')], [], []],
    ['two premises naming a one-word kind make a site', [premises('Rosemount Market, East Street', here, 'East Street'), premises('Rosemount Market, 20 East Street', near, 'East Street')], [], ['Rosemount Market']],
    ['the premises\' own street is not a site', [premises('21 Pine Arcade, Barking', here, 'Pine Arcade'), premises('22 Pine Arcade, Barking', near, 'Pine Arcade')], [], []],
    ['a street the gazetteer holds nearby is not a site', [premises('Elm Parade Market, Barking', here, 'Elm Road'), premises('Elm Parade Market, Barking', near, 'Elm Road')], [{ id: 's1', kind: 'street', name: 'Elm Parade Market', category: 'road', longitude: near[0], latitude: near[1], source: 'streets.geojson' }], []],
    ['a name of common words alone is not a site', [premises('Market Hall Unit 10, High Road', here, 'High Road'), premises('Market Hall Unit 22, High Road', near, 'High Road')], [], []],
    ['nor is a kind with a common word before it', [premises('Street Market, High Road', here, 'High Road'), premises('Street Market, High Road', near, 'High Road')], [], []],
    ['a building named for what happens in it is not a kind of site', [premises('Health Centre, High Road', here, 'High Road'), premises('Health Centre, High Road', near, 'High Road')], [], []],
    ['the premises\' own name in its address is the premises, not a site', [premises('Cedar Market, High Road', here, 'High Road', 'Cedar Market'), premises('Cedar Market, High Road', near, 'High Road', 'Cedar Market')], [], []],
    ['the same name far apart is two sites', [premises('Oak Retail Park, Broad Lane', here, 'Broad Lane'), premises('Oak Retail Park, Broad Lane', far, 'Broad Lane')], [], ['Oak Retail Park', 'Oak Retail Park']],
  ];
  it.each(cases)('%s', (_behaviour, records, known, expected) => {
    expect(names(records, known)).toEqual(expected);
  });

  it('puts a site at the premises nearest all the others, named as most addresses spell it, with an id from its name and district', () => {
    const records = [premises('Unit 1, Birch Retail Park', [-0.1, 51.5]), premises('Unit 2, Birch Retail Park', [-0.1005, 51.5]), premises('Unit 3, BIRCH RETAIL PARK', [-0.101, 51.5])];
    const [site] = deriveAddressSites(records, [], []).records;
    expect(site).toMatchObject({ id: 'site-n22-birch-retail-park', kind: 'landmark', category: 'retail_park', name: 'Birch Retail Park', longitude: -0.1005, latitude: 51.5, source: 'register.csv' });
    expect(deriveAddressSites([...records].reverse(), [], []).records).toEqual([site]);
  });

  it('gives the short name as an alias only when no place, ward or locality is called by it or its first words', () => {
    const site = (address: string, known: PlaceRecord[] = []): PlaceRecord => deriveAddressSites([premises(address, here)], known, []).records[0]!;
    expect(site('Unit 2, Willow Field Shopping Centre').aliases).toEqual(['willow field', 'willow field shopping city', 'willow field shopping mall']);
    const area: PlaceRecord = { id: 'a1', kind: 'area', name: 'Willow', category: 'suburb', longitude: far[0], latitude: far[1], source: 'areas.geojson' };
    expect(site('Unit 2, Willow Field Leisure Centre', [area]).aliases).toBeUndefined();
    expect(site('Unit 2, Willow Shopping City', [area]).aliases).toEqual(['willow shopping centre', 'willow shopping mall', 'shopping city willow']);
  });
});
