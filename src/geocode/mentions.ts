/**
 * Finds the names in a text: the longest gazetteer keys, allowing spelling
 * corrections, that may stand for a place. A key of generic words alone, a part
 * of a name followed by a place word, or a name followed by a kind word of
 * another kind ("Finsbury Park station" for a park) is not a mention.
 */
import type { LocatedPlace } from './gazetteer/load.ts';
import type { TokenCorrector } from './fuzzy.ts';
import type { PlaceIndex } from './place-index.ts';
import { strongest, type Candidate } from './candidates.ts';

export interface Mention {
  start: number;
  end: number;
  candidates: Candidate[];
  corrections: number;
}

/** Words that end a street name: after a name they mean the text names a street. */
const STREET_WORDS = new Set(['road', 'street', 'lane', 'avenue', 'gardens', 'grove', 'close', 'crescent', 'drive', 'terrace', 'parade', 'way', 'place', 'square', 'mews', 'rise', 'walk', 'row', 'hill', 'court']);

/**
 * Words that say what kind of place a name is: "Finsbury Park station" is a
 * station, so a park called Finsbury Park is not what the text means.
 */
const KIND_WORDS: Record<string, (place: LocatedPlace) => boolean> = {
  station: (place) => place.kind === 'landmark' && (place.category === 'station' || place.category === 'bus_station'),
  school: (place) => place.kind === 'landmark' && place.category === 'school',
};

/** Numbers people write in figures inside names ("7 sisters", "3 mills"). */
const NUMBER_WORDS: Record<string, string> = { '1': 'one', '2': 'two', '3': 'three', '4': 'four', '5': 'five', '6': 'six', '7': 'seven', '8': 'eight', '9': 'nine', '10': 'ten', '11': 'eleven', '12': 'twelve' };

export interface MentionFinder {
  findMentions(tokens: string[], blocked: Set<number>): Mention[];
}

export function createMentionFinder(index: PlaceIndex, corrector: TokenCorrector, structural: ReadonlySet<string>): MentionFinder {
  /** Alternatives for each token: itself when known or structural, else its spelling corrections. */
  function alternatives(tokens: string[]): Array<Array<{ token: string; corrected: boolean }>> {
    return tokens.map((token, i) => {
      // "st" was read as street or saint by position; the other reading stays open ("playground st josephs school").
      if ((token === 'street' || token === 'saint') && i < tokens.length - 1) {
        return [{ token, corrected: false }, { token: token === 'street' ? 'saint' : 'street', corrected: false }];
      }
      // "7 sisters": a number written in figures before a name that has it in words.
      const word = NUMBER_WORDS[token];
      if (word !== undefined && tokens[i + 1] !== undefined && index.isPrefix(`${word} ${tokens[i + 1]}`)) return [{ token, corrected: false }, { token: word, corrected: false }];
      const split = compoundSplit(token);
      if (index.vocabulary.has(token) || structural.has(token) || /\d/.test(token)) return split ? [{ token, corrected: false }, { token: split, corrected: false }] : [{ token, corrected: false }];
      const corrections = corrector.correct(token).filter((c) => !index.isGeneric(c.token) || c.distance === 1);
      return [{ token, corrected: false }, ...(split ? [{ token: split, corrected: false }] : []), ...corrections.map((c) => ({ token: c.token, corrected: true }))];
    });
  }

  /** "woodgreen" → "wood green" when both halves are gazetteer words (an alternative reading, not a replacement: "taproom" is a word too). */
  function compoundSplit(token: string): string | null {
    if (token.length < 7 || index.lookup(token) || structural.has(token) || /\d/.test(token)) return null;
    for (let k = 3; k <= token.length - 3; k++) {
      const left = token.slice(0, k);
      const right = token.slice(k);
      if (index.vocabulary.has(left) && index.vocabulary.has(right)) return `${left} ${right}`;
    }
    return null;
  }

  function findMentions(tokens: string[], blocked: Set<number>): Mention[] {
    const options = alternatives(tokens);
    const found: Mention[] = [];
    for (let start = 0; start < tokens.length; start++) {
      if (blocked.has(start)) continue;
      const best = longestKeyAt(tokens, options, start, blocked);
      if (best) found.push({ start, end: best.end, candidates: strongest(best.candidates), corrections: best.corrections });
    }
    // Longest first, then fewest corrections; keep those that do not overlap a better one.
    found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.corrections - b.corrections || a.start - b.start);
    const taken = new Set<number>();
    const chosen: Mention[] = [];
    for (const mention of found) {
      let overlaps = false;
      for (let k = mention.start; k < mention.end; k++) if (taken.has(k)) overlaps = true;
      if (overlaps) continue;
      for (let k = mention.start; k < mention.end; k++) taken.add(k);
      chosen.push(mention);
    }
    return chosen.sort((a, b) => a.start - b.start);
  }

  /**
   * The longest gazetteer key starting at `start`, walking token by token while
   * the words so far are the start of some key (so a string costs a handful of
   * map lookups), trying each token's spelling corrections; fewest corrections
   * win among keys of the same length.
   */
  function longestKeyAt(
    tokens: string[],
    options: Array<Array<{ token: string; corrected: boolean }>>,
    start: number,
    blocked: Set<number>,
  ): { end: number; candidates: Candidate[]; corrections: number } | null {
    let best: { end: number; candidates: Candidate[]; corrections: number } | null = null;
    const words: string[] = [];
    const walk = (position: number, key: string, corrections: number): void => {
      if (position >= tokens.length || blocked.has(position)) return;
      for (const option of options[position]!) {
        const nextKey = key === '' ? option.token : `${key} ${option.token}`;
        const nextCorrections = corrections + (option.corrected ? 1 : 0);
        words.push(option.token);
        const entries = index.lookup(nextKey);
        const end = position + 1;
        if (entries && (!best || end > best.end || (end === best.end && nextCorrections < best.corrections)) && acceptable(words, nextCorrections, followingWord(tokens, end), words.length === 1 ? tokens[start] : undefined, tokens[start - 1])) {
          best = { end, candidates: entries.map((e) => ({ place: e.place, strength: e.strength })), corrections: nextCorrections };
        }
        if (index.isPrefix(nextKey)) walk(end, nextKey, nextCorrections);
        words.pop();
      }
    };
    walk(start, '', 0);
    return best;
  }

  /**
   * The word after a name, for judging it, or undefined when it does not continue the name:
   * "st" read as street before a name word may be "saint" ("famous royal oak st james lane"),
   * and a word that starts another name found there begins a new phrase.
   */
  function followingWord(tokens: string[], end: number): string | undefined {
    const word = tokens[end];
    const next = tokens[end + 1];
    if (word === 'street' && next !== undefined && /^[a-z]+$/.test(next) && !structural.has(next) && !index.isGeneric(next)) return undefined;
    // "jolly fisherman north st": the next words are a name of their own, so the first name ends here.
    if (word !== undefined && next !== undefined && (index.lookup(`${word} ${next}`)?.length ?? 0) > 0) return undefined;
    return word;
  }

  /** Whether a key found in the text may stand for a place. */
  function acceptable(words: string[], corrections: number, following: string | undefined, typed: string | undefined, preceding: string | undefined): boolean {
    // Two letters swapped ("cronw") is the commonest slip, and safe even in a five-letter name.
    const lastTransposition = typed !== undefined && typed.length === words[0]?.length && [...typed].sort().join('') === [...words[0]].sort().join('');
    if (!isSpecific(words)) return false;
    // A corrected single short word is too weak a basis for a place.
    if (corrections > 0 && words.length === 1 && (words[0]?.length ?? 0) < 6 && !(words[0]!.length === 5 && lastTransposition)) return false;
    const entries = index.lookup(words.join(' ')) ?? [];
    // "by the clock tower", "lakeside": one ordinary word that is only part of a name
    // (Tower Cafe, Lakeside Cafe) is the word, not the place; the whole name still places.
    // A misspelt part of a name ("the chippy" for Chippy's Diner) is weaker still, and a part
    // after "st" is a saint's name (a church, a school), not the shop it is part of.
    if (words.length === 1 && entries.length > 0 && entries.every((e) => e.strength === 'weak') && (index.isOrdinary(words[0]!) || corrections > 0 || preceding === 'saint')) return false;
    // Generic words alone ("chicken shop", "the broadway shops") never place a premises or landmark;
    // a street of common words ("High Road") is still a street, settled or not by the rest.
    // A whole name of three or more common words ("best fish bar") is still that name: the
    // words together are not how anyone says "a shop".
    const wholeLongName = entries.some((e) => e.strength === 'name') && words.filter((t) => t !== 'the' && t !== 'and' && t !== 'of').length >= 3;
    if (words.every((t) => index.isGeneric(t)) && !wholeLongName && !entries.some((e) => e.place.kind === 'street' || e.place.kind === 'area')) return false;
    // "on the high street", "down the main road": a street name of common words after "the"
    // is the common noun, unless the street's own name has the article ("The Broadway").
    if (preceding === 'the' && words.every((t) => index.isGeneric(t)) && entries.length > 0 && entries.every((e) => e.place.kind === 'street' && !/^the\b/i.test(e.place.name))) return false;
    // "Crown Street" is a street we do not know, not The Crown with "street" left over.
    if (following !== undefined && STREET_WORDS.has(following)) {
      if (!entries.some((e) => e.place.kind === 'street')) return false;
    }
    // "Finsbury Park station" names a station: not a park, street or shop of that name.
    const kindWord = following !== undefined ? KIND_WORDS[following] : undefined;
    if (kindWord && !entries.some((e) => kindWord(e.place))) return false;
    // A part of a name ("Finsbury" of Finsbury Local) followed by a place word ("park") is a
    // different name that we do not know, not that place.
    if (following !== undefined && index.isGeneric(following) && !structural.has(following) && entries.every((e) => e.strength === 'weak')) return false;
    return true;
  }

  function isSpecific(tokens: string[]): boolean {
    if (tokens.some((t) => !index.isGeneric(t))) return true;
    return tokens.filter((t) => t !== 'the' && t !== 'and' && t !== 'of').length >= 2;
  }

  return { findMentions };
}
