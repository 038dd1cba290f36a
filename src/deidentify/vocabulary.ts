/**
 * The vocabularies free text is allow-listed against: what a stored, logged or
 * published free-text field may keep. Built from data only: the configured
 * gazetteer's place names (handed in as plain strings by whoever composes the
 * stages, since de-identification comes before geocoding), the location lexicon
 * and code lists in schemas/, and the area's postcode districts.
 *
 * Words are compared in a canonical form: lower case, accents and apostrophes
 * removed, shorthand expanded ("rd" → "road"), "street"/"saint" both "st", and
 * "the", "and", "&" ignored, so "o/s st anns rd" meets "St Ann's Road".
 */
import abbreviations from '../../schemas/code-lists/location-abbreviations.json' with { type: 'json' };
import freeText from '../../schemas/lexicons/free-text.json' with { type: 'json' };
import { locationTypeCodeList, relationshipCodeList, weaponCodeList, type CodeList } from '../../schemas/code-lists.ts';
import { isContent, tokenise, type Token } from './tokenise.ts';
import { normaliseFreeText } from './normalise-text.ts';

export interface FieldVocabulary {
  /** Single canonical words that may stand alone. */
  readonly words: ReadonlySet<string>;
  /** Whole names, as canonical token sequences joined by a space (numbers allowed). */
  readonly names: ReadonlySet<string>;
  /** Runs of two or more words inside a name (no numbers): "high road" of "High Road Cafe". */
  readonly nameParts: ReadonlySet<string>;
  /** Tokens in the longest name, bounding the search. */
  readonly longest: number;
  /** Postcode districts of the area ("N17"), which may stand alone. */
  readonly districts: ReadonlySet<string>;
  /** Titles, after which an unknown word is a [name]. */
  readonly titles: ReadonlySet<string>;
}

/** What the gazetteer gives: plain data, so that it can be sent to a worker thread. */
export interface PlaceVocabularyInput {
  placeNames: readonly string[];
  districts: readonly string[];
}

const SHORTHAND: ReadonlyMap<string, string> = new Map(
  Object.entries((abbreviations as { tokens: Record<string, string> }).tokens).filter(([, full]) => !full.includes(' ')),
);
const IGNORED = new Set(['the', 'and', '&']);
const SAINT_OR_STREET = new Set(['st', 'street', 'saint']);

/** A token's canonical form, or '' for a token the matcher skips. */
export function canonicalToken(token: Token): string {
  if (token.kind === 'number') return token.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (token.kind === 'postcode') return token.text.toUpperCase().replace(/\s/g, '');
  const word = token.text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '');
  if (IGNORED.has(word)) return '';
  if (SAINT_OR_STREET.has(word)) return 'st';
  return SHORTHAND.get(word) ?? word;
}

/** The canonical content tokens of a text ('' entries dropped). */
export function canonicalWords(text: string): string[] {
  return tokenise(normaliseFreeText(text))
    .filter(isContent)
    .map(canonicalToken)
    .filter((word) => word !== '');
}

function wordsOf(phrases: Iterable<string>, into: Set<string>): void {
  for (const phrase of phrases) for (const word of canonicalWords(phrase)) into.add(word);
}

function codeListWords(list: CodeList<string>, into: Set<string>): void {
  for (const category of list.categories) wordsOf([category.code.replace(/_/g, ' '), category.label, ...category.synonyms], into);
}

/** Every string in a JSON value (keys of objects too): the lexicon files are lists and maps of words. */
function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'description') continue;
      into.push(key);
      stringsIn(item, into);
    }
  }
  return into;
}

const MAX_NAME_TOKENS = 12;

function addNames(names: readonly string[], vocabulary: { names: Set<string>; nameParts: Set<string> }): number {
  let longest = 1;
  for (const name of names) {
    const tokens = tokenise(normaliseFreeText(name)).filter(isContent);
    const canonical = tokens.map(canonicalToken);
    const kept = canonical.filter((word) => word !== '');
    if (kept.length === 0 || kept.length > MAX_NAME_TOKENS) continue;
    vocabulary.names.add(kept.join(' '));
    longest = Math.max(longest, kept.length);
    // Word runs without numbers: a number survives only inside a whole name.
    const isNumber = tokens.filter((_, index) => canonical[index] !== '').map((token) => token.kind !== 'word');
    for (let start = 0; start < kept.length; start++) {
      for (let end = start + 2; end <= kept.length; end++) {
        if (isNumber[end - 1]) break;
        if (isNumber[start]) break;
        vocabulary.nameParts.add(kept.slice(start, end).join(' '));
      }
    }
  }
  return longest;
}

const TITLES: ReadonlySet<string> = new Set(freeText.titles);

/** The location vocabulary: place names of the area, the location lexicon, the code lists. */
export function buildLocationVocabulary(input: PlaceVocabularyInput): FieldVocabulary {
  const words = new Set<string>();
  wordsOf(freeText.location, words);
  wordsOf(stringsIn(abbreviations), words);
  codeListWords(locationTypeCodeList, words);
  codeListWords(relationshipCodeList, words);
  codeListWords(weaponCodeList, words);
  const names = new Set<string>();
  const nameParts = new Set<string>();
  const longest = addNames(input.placeNames, { names, nameParts });
  const districts = new Set(input.districts.map((district) => district.toUpperCase().replace(/\s/g, '')));
  return { words, names, nameParts, longest, districts, titles: TITLES };
}

/** The vocabulary of the method fields: weapon words, the weapon code list and the site's own weapon codes. */
export function buildWeaponVocabulary(siteCodes: readonly string[] = []): FieldVocabulary {
  const words = new Set<string>();
  wordsOf(freeText.weapon, words);
  codeListWords(weaponCodeList, words);
  const names = new Set<string>();
  const nameParts = new Set<string>();
  // A site's codes ("05", "W3") are whole values of the field, kept as sent for the audit of the mapping.
  const longest = addNames(siteCodes, { names, nameParts });
  return { words, names, nameParts, longest, districts: new Set(), titles: TITLES };
}
