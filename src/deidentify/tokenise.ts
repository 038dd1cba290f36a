/**
 * Splits normalised free text into tokens: words, numbers, full postcodes,
 * spaces and single marks. A number token takes in the separators inside a run
 * of digits ("943 476 5919", "12/03/1990", "07700-900-123" are one token each),
 * so a number written in pieces is still one thing to keep or drop.
 */

export type TokenKind = 'word' | 'number' | 'postcode' | 'space' | 'mark';

export interface Token {
  kind: TokenKind;
  text: string;
}

const TOKEN = new RegExp(
  [
    // Outward code, optional space, inward code, standing alone ("N17 6AB", "n176ab").
    String.raw`(?<postcode>(?<![\p{L}\p{N}])[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}(?![\p{L}\p{N}]))`,
    // Two-letter shorthand with a slash: "o/s", "b/w", "u/k".
    String.raw`(?<slash>(?<![\p{L}\p{N}])\p{L}{1,2}\/\p{L}{1,2}(?![\p{L}\p{N}]))`,
    String.raw`(?<number>\p{N}+(?:[\s./-]+\p{N}+)*[\p{L}\p{N}]*)`,
    String.raw`(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*)`,
    String.raw`(?<space>\s+)`,
    String.raw`(?<mark>.)`,
  ].join('|'),
  'gsu',
);

const HAS_DIGIT = /\p{N}/u;

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const groups = match.groups!;
    const value = match[0];
    let kind: TokenKind;
    if (groups.postcode !== undefined) kind = 'postcode';
    else if (groups.slash !== undefined) kind = 'word';
    else if (groups.number !== undefined) kind = 'number';
    else if (groups.word !== undefined) kind = HAS_DIGIT.test(value) ? 'number' : 'word';
    else if (groups.space !== undefined) kind = 'space';
    else kind = 'mark';
    tokens.push({ kind, text: value });
  }
  return tokens;
}

/** Tokens that carry meaning (words, numbers, postcodes), for matching against names. */
export function isContent(token: Token): boolean {
  return token.kind === 'word' || token.kind === 'number' || token.kind === 'postcode';
}
