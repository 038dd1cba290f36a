/**
 * The matcher: receptionist's free text → one GeocodeResult, never a guess.
 *
 * Precedence (after the NHS ISTV geocoder): home → full postcode → a single
 * confident place match (premises or landmark, junction, street, area) →
 * postcode sector → ambiguous → no match. One refinement: a postcode sector in
 * the text is used to settle a place match that lies in it, because a premises
 * inside the sector is more precise than the sector's centre.
 *
 * Same-named places are settled by what else the text says, then by the ED's
 * borough (resolve.ts); when that does not leave one place the answer is
 * `ambiguous`, with the competing places as its candidates.
 *
 * This file holds the precedence and nothing else: finding names in the text is
 * mentions.ts, postcodes in it text-postcodes.ts, home and unknown texts
 * text-kinds.ts, settling a name resolve.ts (grouping candidates.ts), two
 * streets that meet junction.ts, the answer's two shapes results.ts, distances
 * place-distance.ts, and each ED's borough site-boroughs.ts.
 */
import type { Gazetteer, LocatedPlace } from './gazetteer/load.ts';
import { createTokenCorrector, type TokenCorrector } from './fuzzy.ts';
import { ABBREVIATIONS, createNormaliser, type Normaliser } from './normalise.ts';
import { createPlaceIndex, type PlaceIndex } from './place-index.ts';
import { describe } from './candidates.ts';
import { createMentionFinder, type Mention } from './mentions.ts';
import { junctionOf } from './junction.ts';
import { createResolver, nameWords, type Context, type Resolution, type Resolved } from './resolve.ts';
import { placedAt, placedAtPlace, withoutPoint } from './results.ts';
import { siteBoroughs, type GeocoderSite } from './site-boroughs.ts';
import { findPostcodes } from './text-postcodes.ts';
import { createTextKinds } from './text-kinds.ts';
import { postcodeSector } from '../lib/postcode.ts';
import type { GeocodeInput, GeocodeResult, Geocoder } from './types.ts';

export type { GeocoderSite } from './site-boroughs.ts';

export interface GeocoderOptions {
  /** EDs (e.g. from the config); added to, and overriding, the gazetteer's own sites. */
  sites?: readonly GeocoderSite[];
}

export function createGeocoder(gazetteer: Gazetteer, options: GeocoderOptions = {}): Geocoder {
  const normaliser: Normaliser = createNormaliser();
  const index: PlaceIndex = createPlaceIndex(gazetteer.places, normaliser);
  const structural = new Set([...normaliser.relations, ...normaliser.fillers, 'and']);
  const corrector: TokenCorrector = createTokenCorrector(index.vocabulary, structural);
  const { findMentions } = createMentionFinder(index, corrector, structural);
  const { isHomeText, isUnknownText, mentionsUnknown } = createTextKinds(structural);
  const siteLads = siteBoroughs(gazetteer, options.sites ?? []);
  const sitePoints = new Map<string, [number, number]>();
  for (const site of [...gazetteer.sites, ...(options.sites ?? [])]) sitePoints.set(site.code.toUpperCase(), [site.longitude, site.latitude]);
  const junctionWords = new Set(ABBREVIATIONS.junctionWords);

  const resolve = createResolver(gazetteer);

  /** Two words in a row that no name found covers and that are not shorthand, relations or fillers: the text names something the gazetteer lacks. */
  function hasUnfoundName(tokens: readonly string[], mentions: readonly Mention[], blocked: ReadonlySet<number>): boolean {
    const covered = (i: number): boolean => blocked.has(i) || mentions.some((m) => i >= m.start && i < m.end);
    const content = (i: number): boolean => !covered(i) && !structural.has(tokens[i]!) && /^[a-z]{2,}$/.test(tokens[i]!);
    return tokens.some((_, i) => content(i) && content(i + 1) && i + 1 < tokens.length);
  }

  function placeConfidence(base: number, mention: Mention, resolution: Resolved): number {
    return base - 0.1 * mention.corrections - (resolution.strength === 'weak' ? 0.1 : resolution.strength === 'alias' ? 0.05 : 0) - (resolution.bySite ? 0.1 : 0) - (resolution.bySiteLocation ? 0.15 : 0);
  }

  function methodOf(kind: string, mention: Mention, resolution: Resolved): string {
    const how = mention.corrections > 0 ? 'fuzzy' : resolution.strength === 'alias' ? 'alias' : resolution.strength === 'weak' ? 'partial' : 'exact';
    return `${kind}_${how}${resolution.bySite ? '_site_borough' : ''}${resolution.bySiteLocation ? '_site_nearest' : ''}`;
  }

  return {
    gazetteerVersion: gazetteer.version,
    // Everything `geocode` reads from its input, in the form it reads it: the text only as tokens.
    questionKey(input: GeocodeInput): string {
      if (input.isHome === true) return 'home';
      const site = input.siteCode ? input.siteCode.toUpperCase() : '';
      return `${site}\u0000${input.postcode || ''}\u0000${normaliser.tokens(input.text ?? '').join(' ')}`;
    },
    geocode(input: GeocodeInput): GeocodeResult {
      if (input.isHome === true) return withoutPoint('home', 'home_flag');
      const text = input.text ?? '';
      const tokens = normaliser.tokens(text);
      if (isHomeText(tokens)) return withoutPoint('home', 'home_text');

      // Full postcode: the column first, then the text; only real ones count.
      const fromColumn = input.postcode ? gazetteer.lookupPostcode(input.postcode) : null;
      const { postcode: textPostcode, sector, districts, blocked } = findPostcodes(gazetteer, tokens);
      const postcode = fromColumn ?? textPostcode;
      if (postcode) {
        // The full postcode is not kept: the sector names the result, as in the stored text.
        return placedAt('postcode', fromColumn ? 'postcode_column' : 'postcode_text', fromColumn ? 0.95 : 0.9, {
          matchedId: null,
          matchedName: postcodeSector(postcode.postcode),
          longitude: postcode.longitude,
          latitude: postcode.latitude,
          lsoaCode: postcode.lsoaCode,
          wardCode: postcode.wardCode,
        });
      }
      if (tokens.filter((t, i) => !blocked.has(i)).length === 0 && !sector && districts.length === 0) return withoutPoint('unknown', 'blank');
      if (isUnknownText(tokens)) return withoutPoint('unknown', 'unknown_text');

      // A postcode district is a locating word, not a distinctive part of a name: "N4" alone
      // never matches "N4 Cafe" by part ("chaarter court n4" is a street we do not know).
      const mentions = findMentions(tokens, blocked).filter(
        (m) => !(m.end - m.start === 1 && districts.includes(tokens[m.start]!.toUpperCase()) && m.candidates.every((c) => c.strength === 'weak')),
      );
      const kindsOf = (m: Mention): Set<LocatedPlace['kind']> => new Set(m.candidates.map((c) => c.place.kind));
      const areaMentions = mentions.filter((m) => kindsOf(m).has('area'));
      const streetMentions = mentions.filter((m) => kindsOf(m).has('street'));
      const primaryMentions = mentions.filter((m) => kindsOf(m).has('premises') || kindsOf(m).has('landmark'));
      // A station named without "station" ("costa seven sisters") is a locating word for the rest.
      const locatingMentions = mentions.filter((m) => m.candidates.length > 0 && m.candidates.every((c) => c.place.kind === 'area' || (c.strength === 'weak' && c.place.kind === 'landmark' && c.place.category === 'station')));
      const siteLad = input.siteCode ? (siteLads.get(input.siteCode.toUpperCase()) ?? null) : null;
      const sitePoint = input.siteCode ? (sitePoints.get(input.siteCode.toUpperCase()) ?? null) : null;
      const context: Context = {
        districts,
        sector,
        areaPoints: locatingMentions.flatMap((m) => m.candidates.map((c) => [c.place.longitude, c.place.latitude] as [number, number])),
        areaNames: [...new Set(locatingMentions.flatMap((m) => m.candidates.map((c) => nameWords(c.place.name))))],
        streets: streetMentions.flatMap((m) => m.candidates.filter((c) => c.place.kind === 'street')),
        siteLad,
        sitePoint,
      };
      let ambiguous = false;
      const competing: string[] = [];
      const markAmbiguous = (resolution: Resolution): void => {
        ambiguous = true;
        if (resolution.status === 'ambiguous') competing.push(...resolution.candidates);
      };

      const junctionCue = tokens.some((t) => junctionWords.has(t));
      if (streetMentions.length >= 2 && (junctionCue || (primaryMentions.length === 0 && tokens.slice(streetMentions[0]!.end, streetMentions[1]!.start).includes('and')))) {
        const junction = junctionOf(gazetteer, streetMentions[0]!, streetMentions[1]!, context);
        if (junction === 'ambiguous') ambiguous = true;
        else if (junction) return junction;
      }

      // A name that is both a premises and a street ("The Broadway") is settled among all of
      // them at once, so a pub in the other borough does not beat the ED's own street.
      const allKinds = new Set<LocatedPlace['kind']>(['premises', 'landmark', 'street', 'area']);
      const resolvedPrimary: Array<{ mention: Mention; resolution: Resolved }> = [];
      let ambiguousPremises = false;
      for (const mention of primaryMentions) {
        const own = locatingMentions.includes(mention) ? { ...context, areaPoints: [] } : context;
        const resolution = resolve(mention, own, allKinds);
        if (resolution.status === 'resolved') {
          if (resolution.place.kind === 'premises' || resolution.place.kind === 'landmark') resolvedPrimary.push({ mention, resolution });
        } else if (resolution.status === 'ambiguous' && !kindsOf(mention).has('street')) {
          markAmbiguous(resolution);
          if (kindsOf(mention).has('premises')) ambiguousPremises = true;
        }
      }
      // A chain we could not settle is not answered by the locating word beside it
      // ("tesco express bowes park" is not Bowes Park station).
      const usable = resolvedPrimary.filter(({ mention, resolution }) => !(ambiguousPremises && (resolution.strength === 'weak' || locatingMentions.includes(mention))));
      const best = usable.find(({ resolution }) => resolution.strength !== 'weak') ?? usable[0];
      if (best) {
        const kind = best.resolution.place.kind as 'premises' | 'landmark';
        return placedAtPlace(kind, methodOf(kind, best.mention, best.resolution), placeConfidence(0.9, best.mention, best.resolution), best.resolution.place);
      }
      const streetKinds = new Set<LocatedPlace['kind']>(['street']);
      const streetContext = { ...context, streets: [] };
      const resolvedStreets: Array<{ mention: Mention; resolution: Resolved }> = [];
      for (const mention of streetMentions) {
        const resolution = resolve(mention, streetContext, streetKinds);
        if (resolution.status === 'resolved') resolvedStreets.push({ mention, resolution });
        else if (resolution.status === 'ambiguous') markAmbiguous(resolution);
      }
      // Two streets that do not meet, or a premises we could not settle: the street alone would be a guess.
      if (resolvedStreets.length === 1 && !(streetMentions.length >= 2 && junctionCue) && !ambiguous) {
        const { mention, resolution } = resolvedStreets[0]!;
        return placedAtPlace('street', methodOf('street', mention, resolution), placeConfidence(0.8, mention, resolution), resolution.place);
      }
      if (resolvedStreets.length === 1 && junctionCue && streetMentions.length === 1 && !ambiguous) {
        const { mention, resolution } = resolvedStreets[0]!;
        return placedAtPlace('street', `${methodOf('street', mention, resolution)}_one_of_junction`, placeConfidence(0.6, mention, resolution), resolution.place);
      }
      if (resolvedStreets.length > 1 || (resolvedStreets.length === 1 && ambiguous)) {
        return withoutPoint('ambiguous', 'several_places', [...competing, ...resolvedStreets.map(({ resolution }) => describe(resolution.place))]);
      }

      // "royal news hornsey": a name we do not know, beside an area word, is a place in that
      // area we cannot find, not the area itself (whose centre would be a guess at it).
      const unfoundName = hasUnfoundName(tokens, mentions, blocked);
      if (!ambiguous && !unfoundName && primaryMentions.every((m) => locatingMentions.includes(m)) && streetMentions.length === 0) {
        const areaKinds = new Set<LocatedPlace['kind']>(['area']);
        for (const mention of areaMentions) {
          const resolution = resolve(mention, { ...context, areaPoints: [] }, areaKinds);
          if (resolution.status === 'resolved') return placedAtPlace('area', methodOf('area', mention, resolution), placeConfidence(0.5, mention, resolution), resolution.place);
          if (resolution.status === 'ambiguous') markAmbiguous(resolution);
        }
      }
      if (sector && !ambiguous) {
        return placedAt('postcode_sector', 'postcode_sector_text', 0.4, { matchedId: null, matchedName: sector.sector, longitude: sector.longitude, latitude: sector.latitude, lsoaCode: sector.lsoaCode, wardCode: sector.wardCode });
      }
      if (ambiguous) return withoutPoint('ambiguous', 'several_places', competing);
      // "unknown - pt confused": nothing named, and the text says it is not known.
      if (mentionsUnknown(tokens)) return withoutPoint('unknown', 'unknown_text');
      return withoutPoint('no_match', mentions.length > 0 ? 'no_place_kind' : 'no_name_found');
    },
  };
}

