/**
 * A geocoder that remembers its recent answers. Reception staff type the same
 * few hundred strings over and over ("pt's home", "u/k", "o/s spoons high rd"),
 * so most rows of a month repeat an earlier question exactly; the geocoder is a
 * pure function of its input and gazetteer, so the answer can be reused.
 * Bounded, so memory stays flat however large the extract.
 */
import type { GeocodeInput, GeocodeResult, Geocoder } from '../geocode/types.ts';

export const DEFAULT_MEMO_ENTRIES = 50_000;

export function memoiseGeocoder(geocoder: Geocoder, maxEntries = DEFAULT_MEMO_ENTRIES): Geocoder {
  const memo = new Map<string, GeocodeResult>();
  return {
    gazetteerVersion: geocoder.gazetteerVersion,
    geocode(input: GeocodeInput): GeocodeResult {
      const key = `${input.siteCode ?? ''}\u0000${input.isHome ? 1 : 0}\u0000${input.postcode ?? ''}\u0000${input.text ?? ''}`;
      const known = memo.get(key);
      if (known) return known;
      const result = geocoder.geocode(input);
      // Oldest entries go first: Map keeps insertion order.
      if (memo.size >= maxEntries) memo.delete(memo.keys().next().value!);
      memo.set(key, result);
      return result;
    },
  };
}
