import { describe, expect, it } from 'vitest';
import { allowedEdits, createTokenCorrector, editDistance, phoneticKey } from '../../src/geocode/fuzzy.ts';
import { createNormaliser } from '../../src/geocode/normalise.ts';

const normaliser = createNormaliser();

describe('normalising receptionists\' shorthand (from schemas/code-lists/location-abbreviations.json)', () => {
  it.each([
    ['o/s spoons wood grn', 'outside wetherspoon wood green'],
    ['jct of Philip Ln & Black Boy Ln', 'junction of philip lane and black boy lane'],
    ["pt's home", 'patients home'],
    ['u/k', 'unknown'],
    ['N/K', 'unknown'],
    ['Tottenham Hale stn', 'tottenham hale station'],
    ['Seven Sisters tube station', 'seven sisters station'],
    ['b/w the shops', 'between the shops'],
    ['opp McDonald\'s', 'opposite mcdonalds'],
    ['St Ann\'s Rd', 'saint anns road'],
    ['o/s St Ann\'s rd', 'outside saint anns road'],
    ['High St', 'high street'],
    ['45 High St N17', '45 high street n17'],
    ['Philip Ln/West Green Rd', 'philip lane and west green road'],
    // national brands however they are written: the dots of an initialism, "&", short forms
    ['inside K.F.C.', 'inside kfc'],
    ['inside K.F.C. in Barking', 'inside kfc in barking'],
    ['o/s j.d. sports', 'outside jd sports'],
    ['o/s M&S', 'outside marks and spencer'],
    ['The Co-operative', 'the co op'],
    ['maccies', 'mcdonalds'],
    // a possessive after an s is dropped whole
    ["St James's Lane", 'saint james lane'],
    // a local nickname is the area's alias data, not language: it stays as written
    ['ally pally', 'ally pally'],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliser.tokens(input).join(' ')).toBe(expected);
  });
});

describe('spelling correction against the gazetteer vocabulary', () => {
  const vocabulary = new Map([
    ['tottenham', 1],
    ['philip', 2],
    ['elmhurst', 1],
    ['cannington', 1],
    ['road', 400],
    ['lane', 300],
  ]);
  const corrector = createTokenCorrector(vocabulary);

  it.each([
    ['a dropped letter', 'philp', 'philip'],
    ['a swap', 'emlhurst', 'elmhurst'],
    ['two slips in a long word', 'totenhm', 'tottenham'],
    ['sounds alike', 'tottnam', 'tottenham'],
  ])('%s: %s → %s', (_name, typed, expected) => {
    expect(corrector.correct(typed)[0]?.token).toBe(expected);
  });

  it.each([
    ['a different first letter is a different name', 'annington'],
    ['too short to correct', 'rod'],
    ['too far off', 'trafalgar'],
    ['longer than any word by more than two letters', 'tottenhamtot'],
    ['a run of letters as long as a field allows', 'mum'.repeat(167)],
  ])('%s: %s has no correction', (_name, typed) => {
    expect(corrector.correct(typed)).toEqual([]);
  });

  it.each([
    ['kitten', 'sitting', 3],
    ['philp', 'philip', 1],
    ['emlhurst', 'elmhurst', 1],
  ])('edit distance %s ↔ %s is %i', (a, b, distance) => {
    expect(editDistance(a, b, 5)).toBe(distance);
  });

  it.each([
    [3, 0],
    [5, 1],
    [9, 2],
  ])('a %i-letter word may be %i edits off', (length, edits) => {
    expect(allowedEdits(length)).toBe(edits);
  });

  it('gives words that sound alike the same phonetic key', () => {
    expect(phoneticKey('tottnam')).toBe(phoneticKey('tottenham'));
  });
});
