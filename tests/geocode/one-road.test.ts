/**
 * One long road stored as several street records is one street, and two streets
 * named together with nothing else are where they meet: table rows on the real
 * open data of the two boroughs (skipped without ../shared/data).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createGeocoder } from '../../src/geocode/geocoder.ts';
import { createOneRoad } from '../../src/geocode/same-road.ts';
import type { Geocoder, GeocodeOutcome } from '../../src/geocode/types.ts';
import { hasSharedData, sharedGazetteer } from './shared-data.ts';

const DAGENHAM_SITE = 'RF4DG';
const WHITTINGTON_SITE = 'RKEQ4';

/** [behaviour, text, site, expected outcome, expected matched name (or null), expected LSOA (or null)] */
type Case = [string, string, string, GeocodeOutcome, string | null, string | null];

describe.skipIf(!hasSharedData)('one road stored as several records, and junctions, on the real gazetteer', () => {
  let geocoder: Geocoder;
  beforeAll(() => {
    geocoder = createGeocoder(sharedGazetteer());
  });

  const cases: Case[] = [
    ['a long road whose premises fall into two clusters in one postcode district is one street', 'heathway', DAGENHAM_SITE, 'street', 'Heathway', null],
    ['the same with a house number', '[number] heathway', DAGENHAM_SITE, 'street', 'Heathway', null],
    ['a road of two records in one district, named in full', 'parsloes avenue', DAGENHAM_SITE, 'street', 'Parsloes Avenue', null],
    ['a district in the text joins the records of the road in it', '[number] ripple rd ig11', DAGENHAM_SITE, 'street', 'Ripple Road', null],
    ['same-named roads in different districts of one borough stay ambiguous (High Road N17 and N22)', 'high road', WHITTINGTON_SITE, 'ambiguous', null, null],
    ['so do two Park Roads', 'park road', WHITTINGTON_SITE, 'ambiguous', null, null],
    ['a district still selects one of them', 'park road n8', WHITTINGTON_SITE, 'street', 'Park Road', 'E01002024'],
    ['two streets joined by "x" are their junction when one pair of records meets', 'wightman rd x turnpike lane', WHITTINGTON_SITE, 'junction', 'Wightman Road / Turnpike Lane', null],
    ['the same joined by a slash', 'wightman rd / turnpike lane', WHITTINGTON_SITE, 'junction', 'Wightman Road / Turnpike Lane', null],
    ['a junction with a road of several records is the pair that meets', 'parsloes ave / heathway', DAGENHAM_SITE, 'junction', 'Parsloes Avenue / Heathway', 'E01000013'],
    ['a junction word still works as before', 'wightman rd jct turnpike lane', WHITTINGTON_SITE, 'junction', 'Wightman Road / Turnpike Lane', null],
    ['a street that meets two same-named roads in different districts is ambiguous', 'high road x lordship lane', WHITTINGTON_SITE, 'ambiguous', null, null],
  ];

  it.each(cases)('%s: %j', (_behaviour, text, site, outcome, name, lsoa) => {
    const result = geocoder.geocode({ text, siteCode: site });
    expect(result.outcome).toBe(outcome);
    if (name !== null) expect(result.matchedName).toBe(name);
    if (lsoa !== null) expect(result.lsoaCode).toBe(lsoa);
    if (outcome === 'street' || outcome === 'junction') expect(result.lsoaCode).not.toBeNull();
  });

  it('joins same-named street records by their own postcode district only', () => {
    const gazetteer = sharedGazetteer();
    const oneRoad = createOneRoad(gazetteer);
    const named = (name: string) => gazetteer.places.filter((p) => p.kind === 'street' && p.name === name && p.districts);
    const [heathwayA, heathwayB] = named('Heathway');
    expect(oneRoad(heathwayA!, heathwayB!)).toBe(true);
    const highRoads = named('High Road').filter((p) => p.ladCode === 'E09000014');
    expect(highRoads.length).toBe(2);
    expect(oneRoad(highRoads[0]!, highRoads[1]!)).toBe(false);
  });
});
