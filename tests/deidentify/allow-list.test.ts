/**
 * The allow-list, table by table: what free text keeps (the words of places) and
 * what it loses (everything else), on wording that no rule names. The place
 * names are a small made-up gazetteer; the real-place test checks the real ones.
 */
import { describe, expect, it } from 'vitest';
import { allowListText } from '../../src/deidentify/allow-list.ts';
import { countIdentifiers } from '../../src/deidentify/identifier-detectors.ts';
import { closeUpDigitRuns, normaliseFreeText } from '../../src/deidentify/normalise-text.ts';
import { tokenise } from '../../src/deidentify/tokenise.ts';
import { buildLocationVocabulary, buildWeaponVocabulary } from '../../src/deidentify/vocabulary.ts';

const places = buildLocationVocabulary({
  placeNames: ['High Road', "St Ann's Road", 'The Grey Heron', 'No. 8', 'Seven Sisters Station', 'Bruce Grove', 'Platform 9 Bar', 'Chick King'],
  districts: ['N15', 'N17'],
});
const weapons = buildWeaponVocabulary(['05', 'W3']);
const location = (text: string) => allowListText(text, places).text;

describe('normalising', () => {
  it.each([
    ['full-width digits', '０７７００ ９００１２３', '07700 900123'],
    ['zero-width characters between digits', '943\u200b476\u200d5919', '9434765919'],
    ['a soft hyphen and a byte-order mark', 'o/s\u00ad\ufeff Bruce Grove', 'o/s Bruce Grove'],
    ['no-break and thin spaces', '943\u00a0476\u20095919', '943 476 5919'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseFreeText(input)).toBe(expected);
  });

  it.each(['943 476 5919', '943.476.5919', '943/476/5919', '943 - 476 - 5919', '943  476  5919'])('closes up the digit run in %s', (input) => {
    expect(closeUpDigitRuns(input)).toBe('9434765919');
    expect(tokenise(input)).toEqual([{ kind: 'number', text: input }]);
  });
});

describe('location text keeps the words of places', () => {
  it.each([
    ['a place name with shorthand', 'o/s the grey heron, high rd', 'o/s the grey heron, high rd'],
    ['a saint and a street', 'jct st anns rd & high road', 'jct st anns rd & high road'],
    ['a number inside a place name', 'fight in No. 8 then platform 9 bar', 'fight in No. 8 then platform 9 bar'],
    ['the same number outside it', 'fight in No. 9 then platform 8', 'fight in No. [number] then platform [number]'],
    ['a district and the sector of a full postcode', 'nr N17, o/s shops N15 4AB', 'nr N17, o/s shops N15 4'],
    ['capitals', 'OUTSIDE SEVEN SISTERS STATION', 'OUTSIDE SEVEN SISTERS STATION'],
  ])('%s', (_name, input, expected) => {
    expect(location(input)).toBe(expected);
  });
});

describe('and nothing else', () => {
  it.each([
    ['a possessive without a title', "outside hildegard's flat", 'outside [word] flat'],
    ['a lower-case name', 'punched by marguerite osei-tutu', 'punched by [word]-[word]'],
    ['initials', 'with J.R. Abernethy', 'with [word].[word]. [word]'],
    ['a name after a title', 'Mrs Fairweather-Kowal hit him', 'Mrs [name]-[word] hit him'],
    ['a relative by first name', 'her brother Cosmo o/s Chick King', 'her brother [word] o/s Chick King'],
    ['a house name', 'Rowanberry Cottage, Bruce Grove', '[word], Bruce Grove'],
    ['a word of a place name on its own', 'Grey Lodge, Bruce Grove', '[word], Bruce Grove'],
    ['a house number before a street', 'o/s 117 high road', 'o/s [number] high road'],
    ['a flat number', 'flat 4c, 9-11 Bruce Grove', 'flat [number], [number] Bruce Grove'],
    ['an NHS number in pieces', 'ref 943.476.5919 high rd', '[word] [number] high rd'],
    ['an email address', 'o/s No. 8 anya.kowalski@example.org', 'o/s No. 8 [word].[word]@[word].[word]'],
    ['a number beside a place-name number', 'No. 8, 88', 'No. 8, [number]'],
    ['two numbers run together', 'No. 8 88', 'No. [number]'],
  ])('%s', (_name, input, expected) => {
    expect(location(input)).toBe(expected);
  });

  it('writes a run of removed words as one placeholder, so not even its length is kept', () => {
    expect(location('Alphonsine Marie Delacroix-Ngata o/s high rd')).toBe('[word] [word]-[word] o/s high rd'.replace('[word] [word]', '[word]'));
  });
});

describe('the method fields keep weapon words and the site codes', () => {
  it.each([
    ['a code-list word', 'broken bottle', 'broken bottle'],
    ["a site's own code", '05', '05'],
    ['a name', "Tobias's cricket bat", '[word] cricket bat'],
    ['a number', 'knife 15cm', 'knife [number]'],
  ])('%s', (_name, input, expected) => {
    expect(allowListText(input, weapons).text).toBe(expected);
  });
});

describe('counting what was removed, by kind (never the values)', () => {
  it.each<[string, string, Record<string, number>]>([
    ['an NHS number however it is spaced', normaliseFreeText('nhs 943 476 5919'), { nhs_number: 1 }],
    ['a mobile number in pieces', normaliseFreeText('07700-900-123'), { phone: 1 }],
    ['a date', '12.3.1990', { date_of_birth: 1 }],
    ['an email', 'a.b@example.org', { email: 1 }],
    ['a house number on a street', '14 Elmcroft Rd', { private_address: 1 }],
    ['nothing in plain place text', 'o/s the grey heron', {}],
  ])('%s', (_name, input, expected) => {
    expect(countIdentifiers(input)).toEqual(expected);
  });
});
