/**
 * The name index the matcher searches: every gazetteer place under the keys a
 * receptionist might use for it. "The Mossy Well" is found as "mossy well";
 * "McDonald's Restaurants Ltd" as "mcdonalds"; Tottenham Hale station as
 * "tottenham hale station" and, more weakly, "tottenham hale"; "Park View
 * Academy" as "park view school". Keys are normalised token lists joined by
 * spaces, built with the same normaliser as queries.
 */
import type { LocatedPlace } from './gazetteer/load.ts';
import genericWords from '../../schemas/code-lists/generic-words.json' with { type: 'json' };
import { ABBREVIATIONS, type Normaliser } from './normalise.ts';
import { isOrdinaryWord, ordinaryWordsAmong } from './ordinary-words.ts';
import { addBrandKeys } from './brands.ts';

/** How directly a key names its place: weak keys lose to any other key of the same span. */
export type KeyStrength = 'name' | 'alias' | 'weak';

export interface KeyedPlace {
  place: LocatedPlace;
  strength: KeyStrength;
}

export interface PlaceIndex {
  lookup(key: string): readonly KeyedPlace[] | undefined;
  /** Whether some longer key starts with these words ("tottenham hale" for "tottenham hale station"). */
  isPrefix(key: string): boolean;
  /** Token → number of keys using it: the rarity that weighs fuzzy matches. */
  readonly vocabulary: ReadonlyMap<string, number>;
  /** Longest key, in tokens. */
  readonly maxKeyTokens: number;
  /** Words too common to name a place on their own ("road", "green", "the", "station"). */
  isGeneric(token: string): boolean;
  /** Words of the language (ordinary-words.ts): a part of a name that is one of them does not name the place. */
  isOrdinary(token: string): boolean;
}

/**
 * Words of the language that never name a place alone (schemas/code-lists/generic-words.json);
 * the index adds the gazetteer's own common words to them.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(genericWords.words);

/** Company-form words: dropping them changes nothing about which place is meant. */
const LEGAL_SUFFIXES = [['ltd'], ['limited'], ['plc'], ['gmbh'], ['uk'], ['llp'], ['co']];

/** Every form of the name with trailing suffix words removed one at a time: "a b express ltd" → ["a b express", "a b"]. */
function stripSuffixes(tokens: string[], suffixes: string[][]): string[][] {
  const forms: string[][] = [];
  let current = tokens;
  let changed = true;
  while (changed && current.length > 1) {
    changed = false;
    for (const suffix of suffixes) {
      if (suffix.length < current.length && suffix.every((word, k) => current[current.length - suffix.length + k] === word)) {
        current = current.slice(0, current.length - suffix.length);
        forms.push(current);
        changed = true;
        break;
      }
    }
  }
  return forms;
}

/** A premises name as words, without a leading "the" and trailing company-form words ("ltd", "plc"). */
function nameTokens(place: Pick<LocatedPlace, 'name'>, normaliser: Normaliser): string[] {
  const tokens = normaliser.tokens(place.name).filter((t, i) => i > 0 || t !== 'the');
  return stripSuffixes(tokens, LEGAL_SUFFIXES).at(-1) ?? tokens;
}

/**
 * A premises name without its trailing generic words ("boots the chemists" →
 * "boots"), or null when that leaves nothing or nothing was removed.
 */
export function brandOf(place: Pick<LocatedPlace, 'name' | 'kind'>, normaliser: Normaliser): string[] | null {
  if (place.kind !== 'premises') return null;
  const short = nameTokens(place, normaliser);
  let end = short.length;
  while (end > 0 && (GENERIC_WORDS.has(short[end - 1]!) || short[end - 1] === 'and')) end--;
  return end > 0 && end < short.length ? short.slice(0, end) : null;
}

const SCHOOL_WORDS = ABBREVIATIONS.schoolWords.map((phrase) => phrase.split(' ')).sort((a, b) => b.length - a.length);

/** Words that put a school in the primary phase, or the secondary one. */
const PRIMARY_PHASE_WORDS = new Set(['primary', 'junior', 'juniors', 'infant', 'infants', 'nursery']);
const SECONDARY_PHASE_WORDS = new Set(['secondary', 'high', 'college']);

/** Phases of a school that its name may carry, as people shorten them ("juniors", "infants"). */
const SCHOOL_PHASES = new Set(['junior', 'infant', 'nursery', 'secondary']);

/** A school's name without its kind, phase and denomination: "saint marys priory" of "St Mary's Priory Catholic Junior School". */
export function schoolCore(tokens: string[]): string[] {
  const core: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = i === 0 ? undefined : SCHOOL_WORDS.find((words) => words.every((w, k) => tokens[i + k] === w));
    if (phrase) i += phrase.length;
    else core.push(tokens[i++]!);
  }
  return core.length > 0 ? core : tokens;
}

/** The keys of one place, strongest first. */
export function placeKeys(place: Pick<LocatedPlace, 'name' | 'kind' | 'category' | 'aliases'>, normaliser: Normaliser, areaNames: ReadonlySet<string> = new Set()): Array<[string[], KeyStrength]> {
  const keys: Array<[string[], KeyStrength]> = [];
  const add = (tokens: string[], strength: KeyStrength): void => {
    if (tokens.length > 0) keys.push([tokens, strength]);
  };
  const clean = (name: string): string[] => {
    const tokens = normaliser.tokens(name);
    return tokens[0] === 'the' && tokens.length > 1 ? tokens.slice(1) : tokens;
  };
  const tokens = clean(place.name);
  const isStation = place.kind === 'landmark' && place.category === 'station';
  // A station is named "Wood Green" in the data, but "Wood Green" alone means the district.
  if (!isStation && place.category !== 'bus_stop') add(tokens, 'name');
  if (place.kind === 'premises') {
    // Without "Ltd", "Express", "Public House": how people say it, but weaker, since
    // "Wood Green Express Ltd" stripped is also the name of a district.
    const legal = stripSuffixes(tokens, LEGAL_SUFFIXES);
    for (const form of legal) add(form, 'name');
    for (const form of stripSuffixes(legal.at(-1) ?? tokens, ABBREVIATIONS.nameSuffixes.map((s) => s.split(' ')))) add(form, 'weak');
    for (const alias of place.aliases ?? []) add(clean(alias), 'alias');
  } else if (isStation) {
    const base = tokens.at(-1) === 'station' ? tokens.slice(0, -1) : tokens;
    add([...base, 'station'], 'name');
    add(base, 'weak');
    // "heathway station" for Dagenham Heathway: a station named with the town it is in
    // first goes by the rest of its name, when that rest is a name and not a direction.
    for (let k = 1; k < base.length; k++) {
      const rest = base.slice(k);
      if (areaNames.has(base.slice(0, k).join(' ')) && rest.some((t) => !GENERIC_WORDS.has(t))) add([...rest, 'station'], 'name');
    }
  } else if (place.kind === 'landmark' && place.category === 'school') {
    // "St Mary's CofE Primary School" is "st marys school" to most people; a shorter
    // form ("harris school", "st pauls school") names every school it starts, so
    // those keys are weak and a shared one comes out ambiguous.
    const core = schoolCore(tokens);
    // The kind words people put after any school's name ("robert clack high", "X academy"),
    // and the school's own phase in either number ("bounds green juniors" for a Junior School).
    // A school whose name gives its phase is not called by the other phase's word: Highgate
    // Wood Secondary School is never "highgate primary", nor a Junior School "X high".
    const phases = tokens.flatMap((t) => (SCHOOL_PHASES.has(t.replace(/s$/, '')) ? [t.replace(/s$/, ''), `${t.replace(/s$/, '')}s`] : []));
    const primaryPhase = tokens.some((t) => PRIMARY_PHASE_WORDS.has(t));
    const secondaryPhase = tokens.some((t) => SECONDARY_PHASE_WORDS.has(t));
    const kindWords = ['school', 'academy', ...(secondaryPhase ? [] : ['primary']), ...(primaryPhase ? [] : ['high', 'college']), ...phases];
    // "our lady muswell" for Our Lady of Muswell: the "of" is often left out.
    const cores = core.includes('of') ? [core, core.filter((t) => t !== 'of')] : [core];
    for (const form of cores) for (const word of kindWords) add([...form, word], 'name');
    for (const form of cores) add(form, 'weak');
    for (let k = core.length - 1; k >= 1; k--) {
      const prefix = core.slice(0, k);
      if (prefix.every((t) => t === 'saint' || GENERIC_WORDS.has(t))) break;
      for (const word of ['school', 'academy', ...(secondaryPhase ? [] : ['primary'])]) add([...prefix, word], 'weak');
    }
  } else if (place.kind === 'landmark' && place.category === 'bus_stop') {
    // A stop named after a landmark ranks below it: only a weak key.
    add(tokens.filter((t) => t !== 'stop'), 'weak');
  }
  for (const alias of place.kind === 'premises' ? [] : (place.aliases ?? [])) add(clean(alias), 'alias');
  // "Brookside centre" for "Brookside Shopping Centre": the middle word people leave out.
  if ((place.kind === 'landmark' || place.kind === 'premises') && tokens.includes('shopping')) add(tokens.filter((t) => t !== 'shopping'), 'weak');
  if (place.kind === 'area') {
    if (tokens.at(-1) === 'estate') add(tokens.slice(0, -1), 'name');
    else add([...tokens, 'estate'], 'name');
  }
  return keys;
}

/**
 * "heath way" for Heathway, "long bridge rd" for Longbridge Road: a name word made of
 * two words of the language is also written as the two. The first split into words of
 * three letters or more is the one kept.
 */
const splits = new Map<string, string[] | null>();
function splitWord(token: string): string[] | null {
  if (splits.has(token)) return splits.get(token)!;
  let result: string[] | null = null;
  if (token.length >= 7 && /^[a-z]+$/.test(token)) {
    for (let k = 3; k <= token.length - 3 && !result; k++) {
      const left = token.slice(0, k);
      const right = token.slice(k);
      if (isOrdinaryWord(left) && isOrdinaryWord(right)) result = [left, right];
    }
  }
  if (splits.size > 100000) splits.clear();
  splits.set(token, result);
  return result;
}

/** The keys, each marked false, then their split forms, marked true. */
function withSplitWords(keys: Array<[string[], KeyStrength]>): Array<[string[], KeyStrength, boolean]> {
  const more: Array<[string[], KeyStrength, boolean]> = [];
  for (const [tokens, strength] of keys) {
    const at = tokens.findIndex((token) => splitWord(token) !== null);
    if (at >= 0 && !isOrdinaryWord(tokens[at]!)) more.push([[...tokens.slice(0, at), ...splitWord(tokens[at]!)!, ...tokens.slice(at + 1)], strength, true]);
  }
  return [...keys.map(([tokens, strength]): [string[], KeyStrength, boolean] => [tokens, strength, false]), ...more];
}

export function createPlaceIndex(places: readonly LocatedPlace[], normaliser: Normaliser): PlaceIndex {
  const byKey = new Map<string, KeyedPlace[]>();
  const vocabulary = new Map<string, number>();
  const prefixes = new Set<string>();
  let maxKeyTokens = 1;
  const areaNames = new Set(places.filter((place) => place.kind === 'area').map((place) => normaliser.tokens(place.name).join(' ')));
  for (const place of places) {
    const seen = new Set<string>();
    for (const [tokens, strength, split] of withSplitWords(placeKeys(place, normaliser, areaNames))) {
      const key = tokens.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const list = byKey.get(key);
      if (list) list.push({ place, strength });
      else byKey.set(key, [{ place, strength }]);
      maxKeyTokens = Math.max(maxKeyTokens, tokens.length);
      for (let k = 1; k < tokens.length; k++) prefixes.add(tokens.slice(0, k).join(' '));
      // A split form's halves are not words of the gazetteer: "fields" from "Greatfields" must not stop "vicarage fields" being read as "vicarage field".
      if (!split) for (const token of new Set(tokens)) vocabulary.set(token, (vocabulary.get(token) ?? 0) + 1);
    }
  }
  // The brand before the words that say what kind of shop it is: "Boots The Chemists" and
  // "Nando's Chicken" are branches of a brand some other premises is known by ("Boots",
  // "Nando's Restaurant"), so a bare brand finds them all and one branch is never chosen
  // for want of the others. A brand no other premises has is not made a key: "Ilford Food
  // Centre" does not make "ilford" a shop.
  for (const place of places) {
    const brand = brandOf(place, normaliser);
    const list = brand ? byKey.get(brand.join(' ')) : undefined;
    if (list && list.some((e) => e.place.kind === 'premises') && !list.some((e) => e.place === place)) list.push({ place, strength: 'weak' });
  }
  // A word in more than 2 % of keys is common whatever it is ("food", "road").
  const commonThreshold = Math.max(20, byKey.size * 0.02);
  const ordinary = ordinaryWordsAmong(vocabulary.keys());
  const isGeneric = (token: string): boolean => GENERIC_WORDS.has(token) || /^\d+[a-z]?$/.test(token) || (vocabulary.get(token) ?? 0) > commonThreshold;
  const isOrdinary = (token: string): boolean => ordinary.has(token);
  // Chains under the brand their branches share ("dominos" for every "Domino's Pizza"): brands.ts.
  addBrandKeys(places, { nameTokens: (place) => nameTokens(place, normaliser), brandOf: (place) => brandOf(place, normaliser), isGeneric, isOrdinary }, byKey, prefixes);
  return {
    isOrdinary,
    lookup: (key) => byKey.get(key),
    isPrefix: (key) => prefixes.has(key),
    vocabulary,
    maxKeyTokens,
    isGeneric,
  };
}
