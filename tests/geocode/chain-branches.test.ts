/**
 * A chain brand with a locating word: the branches "in" the area the text names
 * are those whose register address names it, or that lie close to the area's
 * point (its place node, a station of its name) or beside premises the register
 * addresses to it; a locality or site that only the register's addresses name
 * ("Chadwell Heath", a parade) locates a chain too. One such branch places the
 * text; several leave it `ambiguous`; a branch is never chosen because it is
 * nearer the centre. Brands are recognised however the register or the staff
 * spell them. Table tests on the real open data of the two boroughs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createGeocoder } from '../../src/geocode/geocoder.ts';
import { PLACED_OUTCOMES, type Geocoder, type GeocodeOutcome } from '../../src/geocode/types.ts';
import { BARKING_SITE, HARINGEY_SITE, hasSharedData, sharedGazetteer } from './shared-data.ts';

/** [behaviour, text, site, expected outcome ('unplaced' = any outcome without a point), expected LSOA (or null)] */
type Case = [string, string, string, GeocodeOutcome | 'unplaced', string | null];

describe.skipIf(!hasSharedData)('chain brands with a locating word, on the real Haringey and Barking & Dagenham gazetteer', () => {
  let geocoder: Geocoder;
  beforeAll(() => {
    geocoder = createGeocoder(sharedGazetteer());
  });

  const cases: Case[] = [
    // several branches in the area named: ambiguous, however close together they are
    ['three branches whose addresses name the area leave the chain ambiguous', 'tesco express wood green', HARINGEY_SITE, 'ambiguous', null],
    ['two branches a few doors apart are two branches, not two records of one', 'subway barking', BARKING_SITE, 'ambiguous', null],
    ['two branches in the area, one of them in a named site, leave the bare area ambiguous', 'o/s mcdonalds wood green', HARINGEY_SITE, 'ambiguous', null],
    ['two branches addressed to the same town leave it ambiguous', 'dominos tottenham', HARINGEY_SITE, 'ambiguous', null],
    ['a brand nickname with a town holding two branches is ambiguous', 'maccies tottenham', HARINGEY_SITE, 'ambiguous', null],
    ['a chain with many branches in the town is ambiguous', 'tesco dagenham', BARKING_SITE, 'ambiguous', null],
    ['a chain whose register spells its branches differently is still one chain', 'co-op dagenham', BARKING_SITE, 'ambiguous', null],
    ['a branch whose register entry names no town is in the town its neighbours\' entries name', 'charcoal grill tottenham', HARINGEY_SITE, 'ambiguous', null],
    ['a branch in a ward whose name holds the area\'s is a candidate, whatever town its register entry gives', 'kfc barking', BARKING_SITE, 'ambiguous', null],
    // exactly one branch selected: placed
    ['a brand with an apostrophe in the register is found without it', 'nandos wood green', HARINGEY_SITE, 'premises', 'E01002029'],
    ['a brand written with its apostrophe finds the same branch', "domino's pizza hornsey", HARINGEY_SITE, 'premises', 'E01001990'],
    ['a brand initialism with an ampersand finds the brand', 'm&s crouch end', HARINGEY_SITE, 'premises', 'E01001988'],
    ['the brand in full beside an area is the branch there, not a street of the area\'s name', 'marks and spencer muswell hill', HARINGEY_SITE, 'premises', 'E01002022'],
    ['a branch in a retail park addressed to the town is the one branch in that town', 'kfc tottenham', HARINGEY_SITE, 'premises', 'E01033944'],
    ['a brand known in the register by a longer company name is the brand', 'morrisons wood green', HARINGEY_SITE, 'premises', 'E01002029'],
    ['the one branch of a chain in the town', 'morrisons dagenham', BARKING_SITE, 'premises', 'E01000060'],
    ['a chain name of two words, shorter than the register\'s, finds its branches', 'favorite chicken wood green', HARINGEY_SITE, 'premises', 'E01001970'],
    ['a locality the register addresses use, with one branch there, places the branch', 'dominos chadwell heath', BARKING_SITE, 'premises', 'E01000032'],
    ['a parade named in one branch\'s address selects that branch', 'co-op faircross parade', BARKING_SITE, 'premises', 'E01000070'],
    // no branch there: never the area, never a far branch
    ['a chain with no branch in the area is not placed at the area', 'dominos wood green', HARINGEY_SITE, 'unplaced', null],
    ['a chain with no branch in the area is not placed at a branch elsewhere', 'nandos dagenham', BARKING_SITE, 'unplaced', null],
    ['a brand the gazetteer does not hold, beside an area, is a place there we cannot find, not the area', 'wingstop barking', BARKING_SITE, 'unplaced', null],
    ['a locality only the register addresses name, with no branch there, is not a branch elsewhere', 'kfc chadwell heath', BARKING_SITE, 'unplaced', null],
  ];

  it.each(cases)('%s: %j', (_behaviour, text, site, outcome, lsoa) => {
    const result = geocoder.geocode({ text, siteCode: site });
    if (outcome === 'unplaced') expect(PLACED_OUTCOMES.has(result.outcome), `${result.outcome} ${result.matchedName ?? ''}`).toBe(false);
    else expect(result.outcome, `${result.method} ${result.matchedName ?? ''} ${result.lsoaCode ?? ''} ${(result.candidates ?? []).join('; ')}`).toBe(outcome);
    if (lsoa !== null) expect(result.lsoaCode).toBe(lsoa);
    if (outcome === 'ambiguous') expect(result.candidates?.length ?? 0).toBeGreaterThan(1);
  });
});
