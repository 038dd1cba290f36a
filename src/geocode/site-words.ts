/**
 * Kinds of site that people name as places: a shopping centre, a retail park,
 * a market, a leisure park, an industrial estate (schemas/code-lists/site-kinds.json).
 * The gazetteer build finds them in premises addresses (gazetteer/address-sites.ts);
 * the matcher asks whether a site's name says which site or only what kind
 * ("The Mall"), since a name of the second sort places only beside a word that
 * locates it ("the mall wood green"), and whether a premises is in a site.
 */
import siteKindList from '../../schemas/code-lists/site-kinds.json' with { type: 'json' };
import type { LocatedPlace } from './gazetteer/load.ts';
import type { Normaliser } from './normalise.ts';
import { GENERIC_WORDS } from './place-index.ts';
import { metresBetweenPlaces, metresToPlace } from './place-distance.ts';
import { AREA_RADIUS_METRES, nameWords, type Context } from './resolve.ts';
import { SAME_PLACE_METRES } from './candidates.ts';

export interface SiteKind {
  /** The kind's words as the normaliser gives them ("shopping", "centre"). */
  words: string[];
  category: string;
  /** How people shorten the kind, when they do ("market" for "market hall"). */
  short?: string[];
  /** Other words for the same kind of site ("shopping city" for "shopping centre"). */
  alike: string[][];
}

/** The categories of the landmarks made from site kinds. */
export const SITE_CATEGORIES: ReadonlySet<string> = new Set(siteKindList.kinds.map((kind) => kind.category));

/** A street named beside a site locates it within this distance (as it settles a premises, resolve.ts). */
const STREET_RADIUS_METRES = 400;

export interface SiteKinds {
  /** The kind a name's tokens end in, the longest that fits ("market hall" before "market"); null when none. */
  kindAtEnd(tokens: readonly string[]): SiteKind | null;
  /** A word that never says which place: a kind of business or place, an article, "london". */
  isCommon(token: string): boolean;
  /**
   * Whether a place is a site whose name says only what kind of site it is ("The Mall",
   * "Street Market"): its name without its kind is empty or common words alone.
   */
  saysOnlyWhat(place: Pick<LocatedPlace, 'kind' | 'category' | 'name'>): boolean;
}

export function createSiteKinds(normaliser: Normaliser): SiteKinds {
  const kinds: SiteKind[] = siteKindList.kinds
    .map((kind): SiteKind => ({
      words: normaliser.tokens(kind.words),
      category: kind.category,
      ...('short' in kind && kind.short ? { short: normaliser.tokens(kind.short) } : {}),
      alike: ('alike' in kind && kind.alike ? kind.alike : []).map((words) => normaliser.tokens(words)),
    }))
    .sort((a, b) => b.words.length - a.words.length);
  const kindAtEnd = (tokens: readonly string[]): SiteKind | null =>
    kinds.find((kind) => kind.words.length <= tokens.length && kind.words.every((word, k) => tokens[tokens.length - kind.words.length + k] === word)) ?? null;
  const isCommon = (token: string): boolean => GENERIC_WORDS.has(token) || normaliser.fillers.has(token) || normaliser.relations.has(token);
  return {
    kindAtEnd,
    isCommon,
    saysOnlyWhat(place) {
      if (place.kind !== 'landmark' || !SITE_CATEGORIES.has(place.category)) return false;
      const tokens = normaliser.tokens(place.name);
      const kind = kindAtEnd(tokens);
      return kind !== null && tokens.slice(0, tokens.length - kind.words.length).every(isCommon);
    },
  };
}

/**
 * Whether the rest of the text puts a place where it is: a postcode district or
 * sector it lies in, an area it is near, or a street beside it. "the mall wood
 * green" is the mall in Wood Green; "the mall" alone is any of them.
 */
export function locatedByText(place: LocatedPlace, context: Context): boolean {
  if (context.districts.some((district) => place.districts?.includes(district))) return true;
  if (context.sector && metresToPlace([context.sector.longitude, context.sector.latitude], place) <= AREA_RADIUS_METRES / 2) return true;
  if (context.areaPoints.some((point) => metresToPlace(point, place) <= AREA_RADIUS_METRES)) return true;
  return context.streets.some((street) => metresBetweenPlaces(street.place, place) <= STREET_RADIUS_METRES);
}

/**
 * Whether a premises is in a site: its address names the site (or the short name
 * people use, "Vicarage Field Ripple Road"); a premises with no
 * address, when it is as near the site's point as two records of one place are.
 * (A branch on the street outside has an address that does not name the site.)
 */
export function isWithinSite(place: LocatedPlace, site: LocatedPlace): boolean {
  if (place.address) {
    const address = nameWords(place.address);
    return [site.name, ...(site.aliases ?? [])].some((name) => address.includes(nameWords(name)));
  }
  return metresBetweenPlaces(place, site) <= SAME_PLACE_METRES;
}

/** Whether a premises is in a site or at its point: either is where a text naming both means. */
export function isAtSite(place: LocatedPlace, site: LocatedPlace): boolean {
  return isWithinSite(place, site) || metresBetweenPlaces(place, site) <= SAME_PLACE_METRES;
}
