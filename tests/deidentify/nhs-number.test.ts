import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, normaliseNhsNumber } from '../../src/deidentify/nhs-number.ts';

describe('isValidNhsNumber: the modulus-11 check digit', () => {
  it.each([
    ['9434765919', true, 'a published example'],
    ['4010232137', true, 'check digit computed from weights 10..2'],
    ['9876543210', true, 'remainder 0 gives check digit 0'],
    ['9434765918', false, 'last digit off by one'],
    ['1234567890', false, 'check digit would be 10: never issued'],
    ['943476591', false, 'nine digits'],
    ['94347659190', false, 'eleven digits'],
    ['943 476 5919', false, 'spaces are not digits (normalise first)'],
    ['94347659l9', false, 'a letter among the digits'],
  ])('%s → %s (%s)', (digits, expected) => {
    expect(isValidNhsNumber(digits)).toBe(expected);
  });
});

describe('normaliseNhsNumber', () => {
  it.each([
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    [' 9434765919 ', '9434765919'],
    ['943 476 5918', null],
    ['', null],
    ['not known', null],
  ])('%j → %j', (value, expected) => {
    expect(normaliseNhsNumber(value)).toBe(expected);
  });
});
