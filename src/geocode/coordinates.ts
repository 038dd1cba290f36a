/**
 * Place-of-injury coordinates (ECDS EC_Place_Of_Injury_Latitude/Longitude),
 * used ahead of the text when the point falls inside the area: a point a
 * clinician or an app recorded is better evidence than "o/s the chippy". A
 * point outside every LSOA of the area is not trusted (a typo, a swapped pair,
 * a phone's last fix far away) and the text is geocoded instead; the pipeline
 * notes it for the hospital. A home is never placed, whatever its coordinates.
 *
 * The point is kept only as every placed answer is: the point and its LSOA.
 */
import type { Gazetteer } from './gazetteer/load.ts';
import type { GeocodeInput, GeocodeResult, Geocoder } from './types.ts';

/** Recorded coordinates: a street-level fix, not a geocoder's match, so a little below an exact premises match. */
const COORDINATE_CONFIDENCE = 0.9;

export const COORDINATES_METHOD = 'coordinates';

/** The answer for a recorded point, or null when the point is outside the area. */
export function placeByCoordinates(gazetteer: Pick<Gazetteer, 'lsoaAt'>, point: { longitude: number; latitude: number }): GeocodeResult | null {
  const lsoa = gazetteer.lsoaAt(point.longitude, point.latitude);
  if (lsoa === null) return null;
  return {
    outcome: 'coordinates',
    method: COORDINATES_METHOD,
    confidence: COORDINATE_CONFIDENCE,
    matchedId: null,
    matchedName: null,
    // Six decimals (about 10 cm): more is noise, and the store keeps no more for any answer.
    longitude: Number(point.longitude.toFixed(6)),
    latitude: Number(point.latitude.toFixed(6)),
    lsoaCode: lsoa.code,
    wardCode: lsoa.wardCode,
  };
}

/**
 * A geocoder that answers from recorded coordinates when an input has a point
 * inside the area and is not a home, and from the wrapped geocoder otherwise.
 * Outside the memo of the wrapped geocoder, whose keys do not include the point.
 */
export function withCoordinates(geocoder: Geocoder, gazetteer: Pick<Gazetteer, 'lsoaAt'>): Geocoder {
  return {
    gazetteerVersion: geocoder.gazetteerVersion,
    questionKey: (input) => geocoder.questionKey(input),
    geocode(input: GeocodeInput): GeocodeResult {
      if (input.point && input.isHome !== true) {
        const placed = placeByCoordinates(gazetteer, input.point);
        if (placed) return placed;
      }
      return geocoder.geocode(input);
    },
  };
}
