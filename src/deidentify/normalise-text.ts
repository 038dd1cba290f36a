/**
 * The first step for every free-text field, before anything looks at it: one
 * character form for one meaning, so that every way of writing one number is one
 * token. NFKC folds full-width digits and letters, ligatures and no-break spaces;
 * invisible characters (zero-width spaces and joiners, soft hyphens, byte-order
 * marks, bidirectional controls) are removed, so "943\u200b476 5919" cannot slip
 * between the digits of a rule; control characters become spaces.
 */

/** Format characters (Unicode category Cf: zero-width, soft hyphen, BOM, direction marks) and variation selectors. */
const INVISIBLE = /[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

export function normaliseFreeText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, ' ');
}

/**
 * Separators inside a run of digits closed up: "943 476 5919", "943.476.5919",
 * "943/476/5919" and "943 - 476 - 5919" all become "9434765919". For the
 * identifier detectors, which count what the allow-list removes.
 */
export function closeUpDigitRuns(text: string): string {
  return text.replace(/(\p{N})(?:[\s./-]+)(?=\p{N})/gu, '$1');
}
