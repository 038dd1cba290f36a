/**
 * The geocoder's answer for one location. "home", "ambiguous", "no_match" and
 * "unknown" are explicit outcomes that carry no point: the geocoder never
 * guesses.
 */
export const GEOCODE_OUTCOMES = [
  'premises',
  'landmark',
  'junction',
  'street',
  'postcode',
  'postcode_sector',
  'area',
  'home',
  'ambiguous',
  'no_match',
  'unknown',
] as const;
export type GeocodeOutcome = (typeof GEOCODE_OUTCOMES)[number];

/** Outcomes that place a point. */
export const PLACED_OUTCOMES: ReadonlySet<GeocodeOutcome> = new Set([
  'premises',
  'landmark',
  'junction',
  'street',
  'postcode',
  'postcode_sector',
  'area',
]);

export interface GeocodeInput {
  /** Scrubbed free text. */
  text: string | null;
  /** A full postcode for the location, if one was sent or found (never stored). */
  postcode?: string | null;
  /** The ED the row came from: settles names that exist in several places. */
  siteCode?: string | null;
  /** The de-identify stage already recognised the location as a home. */
  isHome?: boolean;
}

export interface GeocodeResult {
  outcome: GeocodeOutcome;
  /** How the answer was reached, e.g. "premises_exact", "street_fuzzy", "postcode_exact". */
  method: string;
  /** 0..1; 0 for outcomes without a point. */
  confidence: number;
  /** The gazetteer entry matched, when there is one. */
  matchedId: string | null;
  matchedName: string | null;
  longitude: number | null;
  latitude: number | null;
  lsoaCode: string | null;
  wardCode: string | null;
  /** For `ambiguous`: the competing places the text could not choose between (name, kind, LSOA). */
  candidates?: string[];
}

export interface Geocoder {
  geocode(input: GeocodeInput): GeocodeResult;
  /**
   * The question an input asks, as a string: two inputs with the same key get
   * the same answer. Text is compared as the geocoder reads it (case, punctuation
   * and shorthand normalised), so "JCT OF HIGH RD & MILL LN" and "jct of high rd
   * + mill lane" share a key. For memos.
   */
  questionKey(input: GeocodeInput): string;
  /** Identifies the gazetteer build (content hash), stored with every result for re-geocoding. */
  readonly gazetteerVersion: string;
}
