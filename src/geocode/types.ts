/**
 * The geocoder's answer for one location. "home", "ambiguous", "no_match" and
 * "unknown" are explicit outcomes that carry no point: the geocoder never
 * guesses.
 */
/** Outcomes that place a point: the one list every stage (and the store's SQL) counts "placed" by. */
export const PLACED_OUTCOME_LIST = ['premises', 'landmark', 'junction', 'street', 'postcode', 'postcode_sector', 'area', 'coordinates'] as const;
export type PlacedOutcome = (typeof PLACED_OUTCOME_LIST)[number];

export const GEOCODE_OUTCOMES = [...PLACED_OUTCOME_LIST, 'home', 'ambiguous', 'no_match', 'unknown'] as const;
export type GeocodeOutcome = (typeof GEOCODE_OUTCOMES)[number];

export const PLACED_OUTCOMES: ReadonlySet<GeocodeOutcome> = new Set(PLACED_OUTCOME_LIST);

export interface GeocodeInput {
  /** Scrubbed free text. */
  text: string | null;
  /** A full postcode for the location, if one was sent or found (never stored). */
  postcode?: string | null;
  /** The ED the row came from: settles names that exist in several places. */
  siteCode?: string | null;
  /** The de-identify stage already recognised the location as a home. */
  isHome?: boolean;
  /** Place-of-injury coordinates the hospital recorded (WGS84), used ahead of the text when inside the area (see coordinates.ts). */
  point?: { longitude: number; latitude: number } | null;
}

export type UnplacedOutcome = Exclude<GeocodeOutcome, PlacedOutcome>;

interface GeocodeAnswer {
  /** How the answer was reached, e.g. "premises_exact", "street_fuzzy", "postcode_text"; for an answer without a point, the reason ("home_text", "several_places", "no_name_found"). */
  method: string;
}

/** A place was found: a point, and the LSOA and ward it lies in. */
export interface PlacedResult extends GeocodeAnswer {
  outcome: PlacedOutcome;
  /** 0..1. */
  confidence: number;
  /** The gazetteer entry matched, when there is one (a postcode or a recorded point has none). */
  matchedId: string | null;
  matchedName: string | null;
  longitude: number;
  latitude: number;
  /** Null only for a point outside every LSOA of the area. */
  lsoaCode: string | null;
  wardCode: string | null;
  candidates?: undefined;
}

/** No place: a home, an ambiguous text, an unknown location or no match; `method` says why. The point fields are there, always null, so that a row writer reads every answer alike. */
export interface UnplacedResult extends GeocodeAnswer {
  outcome: UnplacedOutcome;
  confidence: 0;
  matchedId: null;
  matchedName: null;
  longitude: null;
  latitude: null;
  lsoaCode: null;
  wardCode: null;
  /** For `ambiguous`: the competing places the text could not choose between (name, kind, LSOA). */
  candidates?: string[];
}

export type GeocodeResult = PlacedResult | UnplacedResult;

export const isPlacedResult = (result: GeocodeResult): result is PlacedResult => PLACED_OUTCOMES.has(result.outcome);

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
