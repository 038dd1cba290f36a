/**
 * Free-text scrubbing: takes what reception staff typed in a location or method
 * field and removes everything that identifies a person, while keeping what
 * places the assault (street, premises, junction, landmark, postcode sector).
 *
 * Precision matters as much as recall: "o/s The Queens Head", "jct of Philip Ln &
 * Black Boy Ln" and "Tottenham Hale stn" must reach the geocoder untouched. So
 * every rule needs a context before it removes a word that could be a place: a
 * title, a relationship word, a home cue, or the row's own identifier columns.
 * Bare digits are the exception: a long run of digits is never a place.
 *
 * Rules run in a fixed order, each on the output of the one before, and replace
 * what they remove by a neutral token ("[name]", "[phone]") so the text still reads.
 */
import type { IdentifierFields } from '../validate/types.ts';
import type { ScrubbedKind } from './types.ts';
import { digitsOf, isValidNhsNumber } from './nhs-number.ts';
import { normalisePostcode, postcodePattern, postcodeSector } from '../lib/postcode.ts';
import { ASSAULT_VERBS, DOMESTIC_WORDS, GIVEN_NAMES, NOT_NAME_WORDS, PLACE_WORDS, RELATIONSHIP_WORDS, STREET_SUFFIXES, TITLES } from './lexicon.ts';

export interface ScrubOptions {
  /** The site's hospital-number pattern (config `hospitalNumberPattern`): a regular expression source. */
  hospitalNumberPattern?: string | RegExp | null;
  /**
   * The identifier columns of the same row. Their values are removed wherever they
   * recur in the text (the patient's own name, street and postcode are the likeliest
   * identifiers to appear there), and the home postcode marks the text as a home.
   */
  knownIdentifiers?: IdentifierFields;
}

export interface ScrubResult {
  text: string;
  /** How many identifiers of each kind were removed (never the values). */
  found: Partial<Record<ScrubbedKind, number>>;
  /** The text describes a private home (the patient's or someone else's). */
  isHome: boolean;
  /** Full postcodes found in the text, normalised ("N17 9LZ"), in order, without repeats: for the geocoder only. */
  postcodes: string[];
}

/** What each kind is replaced by in the text. Postcodes are replaced by their sector instead. */
export const SCRUB_TOKENS: Record<Exclude<ScrubbedKind, 'full_postcode'>, string> = {
  nhs_number: '[nhs number]',
  hospital_number: '[hospital number]',
  phone: '[phone]',
  email: '[email]',
  date_of_birth: '[dob]',
  private_address: '[address]',
  person_name: '[name]',
};

/** Bounded repeats (RFC 5321 lengths) keep a long text full of dots from backtracking for seconds. */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}\s?@\s?(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z])/g;

const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
/** 12/03/1990, 12-3-90, 12.03.1990, 1990-03-12, 12 March 1990, 12th Mar 1990, March 12 1990. */
const DATE = String.raw`(?:\d{1,2}[\/.\-]\d{1,2}[\/.\-](?:\d{4}|\d{2})|\d{4}[\/.\-]\d{1,2}[\/.\-]\d{1,2}|\d{1,2}(?:st|nd|rd|th)?[ \-]?${MONTH}[ \-,]*\d{4}|${MONTH}[ \-]?\d{1,2}(?:st|nd|rd|th)?,?[ \-]?\d{4})`;
const DOB_KEYWORD = String.raw`(?:d\.?[ ]?o\.?[ ]?b\.?|date[ ]of[ ]birth|birth[ ]?date|born(?:[ ]on)?|b\.)`;
const DATE_OF_BIRTH = new RegExp(String.raw`(?<![A-Za-z])${DOB_KEYWORD}\s*[:\-=]?\s*${DATE}(?![\d])`, 'gi');
/** After a birth keyword a date may be spaced out ("DOB 12 03 1990") or run together ("dob 12031990"). */
const DATE_OF_BIRTH_LOOSE = new RegExp(String.raw`(?<![A-Za-z])${DOB_KEYWORD}\s*[:\-=]?\s*(?:\d{1,2}\s+\d{1,2}\s+(?:\d{4}|\d{2})|\d{6}(?:\d{2})?)(?![\d])`, 'gi');
/** A full date on its own: location text has no reason to carry one, and a birth date is the likeliest. */
const BARE_DATE = new RegExp(String.raw`(?<![\d\/.\-])${DATE}(?![\d\/\-]|\.\d|[A-Za-z])`, 'gi');

const HOSPITAL_NUMBER_KEYWORD = new RegExp(
  String.raw`(?<![A-Za-z])(?:m\.?r\.?n\.?|hosp(?:ital)?\.?\s*(?:no|num|number|#|id|ref)\.?|unit\s*(?:no|number)\.?|pas\s*(?:no|number|id)?\.?|k\s*(?:no|number)\.?|crn|case\s*notes?\s*(?:no|number)\.?|pt\s*(?:id|no|number)\.?|patient\s*(?:id|no|number)\.?|local\s*(?:patient\s*)?id)\s*[:#.\-=]?\s*[A-Za-z]{0,3}[ \-]?\d(?:[ \-]?\d){3,14}[A-Za-z]?(?![A-Za-z0-9])`,
  'gi',
);
/** Letters then six or more digits ("RF1234567", "K0123456", "H123456"): the shape of most MRNs; never a place. */
const HOSPITAL_NUMBER_SHAPE = /(?<![A-Za-z0-9])[A-Za-z]{1,3}\d{6,10}[A-Za-z]?(?![A-Za-z0-9])/g;
/** Ten digits, spaced 3-3-4 or not: an NHS number when the check digit is right. */
const TEN_DIGITS = /(?<![\d+]|\d\.)\d{3}[ \-.]?\d{3}[ \-.]?\d{4}(?!\d)/g;
/** +44 / 0044 / (0) prefixes, then 9 or 10 digits with single separators between them. */
const PHONE = /(?<![\d+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s\-.()]{0,2}\d){8,9}(?!\d)/g;
/** Nine or more digits with at most single separators: some kind of reference number whatever its shape. */
const LONG_NUMBER = /(?<![\d+]|\d\.)\d(?:[ \-.]?\d){8,}(?!\d)/g;
/** Seven or eight digits on their own: a hospital number without its keyword. */
const BARE_NUMBER = /(?<![\w+])\d{7,8}(?![\w])/g;

const SUFFIX_ALTERNATION = [...STREET_SUFFIXES].sort((a, b) => b.length - a.length).join('|');
const HOUSE_NUMBER = String.raw`(?:(?:flat|flt|apt|apartment|unit|room|rm)\.?\s*\d{1,4}[a-z]?\s*[,/]?\s*)?\d{1,4}[a-z]?(?:\s*[-/]\s*\d{1,4}[a-z]?)?`;
/** A house number, up to three words and a street word: "14 Elm Rd", "3b Acacia Ave", "flat 2, 10-12 The High Road". */
const ADDRESS = new RegExp(String.raw`(?<![\w\/])${HOUSE_NUMBER},?\s+((?:[A-Za-z'’]+\s+){0,3})(?:${SUFFIX_ALTERNATION})\b\.?`, 'gi');
/** A flat or apartment number is a dwelling wherever it appears. */
const FLAT_NUMBER = /(?<![A-Za-z])(?:flat|flt|apt|apartment)\.?\s*(?:no\.?\s*)?\d{1,4}[a-z]?(?![A-Za-z0-9])/gi;

const RELATIONSHIP_ALTERNATION = [...RELATIONSHIP_WORDS].sort((a, b) => b.length - a.length).join('|');
/** Whose dwelling a phrase names: pronouns, the patient, anyone in a relationship word. */
const HOME_OWNERS = String.raw`(?:pt|px|patient|victim|his|her|their|my|own|parents?|family|someone|somebody|${RELATIONSHIP_ALTERNATION})`;
const DWELLING = String.raw`(?:home|house|flat|address|addr|bedsit|residence|room|property|accommodation|bungalow|maisonette)`;
/** Phrases that make the location a private home. */
const HOME_CUE = new RegExp(
  [
    String.raw`\b${HOME_OWNERS}(?:['’]?s|s['’])?\s+(?:own\s+)?${DWELLING}\b`,
    // "Dave's flat" is a home; a children's or care home is an institution, not a private dwelling.
    String.raw`\b(?!children['’]s\b)[A-Za-z]+['’]s\s+(?:own\s+)?(?:home|house|flat|bedsit)\b`,
    // "at her mums 22 Acacia Ave", "friend's, 4 Elm Rd": someone's place, then a house number.
    String.raw`\b(?:${RELATIONSHIP_ALTERNATION})(?:['’]s|s['’]?)\s*[,:\-]?\s*(?:flat\s*)?\d`,
    String.raw`\bat\s+home\b(?!\s+(?:bargains|base|office|depot|ground|stadium))`,
    String.raw`\b(?:home|own)\s+addr(?:ess)?\b`,
    // Location text names a business or a street; "address", "lives at" name where someone lives.
    String.raw`\baddr(?:ess)?\b\s*[:\-]?\s*(?:flat\s*)?\d`,
    String.raw`\b(?:lives|living|stays|staying|resides|residing)\s+(?:at|in)\b`,
    String.raw`\b(?:residential|private|domestic|usual)\s+(?:address|residence|dwelling|property)\b`,
    String.raw`\bprivate\s+(?:house|home|flat)\b`,
    String.raw`\bin\s+(?:the\s+)?(?:home|flat)\b`,
    String.raw`^\W*home\W*$`,
    String.raw`^\W*home\b(?=\s*[-:,(])`,
  ].join('|'),
  'i',
);

/** A relationship word (with "ex"/"ex-" before it) or a naming phrase, after which a name is written. */
const NAME_INTRODUCER = new RegExp(
  String.raw`\b(?:(?:ex|x)[\s\-]?)?(?:${RELATIONSHIP_ALTERNATION}|known\s+as|aka|a\.k\.a\.|called|named|name\s+is)(?![A-Za-z0-9'’])`,
  'gi',
);
/** Words after which a known given name is a person: "assaulted by Dave Jones", "argued with kevin". */
const PERSON_CONTEXT = /\b(?:by|with|and|from|named|called)\s+/gi;
const TITLE = new RegExp(String.raw`\b(${[...TITLES].join('|')})\b\.?\s+`, 'gi');
/** The text just before a relationship word, when it ends in a name: "Dave (", "John Smith, her ", "Dave Jones his ex-". */
const NAME_BEFORE_RELATIONSHIP =
  /([A-Za-z][A-Za-z'’\-]*(?:\s+[A-Za-z][A-Za-z'’\-]*)?)(\s*\(\s*|\s*[,\-]\s*(?:(?:his|her|their|pts?|pt['’]s|patients?|patient['’]s)\s+)?|\s+(?:his|her|their|pt['’]?s|patient['’]?s)\s+)$/i;

const NAME_TOKEN = /\s*([A-Za-z][A-Za-z]*(?:['’][A-Za-z]+|-[A-Za-z]+)*\.?)/y;
const NEXT_WORD = /\s*([A-Za-z]+)/y;
const DWELLING_AFTER_POSSESSIVE = new Set(['house', 'flat', 'home', 'place', 'address', 'bedsit']);

function lowerWord(token: string): string {
  return token.toLowerCase().replace(/['’]s$/, '').replace(/\.$/, '');
}

function isPlaceWord(word: string): boolean {
  return STREET_SUFFIXES.has(word) || PLACE_WORDS.has(word);
}

interface NameRun {
  start: number;
  end: number;
}

/** Whether `token`, the `index`-th word of a name run (after `previous`), can be part of a name. */
type NameTokenTest = (token: string, index: number, previous: string) => boolean;

/** In running text a name is capitalised, except a known given name written first in lower case ("boyfriend dave"). */
const acceptsCapitalised: NameTokenTest = (token, index, previous) =>
  /^[A-Z]/.test(token) ||
  (index === 0 && GIVEN_NAMES.has(lowerWord(token))) ||
  // "boyfriend dave smith": after a known given name in lower case, the surname is in lower case too.
  (index === 1 && /^[a-z]/.test(previous) && GIVEN_NAMES.has(lowerWord(previous)));

/**
 * After a relationship word staff write names in any case ("boyfriend dariusz okonkwo",
 * "bf Dave smith"): any word that is not a function, place or narrative word, and not a
 * lone lower-case letter. Over-scrubbing a verb there costs little; a leaked name costs a lot.
 */
const acceptsAfterRelationship: NameTokenTest = (token) => /^[A-Z]/.test(token) || token.length >= 2;

/**
 * After a title the next word is a name in any case ("mr smith"); a second word
 * is a name when it is capitalised or the first was an initial ("Mr J. Smith").
 */
const acceptsAfterTitle: NameTokenTest = (token, index, previous) => index === 0 || /^[A-Z]/.test(token) || /^[A-Za-z]\.?$/.test(previous);

/**
 * Reads up to `maxTokens` name-like words from `from`: capitalised words (or a
 * known given name in lower case first), not function words, not street or place
 * words. Returns null when there is none, or when the words turn out to be a
 * place ("Bruce Grove", "Tottenham Hale stn") or a business ("Mother Kelly's").
 */
interface NameRunOptions {
  maxTokens?: number;
  accepts?: NameTokenTest;
  /**
   * After a relationship word, a given name then a street word is a person with a surname
   * like Hill, Green or Lane ("stepdad Gary Hill"). Elsewhere "by Mary Lane" is a street.
   */
  streetWordSurname?: boolean;
}

function readNameRun(text: string, from: number, options: NameRunOptions = {}): NameRun | null {
  const { maxTokens = 3, accepts = acceptsCapitalised, streetWordSurname = false } = options;
  let position = from;
  let start = -1;
  let count = 0;
  let lastToken = '';
  while (count < maxTokens) {
    NAME_TOKEN.lastIndex = position;
    const match = NAME_TOKEN.exec(text);
    if (!match) break;
    const token = match[1]!;
    const word = lowerWord(token);
    if (NOT_NAME_WORDS.has(word) || TITLES.has(word)) break;
    // "o/s", "n/k", "x2": shorthand and counts, not names.
    if (/^[\/\d]/.test(text.charAt(match.index + match[0].length))) break;
    const surname =
      streetWordSurname && count === 1 && STREET_SUFFIXES.has(word) && /^[A-Z]/.test(token) && GIVEN_NAMES.has(lowerWord(lastToken));
    if (isPlaceWord(word) && !surname) {
      if (count > 0) return null;
      break;
    }
    if (!accepts(token, count, lastToken)) break;
    if (start < 0) start = match.index + match[0].length - token.length;
    position = match.index + match[0].length;
    lastToken = token;
    count++;
    if (surname || /['’]s$/i.test(token)) break;
  }
  if (count === 0) return null;
  NEXT_WORD.lastIndex = position;
  const next = NEXT_WORD.exec(text);
  const nextWord = next ? next[1]!.toLowerCase() : '';
  if (isPlaceWord(nextWord)) return null;
  if (/['’]s$/i.test(lastToken) && !DWELLING_AFTER_POSSESSIVE.has(nextWord)) return null;
  return { start, end: position };
}

/** The word before `index`, in lower case ('' at the start). Looks back a bounded way so long texts stay linear. */
function previousWord(text: string, index: number): string {
  const before = /([A-Za-z]+)[^A-Za-z]{0,8}$/.exec(text.slice(Math.max(0, index - 48), index));
  return before ? before[1]!.toLowerCase() : '';
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const compiledSitePatterns = new Map<string, RegExp>();

/**
 * The site pattern for searching inside text: anchors dropped, bounded by
 * non-alphanumerics. Compiled once per pattern (a run scrubs millions of texts).
 */
export function compileHospitalNumberPattern(pattern: string | RegExp): RegExp {
  const source = (typeof pattern === 'string' ? pattern : pattern.source).replace(/^\^/, '').replace(/\$$/, '');
  let compiled = compiledSitePatterns.get(source);
  if (compiled) return compiled;
  try {
    compiled = new RegExp(String.raw`(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])`, 'gi');
  } catch (error) {
    throw new Error(`Invalid hospitalNumberPattern ${JSON.stringify(source)}: ${(error as Error).message}`);
  }
  compiledSitePatterns.set(source, compiled);
  return compiled;
}

/** What the scrubber looks for of a row's own identifier columns, worked out once per row. */
interface KnownValues {
  /** Name words of the name and next-of-kin columns ("Mr John O'Neil-Smith" → john, o'neil-smith), without titles or function words. */
  nameWords: string[];
  /** (house number, first street word) pairs of the address column: "Flat 2, 14 Elm Road" → "14 elm". */
  addressKeys: Set<string>;
  homePostcode: string | null;
  /** The hospital number without spaces or dashes, lower case, for a cheap look before building its pattern. */
  hospitalNumber: string | null;
}

const EMPTY_KNOWN: KnownValues = { nameWords: [], addressKeys: new Set(), homePostcode: null, hospitalNumber: null };
/** The three free-text fields of a row share one identifiers object: prepare it once. */
const preparedKnown = new WeakMap<IdentifierFields, KnownValues>();

function prepareKnown(identifiers: IdentifierFields | undefined): KnownValues {
  if (!identifiers) return EMPTY_KNOWN;
  let known = preparedKnown.get(identifiers);
  if (known) return known;
  const nameWords = new Set<string>();
  for (const value of [identifiers.patientName, identifiers.nextOfKin]) {
    if (!value) continue;
    for (const raw of value.split(/[^A-Za-z'’\-]+/)) {
      const word = raw.toLowerCase().replace(/^['’\-]+|['’\-]+$/g, '');
      if (word.length < 2 || TITLES.has(word) || NOT_NAME_WORDS.has(word) || isPlaceWord(word)) continue;
      nameWords.add(word);
    }
  }
  const addressKeys = new Set<string>();
  for (const match of (identifiers.address ?? '').matchAll(/(?<![\w])(\d{1,4}[a-z]?)\s*,?\s+([A-Za-z'’]+)/gi)) {
    addressKeys.add(`${match[1]!.toLowerCase()} ${match[2]!.toLowerCase()}`);
  }
  const hospitalNumber = identifiers.hospitalNumber?.replace(/[\s\-]+/g, '').toLowerCase() ?? '';
  known = {
    nameWords: [...nameWords],
    addressKeys,
    homePostcode: identifiers.patientPostcode ? normalisePostcode(identifiers.patientPostcode) : null,
    hospitalNumber: hospitalNumber.length >= 3 ? hospitalNumber : null,
  };
  preparedKnown.set(identifiers, known);
  return known;
}

class Scrubber {
  text: string;
  readonly found: Partial<Record<ScrubbedKind, number>> = {};
  isHome = false;
  readonly postcodes: string[] = [];

  constructor(text: string) {
    this.text = text;
  }

  count(kind: ScrubbedKind): void {
    this.found[kind] = (this.found[kind] ?? 0) + 1;
  }

  /** Replaces every match the decider accepts; `decide` returns the replacement, or null to keep the match. */
  replace(pattern: RegExp, decide: (match: RegExpExecArray) => string | null): void {
    let output = '';
    let last = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(this.text); match !== null; match = pattern.exec(this.text)) {
      if (match[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const replacement = decide(match);
      if (replacement === null) continue;
      output += this.text.slice(last, match.index) + replacement;
      last = match.index + match[0].length;
    }
    this.text = output + this.text.slice(last);
  }

  removeAs(pattern: RegExp, kind: Exclude<ScrubbedKind, 'full_postcode'>): void {
    this.replace(pattern, () => {
      this.count(kind);
      return SCRUB_TOKENS[kind];
    });
  }

  /** Replaces name runs found by `find` (which returns spans in the current text) with "[name]". */
  replaceNameSpans(spans: NameRun[]): void {
    if (spans.length === 0) return;
    spans.sort((a, b) => a.start - b.start);
    let output = '';
    let last = 0;
    for (const span of spans) {
      if (span.start < last) continue;
      output += this.text.slice(last, span.start) + SCRUB_TOKENS.person_name;
      last = span.end;
      this.count('person_name');
    }
    this.text = output + this.text.slice(last);
  }
}

/**
 * Removes identifiers from one free-text value. Never throws on odd input; the
 * only error is an invalid site pattern, which is a config problem.
 */
export function scrubFreeText(text: string, options: ScrubOptions = {}): ScrubResult {
  const scrubber = new Scrubber(text);
  const known = prepareKnown(options.knownIdentifiers);

  if (text.includes('@')) scrubber.removeAs(EMAIL, 'email');

  // The row's own hospital number, in whatever shape the site uses, before the generic shapes.
  if (known.hospitalNumber && text.replace(/[\s\-]+/g, '').toLowerCase().includes(known.hospitalNumber)) {
    const flexible = [...known.hospitalNumber].map(escapeRegExp).join(String.raw`[\s\-]?`);
    scrubber.removeAs(new RegExp(String.raw`(?<![A-Za-z0-9])${flexible}(?![A-Za-z0-9])`, 'gi'), 'hospital_number');
  }
  if (options.hospitalNumberPattern) {
    scrubber.removeAs(compileHospitalNumberPattern(options.hospitalNumberPattern), 'hospital_number');
  }
  // Every number rule needs a digit; most location texts have none, and skipping them is much of the speed.
  if (/\d/.test(scrubber.text)) scrubNumbers(scrubber, known);
  scrubAddresses(scrubber, known);
  scrubNames(scrubber, known);

  const cleaned = scrubber.text
    .replace(/\[name\](?:\s*\[name\])+/g, '[name]')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  return { text: cleaned, found: scrubber.found, isHome: scrubber.isHome, postcodes: scrubber.postcodes };
}

/** Hospital numbers by keyword, birth dates, NHS and phone numbers, other long numbers, postcodes. */
function scrubNumbers(scrubber: Scrubber, known: KnownValues): void {
  scrubber.removeAs(HOSPITAL_NUMBER_KEYWORD, 'hospital_number');

  scrubber.removeAs(DATE_OF_BIRTH, 'date_of_birth');
  scrubber.removeAs(DATE_OF_BIRTH_LOOSE, 'date_of_birth');
  scrubber.removeAs(BARE_DATE, 'date_of_birth');

  scrubber.replace(TEN_DIGITS, (match) => {
    const digits = digitsOf(match[0]);
    // A ten-digit run that fails the check is still removed: it is some other number about a person.
    const kind = isValidNhsNumber(digits) ? 'nhs_number' : digits.startsWith('0') ? 'phone' : 'hospital_number';
    scrubber.count(kind);
    return SCRUB_TOKENS[kind];
  });
  scrubber.removeAs(PHONE, 'phone');
  scrubber.replace(LONG_NUMBER, (match) => {
    const digits = digitsOf(match[0]);
    const kind = digits.startsWith('0') || digits.startsWith('44') ? 'phone' : 'hospital_number';
    scrubber.count(kind);
    return SCRUB_TOKENS[kind];
  });
  scrubber.removeAs(HOSPITAL_NUMBER_SHAPE, 'hospital_number');
  scrubber.removeAs(BARE_NUMBER, 'hospital_number');

  const homePostcode = known.homePostcode;
  scrubber.replace(postcodePattern(), (match) => {
    const postcode = normalisePostcode(match[0]);
    if (postcode === null) return null;
    if (!scrubber.postcodes.includes(postcode)) scrubber.postcodes.push(postcode);
    // The patient's own postcode as the location: the assault happened at or by their home.
    if (postcode === homePostcode) scrubber.isHome = true;
    scrubber.count('full_postcode');
    return postcodeSector(postcode);
  });
}

function scrubAddresses(scrubber: Scrubber, known: KnownValues): void {
  if (HOME_CUE.test(scrubber.text)) scrubber.isHome = true;
  // Both address shapes start with a number.
  if (!/\d/.test(scrubber.text)) return;
  const words = scrubber.text.toLowerCase().split(/[^a-z]+/);
  const domestic = words.some((word) => DOMESTIC_WORDS.has(word));
  const addressKeys = known.addressKeys;

  scrubber.replace(ADDRESS, (match) => {
    const middle = (match[1] ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
    // "2 men at Elm Rd", "20 yards from High St": words between number and street word that no street name has.
    if (middle.some((word, index) => NOT_NAME_WORDS.has(word) && !(word === 'the' && index === 0))) return null;
    const numberAndFirstWord = /^(?:(?:flat|flt|apt|apartment|unit|room|rm)\.?\s*\d{1,4}[a-z]?\s*[,/]?\s*)?(\d{1,4}[a-z]?)\S*,?\s+([A-Za-z'’]+)/i.exec(match[0]);
    const key = numberAndFirstWord ? `${numberAndFirstWord[1]!.toLowerCase()} ${numberAndFirstWord[2]!.toLowerCase()}` : '';
    const isFlat = /^(?:flat|flt|apt|apartment)/i.test(match[0]);
    // A numbered address is only private in a home or domestic context, or when it is the patient's own:
    // "551 High Rd" may be a shop the geocoder can place.
    if (!(scrubber.isHome || domestic || isFlat || addressKeys.has(key))) return null;
    scrubber.isHome = true;
    scrubber.count('private_address');
    return SCRUB_TOKENS.private_address;
  });
  scrubber.replace(FLAT_NUMBER, () => {
    scrubber.isHome = true;
    scrubber.count('private_address');
    return SCRUB_TOKENS.private_address;
  });
}

/** Words without one of which no name rule can fire: most location texts have none, and are done at once. */
const NAME_TRIGGERS = new Set([...TITLES, ...RELATIONSHIP_WORDS, ...GIVEN_NAMES, 'known', 'aka', 'called', 'named', 'name']);

function scrubNames(scrubber: Scrubber, known: KnownValues): void {
  const spans: NameRun[] = [];
  const text = scrubber.text;
  const lowerText = text.toLowerCase();
  const triggered =
    lowerText.split(/[^a-z\u00e0-\u00ff]+/).some((word) => NAME_TRIGGERS.has(word)) ||
    lowerText.includes('a.k.a') ||
    known.nameWords.some((word) => lowerText.includes(word));
  if (!triggered) return;

  for (const match of text.matchAll(TITLE)) {
    const title = match[1]!.toLowerCase();
    // "Miss" in lower case is the verb; "Dr" after a word is Drive ("Elm Dr").
    if (title === 'miss' && match[1] === 'miss') continue;
    if (title === 'dr') {
      const previous = previousWord(text, match.index);
      if (previous !== '' && !NOT_NAME_WORDS.has(previous)) continue;
    }
    const run = readNameRun(text, match.index + match[0].length, { maxTokens: 2, accepts: acceptsAfterTitle });
    if (run) spans.push({ start: match.index, end: run.end });
  }

  for (const match of text.matchAll(NAME_INTRODUCER)) {
    let from = match.index + match[0].length;
    const separator = /^\s*[:,\-(]?\s*/.exec(text.slice(from));
    from += separator ? separator[0].length : 0;
    const run = readNameRun(text, from, { accepts: acceptsAfterRelationship, streetWordSurname: true });
    if (run) spans.push(run);
    // Only the few characters before a relationship word can hold a name written before it.
    const windowStart = Math.max(0, match.index - 60);
    const before = NAME_BEFORE_RELATIONSHIP.exec(text.slice(windowStart, match.index));
    if (before && !/^(?:known|aka|a\.k\.a|called|named|name)/i.test(match[0])) {
      const candidate = before[1]!;
      const tokens = candidate.split(/\s+/);
      const words = tokens.map(lowerWord);
      const streetWordSurname = tokens.length === 2 && GIVEN_NAMES.has(words[0]!) && STREET_SUFFIXES.has(words[1]!);
      if (words.some((word, index) => NOT_NAME_WORDS.has(word) || TITLES.has(word) || (isPlaceWord(word) && !(index === 1 && streetWordSurname)))) continue;
      // Without brackets only a given name followed by a surname is trusted: "Tottenham, his brother" is a place.
      const trusted = before[2]!.includes('(')
        ? /^[A-Z]/.test(candidate)
        : tokens.length === 2 && GIVEN_NAMES.has(words[0]!) && /^[A-Z]/.test(tokens[1]!);
      const start = windowStart + before.index;
      if (trusted) spans.push({ start, end: start + candidate.length });
    }
  }

  for (const match of text.matchAll(PERSON_CONTEXT)) {
    const from = match.index + match[0].length;
    const first = /^([A-Za-z]+)/.exec(text.slice(from));
    if (!first || !GIVEN_NAMES.has(first[1]!.toLowerCase())) continue;
    const run = readNameRun(text, from, { maxTokens: 2 });
    if (run) spans.push(run);
  }

  // A capitalised given name and surname followed by a verb of violence is the assailant: "Kevin Jones hit him".
  // Without the verb it may be a business or school named after a person ("o/s Nicola Smith").
  for (const match of text.matchAll(/\b[A-Z][a-z]+\b|\b[A-Z]{2,}\b/g)) {
    if (!GIVEN_NAMES.has(match[0].toLowerCase())) continue;
    const previous = previousWord(text, match.index);
    if (previous === 'the' || previous === 'st' || previous === 'saint') continue;
    const run = readNameRun(text, match.index, { maxTokens: 2 });
    if (!run || !/\s/.test(text.slice(run.start, run.end).trim())) continue;
    NEXT_WORD.lastIndex = run.end;
    const next = NEXT_WORD.exec(text);
    if (next && ASSAULT_VERBS.has(next[1]!.toLowerCase())) spans.push(run);
  }

  for (const word of known.nameWords) {
    if (!lowerText.includes(word)) continue;
    const pattern = new RegExp(String.raw`(?<![A-Za-z'’])${escapeRegExp(word).replace(/['’]/g, "['’]")}(?:['’]s)?(?![A-Za-z])`, 'gi');
    for (const match of text.matchAll(pattern)) {
      const previous = previousWord(text, match.index);
      NEXT_WORD.lastIndex = match.index + match[0].length;
      const next = NEXT_WORD.exec(text);
      // "St John's Rd", "The John Baird": the patient's name as part of a place stays.
      if (previous === 'st' || previous === 'saint' || previous === 'the') continue;
      if (next && isPlaceWord(next[1]!.toLowerCase())) continue;
      spans.push({ start: match.index, end: match.index + match[0].length });
    }
  }

  scrubber.replaceNameSpans(mergeSpans(spans, text));
}

/** Spans that overlap or are separated only by spaces become one: "Dariusz Okonkwo" found word by word is one name. */
function mergeSpans(spans: NameRun[], text: string): NameRun[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: NameRun[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && (span.start <= last.end || /^\s*$/.test(text.slice(last.end, span.start)))) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
