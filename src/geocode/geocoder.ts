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
 * borough (resolve.ts), never by which place is nearer the ED; when that does
 * not leave one place the answer is `ambiguous`, with the competing places as
 * its candidates. A postcode district beyond the area, or on its fringe, puts
 * the place outside it (`no_match`, method `outside_area`), and so does a
 * place whose own point and postcode lie outside every LSOA of the area.
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
import { createOneRoad } from './same-road.ts';
import { createResolver, nameWords, type Context, type Resolution, type Resolved } from './resolve.ts';
import { createLocalities, localityPhrases } from './localities.ts';
import { placedAt, placedAtPlace, withoutPoint } from './results.ts';
import { siteBoroughs, type GeocoderSite } from './site-boroughs.ts';
import { createPostcodeFinder, type TextPostcodes } from './text-postcodes.ts';
import { createTextKinds } from './text-kinds.ts';
import { isOrdinaryWord } from './ordinary-words.ts';
import { createSiteKinds, isSite, locatedByText } from './site-words.ts';
import { postcodeSector } from '../lib/postcode.ts';
import { isPlacedResult, type GeocodeInput, type GeocodeResult, type Geocoder, type PlacedResult } from './types.ts';

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
  const junctionWords = new Set(ABBREVIATIONS.junctionWords);
  const siteKinds = createSiteKinds(normaliser, gazetteer.places);

  const localities = createLocalities(gazetteer.places);
  const resolve = createResolver(gazetteer, localities);
  const oneRoad = createOneRoad(gazetteer);
  const findPostcodes = createPostcodeFinder(gazetteer);
  const placeById = new Map(gazetteer.places.map((place) => [place.id, place] as const));
  // The words premises addresses use for where they are, after the street ("Chadwell Heath"):
  // the area's own localities, which a text may name beside a street.
  const addressLocalityWords = new Set<string>();
  for (const place of gazetteer.places) {
    if (!place.address || !place.street) continue;
    const parts = place.address.split(',').map((part) => part.trim());
    const after = parts.findIndex((part) => part.toLowerCase().includes(place.street!.toLowerCase()));
    if (after < 0) continue;
    for (const part of parts.slice(after + 1)) for (const token of normaliser.tokens(part)) addressLocalityWords.add(token);
  }
  // The last words of landmark names ("school", "park", "station"): computed from the
  // gazetteer's own landmarks (not bus stops, which are named after streets), so a
  // deployment's own kinds of landmark count and no list of them is kept here.
  const landmarkEndingCounts = new Map<string, number>();
  for (const place of gazetteer.places) {
    if (place.kind !== 'landmark' || place.category === 'bus_stop') continue;
    const last = normaliser.tokens(place.name).at(-1);
    if (last && !structural.has(last)) landmarkEndingCounts.set(last, (landmarkEndingCounts.get(last) ?? 0) + 1);
  }
  const landmarkEndings = new Set([...landmarkEndingCounts].filter(([, count]) => count >= 3).map(([word]) => word));
  const stationPoints = new Map<string, Array<[number, number]>>();
  for (const place of gazetteer.places) {
    if (place.kind !== 'landmark' || place.category !== 'station') continue;
    const key = nameWords(place.name.replace(/\s+station$/i, ''));
    stationPoints.set(key, [...(stationPoints.get(key) ?? []), [place.longitude, place.latitude]]);
  }

  /** Two words in a row that no name found covers and that are not shorthand, relations or fillers: the text names something the gazetteer lacks. */
  function hasUnfoundName(tokens: readonly string[], mentions: readonly Mention[], blocked: ReadonlySet<number>): boolean {
    const covered = (i: number): boolean => blocked.has(i) || mentions.some((m) => i >= m.start && i < m.end);
    const content = (i: number): boolean => !covered(i) && !structural.has(tokens[i]!) && /^[a-z]{2,}$/.test(tokens[i]!);
    return tokens.some((_, i) => content(i) && content(i + 1) && i + 1 < tokens.length);
  }

  function placeConfidence(base: number, mention: Mention, resolution: Resolved): number {
    return base - 0.1 * mention.corrections - (resolution.strength === 'weak' ? 0.1 : resolution.strength === 'alias' ? 0.05 : 0) - (resolution.bySite ? 0.1 : 0);
  }

  function methodOf(kind: string, mention: Mention, resolution: Resolved): string {
    const how = mention.corrections > 0 ? 'fuzzy' : resolution.strength === 'alias' ? 'alias' : resolution.strength === 'weak' ? 'partial' : 'exact';
    return `${kind}_${how}${resolution.bySite ? '_site_borough' : ''}`;
  }

  const geocoder: Geocoder = {
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
      const { postcode: textPostcode, sector, districts, outsideDistricts, blocked } = findPostcodes(tokens);
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
      const answer = answerNames(tokens, input.siteCode ?? null, { sector, districts, blocked });
      // "fore st n18": a postcode district beyond the area (or on its fringe) puts the place
      // outside it: a same-named street inside is another street, unless the place's own
      // record puts it in that district.
      if (outsideDistricts.length > 0 && districts.every((d) => outsideDistricts.includes(d)) && isPlacedResult(answer) && answer.outcome !== 'postcode_sector') {
        const place = answer.matchedId !== null ? placeById.get(answer.matchedId) : undefined;
        if (!place?.districts?.some((d) => outsideDistricts.includes(d))) return withoutPoint('no_match', 'outside_area');
      }
      return isPlacedResult(answer) && answer.lsoaCode === null ? withinArea(answer) : answer;
    },
  };
  return geocoder;

  /**
   * A place whose recorded point lies outside every LSOA of the area: the register's
   * postcode places it when that postcode is in the area (a premises' point can be
   * off by a street); otherwise the place is outside the area and the text gets no point.
   */
  function withinArea(answer: PlacedResult): GeocodeResult {
    const place = answer.matchedId !== null ? placeById.get(answer.matchedId) : undefined;
    const postcode = place?.postcode ? gazetteer.lookupPostcode(place.postcode) : null;
    if (!postcode?.lsoaCode) return withoutPoint('no_match', 'outside_area');
    return placedAt(answer.outcome, `${answer.method}_postcode_point`, answer.confidence, { matchedId: answer.matchedId, matchedName: answer.matchedName, longitude: postcode.longitude, latitude: postcode.latitude, lsoaCode: postcode.lsoaCode, wardCode: postcode.wardCode });
  }

  /** The names in the text, settled by what else it says: the precedence below a full postcode. */
  function answerNames(tokens: string[], siteCode: string | null, { sector, districts, blocked }: Pick<TextPostcodes, 'sector' | 'districts' | 'blocked'>): GeocodeResult {
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
    // So is a name that only a station or area has in full, whatever shops start with it
    // ("Tottenham Hale Food & Wine" does not make "kfc tottenham hale" name two shops).
    const locates = (c: Mention['candidates'][number]): boolean => c.place.kind === 'area' || (c.strength === 'weak' && c.place.kind === 'landmark' && c.place.category === 'station');
    const locatingMentions = mentions.filter((m) => m.candidates.some(locates) && m.candidates.every((c) => locates(c) || (c.strength === 'weak' && c.place.kind === 'premises')));
    const siteLad = siteCode ? (siteLads.get(siteCode.toUpperCase()) ?? null) : null;
    // Words the registers use for where premises are ("chadwell heath", "hollywood green"); one
    // that holds an area's name is the more precise ("dagenham leisure park" is not all Dagenham).
    const named = (i: number): boolean => mentions.some((m) => !locatingMentions.includes(m) && i >= m.start && i < m.end);
    const phrases = localityPhrases(tokens, (i) => !blocked.has(i) && !structural.has(tokens[i]!) && !named(i), (t) => !index.isGeneric(t) && !index.isOrdinary(t), localities, locatingMentions);
    const areaSources = locatingMentions.filter((m) => !phrases.some((p) => p.start <= m.start && m.end <= p.end && p.end - p.start > m.end - m.start));
    const context: Context = {
      districts,
      sector,
      // An area is also where its station is ("greggs hornsey" may be by Hornsey station).
      areaPoints: areaSources.flatMap((m) => m.candidates.flatMap((c) => [[c.place.longitude, c.place.latitude] as [number, number], ...(stationPoints.get(nameWords(c.place.name)) ?? [])])),
      areaNames: [...new Set(areaSources.flatMap((m) => m.candidates.map((c) => nameWords(c.place.name))))],
      localities: phrases.map((p) => p.name),
      streets: streetMentions.flatMap((m) => m.candidates.filter((c) => c.place.kind === 'street')),
      siteLad,
    };
    let ambiguous = false;
    const competing: string[] = [];
    const markAmbiguous = (resolution: Resolution): void => {
      ambiguous = true;
      if (resolution.status === 'ambiguous') competing.push(...resolution.candidates);
    };

    const junctionCue = tokens.some((t) => junctionWords.has(t));
    // Two streets and nothing else ("wightman rd x turnpike ln", "x / y") name where they meet,
    // whatever joins them, when exactly one pair of their records meets.
    if (streetMentions.length >= 2 && (junctionCue || (primaryMentions.length === 0 && (streetMentions.length === 2 || tokens.slice(streetMentions[0]!.end, streetMentions[1]!.start).includes('and'))))) {
      const junction = junctionOf(gazetteer, streetMentions[0]!, streetMentions[1]!, context, oneRoad);
      if (junction === 'ambiguous') ambiguous = true;
      else if (junction) return junction;
    }

    // A name that is both a premises and a street ("The Broadway") is settled among all of
    // them at once, so a pub in the other borough does not beat the ED's own street.
    const allKinds = new Set<LocatedPlace['kind']>(['premises', 'landmark', 'street', 'area']);
    const resolvedPrimary: Array<{ mention: Mention; resolution: Resolved }> = [];
    let ambiguousPremises = false;
    const unsettledChains: Mention[] = [];
    // "aldi wood green shopping city": a premises named with a site is its branch in the site, or one we do not know.
    const bySite = siteKinds.settle(primaryMentions, (mention) => {
      const resolution = resolve(mention, context, allKinds);
      return resolution.status === 'resolved' && !(siteKinds.saysOnlyWhat(resolution.place) && !locatedByText(resolution.place, context)) ? resolution.place : null;
    }, (mention) => locatingMentions.includes(mention));
    if (bySite.outside) return withoutPoint('no_match', 'not_in_site');
    for (const mention of bySite.mentions) {
      // A branch in the site the text names is placed by the text, whichever borough's ED sent it.
      const own = locatingMentions.includes(mention) ? { ...context, areaPoints: [] } : bySite.inSite.has(mention) ? { ...context, siteLad: null } : context;
      const resolution = resolve(mention, own, allKinds);
      // "the mall" says what kind of site, not which: only a word that locates it places it ("the mall wood green").
      if (resolution.status === 'resolved' && siteKinds.saysOnlyWhat(resolution.place) && !locatedByText(resolution.place, own)) continue;
      if (resolution.status === 'resolved') {
        if (resolution.place.kind === 'premises' || resolution.place.kind === 'landmark') resolvedPrimary.push({ mention, resolution });
      } else if (resolution.status === 'ambiguous' && !kindsOf(mention).has('street')) {
        markAmbiguous(resolution);
        if (kindsOf(mention).has('premises')) {
          ambiguousPremises = true;
          unsettledChains.push(mention);
        }
      }
    }
    // "greggs by the palace": a landmark named beside a chain locates the chain as an
    // area would; the landmark itself is not where the text says it happened.
    const landmarks = resolvedPrimary.filter(({ mention, resolution }) => resolution.place.kind === 'landmark' && !unsettledChains.includes(mention));
    if (unsettledChains.length === 1 && landmarks.length > 0) {
      const near = { ...context, areaPoints: [...context.areaPoints, ...landmarks.map(({ resolution }) => [resolution.place.longitude, resolution.place.latitude] as [number, number])], areaNames: [...context.areaNames, ...landmarks.map(({ resolution }) => nameWords(resolution.place.name))] };
      const chain = unsettledChains[0]!;
      const resolution = resolve(chain, near, new Set(['premises']));
      if (resolution.status === 'resolved') return placedAtPlace('premises', `${methodOf('premises', chain, resolution)}_by_landmark`, placeConfidence(0.8, chain, resolution), resolution.place);
    }
    // A chain we could not settle is not answered by the locating word or the landmark
    // beside it ("tesco express bowes park" is not Bowes Park station).
    // A site named with a premises only locates it: the premises is the answer, or nothing is ("costa the mall wood green").
    const usable = resolvedPrimary.filter(({ mention, resolution }) => !(ambiguousPremises && (resolution.strength === 'weak' || resolution.place.kind === 'landmark' || locatingMentions.includes(mention))) && !(isSite(resolution.place) && bySite.namesPremises));
    const best = usable.find(({ resolution }) => resolution.strength !== 'weak') ?? usable[0];
    if (best) {
      const kind = best.resolution.place.kind as 'premises' | 'landmark';
      return placedAtPlace(kind, `${methodOf(kind, best.mention, best.resolution)}${bySite.inSite.has(best.mention) ? '_in_site' : ''}`, placeConfidence(0.9, best.mention, best.resolution), best.resolution.place);
    }
    /** A word of the text that no name found covers and that is no word of the language: a name we lack. */
    const isUnplacedNameWord = (i: number): boolean => {
      const token = tokens[i];
      return token !== undefined && !blocked.has(i) && !mentions.some((m) => i >= m.start && i < m.end) && /^[a-z]{4,}$/.test(token) && !structural.has(token) && !index.isGeneric(token) && !isOrdinaryWord(token) && !addressLocalityWords.has(token);
    };
    const streetKinds = new Set<LocatedPlace['kind']>(['street']);
    const streetContext = { ...context, streets: [] };
    const resolvedStreets: Array<{ mention: Mention; resolution: Resolved }> = [];
    for (const mention of streetMentions) {
      const resolution = resolve(mention, streetContext, streetKinds);
      // "ilford high rd": a street named in both boroughs, settled only by the ED's borough,
      // beside a name word the text gives and we cannot place, may be that place's street.
      // So may a street whose name is all common words, found in every town
      // ("stoke newington high st": the High Street we have is another town's).
      const commonName = tokens.slice(mention.start, mention.end).every((t) => index.isGeneric(t));
      if (resolution.status === 'resolved' && (resolution.bySite || commonName) && [mention.start - 1, mention.end].some(isUnplacedNameWord)) {
        markAmbiguous({ status: 'ambiguous', candidates: mention.candidates.filter((c) => c.place.kind === 'street').map((c) => describe(c.place)) });
      } else if (resolution.status === 'resolved') resolvedStreets.push({ mention, resolution });
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
    // So is one word that is no word of the language nor of the gazetteer ("wingstop barking").
    const unfoundName = hasUnfoundName(tokens, mentions, blocked) || tokens.some((_, i) => isUnplacedNameWord(i));
    if (!ambiguous && !unfoundName && primaryMentions.every((m) => locatingMentions.includes(m)) && streetMentions.length === 0) {
      const areaKinds = new Set<LocatedPlace['kind']>(['area']);
      for (const mention of areaMentions) {
        // "parsloes park", "goresbrook school": an area's name with a word that ends the names
        // of landmarks is a landmark named after the area, which we do not have.
        if (landmarkEndings.has(tokens[mention.end] ?? '') && !blocked.has(mention.end)) continue;
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
  }
}

