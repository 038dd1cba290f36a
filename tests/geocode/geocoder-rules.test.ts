import { describe, expect, it } from 'vitest';
import { createGeocoder } from '../../src/geocode/geocoder.ts';
import type { GeocodeOutcome } from '../../src/geocode/types.ts';
import { fixtureGazetteer } from './fixture-gazetteer.ts';

const gazetteer = fixtureGazetteer();
const geocoder = createGeocoder(gazetteer);

describe('matcher rules on a small two-borough gazetteer', () => {
  it.each<[string, string, string | null, GeocodeOutcome, string | null, string | null]>([
    // [behaviour, text, site, outcome, matched id, LSOA]
    ['a premises in the site\'s borough, of two same-named', 'o/s the victoria', 'EAST1', 'premises', 'victoria-east', 'E01000002'],
    ['the same from the other ED', 'outside the Victoria pub', 'WEST1', 'premises', 'victoria-west', 'E01000004'],
    ['same-named premises with no site to settle them', 'the victoria', null, 'ambiguous', null, null],
    ['a street in one borough only, whatever the site', 'mill ln', 'WEST1', 'street', 'mill', 'E01000004'],
    ['a street named twice, settled by the site\'s borough', 'high rd', 'EAST1', 'street', 'high-east', 'E01000001'],
    ['a street named twice in one borough stays ambiguous', 'station rd', 'WEST1', 'ambiguous', null, null],
    ['the district settles it', 'station rd WB2', 'WEST1', 'street', 'station-north', 'E01000003'],
    ['an ED beside one of them does not settle it: the patient may live anywhere', 'station rd', 'SOUTH1', 'ambiguous', null, null],
    ['a street only the other borough has, from this ED', 'far lane', 'WEST1', 'ambiguous', null, null],
    ['two crossing streets meet where their lines cross', 'jct of Mill Ln & Church St', 'WEST1', 'junction', 'mill+church', 'E01000004'],
    ['"corner of" and "and"', 'corner of church street and mill lane', 'WEST1', 'junction', 'church+mill', 'E01000004'],
    ['two streets that do not meet are no junction', 'jct of mill lane & far lane', 'WEST1', 'ambiguous', null, null],
    ['a chain settled by the street named with it', 'chicken shack mill lane', 'WEST1', 'premises', 'shack-mill', 'E01000004'],
    ['a chain without a street', 'chicken shack', 'WEST1', 'ambiguous', null, null],
    ['a station by name and "stn"', 'northgate stn', 'EAST1', 'landmark', 'station', 'E01000001'],
    ['the bare name is the district, not the station', 'northgate', 'EAST1', 'area', 'northgate', 'E01000001'],
    ['a full postcode', 'wb11aa', 'WEST1', 'postcode', null, 'E01000004'],
    ['a sector', 'nr WB1 1', 'WEST1', 'postcode_sector', null, 'E01000004'],
    ['a sector beside a place in it: the place is more precise', 'the victoria WB1 1', null, 'premises', 'victoria-west', 'E01000004'],
    ['a postcode shape that is not real', 'WB9 9ZZ', 'WEST1', 'no_match', null, null],
  ])('%s: %j', (_behaviour, text, site, outcome, matchedId, lsoa) => {
    const result = geocoder.geocode({ text, siteCode: site });
    expect(result.outcome).toBe(outcome);
    expect(result.matchedId).toBe(matchedId);
    expect(result.lsoaCode).toBe(lsoa);
  });

  it('puts a junction on the crossing of the two lines', () => {
    const result = geocoder.geocode({ text: 'jct mill lane and church street', siteCode: 'WEST1' });
    expect([result.longitude, result.latitude]).toEqual([-0.095, 51.505]);
  });
});
