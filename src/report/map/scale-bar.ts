/**
 * A scale bar measured from the map's own projection: the ground distance
 * between two screen points either side of the map's centre (great-circle
 * distance on the WGS84 mean radius), rounded down to a length a reader can
 * use (1, 2 or 5 × 10ⁿ metres). Web Mercator stretches with latitude, so the
 * bar holds at the centre of the map, the latitude it is measured at.
 */
import { geoDistance, type GeoProjection } from 'd3-geo';

/** IUGG mean Earth radius in metres. */
export const EARTH_RADIUS_METRES = 6_371_008.8;

export interface ScaleBar {
  metres: number;
  pixels: number;
  /** "500 m", "1 km", "2 km". */
  label: string;
}

/** Metres on the ground per screen pixel at `at`, measured over ±`span` pixels horizontally. */
export function metresPerPixel(projection: GeoProjection, at: [number, number], span = 50): number {
  const west = projection.invert?.([at[0] - span, at[1]]);
  const east = projection.invert?.([at[0] + span, at[1]]);
  if (!west || !east) throw new Error('The map projection cannot be inverted, so no scale can be measured');
  return (geoDistance(west, east) * EARTH_RADIUS_METRES) / (2 * span);
}

export function scaleLabel(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toLocaleString('en-GB')} km` : `${metres.toLocaleString('en-GB')} m`;
}

/** The longest 1, 2 or 5 × 10ⁿ metres that fits in `maxPixels` at `metresPerPixel`. */
export function niceScaleBar(metresPerPixelValue: number, maxPixels: number): ScaleBar {
  if (!(metresPerPixelValue > 0) || !(maxPixels > 0)) throw new Error(`A scale bar needs a positive scale and width (got ${metresPerPixelValue} m/px, ${maxPixels} px)`);
  const maxMetres = metresPerPixelValue * maxPixels;
  let best = 0;
  for (let exponent = Math.floor(Math.log10(maxMetres)) - 1; exponent <= Math.floor(Math.log10(maxMetres)); exponent += 1) {
    for (const step of [1, 2, 5]) {
      const metres = step * Math.pow(10, exponent);
      if (metres <= maxMetres * (1 + 1e-9) && metres > best) best = metres;
    }
  }
  const metres = Number(best.toPrecision(1));
  return { metres, pixels: metres / metresPerPixelValue, label: scaleLabel(metres) };
}

export function scaleBarFor(projection: GeoProjection, at: [number, number], maxPixels: number): ScaleBar {
  return niceScaleBar(metresPerPixel(projection, at), maxPixels);
}
