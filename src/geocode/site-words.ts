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
import type { Mention } from './mentions.ts';
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

/** Whether a place is a landmark made from a kind of site. */
export const isSite = (place: Pick<LocatedPlace, 'kind' | 'category'>): boolean => place.kind === 'landmark' && SITE_CATEGORIES.has(place.category);

/**
 * A site is in an area named beside it within this distance of the area's point (resolve.ts's
 * core of an area): "the mall hornsey" is not the mall in Wood Green, 1.2 km from Hornsey.
 */
const SITE_IN_AREA_METRES = 800;
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
  /**
   * "subway wood green shopping city", "aldi wood green shopping city": a premises named
   * with a site is in it. Its candidates narrow to those whose address names a site the
   * text names; none left is a branch we do not know, never one elsewhere. Only a site
   * that the addresses of two premises or more name has an extent the addresses give;
   * for one named by a single register entry, or whose name says only what it is ("The
   * Mall", which addresses name in other words: "Unit 29, Wood Green Shopping City"),
   * the premises at its point are those in it. `siteOf` resolves a mention to the site
   * it names; a `locating` mention (an area, whatever shops start with its name) is
   * left as it is.
   */
  settle(mentions: readonly Mention[], siteOf: (mention: Mention) => LocatedPlace | null, locating: (mention: Mention) => boolean): SiteSettled;
}

/** `places`: the gazetteer's places, whose premises addresses say which sites have a known extent. */
export function createSiteKinds(normaliser: Normaliser, places: readonly LocatedPlace[] = []): SiteKinds {
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
  const saysOnlyWhat = (place: Pick<LocatedPlace, 'kind' | 'category' | 'name'>): boolean => {
    if (!isSite(place)) return false;
    const tokens = normaliser.tokens(place.name);
    const kind = kindAtEnd(tokens);
    return kind !== null && tokens.slice(0, tokens.length - kind.words.length).every(isCommon);
  };
  const premises = places.filter((place) => place.kind === 'premises' && place.address !== undefined);
  const members = new Map<string, number>();
  /** How many premises' addresses name a site: worked out for the sites texts name, once each. */
  const membersOf = (site: LocatedPlace): number => {
    let count = members.get(site.id);
    if (count === undefined) {
      count = premises.filter((place) => isWithinSite(place, site)).length;
      members.set(site.id, count);
    }
    return count;
  };
  return {
    kindAtEnd,
    isCommon,
    saysOnlyWhat,
    settle(mentions, siteOf, locating) {
      const names = (m: Mention): boolean => !locating(m) && m.candidates.some((c) => c.place.kind === 'premises') && !m.candidates.some((c) => isSite(c.place));
      const namesPremises = mentions.some(names);
      const sites = mentions.filter((m) => m.candidates.some((c) => isSite(c.place))).map(siteOf).filter((place): place is LocatedPlace => place !== null && isSite(place));
      const inSite = new Set<Mention>();
      if (sites.length === 0) return { mentions: [...mentions], inSite, outside: false, namesPremises };
      const isIn = (place: LocatedPlace): boolean => sites.some((site) => (!saysOnlyWhat(site) && membersOf(site) >= 2 ? isWithinSite(place, site) : metresBetweenPlaces(place, site) <= SAME_PLACE_METRES));
      let outside = false;
      const narrowed = mentions.map((mention) => {
        if (!names(mention)) return mention;
        const kept = { ...mention, candidates: mention.candidates.filter((c) => c.place.kind !== 'premises' || isIn(c.place)) };
        if (kept.candidates.some((c) => c.place.kind === 'premises')) inSite.add(kept);
        else outside = true;
        return kept;
      });
      return { mentions: narrowed, inSite, outside, namesPremises };
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
  if (context.areaPoints.some((point) => metresToPlace(point, place) <= SITE_IN_AREA_METRES)) return true;
  return context.streets.some((street) => metresBetweenPlaces(street.place, place) <= STREET_RADIUS_METRES);
}

/**
 * Whether a premises is in a site: its address names the site (or the short name
 * people use, "Vicarage Field Ripple Road"); a premises with no address, when it is
 * as near the site's point as two records of one place are. (A branch on the street
 * outside has an address that does not name the site.)
 */
export function isWithinSite(place: LocatedPlace, site: LocatedPlace): boolean {
  if (place.address) {
    const address = nameWords(place.address);
    return [site.name, ...(site.aliases ?? [])].some((name) => address.includes(nameWords(name)));
  }
  return metresBetweenPlaces(place, site) <= SAME_PLACE_METRES;
}

export interface SiteSettled {
  /** The mentions, a premises name's candidates narrowed to the premises in the sites the text names. */
  mentions: Mention[];
  /** The narrowed mentions that kept a premises. */
  inSite: ReadonlySet<Mention>;
  /** Whether a premises name has no premises in the sites named: the text names a branch we do not know. */
  outside: boolean;
  /** Whether the text names a premises beside any site: then the site is not the answer, only where to look. */
  namesPremises: boolean;
}
