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
    ['a road that runs on across a postcode-district boundary is one street', 'white hart lane', WHITTINGTON_SITE, 'street', 'White Hart Lane', null],
    ['a long road whose data has a gap across a district boundary is one road when its other record lies on its line', 'ripple rd', DAGENHAM_SITE, 'street', 'Ripple Road', null],
    ['the same for a road that leaves the borough and comes back in another district', 'seven sisters rd', WHITTINGTON_SITE, 'street', 'Seven Sisters Road', null],
    ['two same-named roads off each other\'s line stay two (The Broadway N8 and N22)', 'the broadway', WHITTINGTON_SITE, 'ambiguous', null, null],
    ['a bus stop named after a street, a little way off it, is not a second street of the name', 'ballards rd', DAGENHAM_SITE, 'street', 'Ballards Road', null],
    ['two long roads meet where their known points come closest, not in the middle of their overlapping boxes', 'philip lane / high road', WHITTINGTON_SITE, 'junction', 'Philip Lane / High Road', 'E01001981'],
    ['an area named with a junction picks the pair that meets in that area', 'lordship lane jct high rd wood green', WHITTINGTON_SITE, 'junction', 'Lordship Lane / High Road', null],
    ['a junction of a road that crosses a district boundary', 'seven sisters rd x high road', WHITTINGTON_SITE, 'junction', 'Seven Sisters Road / High Road', null],
  ];

  it.each(cases)('%s: %j', (_behaviour, text, site, outcome, name, lsoa) => {
    const result = geocoder.geocode({ text, siteCode: site });
    expect(result.outcome).toBe(outcome);
    if (name !== null) expect(result.matchedName).toBe(name);
    if (lsoa !== null) expect(result.lsoaCode).toBe(lsoa);
    if (outcome === 'street' || outcome === 'junction') expect(result.lsoaCode).not.toBeNull();
  });

  it('joins same-named street records by their own postcode district, or where their points come close', () => {
    const gazetteer = sharedGazetteer();
    const oneRoad = createOneRoad(gazetteer);
    const named = (name: string) => gazetteer.places.filter((p) => p.kind === 'street' && p.name === name && p.districts);
    const [heathwayA, heathwayB] = named('Heathway');
    expect(oneRoad(heathwayA!, heathwayB!)).toBe(true);
    const highRoads = named('High Road').filter((p) => p.ladCode === 'E09000014');
    expect(highRoads.length).toBe(2);
    expect(oneRoad(highRoads[0]!, highRoads[1]!)).toBe(false);
    const whiteHartLane = named('White Hart Lane').filter((p) => p.districts!.includes('N22'));
    const whiteHartLaneN17 = named('White Hart Lane').filter((p) => p.districts!.join() === 'N17' && (p.points?.length ?? 0) > 1);
    expect(oneRoad(whiteHartLane[0]!, whiteHartLaneN17[0]!)).toBe(true);
  });

  it('gives each street the points known on it: its addresses, premises, stops and police.uk points', () => {
    const gazetteer = sharedGazetteer();
    const streets = gazetteer.places.filter((p) => p.kind === 'street');
    const withPoints = streets.filter((p) => (p.points?.length ?? 0) > 1);
    // Many small streets have one police.uk point only; the longer ones, where streets meet, have several.
    expect(withPoints.length).toBeGreaterThan(streets.length / 4);
    for (const street of withPoints) {
      const [west, south, east, north] = street.bbox!;
      for (const [x, y] of street.points!) expect(x >= west && x <= east && y >= south && y <= north).toBe(true);
    }
    // A bus stop or police.uk point of a street already known is one of its points, not a second record of the name.
    expect(streets.filter((p) => p.name === 'Ballards Road').length).toBe(1);
  });
});
