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
 * is `ambiguous`.
 */
import type { Gazetteer, LocatedPlace } from './gazetteer/load.ts';
import type { SiteRecord } from './gazetteer/types.ts';
import { createTokenCorrector, type TokenCorrector } from './fuzzy.ts';
import { ABBREVIATIONS, createNormaliser, type Normaliser } from './normalise.ts';
import { createPlaceIndex, type KeyStrength, type PlaceIndex } from './place-index.ts';
import { normalisePostcode, postcodeSector } from '../lib/postcode.ts';
import type { GeocodeInput, GeocodeOutcome, GeocodeResult, Geocoder } from './types.ts';

export interface GeocoderSite {
  code: string;
  longitude: number;
  latitude: number;
  /** LAD code or name; when absent, the LAD of the LSOA nearest the site. */
  borough?: string | null;
}

export interface GeocoderOptions {
  /** EDs (e.g. from the config); added to, and overriding, the gazetteer's own sites. */
  sites?: readonly GeocoderSite[];
}

interface Candidate {
  place: LocatedPlace;
  strength: KeyStrength;
}

interface Mention {
  start: number;
  end: number;
  candidates: Candidate[];
  corrections: number;
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

/** Records of the same place from several sources (an OSM pub and its FSA entry) lie within this distance. */
const SAME_PLACE_METRES = 300;
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

/** Words that end a street name: after a name they mean the text names a street. */
const STREET_WORDS = new Set(['road', 'street', 'lane', 'avenue', 'gardens', 'grove', 'close', 'crescent', 'drive', 'terrace', 'parade', 'way', 'place', 'square', 'mews', 'rise', 'walk', 'row', 'hill', 'court']);

/**
 * Words that say what kind of place a name is: "Finsbury Park station" is a
 * station, so a park called Finsbury Park is not what the text means.
 */
const KIND_WORDS: Record<string, (place: LocatedPlace) => boolean> = {
  station: (place) => place.kind === 'landmark' && (place.category === 'station' || place.category === 'bus_station'),
  school: (place) => place.kind === 'landmark' && place.category === 'school',
};

const KIND_ORDER: Record<LocatedPlace['kind'], number> = { premises: 0, landmark: 1, street: 2, area: 3 };
/** A stop named after a landmark is a record of less: it ranks below every other kind of landmark. */
const rankOf = (place: LocatedPlace): number => KIND_ORDER[place.kind] + (place.category === 'bus_stop' ? 0.5 : 0);

/** Approximate ground distance in metres (equirectangular: fine over a borough). */
export function metresBetween(a: [number, number], b: [number, number]): number {
  const dx = (a[0] - b[0]) * Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180)) * 111320;
  const dy = (a[1] - b[1]) * 110540;
  return Math.hypot(dx, dy);
}

/** Distance from a point to a place: to its extent when it has one (a street), else to its point. */
function metresToPlace(point: [number, number], place: LocatedPlace): number {
  if (place.bbox) {
    const [west, south, east, north] = place.bbox;
    const nearest: [number, number] = [Math.min(Math.max(point[0], west), east), Math.min(Math.max(point[1], south), north)];
    return metresBetween(point, nearest);
  }
  return metresBetween(point, [place.longitude, place.latitude]);
}

/** Metres from a point to a segment (equirectangular). */
function metresToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const kx = Math.cos(p[1] * (Math.PI / 180)) * 111320;
  const ky = 110540;
  const ax = (a[0] - p[0]) * kx;
  const ay = (a[1] - p[1]) * ky;
  const dx = (b[0] - a[0]) * kx;
  const dy = (b[1] - a[1]) * ky;
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Closest approach of two sets of lines: the vertices of each against the segments of the other. */
function metresBetweenLines(a: Array<Array<[number, number]>>, b: Array<Array<[number, number]>>): number {
  let best = Infinity;
  for (const [from, to] of [[a, b], [b, a]] as const) {
    for (const line of from) for (const vertex of line) for (const other of to) {
      for (let i = 1; i < other.length; i++) best = Math.min(best, metresToSegment(vertex, other[i - 1]!, other[i]!));
      if (other.length === 1) best = Math.min(best, metresBetween(vertex, other[0]!));
    }
  }
  return best;
}

function metresBetweenPlaces(a: LocatedPlace, b: LocatedPlace): number {
  // Lines when both have them: two long streets' boxes overlap without the streets meeting.
  if (a.lines && b.lines) return metresBetweenLines(a.lines, b.lines);
  if (a.bbox && b.bbox) {
    const dx = Math.max(0, a.bbox[0] - b.bbox[2], b.bbox[0] - a.bbox[2]);
    const dy = Math.max(0, a.bbox[1] - b.bbox[3], b.bbox[1] - a.bbox[3]);
    const lat = (a.latitude + b.latitude) / 2;
    return Math.hypot(dx * Math.cos(lat * (Math.PI / 180)) * 111320, dy * 110540);
  }
  if (a.bbox || b.bbox) return a.bbox ? metresToPlace([b.longitude, b.latitude], a) : metresToPlace([a.longitude, a.latitude], b);
  return metresBetween([a.longitude, a.latitude], [b.longitude, b.latitude]);
}

/** Single-linkage clusters of candidates: records of one place stay together, distinct places split. */
function clusterCandidates(candidates: Candidate[]): Candidate[][] {
  const clusters: Candidate[][] = [];
  for (const candidate of candidates) {
    const joined = clusters.filter((cluster) => cluster.some((other) => metresBetweenPlaces(other.place, candidate.place) <= SAME_PLACE_METRES));
    if (joined.length === 0) clusters.push([candidate]);
    else {
      const merged = joined.flat();
      merged.push(candidate);
      for (const cluster of joined) clusters.splice(clusters.indexOf(cluster), 1);
      clusters.push(merged);
    }
  }
  return clusters;
}

function representative(cluster: Candidate[]): Candidate {
  return [...cluster].sort(
    (a, b) =>
      rankOf(a.place) - rankOf(b.place) ||
      Number(a.strength === 'weak') - Number(b.strength === 'weak') ||
      (a.place.id < b.place.id ? -1 : 1),
  )[0]!;
}

/**
 * Weak keys ("Wood Green" for Wood Green Express Ltd, "Tottenham Hale" for the
 * station) give way when the same words fully name a place of another kind
 * (the district); they stay beside strong keys of their own kind and category,
 * so a chain ("Tesco", "Tesco Express") keeps all its branches.
 */
function strongest(candidates: Candidate[]): Candidate[] {
  const strongTypes = new Set(candidates.filter((c) => c.strength !== 'weak').map((c) => `${c.place.kind}/${c.place.category}`));
  if (strongTypes.size === 0) return candidates;
  return candidates.filter((c) => c.strength !== 'weak' || strongTypes.has(`${c.place.kind}/${c.place.category}`));
}

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
  const siteLads = siteBoroughs(gazetteer, options.sites ?? []);
  const sitePoints = new Map<string, [number, number]>();
  for (const site of [...gazetteer.sites, ...(options.sites ?? [])]) sitePoints.set(site.code.toUpperCase(), [site.longitude, site.latitude]);
  const unknownPhrases = new Set(ABBREVIATIONS.unknownPhrases);
  const unknownPhrasesLongestFirst = [...unknownPhrases].sort((a, b) => b.length - a.length);
  const unknownWords = new Set([...unknownPhrases].flatMap((phrase) => phrase.split(' ')));
  const homeWords = new Set(ABBREVIATIONS.homeWords);
  const homeOwners = new Set(ABBREVIATIONS.homeOwners);
  const homeAlone = new Set(ABBREVIATIONS.homeAlone);
  const notHomeBefore = new Set(ABBREVIATIONS.notHomeBefore);
  const junctionWords = new Set(ABBREVIATIONS.junctionWords);
  const unknownNegators = new Set(ABBREVIATIONS.unknownNegators);
  const unknownVerbs = new Set(ABBREVIATIONS.unknownVerbs);

  function isHomeText(tokens: string[]): boolean {
    const content = tokens.filter((t) => t !== 'the' && t !== 'a');
    if (homeAlone.has(content.join(' '))) return true;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (!homeWords.has(token)) continue;
      const before = tokens[i - 1];
      if (token === 'home') {
        if (before !== undefined && notHomeBefore.has(before)) continue;
        if (tokens[i + 1] === 'from') continue;
        return true;
      }
      // "pts flat", "friends house", "at his own flat": an owner within two words before.
      const owner = [tokens[i - 1], tokens[i - 2]].some((word) => word !== undefined && homeOwners.has(word) && word !== 'at' && word !== 'in');
      if (owner) return true;
    }
    return false;
  }

  /** "pt unable to say", "doesnt remember where": a negator followed within three words by a knowledge word. */
  function deniesKnowing(tokens: string[]): boolean {
    for (let i = 0; i < tokens.length; i++) {
      if (!unknownNegators.has(tokens[i]!)) continue;
      for (let k = i + 1; k <= i + 4 && k < tokens.length; k++) if (unknownVerbs.has(tokens[k]!)) return true;
    }
    return false;
  }

  function isUnknownText(tokens: string[]): boolean {
    if (deniesKnowing(tokens)) return true;
    // Structural words stay when they belong to an unknown phrase ("not stated", "refused to say").
    const content = tokens.filter((t) => !structural.has(t) || unknownWords.has(t));
    if (content.length === 0) return false;
    // Quick exit for the common case: a word that is in no unknown phrase.
    if (content.some((t) => !unknownWords.has(t))) return false;
    const text = content.join(' ');
    if (unknownPhrases.has(text)) return true;
    // Every word belongs to some unknown phrase: "unknown not known", "refused unknown".
    let rest = ` ${text} `;
    for (const phrase of unknownPhrasesLongestFirst) rest = rest.split(` ${phrase} `).join('  ');
    return rest.trim() === '';
  }

  /** Alternatives for each token: itself when known or structural, else its spelling corrections. */
  function alternatives(tokens: string[]): Array<Array<{ token: string; corrected: boolean }>> {
    return tokens.map((token, i) => {
      // "st" was read as street or saint by position; the other reading stays open ("playground st josephs school").
      if ((token === 'street' || token === 'saint') && i < tokens.length - 1) {
        return [{ token, corrected: false }, { token: token === 'street' ? 'saint' : 'street', corrected: false }];
      }
      const split = compoundSplit(token);
      if (index.vocabulary.has(token) || structural.has(token) || /\d/.test(token)) return split ? [{ token, corrected: false }, { token: split, corrected: false }] : [{ token, corrected: false }];
      const corrections = corrector.correct(token).filter((c) => !index.isGeneric(c.token) || c.distance === 1);
      return [{ token, corrected: false }, ...(split ? [{ token: split, corrected: false }] : []), ...corrections.map((c) => ({ token: c.token, corrected: true }))];
    });
  }

  /** "woodgreen" → "wood green" when both halves are gazetteer words (an alternative reading, not a replacement: "taproom" is a word too). */
  function compoundSplit(token: string): string | null {
    if (token.length < 7 || index.lookup(token) || structural.has(token) || /\d/.test(token)) return null;
    for (let k = 3; k <= token.length - 3; k++) {
      const left = token.slice(0, k);
      const right = token.slice(k);
      if (index.vocabulary.has(left) && index.vocabulary.has(right)) return `${left} ${right}`;
    }
    return null;
  }

  function findMentions(tokens: string[], blocked: Set<number>): Mention[] {
    const options = alternatives(tokens);
    const found: Mention[] = [];
    for (let start = 0; start < tokens.length; start++) {
      if (blocked.has(start)) continue;
      const best = longestKeyAt(tokens, options, start, blocked);
      if (best) found.push({ start, end: best.end, candidates: strongest(best.candidates), corrections: best.corrections });
    }
    // Longest first, then fewest corrections; keep those that do not overlap a better one.
    found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.corrections - b.corrections || a.start - b.start);
    const taken = new Set<number>();
    const chosen: Mention[] = [];
    for (const mention of found) {
      let overlaps = false;
      for (let k = mention.start; k < mention.end; k++) if (taken.has(k)) overlaps = true;
      if (overlaps) continue;
      for (let k = mention.start; k < mention.end; k++) taken.add(k);
      chosen.push(mention);
    }
    return chosen.sort((a, b) => a.start - b.start);
  }

  /**
   * The longest gazetteer key starting at `start`, walking token by token while
   * the words so far are the start of some key (so a string costs a handful of
   * map lookups), trying each token's spelling corrections; fewest corrections
   * win among keys of the same length.
   */
  function longestKeyAt(
    tokens: string[],
    options: Array<Array<{ token: string; corrected: boolean }>>,
    start: number,
    blocked: Set<number>,
  ): { end: number; candidates: Candidate[]; corrections: number } | null {
    let best: { end: number; candidates: Candidate[]; corrections: number } | null = null;
    const words: string[] = [];
    const walk = (position: number, key: string, corrections: number): void => {
      if (position >= tokens.length || blocked.has(position)) return;
      for (const option of options[position]!) {
        const nextKey = key === '' ? option.token : `${key} ${option.token}`;
        const nextCorrections = corrections + (option.corrected ? 1 : 0);
        words.push(option.token);
        const entries = index.lookup(nextKey);
        const end = position + 1;
        if (entries && (!best || end > best.end || (end === best.end && nextCorrections < best.corrections)) && acceptable(words, nextCorrections, tokens[end], words.length === 1 ? tokens[start] : undefined)) {
          best = { end, candidates: entries.map((e) => ({ place: e.place, strength: e.strength })), corrections: nextCorrections };
        }
        if (index.isPrefix(nextKey)) walk(end, nextKey, nextCorrections);
        words.pop();
      }
    };
    walk(start, '', 0);
    return best;
  }

  /** Whether a key found in the text may stand for a place. */
  function acceptable(words: string[], corrections: number, following: string | undefined, typed?: string): boolean {
    // Two letters swapped ("cronw") is the commonest slip, and safe even in a five-letter name.
    const lastTransposition = typed !== undefined && typed.length === words[0]?.length && [...typed].sort().join('') === [...words[0]].sort().join('');
    if (!isSpecific(words)) return false;
    // A corrected single short word is too weak a basis for a place.
    if (corrections > 0 && words.length === 1 && (words[0]?.length ?? 0) < 6 && !(words[0]!.length === 5 && lastTransposition)) return false;
    const entries = index.lookup(words.join(' ')) ?? [];
    // Generic words alone ("chicken shop", "the broadway shops") never place a premises or landmark;
    // a street of common words ("High Road") is still a street, settled or not by the rest.
    if (words.every((t) => index.isGeneric(t)) && !entries.some((e) => e.place.kind === 'street' || e.place.kind === 'area')) return false;
    // "Crown Street" is a street we do not know, not The Crown with "street" left over.
    if (following !== undefined && STREET_WORDS.has(following)) {
      if (!entries.some((e) => e.place.kind === 'street')) return false;
    }
    // "Finsbury Park station" names a station: not a park, street or shop of that name.
    const kindWord = following !== undefined ? KIND_WORDS[following] : undefined;
    if (kindWord && !entries.some((e) => kindWord(e.place))) return false;
    return true;
  }

  function isSpecific(tokens: string[]): boolean {
    if (tokens.some((t) => !index.isGeneric(t))) return true;
    return tokens.filter((t) => t !== 'the' && t !== 'and' && t !== 'of').length >= 2;
  }

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
      // nearer the area's centre is no evidence of which one the patient meant.
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
      if (tokens.some((t) => unknownPhrases.has(t))) return withoutPoint('unknown', 'unknown_text');
      return withoutPoint('no_match', mentions.length > 0 ? 'no_place_kind' : 'no_name_found');
    },
  };
}

/** How an ambiguous answer names a competitor: "Costa Coffee (premises, E01002026)". */
function describe(place: LocatedPlace): string {
  return `${place.name} (${place.kind}${place.lsoaCode ? `, ${place.lsoaCode}` : ''})`;
}

/** Where two streets meet: the nearest pair of vertices when both have lines, else the middle of where their extents meet. */
function meetingPoint(a: LocatedPlace, b: LocatedPlace): [number, number] {
  if (a.lines && b.lines) {
    let best: [number, number] = [(a.longitude + b.longitude) / 2, (a.latitude + b.latitude) / 2];
    let bestDistance = Infinity;
    for (const lineA of a.lines) for (const p of lineA) for (const lineB of b.lines) for (const q of lineB) {
      const distance = metresBetween(p, q);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
      }
    }
    return best;
  }
  if (a.bbox && b.bbox) {
    const west = Math.max(a.bbox[0], b.bbox[0]);
    const east = Math.min(a.bbox[2], b.bbox[2]);
    const south = Math.max(a.bbox[1], b.bbox[1]);
    const north = Math.min(a.bbox[3], b.bbox[3]);
    return [(west + east) / 2, (south + north) / 2];
  }
  return [(a.longitude + b.longitude) / 2, (a.latitude + b.latitude) / 2];
}

/** Site code → LAD code: the site's stated borough (code or name), else the LAD of the LSOA nearest the site. */
function siteBoroughs(gazetteer: Gazetteer, extra: readonly GeocoderSite[]): Map<string, string> {
  const byCode = new Map<string, GeocoderSite>();
  for (const site of gazetteer.sites as readonly SiteRecord[]) byCode.set(site.code.toUpperCase(), site);
  for (const site of extra) byCode.set(site.code.toUpperCase(), site);
  const lads = new Map<string, string>();
  for (const lsoa of gazetteer.lsoas) {
    if (lsoa.ladCode) {
      lads.set(lsoa.ladCode.toLowerCase(), lsoa.ladCode);
      if (lsoa.ladName) lads.set(lsoa.ladName.toLowerCase(), lsoa.ladCode);
    }
  }
  const result = new Map<string, string>();
  for (const [code, site] of byCode) {
    const stated = site.borough ? lads.get(site.borough.toLowerCase()) : undefined;
    const lad = stated ?? gazetteer.lsoaAt(site.longitude, site.latitude)?.ladCode ?? nearestLad(gazetteer, site);
    if (lad) result.set(code, lad);
  }
  return result;
}

function nearestLad(gazetteer: Gazetteer, site: GeocoderSite): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const lsoa of gazetteer.lsoas) {
    const ring = lsoa.geometry.type === 'Polygon' ? lsoa.geometry.coordinates[0] : lsoa.geometry.coordinates[0]?.[0];
    for (const position of ring ?? []) {
      const distance = metresBetween([site.longitude, site.latitude], [position[0]!, position[1]!]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = lsoa.ladCode;
      }
    }
  }
  return best;
}
