/**
 * The matcher: receptionist's free text → one GeocodeResult, never a guess.
 *
 * Precedence (after the NHS ISTV geocoder): home → full postcode → a single
 * confident place match (premises or landmark, junction, street, area) →
 * postcode sector → ambiguous → no match. One refinement: a postcode sector in
 * the text is used to settle a place match that lies in it, because a premises
 * inside the sector is more precise than the sector's centre.
 *
 * Same-named places are settled, in order, by what else the text says (a
 * postcode district "N17", a sector, an area "wood grn", a street for a
 * premises), then by the borough of the ED that sent the row. When that does
 * not leave one place (or one cluster of records of the same place), the answer
 * is `ambiguous`, with the competing places as its candidates.
 *
 * This file settles and answers; finding names in the text is mentions.ts,
 * home and unknown texts text-kinds.ts, grouping candidates candidates.ts,
 * distances place-distance.ts, and each ED's borough site-boroughs.ts.
 */
import type { Gazetteer, LocatedPlace } from './gazetteer/load.ts';
import { createTokenCorrector, type TokenCorrector } from './fuzzy.ts';
import { ABBREVIATIONS, createNormaliser, type Normaliser } from './normalise.ts';
import { createPlaceIndex, type KeyStrength, type PlaceIndex } from './place-index.ts';
import { clusterCandidates, describe, representative, type Candidate } from './candidates.ts';
import { createMentionFinder, type Mention } from './mentions.ts';
import { meetingPoint, metresBetweenPlaces, metresToPlace } from './place-distance.ts';
import { siteBoroughs, type GeocoderSite } from './site-boroughs.ts';
import { createTextKinds } from './text-kinds.ts';
import { normalisePostcode, postcodeSector } from '../lib/postcode.ts';
import type { GeocodeInput, GeocodeOutcome, GeocodeResult, Geocoder } from './types.ts';

export type { GeocoderSite } from './site-boroughs.ts';
export { metresBetween } from './place-distance.ts';

export interface GeocoderOptions {
  /** EDs (e.g. from the config); added to, and overriding, the gazetteer's own sites. */
  sites?: readonly GeocoderSite[];
}

interface Context {
  districts: string[];
  sector: { longitude: number; latitude: number } | null;
  areaPoints: Array<[number, number]>;
  streets: Candidate[];
  siteLad: string | null;
  sitePoint: [number, number] | null;
}

type Resolution =
  | { status: 'resolved'; place: LocatedPlace; strength: KeyStrength; bySite: boolean; bySiteLocation: boolean; byContext: boolean }
  | { status: 'ambiguous'; candidates: string[] }
  | { status: 'none' };

/** A named area settles a place within this distance of the area's point. */
const AREA_RADIUS_METRES = 1500;
/** A street named beside a premises settles it within this distance. */
const STREET_RADIUS_METRES = 400;
/** A same-named place this close to the ED, and at most a third as far as the next, is the one meant. */
const SITE_NEAR_METRES = 2000;
/** Two streets "meet" when their extents come this close. */
const JUNCTION_GAP_METRES = 250;
/** Without extents, their representative points must be this close. */
const JUNCTION_POINT_METRES = 700;

const NO_POINT = { matchedId: null, matchedName: null, longitude: null, latitude: null, lsoaCode: null, wardCode: null };

function withoutPoint(outcome: GeocodeOutcome, method: string, candidates?: readonly string[]): GeocodeResult {
  const result: GeocodeResult = { outcome, method, confidence: 0, ...NO_POINT };
  if (candidates && candidates.length > 0) result.candidates = [...new Set(candidates)].sort();
  return result;
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

  /** Narrows one mention's candidates with what else the text says, then by the site's borough. */
  function resolve(mention: Mention, context: Context, kinds: ReadonlySet<LocatedPlace['kind']>): Resolution {
    let candidates = mention.candidates.filter((c) => kinds.has(c.place.kind));
    if (candidates.length === 0) return { status: 'none' };
    const strength = candidates.some((c) => c.strength === 'name') ? 'name' : (candidates[0]!.strength);

    let byContext = false;
    const narrow = (keep: (c: Candidate) => boolean): void => {
      const kept = candidates.filter(keep);
      if (kept.length > 0 && kept.length < candidates.length) {
        candidates = kept;
        byContext = true;
      }
    };
    for (const district of context.districts) {
      const centre = gazetteer.districtPoint(district);
      narrow((c) =>
        c.place.districts ? c.place.districts.includes(district) : centre !== null && metresToPlace(centre, c.place) <= AREA_RADIUS_METRES,
      );
    }
    if (context.sector) {
      const point: [number, number] = [context.sector.longitude, context.sector.latitude];
      narrow((c) => metresToPlace(point, c.place) <= AREA_RADIUS_METRES / 2);
    }
    if (context.areaPoints.length > 0) {
      const distance = (c: Candidate): number => Math.min(...context.areaPoints.map((point) => metresToPlace(point, c.place)));
      // "greggs wood green": the branches in Wood Green. Two there is ambiguous: which is
      // nearer the area's centre is no evidence of which one the patient meant. An area has
      // no edge in the data, so another branch not far outside the radius may be in it too:
      // the area settles a name only with a clear margin.
      const inside = candidates.filter((c) => distance(c) <= AREA_RADIUS_METRES);
      const nearOutside = candidates.some((c) => distance(c) > AREA_RADIUS_METRES && distance(c) <= 2 * AREA_RADIUS_METRES);
      // (Streets have extents, measured to their nearest point: the radius alone settles them.)
      if (inside.length > 0 && nearOutside && candidates.every((c) => c.place.kind !== 'street') && clusterCandidates(candidates).length > 1) return { status: 'ambiguous', candidates: clusterCandidates(candidates).map((cluster) => describe(representative(cluster).place)) };
      narrow((c) => distance(c) <= AREA_RADIUS_METRES);
    }
    const streets = context.streets.filter((s) => !mention.candidates.includes(s));
    if (streets.length > 0 && candidates.some((c) => c.place.kind !== 'street')) {
      // The premises' own address first ("costa Williamson rd"), then nearness to the street.
      const streetKeys = new Set(streets.map((s) => s.place.name.toLowerCase()));
      narrow((c) => c.place.street !== undefined && streetKeys.has(c.place.street.toLowerCase()));
      narrow((c) => streets.some((s) => metresBetweenPlaces(s.place, c.place) <= STREET_RADIUS_METRES));
    }

    let clusters = clusterCandidates(candidates);
    let bySite = false;
    if (clusters.length > 1 && context.siteLad) {
      const inBorough = clusters.filter((cluster) => cluster.some((c) => c.place.ladCode === context.siteLad));
      if (inBorough.length >= 1 && inBorough.length < clusters.length) {
        clusters = inBorough;
        bySite = true;
      }
    }
    let bySiteLocation = false;
    if (clusters.length > 1 && context.sitePoint && clusters.every((cluster) => cluster.every((c) => c.place.kind === 'street'))) {
      // Streets only (a chain's branches are not settled by a guess about who goes to which ED).
      // The ED's own neighbourhood: settle only when one is clearly the nearer (a third of the distance or less, within 2 km).
      const sitePoint = context.sitePoint;
      const distances = clusters.map((cluster) => Math.min(...cluster.map((c) => metresToPlace(sitePoint, c.place))));
      const order = distances.map((d, i) => [d, i] as const).sort((a, b) => a[0] - b[0]);
      const [nearest, second] = order;
      if (nearest && second && nearest[0] <= SITE_NEAR_METRES && nearest[0] <= second[0] / 3) {
        clusters = [clusters[nearest[1]]!];
        bySiteLocation = true;
      }
    }
    if (clusters.length !== 1) return { status: 'ambiguous', candidates: clusters.map((cluster) => describe(representative(cluster).place)) };
    const chosen = representative(clusters[0]!);
    // Street names repeat all over London and our street list is never complete: a
    // street found only in another borough than the ED's is as likely another street.
    if (chosen.place.kind === 'street' && context.siteLad && chosen.place.ladCode !== context.siteLad && !byContext) return { status: 'ambiguous', candidates: [describe(chosen.place)] };
    return { status: 'resolved', place: chosen.place, strength: chosen.strength === 'weak' ? 'weak' : strength, bySite, bySiteLocation, byContext };
  }

  function placed(outcome: GeocodeOutcome, method: string, confidence: number, place: LocatedPlace): GeocodeResult {
    return {
      outcome,
      method,
      confidence: Math.round(Math.max(0.05, Math.min(1, confidence)) * 100) / 100,
      matchedId: place.id,
      matchedName: place.name,
      longitude: place.longitude,
      latitude: place.latitude,
      lsoaCode: place.lsoaCode,
      wardCode: place.wardCode,
    };
  }

  function placeConfidence(base: number, mention: Mention, resolution: Extract<Resolution, { status: 'resolved' }>): number {
    return base - 0.1 * mention.corrections - (resolution.strength === 'weak' ? 0.1 : resolution.strength === 'alias' ? 0.05 : 0) - (resolution.bySite ? 0.1 : 0) - (resolution.bySiteLocation ? 0.15 : 0);
  }

  function methodOf(kind: string, mention: Mention, resolution: Extract<Resolution, { status: 'resolved' }>): string {
    const how = mention.corrections > 0 ? 'fuzzy' : resolution.strength === 'alias' ? 'alias' : resolution.strength === 'weak' ? 'partial' : 'exact';
    return `${kind}_${how}${resolution.bySite ? '_site_borough' : ''}${resolution.bySiteLocation ? '_site_nearest' : ''}`;
  }

  /** Two streets that meet: the point where their extents overlap (or their nearest points), when close enough. */
  function junctionOf(first: Mention, second: Mention, context: Context): GeocodeResult | 'ambiguous' | null {
    const streetKinds = new Set<LocatedPlace['kind']>(['street']);
    const a = first.candidates.filter((c) => streetKinds.has(c.place.kind));
    const b = second.candidates.filter((c) => streetKinds.has(c.place.kind));
    if (a.length === 0 || b.length === 0) return null;
    const pairs: Array<{ a: LocatedPlace; b: LocatedPlace; gap: number }> = [];
    for (const x of a) {
      for (const y of b) {
        const gap = metresBetweenPlaces(x.place, y.place);
        const limit = x.place.bbox && y.place.bbox ? JUNCTION_GAP_METRES : JUNCTION_POINT_METRES;
        if (gap <= limit) pairs.push({ a: x.place, b: y.place, gap });
      }
    }
    if (pairs.length === 0) return null;
    let close = pairs;
    if (close.length > 1 && context.siteLad) {
      const inBorough = close.filter((p) => p.a.ladCode === context.siteLad || p.b.ladCode === context.siteLad);
      if (inBorough.length > 0) close = inBorough;
    }
    if (close.length > 1 && context.areaPoints.length + context.districts.length > 0) {
      const near = close.filter((p) => context.areaPoints.some((pt) => metresToPlace(pt, p.a) <= AREA_RADIUS_METRES) || context.districts.some((d) => p.a.districts?.includes(d) || p.b.districts?.includes(d)));
      if (near.length > 0) close = near;
    }
    if (close.length > 1) return 'ambiguous';
    const { a: streetA, b: streetB } = close[0]!;
    const point = meetingPoint(streetA, streetB);
    const lsoa = gazetteer.lsoaAt(point[0], point[1]);
    const corrections = first.corrections + second.corrections;
    return {
      outcome: 'junction',
      method: corrections > 0 ? 'junction_fuzzy' : 'junction_exact',
      confidence: Math.round((0.7 - 0.1 * corrections) * 100) / 100,
      matchedId: `${streetA.id}+${streetB.id}`,
      matchedName: `${streetA.name} / ${streetB.name}`,
      longitude: Math.round(point[0] * 1e6) / 1e6,
      latitude: Math.round(point[1] * 1e6) / 1e6,
      lsoaCode: lsoa?.code ?? null,
      wardCode: lsoa?.wardCode ?? null,
    };
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
      const blocked = new Set<number>();
      let textPostcode: ReturnType<Gazetteer['lookupPostcode']> = null;
      let sector: ReturnType<Gazetteer['lookupSector']> = null;
      const districts: string[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        const next = tokens[i + 1];
        if (/^[a-z]{1,2}\d[a-z\d]?\d[a-z]{2}$/.test(token)) {
          const found = gazetteer.lookupPostcode(token);
          if (found) {
            textPostcode ??= found;
            blocked.add(i);
          }
          continue;
        }
        if (!/^[a-z]{1,2}\d[a-z\d]?$/.test(token)) continue;
        if (next && /^\d[a-z]{2}$/.test(next) && normalisePostcode(token + next)) {
          const found = gazetteer.lookupPostcode(token + next);
          if (found) {
            textPostcode ??= found;
            blocked.add(i).add(i + 1);
            i++;
            continue;
          }
        }
        if (next && /^\d$/.test(next)) {
          const found = gazetteer.lookupSector(`${token}${next}`);
          if (found) {
            sector ??= found;
            blocked.add(i).add(i + 1);
            districts.push(token.toUpperCase());
            i++;
            continue;
          }
        }
        // Not blocked: a district can be part of a name ("N4 Cafe").
        if (gazetteer.districts.has(token.toUpperCase())) districts.push(token.toUpperCase());
      }
      const postcode = fromColumn ?? textPostcode;
      if (postcode) {
        const lsoa = { lsoaCode: postcode.lsoaCode, wardCode: postcode.wardCode };
        // The full postcode is not kept: the sector names the result, as in the stored text.
        return {
          outcome: 'postcode',
          method: fromColumn ? 'postcode_column' : 'postcode_text',
          confidence: fromColumn ? 0.95 : 0.9,
          matchedId: null,
          matchedName: postcodeSector(postcode.postcode),
          longitude: postcode.longitude,
          latitude: postcode.latitude,
          ...lsoa,
        };
      }
      if (tokens.filter((t, i) => !blocked.has(i)).length === 0 && !sector && districts.length === 0) return withoutPoint('unknown', 'blank');
      if (isUnknownText(tokens)) return withoutPoint('unknown', 'unknown_text');

      const mentions = findMentions(tokens, blocked);
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
        const junction = junctionOf(streetMentions[0]!, streetMentions[1]!, { ...context, areaPoints: context.areaPoints });
        if (junction === 'ambiguous') ambiguous = true;
        else if (junction) return junction;
      }

      // A name that is both a premises and a street ("The Broadway") is settled among all of
      // them at once, so a pub in the other borough does not beat the ED's own street.
      const allKinds = new Set<LocatedPlace['kind']>(['premises', 'landmark', 'street', 'area']);
      const resolvedPrimary: Array<{ mention: Mention; resolution: Extract<Resolution, { status: 'resolved' }> }> = [];
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
        return placed(kind, methodOf(kind, best.mention, best.resolution), placeConfidence(0.9, best.mention, best.resolution), best.resolution.place);
      }
      const streetKinds = new Set<LocatedPlace['kind']>(['street']);
      const streetContext = { ...context, streets: [] };
      const resolvedStreets: Array<{ mention: Mention; resolution: Extract<Resolution, { status: 'resolved' }> }> = [];
      for (const mention of streetMentions) {
        const resolution = resolve(mention, streetContext, streetKinds);
        if (resolution.status === 'resolved') resolvedStreets.push({ mention, resolution });
        else if (resolution.status === 'ambiguous') markAmbiguous(resolution);
      }
      // Two streets that do not meet, or a premises we could not settle: the street alone would be a guess.
      if (resolvedStreets.length === 1 && !(streetMentions.length >= 2 && junctionCue) && !ambiguous) {
        const { mention, resolution } = resolvedStreets[0]!;
        return placed('street', methodOf('street', mention, resolution), placeConfidence(0.8, mention, resolution), resolution.place);
      }
      if (resolvedStreets.length === 1 && junctionCue && streetMentions.length === 1 && !ambiguous) {
        const { mention, resolution } = resolvedStreets[0]!;
        return placed('street', `${methodOf('street', mention, resolution)}_one_of_junction`, placeConfidence(0.6, mention, resolution), resolution.place);
      }
      if (resolvedStreets.length > 1 || (resolvedStreets.length === 1 && ambiguous)) {
        return withoutPoint('ambiguous', 'several_places', [...competing, ...resolvedStreets.map(({ resolution }) => describe(resolution.place))]);
      }

      if (!ambiguous && primaryMentions.every((m) => locatingMentions.includes(m)) && streetMentions.length === 0) {
        const areaKinds = new Set<LocatedPlace['kind']>(['area']);
        for (const mention of areaMentions) {
          const resolution = resolve(mention, { ...context, areaPoints: [] }, areaKinds);
          if (resolution.status === 'resolved') return placed('area', methodOf('area', mention, resolution), placeConfidence(0.5, mention, resolution), resolution.place);
          if (resolution.status === 'ambiguous') markAmbiguous(resolution);
        }
      }
      if (sector && !ambiguous) {
        const lsoa = { lsoaCode: sector.lsoaCode, wardCode: sector.wardCode };
        return { outcome: 'postcode_sector', method: 'postcode_sector_text', confidence: 0.4, matchedId: null, matchedName: sector.sector, longitude: sector.longitude, latitude: sector.latitude, ...lsoa };
      }
      if (ambiguous) return withoutPoint('ambiguous', 'several_places', competing);
      // "unknown - pt confused": nothing named, and the text says it is not known.
      if (mentionsUnknown(tokens)) return withoutPoint('unknown', 'unknown_text');
      return withoutPoint('no_match', mentions.length > 0 ? 'no_place_kind' : 'no_name_found');
    },
  };
}

