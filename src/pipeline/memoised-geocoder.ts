/**
 * A geocoder that remembers its recent answers. Reception staff type the same
 * few hundred strings over and over ("pt's home", "u/k", "o/s spoons high rd"),
 * so most rows of a month repeat an earlier question exactly; the geocoder is a
 * pure function of its input and gazetteer, so the answer can be reused.
 * Bounded, so memory stays flat however large the extract.
 */
import type { GeocodeInput, GeocodeResult, Geocoder } from '../geocode/types.ts';
import { BoundedMemo } from '../lib/bounded-memo.ts';

export const DEFAULT_MEMO_ENTRIES = 50_000;

export function memoiseGeocoder(geocoder: Geocoder, maxEntries = DEFAULT_MEMO_ENTRIES): Geocoder {
  const memo = new BoundedMemo<GeocodeResult>(maxEntries);
  const geocodeInput = (_key: string, input: GeocodeInput) => geocoder.geocode(input);
  return {
    gazetteerVersion: geocoder.gazetteerVersion,
    geocode(input: GeocodeInput): GeocodeResult {
      const key = `${input.siteCode ?? ''}\u0000${input.isHome ? 1 : 0}\u0000${input.postcode ?? ''}\u0000${input.text ?? ''}`;
      return memo.recall(key, geocodeInput, input);
    },
  };
}
