/**
 * Texts that say where the assault was without naming a place: a home ("pt's
 * flat", "at a friends house") or a location not known ("u/k", "pt unable to
 * say"). Both are recognised before any place lookup, from the word lists in
 * schemas/code-lists/location-abbreviations.json.
 */
import { ABBREVIATIONS } from './normalise.ts';

export interface TextKinds {
  isHomeText(tokens: string[]): boolean;
  isUnknownText(tokens: string[]): boolean;
  /** Whether some token is an unknown word ("unknown - pt confused"), for texts that named nothing. */
  mentionsUnknown(tokens: string[]): boolean;
}

/** `structural`: relation and filler words, which an unknown phrase may contain. */
export function createTextKinds(structural: ReadonlySet<string>): TextKinds {
  const unknownPhrases = new Set(ABBREVIATIONS.unknownPhrases);
  const unknownPhrasesLongestFirst = [...unknownPhrases].sort((a, b) => b.length - a.length);
  const unknownWords = new Set([...unknownPhrases].flatMap((phrase) => phrase.split(' ')));
  const homeWords = new Set(ABBREVIATIONS.homeWords);
  const homeOwners = new Set(ABBREVIATIONS.homeOwners);
  const homeAlone = new Set(ABBREVIATIONS.homeAlone);
  const notHomeBefore = new Set(ABBREVIATIONS.notHomeBefore);
  const unknownNegators = new Set(ABBREVIATIONS.unknownNegators);
  const unknownVerbs = new Set(ABBREVIATIONS.unknownVerbs);

  function isHomeText(tokens: string[]): boolean {
    const content = tokens.filter((t) => t !== 'the' && t !== 'a');
    if (homeAlone.has(content.join(' '))) return true;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (!homeWords.has(token)) continue;
      const before = tokens[i - 1];
      if (token === 'home') {
        if (before !== undefined && notHomeBefore.has(before)) continue;
        if (tokens[i + 1] === 'from') continue;
        return true;
      }
      // "pts flat", "friends house", "at his own flat": an owner within two words before.
      const owner = [tokens[i - 1], tokens[i - 2]].some((word) => word !== undefined && homeOwners.has(word) && word !== 'at' && word !== 'in');
      if (owner) return true;
    }
    return false;
  }

  /** "pt unable to say", "doesnt remember where": a negator followed within three words by a knowledge word. */
  function deniesKnowing(tokens: string[]): boolean {
    for (let i = 0; i < tokens.length; i++) {
      if (!unknownNegators.has(tokens[i]!)) continue;
      for (let k = i + 1; k <= i + 4 && k < tokens.length; k++) if (unknownVerbs.has(tokens[k]!)) return true;
    }
    return false;
  }

  function isUnknownText(tokens: string[]): boolean {
    if (deniesKnowing(tokens)) return true;
    // Structural words stay when they belong to an unknown phrase ("not stated", "refused to say").
    const content = tokens.filter((t) => !structural.has(t) || unknownWords.has(t));
    if (content.length === 0) return false;
    // Quick exit for the common case: a word that is in no unknown phrase.
    if (content.some((t) => !unknownWords.has(t))) return false;
    const text = content.join(' ');
    if (unknownPhrases.has(text)) return true;
    // Every word belongs to some unknown phrase: "unknown not known", "refused unknown".
    let rest = ` ${text} `;
    for (const phrase of unknownPhrasesLongestFirst) rest = rest.split(` ${phrase} `).join('  ');
    return rest.trim() === '';
  }

  return { isHomeText, isUnknownText, mentionsUnknown: (tokens) => tokens.some((t) => unknownPhrases.has(t)) };
}
