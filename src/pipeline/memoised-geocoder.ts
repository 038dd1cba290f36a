/**
 * A geocoder that remembers its recent answers. Reception staff type the same
 * few hundred strings over and over ("pt's home", "u/k", "o/s spoons high rd"),
 * so most rows of a month repeat an earlier question exactly; the geocoder is a
 * pure function of its input and gazetteer, so the answer can be reused.
 *
 * Two levels of memo, because the text varies more than the question does: the first is
 * keyed by the input exactly as sent (a lookup, nothing computed); on a miss the
 * second is keyed by the geocoder's own question key, in which "O/S THE PLOUGH"
 * and "o/s the plough." are one question, so only a question not seen recently
 * pays for a full geocode. Bounded, so memory stays flat however large the extract.
 */
import type { GeocodeInput, GeocodeResult, Geocoder } from '../geocode/types.ts';
import { BoundedMemo } from '../lib/bounded-memo.ts';

export const DEFAULT_MEMO_ENTRIES = 50_000;

export function memoiseGeocoder(geocoder: Geocoder, maxEntries = DEFAULT_MEMO_ENTRIES): Geocoder {
  const byQuestion = new BoundedMemo<GeocodeResult>(maxEntries);
  const geocodeInput = (_questionKey: string, input: GeocodeInput) => geocoder.geocode(input);
  const answerQuestion = (_inputKey: string, input: GeocodeInput) => byQuestion.recall(geocoder.questionKey(input), geocodeInput, input);
  // Most rows carry only text: those are remembered by the text itself, one memo per
  // site, so a row's lookup builds no key. Rows with a postcode or a home flag share
  // one memo keyed by everything; site and postcode never hold a NUL and the text
  // comes last, so no two inputs share a key.
  const textOnly = new Map<string, BoundedMemo<GeocodeResult>>();
  const other = new BoundedMemo<GeocodeResult>(maxEntries);
  return {
    gazetteerVersion: geocoder.gazetteerVersion,
    questionKey: (input) => geocoder.questionKey(input),
    geocode(input: GeocodeInput): GeocodeResult {
      if (input.isHome !== true && !input.postcode) {
        const site = input.siteCode ?? '';
        let memo = textOnly.get(site);
        if (memo === undefined) textOnly.set(site, (memo = new BoundedMemo<GeocodeResult>(maxEntries)));
        return memo.recall(input.text ?? '', answerQuestion, input);
      }
      const key = `${input.siteCode ?? ''}\u0000${input.isHome === true ? 1 : 0}\u0000${input.postcode ?? ''}\u0000${input.text ?? ''}`;
      return other.recall(key, answerQuestion, input);
    },
  };
}
