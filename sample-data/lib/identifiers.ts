/**
 * Identifiers that slip into real extracts by mistake, made safely fictional:
 * NHS numbers from the 999 test range (valid by the modulus-11 check, so a
 * scrubber that checks them must still catch them), Ofcom's drama phone ranges
 * (07700 900xxx, 01632 960xxx), example.com addresses and invented names. The
 * de-identify stage must remove every one of them before anything is stored.
 */
import type { IdentifierField } from '../../src/validate/types.ts';
import type { Random } from './random.ts';

/** A 10-digit NHS number starting 999 whose check digit is right. */
export function fictionalNhsNumber(random: Random): string {
  for (;;) {
    const digits = [9, 9, 9, ...Array.from({ length: 6 }, () => random.integer(0, 9))];
    const sum = digits.reduce((total, digit, index) => total + digit * (10 - index), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return [...digits, check === 11 ? 0 : check].join('');
  }
}

export const spacedNhsNumber = (nhsNumber: string) => `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;

const FIRST_NAMES = ['Darren', 'Kelly', 'Jason', 'Leanne', 'Wayne', 'Stacey', 'Craig', 'Gemma', 'Lee', 'Kirsty', 'Dean', 'Donna'];
const LAST_NAMES = ['Holt', 'Pearce', 'Whitfield', 'Brennan', 'Cartwright', 'Dobson', 'Fairclough', 'Gillespie', 'Hargreaves', 'Kershaw'];

export const fictionalFirstName = (random: Random) => random.pick(FIRST_NAMES);
export const fictionalFullName = (random: Random) => `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
export const fictionalLastName = (random: Random) => random.pick(LAST_NAMES);
export const fictionalMobile = (random: Random) => `07700 900${String(random.integer(0, 999)).padStart(3, '0')}`;
export const fictionalLandline = (random: Random) => `01632 960${String(random.integer(0, 999)).padStart(3, '0')}`;
export const fictionalHospitalNumber = (random: Random) => `BB${String(random.integer(0, 9_999_999)).padStart(7, '0')}`;
export function fictionalDateOfBirth(random: Random): string {
  return `${String(random.integer(1, 28)).padStart(2, '0')}/${String(random.integer(1, 12)).padStart(2, '0')}/${random.integer(1958, 2007)}`;
}

/** An identifier planted in a generated file, so tests can prove it never gets further than the raw extract. */
export interface PlantedIdentifier {
  kind: IdentifierField;
  /** Header of the column it sits in. */
  field: string;
  /** The exact string planted (for identifier columns, each value). */
  value: string;
}
