/**
 * Location text the way ED reception staff type it at 2 a.m.: shorthand
 * (o/s, nr, jct, rd, stn), nicknames ("spoons", "maccies"), dropped apostrophes,
 * the odd misspelling, random capitals. Every phrase still names a real entry of
 * the area's gazetteer, so a good geocoder can place it.
 */
import type { LocationTypeCategory } from '../../schemas/code-lists.ts';
import type { Random } from './random.ts';
import type { VocabularyJunction, VocabularyLandmark, VocabularyPremises } from './vocabulary.ts';

const STREET_WORDS: Record<string, string[]> = {
  Road: ['Road', 'Rd', 'rd', 'Rd.', 'road', 'RD'],
  Street: ['Street', 'St', 'st', 'St.', 'street', 'str'],
  Avenue: ['Avenue', 'Ave', 'ave', 'Av'],
  Lane: ['Lane', 'Ln', 'lane', 'La'],
  Gardens: ['Gardens', 'Gdns', 'gdns'],
  Close: ['Close', 'Cl', 'close'],
  Crescent: ['Crescent', 'Cres', 'cresc'],
  Grove: ['Grove', 'Gr', 'grove'],
  Drive: ['Drive', 'Dr', 'drive'],
  Terrace: ['Terrace', 'Terr', 'terrace'],
  Way: ['Way', 'way'],
  Walk: ['Walk', 'walk'],
};

/** "Station Road" → "Station Rd", "St Mary's Road" → "st marys rd"; the street word is abbreviated more often than not. */
export function abbreviateStreet(name: string, random: Random): string {
  const words = name.split(' ');
  const last = words[words.length - 1] as string;
  const forms = STREET_WORDS[last];
  if (forms && random.chance(0.7)) words[words.length - 1] = random.pick(forms);
  let result = words.join(' ');
  if (random.chance(0.5)) result = result.replace(/['’]/g, '');
  if (result.startsWith('Station ') && random.chance(0.2)) result = result.replace('Station', 'Stn');
  return result;
}

/** One typo in one longer word: a swapped pair, a dropped or a doubled letter. */
export function misspell(text: string, random: Random): string {
  const words = text.split(' ');
  const candidates = words.map((word, index) => [word, index] as const).filter(([word]) => /^[A-Za-z]{5,}$/.test(word));
  if (candidates.length === 0) return text;
  const [word, index] = random.pick(candidates);
  const at = random.integer(1, word.length - 2);
  const kind = random.integer(0, 2);
  words[index] =
    kind === 0
      ? word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2)
      : kind === 1
        ? word.slice(0, at) + word.slice(at + 1)
        : word.slice(0, at) + word.charAt(at) + word.slice(at);
  return words.join(' ');
}

/** Mostly lower case, as typed in a hurry; sometimes as written, sometimes shouting. */
export function casing(text: string, random: Random): string {
  const choice = random.weighted([
    ['lower', 5],
    ['as is', 3],
    ['upper', 1],
  ] as const);
  return choice === 'lower' ? text.toLowerCase() : choice === 'upper' ? text.toUpperCase() : text;
}

function untidy(text: string, random: Random, typoRate = 0.1): string {
  const typed = random.chance(typoRate) ? misspell(text, random) : text;
  return casing(typed, random).replace(/\s+/g, ' ').trim();
}

const NICKNAMES: Record<string, string[]> = {
  Wetherspoon: ['spoons', 'wetherspoons', 'weatherspoons', 'the spoons', 'moon under water', 'Moon Under Water spoons'],
  "McDonald's": ['mcdonalds', 'maccies', "mcdonald's", 'mcd', 'maccy ds', 'McDonalds'],
  KFC: ['kfc', 'KFC', 'k.f.c'],
  "Domino's": ['dominos', "domino's pizza", 'dominoes'],
  'Bargain Booze': ['bargain booze', 'bargain booze offy'],
  Londis: ['londis', 'londis shop'],
};

function premisesName(premises: VocabularyPremises, random: Random): string {
  const nicknames = premises.brand ? NICKNAMES[premises.brand] : undefined;
  if (nicknames && random.chance(0.7)) return random.pick(nicknames);
  let name = premises.name.replace(/\s*\(.*\)$/, '');
  if (name.startsWith('The ') && random.chance(0.5)) name = name.slice(4);
  if (random.chance(0.4)) name = name.replace(/['’]/g, '');
  if (premises.premisesType === 'pub' && !/\b(pub|inn|arms|tavern)\b/i.test(name) && random.chance(0.15)) name += ' pub';
  if (premises.premisesType === 'nightclub' && random.chance(0.4)) name = name.replace(/\s*(nightclub|club)$/i, '') + random.pick([' club', ' nightclub', '']);
  return name;
}

const PREMISES_PREFIXES: Array<readonly [string, number]> = [
  ['o/s', 5],
  ['outside', 4],
  ['in', 3],
  ['inside', 2],
  ['at', 2],
  ['nr', 2],
  ['near', 1],
  ['opp', 1],
  ['', 3],
  ['smoking area', 1],
  ['toilets in', 1],
  ['queue outside', 1],
  ['front of', 1],
];

export function premisesText(premises: VocabularyPremises, random: Random): string {
  const prefix = random.weighted(PREMISES_PREFIXES);
  const name = premisesName(premises, random);
  const street = random.chance(0.4) ? ` ${abbreviateStreet(premises.street, random)}` : '';
  const joined = prefix === 'smoking area' ? `smoking area ${random.pick(['of ', 'at ', ''])}${name}` : `${prefix} ${name}`;
  return untidy(`${joined}${street}`, random);
}

const STREET_PATTERNS: Array<readonly [(street: string, random: Random) => string, number]> = [
  [(street) => street, 5],
  [(street) => `on ${street}`, 2],
  [(street) => `street - ${street}`, 1],
  [(street) => `walking down ${street}`, 1],
  [(street) => `${street} nr shops`, 1],
  [(street) => `in the street ${street}`, 1],
  [(street) => `${street} bus stop`, 1],
  [(street, random) => `${street} ${random.pick(['outside shops', 'by the cashpoint', 'alleyway off', 'estate'])}`, 1],
];

export function streetText(name: string, random: Random): string {
  return untidy(random.weighted(STREET_PATTERNS)(abbreviateStreet(name, random), random), random);
}

export function junctionText(junction: VocabularyJunction, random: Random): string {
  const [a, b] = random.chance(0.5) ? [junction.first, junction.second] : [junction.second, junction.first];
  const first = abbreviateStreet(a, random);
  const second = abbreviateStreet(b, random);
  const pattern = random.pick([
    `jct of ${first} & ${second}`,
    `jct ${first}/${second}`,
    `junction of ${first} and ${second}`,
    `corner of ${first} and ${second}`,
    `${first} j/w ${second}`,
    `jnc ${first} + ${second}`,
    `${first} / ${second}`,
  ]);
  return untidy(pattern, random, 0.05);
}

export function landmarkText(landmark: VocabularyLandmark, random: Random): string {
  const name = landmark.name;
  const base = name.replace(/\s+(Station|Bus Station)$/, '');
  switch (landmark.landmarkType) {
    case 'rail_or_tube_station':
      return untidy(random.pick([`${base} stn`, `${base} station`, `o/s ${base} station`, `platform ${random.integer(1, 3)} ${base} stn`, `${base} train station`, `ticket hall ${base} stn`]), random);
    case 'bus_station':
      return untidy(random.pick([`${base} bus stn`, `${base} bus station`, `bus station ${base}`]), random);
    case 'park':
      return untidy(random.pick([name, name.replace('Park', 'pk'), `in ${name}`, name.replace('Recreation Ground', 'rec'), `${name} nr play area`]), random);
    case 'shopping_centre':
      return untidy(random.pick([name, name.replace(' Shopping Centre', ' centre'), `in ${name}`, `o/s ${name}`]), random);
    case 'school':
      return untidy(random.pick([name, `outside ${name}`, `school gates ${name}`, name.replace(' Primary School', ' primary').replace(' High School', ' high')]), random);
    case 'leisure_centre':
      return untidy(random.pick([name, `${name} car park`, name.replace(' Leisure Centre', ' leisure ctr')]), random);
    default:
      return untidy(random.pick([name, `${name} area`, `in ${name}`]), random);
  }
}

export function postcodeText(postcode: string, random: Random): string {
  const written = random.chance(0.3) ? postcode.replace(' ', '') : postcode;
  const cased = random.chance(0.25) ? written.toLowerCase() : written;
  return random.pick([cased, `o/s ${cased}`, `street nr ${cased}`, `${cased} area`]);
}

export const HOME_TEXTS = ["pt's home", 'pts home', 'home', 'own home', 'at home', 'HOME ADDRESS', 'pts flat', 'friends house', 'home - domestic', 'his home', 'partners house', 'at home address', "pt's own address", 'HOME'];
export const UNKNOWN_TEXTS = ['', '', '', 'u/k', 'U/K', 'n/k', 'unknown', 'UNKNOWN', 'unkonwn', 'not known', 'not stated', 'pt unsure', 'refused', '?', 'N/A'];

export function homeText(random: Random): string {
  return random.pick(HOME_TEXTS);
}

export function unknownText(random: Random): string {
  return random.pick(UNKNOWN_TEXTS);
}

/** Says what kind of place but not which one: a good geocoder answers "ambiguous" or "no match". */
export function vagueText(random: Random): { text: string; locationType: LocationTypeCategory } {
  return random.pick([
    { text: 'park', locationType: 'street' },
    { text: 'street', locationType: 'street' },
    { text: 'in the street', locationType: 'street' },
    { text: 'town centre', locationType: 'street' },
    { text: 'high road', locationType: 'street' },
    { text: 'station rd', locationType: 'street' },
    { text: 'a pub', locationType: 'licensed_premises' },
    { text: 'nightclub', locationType: 'licensed_premises' },
    { text: 'the crown', locationType: 'licensed_premises' },
    { text: 'mcdonalds', locationType: 'other_commercial' },
    { text: 'outside a shop', locationType: 'other_commercial' },
    { text: 'on the bus', locationType: 'public_transport' },
    { text: 'at work', locationType: 'school_or_workplace' },
    { text: 'school', locationType: 'school_or_workplace' },
  ] as const);
}

/** Places that are not in the borough at all. */
export function elsewhereText(random: Random): { text: string; locationType: LocationTypeCategory } {
  return random.pick([
    { text: 'easthaven high st', locationType: 'street' },
    { text: 'Westgate centre Easthaven', locationType: 'other_commercial' },
    { text: 'o/s the anchor easthaven', locationType: 'licensed_premises' },
    { text: 'Leeds', locationType: 'other' },
    { text: 'on holiday - spain', locationType: 'other' },
    { text: 'M11 services', locationType: 'other' },
    { text: 'Easthaven bus station', locationType: 'public_transport' },
  ] as const);
}
