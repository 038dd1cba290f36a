/**
 * Spelling correction for single tokens against the gazetteer's vocabulary.
 * Edit distance (Damerau–Levenshtein, one edit for short words, two for long
 * ones) found through a deletion index (the SymSpell idea: a misspelling and
 * its word share a deletion), then a phonetic key for what edits miss
 * ("tottnum" → "tottenham"). Ties go to the rarer word, because rare tokens are
 * the ones that name places; common ones ("road", "the") are never corrected to.
 */

export interface TokenCorrection {
  token: string;
  distance: number;
}

export interface TokenCorrector {
  /** Vocabulary tokens this one may be a misspelling of, best first; empty when none is close. */
  correct(token: string): readonly TokenCorrection[];
  /** How many gazetteer keys use the token (0 when it is not in the vocabulary). */
  frequency(token: string): number;
}

export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[rows * cols - 1]!;
}

/** Edits allowed for a token of this length: none below 4 letters (too many short words collide). */
export function allowedEdits(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

function deletions(word: string, depth: number, out: Set<string>): void {
  if (depth === 0 || word.length <= 1) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(shorter)) {
      out.add(shorter);
      deletions(shorter, depth - 1, out);
    }
  }
}

/** A rough English phonetic key: first letter, then consonant classes, vowels and doubles dropped. */
export function phoneticKey(word: string): string {
  const value = word
    .replace(/ph/g, 'f')
    .replace(/ck|q/g, 'k')
    .replace(/gh(?=[^aeiou]|$)/g, '')
    .replace(/wr/g, 'r')
    .replace(/kn/g, 'n')
    .replace(/[csz](?=[eiy])/g, 's')
    .replace(/x/g, 'ks');
  const first = value.charAt(0);
  const rest = value
    .slice(1)
    .replace(/[aeiouyhw]/g, '')
    .replace(/[ck]/g, 'k')
    .replace(/[sz]/g, 's')
    .replace(/[dt]/g, 't')
    .replace(/[bp]/g, 'p')
    .replace(/(.)\1+/g, '$1');
  return first + rest;
}

export function createTokenCorrector(vocabulary: ReadonlyMap<string, number>, protectedTokens: ReadonlySet<string> = new Set()): TokenCorrector {
  const deletionIndex = new Map<string, string[]>();
  const phoneticIndex = new Map<string, string[]>();
  const add = (index: Map<string, string[]>, key: string, token: string): void => {
    const list = index.get(key);
    if (list) list.push(token);
    else index.set(key, [token]);
  };
  for (const token of vocabulary.keys()) {
    if (token.length < 4 || /\d/.test(token) || protectedTokens.has(token)) continue;
    const variants = new Set<string>([token]);
    deletions(token, allowedEdits(token.length), variants);
    for (const variant of variants) add(deletionIndex, variant, token);
    add(phoneticIndex, phoneticKey(token), token);
  }
  // No word is within two edits of a token more than two letters longer than the longest
  // word, so such a token is answered at once: its deletions alone (every way of dropping
  // two letters) made a hostile run of 500 letters cost a third of a second.
  let longestWord = 0;
  for (const token of vocabulary.keys()) longestWord = Math.max(longestWord, token.length);
  const cache = new Map<string, readonly TokenCorrection[]>();

  return {
    frequency: (token) => vocabulary.get(token) ?? 0,
    correct(token: string): readonly TokenCorrection[] {
      const cached = cache.get(token);
      if (cached) return cached;
      let result: TokenCorrection[] = [];
      const limit = allowedEdits(token.length);
      if (limit > 0 && !/\d/.test(token) && token.length <= longestWord + limit) {
        const variants = new Set<string>([token]);
        deletions(token, limit, variants);
        const seen = new Set<string>();
        for (const variant of variants) {
          for (const candidate of deletionIndex.get(variant) ?? []) {
            if (seen.has(candidate)) continue;
            seen.add(candidate);
            // Slips rarely touch the first letter; a different first letter is usually a different name ("Annington" is not "Cannington").
            if (candidate.charAt(0) !== token.charAt(0)) continue;
            const distance = editDistance(token, candidate, Math.min(limit, allowedEdits(candidate.length)));
            if (distance <= Math.min(limit, allowedEdits(candidate.length))) result.push({ token: candidate, distance });
          }
        }
        if (result.length === 0 && token.length >= 6) {
          // Sounds alike and is still close in spelling: "tottnum" → "tottenham", not "edith" → "eade";
          // two edits only to a long word, as above ("police" is not "palace").
          for (const candidate of phoneticIndex.get(phoneticKey(token)) ?? []) {
            if (candidate.charAt(0) === token.charAt(0) && candidate.length >= 8 && editDistance(token, candidate, 2) <= 2) result.push({ token: candidate, distance: 2 });
          }
        }
        result.sort((a, b) => a.distance - b.distance || (vocabulary.get(a.token) ?? 0) - (vocabulary.get(b.token) ?? 0) || (a.token < b.token ? -1 : 1));
        result = result.slice(0, 3);
      }
      if (cache.size > 50000) cache.clear();
      cache.set(token, result);
      return result;
    },
  };
}
