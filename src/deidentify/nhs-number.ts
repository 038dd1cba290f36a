/**
 * NHS numbers: ten digits whose last is a modulus-11 check digit. The check lets
 * the scrubber tell an NHS number from any other ten-digit run, and lets the
 * repeat key be built only from numbers that can be real.
 */

/** The digits of a value, with spaces, dashes and any other separators dropped. */
export function digitsOf(value: string): string {
  // NFKC first: full-width digits are digits.
  return value.normalize('NFKC').replace(/\D+/g, '');
}

/**
 * True when `digits` is ten digits and its check digit is right: weights 10..2 on
 * the first nine digits, 11 minus the sum modulo 11 is the check digit (11 → 0;
 * 10 means the number was never issued).
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += Number(digits[index]) * (10 - index);
  const remainder = 11 - (sum % 11);
  const check = remainder === 11 ? 0 : remainder;
  if (check === 10) return false;
  return check === Number(digits[9]);
}

/** The ten digits of an NHS number sent in any layout ("943 476 5919", "943-476-5919"), or null when it is not a valid one. */
export function normaliseNhsNumber(value: string): string | null {
  const digits = digitsOf(value);
  return isValidNhsNumber(digits) ? digits : null;
}
