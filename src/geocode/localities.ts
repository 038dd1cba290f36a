/**
 * Where the premises registers say their premises are: the parts of an address
 * around its street. "Unit 3, Hollywood Green, 180 High Road, Wood Green" has
 * the site "Hollywood Green" before the street and the town "Wood Green"
 * after it; "102a Dagenham Road, Rush Green" is in Rush Green, not Dagenham
 * (the street's own name says where it leads, not where it is).
 *
 * A locality's extent is where the premises addressed to it are: a place with
 * no locality of its own in its address ("Eldonwall Trading Estate, Whalebone
 * Lane South") is in a locality when premises addressed to it lie close by.
 * This is how "asda dagenham" finds every Asda in Dagenham, not only the one
 * whose register entry says so, and how "mcdonalds chadwell heath" finds a
 * branch in a locality that no gazetteer area names.
 */
import Flatbush from 'flatbush';
import type { LocatedPlace } from './gazetteer/load.ts';
import { boxAround, metresBetween } from '../lib/distance.ts';

/** A place this close to a premises addressed to a locality is in that locality. */
export const LOCALITY_EXTENT_METRES = 250;

/** Words that end a street's name: an address part ending in one is a street, not a locality. */
const STREET_ENDINGS = /\b(road|rd|street|lane|avenue|way|close|crescent|drive|terrace|grove|gardens|mews)$/;

/** Words of an address part that say where inside a site, not which site. */
const UNIT_WORDS = new Set(['unit', 'units', 'shop', 'shops', 'no']);

/** Lower case, letters and digits only, one space between words, padded: names compared as whole words. */
export const nameWords = (name: string): string => ` ${name.toLowerCase().replace(/&/g, ' and ').replace(/['’.]/g, '').replace(/[^a-z0-9]+/g, ' ').trim()} `;

export interface AddressParts {
  /** Parts before the street: sites and buildings ("Hollywood Green", "Dagenham Leisure Park"). */
  sites: string[];
  /** Parts after the street: the town or locality ("Wood Green", "Chadwell Heath", "London"). */
  towns: string[];
}

/** A premises' address around its street, each part as `nameWords`; null when it has no address or no street in it. */
export function addressParts(place: Pick<LocatedPlace, 'address' | 'street'>): AddressParts | null {
  if (!place.address) return null;
  const parts = place.address.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const street = place.street?.toLowerCase();
  const at = street ? parts.findIndex((part) => part.toLowerCase().includes(street)) : -1;
  if (at < 0) return null;
  // "Unit 6 & 7 Barking Central" is the site "barking central": numbers and unit words say where inside it.
  const words = (part: string): string => {
    const kept = nameWords(part).trim().split(' ').filter((w) => !/\d/.test(w) && !UNIT_WORDS.has(w));
    while (kept[0] === 'and') kept.shift();
    return kept.length > 0 && !STREET_ENDINGS.test(kept.join(' ')) ? ` ${kept.join(' ')} ` : '';
  };
  const keep = (part: string): boolean => part !== '';
  return { sites: parts.slice(0, at).map(words).filter(keep), towns: parts.slice(at + 1).map(words).filter(keep) };
}

export interface Localities {
  /** Whether some register address names this locality or site (`nameWords` form) outside its street. */
  isKnown(name: string): boolean;
  /**
   * Whether the place's address names a town and nothing related to these names ("Dagenham"
   * for "barking"). Null when its address has no street to read it around.
   */
  namesOther(place: LocatedPlace, names: readonly string[]): boolean | null;
  /** Whether a premises addressed to one of these localities lies within LOCALITY_EXTENT_METRES of the place. */
  within(place: LocatedPlace, names: readonly string[]): boolean;
}

const contains = (part: string, name: string): boolean => name.trim() !== '' && part.includes(name);

export function createLocalities(places: readonly LocatedPlace[]): Localities {
  const addressed: Array<{ place: LocatedPlace; parts: string[] }> = [];
  const known = new Set<string>();
  const partsOf = new Map<LocatedPlace, AddressParts>();
  for (const place of places) {
    if (place.kind !== 'premises') continue;
    const parts = addressParts(place);
    if (!parts) continue;
    partsOf.set(place, parts);
    const all = [...parts.sites, ...parts.towns];
    if (all.length === 0) continue;
    addressed.push({ place, parts: all });
    // Every run of words of a part: "dagenham leisure park" and "leisure park" of "McDonald's - Dagenham Leisure Park".
    for (const part of all) {
      const words = part.trim().split(' ');
      for (let i = 0; i < words.length; i++) for (let j = i + 1; j <= Math.min(words.length, i + 4); j++) known.add(` ${words.slice(i, j).join(' ')} `);
    }
  }
  const index = new Flatbush(Math.max(1, addressed.length));
  for (const { place } of addressed) index.add(place.longitude, place.latitude, place.longitude, place.latitude);
  if (addressed.length === 0) index.add(0, 0, 0, 0);
  index.finish();

  const own = (place: LocatedPlace): string[] => {
    const parts = partsOf.get(place);
    return parts ? [...parts.sites, ...parts.towns] : [];
  };
  /** Whether a premises (other than `self`) addressed to one of `names` lies within LOCALITY_EXTENT_METRES of the point. */
  const near = (point: [number, number], names: readonly string[], self?: LocatedPlace): boolean => {
    if (addressed.length === 0) return false;
    const [west, south, east, north] = boxAround(point, LOCALITY_EXTENT_METRES);
    return index.search(west, south, east, north).some((i) => {
      const other = addressed[i]!;
      return other.place !== self && other.parts.some((part) => names.some((name) => contains(part, name))) && metresBetween(point, [other.place.longitude, other.place.latitude]) <= LOCALITY_EXTENT_METRES;
    });
  };
  return {
    isKnown: (name) => known.has(name),
    // A town that is part of the name, or holds it, is not another town: a branch addressed
    // "Tottenham" may be by Tottenham Hale.
    namesOther: (place, names) => {
      const parts = partsOf.get(place);
      if (!parts) return null;
      const related = (part: string): boolean => names.some((name) => contains(part, name) || contains(name, part));
      return parts.towns.some((town) => town !== ' london ') && !own(place).some(related);
    },
    within: (place, names) => near([place.longitude, place.latitude], names, place),
  };
}

export interface LocalityPhrase {
  start: number;
  end: number;
  /** `nameWords` form: " chadwell heath ". */
  name: string;
}

/** Longest locality phrase, in words. */
const MAX_PHRASE_WORDS = 4;

/**
 * The runs of a text's words that register addresses use for a locality or
 * site, longest first from the left: "chadwell heath" and "dagenham leisure
 * park" beside a chain's name. `free(i)` says whether token i is still open (not
 * part of another name, not a word of the text's structure); an area's or
 * station's name found in the text (`whole`) is taken whole or not at all, so
 * "south tottenham" does not yield "tottenham". A phrase must have a word that
 * is neither common nor a word of the language (`distinctive`): "leisure park"
 * alone is not a place.
 */
export function localityPhrases(
  tokens: readonly string[],
  free: (i: number) => boolean,
  distinctive: (token: string) => boolean,
  localities: Pick<Localities, 'isKnown'>,
  whole: ReadonlyArray<{ start: number; end: number }> = [],
): LocalityPhrase[] {
  const cuts = (k: number): boolean => whole.some((span) => span.start < k && k < span.end);
  const phrases: LocalityPhrase[] = [];
  for (let i = 0; i < tokens.length; ) {
    let end = -1;
    for (let j = i + 1; !cuts(i) && j <= Math.min(tokens.length, i + MAX_PHRASE_WORDS) && free(j - 1); j++) {
      const words = tokens.slice(i, j);
      if (!cuts(j) && words.some(distinctive) && localities.isKnown(` ${words.join(' ')} `)) end = j;
    }
    if (end < 0) i++;
    else {
      phrases.push({ start: i, end, name: ` ${tokens.slice(i, end).join(' ')} ` });
      i = end;
    }
  }
  return phrases;
}
