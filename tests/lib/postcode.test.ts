import { describe, expect, it } from 'vitest';
import { looksLikeOutwardCode, normalisePostcode, postcodeDistrict, postcodePattern, postcodeSector } from '../../src/lib/postcode.ts';

describe('postcode shapes', () => {
  it.each([
    ['n176he', 'N17 6HE'],
    [' N17  6HE ', 'N17 6HE'],
    ['ec1a1bb', 'EC1A 1BB'],
    ['N17-6HE', 'N17 6HE'],
    ['n17\t6he', 'N17 6HE'],
    ['10 past 5', null],
    ['N17', null],
    ['', null],
  ])('normalisePostcode(%j) = %j', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it('splits a postcode into sector and district', () => {
    expect([postcodeSector('IG11 8TU'), postcodeDistrict('IG11 8TU')]).toEqual(['IG11 8', 'IG11']);
    expect(postcodeSector('ig118tu')).toBe('IG11 8');
  });

  it('refuses to take the sector of a value that is not a postcode, without quoting it', () => {
    expect(() => postcodeSector('Flat 2 Mill Lane')).toThrow('Not a full postcode (length 16)');
  });

  it.each([
    ['n17', true],
    ['IG11', true],
    ['10', false],
  ])('%s looks like an outward code: %s', (value, expected) => {
    expect(looksLikeOutwardCode(value)).toBe(expected);
  });

  it.each<[string, string[]]>([
    ['o/s n17 9lz by the shops', ['n17 9lz']],
    ['N179LZ and IG11 8TU', ['N179LZ', 'IG11 8TU']],
    ['ref AB12CD345', []],
    ['10 past 5', []],
  ])('finds full postcodes standing alone in text: %j', (text, expected) => {
    expect([...text.matchAll(postcodePattern())].map((match) => match[0])).toEqual(expected);
  });
});
