/**
 * Where the registers say premises are: the parts of an address around its
 * street, and the runs of a text's words that name one of them.
 */
import { describe, expect, it } from 'vitest';
import { addressParts, localityPhrases } from '../../src/geocode/localities.ts';

describe('address parts around the street', () => {
  const cases: Array<[string, string, string, string[], string[]]> = [
    ['a site before the street and the town after it', 'Unit 3, Hollywood Green, 180 High Road, Wood Green, London', 'High Road', [' hollywood green '], [' wood green ', ' london ']],
    ['a street named after a town is not that town', '102a Dagenham Road, Rush Green', 'Dagenham Road', [], [' rush green ']],
    ['an address with no town names none', 'Eldonwall Trading Estate, Whalebone Lane South', 'Whalebone Lane South', [' eldonwall trading estate '], []],
    ['a unit number is not a site', 'Unit 21a, Vicarage Field Shopping Centre, Ripple Road, Barking', 'Ripple Road', [' vicarage field shopping centre '], [' barking ']],
    ['numbers and unit words are where inside a site', 'Unit 6 & 7 Barking Central, Aboretum Place, Ripple Road', 'Aboretum Place', [' barking central '], []],
    ['a second street after the premises\' street is not a town', '23 Faircross Parade, Longbridge Road, Barking', 'Faircross Parade', [], [' barking ']],
  ];
  it.each(cases)('%s: %j', (_behaviour, address, street, sites, towns) => {
    expect(addressParts({ address, street })).toEqual({ sites, towns });
  });

  it('reads nothing from an address without its street', () => {
    expect(addressParts({ address: 'Billet Road, Chadwell Heath' })).toBeNull();
    expect(addressParts({ street: 'Billet Road' })).toBeNull();
  });
});

describe('locality phrases in a text', () => {
  const known = new Set([' chadwell heath ', ' dagenham ', ' dagenham leisure park ', ' leisure park ', ' tottenham ']);
  const localities = { isKnown: (name: string) => known.has(name) };
  const distinctive = (token: string): boolean => !['leisure', 'park', 'south'].includes(token);
  const phrases = (text: string, taken: number[] = [], whole: Array<{ start: number; end: number }> = []): string[] => {
    const tokens = text.split(' ');
    return localityPhrases(tokens, (i) => !taken.includes(i), distinctive, localities, whole).map((p) => p.name.trim());
  };

  it('finds the longest run the registers use, beside the words already named', () => {
    expect(phrases('kfc chadwell heath', [0])).toEqual(['chadwell heath']);
    expect(phrases('mcdonalds dagenham leisure park', [0])).toEqual(['dagenham leisure park']);
  });
  it('needs a word that is not common: "leisure park" alone is no place', () => {
    expect(phrases('kfc leisure park', [0])).toEqual([]);
  });
  it('takes an area named in the text whole or not at all: "south tottenham" does not yield "tottenham"', () => {
    expect(phrases('kfc south tottenham', [0], [{ start: 1, end: 3 }])).toEqual([]);
  });
});
